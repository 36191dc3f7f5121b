import type { INodeProperties } from 'n8n-workflow';

import { description as lookUp } from './actions/lookUp.operation';
import { description as paymentStatus } from './actions/paymentStatus.operation';
import { description as post } from './actions/post.operation';
import { checkInvoicesDescription, postInvoicesDescription, syncCustomersDescription, synchroniseDescription, syncProjectsDescription } from './actions/sage100.operation';

/** The operations for a Sage 100 (France) company; the others are for Sage 50 and generic ODBC. */
export const SAGE100_OPERATIONS = ['syncCustomers', 'syncProjects', 'checkInvoices', 'postInvoices', 'synchronise'] as const;
export type Sage100OperationName = (typeof SAGE100_OPERATIONS)[number];

/** The operation to choose, then what each operation shows (its own file holds its fields beside its execute). */
export const sageImportProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Check Invoices (Sage 100)',
				value: 'checkInvoices',
				action: 'Check invoices for sage 100',
				description: 'Find every reason Sage 100 would refuse each invoice, without posting anything',
			},
			{
				name: 'Get Payment Status',
				value: 'paymentStatus',
				action: 'Get payment status of sales invoices',
				description: 'Sage 50 UK and generic ODBC: whether posted sales invoices are paid — amount, amount paid, outstanding',
			},
			{
				name: 'Look Up',
				value: 'lookUp',
				action: 'Look up sage codes',
				description: 'Read customers, suppliers, nominal accounts, tax codes, departments, journals or projects',
			},
			{
				name: 'Post Documents',
				value: 'post',
				action: 'Post documents to sage',
				description: 'Sage 50 and generic ODBC: post invoices, credit notes and purchase invoices; skip what Sage already has',
			},
			{
				name: 'Post Invoices (Sage 100)',
				value: 'postInvoices',
				action: 'Post invoices to sage 100',
				description: 'Post sales invoices and credit notes to the sales journal with their project; skip what Sage already has',
			},
			{
				name: 'Sync Customers (Sage 100)',
				value: 'syncCustomers',
				action: 'Sync customers to sage 100',
				description: 'Create customers Sage 100 does not have yet; each needs a unique code',
			},
			{
				name: 'Sync Projects (Sage 100)',
				value: 'syncProjects',
				action: 'Sync projects to sage 100',
				description: 'Create projects as sections of the analytic plan for projects',
			},
			{
				name: 'Synchronise All (Sage 100)',
				value: 'synchronise',
				action: 'Synchronise customers projects and invoices with sage 100',
				description: 'Customers, then projects, then invoices checked and posted, in one run with a status for each',
			},
		],
		default: 'post',
	},
	...post,
	...checkInvoicesDescription,
	...postInvoicesDescription,
	...syncCustomersDescription,
	...syncProjectsDescription,
	...synchroniseDescription,
	...paymentStatus,
	...lookUp,
];

import type { INodeProperties } from 'n8n-workflow';

import { description as createBatch } from './actions/createBatch.operation';
import { description as exportBatch } from './actions/exportBatch.operation';
import { description as getInvoices } from './actions/getInvoices.operation';
import { description as getUnposted } from './actions/getUnposted.operation';
import { description as reExportBatch } from './actions/reExportBatch.operation';
import { description as syncPayments } from './actions/syncPayments.operation';
import { description as syncStart } from './actions/syncStart.operation';

/** The operation to choose, then what each operation shows (its own file holds its fields beside its execute). */
export const connectWiseManageProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Create Batch', value: 'createBatch', action: 'Create a batch from what reached the ledger', description: 'Mark the GL entries of posted documents as a batch, so Manage stops listing them; failures stay unposted' },
			{ name: 'Export GL Batch', value: 'exportBatch', action: 'Export unposted transactions as ledger documents', description: 'Export unposted invoices, expenses or procurement as canonical ledger documents (nothing is marked posted yet)' },
			{ name: 'Get Invoices', value: 'getInvoices', action: 'Get invoices', description: 'Manage invoices by condition, e.g. the unpaid ones whose payments to check in the ledger' },
			{ name: 'Get Payment Sync Start Date', value: 'syncStart', action: 'Get the start date for a payment sync', description: 'Last successful run, past week, two weeks, month, or a custom date' },
			{ name: 'Get Unposted', value: 'getUnposted', action: 'List unposted transactions', description: 'Invoices, expenses and procurement Manage has not batched yet' },
			{ name: 'Re-Export Batch', value: 'reExportBatch', action: 'Re export an existing batch', description: 'The documents of an earlier batch again — e.g. after the ledger was restored from a backup' },
			{ name: 'Sync Invoice Payments', value: 'syncPayments', action: 'Sync invoice payments into manage', description: 'Set each Manage invoice\'s payment to what the ledger has received; nothing changes twice' },
		],
		default: 'exportBatch',
	},
	...createBatch,
	...exportBatch,
	...getInvoices,
	...syncStart,
	...getUnposted,
	...reExportBatch,
	...syncPayments,
];

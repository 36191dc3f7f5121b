import type { INodeProperties } from 'n8n-workflow';

import { description as lookUp } from './actions/lookUp.operation';
import { description as paymentStatus } from './actions/paymentStatus.operation';
import { description as post } from './actions/post.operation';

/** The operation to choose, then what each operation shows (its own file holds its fields beside its execute). */
export const exactOnlineProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Post Entries',
				value: 'post',
				action: 'Post sales and purchase entries',
				description: 'Post invoices and credit notes as sales or purchase entries; skip what Exact already has',
			},
			{
				name: 'Get Payment Status',
				value: 'paymentStatus',
				action: 'Get payment status of sales entries',
				description: 'Whether posted sales invoices are paid: amount paid, outstanding, last payment date',
			},
			{
				name: 'Look Up',
				value: 'lookUp',
				action: 'Look up exact online codes',
				description: 'Read divisions, journals, G/L accounts, VAT codes, payment conditions or currencies',
			},
		],
		default: 'post',
	},
	...post,
	...paymentStatus,
	...lookUp,
];

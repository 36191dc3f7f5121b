import type { INodeProperties } from 'n8n-workflow';

import { description as find } from './actions/find.operation';
import { description as forget } from './actions/forget.operation';

/** The operation to choose, then what each operation shows (its own file holds its fields beside its execute). */
export const postingJournalProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Find Documents',
				value: 'find',
				action: 'Find documents in the posting journal',
				description: 'Whether a document was posted, written or rejected, when, where and by which execution',
			},
			{
				name: 'Forget Documents',
				value: 'forget',
				action: 'Forget documents in the posting journal',
				description: 'Remove documents deleted from the ledger by hand, so that the next run posts them again',
			},
		],
		default: 'find',
	},
	...find,
	...forget,
];

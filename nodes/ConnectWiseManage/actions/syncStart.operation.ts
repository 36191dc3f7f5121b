import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { syncStartDate, type StartDateMode } from '../../../lib/sources/connectwise/paymentSync';
import { syncState } from './syncPayments.operation';
import { forOperation } from '../../shared/descriptions';

/** Get Payment Sync Start Date: the date the ledger's payment look-up should start from. */
export async function syncStart(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const mode = this.getNodeParameter('startDateMode', 0, 'lastSuccessfulRun') as StartDateMode;
	const state = syncState(this);
	const start = syncStartDate(mode, new Date(), { lastSuccessfulRun: state.lastSuccessfulRun, customDate: this.getNodeParameter('customStartDate', 0, '') as string });
	return [[{ json: { kind: 'paymentSyncStart', mode, startDate: start.date, explanation: start.explanation, lastSuccessfulRun: state.lastSuccessfulRun ?? null }, pairedItem: { item: 0 } }]];
}

/** What the editor shows for Get Payment Sync Start Date. */
export const description: INodeProperties[] = forOperation('syncStart', [
	{
		displayName: 'Start Date',
		name: 'startDateMode',
		type: 'options',
		// The seed's order (newest first), which reads better than the alphabet here.
		// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items
		options: [
			{ name: 'Last Successful Run', value: 'lastSuccessfulRun' },
			{ name: 'Past Week', value: 'pastWeek' },
			{ name: 'Past Two Weeks', value: 'pastTwoWeeks' },
			{ name: 'Past Month', value: 'pastMonth' },
			{ name: 'Custom Date', value: 'custom' },
		],
		default: 'lastSuccessfulRun',
		description: 'Payments recorded in the ledger since this date are synced. Syncing an invoice again does no harm, so when unsure, reach further back.',
	},
	{
		displayName: 'Custom Start Date',
		name: 'customStartDate',
		type: 'string',
		default: '',
		placeholder: '2026-01-01',
		displayOptions: { show: { startDateMode: ['custom'] } },
	},
]);

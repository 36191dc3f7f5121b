import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { paymentStatuses } from '../../../lib/targets/exactOnline/payments';
import type { ExactClient } from '../../../lib/targets/exactOnline/transport/client';
import { forOperation } from '../../shared/descriptions';
import { divisionProperty, exactJournalProperty } from './common.descriptions';

/** Get Payment Status: one output item per input item, whatever the number of invoices, in a few requests. */
export async function paymentStatus(this: IExecuteFunctions, client: ExactClient): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const numbers = items.map((_, index) => String(this.getNodeParameter('invoiceNumber', index, '') ?? '').trim());
	const statuses = await paymentStatuses(client, numbers);
	return [statuses.map((status, item) => ({ json: { ...status }, pairedItem: { item } }))];
}

/** What the editor shows for Get Payment Status. */
export const description: INodeProperties[] = forOperation('paymentStatus', [
	divisionProperty,
	exactJournalProperty,
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		default: '={{ $json.documentNumber ?? $json.header?.number }}',
		description: 'The source invoice number posted as YourRef, one per input item',
	},
]);

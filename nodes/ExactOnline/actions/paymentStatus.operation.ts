import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { paymentStatuses } from '../../../lib/targets/exactOnline/payments';
import type { ExactClient } from '../../../lib/targets/exactOnline/transport/client';

/** Get Payment Status: one output item per input item, whatever the number of invoices, in a few requests. */
export async function paymentStatus(this: IExecuteFunctions, client: ExactClient): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const numbers = items.map((_, index) => String(this.getNodeParameter('invoiceNumber', index, '') ?? '').trim());
	const statuses = await paymentStatuses(client, numbers);
	return [statuses.map((status, item) => ({ json: { ...status }, pairedItem: { item } }))];
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';
import { conditionDate } from '../../../lib/sources/connectwise/transport/conditions';
import { forOperation } from '../../shared/descriptions';

/** Get Invoices: Manage invoices with what they show as paid, a thousand a request. */
export async function getInvoices(this: IExecuteFunctions, client: ManageClient): Promise<INodeExecutionData[][]> {
	const conditions = String(this.getNodeParameter('invoiceConditions', 0, '')).trim();
	const since = String(this.getNodeParameter('changedSince', 0, '')).trim().slice(0, 10);
	if (since && !/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new Error(`Changed Since "${since}" is not a date (YYYY-MM-DD).`);
	const changed = since ? `_info/lastUpdated >= ${conditionDate(`${since}T00:00:00Z`)}` : undefined;
	const query = conditions && changed ? `(${conditions}) OR ${changed}` : conditions || changed;
	const invoices = await client.getAll<IDataObject>('finance/invoices', { ...(query ? { conditions: query } : {}), fields: 'id,invoiceNumber,type,date,dueDate,total,payments,credits,balance,company,currency' }, { pageSize: 1000 });
	const pairedItem = this.getInputData().map((_, item) => ({ item }));
	return [invoices.map((invoice) => ({ json: invoice, pairedItem })), [], [{ json: { kind: 'invoiceSummary', invoices: invoices.length, manageRequests: client.stats.requests }, pairedItem }]];
}

/** What the editor shows for Get Invoices. */
export const description: INodeProperties[] = forOperation('getInvoices', [
	{
		displayName: 'Conditions',
		name: 'invoiceConditions',
		type: 'string',
		default: 'balance != 0',
		description: 'Manage conditions syntax (e.g. <code>balance != 0 AND date >= [2026-01-01T00:00:00Z]</code>); empty means every invoice',
	},
	{
		displayName: 'Changed Since',
		name: 'changedSince',
		type: 'string',
		default: '',
		placeholder: '={{ $json.startDate }}',
		description: 'Also include invoices updated in Manage since this date (YYYY-MM-DD), e.g. the payment sync start date, so a reversed payment on a paid invoice is seen too',
	},
]);

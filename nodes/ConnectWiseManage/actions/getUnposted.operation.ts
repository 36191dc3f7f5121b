import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';
import { and, conditionDate, inList } from '../../../lib/sources/connectwise/transport/conditions';
import { idList } from './exportBatch.operation';

const PATHS = {
	invoices: 'finance/accounting/unpostedinvoices',
	expenses: 'finance/accounting/unpostedexpenses',
	procurement: 'finance/accounting/unpostedprocurement',
} as const;

/** Get Unposted: what Manage has not batched yet, a thousand records a request. */
export async function getUnposted(this: IExecuteFunctions, client: ManageClient): Promise<INodeExecutionData[][]> {
	const kinds = this.getNodeParameter('kinds', 0, ['invoices']) as Array<keyof typeof PATHS>;
	const locationId = this.getNodeParameter('locationId', 0, 0) as number;
	const thruDate = String(this.getNodeParameter('thruDate', 0, '')).trim();
	const included = idList(this.getNodeParameter('includedIds', 0, '') as string, 'Include Only IDs');
	const excluded = new Set(idList(this.getNodeParameter('excludedIds', 0, '') as string, 'Exclude IDs'));
	const pairedItem = this.getInputData().map((_, item) => ({ item }));
	const records: INodeExecutionData[] = [];
	const counts: IDataObject = {};
	for (const kind of kinds) {
		const conditions = and(
			locationId > 0 ? `locationId = ${locationId}` : undefined,
			thruDate && kind === 'invoices' ? `invoiceDate <= ${conditionDate(`${thruDate}T23:59:59Z`)}` : undefined,
			included.length > 0 ? inList('id', included) : undefined,
		);
		const found = await client.getAll<IDataObject>(PATHS[kind], conditions ? { conditions } : {}, { pageSize: 1000 });
		const kept = found.filter((record) => !excluded.has(Number(record.id)));
		counts[kind] = kept.length;
		records.push(...kept.map((record) => ({ json: { kind, ...record }, pairedItem })));
	}
	return [records, [], [{ json: { kind: 'unpostedSummary', ...counts, manageRequests: client.stats.requests }, pairedItem }]];
}

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

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';
import { and, conditionDate, inList } from '../../../lib/sources/connectwise/transport/conditions';
import { idList } from './exportBatch.operation';
import { forOperation } from '../../shared/descriptions';
import { unpostedSelection } from './common.descriptions';

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

/** What the editor shows for Get Unposted. */
export const description: INodeProperties[] = forOperation('getUnposted', [
	...unpostedSelection,
]);

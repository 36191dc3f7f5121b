import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { syncStartDate, type LedgerPaymentStatus, type StartDateMode } from '../../../lib/sources/connectwise/paymentSync';
import { syncPaymentsToManage } from '../../../lib/sources/connectwise/paymentSyncRun';
import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';

/** Where the last successful sync is remembered: the workflow's static data, shared by its nodes. */
const STATIC_KEY = 'connectWisePaymentSync';

interface SyncState {
	lastSuccessfulRun?: string;
}

function syncState(context: IExecuteFunctions): SyncState & IDataObject {
	const data = context.getWorkflowStaticData('global');
	data[STATIC_KEY] ??= {};
	return data[STATIC_KEY] as SyncState & IDataObject;
}

/** Get Payment Sync Start Date: the date the ledger's payment look-up should start from. */
export async function syncStart(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const mode = this.getNodeParameter('startDateMode', 0, 'lastSuccessfulRun') as StartDateMode;
	const state = syncState(this);
	const start = syncStartDate(mode, new Date(), { lastSuccessfulRun: state.lastSuccessfulRun, customDate: this.getNodeParameter('customStartDate', 0, '') as string });
	return [[{ json: { kind: 'paymentSyncStart', mode, startDate: start.date, explanation: start.explanation, lastSuccessfulRun: state.lastSuccessfulRun ?? null }, pairedItem: { item: 0 } }]];
}

/** Sync Invoice Payments: each Manage invoice's payment set to what the ledger has received. */
export async function syncPayments(this: IExecuteFunctions, client: ManageClient): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const statuses: Array<LedgerPaymentStatus & { item: number }> = [];
	const notInLedger: INodeExecutionData[] = [];
	items.forEach((_, item) => {
		const invoiceNumber = String(this.getNodeParameter('invoiceNumber', item, '') ?? '').trim();
		if (!invoiceNumber) return;
		const amountPaid = String(this.getNodeParameter('amountPaid', item, '') ?? '').trim();
		// The ledger look-up found no such invoice (e.g. Exact's "found: false"): nothing to sync.
		if (amountPaid === '' || items[item].json.found === false) {
			notInLedger.push({ json: { invoiceNumber, action: 'notInLedger', message: 'the ledger has no invoice with this number; Manage is left as it is' }, pairedItem: { item } });
			return;
		}
		statuses.push({
			item,
			invoiceNumber,
			amountPaid,
			lastPaymentDate: String(this.getNodeParameter('paymentDate', item, '') ?? '') || undefined,
		});
	});
	const synced = await syncPaymentsToManage(client, statuses);
	const results: INodeExecutionData[] = synced.map(({ change, ok, message }, position) => ({
		json: { invoiceNumber: change.invoiceNumber, action: ok ? change.kind : 'failed', ...('amount' in change ? { amount: change.amount } : {}), message },
		pairedItem: { item: statuses[position].item },
	}));
	results.push(...notInLedger);
	const failed = synced.filter((result) => !result.ok).length;
	const count = (kind: string) => results.filter((result) => result.json.action === kind).length;
	const state = syncState(this);
	const runAt = new Date().toISOString();
	// Only a run without failures moves the "last successful run" start date on.
	if (failed === 0) state.lastSuccessfulRun = runAt;
	const summary = {
		kind: 'paymentSyncSummary',
		invoices: statuses.length,
		created: count('create'),
		updated: count('update'),
		removed: count('remove'),
		unchanged: count('unchanged'),
		notInManage: count('notInManage'),
		notInLedger: notInLedger.length,
		failed,
		lastSuccessfulRun: state.lastSuccessfulRun ?? null,
		manageRequests: client.stats.requests,
	};
	return [results, [{ json: summary, pairedItem: items.map((_, item) => ({ item })) }]];
}

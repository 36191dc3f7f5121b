import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { LedgerPaymentStatus } from '../../../lib/sources/connectwise/paymentSync';
import { PaymentSyncAdapter } from '../../../lib/sources/connectwise/paymentSyncRun';
import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';
import type { PostingJournal } from '../../../lib/posting/journal/types';
import { runPosting } from '../../../lib/posting/pipeline';
import { rejectedItem } from '../../shared/items';
import { postingRun } from '../../shared/posting';
import { forOperation } from '../../shared/descriptions';
import { postingFields } from './common.descriptions';

/** Where the last successful sync is remembered: the workflow's static data, shared by its nodes. */
const STATIC_KEY = 'connectWisePaymentSync';

interface SyncState {
	lastSuccessfulRun?: string;
}

export function syncState(context: IExecuteFunctions): SyncState & IDataObject {
	const data = context.getWorkflowStaticData('global');
	data[STATIC_KEY] ??= {};
	return data[STATIC_KEY] as SyncState & IDataObject;
}

/**
 * Sync Invoice Payments: each Manage invoice's payment set to what the ledger has received,
 * through the posting pipeline (claim per invoice, its payments read again before writing).
 * Results holds one item per invoice (written, unchanged, in progress elsewhere, not in Manage,
 * not in the ledger); Rejected the ones Manage refused; Summary the counts.
 */
export async function syncPayments(this: IExecuteFunctions, client: ManageClient, journal: PostingJournal, scope: string): Promise<INodeExecutionData[][]> {
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
	const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
	const run = postingRun(this, journal, dryRun);
	const adapter = new PaymentSyncAdapter(client, scope);
	let result;
	await run.start();
	try {
		result = await runPosting(run, adapter, statuses.map((input, index) => ({ index, input })));
	} finally {
		await run.finish('done');
	}
	const results: INodeExecutionData[] = [];
	const rejected: INodeExecutionData[] = [];
	for (const outcome of result.outcomes) {
		const status = statuses[outcome.index];
		const pairedItem = { item: status.item };
		const change = outcome.identity ? adapter.changes.get(outcome.identity) : undefined;
		const amount = change && 'amount' in change ? { amount: change.amount } : {};
		switch (outcome.kind) {
			case 'posted':
				results.push({ json: { invoiceNumber: status.invoiceNumber, action: String(outcome.details?.action ?? change?.kind), ...amount, message: outcome.message, target: outcome.reference as IDataObject }, pairedItem });
				break;
			case 'preview':
				results.push({ json: { invoiceNumber: status.invoiceNumber, action: 'preview', planned: change?.kind ?? null, ...amount, message: outcome.message }, pairedItem });
				break;
			case 'duplicate':
				results.push({ json: { invoiceNumber: status.invoiceNumber, action: outcome.reason === 'inProgress' ? 'inProgress' : 'unchanged', message: outcome.message }, pairedItem });
				break;
			case 'skipped':
				results.push({ json: { invoiceNumber: status.invoiceNumber, action: 'notInManage', message: outcome.failure.message, failureCodes: [outcome.failure.code] }, pairedItem });
				break;
			case 'rejected':
				rejected.push(rejectedItem(outcome.input, outcome.failures, status.item, { document: `invoice ${status.invoiceNumber}`, extra: { invoiceNumber: status.invoiceNumber, action: 'failed' } }));
				break;
		}
	}
	results.push(...notInLedger);
	const failed = rejected.length;
	const count = (kind: string) => results.filter((entry) => entry.json.action === kind).length;
	const state = syncState(this);
	const runAt = new Date().toISOString();
	// Only a run without failures moves the "last successful run" start date on (a dry run never does).
	if (failed === 0 && !dryRun) state.lastSuccessfulRun = runAt;
	const summary = {
		kind: 'paymentSyncSummary',
		dryRun,
		invoices: statuses.length,
		created: count('create'),
		updated: count('update'),
		removed: count('remove'),
		unchanged: count('unchanged'),
		inProgress: count('inProgress'),
		notInManage: count('notInManage'),
		notInLedger: notInLedger.length,
		failed,
		lastSuccessfulRun: state.lastSuccessfulRun ?? null,
		manageRequests: client.stats.requests,
		journal: { description: result.journal, system: result.target.system, scope: result.target.scope },
	};
	return [results, rejected, [{ json: summary, pairedItem: items.map((_, item) => ({ item })) }]];
}

/** What the editor shows for Sync Invoice Payments. */
export const description: INodeProperties[] = forOperation('syncPayments', [
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		default: '={{ $json.invoiceNumber }}',
		description: 'Of each incoming payment status (Exact Online "Get Payment Status" or Sage Import "Get Payment Status")',
	},
	{
		displayName: 'Amount Paid',
		name: 'amountPaid',
		type: 'string',
		default: '={{ $json.amountPaid }}',
		description: 'The total the ledger has received against the invoice',
	},
	{
		displayName: 'Payment Date',
		name: 'paymentDate',
		type: 'string',
		default: '={{ $json.lastPaymentDate ?? "" }}',
		description: 'Date of the latest receipt; empty means today',
	},
	...postingFields,
]);

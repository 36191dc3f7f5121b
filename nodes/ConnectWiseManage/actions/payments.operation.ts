import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { planPaymentChanges, syncStartDate, type LedgerPaymentStatus, type ManageInvoice, type PaymentChange, type StartDateMode } from '../../../lib/sources/connectwise/paymentSync';
import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';
import { chunkedInConditions } from '../../../lib/sources/connectwise/transport/conditions';
import { ManageApiError } from '../../../lib/sources/connectwise/transport/errors';

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

const INVOICE_FIELDS = 'id,invoiceNumber,total,payments,balance,date';

/**
 * The Manage invoices for these numbers, in as few requests as it takes: a few "invoiceNumber
 * in (…)" queries when there are few, or every invoice a thousand at a time when that is
 * cheaper (10,000 invoices: 10 pages instead of ~70 queries).
 */
async function manageInvoices(client: ManageClient, numbers: string[]): Promise<Map<string, ManageInvoice>> {
	const chunks = chunkedInConditions('invoiceNumber', numbers);
	let invoices: ManageInvoice[] = [];
	if (chunks.length > 3 && Math.ceil((await client.count('finance/invoices')) / 1000) < chunks.length) {
		invoices = await client.getAll<ManageInvoice>('finance/invoices', { fields: INVOICE_FIELDS }, { pageSize: 1000 });
	} else {
		for (const conditions of chunks) invoices.push(...(await client.getAll<ManageInvoice>('finance/invoices', { conditions, fields: INVOICE_FIELDS }, { pageSize: 1000 })));
	}
	const wanted = new Set(numbers);
	return new Map(invoices.filter((invoice) => wanted.has(String(invoice.invoiceNumber).trim())).map((invoice) => [String(invoice.invoiceNumber).trim(), invoice]));
}

interface ManagePayment {
	id: number;
	amount?: number;
	paymentDate?: string;
}

/** Writes one change. Manage keeps one payment per invoice: a second one is a changed amount, never a new payment. */
async function applyChange(client: ManageClient, change: PaymentChange): Promise<string> {
	if (change.kind === 'unchanged' || change.kind === 'notInManage' || change.kind === 'invalid') return '';
	const paymentsPath = `finance/invoices/${change.invoiceId}/payments`;
	const existing = async () => await client.getAll<ManagePayment>(paymentsPath, { fields: 'id,amount,paymentDate' });
	if (change.kind === 'remove') {
		for (const payment of await existing()) await client.delete(`${paymentsPath}/${payment.id}`);
		return `payment of ${change.from} removed (the ledger no longer shows a receipt)`;
	}
	const paymentDate = `${change.paymentDate}T00:00:00Z`;
	const replace = async (payment: ManagePayment) => {
		await client.patch(`${paymentsPath}/${payment.id}`, [
			{ op: 'replace', path: 'amount', value: Number(change.amount) },
			{ op: 'replace', path: 'paymentDate', value: paymentDate },
		]);
	};
	if (change.kind === 'update') {
		const [payment] = await existing();
		if (payment) await replace(payment);
		else await client.post(paymentsPath, { invoice: { id: change.invoiceId }, amount: Number(change.amount), paymentDate });
		return `payment changed from ${change.from} to ${change.amount}${change.capped ? ' (capped at the invoice total)' : ''}`;
	}
	try {
		await client.post(paymentsPath, { invoice: { id: change.invoiceId }, amount: Number(change.amount), paymentDate });
	} catch (error) {
		// Someone recorded a payment since the invoices were read: change that one instead of adding a second.
		if (!(error instanceof ManageApiError) || error.kind === 'network' || error.outcomeUnknown) throw error;
		const [payment] = await existing();
		if (!payment) throw error;
		await replace(payment);
	}
	return `payment of ${change.amount} recorded${change.capped ? ' (capped at the invoice total)' : ''}`;
}

/** Sync Invoice Payments: each Manage invoice's payment set to what the ledger has received. */
export async function syncPayments(this: IExecuteFunctions, client: ManageClient): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const statuses: Array<LedgerPaymentStatus & { item: number }> = [];
	items.forEach((_, item) => {
		const invoiceNumber = String(this.getNodeParameter('invoiceNumber', item, '') ?? '').trim();
		if (!invoiceNumber) return;
		statuses.push({
			item,
			invoiceNumber,
			amountPaid: String(this.getNodeParameter('amountPaid', item, '0') ?? '0'),
			lastPaymentDate: String(this.getNodeParameter('paymentDate', item, '') ?? '') || undefined,
		});
	});
	const invoices = await manageInvoices(client, [...new Set(statuses.map((status) => status.invoiceNumber))]);
	const changes = planPaymentChanges(statuses, invoices, new Date());
	const results: INodeExecutionData[] = [];
	let failed = 0;
	for (const [position, change] of changes.entries()) {
		let message: string;
		let ok = true;
		try {
			message =
				change.kind === 'unchanged'
					? `already shows ${change.amountPaid} paid; nothing written`
					: change.kind === 'notInManage'
						? 'no Manage invoice has this number'
						: change.kind === 'invalid'
							? change.reason
							: await applyChange(client, change);
		} catch (error) {
			ok = false;
			failed += 1;
			message = `not updated: ${(error as Error).message}`;
		}
		results.push({ json: { invoiceNumber: change.invoiceNumber, action: ok ? change.kind : 'failed', ...('amount' in change ? { amount: change.amount } : {}), message }, pairedItem: { item: statuses[position].item } });
	}
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
		failed,
		lastSuccessfulRun: state.lastSuccessfulRun ?? null,
		manageRequests: client.stats.requests,
	};
	return [results, [{ json: summary, pairedItem: items.map((_, item) => ({ item })) }]];
}

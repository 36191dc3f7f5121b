/**
 * The payment sync against Manage: read the invoices in as few requests as it takes, plan
 * the changes (paymentSync.ts), write only those. Shared by the node and the benchmark.
 */
import { planPaymentChanges, type LedgerPaymentStatus, type ManageInvoice, type PaymentChange } from './paymentSync';
import type { ManageClient } from './transport/client';
import { chunkedInConditions } from './transport/conditions';
import { ManageApiError } from './transport/errors';

const INVOICE_FIELDS = 'id,invoiceNumber,total,payments,balance,date';

/**
 * The Manage invoices for these numbers: a few "invoiceNumber in (…)" queries when there are
 * few, or every invoice a thousand at a time when that takes fewer requests (10,000 invoices:
 * a count and 10 pages instead of ~100 queries).
 */
export async function manageInvoicesByNumber(client: ManageClient, numbers: string[]): Promise<Map<string, ManageInvoice>> {
	const chunks = chunkedInConditions('invoiceNumber', numbers);
	let invoices: ManageInvoice[] = [];
	if (chunks.length > 3 && Math.ceil((await client.count('finance/invoices')) / 1000) + 1 < chunks.length) {
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

/** Writes one change. Manage keeps one payment per invoice: a second receipt changes its amount, never adds a payment. */
export async function applyPaymentChange(client: ManageClient, change: PaymentChange): Promise<string> {
	switch (change.kind) {
		case 'unchanged':
			return `already shows ${change.amountPaid} paid; nothing written`;
		case 'notInManage':
			return 'no Manage invoice has this number';
		case 'invalid':
			return change.reason;
		default:
			break;
	}
	const paymentsPath = `finance/invoices/${change.invoiceId}/payments`;
	const existing = async () => await client.getAll<ManagePayment>(paymentsPath, { fields: 'id,amount,paymentDate' });
	if (change.kind === 'remove') {
		for (const payment of await existing()) await client.delete(`${paymentsPath}/${payment.id}`);
		return `payment of ${change.from} removed (the ledger no longer shows a receipt)`;
	}
	const paymentDate = `${change.paymentDate}T00:00:00Z`;
	const body = { invoice: { id: change.invoiceId }, amount: Number(change.amount), paymentDate };
	const replace = async (payment: ManagePayment) =>
		await client.patch(`${paymentsPath}/${payment.id}`, [
			{ op: 'replace', path: 'amount', value: Number(change.amount) },
			{ op: 'replace', path: 'paymentDate', value: paymentDate },
		]);
	const capped = change.capped ? ' (capped at the invoice total)' : '';
	if (change.kind === 'update') {
		const [payment] = await existing();
		if (payment) await replace(payment);
		else await client.post(paymentsPath, body);
		return `payment changed from ${change.from} to ${change.amount}${capped}`;
	}
	try {
		await client.post(paymentsPath, body);
	} catch (error) {
		// A payment recorded since the invoices were read: change that one rather than add a second.
		if (!(error instanceof ManageApiError) || error.kind === 'network' || error.outcomeUnknown) throw error;
		const [payment] = await existing();
		if (!payment) throw error;
		await replace(payment);
	}
	return `payment of ${change.amount} recorded${capped}`;
}

export interface PaymentSyncResult {
	change: PaymentChange;
	ok: boolean;
	message: string;
}

export async function syncPaymentsToManage(client: ManageClient, statuses: LedgerPaymentStatus[], today = new Date()): Promise<PaymentSyncResult[]> {
	const invoices = await manageInvoicesByNumber(client, [...new Set(statuses.map((status) => status.invoiceNumber.trim()))]);
	const results: PaymentSyncResult[] = [];
	for (const change of planPaymentChanges(statuses, invoices, today)) {
		try {
			results.push({ change, ok: true, message: await applyPaymentChange(client, change) });
		} catch (error) {
			results.push({ change, ok: false, message: `not updated: ${(error as Error).message}` });
		}
	}
	return results;
}

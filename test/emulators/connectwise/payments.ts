/**
 * Invoice payments (§3 InvoicePayment): `GET/POST finance/invoices/{id}/payments`,
 * `GET/PUT/PATCH/DELETE …/payments/{paymentId}`. Zynk: "ConnectWise only allow a single payment
 * per invoice", so a second POST is refused with ObjectExists and a sync must change the
 * existing payment's amount instead. The invoice's `payments` and `balance` follow the payment.
 * An amount beyond the invoice total is refused (Zynk's legacy doc says it is capped; the
 * reference calls that a vendor claim, so the emulator makes the client handle it).
 */
import { invalidField, ManageError, notFound } from './http';
import type { ManageState } from './state';
import type { Invoice, Payment } from './types';
import { fromCents, parseDate, toCents, toIsoDate } from './values';

const RESOURCE = 'invoicePayment';
const PATCHABLE = new Set(['amount', 'paymentdate', 'type', 'appliedby']);

export function invoiceOr404(state: ManageState, idText: string): Invoice {
	const invoice = state.invoice(Number(idText));
	if (!invoice) throw notFound(`Invoice with id ${idText} was not found.`);
	return invoice;
}

export function paymentOr404(state: ManageState, invoice: Invoice, idText: string): Payment {
	const payment = state.payments.find((candidate) => candidate.id === Number(idText) && candidate.invoiceId === invoice.id);
	if (!payment) throw notFound(`Payment ${idText} was not found on invoice ${invoice.invoiceNumber}.`);
	return payment;
}

function checkAmount(state: ManageState, invoice: Invoice, value: unknown): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidField(RESOURCE, 'amount', 'amount is required and must be a number.', 'MissingRequiredField');
	if (value <= 0) throw invalidField(RESOURCE, 'amount', `amount must be more than 0; to remove a payment, DELETE it.`);
	const totalCents = state.totalCents(invoice);
	if (totalCents <= 0) throw invalidField(RESOURCE, 'amount', `${invoice.invoiceNumber} is a credit memo (total ${fromCents(totalCents)}); payments apply to invoices.`);
	if (toCents(value) > totalCents) {
		throw invalidField(RESOURCE, 'amount', `amount ${value} is more than the total ${fromCents(totalCents)} of invoice ${invoice.invoiceNumber}.`, 'OutOfRange');
	}
	return fromCents(toCents(value));
}

function checkDate(value: unknown): string {
	const date = parseDate(value);
	if (!date) throw invalidField(RESOURCE, 'paymentDate', `paymentDate '${String(value)}' is not a date (use 2025-02-10T00:00:00Z).`);
	return toIsoDate(date);
}

function asObject(body: unknown): Record<string, unknown> {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ManageError(400, 'InvalidObject', `${RESOURCE} object is invalid: send a JSON object.`);
	return body as Record<string, unknown>;
}

export function createPayment(state: ManageState, invoice: Invoice, rawBody: unknown, appliedBy: string): Payment {
	const body = asObject(rawBody);
	const existing = state.paymentOf(invoice.id);
	if (existing) {
		throw new ManageError(400, 'InvalidObject', `${RESOURCE} object is invalid`, [
			{
				code: 'ObjectExists',
				message: `Invoice ${invoice.invoiceNumber} already has payment ${existing.id}; ConnectWise allows one payment per invoice: PATCH finance/invoices/${invoice.id}/payments/${existing.id} to change its amount.`,
				resource: RESOURCE,
				field: 'invoice',
			},
		]);
	}
	const invoiceRef = body.invoice as { id?: unknown } | undefined;
	if (invoiceRef?.id !== undefined && invoiceRef.id !== invoice.id) throw invalidField(RESOURCE, 'invoice', `invoice.id ${String(invoiceRef.id)} does not match the invoice in the URL (${invoice.id}).`);
	const now = toIsoDate(new Date(state.now()));
	const payment: Payment = {
		id: state.takePaymentId(),
		invoiceId: invoice.id,
		amount: checkAmount(state, invoice, body.amount),
		paymentDate: body.paymentDate === undefined ? now : checkDate(body.paymentDate),
		type: typeof body.type === 'string' ? body.type : 'Payment',
		appliedBy,
		lastUpdated: now,
	};
	state.payments.push(payment);
	return payment;
}

/** PUT: the whole writable record. */
export function replacePayment(state: ManageState, invoice: Invoice, payment: Payment, rawBody: unknown, appliedBy: string): Payment {
	const body = asObject(rawBody);
	payment.amount = checkAmount(state, invoice, body.amount);
	if (body.paymentDate !== undefined) payment.paymentDate = checkDate(body.paymentDate);
	if (typeof body.type === 'string') payment.type = body.type;
	payment.appliedBy = appliedBy;
	payment.lastUpdated = toIsoDate(new Date(state.now()));
	return payment;
}

/** PATCH takes a JSON Patch array, as every ConnectWise PATCH does: `[{"op":"replace","path":"amount","value":60}]`. */
export function patchPayment(state: ManageState, invoice: Invoice, payment: Payment, rawBody: unknown, appliedBy: string): Payment {
	if (!Array.isArray(rawBody)) {
		throw new ManageError(400, 'InvalidObject', 'PATCH takes a JSON Patch array, e.g. [{"op":"replace","path":"amount","value":60}].');
	}
	const changes: Partial<Payment> = {};
	for (const operation of rawBody as Array<{ op?: unknown; path?: unknown; value?: unknown }>) {
		const op = String(operation?.op ?? '').toLowerCase();
		const path = String(operation?.path ?? '').replace(/^\//, '');
		if (op !== 'replace' && op !== 'add') throw invalidField(RESOURCE, path || 'op', `Only replace and add operations are supported, not '${op}'.`);
		if (!PATCHABLE.has(path.toLowerCase())) throw invalidField(RESOURCE, path, `'${path}' cannot be patched on a payment; use amount, paymentDate, type or appliedBy.`);
		switch (path.toLowerCase()) {
			case 'amount':
				changes.amount = checkAmount(state, invoice, operation.value);
				break;
			case 'paymentdate':
				changes.paymentDate = checkDate(operation.value);
				break;
			case 'type':
				changes.type = String(operation.value);
				break;
			case 'appliedby':
				changes.appliedBy = String(operation.value);
				break;
		}
	}
	Object.assign(payment, { appliedBy }, changes, { lastUpdated: toIsoDate(new Date(state.now())) });
	return payment;
}

export function deletePayment(state: ManageState, payment: Payment): void {
	const index = state.payments.indexOf(payment);
	if (index >= 0) state.payments.splice(index, 1);
}

/**
 * Invoice payments from the ledger (Sage 50 or Exact Online) back onto ConnectWise Manage
 * invoices (seed 003, "Synchronizing Invoice Payments"). Manage keeps one payment per invoice
 * (reference §3 InvoicePayment, Zynk): the sync sets that payment to the total the ledger has
 * received, so running it twice changes nothing the second time. Amounts are compared and
 * set as decimals, never as floats.
 */
import { Decimal } from '../../model/decimal';

export type StartDateMode = 'lastSuccessfulRun' | 'pastWeek' | 'pastTwoWeeks' | 'pastMonth' | 'custom';

export interface StartDate {
	date: string;
	/** Why this date, for the run summary. */
	explanation: string;
}

function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

function daysBefore(today: Date, days: number): string {
	return isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days)));
}

/** The seed's "past month": from the same day of the previous month (10 April → 10 March; 31 March → 28/29 February). */
function sameDayLastMonth(today: Date): string {
	const year = today.getUTCMonth() === 0 ? today.getUTCFullYear() - 1 : today.getUTCFullYear();
	const month = (today.getUTCMonth() + 11) % 12;
	const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return isoDay(new Date(Date.UTC(year, month, Math.min(today.getUTCDate(), lastDay))));
}

export function syncStartDate(mode: StartDateMode, today: Date, options: { lastSuccessfulRun?: string; customDate?: string } = {}): StartDate {
	switch (mode) {
		case 'pastWeek':
			return { date: daysBefore(today, 7), explanation: 'the past week' };
		case 'pastTwoWeeks':
			return { date: daysBefore(today, 14), explanation: 'the past two weeks' };
		case 'pastMonth':
			return { date: sameDayLastMonth(today), explanation: 'the past month' };
		case 'custom': {
			const date = (options.customDate ?? '').slice(0, 10);
			if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Set the custom start date as YYYY-MM-DD (got "${options.customDate ?? ''}").`);
			return { date, explanation: `since ${date} (custom date)` };
		}
		case 'lastSuccessfulRun':
			if (options.lastSuccessfulRun) {
				return { date: options.lastSuccessfulRun.slice(0, 10), explanation: `since the last successful run (${options.lastSuccessfulRun})` };
			}
			// No run recorded yet: a sync is harmless to repeat (seed 003), so reach back a month.
			return { date: sameDayLastMonth(today), explanation: 'the past month (no successful run recorded yet)' };
	}
}

export interface LedgerPaymentStatus {
	invoiceNumber: string;
	/** Total received against the invoice in the ledger, as a decimal string. */
	amountPaid: string;
	lastPaymentDate?: string;
	fullyPaid?: boolean;
}

export interface ManageInvoice {
	id: number;
	invoiceNumber: string;
	total: number | string;
	/** What Manage already records as paid. */
	payments?: number | string;
	balance?: number | string;
	date?: string;
}

export type PaymentChange =
	| { kind: 'unchanged'; invoiceNumber: string; invoiceId: number; amountPaid: string }
	| { kind: 'create'; invoiceNumber: string; invoiceId: number; amount: string; paymentDate: string; capped: boolean }
	| { kind: 'update'; invoiceNumber: string; invoiceId: number; from: string; amount: string; paymentDate: string; capped: boolean }
	| { kind: 'remove'; invoiceNumber: string; invoiceId: number; from: string }
	| { kind: 'notInManage'; invoiceNumber: string }
	| { kind: 'invalid'; invoiceNumber: string; reason: string };

function amount(value: number | string | undefined): Decimal {
	return Decimal.parse(value === undefined || value === null || value === '' ? '0' : String(value)) ?? Decimal.ZERO;
}

/**
 * What to write for each invoice: nothing when Manage already shows the ledger's amount; a new
 * payment, a changed amount, or the payment removed (a reversed receipt) otherwise. An amount
 * above the invoice total is capped at the total, as Manage will not take more.
 */
export function planPaymentChanges(statuses: LedgerPaymentStatus[], invoices: Map<string, ManageInvoice>, today: Date): PaymentChange[] {
	return statuses.map((status) => {
		const invoiceNumber = status.invoiceNumber.trim();
		const invoice = invoices.get(invoiceNumber);
		if (!invoice) return { kind: 'notInManage', invoiceNumber };
		const paid = Decimal.parse(status.amountPaid);
		if (!paid || paid.isNegative()) return { kind: 'invalid', invoiceNumber, reason: `the ledger's amount paid "${status.amountPaid}" is not an amount` };
		const total = amount(invoice.total);
		const capped = paid.compare(total.abs()) > 0;
		const target = (capped ? total.abs() : paid).roundTo(2);
		const current = amount(invoice.payments).roundTo(2);
		if (target.equals(current)) return { kind: 'unchanged', invoiceNumber, invoiceId: invoice.id, amountPaid: current.toFixed(2) };
		if (target.isZero()) return { kind: 'remove', invoiceNumber, invoiceId: invoice.id, from: current.toFixed(2) };
		const paymentDate = (status.lastPaymentDate ?? isoDay(today)).slice(0, 10);
		if (current.isZero()) return { kind: 'create', invoiceNumber, invoiceId: invoice.id, amount: target.toFixed(2), paymentDate, capped };
		return { kind: 'update', invoiceNumber, invoiceId: invoice.id, from: current.toFixed(2), amount: target.toFixed(2), paymentDate, capped };
	});
}

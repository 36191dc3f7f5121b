/**
 * Credit limits when posting sales invoices to Sage 50 (seed 003 "Credit Limits"): a customer
 * is "No Credit Limit", "Notify Over Limit", "Always Notify", "Hold Over Limit" or "Always
 * Hold". Notify posts with a warning; Hold turns the invoice away — it is not saved and stays
 * queued for a later run.
 *
 * The limit and balance are SALES_LEDGER.CREDIT_LIMIT and BALANCE (reference §1), read with the
 * customers once per run. Invoices of the same run count against the balance in input order,
 * so of two invoices that together go over the limit the second is the one warned or held.
 * Amounts are Decimals: Sage keeps them as DOUBLE, read here through their shortest text and
 * rounded to pence.
 */
import { Decimal } from '../model/decimal';
import { describeDocument, type LedgerDocument } from '../model/document';
import { capitalise } from '../model/validate';
import type { Failure } from '../report/failureCodes';

/**
 * What the node does about credit limits. "ignore" is the default: runs behave as before this
 * option existed, and whether Sage's own import checks limits is not confirmed.
 */
export type CreditLimitHandling = 'ignore' | 'warnOverLimit' | 'holdOverLimit' | 'customerStatus';

/** The seed's five statuses, in its order. */
export const CREDIT_STATUSES = ['No Credit Limit', 'Notify Over Limit', 'Always Notify', 'Hold Over Limit', 'Always Hold'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

export interface CustomerCredit {
	/** Sage's name for the account, used in messages ("Acme Ltd goes over…"). */
	name: string;
	/** Undefined when Sage has no positive limit: a new account's 0 means "none set", not "nothing allowed". */
	limit?: Decimal;
	balance: Decimal;
	/** Read only for "customerStatus"; blank in Sage reads as No Credit Limit. */
	status?: CreditStatus;
	/** A status value that is none of the five, kept to name it in the message. */
	unknownStatus?: string;
}

/** The status column could not be read (Sage 50 UK's schema is not confirmed to have one). */
export class CreditStatusUnavailableError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CreditStatusUnavailableError';
	}
}

const squeeze = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
const STATUS_BY_KEY = new Map(CREDIT_STATUSES.map((status) => [squeeze(status), status]));

/** "Hold Over Limit", "HOLD_OVER_LIMIT" and "holdoverlimit" are the same status; blank is none. */
export function parseCreditStatus(value: unknown): Pick<CustomerCredit, 'status' | 'unknownStatus'> {
	const text = value === null || value === undefined ? '' : String(value).trim();
	if (text === '') return {};
	const status = STATUS_BY_KEY.get(squeeze(text));
	return status ? { status } : { unknownStatus: text };
}

/** A DOUBLE from Sage as pence; NULL and unreadable values are undefined. */
export function sageMoney(value: unknown): Decimal | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	return Decimal.parse(typeof value === 'bigint' ? value.toString() : value)?.roundTo(2);
}

/** A customer row as the credit check needs it. */
export function customerCredit(row: { name: unknown; limit: unknown; balance: unknown; status?: unknown }): CustomerCredit {
	const limit = sageMoney(row.limit);
	return {
		name: String(row.name ?? '').trim(),
		limit: limit && limit.compare(Decimal.ZERO) > 0 ? limit : undefined,
		balance: sageMoney(row.balance) ?? Decimal.ZERO,
		...(row.status === undefined ? {} : parseCreditStatus(row.status)),
	};
}

/** "5,000.00": how Sage shows a limit, so the warning reads like Sage's own. */
export function formatAmount(amount: Decimal): string {
	const [whole, fraction] = amount.roundTo(2).toFixed(2).split('.');
	const negative = whole.startsWith('-');
	const digits = negative ? whole.slice(1) : whole;
	return `${negative ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** The invoice's gross: its total, or its lines' net plus tax when it carries no totals. */
function grossOf(document: LedgerDocument): Decimal {
	if (document.totals?.gross !== undefined) return Decimal.of(document.totals.gross);
	return Decimal.sum((document.lines ?? []).map((line) => Decimal.of(line.net).plus(Decimal.of(line.taxAmount ?? 0))));
}

export type CreditVerdict = { kind: 'post'; warning?: string } | { kind: 'hold'; failure: Failure };

export class CreditCheck {
	/** Gross of this run's invoices already let through, per customer (upper-case code). */
	private readonly booked = new Map<string, Decimal>();

	constructor(
		readonly handling: CreditLimitHandling,
		private readonly customers: ReadonlyMap<string, CustomerCredit> = new Map(),
	) {}

	/**
	 * Post, post with a warning, or hold. Only sales invoices of customers Sage already has are
	 * checked: a credit note lowers the balance, and an account the run creates has no limit yet.
	 */
	assess(document: LedgerDocument): CreditVerdict {
		const code = document.party?.code?.trim().toUpperCase() ?? '';
		const customer = this.customers.get(code);
		if (this.handling === 'ignore' || document.type !== 'salesInvoice' || !customer) return { kind: 'post' };
		const name = customer.name || code;
		const invoice = capitalise(describeDocument(document));
		const hold = (reason: string): CreditVerdict => ({
			kind: 'hold',
			failure: { code: 'SAGE_CREDIT_LIMIT_HOLD', field: 'party.code', message: `${invoice} is held and was not posted: ${reason} It stays queued for a later run.` },
		});
		const warn = (warning: string): CreditVerdict => ({ kind: 'post', warning });

		if (this.handling === 'customerStatus' && customer.unknownStatus !== undefined) {
			// Posting what Sage would hold cannot be undone without a credit note; holding can.
			return hold(`${name}'s credit status in Sage, "${customer.unknownStatus}", is none of ${CREDIT_STATUSES.join(', ')}. Correct the status in Sage.`);
		}
		const status: CreditStatus =
			this.handling === 'warnOverLimit' ? 'Notify Over Limit' : this.handling === 'holdOverLimit' ? 'Hold Over Limit' : (customer.status ?? 'No Credit Limit');
		const earlier = this.booked.get(code) ?? Decimal.ZERO;
		const after = customer.balance.plus(earlier).plus(grossOf(document));
		const excess = customer.limit && after.compare(customer.limit) > 0 ? after.minus(customer.limit) : undefined;
		const over = customer.limit && excess ? `${name} goes over its credit limit of ${formatAmount(customer.limit)} by ${formatAmount(excess)}` : undefined;

		switch (status) {
			case 'No Credit Limit':
				return { kind: 'post' };
			case 'Notify Over Limit':
				return over ? warn(over) : { kind: 'post' };
			case 'Always Notify':
				return warn(
					over ??
						`${name} is set to Always Notify in Sage: its balance is ${formatAmount(after)} with this invoice${customer.limit ? `, within its credit limit of ${formatAmount(customer.limit)}` : ''}`,
				);
			case 'Hold Over Limit': {
				if (!over) return { kind: 'post' };
				const counted = earlier.isZero() ? '' : `, plus ${formatAmount(earlier)} of invoices earlier in this run`;
				return hold(`${over} (Sage shows a balance of ${formatAmount(customer.balance)}${counted}). Post it once the customer has paid or its limit is raised in Sage.`);
			}
			case 'Always Hold':
				return hold(`${name}'s credit status in Sage is Always Hold, so every invoice for it is held. Change the status in Sage to post it.`);
		}
	}

	/** The invoice was let through: later invoices of the run count it against the balance. */
	book(document: LedgerDocument): void {
		if (this.handling === 'ignore' || document.type !== 'salesInvoice') return;
		const code = document.party?.code?.trim().toUpperCase() ?? '';
		if (!this.customers.has(code)) return;
		this.booked.set(code, (this.booked.get(code) ?? Decimal.ZERO).plus(grossOf(document)));
	}
}

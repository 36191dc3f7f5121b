/**
 * Payment status of posted sales invoices, for the payment sync back to ConnectWise Manage
 * (seed 003 "Synchronizing Invoice Payments": the amount paid, and whether the invoice is paid
 * in full). Read over ODBC from Sage 50 UK's AUDIT_HEADER (reference §1): GROSS_AMOUNT,
 * OUTSTANDING and PAID_FLAG of the SI rows, asking about 100 references per query, never one
 * query per invoice. Amount paid = gross − outstanding, in Decimals.
 *
 * Left out on purpose:
 * - the last payment date: it would come from the receipts allocated to the invoice, and the
 *   reference names no allocation table or column that ties a receipt to an invoice;
 * - Sage 50 US: the reference (§2) does not say where paid amounts live (JrnlHdr/JrnlRow hold
 *   amounts, not allocations), so it answers "not available" rather than a guess.
 */
import { Decimal } from '../model/decimal';
import type { SageConnection, SageOdbcEdition } from './connection';
import { sageMoney } from './credit';
import { SAGE_TABLES } from './schema';

export interface SagePaymentStatus {
	invoiceNumber: string;
	/** false: Sage holds no sales invoice (SI) with this reference. */
	found: boolean;
	/** Gross, 2 decimals; summed when the reference is posted more than once (e.g. to two accounts). */
	amount?: string;
	amountPaid?: string;
	outstanding?: string;
	fullyPaid?: boolean;
	/** Not read from Sage 50 (see above); in the shape so every ledger's status reads the same. */
	lastPaymentDate?: string;
	/** The account the invoice is posted to; "ACME01, GLOB01" when the reference is on several. */
	accountCode?: string;
}

/** Why an edition has no payment status, or undefined when it has one. */
export function paymentStatusUnavailable(edition: SageOdbcEdition): string | undefined {
	if (edition === 'sage50us') {
		return 'Get Payment Status is not available for Sage 50 US yet: where Sage 50 US keeps what was paid against an invoice is not confirmed (its JrnlHdr and JrnlRow tables hold amounts, not which receipt paid which invoice), and Ledger Bridge does not guess.';
	}
	if (edition === 'sage100fr') {
		return 'Get Payment Status is not available for Sage 100 (France): it reads Sage 50 UK sales invoices (or a generic ledger laid out like them).';
	}
	return undefined;
}

export class PaymentStatusUnavailableError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PaymentStatusUnavailableError';
	}
}

const REFERENCES_PER_QUERY = 100;

const key = (reference: unknown) => String(reference ?? '').trim().toUpperCase();

/** PAID_FLAG is documented as y/n (reference §1); its type in every driver is not, so 1/true count too. */
function paidFlag(value: unknown): boolean {
	return ['Y', 'YES', '1', 'TRUE'].includes(String(value ?? '').trim().toUpperCase());
}

interface InvoiceRow {
	ACCOUNT?: unknown;
	REFERENCE?: unknown;
	GROSS?: unknown;
	OUTSTANDING?: unknown;
	PAID_FLAG?: unknown;
}

/** One status per invoice number, in the order given (blank numbers are "not found"). */
export async function paymentStatuses(connection: SageConnection, edition: SageOdbcEdition, invoiceNumbers: readonly string[]): Promise<SagePaymentStatus[]> {
	const unavailable = paymentStatusUnavailable(edition);
	const source = edition === 'sage100fr' ? undefined : SAGE_TABLES[edition].salesInvoices;
	if (unavailable || !source) throw new PaymentStatusUnavailableError(unavailable ?? `Get Payment Status is not available for ${edition}.`);

	const wanted = [...new Set(invoiceNumbers.map((number) => number.trim()).filter((number) => number !== ''))];
	const rowsByReference = new Map<string, InvoiceRow[]>();
	for (let start = 0; start < wanted.length; start += REFERENCES_PER_QUERY) {
		const batch = wanted.slice(start, start + REFERENCES_PER_QUERY);
		const live = source.live ? ` AND ${source.live}` : '';
		const rows = await connection.query<InvoiceRow>(
			`SELECT ${source.account} AS ACCOUNT, ${source.reference} AS REFERENCE, ${source.gross} AS GROSS, ${source.outstanding} AS OUTSTANDING, ${source.paidFlag} AS PAID_FLAG FROM ${source.table} WHERE ${source.type} = ? AND ${source.reference} IN (${batch.map(() => '?').join(', ')})${live}`,
			[source.invoiceType, ...batch],
		);
		for (const row of rows) rowsByReference.set(key(row.REFERENCE), [...(rowsByReference.get(key(row.REFERENCE)) ?? []), row]);
	}

	return invoiceNumbers.map((given) => {
		const invoiceNumber = given.trim();
		const rows = invoiceNumber ? (rowsByReference.get(key(invoiceNumber)) ?? []) : [];
		if (rows.length === 0) return { invoiceNumber, found: false };
		const accounts = [...new Set(rows.map((row) => String(row.ACCOUNT ?? '').trim()).filter((account) => account !== ''))];
		const accountCode = accounts.length > 0 ? { accountCode: accounts.join(', ') } : {};
		// Sage always fills the gross; a ledger that does not gets no amounts rather than a guessed
		// zero, which the payment sync would read as "nothing paid".
		if (rows.some((row) => sageMoney(row.GROSS) === undefined)) return { invoiceNumber, found: true, ...accountCode };
		// GROSS_AMOUNT is "signed according to transaction type" (reference §1) without saying
		// which way for SI: the size is what was invoiced, whatever the sign.
		const grossOf = (row: InvoiceRow) => (sageMoney(row.GROSS) ?? Decimal.ZERO).abs();
		const gross = Decimal.sum(rows.map(grossOf));
		// A row flagged paid owes nothing, even if its OUTSTANDING was not cleared; a row with no
		// OUTSTANDING at all counts as unpaid, so the sync never records a payment Sage does not show.
		const outstanding = Decimal.sum(rows.map((row) => (paidFlag(row.PAID_FLAG) ? Decimal.ZERO : (sageMoney(row.OUTSTANDING)?.abs() ?? grossOf(row)))));
		return {
			invoiceNumber,
			found: true,
			amount: gross.toFixed(2),
			amountPaid: gross.minus(outstanding).toFixed(2),
			outstanding: outstanding.toFixed(2),
			fullyPaid: outstanding.isZero(),
			...accountCode,
		};
	});
}

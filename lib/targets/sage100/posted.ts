/**
 * What the sales journal already holds for the invoices of a run, and whether each is the same
 * invoice or a changed one. Seed 002: "Once the import is done, no more changes possible, only
 * a credit note will be able to reverse the invoice" — so an invoice sent again unchanged is a
 * duplicate (nothing posted), and a changed one is refused with that advice, never posted a
 * second time or overwritten.
 */
import { Decimal } from '../../model/decimal';
import type { SageConnection } from '../../odbc/connection';
import type { PlannedEntry } from './entries';
import { CREDIT, DEBIT, SAGE100_TABLES } from './schema';

export interface PostedLine {
	entryNumber: number;
	account: string;
	customer: string;
	direction: number;
	amount: Decimal;
}

export interface PostedInvoice {
	/** EC_RefPiece as Sage has it. */
	invoiceNumber: string;
	piece: string;
	/** JM_Date + EC_Jour − 1, YYYY-MM-DD. */
	date: string;
	lines: PostedLine[];
}

const BATCH = 100;

function dateText(value: unknown): string {
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return String(value ?? '').slice(0, 10);
}

function addDays(isoDate: string, days: number): string {
	const [year, month, day] = isoDate.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The entries of the journal whose invoice number (EC_RefPiece) is one of `numbers`, keyed by
 * the number in upper case: one query per 100 invoices, whatever the journal's size.
 */
export async function findPostedInvoices(connection: SageConnection, journal: string, numbers: readonly string[]): Promise<Map<string, PostedInvoice>> {
	const unique = [...new Set(numbers.map((number) => number.trim()).filter(Boolean))];
	const found = new Map<string, PostedInvoice>();
	for (let start = 0; start < unique.length; start += BATCH) {
		const batch = unique.slice(start, start + BATCH);
		const rows = await connection.query<Record<string, unknown>>(
			`SELECT EC_No, EC_RefPiece, EC_Piece, JM_Date, EC_Jour, CG_Num, CT_Num, EC_Sens, EC_Montant FROM ${SAGE100_TABLES.entries} WHERE JO_Num = ? AND EC_RefPiece IN (${batch.map(() => '?').join(', ')}) ORDER BY EC_No`,
			[journal, ...batch],
		);
		for (const row of rows) {
			const invoiceNumber = String(row.EC_RefPiece ?? '').trim();
			const key = invoiceNumber.toUpperCase();
			const invoice = found.get(key) ?? {
				invoiceNumber,
				piece: String(row.EC_Piece ?? '').trim(),
				date: addDays(dateText(row.JM_Date), Number(row.EC_Jour ?? 1) - 1),
				lines: [],
			};
			invoice.lines.push({
				entryNumber: Number(row.EC_No),
				account: String(row.CG_Num ?? '').trim(),
				customer: String(row.CT_Num ?? '').trim(),
				direction: Number(row.EC_Sens),
				// Amounts come back as doubles (reference §8); two decimals are exact again once rounded.
				amount: (Decimal.parse(row.EC_Montant) ?? Decimal.ZERO).roundTo(2),
			});
			found.set(key, invoice);
		}
	}
	return found;
}

const side = (direction: number) => (direction === DEBIT ? 'debit' : direction === CREDIT ? 'credit' : `sens ${direction}`);
const lineText = (line: { account: string; direction: number; amount: Decimal }) => `${line.account} ${side(line.direction)} ${line.amount.toFixed(2)}`;
const signature = (lines: Array<{ account: string; customer: string | null; direction: number; amount: Decimal }>) =>
	lines.map((line) => `${line.account.toUpperCase()}|${(line.customer ?? '').toUpperCase()}|${line.direction}|${line.amount.toFixed(2)}`).sort();

/**
 * How the invoice now differs from what Sage holds, in a bookkeeper's words; empty when it is
 * the same invoice.
 */
export function differences(posted: PostedInvoice, entry: PlannedEntry): string[] {
	const found: string[] = [];
	if (posted.date !== entry.date) found.push(`dated ${posted.date} in Sage, ${entry.date} now`);
	const postedCustomer = posted.lines.find((line) => line.customer)?.customer ?? '';
	const customerLine = entry.lines.find((line) => line.role === 'customer');
	if (postedCustomer.toUpperCase() !== (customerLine?.customer ?? '').toUpperCase()) found.push(`for customer ${postedCustomer || '(none)'} in Sage, ${customerLine?.customer ?? '(none)'} now`);
	const postedTotal = posted.lines.find((line) => line.customer)?.amount;
	if (postedTotal && customerLine && !postedTotal.equals(customerLine.amount)) {
		found.push(`total ${postedTotal.toFixed(2)} in Sage, ${customerLine.amount.toFixed(2)} now`);
	}
	const before = signature(posted.lines);
	const now = signature(entry.lines);
	if (found.length === 0 && before.join() !== now.join()) {
		const others = (lines: Array<{ account: string; customer: string | null; direction: number; amount: Decimal }>) => lines.filter((line) => !line.customer).map(lineText).join(', ');
		found.push(`its lines differ (in Sage: ${others(posted.lines)}; now: ${others(entry.lines)})`);
	}
	return found;
}

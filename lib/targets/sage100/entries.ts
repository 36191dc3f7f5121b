/**
 * A sales invoice or credit note as the balanced entry Sage 100 keeps in its sales journal
 * (F_ECRITUREC), with its analytic allocation to the project (F_ECRITUREA):
 *
 *   customer line   collective account (411…) + customer code   debit  (EC_Sens 0)  gross
 *   sales lines     the line's sales account (706…)             credit (EC_Sens 1)  net, one per line
 *   VAT lines       the VAT code's account (4457…)              credit              tax, one per VAT code
 *
 * A credit note is the same entry the other way round; a negative line (a discount) sits on
 * the other side with a positive amount, as Sage stores amounts. Nothing here touches the
 * database: the checks (checks.ts) and the posting (post.ts) use the same planned entry, so
 * what was checked is what is written.
 */
import { Decimal } from '../../model/decimal';
import type { LedgerDocument } from '../../model/document';
import { characterLength, fitText, SAGE100_FIELDS, type Sage100FieldName } from './fields';
import { CREDIT, DEBIT } from './schema';

export interface EntryLine {
	role: 'customer' | 'sales' | 'vat';
	/** CG_Num. */
	account: string;
	/** CG_NumCont: the other side, as Sage fills it when a bookkeeper keys the entry. */
	counterpart: string | null;
	/** CT_Num: on the customer line only. */
	customer: string | null;
	/** EC_Intitule, fitted to 69 characters. */
	label: string;
	/** EC_Sens: 0 debit, 1 credit. */
	direction: typeof DEBIT | typeof CREDIT;
	/** EC_Montant, in the company's currency; always positive. */
	amount: Decimal;
	/** EC_Devise: the amount in the invoice's currency, when that is not the company's. */
	foreignAmount?: Decimal;
	/** TA_Code: the line's VAT code (sales and VAT lines). */
	vatCode: string | null;
	/** EC_Echeance: the due date, on the customer line. */
	dueDate: string | null;
	/** CA_Num of the analytic allocation (F_ECRITUREA), on sales lines with a project. */
	project?: string;
}

export interface PlannedEntry {
	journal: string;
	/** The invoice date, YYYY-MM-DD: EC_Date, and JM_Date + EC_Jour − 1. */
	date: string;
	/** JM_Date: the first day of the invoice's month. */
	period: string;
	/** EC_Jour: the day of the month. */
	day: number;
	/** EC_Piece (13) and EC_RefPiece (17): the platform's invoice number. */
	piece: string;
	/** EC_Reference (17): the document's own reference (an order number), shortened to fit. */
	reference: string | null;
	/** N_Devise: the P_DEVISE index of the invoice's currency; 0 for the company's currency. */
	currency: number;
	lines: EntryLine[];
	/** Texts shortened to fit their columns, for the bookkeeper to see. */
	adjusted: string[];
}

export interface EntryContext {
	journal: string;
	customer: { code: string; account: string; name: string };
	/** The VAT account of a VAT code (F_TAXE.CG_Num). */
	vatAccount: (vatCode: string) => string;
	/** A foreign-currency invoice: its P_DEVISE index and the rate (invoice currency per 1 unit of the company's). */
	foreign?: { index: number; rate: Decimal };
	/** Sage's own spelling of an account or section code the document names (matched without regard to case). */
	accountCode?: (code: string) => string;
	sectionCode?: (code: string) => string;
}

/**
 * `amount ÷ rate` rounded half away from zero to `places`, digit for digit: Decimal has no
 * division, and a float here would move cents between the lines of a balanced entry.
 */
export function divideRounded(amount: Decimal, rate: Decimal, places: number): Decimal {
	if (rate.isZero()) throw new Error('Division by a zero exchange rate');
	const numerator = amount.units * 10n ** BigInt(rate.scale + places + 1);
	const denominator = rate.units * 10n ** BigInt(amount.scale);
	const truncated = numerator / denominator;
	return Decimal.of(`${truncated}e-${places + 1}`).roundTo(places);
}

export function buildEntry(document: LedgerDocument, context: EntryContext): PlannedEntry {
	const header = document.header ?? {};
	const number = (header.number ?? '').trim();
	const date = header.date ?? '';
	const credit = document.type === 'salesCredit';
	const adjusted: string[] = [];
	const fit = (text: string, name: Sage100FieldName, where: string) => {
		const cut = fitText(text, name);
		if (cut !== text) adjusted.push(`${SAGE100_FIELDS[name].column} of ${where} shortened from ${characterLength(text)} to ${characterLength(cut)} characters`);
		return cut;
	};
	const headline = `${number} ${context.customer.name}`.trim();
	// Debit positive: an invoice debits the customer and credits sales and VAT; a credit note the reverse.
	const sign = (value: Decimal) => (credit ? value.negated() : value);

	const sales: Array<{ value: Decimal; account: string; label: string; vatCode: string | null; project?: string }> = [];
	const vat = new Map<string, Decimal>();
	(document.lines ?? []).forEach((line, index) => {
		const net = Decimal.of(line.net);
		const projectCode = (line.project ?? header.project)?.trim();
		const project = projectCode ? (context.sectionCode?.(projectCode) ?? projectCode) : undefined;
		const vatCode = line.taxCode?.trim() || null;
		if (!net.isZero()) {
			const label = line.description?.replace(/\s+/g, ' ').trim() || headline;
			sales.push({ value: sign(net).negated(), account: context.accountCode?.((line.account ?? '').trim()) ?? (line.account ?? '').trim(), label: fit(label, 'entryLabel', `line ${index + 1}`), vatCode, project });
		}
		const tax = Decimal.parse(line.taxAmount ?? 0) ?? Decimal.ZERO;
		if (vatCode && !tax.isZero()) vat.set(vatCode, (vat.get(vatCode) ?? Decimal.ZERO).plus(tax));
	});

	const headlineLabel = fit(headline, 'entryLabel', 'the customer line');
	const planned: Array<Omit<EntryLine, 'direction' | 'amount' | 'foreignAmount'> & { value: Decimal }> = [
		...sales.map((line) => ({
			role: 'sales' as const,
			account: line.account,
			counterpart: context.customer.account,
			customer: null,
			label: line.label,
			value: line.value,
			vatCode: line.vatCode,
			dueDate: null,
			...(line.project ? { project: line.project } : {}),
		})),
		...[...vat.entries()]
			.filter(([, tax]) => !tax.isZero())
			.map(([vatCode, tax]) => ({
				role: 'vat' as const,
				account: context.vatAccount(vatCode),
				counterpart: context.customer.account,
				customer: null,
				label: fit(`TVA ${vatCode} ${headline}`.trim(), 'entryLabel', `the VAT line ${vatCode}`),
				value: sign(tax).negated(),
				vatCode,
				dueDate: null,
			})),
	];

	// The customer line balances the others exactly: in the company's currency each other line
	// is converted once, and the customer line is their sum, so rounding never unbalances it.
	const lines: EntryLine[] = planned.map(({ value, ...line }) => {
		const amount = context.foreign ? divideRounded(value, context.foreign.rate, 2) : value;
		return {
			...line,
			direction: amount.isNegative() ? CREDIT : DEBIT,
			amount: amount.abs(),
			...(context.foreign ? { foreignAmount: value.abs() } : {}),
		};
	});
	const signed = (line: EntryLine) => (line.direction === DEBIT ? line.amount : line.amount.negated());
	const customerAmount = Decimal.sum(lines.map(signed)).negated();
	const customerForeign = context.foreign ? Decimal.sum(planned.map(({ value }) => value)).negated() : undefined;
	const customerLine: EntryLine = {
		role: 'customer',
		account: context.customer.account,
		counterpart: sales[0]?.account ?? null,
		customer: context.customer.code,
		label: headlineLabel,
		direction: customerAmount.isNegative() ? CREDIT : DEBIT,
		amount: customerAmount.abs(),
		...(customerForeign ? { foreignAmount: customerForeign.abs() } : {}),
		vatCode: null,
		dueDate: header.dueDate ?? null,
	};

	return {
		journal: context.journal,
		date,
		period: `${date.slice(0, 7)}-01`,
		day: Number(date.slice(8, 10)),
		piece: number,
		reference: header.reference?.trim() ? fit(header.reference.replace(/\s+/g, ' ').trim(), 'reference', 'the reference') : null,
		currency: context.foreign?.index ?? 0,
		lines: [customerLine, ...lines].filter((line) => !line.amount.isZero()),
		adjusted,
	};
}

/** Debits equal credits: checked before anything is written, whatever built the entry. */
export function isBalanced(entry: PlannedEntry): boolean {
	const total = (direction: number) => Decimal.sum(entry.lines.filter((line) => line.direction === direction).map((line) => line.amount));
	return total(DEBIT).equals(total(CREDIT));
}

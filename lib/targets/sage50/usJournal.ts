/**
 * Canonical ledger documents as Sage 50 US (Peachtree) Sales Journal and Purchases
 * Journal imports (reference §2; seed 003 for what Mobius Connect posts where).
 *
 * - One row per distribution, every row repeating the transaction's header columns
 *   (Customer/Vendor ID, Invoice #, Date…), with "Number of Distributions" saying how many
 *   rows belong to the transaction: Sage reads that many rows as one entry.
 * - Credit memos are flagged in the "Credit Memo" column (TRUE/FALSE).
 * - Tax is a distribution of its own: on a sales invoice the sales tax row (Invoice/CM
 *   Distribution 0, with its Sales Tax Agency ID), on a purchase an extra row to the
 *   purchase tax account.
 * - Sales: invoices and credit memos. Purchases: bills, credit memos, expenses (a bill
 *   from the member's vendor, seed 003) and item receipts (no invoice number, "Waiting on
 *   Bill" ticked, the PO number in Customer Invoice #, seed 003).
 *
 * Amount signs: the reference (§2) documents a sign only for the General Journal import,
 * "a positive amount denotes a debit"; the Sales and Purchases Journal field lists say
 * nothing, and no source says whether a credit memo's amounts must be negated or the Credit
 * Memo flag alone turns them round. So the convention is an option, never a silent guess:
 * - 'debitPositive' (default): the one documented rule, applied to these journals too.
 *   Sales lines are credits (income) and so negative, purchase lines debits and positive,
 *   and a credit memo the other way round (sales credit memo positive, vendor credit memo
 *   negative).
 * - 'asDocument': the document's amounts unchanged (an invoice and a credit memo both
 *   positive), the Credit Memo flag alone giving the direction.
 * The Sage Import node offers it as "Sage 50 US Amount Signs". Import one invoice and one
 * credit memo into a test company and compare the G/L before choosing for real.
 */
import { Decimal } from '../../model/decimal';
import { describeDocument, type DocumentType, type LedgerDocument } from '../../model/document';
import { capitalise } from '../../model/validate';
import { checkDocuments, rowsOrThrow, type Sage50DocumentCheck } from './checks';
import { csvBytes, sage50FileName, writeSage50File, type Sage50WriteOptions, type WrittenSage50File } from './csv';
import { Sage50FileError } from './errors';
import { SAGE50_LAYOUT_LABELS, SAGE50_US_MAX_DISTRIBUTIONS, sage50Headings, type Sage50Layout } from './fields';
import { documentAmount, formatRows, notSupported, type CellPlace, type Sage50Record, type Sage50Value } from './values';

export type UsJournal = 'sales' | 'purchases';

/** How the Amount column is signed; see the file comment (unconfirmed for these journals). */
export type UsAmountSigns = 'debitPositive' | 'asDocument';

export const US_AMOUNT_SIGNS: readonly UsAmountSigns[] = ['debitPositive', 'asDocument'];

export interface UsJournalOptions {
	amountSigns: UsAmountSigns;
	/** Accounts Receivable Account on sales rows; blank leaves the customer's default. */
	receivablesAccount?: string;
	/** Accounts Payable Account on purchase rows; blank leaves the vendor's default. */
	payablesAccount?: string;
	/** G/L account of the sales tax row; needed when a sales document has tax. */
	salesTaxAccount?: string;
	/** Sales Tax Agency ID on the sales tax row. */
	salesTaxAgencyId?: string;
	/** G/L account of the tax row of a purchase; needed when a purchase document has tax. */
	purchaseTaxAccount?: string;
}

export const DEFAULT_US_JOURNAL_OPTIONS: UsJournalOptions = { amountSigns: 'debitPositive' };

interface Kind {
	journal: UsJournal;
	creditMemo: boolean;
	itemReceipt?: boolean;
}

const KINDS: Partial<Record<DocumentType, Kind>> = {
	salesInvoice: { journal: 'sales', creditMemo: false },
	salesCredit: { journal: 'sales', creditMemo: true },
	purchaseInvoice: { journal: 'purchases', creditMemo: false },
	purchaseCredit: { journal: 'purchases', creditMemo: true },
	expense: { journal: 'purchases', creditMemo: false },
	itemReceipt: { journal: 'purchases', creditMemo: false, itemReceipt: true },
};

const LAYOUTS: Record<UsJournal, Sage50Layout> = { sales: 'usSalesJournal', purchases: 'usPurchasesJournal' };
const FILE_PREFIXES: Record<UsJournal, string> = { sales: 'SALES', purchases: 'PURCHASE' };
const TAKES: Record<UsJournal, string> = {
	sales: 'sales invoices and credit memos',
	purchases: 'purchase invoices, credit memos, expenses and item receipts',
};

/** The document types each journal takes. */
export const US_JOURNAL_DOCUMENT_TYPES: Readonly<Record<UsJournal, readonly DocumentType[]>> = {
	sales: (Object.keys(KINDS) as DocumentType[]).filter((type) => KINDS[type]?.journal === 'sales'),
	purchases: (Object.keys(KINDS) as DocumentType[]).filter((type) => KINDS[type]?.journal === 'purchases'),
};

/** The journal a document goes to, if any. */
export function usJournalFor(document: LedgerDocument): UsJournal | undefined {
	return KINDS[document.type]?.journal;
}

/**
 * The rows one document becomes in `journal`, keyed by Sage heading, values not yet
 * checked. Throws Sage50FileError when the journal has no place for the document.
 */
export function usJournalRecords(journal: UsJournal, document: LedgerDocument, options: UsJournalOptions = DEFAULT_US_JOURNAL_OPTIONS): Sage50Record[] {
	const layout = LAYOUTS[journal];
	const name = capitalise(describeDocument(document));
	const place: CellPlace = { layout, document: name };
	const kind = KINDS[document.type];
	if (!kind || kind.journal !== journal) throw notSupported(layout, document, name, TAKES[journal]);

	const sales = journal === 'sales';
	const header = document.header ?? {};
	// Sales lines are credits (income), purchase lines debits; a credit memo turns both round.
	const credit = sales !== kind.creditMemo;
	const signed = (amount: Decimal) => (options.amountSigns === 'debitPositive' && credit ? amount.negated() : amount);

	const distributions: Array<Record<string, Sage50Value>> = (document.lines ?? []).map((line, index) => ({
		'Invoice/CM Distribution': index + 1,
		Description: line.description ?? header.description,
		'G/L Account': line.account,
		Amount: signed(documentAmount(line.net, place, 'Amount')),
		'Job ID': line.project ?? header.project,
	}));
	const tax = Decimal.sum((document.lines ?? []).map((line) => documentAmount(line.taxAmount ?? 0, place, 'Amount')));
	if (!tax.isZero()) distributions.push(taxDistribution(journal, tax, signed(tax), distributions.length, options, place));

	const most = SAGE50_US_MAX_DISTRIBUTIONS[layout as keyof typeof SAGE50_US_MAX_DISTRIBUTIONS];
	if (distributions.length > most) {
		throw new Sage50FileError(
			'SAGE_TOO_MANY_DISTRIBUTIONS',
			`${name}: ${distributions.length} distribution rows${tax.isZero() ? '' : ' (with the tax row)'}, but a ${SAGE50_LAYOUT_LABELS[layout].replace(' import', '')} entry holds ${most}; split the document in the source.`,
			{ layout, document: name, column: 'Number of Distributions', value: String(distributions.length) },
		);
	}

	const shared: Record<string, Sage50Value> = sales
		? {
				'Customer ID': document.party?.code,
				'Invoice/CM #': header.number,
				'Credit Memo': kind.creditMemo,
				Date: header.date,
				'Date Due': header.dueDate,
				'Customer PO': header.reference,
				'Accounts Receivable Account': options.receivablesAccount,
				'Sales Tax ID': salesTaxId(document, place),
			}
		: {
				'Vendor ID': document.party?.code,
				'Invoice #': kind.itemReceipt ? undefined : header.number,
				'Credit Memo': kind.creditMemo,
				Date: header.date,
				'Date Due': header.dueDate,
				'Waiting on Bill': kind.itemReceipt === true,
				'Customer Invoice #': kind.itemReceipt ? header.number : undefined,
				'Accounts Payable Account': options.payablesAccount,
			};
	return distributions.map((distribution) => ({ ...shared, 'Number of Distributions': distributions.length, ...distribution }));
}

/** The document's rows as checked cells in file order; throws Sage50FileError on the first problem. */
export function usJournalRows(journal: UsJournal, document: LedgerDocument, options: UsJournalOptions = DEFAULT_US_JOURNAL_OPTIONS): string[][] {
	return rowsOrThrow(checkUsJournalDocuments(journal, [document], options));
}

/** Every document checked on its own: its rows, or the failures that keep it out of the file. */
export function checkUsJournalDocuments(
	journal: UsJournal,
	documents: readonly LedgerDocument[],
	options: UsJournalOptions = DEFAULT_US_JOURNAL_OPTIONS,
): Sage50DocumentCheck[] {
	// Sage reads entries by their distribution count, not by a key, so rows never merge.
	return checkDocuments(documents, (document, name) => formatRows(LAYOUTS[journal], usJournalRecords(journal, document, options), name));
}

/** The whole CSV, headings first (tick "First Row Contains Headings"). Throws Sage50FileError on the first problem. */
export function usJournalCsv(journal: UsJournal, documents: readonly LedgerDocument[], options: UsJournalOptions = DEFAULT_US_JOURNAL_OPTIONS): Buffer {
	return csvBytes(sage50Headings(LAYOUTS[journal]), rowsOrThrow(checkUsJournalDocuments(journal, documents, options)));
}

/** Writes SALES_<stamp>.csv or PURCHASE_<stamp>.csv (Sage's own default names, stamped) into `folder`, complete or not at all. */
export async function writeUsJournalFile(
	folder: string,
	journal: UsJournal,
	documents: readonly LedgerDocument[],
	options: UsJournalOptions & Sage50WriteOptions = DEFAULT_US_JOURNAL_OPTIONS,
): Promise<WrittenSage50File> {
	const rows = rowsOrThrow(checkUsJournalDocuments(journal, documents, options));
	return writeSage50File(folder, sage50FileName(FILE_PREFIXES[journal], options.stamp), csvBytes(sage50Headings(LAYOUTS[journal]), rows), rows.length, options);
}

/** Writes SALES_/PURCHASE_<stamp>.csv from documents already checked by checkUsJournalDocuments (see writeCheckedAuditTrailFile). */
export async function writeCheckedUsJournalFile(
	folder: string,
	journal: UsJournal,
	checks: readonly Sage50DocumentCheck[],
	options: Sage50WriteOptions = {},
): Promise<WrittenSage50File> {
	const rows = rowsOrThrow(checks);
	return writeSage50File(folder, sage50FileName(FILE_PREFIXES[journal], options.stamp), csvBytes(sage50Headings(LAYOUTS[journal]), rows), rows.length, options);
}

function taxDistribution(
	journal: UsJournal,
	tax: Decimal,
	amount: Decimal,
	lineCount: number,
	options: UsJournalOptions,
	place: CellPlace,
): Record<string, Sage50Value> {
	const sales = journal === 'sales';
	const account = sales ? options.salesTaxAccount : options.purchaseTaxAccount;
	if (!account) {
		throw new Sage50FileError(
			'SAGE_VALUE_MISSING',
			`${place.document}: ${SAGE50_LAYOUT_LABELS[place.layout]} column "G/L Account" of the tax row has no value: the document has ${tax.toFixed(2)} tax, and no ${sales ? 'sales' : 'purchase'} tax G/L account is set (${sales ? 'Sales' : 'Purchase'} Tax G/L Account in the Sage ODBC credential).`,
			{ layout: place.layout, document: place.document, column: 'G/L Account' },
		);
	}
	return sales
		? { 'Invoice/CM Distribution': 0, Description: 'Sales tax', 'G/L Account': account, Amount: amount, 'Sales Tax Agency ID': options.salesTaxAgencyId }
		: { 'Invoice/CM Distribution': lineCount + 1, Description: 'Tax', 'G/L Account': account, Amount: amount };
}

/** A Sage 50 US invoice has one Sales Tax ID; lines with different tax codes cannot say which. */
function salesTaxId(document: LedgerDocument, place: CellPlace): string | undefined {
	const codes = [...new Set((document.lines ?? []).map((line) => line.taxCode).filter((code): code is string => !!code && code.trim() !== ''))];
	if (codes.length > 1) {
		throw new Sage50FileError(
			'SAGE_VALUE_NOT_ALLOWED',
			`${place.document}: ${SAGE50_LAYOUT_LABELS[place.layout]} column "Sales Tax ID" takes one code per invoice, but the lines have ${codes.map((code) => `"${code}"`).join(', ')}; map them to one Sage sales tax code.`,
			{ layout: place.layout, document: place.document, column: 'Sales Tax ID', value: codes.join(', ') },
		);
	}
	return codes[0];
}

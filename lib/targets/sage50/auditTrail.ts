/**
 * Canonical ledger documents as rows of Sage 50 Accounts (UK)'s audit-trail transaction
 * import (reference §1): the CSV Sage's File > Import takes, since its ODBC driver is
 * read-only.
 *
 * - One row per document line, with the line's nominal code, net, T-code and VAT.
 * - The rows of one document share Type, Account Reference, Date and Reference and follow
 *   each other, so Sage puts them under one header as the splits of one invoice (reference
 *   §1: "rows with the same account, date and reference go under one header"; Zynk also
 *   needs them consecutive).
 * - SR and PP cannot be imported, so receipts go in as SA and payments as PA (payments on
 *   account) for someone to allocate in Sage; SD/PD never arise (credits are SC/PC).
 * - Amounts are the document's own, positive for invoices and credit notes alike: the Type
 *   says which way they post. A negative line (a discount) keeps its minus sign.
 */
import { Decimal } from '../../model/decimal';
import { describeDocument, type DocumentType, type LedgerDocument } from '../../model/document';
import { capitalise } from '../../model/validate';
import { checkDocuments, rowsOrThrow, type Sage50DocumentCheck } from './checks';
import { csvBytes, sage50FileName, writeSage50File, type Sage50WriteOptions, type WrittenSage50File } from './csv';
import { Sage50FileError } from './errors';
import { SAGE50_LAYOUT_LABELS, sage50Headings } from './fields';
import { documentAmount, formatRows, notSupported, writeDate, type Sage50Record } from './values';

export type AuditTrailType = 'SI' | 'SC' | 'PI' | 'PC' | 'SA' | 'PA';

const AUDIT_TRAIL_TYPES: Partial<Record<DocumentType, AuditTrailType>> = {
	salesInvoice: 'SI',
	salesCredit: 'SC',
	purchaseInvoice: 'PI',
	purchaseCredit: 'PC',
	// A reimbursable expense is a bill from the member's supplier account (seed 003).
	expense: 'PI',
	// SR and PP cannot be imported (Sage KB 200427112357427): on account, allocated in Sage.
	receipt: 'SA',
	supplierPayment: 'PA',
};

/** The document types the audit-trail import takes. */
export const AUDIT_TRAIL_DOCUMENT_TYPES: readonly DocumentType[] = Object.keys(AUDIT_TRAIL_TYPES) as DocumentType[];

export interface AuditTrailOptions {
	/** Nominal code of the bank for a receipt or payment without header.bank.account; 1200 is "Bank Current Account" in Sage's default chart. */
	bankNominalCode: string;
	/** T-code of SA/PA rows; T9 is Sage's code for transactions outside the scope of VAT. */
	paymentTaxCode: string;
	/** Documents in this currency (or with none) are written with exchange rate 1. */
	baseCurrency: string;
	/** Written in the User Name column of every row; blank when absent. */
	userName?: string;
}

export const DEFAULT_AUDIT_TRAIL_OPTIONS: AuditTrailOptions = {
	bankNominalCode: '1200',
	paymentTaxCode: 'T9',
	baseCurrency: 'GBP',
};

export function auditTrailType(document: LedgerDocument): AuditTrailType | undefined {
	return AUDIT_TRAIL_TYPES[document.type];
}

const LAYOUT = 'ukAuditTrail';

/**
 * The rows one document becomes, keyed by Sage heading, values not yet checked. Throws
 * Sage50FileError when the audit trail has no place for the document at all.
 */
export function auditTrailRecords(document: LedgerDocument, options: AuditTrailOptions = DEFAULT_AUDIT_TRAIL_OPTIONS): Sage50Record[] {
	const name = capitalise(describeDocument(document));
	const type = auditTrailType(document);
	if (!type) {
		throw notSupported(LAYOUT, document, name, 'sales and purchase invoices and credit notes, expenses, receipts and payments');
	}
	const header = document.header ?? {};
	const payment = type === 'SA' || type === 'PA';
	const exchangeRate = rateFor(document, payment, options, name);
	const shared = {
		Type: type,
		'Account Reference': document.party?.code,
		Date: header.date,
		Reference: header.number,
		'Exchange Rate': exchangeRate,
		'Extra Reference': header.reference,
		'User Name': options.userName,
	};
	if (payment) {
		return [
			{
				...shared,
				'Nominal A/C Ref': header.bank?.account ?? options.bankNominalCode,
				'Department Code': header.department,
				Details: header.description,
				'Net Amount': amount(document.totals?.gross, 'Net Amount', name),
				'Tax Code': options.paymentTaxCode,
				'Tax Amount': Decimal.ZERO,
				'Project Refn': header.project,
			},
		];
	}
	// The shared columns written out, not spread: a spread copies them once more for every line.
	return (document.lines ?? []).map((line) => ({
		Type: type,
		'Account Reference': shared['Account Reference'],
		Date: shared.Date,
		Reference: shared.Reference,
		'Exchange Rate': exchangeRate,
		'Extra Reference': shared['Extra Reference'],
		'User Name': shared['User Name'],
		'Nominal A/C Ref': line.account,
		'Department Code': line.department ?? header.department,
		Details: line.description ?? header.description,
		'Net Amount': amount(line.net, 'Net Amount', name),
		'Tax Code': line.taxCode,
		'Tax Amount': amount(line.taxAmount ?? 0, 'Tax Amount', name),
		'Project Refn': line.project ?? header.project,
		// The line's cost centre carries the project cost code Sage wants with a project.
		'Cost Code Refn': line.costCentre,
	}));
}

/** The document's rows as checked cells in file order; throws Sage50FileError on the first problem. */
export function auditTrailRows(document: LedgerDocument, options: AuditTrailOptions = DEFAULT_AUDIT_TRAIL_OPTIONS): string[][] {
	return rowsOrThrow(checkAuditTrailDocuments([document], options));
}

/**
 * Every document checked on its own, as the Sage import would see it: its rows, or the
 * failures that keep it out of the file. A later document with the same account, date and
 * reference as an earlier one is rejected, since Sage would add its rows to the first's
 * header. (The KB groups on account, date and reference; Zynk adds the type. The stricter
 * key is used, so neither reading can merge two documents.)
 */
export function checkAuditTrailDocuments(documents: readonly LedgerDocument[], options: AuditTrailOptions = DEFAULT_AUDIT_TRAIL_OPTIONS): Sage50DocumentCheck[] {
	return checkDocuments(
		documents,
		(document, name) => formatRows(LAYOUT, auditTrailRecords(document, options), name),
		(document) => {
			const account = document.party?.code ?? '';
			const date = document.header?.date ?? '';
			const reference = document.header?.number ?? '';
			return {
				key: [account, date, reference].map((part) => part.trim().toUpperCase()).join('|'),
				sentence: `have the same account ${account}, date ${writeDate(date, 'dd/MM/yyyy') ?? date} and reference ${reference}`,
				fix: 'give one of them its own reference',
			};
		},
	);
}

/** The whole CSV: Sage's heading row, then every document's rows. Throws Sage50FileError on the first problem. */
export function auditTrailCsv(documents: readonly LedgerDocument[], options: AuditTrailOptions = DEFAULT_AUDIT_TRAIL_OPTIONS): Buffer {
	return csvBytes(sage50Headings(LAYOUT), rowsOrThrow(checkAuditTrailDocuments(documents, options)));
}

/** Writes AUDIT_<stamp>.csv into `folder`, complete or not at all. */
export async function writeAuditTrailFile(
	folder: string,
	documents: readonly LedgerDocument[],
	options: AuditTrailOptions & Sage50WriteOptions = DEFAULT_AUDIT_TRAIL_OPTIONS,
): Promise<WrittenSage50File> {
	const rows = rowsOrThrow(checkAuditTrailDocuments(documents, options));
	return writeSage50File(folder, sage50FileName('AUDIT', options.stamp), csvBytes(sage50Headings(LAYOUT), rows), rows.length, options);
}

/**
 * Writes AUDIT_<stamp>.csv from documents already checked by checkAuditTrailDocuments, so a
 * run that checked them to sort out the rejects does not check them twice. Every check must
 * have passed (a failed one throws its first Sage50FileError); pass the checks of the
 * documents to write, in file order.
 */
export async function writeCheckedAuditTrailFile(
	folder: string,
	checks: readonly Sage50DocumentCheck[],
	options: Sage50WriteOptions = {},
): Promise<WrittenSage50File> {
	const rows = rowsOrThrow(checks);
	return writeSage50File(folder, sage50FileName('AUDIT', options.stamp), csvBytes(sage50Headings(LAYOUT), rows), rows.length, options);
}

/**
 * 1 for the base currency. A foreign-currency invoice needs its rate; a foreign-currency
 * receipt or payment cannot be imported at all (reference §1: foreign bank transactions).
 */
function rateFor(document: LedgerDocument, payment: boolean, options: AuditTrailOptions, name: string): Decimal {
	const currency = document.header?.currency?.toUpperCase();
	const given = document.header?.exchangeRate;
	if (currency === undefined || currency === options.baseCurrency.toUpperCase()) return given === undefined ? Decimal.of(1) : amount(given, 'Exchange Rate', name);
	if (payment) {
		throw new Sage50FileError(
			'SAGE_DOCUMENT_NOT_SUPPORTED',
			`${name}: it is in ${currency}, and Sage 50 cannot import foreign-currency bank transactions; enter it in Sage by hand.`,
			{ layout: LAYOUT, document: name, column: 'Exchange Rate', value: currency },
		);
	}
	if (given === undefined) {
		throw new Sage50FileError(
			'SAGE_VALUE_MISSING',
			`${name}: ${SAGE50_LAYOUT_LABELS[LAYOUT]} column "Exchange Rate" has no value, but the document is in ${currency}, not ${options.baseCurrency}; give it header.exchangeRate.`,
			{ layout: LAYOUT, document: name, column: 'Exchange Rate' },
		);
	}
	return amount(given, 'Exchange Rate', name);
}

function amount(value: unknown, column: string, name: string): Decimal {
	return documentAmount(value, { layout: LAYOUT, document: name }, column);
}

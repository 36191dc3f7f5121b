/**
 * Canonical ledger documents as Opera 3 Importer records: customers → SNAME, suppliers →
 * PNAME, sales documents → STRAN + SANAL, purchase documents → PTRAN + PANAL (seed 004,
 * reference §4). Amounts stay Decimals from the document's text to the file.
 */
import { Decimal } from '../../model/decimal';
import { electronicIban } from '../../model/bankCode';
import { describeDocument, type DocumentType, type LedgerDocument } from '../../model/document';
import type { OperaImportFile } from './fields';
import type { OperaRecord, OperaValue } from './values';

export interface OperaPostingOptions {
	/**
	 * Whether credit notes, receipts, payments and refunds carry negative values. Opera stores
	 * them negative (reference §4, real postings); whether the Importer wants them negative in
	 * its files is not confirmed there, so it is a setting.
	 */
	creditSign: 'negative' | 'positive';
	/** SA_VATCTRY/PA_VATCTRY: H for home VAT in every posting the reference shows. */
	vatCountryType: string;
	/** PN_PAYMETH when a supplier carries no payment method (B BACS, C cheque, H other). */
	defaultPaymentMethod: string;
	/** ST_CBTYPE/PT_CBTYPE for receipts and payments (e.g. R2); blank lets Opera use its default. */
	cashbookType: string;
}

export const DEFAULT_OPERA_POSTING_OPTIONS: OperaPostingOptions = {
	creditSign: 'negative',
	vatCountryType: 'H',
	defaultPaymentMethod: 'C',
	cashbookType: '',
};

export interface OperaPostingRecord {
	file: OperaImportFile;
	record: OperaRecord;
}

/** The document types Opera's sales and purchase ledger imports take. */
export const OPERA_DOCUMENT_TYPES: readonly DocumentType[] = [
	'salesInvoice',
	'salesCredit',
	'receipt',
	'customer',
	'purchaseInvoice',
	'purchaseCredit',
	'supplierPayment',
	'supplier',
];

const TRANSACTION_TYPE: Partial<Record<DocumentType, { code: string; credit: boolean }>> = {
	salesInvoice: { code: 'I', credit: false },
	salesCredit: { code: 'C', credit: true },
	receipt: { code: 'R', credit: true },
	purchaseInvoice: { code: 'I', credit: false },
	purchaseCredit: { code: 'C', credit: true },
	supplierPayment: { code: 'P', credit: true },
};

const SALES: ReadonlySet<DocumentType> = new Set(['salesInvoice', 'salesCredit', 'receipt', 'customer']);

/**
 * The records one document becomes, in file order. The document must have passed
 * validation (its amounts parse and its lines add up), as everything posted does.
 */
export function operaRecords(document: LedgerDocument, options: OperaPostingOptions): OperaPostingRecord[] {
	const sales = SALES.has(document.type);
	if (document.type === 'customer' || document.type === 'supplier') {
		return [{ file: sales ? 'SNAME' : 'PNAME', record: nameRecord(document, sales, options) }];
	}
	const kind = TRANSACTION_TYPE[document.type];
	if (!kind) throw new Error(`Opera takes no ${describeDocument(document)}; filter it out before this node.`);
	const sign = (amount: Decimal) => (kind.credit && options.creditSign === 'negative' ? amount.negated() : amount);
	const header = document.header ?? {};
	const transactionPrefix = sales ? 'ST' : 'PT';
	const analysisPrefix = sales ? 'SA' : 'PA';
	const account = document.party?.code;
	const gross = Decimal.of(document.totals?.gross ?? 0);
	const tax = Decimal.of(document.totals?.tax ?? 0);
	const payment = kind.code === 'R' || kind.code === 'P';

	const transaction: Record<string, OperaValue> = {
		[`${transactionPrefix}_ACCOUNT`]: account,
		[`${transactionPrefix}_TRDATE`]: header.date,
		[`${transactionPrefix}_TRREF`]: header.number,
		[sales ? 'ST_CUSTREF' : 'PT_SUPREF']: header.reference,
		[`${transactionPrefix}_TRTYPE`]: kind.code,
		// ST_TRVALUE includes VAT (seed 004 rule 5).
		[`${transactionPrefix}_TRVALUE`]: sign(gross),
		[`${transactionPrefix}_VATVAL`]: sign(payment ? Decimal.ZERO : tax),
		[`${transactionPrefix}_CBTYPE`]: payment ? options.cashbookType : '',
		[`${transactionPrefix}_ENTRY`]: '',
	};
	if (payment && header.bank) {
		transaction[`${transactionPrefix}_BANK_AC`] = header.bank.account;
		transaction[`${transactionPrefix}_BANK_CC`] = header.bank.costCentre;
	}
	const discountVat = header.promptPaymentVat ?? [];
	discountVat.forEach((value, level) => {
		transaction[`${transactionPrefix}_VATSET${level + 1}`] = sign(Decimal.of(value));
	});
	if (header.paidInFull && !payment) {
		transaction[`${transactionPrefix}_FULLAMT`] = true;
		transaction[`${transactionPrefix}_FULLCB`] = header.paidInFull.cashbookType ?? '';
		transaction[`${transactionPrefix}_FULLNAR`] = header.paidInFull.narrative ?? '';
		transaction[`${transactionPrefix}_CASH`] = header.paidInFull.cash ?? false;
	}
	const records: OperaPostingRecord[] = [{ file: sales ? 'STRAN' : 'PTRAN', record: transaction }];
	if (payment) return records;

	const analysisFile: OperaImportFile = sales ? 'SANAL' : 'PANAL';
	for (const line of document.lines ?? []) {
		const analysis: Record<string, OperaValue> = {
			[`${analysisPrefix}_ACCOUNT`]: account,
			[`${analysisPrefix}_TRDATE`]: header.date,
			[`${analysisPrefix}_TRREF`]: header.number,
			[`${analysisPrefix}_TRTYPE`]: kind.code,
			// SA_TRVALUE excludes VAT (seed 004, SANAL rule 1); SA_VATVAL carries it.
			[`${analysisPrefix}_TRVALUE`]: sign(Decimal.of(line.net)),
			[`${analysisPrefix}_VATVAL`]: sign(Decimal.of(line.taxAmount ?? 0)),
			[`${analysisPrefix}_ANCODE`]: line.account,
			[`${analysisPrefix}_VATCTRY`]: options.vatCountryType,
			[`${analysisPrefix}_VATTYPE`]: sales ? 'S' : 'P',
			[`${analysisPrefix}_ANVAT`]: line.taxCode,
			// Without it the Importer stamps the computer's date as the tax point (seed 004).
			[`${analysisPrefix}_TAXDATE`]: header.taxDate ?? header.date,
		};
		(line.promptPaymentVat ?? []).forEach((value, level) => {
			analysis[`${analysisPrefix}_VATSET${level + 1}`] = sign(Decimal.of(value));
		});
		records.push({ file: analysisFile, record: analysis });
	}
	return records;
}

function nameRecord(document: LedgerDocument, sales: boolean, options: OperaPostingOptions): OperaRecord {
	const prefix = sales ? 'SN' : 'PN';
	const party = document.party ?? {};
	const address = party.addresses?.find((entry) => entry.type !== 'delivery') ?? party.addresses?.[0];
	// Opera has five address lines and a postcode: street lines first, then town and county.
	const addressLines = [...(address?.lines ?? []), address?.city, address?.region].filter(
		(line): line is string => typeof line === 'string' && line.trim() !== '',
	);
	const record: Record<string, OperaValue> = {
		[`${prefix}_ACCOUNT`]: party.code,
		[`${prefix}_NAME`]: party.name,
		[`${prefix}_PSTCODE`]: address?.postcode,
		[`${prefix}_IBAN`]: party.iban === undefined ? undefined : electronicIban(party.iban),
		[`${prefix}_BIC`]: compact(party.bic),
	};
	addressLines.slice(0, 5).forEach((line, index) => {
		record[`${prefix}_ADDR${index + 1}`] = line;
	});
	if (!sales) record.PN_PAYMETH = party.paymentMethod ?? options.defaultPaymentMethod;
	return record;
}

/** IBANs and BICs are written as Opera validates them: no spaces, upper case. */
export function compact(code: string | undefined): string | undefined {
	return code === undefined ? undefined : code.replace(/\s+/g, '').toUpperCase();
}

/** More than five address lines would be lost: the caller rejects such a party. */
export function addressLineCount(document: LedgerDocument): number {
	const address = document.party?.addresses?.find((entry) => entry.type !== 'delivery') ?? document.party?.addresses?.[0];
	return [...(address?.lines ?? []), address?.city, address?.region].filter((line) => typeof line === 'string' && line.trim() !== '').length;
}

/**
 * The six Pegasus Opera 3 Importer files Ledger Bridge writes, field by field. This is the
 * one home of Opera's names, dBase types and widths: the DBF writer, the CSV writer and the
 * Opera constraint profile all read this table, so a width changes here and nowhere else.
 *
 * Sources (../shared/reference/sage-and-opera.md §4 and seed 004):
 * - the mandatory fields are the Import Wizard help's table, exactly;
 * - widths marked 'help' are printed in the help (the sample SNAME DBF, the multi-bank and
 *   matched-receipt field lists); 'operaCode' widths are the truncations a posting engine
 *   that writes live Opera 3 tables applies (st_trref [:20] and friends);
 * - every 'assumed' width is our guess at an Opera-like size where the reference is silent.
 *   The writer rejects a value that does not fit rather than cutting it, so a guess that is
 *   too narrow shows up as a clear error, never as a shortened reference in the ledger.
 */
import { OperaFileError } from './errors';

export const OPERA_IMPORT_FILES = ['SNAME', 'STRAN', 'SANAL', 'PNAME', 'PTRAN', 'PANAL'] as const;
export type OperaImportFile = (typeof OPERA_IMPORT_FILES)[number];

/** dBase III field types the Importer files need: Character, Numeric, Date, Logical. */
export type DbaseType = 'C' | 'N' | 'D' | 'L';

/** Where a width comes from, so a later check against a real Opera can start with the guesses. */
export type WidthSource = 'help' | 'operaCode' | 'dBase' | 'assumed';

/** Where the field's name comes from: the Importer help, real Opera postings, or by analogy only. */
export type NameSource = 'help' | 'postings' | 'analogy';

export interface OperaField {
	/** Opera's own name; the Importer matches DBF fields and CSV headings by it, not by position. */
	name: string;
	type: DbaseType;
	/** Bytes in a DBF record; for C fields also the most characters (cp1252 is one byte each). */
	width: number;
	decimals: number;
	/** The Importer needs the field in every file of its kind (reference §4 table). */
	mandatory: boolean;
	/** The field may be present and blank: ST_CBTYPE/ST_ENTRY "do not have to contain data". */
	mayBeBlank: boolean;
	/** The matched-receipt fields exist only in a DBF; the help says a CSV cannot carry them. */
	dbfOnly: boolean;
	description: string;
	widthFrom: WidthSource;
	nameFrom: NameSource;
}

type Presence = 'mandatory' | 'mandatoryMayBeBlank' | 'optional';

interface Extra {
	presence?: Presence;
	nameFrom?: NameSource;
	dbfOnly?: boolean;
}

function field(name: string, type: DbaseType, width: number, decimals: number, widthFrom: WidthSource, description: string, extra: Extra = {}): OperaField {
	const presence = extra.presence ?? 'optional';
	return {
		name,
		type,
		width,
		decimals,
		mandatory: presence !== 'optional',
		mayBeBlank: presence !== 'mandatory',
		dbfOnly: extra.dbfOnly ?? false,
		description,
		widthFrom,
		nameFrom: extra.nameFrom ?? 'help',
	};
}

const text = (name: string, width: number, widthFrom: WidthSource, description: string, extra?: Extra) =>
	field(name, 'C', width, 0, widthFrom, description, extra);

// Money: the reference gives no width. N(12,2) holds 999,999,999.99 and -99,999,999.99
// (the sign takes a byte); a larger amount is an error, never a cut-off figure.
const money = (name: string, description: string, extra?: Extra) => field(name, 'N', 12, 2, 'assumed', description, extra);
const date = (name: string, description: string, extra?: Extra) => field(name, 'D', 8, 0, 'dBase', description, extra);
const logical = (name: string, description: string, extra?: Extra) => field(name, 'L', 1, 0, 'dBase', description, extra);

const MANDATORY: Extra = { presence: 'mandatory' };
const MANDATORY_MAY_BE_BLANK: Extra = { presence: 'mandatoryMayBeBlank' };

/**
 * Name and address fields shared by SNAME and PNAME. The help's sample SNAME DBF has
 * SN_ADDR1–4 C(30) and SN_PSTCODE C(8); Opera addresses have five lines (reference §4), so
 * ADDR5 is the same width. The PN_ side is by analogy: the help shows only the SN_ sample.
 */
function nameAndAddress(prefix: 'SN' | 'PN', party: string): OperaField[] {
	const nameFrom: NameSource = prefix === 'SN' ? 'help' : 'analogy';
	const widthFrom: WidthSource = prefix === 'SN' ? 'help' : 'assumed';
	return [
		text(`${prefix}_ACCOUNT`, 8, widthFrom, `${party} account code`, MANDATORY),
		text(`${prefix}_NAME`, 30, widthFrom, `${party} name`, MANDATORY),
		...[1, 2, 3, 4].map((line) => text(`${prefix}_ADDR${line}`, 30, widthFrom, `Address line ${line}`, { nameFrom })),
		text(`${prefix}_ADDR5`, 30, 'assumed', 'Address line 5', { nameFrom: 'analogy' }),
		text(`${prefix}_PSTCODE`, 8, widthFrom, 'Postcode', { nameFrom }),
	];
}

/**
 * SEPA bank codes. ISO 13616 allows an IBAN of up to 34 characters and ISO 9362 a BIC of
 * 8 or 11 (reference §5); Opera's own widths are not in the reference.
 */
function bankCodes(prefix: 'SN' | 'PN'): OperaField[] {
	return [
		text(`${prefix}_IBAN`, 34, 'assumed', 'IBAN (ISO 13616), without spaces; needs the BIC too'),
		text(`${prefix}_BIC`, 11, 'assumed', 'BIC (ISO 9362), 8 or 11 characters; needs the IBAN too'),
	];
}

/**
 * STRAN and PTRAN: one record per invoice, credit note, receipt/payment or refund.
 * Reference widths: account [:8], reference [:20], customer/supplier reference [:20],
 * entry [:12] from the posting engine; CBTYPE 'R2' and the bank fields from the help.
 */
function transactions(prefix: 'ST' | 'PT'): OperaField[] {
	const sales = prefix === 'ST';
	const party = sales ? 'Customer' : 'Supplier';
	const purchaseAnalogy: Extra = sales ? {} : { nameFrom: 'analogy' };
	// The posting engine's truncations are for st_ fields (and pt_trref/pt_supref); the other
	// PT_ widths are the ST_ ones by analogy.
	const seen: WidthSource = sales ? 'operaCode' : 'assumed';
	const printed: WidthSource = sales ? 'help' : 'assumed';
	return [
		text(`${prefix}_ACCOUNT`, 8, seen, `${party} account code`, MANDATORY),
		date(`${prefix}_TRDATE`, 'Transaction date', MANDATORY),
		text(`${prefix}_TRREF`, 20, 'operaCode', 'Transaction reference (invoice or credit note number)', MANDATORY),
		// Opera's column is ST_CUSTREF; "st_cusref" in the reference's truncation list is a
		// typo the same project later fixed (its own column audit: canonical column is st_custref).
		sales
			? text('ST_CUSTREF', 20, 'operaCode', "Customer's reference (their order number)", { nameFrom: 'postings' })
			: text('PT_SUPREF', 20, 'operaCode', "Supplier's reference (their invoice number)", { nameFrom: 'postings' }),
		// Types seen in Opera's own postings: I, C, R, F (sales) and I, C, P, F (purchase).
		text(`${prefix}_TRTYPE`, 1, seen, sales ? 'I invoice, C credit note, R receipt, F refund' : 'I invoice, C credit note, P payment, F refund', MANDATORY),
		money(`${prefix}_TRVALUE`, 'Transaction value including VAT (the help: "must include VAT")', MANDATORY),
		money(`${prefix}_VATVAL`, 'VAT value of the transaction', MANDATORY),
		text(`${prefix}_CBTYPE`, 2, seen, 'Cashbook type, e.g. R2; present whenever Cashbook is active, may be blank', MANDATORY_MAY_BE_BLANK),
		text(`${prefix}_ENTRY`, 12, seen, 'Cashbook entry number; present whenever Cashbook is active, may be blank', MANDATORY_MAY_BE_BLANK),
		money(`${prefix}_VATSET1`, 'VAT if the first prompt-payment discount is taken', purchaseAnalogy),
		money(`${prefix}_VATSET2`, 'VAT if the second prompt-payment discount is taken', purchaseAnalogy),
		text(`${prefix}_BANK_AC`, 8, printed, `Bank account for a ${sales ? 'receipt' : 'payment'}; blank means the default bank`, purchaseAnalogy),
		text(`${prefix}_BANK_CC`, 4, printed, 'Bank account cost centre', purchaseAnalogy),
		logical(`${prefix}_FULLAMT`, `.T.: fully paid, so the Importer generates a matched ${sales ? 'receipt' : 'payment'} or refund`, { ...purchaseAnalogy, dbfOnly: true }),
		text(`${prefix}_FULLCB`, 2, printed, `Cashbook type for the generated ${sales ? 'receipt' : 'payment'} or refund`, { ...purchaseAnalogy, dbfOnly: true }),
		text(`${prefix}_FULLNAR`, 10, printed, `Narrative for the generated ${sales ? 'receipt' : 'payment'} or refund`, { ...purchaseAnalogy, dbfOnly: true }),
		logical(`${prefix}_CASH`, `.T.: the generated ${sales ? 'receipt' : 'payment'} or refund is cash`, { ...purchaseAnalogy, dbfOnly: true }),
	];
}

/**
 * SANAL and PANAL: the analysis (nominal) lines of each transaction, net of VAT. The codes
 * are short in every real posting seen ('ACCE01', 'H', 'S', '1'); their widths are assumed.
 */
function analysis(prefix: 'SA' | 'PA'): OperaField[] {
	const sales = prefix === 'SA';
	const purchaseAnalogy: Extra = sales ? {} : { nameFrom: 'analogy' };
	// These must equal the transaction's own fields, so they take the same widths.
	return [
		text(`${prefix}_ACCOUNT`, 8, 'assumed', `${sales ? 'Customer' : 'Supplier'} account code, as on the transaction`, MANDATORY),
		date(`${prefix}_TRDATE`, 'Transaction date, as on the transaction', MANDATORY),
		text(`${prefix}_TRREF`, 20, 'assumed', 'Transaction reference, as on the transaction', MANDATORY),
		text(`${prefix}_TRTYPE`, 1, 'assumed', 'Transaction type, as on the transaction', MANDATORY),
		money(`${prefix}_TRVALUE`, 'Line value excluding VAT (the help: "must not include VAT")', MANDATORY),
		// Not in the mandatory table, but the help says it "should be included" whenever the
		// transaction's VAT is greater than 0.00, which is almost always.
		money(`${prefix}_VATVAL`, 'VAT value of the line; include it when the transaction has VAT'),
		// Opera account codes are 8 characters wherever the reference gives a width.
		text(`${prefix}_ANCODE`, 8, 'assumed', `${sales ? 'Sales' : 'Purchase'} analysis code; must exist in Opera's ${sales ? 'Sales' : 'Purchase'} Codes`, MANDATORY),
		text(`${prefix}_VATCTRY`, 1, 'assumed', 'VAT country type: H home (others per Opera VAT set-up)', MANDATORY),
		text(`${prefix}_VATTYPE`, 1, 'assumed', 'VAT type: S sales, P purchase', MANDATORY),
		text(`${prefix}_ANVAT`, 2, 'assumed', 'Opera VAT code of the line, e.g. 1', MANDATORY),
		date(`${prefix}_TAXDATE`, "Tax point date; if absent the Importer uses the computer's date, not Opera's", purchaseAnalogy),
		money(`${prefix}_VATSET1`, 'Line VAT if the first prompt-payment discount is taken', purchaseAnalogy),
		money(`${prefix}_VATSET2`, 'Line VAT if the second prompt-payment discount is taken', purchaseAnalogy),
	];
}

export const OPERA_FIELDS: Readonly<Record<OperaImportFile, readonly OperaField[]>> = {
	SNAME: [...nameAndAddress('SN', 'Customer'), ...bankCodes('SN')],
	STRAN: transactions('ST'),
	SANAL: analysis('SA'),
	PNAME: [
		...nameAndAddress('PN', 'Supplier'),
		// Codes seen in Opera data: B BACS, C cheque, H other; wider codes are not known.
		text('PN_PAYMETH', 1, 'assumed', 'Payment method: B BACS, C cheque, H other', { presence: 'mandatory', nameFrom: 'help' }),
		...bankCodes('PN'),
		logical('PN_SEPA', '.T.: pay by SEPA, which makes PN_IBAN and PN_BIC mandatory'),
	],
	PTRAN: transactions('PT'),
	PANAL: analysis('PA'),
};

const FIELDS_BY_NAME = new Map<OperaImportFile, ReadonlyMap<string, OperaField>>(
	OPERA_IMPORT_FILES.map((file) => [file, new Map(OPERA_FIELDS[file].map((entry) => [entry.name, entry]))]),
);

export function operaField(file: OperaImportFile, name: string): OperaField | undefined {
	return FIELDS_BY_NAME.get(file)?.get(name);
}

/**
 * The fields one file will carry, in table order: every mandatory field, plus the optional
 * ones asked for. The Importer matches by name, so a file "need only contain those fields
 * that you wish to import" plus the mandatory ones (reference §4).
 */
export function operaLayout(file: OperaImportFile, optionalFields: readonly string[] = []): OperaField[] {
	const known = FIELDS_BY_NAME.get(file);
	if (!known) {
		throw new OperaFileError('OPERA_FIELD_UNKNOWN', `"${file}" is not an Opera Importer file; use one of ${OPERA_IMPORT_FILES.join(', ')}.`, { file });
	}
	const wanted = new Set(optionalFields);
	for (const name of wanted) {
		if (!known.has(name)) {
			throw new OperaFileError(
				'OPERA_FIELD_UNKNOWN',
				`${file} has no field ${name}; the fields Ledger Bridge knows for ${file} are ${[...known.keys()].join(', ')}.`,
				{ file, field: name },
			);
		}
	}
	return OPERA_FIELDS[file].filter((entry) => entry.mandatory || wanted.has(entry.name));
}

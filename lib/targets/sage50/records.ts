/**
 * Customer and supplier documents as Sage 50 Accounts (UK) record imports (reference §1,
 * Sage KB 250321114620507): one row per account, columns A/C to E-mail in Sage's order.
 *
 * Sage's five address lines are street 1, street 2, town, county and post code, so the
 * document's first street line goes to Address Line 1, any further street lines to Address
 * Line 2 joined with ", " (all the text kept, and refused if the join is over 60), then
 * city, region and postcode. The country is not written: its column (AX) is far past
 * the ones the KB documents.
 *
 * Turnover and credit-limit columns are left blank: a document carries none of them.
 * Whether Sage treats a blank as "leave as it is" when the account already exists is not
 * in the reference; import new accounts only until that is checked.
 */
import { type DocumentType, type LedgerDocument } from '../../model/document';
import { checkDocuments, rowsOrThrow, type Sage50DocumentCheck } from './checks';
import { csvBytes, sage50FileName, writeSage50File, type Sage50WriteOptions, type WrittenSage50File } from './csv';
import { sage50Headings, type Sage50Layout } from './fields';
import { formatRows, notSupported, type Sage50Record } from './values';

export type Sage50RecordKind = 'customer' | 'supplier';

export interface RecordOptions {
	/** Default Nominal Code of each new account (seed 003: Sage wants a default sales or expense account). */
	defaultNominalCode?: string;
	/** Default Tax Code of each new account, e.g. T1. */
	defaultTaxCode?: string;
}

const LAYOUTS: Record<Sage50RecordKind, Sage50Layout> = { customer: 'ukCustomer', supplier: 'ukSupplier' };
const FILE_PREFIXES: Record<Sage50RecordKind, string> = { customer: 'CUSTOMERS', supplier: 'SUPPLIERS' };

/** The row of one customer or supplier document, keyed by Sage heading, values not yet checked. */
export function partyRecord(document: LedgerDocument, options: RecordOptions = {}): Sage50Record {
	const party = document.party ?? {};
	const address = party.addresses?.find((entry) => entry.type !== 'delivery') ?? party.addresses?.[0];
	const streets = (address?.lines ?? []).filter((line) => line.trim() !== '');
	return {
		'A/C': party.code,
		Name: party.name,
		'Address Line 1': streets[0],
		'Address Line 2': streets.slice(1).join(', '),
		'Address Line 3': address?.city,
		'Address Line 4': address?.region,
		'Address Line 5': address?.postcode,
		'Contact Name': party.contact,
		Telephone: party.phone,
		'VAT Number': party.vatNumber,
		'Trading Terms Text': party.paymentTerms,
		'Default Nominal Code': options.defaultNominalCode,
		'Tax Code': options.defaultTaxCode,
		'E-mail': party.email,
	};
}

/** Each document checked on its own; a second document with an A/C already in the file is rejected (Sage would overwrite the first with it). */
export function checkRecordDocuments(kind: Sage50RecordKind, documents: readonly LedgerDocument[], options: RecordOptions = {}): Sage50DocumentCheck[] {
	const layout = LAYOUTS[kind];
	const wanted: DocumentType = kind;
	return checkDocuments(
		documents,
		(document, name) => {
			if (document.type !== wanted) throw notSupported(layout, document, name, `${kind} records`);
			return formatRows(layout, [partyRecord(document, options)], name);
		},
		(document) => {
			const code = document.party?.code ?? '';
			return { key: code.trim().toUpperCase(), sentence: `have the same A/C ${code}`, fix: 'send each account once' };
		},
	);
}

/** The whole CSV: the heading row, then one row per account. Throws Sage50FileError on the first problem. */
export function recordsCsv(kind: Sage50RecordKind, documents: readonly LedgerDocument[], options: RecordOptions = {}): Buffer {
	return csvBytes(sage50Headings(LAYOUTS[kind]), rowsOrThrow(checkRecordDocuments(kind, documents, options)));
}

/** Writes CUSTOMERS_<stamp>.csv or SUPPLIERS_<stamp>.csv into `folder`, complete or not at all. */
export async function writeRecordsFile(
	folder: string,
	kind: Sage50RecordKind,
	documents: readonly LedgerDocument[],
	options: RecordOptions & Sage50WriteOptions = {},
): Promise<WrittenSage50File> {
	const rows = rowsOrThrow(checkRecordDocuments(kind, documents, options));
	return writeSage50File(folder, sage50FileName(FILE_PREFIXES[kind], options.stamp), csvBytes(sage50Headings(LAYOUTS[kind]), rows), rows.length, options);
}

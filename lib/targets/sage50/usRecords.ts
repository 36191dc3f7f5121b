/**
 * Customer and vendor records as Sage 50 US (Peachtree) Customer List and Vendor List
 * imports (File > Select Import/Export > Accounts Receivable > Customer List, Accounts
 * Payable > Vendor List): one row per account, the columns of the field table (fields.ts),
 * headings first ("First Row Contains Headings").
 *
 * The file is written to be forgiving of Sage's template rather than of the data: only the
 * columns a document can fill are in it, every one but the ID may be blank, and the
 * headings whose exact Sage wording is unconfirmed are marked in fields.ts; Sage matches
 * columns by the order ticked under "Show", so a person maps each once and saves the
 * template. Values are still never cut: an ID or name too long for Sage would otherwise
 * arrive as another account.
 *
 * Sage 50 US has two street lines, so the document's first street line goes to line one
 * and any further ones to line two, joined with ", " (all the text kept, and refused if the
 * join is over 30). The billing address is used, not the delivery one.
 *
 * Import these before the journal that names the account: Sage refuses a Sales or Purchases
 * Journal row whose Customer or Vendor ID it does not know.
 */
import type { LedgerDocument } from '../../model/document';
import { checkDocuments, rowsOrThrow, type Sage50DocumentCheck } from './checks';
import { csvBytes, sage50FileName, writeSage50File, type Sage50WriteOptions, type WrittenSage50File } from './csv';
import { sage50Headings, type Sage50Layout } from './fields';
import type { RecordOptions, Sage50RecordKind } from './records';
import { formatRows, notSupported, type Sage50Record } from './values';

const LAYOUTS: Record<Sage50RecordKind, Sage50Layout> = { customer: 'usCustomer', supplier: 'usVendor' };
// Sage's own default names (CUSTOMER.CSV, VENDOR.CSV), stamped like SALES_ and PURCHASE_.
const FILE_PREFIXES: Record<Sage50RecordKind, string> = { customer: 'CUSTOMER', supplier: 'VENDOR' };

/** The row of one customer or supplier document, keyed by Sage heading, values not yet checked. */
export function usPartyRecord(kind: Sage50RecordKind, document: LedgerDocument, options: RecordOptions = {}): Sage50Record {
	const party = document.party ?? {};
	const address = party.addresses?.find((entry) => entry.type !== 'delivery') ?? party.addresses?.[0];
	const streets = (address?.lines ?? []).filter((line) => line.trim() !== '');
	if (kind === 'customer') {
		return {
			'Customer ID': party.code,
			'Customer Name': party.name,
			Prospect: false,
			'Bill to Address-Line One': streets[0],
			'Bill to Address-Line Two': streets.slice(1).join(', '),
			'Bill to City': address?.city,
			'Bill to State': address?.region,
			'Bill to Zip': address?.postcode,
			'Bill to Country': address?.country,
			'Bill to Sales Tax ID': options.defaultTaxCode,
			'Telephone 1': party.phone,
			'Customer Email': party.email,
			'G/L Sales Account': options.defaultNominalCode,
		};
	}
	return {
		'Vendor ID': party.code,
		'Vendor Name': party.name,
		Contact: party.contact,
		'Address-Line 1': streets[0],
		'Address-Line 2': streets.slice(1).join(', '),
		City: address?.city,
		State: address?.region,
		'Zip Code': address?.postcode,
		Country: address?.country,
		'Telephone 1': party.phone,
		'Vendor Email': party.email,
		'G/L Purchase Account': options.defaultNominalCode,
		'Tax ID Number': party.vatNumber,
	};
}

/**
 * Each document checked on its own; a second document with an ID already in the file is
 * rejected. Sage 50 US IDs are not case sensitive ("A1 and a1 are the same"), so neither is
 * the comparison.
 */
export function checkUsRecordDocuments(kind: Sage50RecordKind, documents: readonly LedgerDocument[], options: RecordOptions = {}): Sage50DocumentCheck[] {
	const layout = LAYOUTS[kind];
	const label = kind === 'customer' ? 'customer' : 'vendor';
	return checkDocuments(
		documents,
		(document, name) => {
			if (document.type !== kind) throw notSupported(layout, document, name, `${label} records`);
			return formatRows(layout, [usPartyRecord(kind, document, options)], name);
		},
		(document) => {
			const code = document.party?.code ?? '';
			return { key: code.trim().toUpperCase(), sentence: `have the same ${label} ID ${code}`, fix: 'send each account once' };
		},
	);
}

/** The whole CSV: the heading row, then one row per account. Throws Sage50FileError on the first problem. */
export function usRecordsCsv(kind: Sage50RecordKind, documents: readonly LedgerDocument[], options: RecordOptions = {}): Buffer {
	return csvBytes(sage50Headings(LAYOUTS[kind]), rowsOrThrow(checkUsRecordDocuments(kind, documents, options)));
}

/** Writes CUSTOMER_<stamp>.csv or VENDOR_<stamp>.csv into `folder`, complete or not at all. */
export async function writeUsRecordsFile(
	folder: string,
	kind: Sage50RecordKind,
	documents: readonly LedgerDocument[],
	options: RecordOptions & Sage50WriteOptions = {},
): Promise<WrittenSage50File> {
	const rows = rowsOrThrow(checkUsRecordDocuments(kind, documents, options));
	return writeSage50File(folder, sage50FileName(FILE_PREFIXES[kind], options.stamp), csvBytes(sage50Headings(LAYOUTS[kind]), rows), rows.length, options);
}

import { CP1252_TO_UNICODE } from '../../files/cp1252';
import { operaField, type OperaImportFile } from './fields';
import { OPERA_DOCUMENT_TYPES } from './postings';
import type { DocumentType } from '../../model/document';
import type { ConstraintProfile, FieldRule } from '../../profiles/types';

const TRANSACTIONS: DocumentType[] = ['salesInvoice', 'salesCredit', 'purchaseInvoice', 'purchaseCredit'];
const WITH_NUMBER: DocumentType[] = [...TRANSACTIONS, 'receipt', 'supplierPayment'];

/**
 * Every printable character Windows-1252 has, as a character class: Opera 3 files are
 * cp1252 (reference §4), so anything else (emoji, ≠, Cyrillic) is removed and reported here
 * instead of failing the file writer.
 */
const CP1252_PRINTABLE = CP1252_TO_UNICODE.filter((codePoint) => codePoint >= 0x20 && codePoint !== 0x7f)
	.map((codePoint) => `\\u${codePoint.toString(16).padStart(4, '0')}`)
	.join('');

/**
 * A rule whose width is read from the Opera field table, the one home of Opera's widths:
 * the file writer and this profile cannot disagree.
 */
function width(path: string, file: OperaImportFile, name: string, label: string, rule: Partial<FieldRule> = {}): FieldRule {
	const field = operaField(file, name);
	if (!field) throw new Error(`The Opera field table has no ${file}.${name}`);
	return { path, label: `${label} (${name})`, maxLength: field.width, ...rule };
}

/**
 * Pegasus Opera 3 Importer: the codes Opera matches on (account, analysis and VAT codes,
 * references) are rejected when too long, since a shortened code posts somewhere else;
 * names, addresses and narratives are shortened and the change reported.
 */
export const operaProfile: ConstraintProfile = {
	id: 'opera3',
	name: 'Pegasus Opera 3',
	description: 'Importer files SNAME/STRAN/SANAL and PNAME/PTRAN/PANAL: Opera widths, cp1252 text, mandatory fields',
	documentTypes: [...OPERA_DOCUMENT_TYPES],
	text: { allowedCharacters: CP1252_PRINTABLE, tooLong: 'truncate', invalidCharacters: 'remove' },
	fields: [
		width('party.code', 'SNAME', 'SN_ACCOUNT', 'account code', { mandatory: true, tooLong: 'reject' }),
		width('party.name', 'SNAME', 'SN_NAME', 'name', { mandatory: true }),
		width('party.addresses[].lines[]', 'SNAME', 'SN_ADDR1', 'address line'),
		width('party.addresses[].city', 'SNAME', 'SN_ADDR1', 'town'),
		width('party.addresses[].region', 'SNAME', 'SN_ADDR1', 'county'),
		width('party.addresses[].postcode', 'SNAME', 'SN_PSTCODE', 'postcode', { tooLong: 'reject' }),
		width('party.paymentMethod', 'PNAME', 'PN_PAYMETH', 'payment method', { tooLong: 'reject' }),
		width('header.number', 'STRAN', 'ST_TRREF', 'reference', { mandatory: WITH_NUMBER, tooLong: 'reject' }),
		width('header.reference', 'STRAN', 'ST_CUSTREF', 'customer/supplier reference'),
		width('header.bank.account', 'STRAN', 'ST_BANK_AC', 'bank account', { tooLong: 'reject' }),
		width('header.bank.costCentre', 'STRAN', 'ST_BANK_CC', 'bank cost centre', { tooLong: 'reject' }),
		width('header.paidInFull.cashbookType', 'STRAN', 'ST_FULLCB', 'cashbook type', { tooLong: 'reject' }),
		width('header.paidInFull.narrative', 'STRAN', 'ST_FULLNAR', 'narrative'),
		width('lines[].account', 'SANAL', 'SA_ANCODE', 'analysis code', { mandatory: TRANSACTIONS, tooLong: 'reject' }),
		width('lines[].taxCode', 'SANAL', 'SA_ANVAT', 'VAT code', { mandatory: TRANSACTIONS, tooLong: 'reject' }),
	],
};

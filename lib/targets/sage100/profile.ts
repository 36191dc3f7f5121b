import type { DocumentType } from '../../model/document';
import { SAGE100_INVOICE_TYPES } from './checks';
import { SAGE100_FIELDS, type Sage100FieldName } from './fields';
import { CP1252_TO_UNICODE } from '../../files/cp1252';
import type { ConstraintProfile, FieldRule } from '../../profiles/types';

const INVOICES: DocumentType[] = [...SAGE100_INVOICE_TYPES];

/**
 * Sage 100 France keeps text in Windows-1252 (the SQL edition's varchar columns with a French
 * collation; an ASSUMPTION, not in our reference): anything else (emoji, Cyrillic, ≠) would
 * reach Sage as "?", so it is removed here and the change reported.
 */
const CP1252_PRINTABLE = CP1252_TO_UNICODE.filter((codePoint) => codePoint >= 0x20 && codePoint !== 0x7f)
	.map((codePoint) => `\\u${codePoint.toString(16).padStart(4, '0')}`)
	.join('');

/**
 * A rule whose width is read from the Sage 100 field table, the one home of Sage 100's widths:
 * the writers and this profile cannot disagree. Codes Sage matches on are rejected when they do
 * not fit; labels are shortened.
 */
function width(path: string, name: Sage100FieldName, label: string, rule: Partial<FieldRule> = {}): FieldRule {
	const field = SAGE100_FIELDS[name];
	return { path, label: `${label} (${field.column})`, maxLength: field.width, ...(field.kind === 'code' ? { tooLong: 'reject' as const } : {}), ...rule };
}

/**
 * Sage 100 Comptabilité (France): customers as third parties (F_COMPTET) and sales invoices and
 * credit notes as entries of the sales journal (F_ECRITUREC, seed 002). The invoice number is
 * the piece number (EC_Piece, 13) and is rejected when longer, as a shortened number is
 * another invoice's; the customer code (CT_Num, 17) is mandatory and unique; names (35),
 * line labels (EC_Intitule, 69) and the reference (EC_Reference, 17) are shortened to fit.
 */
export const sage100Profile: ConstraintProfile = {
	id: 'sage100fr',
	name: 'Sage 100 Comptabilité (France)',
	description: 'Customers (F_COMPTET) and sales invoices/credit notes for the sales journal (F_ECRITUREC): piece number 13, customer code 17, labels 69, Windows-1252 text',
	documentTypes: [...INVOICES, 'customer'],
	text: { allowedCharacters: CP1252_PRINTABLE, tooLong: 'truncate', invalidCharacters: 'remove' },
	fields: [
		width('party.code', 'customerCode', 'customer code', { mandatory: true, invalidCharacters: 'reject' }),
		width('party.name', 'customerName', 'name', { mandatory: ['customer'] }),
		width('party.addresses[].lines[]', 'customerAddress', 'address line'),
		width('party.addresses[].postcode', 'customerPostcode', 'post code', { tooLong: 'reject' }),
		width('party.addresses[].city', 'customerCity', 'town'),
		width('party.contact', 'customerContact', 'contact'),
		width('party.phone', 'customerPhone', 'telephone'),
		width('party.email', 'customerEmail', 'e-mail', { allowedCharacters: '\\u0021-\\u007e', invalidCharacters: 'reject' }),
		width('party.vatNumber', 'customerVatNumber', 'VAT number'),
		width('header.number', 'piece', 'invoice number', { mandatory: INVOICES, invalidCharacters: 'reject' }),
		width('header.reference', 'reference', 'reference'),
		width('header.project', 'sectionCode', 'project', { invalidCharacters: 'reject' }),
		width('lines[].description', 'entryLabel', 'line label'),
		width('lines[].account', 'generalAccount', 'sales account', { mandatory: INVOICES, invalidCharacters: 'reject' }),
		width('lines[].taxCode', 'vatCode', 'VAT code', { invalidCharacters: 'reject' }),
		width('lines[].project', 'sectionCode', 'project', { invalidCharacters: 'reject' }),
	],
};

import type { DocumentType } from '../../model/document';
import { AUDIT_TRAIL_DOCUMENT_TYPES } from './auditTrail';
import { SAGE50_UK_TAX_CODE_PATTERN, SAGE50_UK_TEXT_CHARACTERS, sage50Field, type Sage50Layout } from './fields';
import type { ConstraintProfile, FieldRule } from '../../profiles/types';

const INVOICES: DocumentType[] = ['salesInvoice', 'salesCredit', 'purchaseInvoice', 'purchaseCredit', 'expense'];

/**
 * A rule whose width and characters are read from the Sage 50 field table, the one home of
 * Sage's widths: the file writers and this profile cannot disagree.
 */
export function sage50Rule(path: string, layout: Sage50Layout, column: string, label: string, rule: Partial<FieldRule> = {}): FieldRule {
	const field = sage50Field(layout, column);
	if (!field) throw new Error(`The Sage 50 field table has no "${column}" in ${layout}`);
	const characters = field.characters ? { allowedCharacters: field.characters } : {};
	return { path, label: `${label} (${column})`, maxLength: field.width, ...characters, ...rule };
}

/** A code Sage matches on: too long or with a character outside A–Z 0–9 is rejected, since an altered code is another account. */
const CODE: Partial<FieldRule> = { tooLong: 'reject', invalidCharacters: 'reject' };

/** Sage departments are the numbers 0–999. */
const DEPARTMENT: Partial<FieldRule> = { ...CODE, allowedCharacters: '0-9', maxLength: 3 };

/**
 * Sage 50 Accounts (UK): the audit-trail transaction import and the customer and supplier
 * record imports. Account, nominal, project and cost codes and the document reference are
 * rejected when they do not fit; names, addresses and details are shortened and cleaned of
 * special characters and line breaks (seed 000), every change reported.
 */
export const sage50UkProfile: ConstraintProfile = {
	id: 'sage50uk',
	name: 'Sage 50 Accounts (UK)',
	description: 'Audit-trail transaction CSV and customer/supplier record CSVs: 8-character A–Z 0–9 codes, T0–T99 tax codes, Sage widths, special characters removed',
	documentTypes: [...AUDIT_TRAIL_DOCUMENT_TYPES, 'customer', 'supplier'],
	text: { allowedCharacters: SAGE50_UK_TEXT_CHARACTERS, tooLong: 'truncate', invalidCharacters: 'remove' },
	fields: [
		sage50Rule('party.code', 'ukAuditTrail', 'Account Reference', 'account code', { ...CODE, mandatory: true }),
		sage50Rule('party.name', 'ukCustomer', 'Name', 'name'),
		sage50Rule('party.addresses[].lines[]', 'ukCustomer', 'Address Line 1', 'address line'),
		sage50Rule('party.addresses[].city', 'ukCustomer', 'Address Line 3', 'town'),
		sage50Rule('party.addresses[].region', 'ukCustomer', 'Address Line 4', 'county'),
		sage50Rule('party.addresses[].postcode', 'ukCustomer', 'Address Line 5', 'post code'),
		sage50Rule('party.contact', 'ukCustomer', 'Contact Name', 'contact'),
		sage50Rule('party.phone', 'ukCustomer', 'Telephone', 'telephone'),
		sage50Rule('party.vatNumber', 'ukCustomer', 'VAT Number', 'VAT number'),
		sage50Rule('party.paymentTerms', 'ukCustomer', 'Trading Terms Text', 'terms'),
		// An address has characters (& ! +) names may not, and a shortened one reaches nobody.
		sage50Rule('party.email', 'ukCustomer', 'E-mail', 'e-mail', { allowedCharacters: '\\u0021-\\u007e', ...CODE }),
		// The reference groups the document's rows in Sage; altered, it could join another document's.
		sage50Rule('header.number', 'ukAuditTrail', 'Reference', 'reference', {
			mandatory: [...INVOICES, 'receipt', 'supplierPayment'],
			tooLong: 'reject',
			invalidCharacters: 'reject',
		}),
		sage50Rule('header.reference', 'ukAuditTrail', 'Extra Reference', 'second reference'),
		sage50Rule('header.description', 'ukAuditTrail', 'Details', 'description'),
		sage50Rule('header.department', 'ukAuditTrail', 'Department Code', 'department', DEPARTMENT),
		sage50Rule('header.project', 'ukAuditTrail', 'Project Refn', 'project', { tooLong: 'reject' }),
		sage50Rule('header.bank.account', 'ukAuditTrail', 'Nominal A/C Ref', 'bank nominal code', CODE),
		sage50Rule('lines[].description', 'ukAuditTrail', 'Details', 'description'),
		sage50Rule('lines[].account', 'ukAuditTrail', 'Nominal A/C Ref', 'nominal code', { ...CODE, mandatory: INVOICES }),
		// The T0–T99 pattern below is the whole check, reported once: no width, and '' turns
		// the profile-wide character rule off rather than let it strip a code into another.
		{ path: 'lines[].taxCode', label: 'tax code (Tax Code)', mandatory: INVOICES, allowedCharacters: '' },
		sage50Rule('lines[].department', 'ukAuditTrail', 'Department Code', 'department', DEPARTMENT),
		sage50Rule('lines[].project', 'ukAuditTrail', 'Project Refn', 'project', { tooLong: 'reject' }),
		sage50Rule('lines[].costCentre', 'ukAuditTrail', 'Cost Code Refn', 'cost code', { tooLong: 'reject' }),
	],
	taxCodes: { pattern: sage50Field('ukAuditTrail', 'Tax Code')?.pattern ?? SAGE50_UK_TAX_CODE_PATTERN, description: 'T0–T99' },
};

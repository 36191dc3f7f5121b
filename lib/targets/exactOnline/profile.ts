import type { ConstraintProfile } from '../../profiles/types';

const ENTRIES = ['salesInvoice', 'salesCredit', 'purchaseInvoice', 'purchaseCredit'] as const;

/**
 * Exact Online sales and purchase entries (reference exact-online.md §3). Only limits the
 * reference confirms are enforced: account codes are at most 18 characters (Exact pads them
 * to 18) and VAT codes at most 3 (Exact pads them to 3). The source invoice number becomes
 * YourRef, which the duplicate check relies on, so it is mandatory; so is a G/L account on
 * every line (seed 001: "If the accounts code is empty, the export will fail").
 */
export const exactOnlineProfile: ConstraintProfile = {
	id: 'exactOnline',
	name: 'Exact Online',
	description: 'Sales/purchase entries and accounts: 18-character account codes, 3-character VAT codes, invoice number (YourRef), date and G/L account on every line mandatory',
	documentTypes: [...ENTRIES, 'customer', 'supplier'],
	text: { tooLong: 'truncate', invalidCharacters: 'remove' },
	fields: [
		{ path: 'party.code', label: 'account code', maxLength: 18, mandatory: true, tooLong: 'reject' },
		{ path: 'party.name', label: 'account name', mandatory: ['customer', 'supplier'] },
		{ path: 'header.number', label: 'your reference (invoice number)', mandatory: [...ENTRIES] },
		{ path: 'header.date', label: 'entry date', mandatory: [...ENTRIES] },
		{ path: 'header.description', label: 'description' },
		{ path: 'lines[].account', label: 'G/L account', mandatory: [...ENTRIES], tooLong: 'reject' },
		{ path: 'lines[].description', label: 'line description' },
	],
	taxCodes: { pattern: '.{1,3}', description: 'Exact Online VAT codes are at most 3 characters (e.g. 2 or 21)' },
};

import type { ConstraintProfile } from './types';

/**
 * The rules every ledger shares: a party code to post against and a GL account on each line.
 * Text fields lose control characters (tabs and line breaks break import files) but keep
 * their length and punctuation.
 */
export const genericProfile: ConstraintProfile = {
	id: 'generic',
	name: 'Generic Ledger (No Length Limits)',
	description: 'Mandatory party code and line accounts; control characters cleaned; no length limits.',
	text: { tooLong: 'truncate', invalidCharacters: 'remove' },
	fields: [
		{
			path: 'header.number',
			label: 'document number',
			// Customer and supplier records have no number: their account code is their identity.
			mandatory: ['salesInvoice', 'salesCredit', 'purchaseInvoice', 'purchaseCredit', 'expense', 'itemReceipt', 'receipt', 'supplierPayment'],
		},
		{ path: 'header.reference', label: 'reference' },
		{ path: 'header.description', label: 'description' },
		{ path: 'party.code', label: 'account code', mandatory: true },
		{ path: 'party.name', label: 'name' },
		{ path: 'party.addresses[].lines[]', label: 'address line' },
		{ path: 'party.addresses[].city', label: 'city' },
		{ path: 'party.contact', label: 'contact' },
		{
			path: 'lines[].account',
			label: 'GL account',
			mandatory: ['salesInvoice', 'salesCredit', 'purchaseInvoice', 'purchaseCredit', 'expense', 'itemReceipt'],
		},
		{ path: 'lines[].description', label: 'line description' },
	],
};

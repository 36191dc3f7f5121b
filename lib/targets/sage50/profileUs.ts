import { CP1252_TO_UNICODE } from '../../files/cp1252';
import { US_JOURNAL_DOCUMENT_TYPES } from './usJournal';
import type { DocumentType } from '../../model/document';
import { sage50Rule } from './profileUk';
import type { ConstraintProfile, FieldRule } from '../../profiles/types';

const TRANSACTIONS: DocumentType[] = [...US_JOURNAL_DOCUMENT_TYPES.sales, ...US_JOURNAL_DOCUMENT_TYPES.purchases];
// An item receipt has no invoice number yet (seed 003: "Waiting on Bill").
const NUMBERED = TRANSACTIONS.filter((type) => type !== 'itemReceipt');

/**
 * Every printable Windows-1252 character: the US help names no special characters, so
 * only what the ANSI file cannot hold (emoji, ≠, Cyrillic) is removed and reported.
 */
const CP1252_PRINTABLE = CP1252_TO_UNICODE.filter((codePoint) => codePoint >= 0x20 && codePoint !== 0x7f)
	.map((codePoint) => `\\u${codePoint.toString(16).padStart(4, '0')}`)
	.join('');

/** IDs and accounts Sage matches on: too long is rejected, since a shortened ID is another customer or account. */
const ID: Partial<FieldRule> = { tooLong: 'reject', invalidCharacters: 'reject' };

/**
 * Sage 50 US (Peachtree): the Sales Journal and Purchases Journal imports. IDs, invoice
 * numbers and G/L accounts are rejected when over Sage's widths; descriptions are
 * shortened to 160 characters and the change reported. Widths from the Sage 50 field table.
 */
export const sage50UsProfile: ConstraintProfile = {
	id: 'sage50us',
	name: 'Sage 50 US (Peachtree)',
	description: 'Sales Journal and Purchases Journal CSVs: 20-character customer/vendor IDs and invoice numbers, 15-character G/L accounts, 160-character descriptions',
	// Customer and vendor records too: Sage Import writes them as Customer List / Vendor List files.
	documentTypes: [...TRANSACTIONS, 'customer', 'supplier'],
	text: { allowedCharacters: CP1252_PRINTABLE, tooLong: 'truncate', invalidCharacters: 'remove' },
	fields: [
		// Customer ID and Vendor ID are both 20; the Sales Journal's stands for both.
		sage50Rule('party.code', 'usSalesJournal', 'Customer ID', 'ID', { ...ID, mandatory: true }),
		// Customer and vendor names (39 in the Customer and Vendor Lists): shortened and reported, not refused.
		{ ...sage50Rule('party.name', 'usCustomer', 'Customer Name', 'customer/vendor name', { tooLong: 'truncate' }), label: 'Customer/Vendor Name' },
		sage50Rule('header.number', 'usSalesJournal', 'Invoice/CM #', 'invoice number', { ...ID, mandatory: NUMBERED }),
		sage50Rule('header.reference', 'usSalesJournal', 'Customer PO', 'customer PO', ID),
		sage50Rule('header.description', 'usSalesJournal', 'Description', 'description'),
		sage50Rule('header.project', 'usSalesJournal', 'Job ID', 'job', ID),
		sage50Rule('lines[].description', 'usSalesJournal', 'Description', 'description'),
		sage50Rule('lines[].account', 'usSalesJournal', 'G/L Account', 'G/L account', { ...ID, mandatory: TRANSACTIONS }),
		sage50Rule('lines[].taxCode', 'usSalesJournal', 'Sales Tax ID', 'sales tax code', ID),
		sage50Rule('lines[].project', 'usSalesJournal', 'Job ID', 'job', ID),
	],
};

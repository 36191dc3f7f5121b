import { processBatch, type DocumentOutcome } from '../../../lib/mapping/pipeline';
import { MappingTables } from '../../../lib/mapping/tables';
import { findProfile } from '../../../lib/profiles';
import { sage50UkProfile } from '../../../lib/targets/sage50/profileUk';
import { sage50UsProfile } from '../../../lib/targets/sage50/profileUs';
import type { ConstraintProfile } from '../../../lib/profiles/types';
import { auditTrailCsv } from '../../../lib/targets/sage50/auditTrail';
import { sage50Field } from '../../../lib/targets/sage50/fields';
import { readSageCsv } from './readers';

const invoice = (changes: Record<string, unknown> = {}) => ({
	type: 'salesInvoice',
	header: { number: 'SI-5001', date: '2026-03-31' },
	party: { code: 'ACME01', name: 'Acme Café Ltd' },
	lines: [{ description: 'Espresso machine – service', net: '400.00', taxCode: 'T1', taxAmount: '80.00', account: '4000' }],
	totals: { net: '400.00', tax: '80.00', gross: '480.00' },
	...changes,
});
const line = (changes: Record<string, unknown>) => [{ net: '400.00', taxCode: 'T1', taxAmount: '80.00', account: '4000', ...changes }];

function run(document: unknown, profile: ConstraintProfile = sage50UkProfile): DocumentOutcome {
	const [outcome] = processBatch([JSON.parse(JSON.stringify(document))], { tables: new MappingTables(), profile, mode: 'perDocument' });
	return outcome;
}

const codes = (outcome: DocumentOutcome) => (outcome.status === 'rejected' ? outcome.failures.map((failure) => failure.code) : []);

describe('the Sage 50 UK profile of Ledger Mapping', () => {
	test('is offered by Ledger Mapping and reads its widths from the Sage 50 field table, the one the file writers read', () => {
		expect(findProfile('sage50uk')).toBe(sage50UkProfile);
		const width = (path: string) => sage50UkProfile.fields.find((rule) => rule.path === path)?.maxLength;
		expect(width('party.code')).toBe(sage50Field('ukAuditTrail', 'Account Reference')?.width);
		expect(width('party.code')).toBe(sage50Field('ukCustomer', 'A/C')?.width);
		expect(width('party.name')).toBe(sage50Field('ukCustomer', 'Name')?.width);
		expect(width('header.number')).toBe(sage50Field('ukAuditTrail', 'Reference')?.width);
		expect(width('lines[].description')).toBe(sage50Field('ukAuditTrail', 'Details')?.width);
		expect(width('lines[].account')).toBe(sage50Field('ukAuditTrail', 'Nominal A/C Ref')?.width);
		expect([width('party.code'), width('header.number'), width('lines[].description')]).toEqual([8, 30, 60]);
		expect(sage50UkProfile.taxCodes?.pattern).toBe(sage50Field('ukAuditTrail', 'Tax Code')?.pattern);
	});

	test('details over 60 characters are shortened and the change reported; the document still goes', () => {
		const description = 'Espresso machine service visit including descaling and new group head seals';
		const outcome = run(invoice({ lines: line({ description }) }));
		expect(outcome.status).toBe('valid');
		if (outcome.status !== 'valid') return;
		expect(outcome.document.lines?.[0].description).toBe(description.slice(0, 60).trimEnd());
		expect(outcome.cleaned).toEqual([
			expect.objectContaining({ field: 'lines[0].description', action: 'truncated', detail: `shortened from ${description.length} to 60 characters (limit 60)` }),
		]);
	});

	test('an account code over 8 characters is rejected, never cut: a shorter code is another account', () => {
		const outcome = run(invoice({ party: { code: 'ACMECAFE01', name: 'Acme Café Ltd' } }));
		expect(outcome.status === 'rejected' && outcome.failures).toEqual([
			expect.objectContaining({
				code: 'FIELD_TOO_LONG',
				field: 'party.code',
				message: 'Sales invoice SI-5001: customer account code (Account Reference) "ACMECAFE01" is 10 characters long; the target allows 8.',
			}),
		]);
	});

	test('an account or nominal code in lower case or with a space is rejected, not altered into another code', () => {
		expect(codes(run(invoice({ party: { code: 'acme 01', name: 'Acme' } })))).toEqual(['FIELD_CHARACTERS_INVALID']);
		expect(codes(run(invoice({ lines: line({ account: '40-00' }) })))).toEqual(['FIELD_CHARACTERS_INVALID']);
		expect(codes(run(invoice({ lines: line({ account: '400000000' }) })))).toEqual(['FIELD_TOO_LONG']);
	});

	test('special characters (*&!) and line breaks or tabs are removed from text and reported, as the Streamtime export does (seed 000)', () => {
		const outcome = run(invoice({ party: { code: 'ACME01', name: 'Smith & Sons *Bakery*!' }, lines: line({ description: 'Design\twork\r\nphase 2' }) }));
		expect(outcome.status).toBe('valid');
		if (outcome.status !== 'valid') return;
		expect(outcome.document.party?.name).toBe('Smith Sons Bakery');
		expect(outcome.document.lines?.[0].description).toBe('Design work phase 2');
		expect(outcome.cleaned.map((change) => [change.field, change.action])).toEqual([
			['party.name', 'charactersRemoved'],
			['lines[0].description', 'whitespaceCleaned'],
		]);
		expect(outcome.cleaned[0].detail).toBe('removed "&", "*", "!"');
	});

	test('£, €, accents, curly quotes and dashes are kept', () => {
		const outcome = run(invoice({ lines: line({ description: 'Café “deluxe” – £5 or €6 (Zoë’s order)' }) }));
		expect(outcome.status === 'valid' && outcome.cleaned).toEqual([]);
	});

	test.each([
		['T0', true],
		['T1', true],
		['T9', true],
		['T99', true],
		['T100', false],
		['T01', false],
		['S', false],
		['t1', false],
	])('tax code %s accepted: %s (T0–T99)', (taxCode, accepted) => {
		expect(codes(run(invoice({ lines: line({ taxCode }) })))).toEqual(accepted ? [] : ['TAX_CODE_NOT_ALLOWED']);
	});

	test('invoices need an account code, a nominal code and a tax code on every line', () => {
		expect(codes(run(invoice({ party: { name: 'Acme' } })))).toEqual(['CUSTOMER_CODE_MISSING']);
		expect(codes(run(invoice({ type: 'purchaseInvoice', party: { name: 'Paper Co' } })))).toEqual(['SUPPLIER_CODE_MISSING']);
		expect(codes(run(invoice({ lines: [{ net: '400.00', taxAmount: '80.00' }] })))).toEqual(['ACCOUNT_CODE_MISSING', 'TAX_CODE_MISSING']);
	});

	test('a reference over 30 characters is rejected: it groups the rows in Sage and cut could join another document', () => {
		expect(codes(run(invoice({ header: { number: 'SI-2026-03-31-ACME-0000000000001', date: '2026-03-31' } })))).toEqual(['FIELD_TOO_LONG']);
	});

	test('departments are numbers up to 999; item receipts are not a Sage 50 UK document', () => {
		expect(codes(run(invoice({ lines: line({ department: 'SALES' }) })))).toEqual(['FIELD_CHARACTERS_INVALID']);
		expect(codes(run(invoice({ lines: line({ department: '1000' }) })))).toEqual(['FIELD_TOO_LONG']);
		expect(codes(run(invoice({ type: 'itemReceipt' })))).toEqual(['DOCUMENT_TYPE_NOT_SUPPORTED']);
	});

	test('what the profile lets through, the audit-trail writer writes: the cleaned invoice goes to the CSV unchanged', () => {
		const outcome = run(invoice({ party: { code: 'ACME01', name: 'Acme & Co' }, lines: line({ description: 'x'.repeat(75) + ' & more' }) }));
		expect(outcome.status).toBe('valid');
		if (outcome.status !== 'valid') return;
		const [row] = readSageCsv(auditTrailCsv([outcome.document])).byHeading;
		expect(row.Details).toBe('x'.repeat(60));
	});
});

describe('the Sage 50 US profile of Ledger Mapping', () => {
	const usInvoice = (changes: Record<string, unknown> = {}) =>
		invoice({ party: { code: 'ACME-CORP', name: 'Acme Corp' }, lines: line({ taxCode: 'FL', account: '40000-00' }), ...changes });

	test('is offered by Ledger Mapping with the Sage 50 US widths from the field table', () => {
		expect(findProfile('sage50us')).toBe(sage50UsProfile);
		const width = (path: string) => sage50UsProfile.fields.find((rule) => rule.path === path)?.maxLength;
		expect(width('party.code')).toBe(sage50Field('usSalesJournal', 'Customer ID')?.width);
		expect(width('party.code')).toBe(sage50Field('usPurchasesJournal', 'Vendor ID')?.width);
		expect(width('header.number')).toBe(sage50Field('usSalesJournal', 'Invoice/CM #')?.width);
		expect(width('header.number')).toBe(sage50Field('usPurchasesJournal', 'Invoice #')?.width);
		expect(width('lines[].account')).toBe(sage50Field('usSalesJournal', 'G/L Account')?.width);
		expect(width('lines[].description')).toBe(sage50Field('usSalesJournal', 'Description')?.width);
		expect([width('party.code'), width('header.number'), width('lines[].account'), width('lines[].description')]).toEqual([20, 20, 15, 160]);
	});

	test('a customer ID over 20, an invoice number over 20 or a G/L account over 15 is rejected; a description over 160 is shortened and reported', () => {
		expect(codes(run(usInvoice({ party: { code: 'ACME-CORPORATION-INTL' } }), sage50UsProfile))).toEqual(['FIELD_TOO_LONG']);
		expect(codes(run(usInvoice({ header: { number: 'INV-2026-03-0000000001', date: '2026-03-31' } }), sage50UsProfile))).toEqual(['FIELD_TOO_LONG']);
		expect(codes(run(usInvoice({ lines: line({ taxCode: 'FL', account: '4000000-000-0000' }) }), sage50UsProfile))).toEqual(['FIELD_TOO_LONG']);
		const outcome = run(usInvoice({ lines: line({ taxCode: 'FL', account: '40000-00', description: 'd'.repeat(170) }) }), sage50UsProfile);
		expect(outcome.status === 'valid' && outcome.cleaned.map((change) => [change.field, change.action])).toEqual([['lines[0].description', 'truncated']]);
	});

	test('US text keeps punctuation the UK profile removes; receipts are not journal documents; customer records pass (Customer List) with long names shortened to 39', () => {
		const outcome = run(usInvoice({ lines: line({ taxCode: 'FL', account: '40000-00', description: 'Smith & Sons: 50% off!' }) }), sage50UsProfile);
		expect(outcome.status === 'valid' && outcome.cleaned).toEqual([]);
		const customer = run({ type: 'customer', party: { code: 'ACME-CORP', name: 'Acme Corporation of the Greater Austin Area LLC' } }, sage50UsProfile);
		expect(customer.status).toBe('valid');
		const name = customer.status === 'valid' ? String(customer.document.party?.name) : '';
		expect(Array.from(name).length).toBeLessThanOrEqual(39);
		expect(name).toMatch(/^Acme Corporation of the Greater Austin/);
		expect(codes(run({ type: 'receipt', header: { number: 'R1', date: '2026-03-31' }, party: { code: 'ACME-CORP' }, totals: { gross: '1.00' } }, sage50UsProfile))).toEqual([
			'DOCUMENT_TYPE_NOT_SUPPORTED',
		]);
	});
});

import { processBatch } from '../../../lib/mapping/pipeline';
import { MappingTables } from '../../../lib/mapping/tables';
import { findProfile } from '../../../lib/profiles';
import { operaProfile } from '../../../lib/targets/opera/profile';
import { operaField } from '../../../lib/targets/opera/fields';

const invoice = (changes: Record<string, unknown> = {}) => ({
	type: 'salesInvoice',
	header: { number: 'SI-5001', date: '2026-03-31' },
	party: { code: 'ACME01', name: 'Acme Café Ltd' },
	lines: [{ description: 'Espresso machine – service', net: '400.00', taxCode: '1', taxAmount: '80.00', account: 'SAL001' }],
	totals: { net: '400.00', tax: '80.00', gross: '480.00' },
	...changes,
});

function run(document: unknown) {
	const [outcome] = processBatch([document], { tables: new MappingTables(), profile: operaProfile, mode: 'perDocument' });
	return outcome;
}

describe('the Pegasus Opera 3 profile of Ledger Mapping', () => {
	test('is offered by Ledger Mapping and takes its widths from the Opera field table, not from a copy', () => {
		expect(findProfile('opera3')).toBe(operaProfile);
		const width = (path: string) => operaProfile.fields.find((rule) => rule.path === path)?.maxLength;
		expect(width('party.code')).toBe(operaField('SNAME', 'SN_ACCOUNT')?.width);
		expect(width('party.name')).toBe(operaField('SNAME', 'SN_NAME')?.width);
		expect(width('header.number')).toBe(operaField('STRAN', 'ST_TRREF')?.width);
		expect(width('lines[].account')).toBe(operaField('SANAL', 'SA_ANCODE')?.width);
	});

	test('a customer name over SN_NAME C(30) is shortened and the change reported', () => {
		const outcome = run({ type: 'customer', party: { code: 'ACME01', name: 'Acme Café & Bakery Supplies (Northern Region) Ltd' } });
		expect(outcome.status).toBe('valid');
		if (outcome.status !== 'valid') return;
		expect(outcome.document.party?.name).toBe('Acme Café & Bakery Supplies (N');
		expect(outcome.cleaned).toEqual([
			expect.objectContaining({ field: 'party.name', action: 'truncated', detail: 'shortened from 49 to 30 characters (limit 30)' }),
		]);
	});

	test('an account code over SN_ACCOUNT C(8) is rejected, never cut: a shorter code is another account', () => {
		const outcome = run(invoice({ party: { code: 'ACMECAFE01', name: 'Acme Café Ltd' } }));
		expect(outcome.status).toBe('rejected');
		if (outcome.status !== 'rejected') return;
		expect(outcome.failures).toEqual([
			expect.objectContaining({ code: 'FIELD_TOO_LONG', field: 'party.code', message: expect.stringContaining('(SN_ACCOUNT) "ACMECAFE01" is 10 characters long') }),
		]);
	});

	test('characters Windows-1252 cannot hold are removed and reported; €, curly quotes and dashes stay', () => {
		const outcome = run(invoice({ party: { code: 'ACME01', name: 'Acme “Café” – €uro ☕' } }));
		expect(outcome.status).toBe('valid');
		if (outcome.status !== 'valid') return;
		expect(outcome.document.party?.name).toBe('Acme “Café” – €uro');
		expect(outcome.cleaned.map((change) => change.detail)).toEqual(['removed "☕"']);
	});

	test('invoices need an analysis code and a VAT code on every line; expenses are not an Opera document', () => {
		const missing = run(invoice({ lines: [{ net: '400.00', taxAmount: '80.00' }] }));
		expect(missing.status === 'rejected' && missing.failures.map((failure) => failure.code)).toEqual(['ACCOUNT_CODE_MISSING', 'TAX_CODE_MISSING']);
		const expense = run({ ...invoice(), type: 'expense' });
		expect(expense.status === 'rejected' && expense.failures.map((failure) => failure.code)).toEqual(['DOCUMENT_TYPE_NOT_SUPPORTED']);
	});
});

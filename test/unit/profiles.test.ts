import type { LedgerDocument } from '../../lib/model/document';
import { processBatch } from '../../lib/mapping/pipeline';
import { MappingTables } from '../../lib/mapping/tables';
import { applyProfile } from '../../lib/profiles/apply';
import { genericProfile } from '../../lib/profiles/generic';
import { CONSTRAINT_PROFILES, findProfile, type ConstraintProfile } from '../../lib/profiles';
import { cleanText } from '../../lib/profiles/text';
import { codesOf, customerReceipt, customerRecord, failureWith, purchaseInvoice, salesInvoice } from './fixtures';

/** The characters a Sage 50 style target accepts in names and descriptions. */
const SAGE_STYLE_CHARACTERS = "A-Za-z0-9 .,'()/-";

const fixing = { tooLong: 'truncate', invalidCharacters: 'remove' } as const;
const rejecting = { tooLong: 'reject', invalidCharacters: 'reject' } as const;

/** A profile for a target with limits, built on the generic one. */
function strictProfile(overrides: Partial<ConstraintProfile> = {}): ConstraintProfile {
	return {
		id: 'strict',
		name: 'Strict Ledger',
		description: 'A target with a character set and field lengths.',
		text: { allowedCharacters: SAGE_STYLE_CHARACTERS, tooLong: 'truncate', invalidCharacters: 'remove' },
		fields: [
			{ path: 'header.number', label: 'invoice number', mandatory: true, maxLength: 10 },
			{ path: 'party.code', label: 'A/C reference', mandatory: true, maxLength: 8 },
			{ path: 'party.name', label: 'name', maxLength: 20 },
			{ path: 'lines[].account', label: 'nominal code', mandatory: true },
			{ path: 'lines[].description', label: 'details', maxLength: 30 },
		],
		...overrides,
	};
}

describe('cleanText: line breaks and tabs', () => {
	test('CR, LF and tabs become a single space and the change is reported as whitespaceCleaned', () => {
		const result = cleanText('Design work\r\n\tphase 2', fixing);
		expect(result.value).toBe('Design work phase 2');
		expect(result.changes).toEqual([
			{
				action: 'whitespaceCleaned',
				before: 'Design work\r\n\tphase 2',
				after: 'Design work phase 2',
				detail: 'line breaks, tabs or control characters replaced by a space',
			},
		]);
	});

	test('a line break between spaces leaves one space, and a trailing line break is dropped', () => {
		expect(cleanText('Acme \n Ltd\n', fixing).value).toBe('Acme Ltd');
		expect(cleanText('\tLeeds', fixing).value).toBe('Leeds');
	});

	test('other control characters are removed', () => {
		expect(cleanText('Acme\u0007 Ltd\u0000', fixing)).toMatchObject({ value: 'Acme Ltd', changes: [{ action: 'whitespaceCleaned' }] });
	});

	test('text without line breaks is left exactly as it is, double spaces included', () => {
		expect(cleanText('Acme  Ltd', fixing)).toEqual({ value: 'Acme  Ltd', changes: [] });
	});
});

describe('cleanText: characters the target does not accept', () => {
	test('"*&!" are removed and reported as charactersRemoved naming each character', () => {
		const result = cleanText('Acme *&! Ltd', { ...fixing, allowedCharacters: SAGE_STYLE_CHARACTERS });
		expect(result.value).toBe('Acme Ltd');
		expect(result.changes).toEqual([
			{ action: 'charactersRemoved', before: 'Acme *&! Ltd', after: 'Acme Ltd', detail: 'removed "*", "&", "!"' },
		]);
	});

	test('each removed character is named once however often it appears', () => {
		const result = cleanText('R&D & QA', { ...fixing, allowedCharacters: SAGE_STYLE_CHARACTERS });
		expect(result.value).toBe('RD QA');
		expect(result.changes[0].detail).toBe('removed "&"');
	});

	test('the allowed punctuation stays: "O\'Brien (Leeds) Ltd, 1/2-3."', () => {
		const text = "O'Brien (Leeds) Ltd, 1/2-3.";
		expect(cleanText(text, { ...fixing, allowedCharacters: SAGE_STYLE_CHARACTERS })).toEqual({ value: text, changes: [] });
	});

	test('an accented or emoji character counts as one character', () => {
		const result = cleanText('Café 🚀', { ...fixing, allowedCharacters: SAGE_STYLE_CHARACTERS });
		expect(result.value).toBe('Caf');
		expect(result.changes[0].detail).toBe('removed "é", "🚀"');
	});

	test('under reject the value is not changed and FIELD_CHARACTERS_INVALID names the characters', () => {
		const result = cleanText('Acme *&! Ltd', { ...rejecting, allowedCharacters: SAGE_STYLE_CHARACTERS });
		expect(result.value).toBe('Acme *&! Ltd');
		expect(result.rejection).toEqual({
			code: 'FIELD_CHARACTERS_INVALID',
			detail: 'contains "*", "&", "!", which the target does not accept',
		});
	});

	test('without a list of allowed characters nothing is removed', () => {
		expect(cleanText('Acme *&! Ltd', fixing)).toEqual({ value: 'Acme *&! Ltd', changes: [] });
	});
});

describe('cleanText: text over the length limit', () => {
	test('text over maxLength is shortened and reported as truncated', () => {
		const result = cleanText('Acme Widgets International Ltd', { ...fixing, maxLength: 10 });
		expect(result.value).toBe('Acme Widge');
		expect(result.changes).toEqual([
			{
				action: 'truncated',
				before: 'Acme Widgets International Ltd',
				after: 'Acme Widge',
				detail: 'shortened from 30 to 10 characters (limit 10)',
			},
		]);
	});

	test('a space left at the end of the shortened text is dropped', () => {
		expect(cleanText('Acme Widgets', { ...fixing, maxLength: 5 }).value).toBe('Acme');
	});

	test('text of exactly maxLength is left alone', () => {
		expect(cleanText('Acme Ltd', { ...fixing, maxLength: 8 })).toEqual({ value: 'Acme Ltd', changes: [] });
	});

	test('length counts characters, not UTF-16 units: "Café 🚀" is 6 characters', () => {
		expect(cleanText('Café 🚀', { ...fixing, maxLength: 6 })).toEqual({ value: 'Café 🚀', changes: [] });
		expect(cleanText('Café 🚀🚀', { ...fixing, maxLength: 6 }).value).toBe('Café 🚀');
	});

	test('text without astral characters is counted and shortened by UTF-16 unit, exactly as the character-by-character count would', () => {
		// The shortcut applies to every text without surrogate pairs; compared here with Array.from, the count it stands in for.
		const byCharacters = (text: string, limit: number) => Array.from(text).slice(0, limit).join('').trimEnd();
		for (const text of ['Cafe\u0301 de Paris Ltd', 'Ÿvonne Œuvre–Smith Ltd', 'Acme Widgets International', 'Réne\u0301e  Studio']) {
			for (const limit of [3, 5, 8, 12]) {
				const result = cleanText(text, { ...fixing, maxLength: limit });
				const expected = byCharacters(text, limit);
				expect(result.value).toBe(expected);
				expect(result.changes[0]?.detail).toBe(`shortened from ${Array.from(text).length} to ${Array.from(expected).length} characters (limit ${limit})`);
				expect(cleanText(text, { ...rejecting, maxLength: limit }).rejection?.detail).toBe(`is ${Array.from(text).length} characters long; the target allows ${limit}`);
			}
		}
	});

	test('text with astral characters is still counted by character: an emoji or a mathematical letter is one, never half of one', () => {
		expect(cleanText('𝔸cme 🚀🚀 Ltd', { ...fixing, maxLength: 6 })).toEqual({
			value: '𝔸cme 🚀',
			changes: [{ action: 'truncated', before: '𝔸cme 🚀🚀 Ltd', after: '𝔸cme 🚀', detail: 'shortened from 11 to 6 characters (limit 6)' }],
		});
		expect(cleanText('e\u0301🚀abc', { ...rejecting, maxLength: 4 }).rejection?.detail).toBe('is 6 characters long; the target allows 4');
	});

	test('under reject the value is not shortened and FIELD_TOO_LONG gives both lengths', () => {
		const result = cleanText('Acme Widgets International Ltd', { ...rejecting, maxLength: 10 });
		expect(result.value).toBe('Acme Widgets International Ltd');
		expect(result.rejection).toEqual({
			code: 'FIELD_TOO_LONG',
			detail: 'is 30 characters long; the target allows 10',
		});
	});

	test('the length is judged after line breaks and removed characters are cleaned, and each step is reported', () => {
		const result = cleanText('Acme\r\n*Widgets* International', { ...fixing, allowedCharacters: SAGE_STYLE_CHARACTERS, maxLength: 12 });
		expect(result.value).toBe('Acme Widgets');
		expect(result.changes.map((change) => change.action)).toEqual(['whitespaceCleaned', 'charactersRemoved', 'truncated']);
		expect(result.changes[2].detail).toBe('shortened from 26 to 12 characters (limit 12)');
	});

	test('a cut that ends in a space drops the space, and the report gives the length actually written', () => {
		const result = cleanText('Acme Widgets International', { ...fixing, maxLength: 13 });
		expect(result.value).toBe('Acme Widgets');
		expect(result.changes[0].detail).toBe('shortened from 26 to 12 characters (limit 13)');
	});
});

describe('applyProfile: the generic profile', () => {
	test('sales invoice INV-1001 passes the generic profile unchanged', () => {
		const document = salesInvoice();
		expect(applyProfile(document, genericProfile)).toEqual({ changes: [], failures: [] });
		expect(document).toEqual(salesInvoice());
	});

	test('the generic profile is registered and found by its id', () => {
		expect(CONSTRAINT_PROFILES).toContain(genericProfile);
		expect(findProfile('generic')).toBe(genericProfile);
		expect(findProfile('sage50uk-typo')).toBeUndefined();
	});

	test('an invoice whose customer has no account code is rejected with CUSTOMER_CODE_MISSING', () => {
		const document = salesInvoice();
		delete document.party!.code;
		expect(applyProfile(document, genericProfile).failures).toEqual([
			{
				code: 'CUSTOMER_CODE_MISSING',
				field: 'party.code',
				message: 'Sales invoice INV-1001: customer account code is empty; Generic Ledger (No Length Limits) requires it.',
			},
		]);
	});

	test('a customer code of only spaces counts as missing', () => {
		const document = salesInvoice();
		document.party!.code = '   ';
		expect(codesOf(applyProfile(document, genericProfile).failures)).toEqual(['CUSTOMER_CODE_MISSING']);
	});

	test('a purchase invoice whose supplier has no account code is rejected with SUPPLIER_CODE_MISSING', () => {
		const document = purchaseInvoice();
		document.party = { name: 'Paper Supplies Ltd' };
		const failure = failureWith(applyProfile(document, genericProfile).failures, 'SUPPLIER_CODE_MISSING');
		expect(failure.field).toBe('party.code');
		expect(failure.message).toBe(
			'Purchase invoice PI-2001: supplier account code is empty; Generic Ledger (No Length Limits) requires it.',
		);
	});

	test('a receipt without a customer code is rejected with CUSTOMER_CODE_MISSING', () => {
		const document = customerReceipt();
		document.party = { name: 'Acme Ltd' };
		expect(codesOf(applyProfile(document, genericProfile).failures)).toEqual(['CUSTOMER_CODE_MISSING']);
	});

	test('a second line without an account is rejected with ACCOUNT_CODE_MISSING naming "line 2"', () => {
		const document = salesInvoice();
		delete document.lines![1].account;
		expect(applyProfile(document, genericProfile).failures).toEqual([
			{
				code: 'ACCOUNT_CODE_MISSING',
				field: 'lines[1].account',
				message: 'Sales invoice INV-1001: line 2 GL account is empty; Generic Ledger (No Length Limits) requires it.',
			},
		]);
	});

	test('the generic profile removes line breaks from a line description and reports it', () => {
		const document = salesInvoice();
		document.lines![0].description = 'Design work\r\nphase 2';
		const result = applyProfile(document, genericProfile);
		expect(result.failures).toEqual([]);
		expect(document.lines![0].description).toBe('Design work phase 2');
		expect(result.changes).toEqual([
			{
				field: 'lines[0].description',
				action: 'whitespaceCleaned',
				before: 'Design work\r\nphase 2',
				after: 'Design work phase 2',
				detail: 'line breaks, tabs or control characters replaced by a space',
			},
		]);
	});

	test('the generic profile cleans each address line and keeps punctuation and length', () => {
		const document = salesInvoice();
		document.party!.addresses = [{ lines: ['1 High Street\n', 'Unit 4 & 5'], city: 'Leeds\t' }];
		const result = applyProfile(document, genericProfile);
		expect(document.party!.addresses[0]).toEqual({ lines: ['1 High Street', 'Unit 4 & 5'], city: 'Leeds' });
		expect(result.changes.map((change) => change.field)).toEqual(['party.addresses[0].lines[0]', 'party.addresses[0].city']);
	});

	test('a customer record (no lines, no document number) passes the generic profile', () => {
		// Master records have no header in the schema; "header.number" is a document's number.
		const document = customerRecord();
		expect(applyProfile(document, genericProfile).failures).toEqual([]);
	});
});

describe('applyProfile: a target with character and length rules', () => {
	test('"*&!" in the customer name are removed from the output and reported', () => {
		const document = salesInvoice();
		document.party!.name = 'Acme *&! Ltd';
		const result = applyProfile(document, strictProfile());
		expect(result.failures).toEqual([]);
		expect(document.party!.name).toBe('Acme Ltd');
		expect(result.changes).toEqual([
			{ field: 'party.name', action: 'charactersRemoved', before: 'Acme *&! Ltd', after: 'Acme Ltd', detail: 'removed "*", "&", "!"' },
		]);
	});

	test('when the target rejects bad characters the invoice is rejected with FIELD_CHARACTERS_INVALID', () => {
		const document = salesInvoice();
		document.party!.name = 'Acme *&! Ltd';
		const profile = strictProfile({ text: { allowedCharacters: SAGE_STYLE_CHARACTERS, invalidCharacters: 'reject' } });
		const result = applyProfile(document, profile);
		expect(result.failures).toEqual([
			{
				code: 'FIELD_CHARACTERS_INVALID',
				field: 'party.name',
				message: 'Sales invoice INV-1001: customer name "Acme *&! Ltd" contains "*", "&", "!", which the target does not accept.',
			},
		]);
		expect(document.party!.name).toBe('Acme *&! Ltd');
	});

	test('a line description over 30 characters is shortened and the change says from how many', () => {
		const document = salesInvoice();
		document.lines![1].description = 'Print run: 500 A5 flyers, double-sided, matt';
		const result = applyProfile(document, strictProfile());
		expect(document.lines![1].description).toBe('Print run 500 A5 flyers, doubl');
		expect(result.changes.map((change) => [change.field, change.action, change.detail])).toEqual([
			['lines[1].description', 'charactersRemoved', 'removed ":"'],
			['lines[1].description', 'truncated', 'shortened from 43 to 30 characters (limit 30)'],
		]);
	});

	test('when the target rejects long text the invoice is rejected with FIELD_TOO_LONG naming the line', () => {
		const document = salesInvoice();
		document.lines![1].description = 'Print run of 500 A5 flyers double-sided';
		const profile = strictProfile({ text: { allowedCharacters: SAGE_STYLE_CHARACTERS, tooLong: 'reject' } });
		expect(applyProfile(document, profile).failures).toEqual([
			{
				code: 'FIELD_TOO_LONG',
				field: 'lines[1].description',
				message:
					'Sales invoice INV-1001: line 2 details "Print run of 500 A5 flyers double-sided" is 39 characters long; the target allows 30.',
			},
		]);
	});

	test('a field rule overrides the profile text rule: the code rejects, the name is shortened', () => {
		const profile = strictProfile();
		profile.fields = profile.fields.map((rule) => (rule.path === 'party.code' ? { ...rule, tooLong: 'reject' } : rule));
		const document = salesInvoice();
		document.party = { code: 'ACMELIMITED', name: 'Acme Widgets International Ltd' };
		const result = applyProfile(document, profile);
		expect(result.failures.map((failure) => [failure.code, failure.field])).toEqual([['FIELD_TOO_LONG', 'party.code']]);
		expect(result.failures[0].message).toContain('customer A/C reference "ACMELIMITED" is 11 characters long; the target allows 8');
		expect(document.party.name).toBe('Acme Widgets Interna');
	});

	test.each([
		['characters the target does not accept ("*&!")', '*&!', strictProfile()],
		['a control character (BEL) under the generic profile', '\u0007', genericProfile],
	])('a customer code made only of %s is rejected, not sent empty', (_label, code, profile) => {
		const document = salesInvoice();
		document.party!.code = code;
		const result = applyProfile(document, profile);
		// Either reading is right for a bookkeeper: the code is missing once cleaned, or it holds bad characters.
		expect(codesOf(result.failures)).toEqual([expect.stringMatching(/^(CUSTOMER_CODE_MISSING|FIELD_CHARACTERS_INVALID)$/)]);
	});
});

describe('applyProfile: mandatory fields of a custom profile', () => {
	test('a line without a tax code is rejected with TAX_CODE_MISSING when the profile requires it', () => {
		const document = salesInvoice();
		delete document.lines![0].taxCode;
		const profile = strictProfile({ fields: [{ path: 'lines[].taxCode', label: 'tax code', mandatory: true }] });
		expect(applyProfile(document, profile).failures).toEqual([
			{
				code: 'TAX_CODE_MISSING',
				field: 'lines[0].taxCode',
				message: 'Sales invoice INV-1001: line 1 tax code is empty; Strict Ledger requires it.',
			},
		]);
	});

	test('any other required field that is empty is rejected with FIELD_MANDATORY_MISSING', () => {
		const document = purchaseInvoice();
		delete document.header!.reference;
		const profile = strictProfile({ fields: [{ path: 'header.reference', label: "supplier's invoice number", mandatory: true }] });
		expect(applyProfile(document, profile).failures).toEqual([
			{
				code: 'FIELD_MANDATORY_MISSING',
				field: 'header.reference',
				message: "Purchase invoice PI-2001: supplier's invoice number is empty; Strict Ledger requires it.",
			},
		]);
	});

	test('a field mandatory only for some types is not required on the others', () => {
		const profile = strictProfile({ fields: [{ path: 'header.dueDate', label: 'due date', mandatory: ['salesInvoice'] }] });
		expect(codesOf(applyProfile(salesInvoice(), profile).failures)).toEqual(['FIELD_MANDATORY_MISSING']);
		expect(applyProfile(purchaseInvoice(), profile).failures).toEqual([]);
	});

	test('a required party field with no party at all is still reported', () => {
		const document = salesInvoice();
		delete document.party;
		const profile = strictProfile({ fields: [{ path: 'party.name', label: 'name', mandatory: true }] });
		expect(applyProfile(document, profile).failures).toEqual([
			{
				code: 'FIELD_MANDATORY_MISSING',
				field: 'party.name',
				message: 'Sales invoice INV-1001: customer name is empty; Strict Ledger requires it.',
			},
		]);
	});
});

describe('applyProfile: tax codes, currencies and document types the target accepts', () => {
	const vatCodes = strictProfile({ fields: [], taxCodes: { pattern: 'T[0-9]{1,2}', description: 'Sage tax codes T0 to T99' } });

	test('tax code "S" is rejected with TAX_CODE_NOT_ALLOWED when the target takes T0 to T99', () => {
		const document = salesInvoice();
		expect(applyProfile(document, vatCodes).failures).toEqual([
			{
				code: 'TAX_CODE_NOT_ALLOWED',
				field: 'lines[0].taxCode',
				message: 'Sales invoice INV-1001: line 1 tax code "S" is not accepted by Strict Ledger (Sage tax codes T0 to T99).',
			},
			{
				code: 'TAX_CODE_NOT_ALLOWED',
				field: 'lines[1].taxCode',
				message: 'Sales invoice INV-1001: line 2 tax code "S" is not accepted by Strict Ledger (Sage tax codes T0 to T99).',
			},
		]);
	});

	test('tax codes "T1" and "T99" are accepted; "T100" and "xT1" are not (the pattern covers the whole code)', () => {
		const document = salesInvoice();
		document.lines![0].taxCode = 'T1';
		document.lines![1].taxCode = 'T99';
		expect(applyProfile(document, vatCodes).failures).toEqual([]);
		document.lines![0].taxCode = 'T100';
		document.lines![1].taxCode = 'xT1';
		expect(applyProfile(document, vatCodes).failures.map((failure) => failure.field)).toEqual([
			'lines[0].taxCode',
			'lines[1].taxCode',
		]);
	});

	test('a list of allowed tax codes accepts exactly those codes', () => {
		const profile = strictProfile({ fields: [], taxCodes: { allowed: ['T1', 'T0'] } });
		const document = salesInvoice();
		document.lines![0].taxCode = 'T1';
		const failures = applyProfile(document, profile).failures;
		expect(failures.map((failure) => [failure.code, failure.field])).toEqual([['TAX_CODE_NOT_ALLOWED', 'lines[1].taxCode']]);
		expect(failures[0].message).toBe('Sales invoice INV-1001: line 2 tax code "S" is not accepted by Strict Ledger.');
	});

	test('a line without a tax code is not judged by the tax code list', () => {
		const document = salesInvoice();
		document.lines = [{ net: '150.00', account: '4000' }];
		expect(applyProfile(document, vatCodes).failures).toEqual([]);
	});

	test('a USD invoice is rejected with CURRENCY_NOT_ALLOWED when the target takes GBP and EUR', () => {
		const profile = strictProfile({ fields: [], currencies: ['GBP', 'EUR'] });
		const document = salesInvoice();
		document.header!.currency = 'USD';
		expect(applyProfile(document, profile).failures).toEqual([
			{
				code: 'CURRENCY_NOT_ALLOWED',
				field: 'header.currency',
				message: 'Sales invoice INV-1001: currency USD is not accepted by Strict Ledger (accepted: GBP, EUR).',
			},
		]);
	});

	test('GBP, "eur" in lower case and an invoice in the base currency are accepted', () => {
		const profile = strictProfile({ fields: [], currencies: ['GBP', 'EUR'] });
		const gbp = salesInvoice();
		const eur = salesInvoice();
		eur.header!.currency = 'eur';
		const base = salesInvoice();
		delete base.header!.currency;
		for (const document of [gbp, eur, base]) expect(applyProfile(document, profile).failures).toEqual([]);
	});

	test('a document type the target does not take is rejected with DOCUMENT_TYPE_NOT_SUPPORTED and nothing else is checked', () => {
		const profile = strictProfile({ documentTypes: ['salesInvoice', 'salesCredit'] });
		const document = purchaseInvoice();
		document.party = {};
		expect(applyProfile(document, profile)).toEqual({
			changes: [],
			failures: [
				{
					code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
					field: 'type',
					message: 'Purchase invoice PI-2001: Strict Ledger does not take purchaseInvoice documents.',
				},
			],
		});
		expect(applyProfile(salesInvoice(), profile).failures).toEqual([]);
	});
});

describe('only the output is cleaned: the input given to processBatch is not altered', () => {
	test('line breaks, bad characters and long text are fixed in the valid document but not in the input', () => {
		const input: LedgerDocument = salesInvoice();
		input.party!.name = 'Acme *&! Widgets International Ltd';
		input.lines![0].description = 'Design work\r\nphase 2';
		const untouched = structuredClone(input);

		const [outcome] = processBatch([input], { tables: new MappingTables(), profile: strictProfile(), mode: 'perDocument' });

		expect(input).toEqual(untouched);
		expect(outcome.status).toBe('valid');
		if (outcome.status !== 'valid') return;
		expect(outcome.document.party!.name).toBe('Acme Widgets Interna');
		expect(outcome.document.lines![0].description).toBe('Design work phase 2');
		expect(outcome.cleaned.map((change) => `${change.field} ${change.action}`)).toEqual([
			'party.name charactersRemoved',
			'party.name truncated',
			'lines[0].description whitespaceCleaned',
		]);
	});

	test('a rejected document is handed back exactly as it came in', () => {
		const input: LedgerDocument = salesInvoice();
		input.party!.name = 'Acme\nLtd';
		delete input.lines![1].account;
		const untouched = structuredClone(input);
		const [outcome] = processBatch([input], { tables: new MappingTables(), profile: genericProfile, mode: 'perDocument' });
		expect(outcome.status).toBe('rejected');
		if (outcome.status !== 'rejected') return;
		expect(outcome.input).toBe(input);
		expect(input).toEqual(untouched);
	});
});

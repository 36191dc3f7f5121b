import fc from 'fast-check';

import { checkBic, checkIban, checkPartyBankCodes, ibanRemainder, IBAN_LENGTHS } from '../../../lib/targets/opera/bankCodes';

describe('IBAN check (ISO 13616)', () => {
	test.each([
		'GB82WEST12345698765432',
		'GB82 WEST 1234 5698 7654 32',
		'gb82west12345698765432',
		'DE89370400440532013000',
		'FR1420041010050500013M02606',
		'NL91ABNA0417164300',
		'BE68539007547034',
		'NO9386011117947',
		'MT84MALT011000012345MTLCAST001S',
		'GB82-WEST-1234-5698-7654-32',
		'DE89.3704.0044.0532.0130.00',
	])('%s is a valid IBAN, written in its electronic form', (iban) => {
		expect(checkIban(iban)).toEqual({ valid: true, code: iban.replace(/[ .-]/g, '').toUpperCase() });
	});

	test.each([
		['GB82WEST12345698765433', 'its check digits do not match (ISO 13616 mod 97): a character is wrong or two are swapped'],
		['GB82WEST12345698765423', 'its check digits do not match (ISO 13616 mod 97): a character is wrong or two are swapped'],
		['GB82WEST1234569876543', 'a GB IBAN has 22 characters, this one has 21'],
		['DE8937040044053201300', 'a DE IBAN has 22 characters, this one has 21'],
		['GB82/WEST/1234', 'an IBAN is two letters for the country, two check digits, then letters and digits only'],
		['82GBWEST12345698765432', 'an IBAN is two letters for the country, two check digits, then letters and digits only'],
	])('%s is refused: %s', (iban, problem) => {
		expect(checkIban(iban)).toEqual({ valid: false, code: iban.toUpperCase(), problem });
	});

	test('a country outside the table is held to the ISO length range and the check digits, not refused outright', () => {
		expect(checkIban('SA0380000000608010167519').valid).toBe(true);
		expect(checkIban('SA0380000000608010167518').valid).toBe(false);
		expect(checkIban('XX12345').valid).toBe(false);
	});

	test('a country that issues no IBANs is named as such, not blamed on the check digits', () => {
		// "GD" for "GB": a slip of the finger.
		expect(checkIban('GD82WEST12345698765432')).toEqual({
			valid: false,
			code: 'GD82WEST12345698765432',
			problem: 'GD is not a country that issues IBANs (an IBAN starts with the bank\'s country, GB or DE for example), and its check digits do not match',
		});
		expect((checkIban('SA0380000000608010167518') as { problem: string }).problem).toMatch(/^its check digits do not match/);
	});

	test('the table covers every SEPA country and GB, with GB at 22', () => {
		const sepa = 'AD AT BE BG CH CY CZ DE DK EE ES FI FR GB GI GR HR HU IE IS IT LI LT LU LV MC MT NL NO PL PT RO SE SI SK SM VA'.split(' ');
		for (const country of sepa) expect(IBAN_LENGTHS[country]).toBeGreaterThanOrEqual(15);
		expect(IBAN_LENGTHS.GB).toBe(22);
	});

	test('changing any one digit of GB82WEST12345698765432 makes it invalid (mod 97 catches every single substitution)', () => {
		const valid = 'GB82WEST12345698765432';
		const digitPositions = [...valid].flatMap((character, index) => (/\d/.test(character) ? [index] : []));
		fc.assert(
			fc.property(fc.constantFrom(...digitPositions), fc.integer({ min: 1, max: 9 }), (position, shift) => {
				const changed = valid.slice(0, position) + String((Number(valid[position]) + shift) % 10) + valid.slice(position + 1);
				expect(checkIban(changed).valid).toBe(false);
			}),
		);
	});

	test('the digit-by-digit remainder equals the remainder of the whole number computed with BigInt', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/), (iban) => {
				const rearranged = iban.slice(4) + iban.slice(0, 4);
				const number = BigInt([...rearranged].map((character) => Number.parseInt(character, 36)).join(''));
				expect(ibanRemainder(iban)).toBe(Number(number % 97n));
			}),
		);
	});
});

describe('BIC check (ISO 9362)', () => {
	test.each(['DEUTDEFF', 'DEUTDEFF500', 'deut de ff', 'NWBKGB2L', 'NWBKGB2LXXX', '1234GB2L'])('%s is a valid BIC', (bic) => {
		expect(checkBic(bic)).toEqual({ valid: true, code: bic.replace(/ /g, '').toUpperCase() });
	});

	test.each([
		['DEUTDEF', 'a BIC has 8 or 11 characters, this one has 7'],
		['DEUTDEFF50', 'a BIC has 8 or 11 characters, this one has 10'],
		['DEUT1EFF', 'a BIC is 4 bank characters, 2 country letters, 2 location characters and an optional 3-character branch'],
		['DEUT-EFF', 'a BIC is 4 bank characters, 2 country letters, 2 location characters and an optional 3-character branch'],
	])('%s is refused: %s', (bic, problem) => {
		expect(checkBic(bic)).toEqual({ valid: false, code: bic, problem });
	});
});

describe('a party\'s IBAN and BIC as the Importer checks them', () => {
	test('a customer with a valid pair passes, and gets the codes without spaces, in capitals', () => {
		expect(checkPartyBankCodes('sales', { iban: 'gb82 west 1234 5698 7654 32', bic: 'nwbk gb 2l' })).toEqual({
			iban: 'GB82WEST12345698765432',
			bic: 'NWBKGB2L',
			failures: [],
		});
	});

	test('a customer or supplier with neither code passes: the codes are optional', () => {
		expect(checkPartyBankCodes('sales', {})).toEqual({ failures: [] });
		expect(checkPartyBankCodes('purchase', { iban: '  ', bic: null })).toEqual({ failures: [] });
	});

	test('a customer\'s bad BIC and bad IBAN quote Opera\'s 31700265 and 31700266 messages', () => {
		expect(checkPartyBankCodes('sales', { iban: 'GB82WEST12345698765433', bic: 'DEUTDEF' }).failures).toEqual([
			{
				code: 'IBAN_INVALID',
				field: 'SN_IBAN',
				message: "'31700266 Invalid IBAN (SN_IBAN)': GB82WEST12345698765433 is not a valid IBAN; its check digits do not match (ISO 13616 mod 97): a character is wrong or two are swapped.",
			},
			{
				code: 'BIC_INVALID',
				field: 'SN_BIC',
				message: "'31700265 Invalid BIC (SN_BIC)': DEUTDEF is not a valid BIC; a BIC has 8 or 11 characters, this one has 7.",
			},
		]);
	});

	test('a supplier\'s bad BIC and bad IBAN quote Opera\'s 54000124 and 54000126 messages', () => {
		const failures = checkPartyBankCodes('purchase', { iban: 'DE8937040044053201300', bic: 'DEUT1EFF' }).failures;
		expect(failures.map((failure) => [failure.code, failure.field])).toEqual([
			['IBAN_INVALID', 'PN_IBAN'],
			['BIC_INVALID', 'PN_BIC'],
		]);
		expect(failures[0].message.startsWith("'54000126 Invalid IBAN (PN_IBAN)': DE8937040044053201300 is not a valid IBAN; a DE IBAN has 22")).toBe(true);
		expect(failures[1].message.startsWith("'54000124 Invalid BIC (PN_BIC)': DEUT1EFF is not a valid BIC;")).toBe(true);
	});

	test('an IBAN without a BIC, or a BIC without an IBAN, is BANK_DETAILS_INCOMPLETE: the Importer takes both or neither', () => {
		expect(checkPartyBankCodes('sales', { iban: 'GB82WEST12345698765432' }).failures).toEqual([
			{
				code: 'BANK_DETAILS_INCOMPLETE',
				field: 'SN_BIC',
				message: 'SN_IBAN GB82WEST12345698765432 is given without SN_BIC: the Importer takes both codes or neither; add the BIC or remove the IBAN.',
			},
		]);
		expect(checkPartyBankCodes('purchase', { bic: 'DEUTDEFF500' }).failures).toEqual([
			{
				code: 'BANK_DETAILS_INCOMPLETE',
				field: 'PN_IBAN',
				message: 'PN_BIC DEUTDEFF500 is given without PN_IBAN: the Importer takes both codes or neither; add the IBAN or remove the BIC.',
			},
		]);
	});

	test('a supplier paid by SEPA (PN_SEPA .T.) needs both codes, quoting Opera\'s 54000129 message', () => {
		expect(checkPartyBankCodes('purchase', { sepa: true }).failures).toEqual([
			{
				code: 'BANK_DETAILS_INCOMPLETE',
				field: 'PN_SEPA',
				message:
					"'54000129 Invalid SEPA Payment setting (PN_SEPA)': PN_SEPA is .T., which makes PN_IBAN and PN_BIC mandatory, but PN_IBAN and PN_BIC are empty; add the bank details or turn SEPA payment off.",
			},
		]);
		expect(checkPartyBankCodes('purchase', { sepa: true, iban: 'DE89370400440532013000', bic: 'DEUTDEFF' }).failures).toEqual([]);
	});
});

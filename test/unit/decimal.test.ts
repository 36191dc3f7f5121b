import fc from 'fast-check';

import { Decimal } from '../../lib/model/decimal';
import { centsText } from './fixtures';

const cents = (limit = 10_000_000_000n) => fc.bigInt({ min: -limit, max: limit });

describe('Decimal.parse reads amounts exactly', () => {
	test('a decimal string such as "1234.50" is read digit for digit', () => {
		const amount = Decimal.of('1234.50');
		expect(amount.toFixed(2)).toBe('1234.50');
		expect(amount.units).toBe(12345n);
		expect(amount.scale).toBe(1);
	});

	test('trailing zeros do not count as decimal places: "100.00" has none, "10.50" has one', () => {
		expect(Decimal.of('100.00').decimalPlaces).toBe(0);
		expect(Decimal.of('10.50').decimalPlaces).toBe(1);
		expect(Decimal.of('0.005').decimalPlaces).toBe(3);
	});

	test('signs, a leading dot and surrounding spaces are accepted', () => {
		expect(Decimal.of('-0.5').toFixed()).toBe('-0.5');
		expect(Decimal.of('+12.5').toFixed()).toBe('12.5');
		expect(Decimal.of('.75').toFixed()).toBe('0.75');
		expect(Decimal.of('  42.10 ').toFixed(2)).toBe('42.10');
		expect(Decimal.of('007').toFixed()).toBe('7');
	});

	test('"-0" is zero and not negative', () => {
		const zero = Decimal.of('-0');
		expect(zero.isZero()).toBe(true);
		expect(zero.isNegative()).toBe(false);
		expect(zero.toFixed(2)).toBe('0.00');
	});

	test('exponents move the decimal point without rounding: "1e-7", "1.5e2", "2.5E+3", "-1.25e-2"', () => {
		expect(Decimal.of('1e-7').toFixed()).toBe('0.0000001');
		expect(Decimal.of('1e-7').decimalPlaces).toBe(7);
		expect(Decimal.of('1.5e2').toFixed()).toBe('150');
		expect(Decimal.of('2.5E+3').toFixed()).toBe('2500');
		expect(Decimal.of('-1.25e-2').toFixed()).toBe('-0.0125');
	});

	test('JSON numbers are read through their shortest text, so 0.1 is exactly 0.1', () => {
		expect(Decimal.of(0.1).toFixed()).toBe('0.1');
		expect(Decimal.of(1234.5).toFixed(2)).toBe('1234.50');
		expect(Decimal.of(-7).toFixed()).toBe('-7');
		expect(Decimal.of(1e21).toFixed()).toBe('1000000000000000000000');
		expect(Decimal.of(1e-7).toFixed()).toBe('0.0000001');
	});

	test('the float noise of 0.1 + 0.2 stays visible as 0.30000000000000004 instead of being rounded away', () => {
		const noisy = Decimal.of(0.1 + 0.2);
		expect(noisy.toFixed()).toBe('0.30000000000000004');
		expect(noisy.decimalPlaces).toBe(17);
		expect(noisy.equals(Decimal.of('0.3'))).toBe(false);
	});

	test.each([
		['an amount with a decimal comma', '12,50'],
		['an amount with a currency sign', '£12'],
		['an amount with a thousands separator', '1,234.50'],
		['an amount with a space inside', '1 234.50'],
		['an empty string', ''],
		['a lone sign', '-'],
		['a lone dot', '.'],
		['a word', 'twelve'],
		['a hexadecimal number', '0x10'],
		['text "Infinity"', 'Infinity'],
		['an exponent without digits', '1e'],
		['an exponent beyond 1000', '1e1001'],
	])('%s (%p) is not an amount', (_label, text) => {
		expect(Decimal.parse(text)).toBeUndefined();
	});

	test.each([
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['-Infinity', Number.NEGATIVE_INFINITY],
		['null', null],
		['undefined', undefined],
		['a boolean', true],
		['an object', { amount: '1.00' }],
		['a bigint', 5n],
	])('%s is not an amount', (_label, value) => {
		expect(Decimal.parse(value)).toBeUndefined();
	});

	test('a plain amount of up to 15 digits reads the same as written with an exponent, which takes the general reading', () => {
		// Short plain amounts are read by a digit loop; "e0" sends the same digits through the general reading.
		const samples = ['0', '-0', '+0.0', '007', '1234.50', '-20.00', '.75', '-.5', '999999999999999', '99999999999.9999', '0.000000000000001', '100', '12.345'];
		for (const text of samples) {
			const short = Decimal.of(text);
			const general = Decimal.of(`${text}e0`);
			expect([short.units, short.scale]).toEqual([general.units, general.scale]);
		}
		fc.assert(
			fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 15 }), (units, places) => {
				const digits = (units < 0n ? -units : units).toString().padStart(places + 1, '0');
				const text = `${units < 0n ? '-' : ''}${places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits}`;
				const short = Decimal.of(text);
				const general = Decimal.of(`${text}e0`);
				return short.units === general.units && short.scale === general.scale;
			}),
		);
	});

	test('what is not an amount stays refused by the shortcut too: "5.", ".", "-", "1.2.3", "1,5", "12a"', () => {
		for (const text of ['5.', '.', '-', '+', '', '1.2.3', '1,5', '12a', '--1', '1 000']) expect(Decimal.parse(text)).toBeUndefined();
	});

	test('Decimal.of names the value it could not read', () => {
		expect(() => Decimal.of('12,50')).toThrow('Not a decimal amount: 12,50');
	});
});

describe('Decimal arithmetic is exact', () => {
	test('0.1 + 0.2 is exactly 0.3 (as a float it is not)', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(Decimal.of('0.1').plus(Decimal.of('0.2')).equals(Decimal.of('0.3'))).toBe(true);
		expect(Decimal.of(0.1).plus(Decimal.of(0.2)).toFixed()).toBe('0.3');
	});

	test('ten lines of 0.10 add up to exactly 1.00 (summed as floats they give 0.9999999999999999)', () => {
		const lines = Array.from({ length: 10 }, () => '0.10');
		expect(lines.reduce((total, line) => total + Number(line), 0)).toBe(0.9999999999999999);
		expect(Decimal.sum(lines.map((line) => Decimal.of(line))).toFixed(2)).toBe('1.00');
	});

	test('plus and minus work across different scales', () => {
		expect(Decimal.of('100.00').plus(Decimal.of('0.005')).toFixed()).toBe('100.005');
		expect(Decimal.of('100').minus(Decimal.of('0.01')).toFixed()).toBe('99.99');
		expect(Decimal.of('20.00').minus(Decimal.of('50.00')).toFixed(2)).toBe('-30.00');
	});

	test('times multiplies exactly: 3 × 33.33 = 99.99, 1.5 × 1.5 = 2.25, 12.50 × 0.2 = 2.5', () => {
		expect(Decimal.of('3').times(Decimal.of('33.33')).toFixed(2)).toBe('99.99');
		expect(Decimal.of('1.5').times(Decimal.of('1.5')).toFixed()).toBe('2.25');
		expect(Decimal.of('12.50').times(Decimal.of('0.2')).toFixed()).toBe('2.5');
		expect(Decimal.of('-4').times(Decimal.of('2.5')).toFixed()).toBe('-10');
	});

	test('the sum of no amounts is zero', () => {
		expect(Decimal.sum([]).isZero()).toBe(true);
		expect(Decimal.sum([]).toFixed(2)).toBe('0.00');
	});

	test('compare orders amounts by value, whatever their number of decimals', () => {
		expect(Decimal.of('10.5').compare(Decimal.of('10.50'))).toBe(0);
		expect(Decimal.of('10.49').compare(Decimal.of('10.5'))).toBe(-1);
		expect(Decimal.of('10.5').compare(Decimal.of('10.499'))).toBe(1);
		expect(Decimal.of('-1').compare(Decimal.of('0.01'))).toBe(-1);
		expect(Decimal.of('100').equals(Decimal.of('1e2'))).toBe(true);
	});

	test('negated and abs flip and drop the sign', () => {
		expect(Decimal.of('12.30').negated().toFixed(2)).toBe('-12.30');
		expect(Decimal.of('-12.30').abs().toFixed(2)).toBe('12.30');
		expect(Decimal.of('12.30').abs().toFixed(2)).toBe('12.30');
		expect(Decimal.of('-0.01').isNegative()).toBe(true);
	});
});

describe('Decimal.roundTo rounds half away from zero, as accounting packages do', () => {
	test.each([
		['2.345', 2, '2.35'],
		['2.344', 2, '2.34'],
		['-2.345', 2, '-2.35'],
		['-2.344', 2, '-2.34'],
		['0.005', 2, '0.01'],
		['-0.005', 2, '-0.01'],
		['0.0049', 2, '0'],
		['2.5', 0, '3'],
		['-2.5', 0, '-3'],
		['1.4999', 0, '1'],
		['99.995', 2, '100'],
		['10.1', 2, '10.1'],
	])('%s rounded to %d places is %s', (amount, places, expected) => {
		expect(Decimal.of(amount).roundTo(places).toFixed()).toBe(expected);
	});

	test('rounding never adds decimal places to an amount that already has fewer', () => {
		const amount = Decimal.of('12.5');
		expect(amount.roundTo(2)).toBe(amount);
	});
});

describe('Decimal.toFixed writes plain text with at least the given decimals', () => {
	test.each([
		['1234.5', 2, '1234.50'],
		['0.05', 2, '0.05'],
		['-0.05', 2, '-0.05'],
		['-0.5', 0, '-0.5'],
		['7', 0, '7'],
		['7', 3, '7.000'],
		['0.125', 2, '0.125'],
		['1e-7', 0, '0.0000001'],
	])('%s with %d places reads %s', (amount, places, expected) => {
		expect(Decimal.of(amount).toFixed(places)).toBe(expected);
	});

	test('toString and toNumber give the plain value', () => {
		expect(String(Decimal.of('120.50'))).toBe('120.5');
		expect(Decimal.of('120.50').toNumber()).toBe(120.5);
	});
});

describe('Decimal properties over random amounts in pence', () => {
	test('the Decimal sum of amounts written with 2 decimals equals the exact sum of their pence', () => {
		fc.assert(
			fc.property(fc.array(cents(), { maxLength: 200 }), (pence) => {
				const total = Decimal.sum(pence.map((amount) => Decimal.of(centsText(amount))));
				const exact = pence.reduce((sum, amount) => sum + amount, 0n);
				expect(total.toFixed(2)).toBe(centsText(exact));
			}),
		);
	});

	test('adding then subtracting the same amount gives the amount back: (a + b) - b = a', () => {
		fc.assert(
			fc.property(cents(), cents(), (a, b) => {
				const first = Decimal.of(centsText(a));
				const second = Decimal.of(centsText(b));
				expect(first.plus(second).minus(second).equals(first)).toBe(true);
			}),
		);
	});

	test('reading an amount back from its own text gives the same amount', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }), (units, places) => {
				const amount = Decimal.of(`${units}e-${places}`);
				const text = amount.toFixed(places);
				expect(Decimal.of(text).equals(amount)).toBe(true);
				expect(Decimal.of(amount.toFixed()).equals(amount)).toBe(true);
			}),
		);
	});

	test('amounts sent as JSON numbers with 2 decimals are read to the exact penny', () => {
		fc.assert(
			fc.property(cents(10n ** 12n), (amount) => {
				expect(Decimal.of(Number(amount) / 100).toFixed(2)).toBe(centsText(amount));
			}),
		);
	});

	test('compare agrees with the order of the pence', () => {
		fc.assert(
			fc.property(cents(), cents(), (a, b) => {
				const expected = a < b ? -1 : a > b ? 1 : 0;
				expect(Decimal.of(centsText(a)).compare(Decimal.of(centsText(b)))).toBe(expected);
			}),
		);
	});

	test('rounding pence to whole pounds rounds half away from zero', () => {
		fc.assert(
			fc.property(cents(), (amount) => {
				const magnitude = amount < 0n ? -amount : amount;
				const pounds = magnitude / 100n + (magnitude % 100n >= 50n ? 1n : 0n);
				const expected = amount < 0n && pounds !== 0n ? `-${pounds}` : `${pounds}`;
				expect(Decimal.of(centsText(amount)).roundTo(0).toFixed()).toBe(expected);
			}),
		);
	});

	test('there are pence amounts whose float sum drifts while the Decimal sum stays exact', () => {
		const pence = [10n, 20n, 30n];
		const floatSum = pence.reduce((total, amount) => total + Number(centsText(amount)), 0);
		expect(floatSum).not.toBe(0.6);
		expect(Decimal.sum(pence.map((amount) => Decimal.of(centsText(amount)))).toFixed(2)).toBe('0.60');
	});
});

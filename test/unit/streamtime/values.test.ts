import fc from 'fast-check';

import { Decimal } from '../../../lib/model/decimal';
import { amountToPlaces, negateAmount, parseExportAmount, parseExportDate } from '../../../lib/sources/streamtime/values';

describe('dates as the export writes them', () => {
	test.each([
		['31/03/2026', '2026-03-31'],
		['1/4/2026', '2026-04-01'],
		['31.03.2026', '2026-03-31'],
		['31-03-26', '2026-03-31'],
		['2026-03-31', '2026-03-31'],
		[' 29/02/2028 ', '2028-02-29'],
	])('%s is read day first as %s', (text, expected) => {
		expect(parseExportDate(text)).toBe(expected);
	});

	test('month first when the workflow says so; yyyy-mm-dd is the same either way', () => {
		expect(parseExportDate('03/31/2026', 'mdy')).toBe('2026-03-31');
		expect(parseExportDate('03/04/2026', 'mdy')).toBe('2026-03-04');
		expect(parseExportDate('03/04/2026', 'dmy')).toBe('2026-04-03');
		expect(parseExportDate('2026-03-04', 'mdy')).toBe('2026-03-04');
	});

	test.each(['31/02/2026', '29/02/2026', '31/06/2026', '00/01/2026', '01/13/2026', '2026-13-01', '', 'tomorrow', '31/03/2026 10:00', '03/31/2026'])(
		'"%s" is not a real day-first date',
		(text) => {
			expect(parseExportDate(text)).toBeUndefined();
		},
	);

	test('every day of every month of a leap year and a common year reads back, with no time zone involved', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
				const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
				const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
				expect(parseExportDate(`${day}/${month}/${year}`)).toBe(real ? iso : undefined);
			}),
		);
	});
});

describe('amounts as the export writes them', () => {
	test.each([
		['1234.50', '1234.50'],
		['1,234.50', '1234.50'],
		['£1,234.50', '1234.50'],
		['€2,400.00', '2400.00'],
		['(12.00)', '-12.00'],
		['(£12.00)', '-12.00'],
		['-12.00', '-12.00'],
		['-£12.00', '-12.00'],
		['£-12.00', '-12.00'],
		['12.00-', '-12.00'],
		['GBP 10.00', '10.00'],
		['10.00 EUR', '10.00'],
		['1,234,567.89', '1234567.89'],
		['.5', '0.5'],
		['0', '0'],
		[' 7 ', '7'],
	])('%s reads as %s', (text, expected) => {
		expect(parseExportAmount(text)).toBe(expected);
	});

	test.each([
		['1.234,50', '1234.50'],
		['1.234,50 €', '1234.50'],
		['1 234,50', '1234.50'],
		['-12,5', '-12.5'],
		['(3,00)', '-3.00'],
	])('with a comma for decimals, %s reads as %s', (text, expected) => {
		expect(parseExportAmount(text, ',')).toBe(expected);
	});

	test.each(['', 'abc', '12,34.00', '1234,567.00', '1.2.3', '--12', '(-12.00)', '12.', '£', '12 34', '1e5', 'Infinity', 'NaN'])('"%s" is not an amount', (text) => {
		expect(parseExportAmount(text)).toBeUndefined();
	});

	test('every amount in pence, written in any of the export\'s styles, reads back exactly', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (pence) => {
				const magnitude = pence < 0n ? -pence : pence;
				const plain = `${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
				const grouped = plain.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
				const expected = Decimal.of(`${pence}e-2`);
				for (const written of pence < 0n ? [`-${plain}`, `(${grouped})`, `-£${grouped}`, `${grouped}-`] : [plain, grouped, `£${grouped}`]) {
					expect(Decimal.of(parseExportAmount(written)).equals(expected)).toBe(true);
				}
			}),
		);
	});
});

describe('writing amounts with the currency\'s decimals, by text alone', () => {
	test('it writes what Decimal.toFixed writes, for any canonical amount and any number of places', () => {
		const digits = fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 1, maxLength: 8 });
		fc.assert(
			fc.property(fc.boolean(), digits, fc.option(digits), fc.integer({ min: 0, max: 3 }), (negative, whole, fraction, places) => {
				const canonical = `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`;
				expect(amountToPlaces(canonical, places)).toBe(Decimal.of(canonical).toFixed(places));
				expect(Decimal.of(negateAmount(canonical)).equals(Decimal.of(canonical).negated())).toBe(true);
			}),
		);
	});

	test('a zero is never written with a minus sign', () => {
		expect(amountToPlaces('-0.00', 2)).toBe('0.00');
		expect(negateAmount('0.00')).toBe('0.00');
		expect(negateAmount('12.50')).toBe('-12.50');
		expect(negateAmount('-12.50')).toBe('12.50');
	});
});

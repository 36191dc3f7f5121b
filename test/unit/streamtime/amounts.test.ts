/**
 * The fast amount path of the parser: amounts read digit by digit into whole minor units
 * (amountUnits) and written back (unitsToFixed), checked against Decimal, which stays the
 * reference. The fast path may decline an amount (undefined), never read one differently.
 */
import fc from 'fast-check';

import { Decimal } from '../../../lib/model/decimal';
import { amountUnits, parseExportAmount, unitsToFixed } from '../../../lib/sources/streamtime/values';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** What amountUnits must give for a canonical amount: its exact units at `scale`, or undefined. */
function expectedUnits(canonical: string, scale: number): bigint | undefined {
	const value = Decimal.of(canonical);
	if (value.scale > scale) return undefined; // more (non-zero) decimals than the scale holds
	const units = value.units * 10n ** BigInt(scale - value.scale);
	return units > MAX_SAFE || units < -MAX_SAFE ? undefined : units;
}

function checkUnits(canonical: string, scale: number): void {
	const units = amountUnits(canonical, scale);
	const expected = expectedUnits(canonical, scale);
	if (expected === undefined) {
		expect(units).toBeUndefined();
	} else {
		expect(units).toBeDefined();
		expect(Number.isSafeInteger(units)).toBe(true);
		expect(BigInt(units!)).toBe(expected);
	}
}

const digits = (maxLength: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '7', '9'), minLength: 1, maxLength });
const randomAmount = fc
	.tuple(fc.boolean(), digits(22), fc.option(digits(8), { nil: undefined }))
	.map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);
/** Amounts whose units at some scale lie just below or just past 2^53 − 1, some with trailing zeros. */
const nearLimit = fc
	.tuple(fc.bigInt({ min: MAX_SAFE - 1000n, max: MAX_SAFE + 1000n }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('', '0', '00'), fc.boolean())
	.map(([units, places, zeros, negative]) => {
		const text = units.toString();
		const number = places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}${zeros}`;
		return `${negative ? '-' : ''}${number}`;
	});
const canonicalAmount = fc.oneof(randomAmount, nearLimit);

describe('reading an amount into whole minor units (the fast path)', () => {
	test('it agrees with Decimal for any canonical amount and scale: exact units, or undefined when they cannot be exact', () => {
		fc.assert(
			fc.property(canonicalAmount, fc.integer({ min: 0, max: 4 }), (canonical, scale) => checkUnits(canonical, scale)),
			{ numRuns: 5000 },
		);
	});

	test('plain pence: "1234.50" is 123450 at two places, "-0.05" is -5, "7" is 700', () => {
		expect(amountUnits('1234.50', 2)).toBe(123450);
		expect(amountUnits('-0.05', 2)).toBe(-5);
		expect(amountUnits('7', 2)).toBe(700);
		expect(amountUnits('007.5', 2)).toBe(750);
		expect(amountUnits('120000', 0)).toBe(120000);
		expect(amountUnits('1.234', 3)).toBe(1234);
	});

	test('more decimals than the scale: trailing zeros are fine, anything else is left to Decimal', () => {
		expect(amountUnits('12.3400', 2)).toBe(1234);
		expect(amountUnits('12.345', 2)).toBeUndefined();
		expect(amountUnits('0.001', 2)).toBeUndefined();
		expect(amountUnits('5.5', 0)).toBeUndefined();
	});

	test('at and past 2^53: the last safe amount is read, the next one is left to Decimal', () => {
		expect(amountUnits('90071992547409.91', 2)).toBe(Number.MAX_SAFE_INTEGER);
		expect(amountUnits('-90071992547409.91', 2)).toBe(-Number.MAX_SAFE_INTEGER);
		expect(amountUnits('90071992547409.92', 2)).toBeUndefined();
		expect(amountUnits('9007199254740993', 0)).toBeUndefined();
		expect(amountUnits('123456789012345678901234567890.00', 2)).toBeUndefined();
		// Leading zeros do not count towards the limit.
		expect(amountUnits('000000000000000000001.00', 2)).toBe(100);
	});

	test('text that is not a canonical amount is not read', () => {
		for (const text of ['', '-', '1.', '.5', '1e5', '1,000', '£1', '(1.00)', '--1', '1.2.3', ' 1', '1 ', '+1']) {
			expect(amountUnits(text, 2)).toBeUndefined();
		}
	});

	test('amounts in any style the export writes, through parseExportAmount, read as Decimal reads them', () => {
		const pence = fc.oneof(
			fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
			fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }),
			fc.constantFrom(MAX_SAFE, MAX_SAFE + 1n, -MAX_SAFE, -MAX_SAFE - 1n, 0n),
		);
		const extraDecimals = fc.constantFrom('', '', '0', '00', '5', '01', '999');
		fc.assert(
			fc.property(pence, extraDecimals, fc.integer({ min: 0, max: 3 }), (value, extra, scale) => {
				const negative = value < 0n;
				const magnitude = negative ? -value : value;
				const plain = `${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}${extra}`;
				const grouped = plain.replace(/^\d+/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
				const written = negative
					? [`-${plain}`, `(${grouped})`, `(£${grouped})`, `-£${grouped}`, `£-${grouped}`, `${grouped}-`, `GBP -${grouped}`]
					: [plain, grouped, `£${grouped}`, `${grouped} GBP`, `€ ${grouped}`];
				const exact = Decimal.of(`${value}${extra}e-${2 + extra.length}`);
				for (const text of written) {
					const canonical = parseExportAmount(text);
					expect(canonical).toBeDefined();
					expect(Decimal.of(canonical).equals(exact)).toBe(true);
					checkUnits(canonical!, scale);
				}
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('writing whole minor units as Decimal writes them', () => {
	test('unitsToFixed(units, places) is Decimal.toFixed(places) of the same amount, for any safe integer', () => {
		const units = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.maxSafeNat().map((value) => -value));
		fc.assert(
			fc.property(units, fc.integer({ min: 0, max: 4 }), (value, places) => {
				expect(unitsToFixed(value, places)).toBe(Decimal.of(`${value}e-${places}`).toFixed(places));
			}),
			{ numRuns: 3000 },
		);
	});

	test('a zero is never written with a minus sign, whatever sign the sum had', () => {
		expect(unitsToFixed(-0, 2)).toBe('0.00');
		expect(unitsToFixed(0, 0)).toBe('0');
		expect(unitsToFixed(-5, 2)).toBe('-0.05');
		expect(unitsToFixed(-123450, 2)).toBe('-1234.50');
		expect(unitsToFixed(Number.MAX_SAFE_INTEGER, 2)).toBe('90071992547409.91');
		expect(unitsToFixed(7, 3)).toBe('0.007');
	});
});

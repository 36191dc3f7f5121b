/**
 * The parser's fast path sums amounts as whole minor units while they fit a safe integer.
 * It must agree with Decimal, the exact reader everything else uses, on every amount.
 */
import fc from 'fast-check';

import { Decimal } from '../../../lib/model/decimal';
import { amountUnits, unitsToFixed } from '../../../lib/sources/streamtime/values';

const canonicalAmount = fc
	.tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,18}$/), fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: undefined }))
	.map(([negative, whole, decimals]) => `${negative ? '-' : ''}${whole}${decimals === undefined ? '' : `.${decimals}`}`);

describe('amounts as whole minor units (the Streamtime parser fast path)', () => {
	test('agree with Decimal to the cent, or step aside (undefined) for Decimal to take over', () => {
		fc.assert(
			fc.property(canonicalAmount, (text) => {
				const exact = Decimal.parse(text)!;
				const units = amountUnits(text, 2);
				if (units === undefined) {
					// Only when the amount has more decimals than cents or is too large to count in cents exactly.
					expect(!exact.roundTo(2).equals(exact) || Math.abs(Number(exact.times(Decimal.parse('100')!).toFixed())) > Number.MAX_SAFE_INTEGER / 10).toBe(true);
					return;
				}
				expect(Number.isSafeInteger(units)).toBe(true);
				expect(unitsToFixed(units, 2)).toBe(exact.toFixed(2) === '-0.00' ? '0.00' : exact.toFixed(2));
			}),
			{ numRuns: 2000 },
		);
	});

	test('edge cases: negatives, zeros, leading zeros, more decimals than cents, beyond 2^53', () => {
		expect(amountUnits('-1234.5', 2)).toBe(-123450);
		expect(amountUnits('007.50', 2)).toBe(750);
		expect(unitsToFixed(amountUnits('-0.00', 2)!, 2)).toBe('0.00');
		expect(amountUnits('1.005', 2)).toBeUndefined();
		expect(amountUnits('1.500', 2)).toBe(150);
		expect(amountUnits('99999999999999999.99', 2)).toBeUndefined();
		expect(unitsToFixed(-5, 2)).toBe('-0.05');
	});
});

import fc from 'fast-check';

import { cleanText, type TextRule } from '../../lib/profiles/text';
import { validateDocument } from '../../lib/model/validate';
import { Decimal } from '../../lib/model/decimal';

/**
 * Ledger Mapping cleans text character by character for speed; these properties hold it to
 * the rules as regular expressions state them (seed 000): a run of line breaks and tabs
 * becomes a space, other control characters go, characters the target refuses are removed
 * and listed once each, runs of spaces become one.
 */
const SAGE_CHARACTERS = "A-Za-z0-9 .,'()/\\-&£";

function byRegularExpressions(original: string, allowed: string): { value: string; removed?: string } {
	let value = original;
	const spaced = value.replace(/[\r\n\t\v\f]+/g, ' ').replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '');
	if (spaced !== value) value = spaced.replace(/ {2,}/g, ' ').trim();
	const refused = new RegExp(`[^${allowed}]`, 'gu');
	const matched = value.match(refused);
	if (!matched) return { value };
	return { value: value.replace(refused, '').replace(/ {2,}/g, ' ').trim(), removed: [...new Set(matched)].map((character) => `"${character}"`).join(', ') };
}

const pieces = ['a', 'Z', '7', ' ', '  ', '\t', '\r\n', '\r', '\n', '\v', '\f', '\u0000', '\u0007', '\u001f', '\u007f', '&', '*', '!', 'é', '€', '£', '😀', '\ud800', '–', '"'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

describe('text cleaning agrees with the rules written as regular expressions', () => {
	const rule: TextRule = { allowedCharacters: SAGE_CHARACTERS, tooLong: 'truncate', invalidCharacters: 'remove' };

	test('the cleaned text and the characters named as removed', () => {
		fc.assert(
			fc.property(text, (original) => {
				const expected = byRegularExpressions(original, SAGE_CHARACTERS);
				const result = cleanText(original, rule);
				expect(result.value).toBe(expected.value);
				const removal = result.changes.find((change) => change.action === 'charactersRemoved');
				expect(removal?.detail).toBe(expected.removed === undefined ? undefined : `removed ${expected.removed}`);
			}),
			{ numRuns: 2000 },
		);
	});

	test('a rule that rejects names every refused character, an emoji whole', () => {
		const result = cleanText('Café 😀 & *', { ...rule, allowedCharacters: "A-Za-z ", invalidCharacters: 'reject' });
		expect(result.rejection?.detail).toBe('contains "é", "😀", "&", "*", which the target does not accept');
	});
});

describe('document totals are checked exactly, however the amounts are written', () => {
	const amount = fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n });
	const written = (cents: bigint, style: number) => {
		const decimal = Decimal.of(`${cents < 0n ? '-' : ''}${(cents < 0n ? -cents : cents) / 100n}.${String((cents < 0n ? -cents : cents) % 100n).padStart(2, '0')}`);
		return style === 0 ? decimal.toFixed(2) : style === 1 ? decimal.toFixed() : `${decimal.toFixed(2)}0`;
	};

	test('a document is accepted exactly when its lines add up to its totals', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 4 }), fc.integer({ min: -2, max: 2 }), fc.nat(2), (lines, offBy, style) => {
				const net = lines.reduce((sum, [value]) => sum + value, 0n);
				const tax = lines.reduce((sum, [, value]) => sum + value, 0n);
				const document = {
					type: 'salesInvoice',
					header: { number: 'INV-1', date: '2026-03-31', currency: 'GBP' },
					party: { code: 'C1' },
					lines: lines.map(([lineNet, lineTax]) => ({ description: 'Work', net: written(lineNet, style), taxAmount: written(lineTax, style) })),
					totals: { net: written(net + BigInt(offBy), style), tax: written(tax, style), gross: written(net + BigInt(offBy) + tax, style) },
				};
				const codes = validateDocument(document).failures.map((failure) => failure.code);
				expect(codes).toEqual(offBy === 0 ? [] : ['TOTALS_NET_MISMATCH']);
			}),
			{ numRuns: 500 },
		);
	});
});

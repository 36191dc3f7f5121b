/**
 * Random invoice lists, written the way Streamtime or Excel would write them (any amount
 * style, date style, line end, row order, padding and encoding), read back: every invoice
 * comes out once, with totals equal to the generated pence exactly, and passes the
 * canonical document checks.
 */
import fc from 'fast-check';

import { Decimal } from '../../../lib/model/decimal';
import { validateDocument } from '../../../lib/model/validate';
import { parseStreamtimeExport } from '../../../lib/sources/streamtime/parse';
import {
	AMOUNT_STYLES,
	encodeExport,
	renderInvoiceExport,
	sumPence,
	type ExportEncoding,
	type GeneratedInvoice,
	type GeneratedLine,
} from './exportGenerator';

const WORDS = ['Design', 'print run', 'Café', '“Spring” campaign', 'client’s logo', '€ pricing', '£ fee', 'A2 – 50 copies', '12" banner', 'copy\tedits', 'two\nlines', 'Harbour & Co'];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
const code = fc.stringMatching(/^[A-Z][A-Z0-9]{1,7}$/);
const pence = fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n });

const lineArbitrary: fc.Arbitrary<GeneratedLine> = fc.record({
	description: text,
	quantity: fc.integer({ min: 1, max: 20 }),
	netPence: pence,
	taxPence: pence,
	taxCode: fc.constantFrom('T0', 'T1', 'T9'),
	account: fc.constantFrom('4000', '4010', '4020'),
	itemCode: fc.constantFrom('DESIGN', 'PRINT', 'COPY'),
	jobNumber: fc.stringMatching(/^J-\d{1,5}$/),
});

// Days from 2000-01-01, so every generated date is a real one (February 29th included).
const dateArbitrary = fc.integer({ min: 0, max: 36_500 }).map((days) => {
	const date = new Date(Date.UTC(2000, 0, 1 + days));
	return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
});

const invoicesArbitrary: fc.Arbitrary<GeneratedInvoice[]> = fc
	.uniqueArray(fc.integer({ min: 1, max: 999_999 }), { minLength: 1, maxLength: 8 })
	.chain((numbers) =>
		fc.tuple(
			...numbers.map((number) =>
				fc.record({
					number: fc.constantFrom(`INV-${number}`, String(number)),
					date: dateArbitrary,
					clientCode: code,
					clientName: text,
					currency: fc.constantFrom('GBP', 'EUR', 'USD'),
					lines: fc.array(lineArbitrary, { minLength: 1, maxLength: 4 }),
				}),
			),
		),
	);

const exportArbitrary = invoicesArbitrary.chain((invoices) => {
	const rowCount = invoices.reduce((count, invoice) => count + invoice.lines.length, 0);
	const rows = Array.from({ length: rowCount }, (_, index) => index);
	return fc.record({
		invoices: fc.constant(invoices),
		rowOrder: fc.shuffledSubarray(rows, { minLength: rowCount, maxLength: rowCount }),
		amountStyles: fc.array(fc.constantFrom(...AMOUNT_STYLES), { minLength: 1, maxLength: 4 }),
		lineEnd: fc.constantFrom<'\r\n' | '\n' | '\r'>('\r\n', '\n', '\r'),
		dateStyle: fc.constantFrom<'dmy' | 'iso'>('dmy', 'iso'),
		title: fc.option(fc.constant('Invoice List – exported 31/03/2026'), { nil: undefined }),
		trailingTabs: fc.integer({ min: 0, max: 3 }),
		encoding: fc.constantFrom<ExportEncoding>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16le-bom', 'windows-1252'),
	});
});

const decimalOfPence = (value: bigint) => Decimal.of(`${value}e-2`);

test('random invoice lists in any style and encoding read back to exact, valid documents', () => {
	fc.assert(
		fc.property(exportArbitrary, ({ invoices, encoding, ...style }) => {
			const bytes = encodeExport(renderInvoiceExport(invoices, style), encoding);
			const result = parseStreamtimeExport(bytes);

			expect(result.rejected).toEqual([]);
			// Windows-1252 bytes that happen to be plain ASCII are UTF-8 as well, and read as such.
			const ascii = bytes.every((byte) => byte < 0x80);
			expect(result.summary.encoding).toBe(encoding === 'windows-1252' && ascii ? 'utf-8' : encoding.replace('-bom', ''));
			// Lines come out in the order the file has them, documents in the order first seen.
			const position = new Map(style.rowOrder.map((row, index) => [row, index]));
			let row = 0;
			const placed = invoices.map((invoice) => {
				const lines = invoice.lines.map((line) => ({ line, at: position.get(row++) ?? -1 })).sort((a, b) => a.at - b.at);
				return { invoice, lines: lines.map((entry) => entry.line), firstAt: lines[0].at };
			});
			placed.sort((a, b) => a.firstAt - b.firstAt);
			expect(result.documents.map((document) => document.header?.number)).toEqual(placed.map(({ invoice }) => invoice.number));

			placed.forEach(({ invoice, lines }, index) => {
				const document = result.documents[index];
				const net = sumPence(lines.map((line) => line.netPence));
				const tax = sumPence(lines.map((line) => line.taxPence));
				const credit = net + tax < 0n || (net + tax === 0n && net < 0n);
				const sign = credit ? -1n : 1n;
				expect(document.type).toBe(credit ? 'salesCredit' : 'salesInvoice');
				expect(document.totals).toEqual({
					net: decimalOfPence(sign * net).toFixed(2),
					tax: decimalOfPence(sign * tax).toFixed(2),
					gross: decimalOfPence(sign * (net + tax)).toFixed(2),
				});
				expect(document.lines?.map((line) => [line.description, line.net, line.taxAmount])).toEqual(
					lines.map((line) => [line.description, decimalOfPence(sign * line.netPence).toFixed(2), decimalOfPence(sign * line.taxPence).toFixed(2)]),
				);
				expect(document.party).toEqual({ code: invoice.clientCode, name: invoice.clientName });
				expect(validateDocument(document).failures).toEqual([]);
			});
		}),
		{ numRuns: 200 },
	);
});

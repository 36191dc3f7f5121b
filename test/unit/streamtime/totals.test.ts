/**
 * Document totals: added as whole minor units while they fit a safe integer, in Decimal once
 * they do not (an amount with more decimals than the currency, a total past 2^53 − 1 units).
 * Either way they must be what Decimal gives, digit for digit — checked here against totals
 * worked out with Decimal alone. Also the parts of the parser that only a large export
 * reaches: more rows and more distinct codes than its first allotments hold.
 */
import fc from 'fast-check';

import { Decimal } from '../../../lib/model/decimal';
import { currencyDecimals } from '../../../lib/model/validate';
import { parseStreamtimeExport, parseStreamtimeText } from '../../../lib/sources/streamtime/parse';
import { benchmarkInvoices, encodeExport, renderInvoiceExport, sumPence } from './exportGenerator';

const HEADINGS = ['Invoice Number', 'Invoice Date', 'Client Code', 'Description', 'Quantity', 'Amount', 'Tax Amount', 'Currency'];
const invoiceList = (rows: string[][]) => [HEADINGS, ...rows].map((row) => row.join('\t')).join('\r\n') + '\r\n';
const row = (number: string, net: string, tax: string, currency = 'GBP') => [number, '31/03/2026', 'ACME', 'Design', '1', net, tax, currency];

/** The totals a document must have, with Decimal alone (as the parser had them before its fast path). */
function decimalTotals(nets: string[], taxes: string[], places: number) {
	let net = Decimal.sum(nets.map((amount) => Decimal.of(amount)));
	let tax = Decimal.sum(taxes.map((amount) => Decimal.of(amount)));
	let gross = net.plus(tax);
	const credit = gross.isNegative() || (gross.isZero() && net.isNegative());
	if (credit) [net, tax, gross] = [net.negated(), tax.negated(), gross.negated()];
	return { credit, totals: { net: net.toFixed(places), tax: tax.toFixed(places), gross: gross.toFixed(places) } };
}

describe('totals are exact, in minor units or in Decimal', () => {
	test('a total past 2^53 − 1 pence carries on exactly in Decimal', () => {
		// 2^53 + 1 pence is the first sum a JavaScript number cannot hold.
		const [document] = parseStreamtimeText(invoiceList([row('1001', '90071992547409.91', '0.00'), row('1001', '0.02', '0.00'), row('1001', '0.01', '1.00')])).documents;
		expect(document.totals).toEqual({ net: '90071992547409.94', tax: '1.00', gross: '90071992547410.94' });
	});

	test('one amount past 2^53 − 1 pence, and the lines after it, are added in Decimal', () => {
		const [document] = parseStreamtimeText(invoiceList([row('1001', '10.00', '2.00'), row('1001', '123456789012345678.90', '0.10'), row('1001', '0.05', '0.01')])).documents;
		expect(document.totals).toEqual({ net: '123456789012345688.95', tax: '2.11', gross: '123456789012345691.06' });
	});

	test('a gross past 2^53 − 1 pence although net and tax each fit is still exact', () => {
		const [document] = parseStreamtimeText(invoiceList([row('1001', '90071992547409.91', '90071992547409.90')])).documents;
		expect(document.totals).toEqual({ net: '90071992547409.91', tax: '90071992547409.90', gross: '180143985094819.81' });
	});

	test('an amount with more decimals than its currency keeps them in the totals, as Decimal does', () => {
		const [document] = parseStreamtimeText(invoiceList([row('1001', '1.00', '0.20'), row('1001', '2.005', '0.401'), row('1001', '3.00', '0.60')])).documents;
		expect(document.totals).toEqual({ net: '6.005', tax: '1.201', gross: '7.206' });
		expect(document.lines?.map((line) => line.net)).toEqual(['1.00', '2.005', '3.00']);
	});

	test('lines of -0.00 make a zero invoice, not a credit note and never "-0.00"', () => {
		const [document] = parseStreamtimeText(invoiceList([row('1001', '-0.00', '-0.00'), row('1001', '0.00', '-0')])).documents;
		expect(document.type).toBe('salesInvoice');
		expect(document.totals).toEqual({ net: '0.00', tax: '0.00', gross: '0.00' });
	});

	test('a zero gross with a negative net is a credit note, as before', () => {
		const [document] = parseStreamtimeText(invoiceList([row('1001', '-10.00', '10.00')])).documents;
		expect(document.type).toBe('salesCredit');
		expect(document.totals).toEqual({ net: '10.00', tax: '-10.00', gross: '0.00' });
	});

	test('for random amounts of any size and number of decimals, in currencies of 0, 2 and 3 decimals, the totals are Decimal\'s', () => {
		const amount = fc.oneof(
			{ weight: 4, arbitrary: fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((pence) => Decimal.of(`${pence}e-2`).toFixed(2)) },
			{ weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }).map((pence) => Decimal.of(`${pence}e-2`).toFixed(2)) },
			{
				weight: 1,
				arbitrary: fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 5 })).map(([units, places]) => Decimal.of(`${units}e-${places}`).toFixed(places)),
			},
			{ weight: 1, arbitrary: fc.constantFrom('90071992547409.91', '-90071992547409.91', '9007199254740991', '0.00', '-0.00', '0.001') },
		);
		const document = fc.record({ currency: fc.constantFrom('GBP', 'JPY', 'KWD'), lines: fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 6 }) });
		fc.assert(
			fc.property(fc.array(document, { minLength: 1, maxLength: 5 }), (documents) => {
				const rows = documents.flatMap(({ currency, lines }, index) => lines.map(([net, tax]) => row(String(1001 + index), net, tax, currency)));
				const result = parseStreamtimeText(invoiceList(rows));
				expect(result.rejected).toEqual([]);
				expect(result.documents).toHaveLength(documents.length);
				documents.forEach(({ currency, lines }, index) => {
					const expected = decimalTotals(
						lines.map(([net]) => net),
						lines.map(([, tax]) => tax),
						currencyDecimals(currency),
					);
					expect(result.documents[index].type).toBe(expected.credit ? 'salesCredit' : 'salesInvoice');
					expect(result.documents[index].totals).toEqual(expected.totals);
				});
			}),
			{ numRuns: 300 },
		);
	});
});

describe('large exports', () => {
	test('10,000 lines with more distinct codes than are shared: every document is whole and exact', () => {
		const invoices = benchmarkInvoices(10_000).map((invoice, index) => ({
			...invoice,
			// Past the 4,096 codes the parser shares one string for, codes are kept as they are.
			clientCode: `C${index}`,
			lines: invoice.lines.map((line, position) => ({ ...line, itemCode: `ITEM-${index}-${position}`, account: String(4000 + (index % 7000)) })),
		}));
		const bytes = encodeExport(renderInvoiceExport(invoices, { title: 'Invoice List – exported 31/03/2026', amountStyles: ['plain', 'grouped', 'symbol'] }), 'windows-1252');
		const result = parseStreamtimeExport(bytes);
		expect(result.rejected).toEqual([]);
		expect(result.summary).toMatchObject({ encoding: 'windows-1252', lineCount: 10_000, documentCount: invoices.length });
		let lineNumber = 3; // a title row and the heading row come first
		invoices.forEach((invoice, index) => {
			const document = result.documents[index];
			const net = sumPence(invoice.lines.map((line) => line.netPence));
			const tax = sumPence(invoice.lines.map((line) => line.taxPence));
			expect(document.header?.number).toBe(invoice.number);
			expect(document.party?.code).toBe(invoice.clientCode);
			expect(document.totals).toEqual({ net: Decimal.of(`${net}e-2`).toFixed(2), tax: Decimal.of(`${tax}e-2`).toFixed(2), gross: Decimal.of(`${net + tax}e-2`).toFixed(2) });
			expect(document.lines?.map((line) => [line.description, line.item?.code, line.account])).toEqual(invoice.lines.map((line) => [line.description, line.itemCode, line.account]));
			const ids = document.header?.source?.ids ?? {};
			invoice.lines.forEach((_, position) => expect(ids[`lines[${position}]`]).toBe(lineNumber++));
		});
	});
});

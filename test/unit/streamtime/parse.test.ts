import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';

import { validateDocument } from '../../../lib/model/validate';
import { decodeExportBytes } from '../../../lib/sources/streamtime/decode';
import { parseStreamtimeExport, parseStreamtimeText } from '../../../lib/sources/streamtime/parse';
import { encodeCp1252 } from '../../../lib/files/cp1252';

const SAMPLES = path.join(__dirname, '../../../workflows/samples/streamtime');
const sample = (name: string) => readFileSync(path.join(SAMPLES, name));

const HEADINGS = ['Invoice Number', 'Invoice Date', 'Client Code', 'Client Name', 'Description', 'Quantity', 'Rate', 'Amount', 'Tax Code', 'Tax Amount', 'Currency'];
const invoiceList = (...rows: string[][]) => [HEADINGS, ...rows].map((row) => row.join('\t')).join('\r\n') + '\r\n';
const line = (number: string, description: string, amount: string, tax: string, changes: Partial<Record<'date' | 'client' | 'quantity' | 'rate' | 'currency', string>> = {}) => [
	number,
	changes.date ?? '31/03/2026',
	changes.client ?? 'ACME',
	'Acme Ltd',
	description,
	changes.quantity ?? '1',
	changes.rate ?? amount,
	amount,
	'T1',
	tax,
	changes.currency ?? 'GBP',
];

describe('lines grouped into documents', () => {
	test('lines of one invoice need not be next to each other; invoices keep the order they first appear in', () => {
		const result = parseStreamtimeText(
			invoiceList(
				line('1002', 'Print', '50.00', '10.00'),
				line('1001', 'Design', '100.00', '20.00'),
				line('1002', 'Delivery', '7.50', '1.50'),
				line('1001', 'Copy', '0.10', '0.02'),
				line('1001', 'Proofing', '0.20', '0.04'),
			),
		);
		expect(result.documents.map((document) => [document.header?.number, document.lines?.map((entry) => entry.description)])).toEqual([
			['1002', ['Print', 'Delivery']],
			['1001', ['Design', 'Copy', 'Proofing']],
		]);
		// 100.00 + 0.10 + 0.20 is exactly 100.30: never 100.30000000000001.
		expect(result.documents[1].totals).toEqual({ net: '100.30', tax: '20.06', gross: '120.36' });
		expect(result.documents[1].header?.source).toEqual({ system: 'streamtime', id: '1001', ids: { 'lines[0]': 3, 'lines[1]': 5, 'lines[2]': 6 } });
		expect(result.summary).toMatchObject({ type: 'salesInvoices', headerLine: 1, lineCount: 5, documentCount: 2, rejectedCount: 0 });
	});

	test('a sales invoice comes out as the canonical document, amounts as decimal text', () => {
		const [document] = parseStreamtimeText(invoiceList(line('1001', 'Design', '£1,020.00', '204.00', { quantity: '12', rate: '85' })), { fileName: 'June.txt' }).documents;
		expect(document).toEqual({
			schemaVersion: 1,
			type: 'salesInvoice',
			header: { number: '1001', date: '2026-03-31', currency: 'GBP', source: { system: 'streamtime', id: '1001', ids: { file: 'June.txt', 'lines[0]': 2 } } },
			party: { code: 'ACME', name: 'Acme Ltd' },
			lines: [{ description: 'Design', quantity: '12', unitPrice: '85.00', net: '1020.00', taxCode: 'T1', taxAmount: '204.00' }],
			totals: { net: '1020.00', tax: '204.00', gross: '1224.00' },
		});
		expect(validateDocument(document).failures).toEqual([]);
	});

	test('an invoice with a negative total is a sales credit note with positive amounts', () => {
		const [credit] = parseStreamtimeText(
			invoiceList(line('1003', 'Refund: misprint', '(160.00)', '(32.00)', { quantity: '-1', rate: '160.00' }), line('1003', 'Admin fee', '10.00', '2.00')),
		).documents;
		expect(credit.type).toBe('salesCredit');
		expect(credit.totals).toEqual({ net: '150.00', tax: '30.00', gross: '180.00' });
		expect(credit.lines?.map(({ quantity, unitPrice, net, taxAmount }) => ({ quantity, unitPrice, net, taxAmount }))).toEqual([
			{ quantity: '1', unitPrice: '160.00', net: '160.00', taxAmount: '32.00' },
			{ quantity: '1', unitPrice: '-10.00', net: '-10.00', taxAmount: '-2.00' },
		]);
		expect(validateDocument(credit).failures).toEqual([]);
	});

	test('amounts keep the decimals of their currency: yen have none', () => {
		const [document] = parseStreamtimeText(invoiceList(line('1004', 'Design', '¥120,000', '0', { currency: 'JPY' }))).documents;
		expect(document.totals).toEqual({ net: '120000', tax: '0', gross: '120000' });
		expect(validateDocument(document).failures).toEqual([]);
	});

	test('rows without a currency take the workflow\'s default currency', () => {
		const [document] = parseStreamtimeText(invoiceList(line('1005', 'Design', '10.00', '2.00', { currency: '' })), { defaultCurrency: 'gbp' }).documents;
		expect(document.header?.currency).toBe('GBP');
		expect(() => parseStreamtimeText(invoiceList(), { defaultCurrency: 'pounds' })).toThrow('not a three-letter currency code');
	});

	test('a second heading row (two exports pasted into one file) is not a line', () => {
		const text = invoiceList(line('1001', 'Design', '10.00', '2.00')) + invoiceList(line('1002', 'Print', '5.00', '1.00'));
		expect(parseStreamtimeText(text).summary).toMatchObject({ lineCount: 2, documentCount: 2, rejectedCount: 0 });
	});

	test('a line break FileMaker wrote as a vertical tab is a line break again', () => {
		const [document] = parseStreamtimeText(invoiceList(line('1001', 'Design\vphase 2', '10.00', '2.00'))).documents;
		expect(document.lines?.[0].description).toBe('Design\nphase 2');
	});
});

describe('rows that cannot be read are rejected with their line, a code and a sentence; the rest still parse', () => {
	test('a date that does not exist rejects its invoice (every line of it) and nothing else', () => {
		const result = parseStreamtimeText(
			invoiceList(
				line('1001', 'Design', '100.00', '20.00'),
				line('1002', 'Print', '50.00', '10.00', { date: '31/02/2026' }),
				line('1002', 'Delivery', '5.00', '1.00'),
				line('1003', 'Copy', '30.00', '6.00'),
			),
		);
		expect(result.documents.map((document) => document.header?.number)).toEqual(['1001', '1003']);
		expect(result.rejected).toEqual([
			{
				line: 3,
				code: 'STREAMTIME_DATE_INVALID',
				message:
					'Line 3, invoice 1002: the Invoice Date "31/02/2026" is not a real date written dd/mm/yyyy or yyyy-mm-dd. Invoice 1002 is not imported; correct it in Streamtime and export it again.',
				raw: '1002\t31/02/2026\tACME\tAcme Ltd\tPrint\t1\t50.00\t50.00\tT1\t10.00\tGBP',
				documentNumber: '1002',
				column: 'Invoice Date',
			},
			{
				line: 4,
				code: 'STREAMTIME_DOCUMENT_INCOMPLETE',
				message: 'Line 4, invoice 1002: held back because line 3 of the same invoice was rejected (STREAMTIME_DATE_INVALID); the invoice is imported only when all its lines are correct.',
				raw: '1002\t31/03/2026\tACME\tAcme Ltd\tDelivery\t1\t5.00\t5.00\tT1\t1.00\tGBP',
				documentNumber: '1002',
			},
		]);
		expect(result.summary).toMatchObject({ lineCount: 4, documentCount: 2, rejectedCount: 2, rejectedDocumentCount: 1 });
	});

	test('dates are read month first when the workflow says the export is American', () => {
		const text = invoiceList(line('1001', 'Design', '10.00', '2.00', { date: '03/31/2026' }));
		expect(parseStreamtimeText(text).rejected[0].code).toBe('STREAMTIME_DATE_INVALID');
		expect(parseStreamtimeText(text, { dateOrder: 'mdy' }).documents[0].header?.date).toBe('2026-03-31');
	});

	test('an amount that is not a number, or missing, is STREAMTIME_AMOUNT_INVALID naming the column', () => {
		const result = parseStreamtimeText(invoiceList(line('1001', 'Design', 'TBC', '2.00'), line('1002', 'Print', '', '')));
		expect(result.rejected.map(({ line: at, code, column }) => [at, code, column])).toEqual([
			[2, 'STREAMTIME_AMOUNT_INVALID', 'Rate'],
			[3, 'STREAMTIME_AMOUNT_INVALID', 'Amount'],
		]);
		expect(result.rejected[0].message).toBe(
			'Line 2, invoice 1001: the Rate "TBC" is not an amount and the Amount "TBC" is not an amount. Invoice 1001 is not imported; correct it in Streamtime and export it again.',
		);
		expect(result.rejected[1].message).toContain('the Amount is empty');
	});

	test('a row without an invoice number is STREAMTIME_ROW_MALFORMED on its own line', () => {
		const result = parseStreamtimeText(invoiceList(line('', 'Design', '10.00', '2.00'), line('1002', 'Print', '5.00', '1.00')));
		expect(result.rejected).toEqual([
			expect.objectContaining({
				line: 2,
				code: 'STREAMTIME_ROW_MALFORMED',
				column: 'Invoice Number',
				message: 'Line 2: there is no Invoice Number, so the line belongs to no invoice. Fill in the Invoice Number in Streamtime, or take the line out of the export.',
			}),
		]);
		expect(result.documents).toHaveLength(1);
	});

	test('a row with too few columns, or too many (a tab in a description), is STREAMTIME_ROW_MALFORMED', () => {
		const text = invoiceList(line('1001', 'Design', '10.00', '2.00'), ['1002', '31/03/2026', 'ACME'], line('1003', 'Flyer\tA5', '5.00', '1.00'));
		const result = parseStreamtimeText(text);
		expect(result.rejected.map(({ line: at, code, documentNumber }) => [at, code, documentNumber])).toEqual([
			[3, 'STREAMTIME_ROW_MALFORMED', '1002'],
			[4, 'STREAMTIME_ROW_MALFORMED', '1003'],
		]);
		expect(result.rejected[0].message).toContain('has only 3 of the 11 columns');
		expect(result.rejected[1].message).toContain('has 12 columns but the heading row on line 1 has 11; a tab inside a description');
		expect(result.documents.map((document) => document.header?.number)).toEqual(['1001']);
	});

	test('a row split in two by an unquoted line break in a description: both halves are named, the invoice held back', () => {
		const text = invoiceList(line('1001', 'Window vinyl\nfitting', '10.00', '2.00'), line('1002', 'Print', '5.00', '1.00'));
		const result = parseStreamtimeText(text);
		expect(result.rejected.map(({ line: at, code, documentNumber }) => [at, code, documentNumber])).toEqual([
			[2, 'STREAMTIME_ROW_MALFORMED', '1001'],
			[3, 'STREAMTIME_ROW_MALFORMED', '1001'],
		]);
		expect(result.rejected[1].message).toBe(
			'Line 3, invoice 1001: this line is the rest of line 2, split from it by a line break inside a description. Invoice 1001 is not imported; correct it in Streamtime and export it again.',
		);
		expect(result.documents.map((document) => document.header?.number)).toEqual(['1002']);
	});

	test('any order of lines, numbers of any length: each invoice has all its lines, in file order, invoices in order of first appearance', () => {
		const numbers = ['7', '10', '999', '1000', 'INV-9', 'INV-10', 'INV-0100', 'A', 'B1'];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...numbers), { minLength: 1, maxLength: 40 }), (sequence) => {
				const result = parseStreamtimeText(invoiceList(...sequence.map((number, index) => line(number, `Line ${index + 1}`, '1.00', '0.20'))));
				const expected = new Map<string, string[]>();
				sequence.forEach((number, index) => expected.set(number, [...(expected.get(number) ?? []), `Line ${index + 1}`]));
				expect(result.rejected).toEqual([]);
				expect(result.documents.map((document) => [document.header?.number, document.lines?.map((entry) => entry.description)])).toEqual([...expected]);
			}),
			{ numRuns: 300 },
		);
	});

	test('lines of one invoice number that disagree on the client are STREAMTIME_DOCUMENT_INCONSISTENT', () => {
		const result = parseStreamtimeText(invoiceList(line('1001', 'Design', '10.00', '2.00'), line('1001', 'Print', '5.00', '1.00', { client: 'ACMEO' })));
		expect(result.documents).toEqual([]);
		expect(result.rejected.map((rejected) => rejected.code)).toEqual(['STREAMTIME_DOCUMENT_INCONSISTENT', 'STREAMTIME_DOCUMENT_INCONSISTENT']);
		expect(result.rejected[0].message).toContain('disagree on Client Code ("ACME" on line 2, "ACMEO" on line 3), so they may be two invoices sharing one number');
	});

	test('a currency that is not a three-letter code is STREAMTIME_ROW_MALFORMED', () => {
		const result = parseStreamtimeText(invoiceList(line('1001', 'Design', '10.00', '2.00', { currency: '£' })));
		expect(result.rejected[0]).toMatchObject({ code: 'STREAMTIME_ROW_MALFORMED', column: 'Currency' });
	});
});

describe('purchase-order lists', () => {
	const ORDER = ['PO Number', 'Order Date', 'Supplier Code', 'Supplier Name', 'Supplier Invoice', 'Supplier Invoice Date', 'Description', 'Amount', 'Tax Amount'];
	const orders = (...rows: string[][]) => [ORDER, ...rows].map((row) => row.join('\t')).join('\n') + '\n';

	test('a received order is a purchase invoice from the supplier, dated and referenced by the supplier\'s invoice', () => {
		const [document] = parseStreamtimeText(orders(['PO-1', '01/06/2026', 'INK', 'Inkwell', 'INK-88', '08/06/2026', 'Posters', '70.00', '14.00'])).documents;
		expect(document).toMatchObject({
			type: 'purchaseInvoice',
			header: { number: 'PO-1', date: '2026-06-08', reference: 'INK-88' },
			party: { code: 'INK', name: 'Inkwell' },
			totals: { net: '70.00', tax: '14.00', gross: '84.00' },
			extra: { orderDate: '2026-06-01' },
		});
	});

	test('without a supplier invoice date the order date is used; a negative order is a purchase credit note', () => {
		const [document] = parseStreamtimeText(orders(['PO-2', '01/06/2026', 'INK', 'Inkwell', 'CR-9', '', 'Returned stock', '-70.00', '-14.00'])).documents;
		expect(document).toMatchObject({ type: 'purchaseCredit', header: { date: '2026-06-01' }, totals: { net: '70.00', tax: '14.00', gross: '84.00' } });
		expect(document.extra).toBeUndefined();
	});

	test('the messages speak of purchase orders', () => {
		const result = parseStreamtimeText(orders(['PO-3', '31/04/2026', 'INK', 'Inkwell', '', '', 'Posters', '70.00', '14.00']));
		expect(result.rejected[0].message).toMatch(/^Line 2, purchase order PO-3: the Order Date "31\/04\/2026" is not a real date/);
	});
});

describe('the sample exports in workflows/samples/streamtime', () => {
	test('june-invoices.txt (Windows-1252, CRLF, a title row, padded rows): five invoices, one a credit note, all valid', () => {
		const result = parseStreamtimeExport(sample('june-invoices.txt'), { fileName: 'june-invoices.txt' });
		expect(result.summary).toEqual({
			type: 'salesInvoices',
			encoding: 'windows-1252',
			undecodableBytes: 0,
			headerLine: 3,
			lineCount: 12,
			documentCount: 5,
			rejectedCount: 0,
			rejectedDocumentCount: 0,
		});
		expect(result.documents.map((document) => [document.type, document.header?.number, document.header?.currency, document.party?.name, document.totals])).toEqual([
			['salesInvoice', 'INV-2041', 'GBP', 'Acme Trading Ltd', { net: '1630.00', tax: '326.00', gross: '1956.00' }],
			['salesInvoice', 'INV-2042', 'GBP', 'Brightwater Café Ltd', { net: '1025.00', tax: '205.00', gross: '1230.00' }],
			['salesInvoice', 'INV-2043', 'EUR', 'Nordlicht GmbH', { net: '2892.45', tax: '0.00', gross: '2892.45' }],
			['salesCredit', 'INV-2044', 'GBP', 'Acme Trading Ltd', { net: '160.00', tax: '32.00', gross: '192.00' }],
			['salesInvoice', 'INV-2045', 'GBP', 'Harbour & Co', { net: '561.00', tax: '112.20', gross: '673.20' }],
		]);
		expect(result.documents[0]).toEqual({
			schemaVersion: 1,
			type: 'salesInvoice',
			header: {
				number: 'INV-2041',
				date: '2026-06-02',
				dueDate: '2026-07-02',
				reference: 'PO-7781',
				currency: 'GBP',
				source: { system: 'streamtime', id: 'INV-2041', ids: { file: 'june-invoices.txt', 'lines[0]': 4, 'lines[1]': 5, 'lines[2]': 6 } },
			},
			party: { code: 'ACME01', name: 'Acme Trading Ltd' },
			lines: [
				{ description: 'Brand refresh – concept design', quantity: '12', unitPrice: '85.00', net: '1020.00', taxCode: 'T1', taxAmount: '204.00', account: '4000', item: { code: 'DESIGN' }, project: 'J-1187' },
				{ description: 'Artwork for “Summer Sale” posters', quantity: '1', unitPrice: '450.00', net: '450.00', taxCode: 'T1', taxAmount: '90.00', account: '4010', item: { code: 'ARTWORK' }, project: 'J-1187' },
				{ description: 'Print run:\tA2 posters × 50', quantity: '50', unitPrice: '3.20', net: '160.00', taxCode: 'T1', taxAmount: '32.00', account: '4020', item: { code: 'PRINT' }, project: 'J-1187' },
			],
			totals: { net: '1630.00', tax: '326.00', gross: '1956.00' },
		});
		expect(result.documents[3].lines?.[0].description).toBe('Credit: poster reprint after ‘misprint’ complaint');
		for (const document of result.documents) expect(validateDocument(document).failures).toEqual([]);
	});

	test('june-orders.tab (Mac Roman, CR line ends): three purchase invoices', () => {
		const result = parseStreamtimeExport(sample('june-orders.tab'));
		expect(result.summary).toMatchObject({ type: 'purchaseOrders', encoding: 'macintosh', headerLine: 2, lineCount: 4, documentCount: 3, rejectedCount: 0 });
		expect(result.documents.map((document) => [document.type, document.header?.number, document.header?.reference, document.party?.name, document.totals?.gross])).toEqual([
			['purchaseInvoice', 'PO-5501', 'INK-88213', 'Inkwell Printers Ltd', '99.00'],
			['purchaseInvoice', 'PO-5502', 'LS/2026/041', 'Lumière Studio', '336.00'],
			['purchaseInvoice', 'PO-5503', 'CN-99127', 'Cloudnine Hosting Ltd', '216.00'],
		]);
		expect(result.documents[1].lines?.[0].description).toBe('Photographer – half day “menu shoot”');
		for (const document of result.documents) expect(validateDocument(document).failures).toEqual([]);
	});

	test('july-invoices-messy.txt: every broken row is named, and the two good invoices still come out', () => {
		const result = parseStreamtimeExport(sample('july-invoices-messy.txt'));
		expect(result.documents.map((document) => document.header?.number)).toEqual(['INV-3001', 'INV-3005']);
		expect(result.rejected.map(({ line: at, code, documentNumber }) => [at, code, documentNumber ?? ''])).toEqual([
			[4, 'STREAMTIME_DATE_INVALID', 'INV-3002'],
			[5, 'STREAMTIME_DOCUMENT_INCOMPLETE', 'INV-3002'],
			[6, 'STREAMTIME_ROW_MALFORMED', ''],
			[7, 'STREAMTIME_AMOUNT_INVALID', 'INV-3003'],
			[8, 'STREAMTIME_ROW_MALFORMED', 'INV-3004'],
			[10, 'STREAMTIME_DOCUMENT_INCONSISTENT', 'INV-3006'],
			[11, 'STREAMTIME_DOCUMENT_INCONSISTENT', 'INV-3006'],
			[12, 'STREAMTIME_ROW_MALFORMED', 'INV-3007'],
			[13, 'STREAMTIME_ROW_MALFORMED', 'INV-3007'],
		]);
		expect(result.summary).toMatchObject({ encoding: 'utf-8', lineCount: 12, documentCount: 2, rejectedCount: 9, rejectedDocumentCount: 5 });
	});

	test('the same export re-saved as UTF-8, UTF-8 with a mark, UTF-16 LE or BE gives the same documents', () => {
		const original = parseStreamtimeExport(sample('june-invoices.txt'));
		const text = decodeExportBytes(sample('june-invoices.txt')).text;
		const little = Buffer.from(`\uFEFF${text}`, 'utf16le');
		for (const bytes of [Buffer.from(text, 'utf8'), Buffer.from(`\uFEFF${text}`, 'utf8'), little, Buffer.from(little).swap16(), Buffer.from(text, 'utf16le')]) {
			expect(parseStreamtimeExport(bytes).documents).toEqual(original.documents);
		}
		expect(encodeCp1252(text)).toEqual(sample('june-invoices.txt'));
	});
});

describe('a Windows-1252 export read as Latin-1, its € “ ” – put right cell by cell', () => {
	// Each cell of these rows may hold the characters of bytes 0x80–0x9F, in any column.
	const special = fc.constantFrom('€', '“', '”', '‘', '’', '–', '—', '…', '™', 'Š', 'Ÿ', 'é', '£', ' ');
	const sprinkle = (text: string) => fc.tuple(fc.constantFrom('', '', '', '“'), fc.constant(text), fc.constantFrom('', '', '', '”', ' –')).map(([a, b, c]) => a + b + c);
	const cell = (values: string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(...values).chain(sprinkle) });
	const row = fc.tuple(
		cell(['1001', '1002', '1003']),
		cell(['31/03/2026', '01/04/2026']),
		cell(['ACME', 'BRIGHT']),
		cell(['Acme Ltd', 'Café “Bright”']),
		fc.array(special, { maxLength: 4 }).map((characters) => `Design ${characters.join('')}`),
		cell(['1', '2']),
		cell(['€1,020.00', '85.00', '£12.50', '(€3.00)', '10.00 €']),
		cell(['€1,020.00', '85.00', '£12.50', '(€3.00)', '10.00 €']),
		cell(['T1', 'T0']),
		cell(['20.00', '€4.00', '0.00']),
		cell(['GBP', 'EUR']),
	);
	const headings = fc.constantFrom(HEADINGS, HEADINGS.map((heading) => (heading === 'Description' ? 'Description – “line”' : heading)));

	test('the same documents and rejections as the text decoded at once', () => {
		fc.assert(
			fc.property(headings, fc.array(row, { maxLength: 12 }), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean(), (heading, rows, end, title) => {
				const text = (title ? `Invoice List – exported 31/03/2026${end}` : '') + [heading, ...rows].map((cells) => cells.join('\t')).join(end) + end;
				const bytes = encodeCp1252(text);
				const fromBytes = parseStreamtimeExport(bytes, { encoding: 'windows-1252' });
				const fromText = parseStreamtimeText(text);
				expect(fromBytes.documents).toEqual(fromText.documents);
				expect(fromBytes.rejected).toEqual(fromText.rejected);
				expect(fromBytes.summary).toEqual({ ...fromText.summary, encoding: 'windows-1252' });
			}),
			{ numRuns: 300 },
		);
	});

	test('the same in a row of forty cells, the characters in the first cells and the last', () => {
		const extra = Array.from({ length: 30 }, (_, index) => (index === 27 ? 'Note – 27' : `Note ${index}`));
		const text = [
			['Invoice – list'],
			[...HEADINGS, ...extra],
			[...line('1001', 'Design “A”', '€10.00', '2.00'), ...extra.map((_, index) => (index === 14 ? 'x – y' : ''))],
			[...line('1001', 'Print', '5.00', '1.00'), ...extra.map((_, index) => (index === 29 ? '€' : index === 27 ? 'y – z' : 'z'))],
			[...line('1002', 'Copy – “B”', '7.00', '1.40'), ...extra.map((_, index) => (index === 29 ? '€' : ''))],
			[...HEADINGS.map((heading, index) => (index === 2 ? '“' : heading)), ...extra],
			// The heading row again (two exports pasted together): not a line.
			[...HEADINGS, ...extra],
		]
			.map((cells) => cells.join('\t'))
			.join('\r\n');
		const fromBytes = parseStreamtimeExport(encodeCp1252(text));
		const fromText = parseStreamtimeText(text);
		expect(fromBytes.documents).toEqual(fromText.documents);
		expect(fromBytes.rejected).toEqual(fromText.rejected);
		expect(fromBytes.documents.map((document) => document.lines?.map((entry) => entry.description))).toEqual([['Design “A”', 'Print'], ['Copy – “B”']]);
		expect(fromBytes.rejected[0].raw).toContain('“');
		expect(fromBytes.summary).toEqual({ ...fromText.summary, encoding: 'windows-1252' });
		expect(fromBytes.summary.lineCount).toBe(4);
		// A column past the 31st that the workflow names, and the headings an error lists.
		const columns = { salesInvoices: { description: 'Note – 27' } };
		expect(parseStreamtimeExport(encodeCp1252(text), { columns }).documents).toEqual(parseStreamtimeText(text, { columns }).documents);
		expect(parseStreamtimeExport(encodeCp1252(text), { columns }).documents[0].lines?.[1].description).toBe('y – z');
		const withoutAmount = text.replace(/\tAmount\t/g, '\tSum\t');
		const failure = (read: () => unknown) => {
			try {
				read();
			} catch (error) {
				return error;
			}
			throw new Error('no error');
		};
		expect(failure(() => parseStreamtimeExport(encodeCp1252(withoutAmount)))).toEqual(failure(() => parseStreamtimeText(withoutAmount)));
		expect((failure(() => parseStreamtimeExport(encodeCp1252(withoutAmount))) as { headingsFound: string[] }).headingsFound).toContain('Note – 27');
	});

	test('a euro amount, curly quotes in a name and a dash in a rejected row come out as written', () => {
		const text = invoiceList(
			['1001', '31/03/2026', 'ACME', 'Café “Bright”', 'Design – phase 2', '1', '€1,020.00', '€1,020.00', 'T1', '€204.00', 'EUR'],
			['1002', '31/02/2026', 'ACME', 'Acme', 'Print – “A2”', '1', '€5.00', '€5.00', 'T1', '€1.00', 'EUR'],
		);
		const result = parseStreamtimeExport(encodeCp1252(text));
		expect(result.summary.encoding).toBe('windows-1252');
		expect(result.documents[0]).toMatchObject({
			party: { code: 'ACME', name: 'Café “Bright”' },
			lines: [{ description: 'Design – phase 2', net: '1020.00', taxAmount: '204.00' }],
			totals: { net: '1020.00', tax: '204.00', gross: '1224.00' },
		});
		expect(result.rejected[0].raw).toBe('1002\t31/02/2026\tACME\tAcme\tPrint – “A2”\t1\t€5.00\t€5.00\tT1\t€1.00\tEUR');
	});
});

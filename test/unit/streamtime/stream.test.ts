/**
 * An export read as a stream (readStreamtimeExport) gives what parseStreamtimeExport gives for
 * the whole file, in pieces of any size; a document is handed on when the next one starts,
 * so only one is held; a re-sorted export is read a second time and every document comes out
 * complete.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import fc from 'fast-check';

import type { LedgerDocument } from '../../../lib/model/document';
import { encodeCp1252 } from '../../../lib/files/cp1252';
import { parseStreamtimeExport, type RejectedRow, type StreamtimeParseOptions } from '../../../lib/sources/streamtime/parse';
import { readStreamtimeExport } from '../../../lib/sources/streamtime/stream';
import { benchmarkInvoices, encodeExport, renderInvoiceExport, type ExportEncoding, type GeneratedInvoice } from './exportGenerator';

const SAMPLES = path.join(__dirname, '../../../workflows/samples/streamtime');
const SAMPLE_NAMES = ['june-invoices.txt', 'june-orders.tab', 'july-invoices-messy.txt', 'july-invoices.txt', 'exact-june-invoices.txt'];

/** The bytes in pieces of `size`, as a file stream hands them over. */
function inPieces(bytes: Uint8Array, size: number): () => AsyncIterable<Uint8Array> {
	return async function* () {
		for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
	};
}

/** Reads a stream into arrays, as a sink writing a file would, forgetting what came before a restart. */
async function readAll(open: () => AsyncIterable<Uint8Array>, options: StreamtimeParseOptions = {}) {
	let documents: LedgerDocument[] = [];
	let rejected: RejectedRow[] = [];
	const forgotten: LedgerDocument[][] = [];
	const summary = await readStreamtimeExport(open, options, {
		document: (document) => {
			documents.push(document);
		},
		// Asynchronous on purpose: the reading must wait for it.
		rejected: async (row) => {
			await Promise.resolve();
			rejected.push(row);
		},
		restart: () => {
			forgotten.push(documents);
			documents = [];
			rejected = [];
		},
	});
	return { documents, rejected, summary, forgotten };
}

const firstLine = (document: LedgerDocument) => document.header?.source?.ids?.['lines[0]'] as number;
const inFileOrder = (documents: LedgerDocument[]) => [...documents].sort((a, b) => firstLine(a) - firstLine(b));

/** The stream gives the whole-file parse's documents, rejected rows and summary. */
async function expectSameAsWholeFile(bytes: Uint8Array, size: number, options: StreamtimeParseOptions = {}) {
	const whole = parseStreamtimeExport(bytes, options);
	const streamed = await readAll(inPieces(bytes, size), options);
	const { readings, mostDocumentsHeld, mostRowsHeld, ...summary } = streamed.summary;
	expect(summary).toEqual(whole.summary);
	// A document held until its last line comes after those that start below it.
	expect(mostDocumentsHeld > 1 ? inFileOrder(streamed.documents) : streamed.documents).toEqual(whole.documents);
	expect([...streamed.rejected].sort((a, b) => a.line - b.line)).toEqual(whole.rejected);
	expect(mostRowsHeld).toBeGreaterThanOrEqual(mostDocumentsHeld);
	return streamed;
}

/** An export of plain ASCII but for its last invoice, which has “ ” and –. */
function invoicesWithAsciiStart(lines: number): GeneratedInvoice[] {
	const invoices = benchmarkInvoices(lines).map((invoice) => ({
		...invoice,
		lines: invoice.lines.map((line) => ({ ...line, description: line.description.replace(/[^\x20-\x7e\t]/g, '-') })),
	}));
	const last = invoices[invoices.length - 1];
	last.lines = last.lines.map((line) => ({ ...line, description: 'Café “Spring” campaign – 2nd round' }));
	return invoices;
}

describe('the streamed export reads as parseStreamtimeExport reads the whole file', () => {
	test.each(SAMPLE_NAMES)('%s in pieces of 1, 7 and 65536 bytes', async (name) => {
		const bytes = new Uint8Array(readFileSync(path.join(SAMPLES, name)));
		for (const size of [1, 7, 65536]) {
			const streamed = await expectSameAsWholeFile(bytes, size);
			expect(streamed.summary.readings).toBe(1);
		}
	});

	test.each<[string, ExportEncoding]>([
		['Windows-1252', 'windows-1252'],
		['UTF-8', 'utf-8'],
		['UTF-8 with a mark', 'utf-8-bom'],
		['UTF-16 LE', 'utf-16le'],
		['UTF-16 LE with a mark', 'utf-16le-bom'],
	])('a generated export of 3,000 lines in %s, CRLF and a title row, in pieces of 1, 7 and 65536 bytes', async (_, encoding) => {
		const text = renderInvoiceExport(benchmarkInvoices(3000), { title: 'Invoice List – exported 31/03/2026', amountStyles: ['plain', 'grouped', 'symbol', 'brackets'] });
		const bytes = encodeExport(text, encoding);
		for (const size of [1, 7, 65536]) {
			const streamed = await expectSameAsWholeFile(bytes, size);
			expect(streamed.summary).toMatchObject({ readings: 1, mostDocumentsHeld: 1 });
		}
	});

	test('a Windows-1252 export whose first 64 KiB are plain ASCII is read as UTF-8 until a “ proves otherwise, then read again from the start', async () => {
		const bytes = encodeCp1252(renderInvoiceExport(invoicesWithAsciiStart(4000), { lineEnd: '\r' }));
		for (const size of [7, 65536]) {
			const streamed = await expectSameAsWholeFile(bytes, size);
			expect(streamed.summary).toMatchObject({ encoding: 'windows-1252', readings: 2 });
			expect(streamed.forgotten).toHaveLength(1);
		}
	});

	test('random exports in any style, order and encoding, in random pieces', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 1, max: 60 }),
				fc.constantFrom<ExportEncoding>('utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252'),
				fc.constantFrom<'\r\n' | '\n' | '\r'>('\r\n', '\n', '\r'),
				fc.integer({ min: 1, max: 97 }),
				fc.boolean(),
				fc.integer(),
				async (lines, encoding, lineEnd, size, shuffle, seed) => {
					const invoices = benchmarkInvoices(lines);
					const rowOrder = Array.from({ length: lines }, (_, index) => index);
					if (shuffle) {
						let state = seed;
						for (let index = rowOrder.length - 1; index > 0; index--) {
							state = (state * 1103515245 + 12345) % 2147483648;
							const other = Math.abs(state) % (index + 1);
							[rowOrder[index], rowOrder[other]] = [rowOrder[other], rowOrder[index]];
						}
					}
					const bytes = encodeExport(renderInvoiceExport(invoices, { lineEnd, rowOrder, trailingTabs: seed % 3 === 0 ? 2 : 0 }), encoding);
					await expectSameAsWholeFile(bytes, size);
				},
			),
			{ numRuns: 150 },
		);
	});
});

describe('a re-sorted export, whose invoices have their lines apart', () => {
	const HEADINGS = 'Invoice Number\tInvoice Date\tClient Code\tClient Name\tDescription\tAmount\tTax Amount\tCurrency';
	const row = (number: string, description: string, amount: string, client = 'ACME') => `${number}\t31/03/2026\t${client}\tAcme Ltd\t${description}\t${amount}\t0.00\tGBP`;
	const text = [
		HEADINGS,
		row('1002', 'Print', '50.00'),
		row('1001', 'Design', '100.00'),
		row('1003', 'Copy', '30.00'),
		row('1002', 'Delivery', '7.50'),
		row('1004', 'Hosting', '12.00'),
		row('1001', 'Proofing', '0.20'),
		row('1005', 'Retouching', '9.00'),
		row('1005', 'Retouching again', '9.00', 'ACMEO'),
		'',
	].join('\r\n');

	test('goes through restart() and every invoice comes out complete, totalled over all its lines', async () => {
		const bytes = Buffer.from(text, 'utf8');
		for (const size of [1, 7, 65536]) {
			const streamed = await expectSameAsWholeFile(bytes, size);
			expect(streamed.summary).toMatchObject({ readings: 2, mostDocumentsHeld: 3, documentCount: 4, rejectedDocumentCount: 1 });
			expect(streamed.forgotten).toHaveLength(1);
			// The first reading handed on 1002 without its second line: that is what restart() takes back.
			expect(streamed.forgotten[0].find((document) => document.header?.number === '1002')?.lines).toHaveLength(1);
			const byNumber = new Map(streamed.documents.map((document) => [document.header?.number, document]));
			expect(byNumber.get('1002')!.lines?.map((line) => line.description)).toEqual(['Print', 'Delivery']);
			expect(byNumber.get('1001')!.totals).toEqual({ net: '100.20', tax: '0.00', gross: '100.20' });
			// Held until its last line: 1002 comes after 1003, 1001 after 1004, which start below them.
			expect(streamed.documents.map((document) => document.header?.number)).toEqual(['1003', '1002', '1004', '1001']);
			expect(streamed.rejected.map((rejected) => [rejected.line, rejected.code])).toEqual([
				[8, 'STREAMTIME_DOCUMENT_INCONSISTENT'],
				[9, 'STREAMTIME_DOCUMENT_INCONSISTENT'],
			]);
		}
	});

	test('an export whose lines come together is read once, and restart() is never called', async () => {
		const streamed = await readAll(inPieces(Buffer.from([HEADINGS, row('1001', 'Design', '1.00'), row('1001', 'Copy', '2.00'), row('1002', 'Print', '3.00'), ''].join('\n')), 7));
		expect(streamed.summary).toMatchObject({ readings: 1, mostDocumentsHeld: 1, mostRowsHeld: 2, documentCount: 2 });
		expect(streamed.forgotten).toEqual([]);
	});
});

describe('a large export streamed from a file', () => {
	let directory: string;
	beforeAll(() => {
		directory = mkdtempSync(path.join(tmpdir(), 'streamtime-stream-'));
	});
	afterAll(() => rmSync(directory, { recursive: true, force: true }));

	test('200,000 lines from fs.createReadStream: one document held at a time, never more lines than one invoice has', async () => {
		const invoices = benchmarkInvoices(200_000);
		const file = path.join(directory, 'export.txt');
		writeFileSync(file, encodeExport(renderInvoiceExport(invoices, { title: 'Invoice List – exported 31/03/2026', amountStyles: ['plain', 'grouped'] }), 'windows-1252'));
		let documents = 0;
		let lines = 0;
		const summary = await readStreamtimeExport(() => createReadStream(file), {}, {
			document: (document) => {
				documents++;
				lines += document.lines?.length ?? 0;
			},
			rejected: (row) => {
				throw new Error(`unexpected rejection: ${row.message}`);
			},
		});
		expect({ documents, lines }).toEqual({ documents: invoices.length, lines: 200_000 });
		const mostLines = Math.max(...invoices.map((invoice) => invoice.lines.length));
		expect(summary).toMatchObject({ encoding: 'windows-1252', readings: 1, lineCount: 200_000, documentCount: invoices.length, mostDocumentsHeld: 1 });
		expect(summary.mostRowsHeld).toBeLessThanOrEqual(mostLines);
	}, 60_000);
});

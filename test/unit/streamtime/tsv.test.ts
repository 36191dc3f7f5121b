import fc from 'fast-check';

import { isTrimmedSpace, readTsv, scanTsvCells, TsvReader, type TsvCells, type TsvRow } from '../../../lib/sources/streamtime/tsv';
import { quoteCell } from './exportGenerator';

const cells = (text: string) => readTsv(text).map((row) => row.fields);
const lines = (text: string) => readTsv(text).map((row) => row.line);

describe('reading tab-separated rows', () => {
	test.each([
		['CRLF (Windows)', '\r\n'],
		['LF (Unix, or re-saved)', '\n'],
		['a lone CR (FileMaker on a Mac)', '\r'],
	])('lines ending in %s give the same rows and line numbers', (_name, end) => {
		const text = ['1001\tDesign', '1002\tPrint', '1003\tCopy'].join(end) + end;
		expect(cells(text)).toEqual([['1001', 'Design'], ['1002', 'Print'], ['1003', 'Copy']]);
		expect(lines(text)).toEqual([1, 2, 3]);
	});

	test('a last line without a line end is still read', () => {
		expect(cells('a\tb\r\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
	});

	test('a quoted field may hold tabs, line breaks and doubled quotes; the next row keeps its own line number', () => {
		const text = '1001\t"Print run:\tA2 posters\r\n""Summer Sale"" edition"\t160.00\r\n1002\tCopy\t90.00\r\n';
		const rows = readTsv(text);
		expect(rows.map((row) => row.fields)).toEqual([
			['1001', 'Print run:\tA2 posters\n"Summer Sale" edition', '160.00'],
			['1002', 'Copy', '90.00'],
		]);
		expect(rows.map((row) => row.line)).toEqual([1, 3]);
	});

	test('a quote inside a quoted field that is not followed by a tab or line end is kept as it is', () => {
		expect(cells('"12" screen"\tx\n')).toEqual([['12" screen', 'x']]);
	});

	test('a stray quote in the middle of an unquoted field is an ordinary character', () => {
		expect(cells('1001\tBanner 12" wide\t"\n')).toEqual([['1001', 'Banner 12" wide', '"']]);
		expect(cells('1001\tSay "hi"\tx\n')).toEqual([['1001', 'Say "hi"', 'x']]);
	});

	test('a quote that never closes is read as an ordinary character and does not swallow the file', () => {
		expect(cells('1001\t"Big job\tx\n1002\tok\ty\n')).toEqual([['1001', '"Big job', 'x'], ['1002', 'ok', 'y']]);
	});

	test('empty columns at the end of a row are dropped, but counted in its width', () => {
		const [row] = readTsv('1001\tDesign\t\t\t\r\n');
		expect(row.fields).toEqual(['1001', 'Design']);
		expect(row.width).toBe(5);
	});

	test('empty columns in the middle are kept', () => {
		expect(cells('1001\t\tDesign\n')).toEqual([['1001', '', 'Design']]);
	});

	test('blank lines, and lines of tabs or spaces only, are skipped without shifting the line numbers', () => {
		const rows = readTsv('Title\r\n\r\n\t\t\r\n  \r\nA\tB\r\n\r\n1\t2\r\n');
		expect(rows.map((row) => [row.line, row.fields])).toEqual([[1, ['Title']], [5, ['A', 'B']], [7, ['1', '2']]]);
	});

	test('each row keeps its text as it stands in the file, without the line end', () => {
		expect(readTsv('1001\t"a\tb"\t\r\n').map((row) => row.raw)).toEqual(['1001\t"a\tb"\t']);
	});

	test('an empty text has no rows', () => {
		expect(readTsv('')).toEqual([]);
	});

	test('100,000 lines are read in one pass', () => {
		const text = Array.from({ length: 100_000 }, (_, index) => `${index}\tDesign\t1,020.00`).join('\r\n');
		const rows = readTsv(text);
		expect(rows).toHaveLength(100_000);
		expect(rows[99_999]).toMatchObject({ line: 100_000, fields: ['99999', 'Design', '1,020.00'] });
	});
});

describe('reading rows from text that arrives in pieces', () => {
	const read = (pieces: string[]) => {
		const reader = new TsvReader();
		const rows: TsvRow[] = [];
		for (const piece of pieces) rows.push(...reader.push(piece));
		rows.push(...reader.end());
		return rows;
	};

	test('a CRLF split between two pieces is one line end, not two', () => {
		expect(read(['a\tb\r', '\nc\td\r\n']).map((row) => [row.line, row.fields])).toEqual([[1, ['a', 'b']], [2, ['c', 'd']]]);
	});

	test('a quoted field split between pieces comes out whole', () => {
		expect(read(['1\t"x\t', 'y""', '"\t2\n']).map((row) => row.fields)).toEqual([['1', 'x\ty"', '2']]);
	});

	test('any way of cutting the text gives the rows of the whole text', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom('a', '"', '\t', '\r', '\n', '\r\n', 'x'), maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 6 }), (text, cuts) => {
				const points = [...new Set(cuts.map((cut) => Math.min(cut, text.length)))].sort((a, b) => a - b);
				const pieces = [0, ...points].map((start, index) => text.slice(start, [...points, text.length][index]));
				expect(read(pieces)).toEqual(readTsv(text));
			}),
		);
	});
});

describe('rows written with Excel\'s quoting rule are read back exactly', () => {
	test('any cells, any line end', () => {
		const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', 'é', '€', '“', ' ', '"', '\t', '\r\n', '\n'), maxLength: 8 });
		const row = fc.array(cell, { minLength: 1, maxLength: 5 });
		fc.assert(
			fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom('\r\n', '\n', '\r'), (table, end) => {
				// A cell is written as Excel writes it: quoted when it holds a tab, a line break or a quote.
				const text = table.map((cells) => cells.map(quoteCell).join('\t')).join(end) + end;
				const expected = table
					.map((cells) => {
						const values = cells.map((value) => value.replace(/\r\n?/g, '\n'));
						while (values.length > 0 && values[values.length - 1].trim() === '') values.pop();
						return values;
					})
					.filter((values) => values.length > 0);
				expect(readTsv(text).map((read) => read.fields)).toEqual(expected);
			}),
		);
	});

	test('line numbers count the line breaks inside quoted cells', () => {
		const text = '1\t"two\r\nlines"\r\n2\t"three\rlines\nhere"\r\n3\tone\r\n';
		expect(lines(text)).toEqual([1, 3, 6]);
	});
});

describe('rows as cell positions (scanTsvCells, what the parser reads)', () => {
	/** The rows scanTsvCells hands over, made into what readTsv gives. */
	const rowsOfCells = (text: string): TsvRow[] => {
		const rows: TsvRow[] = [];
		scanTsvCells(text, (cells: TsvCells) => {
			const fields = Array.from({ length: cells.count }, (_, index) => cells.text.slice(cells.bounds[2 * index], cells.bounds[2 * index + 1]));
			if (cells.inText) expect(cells.text).toBe(text);
			rows.push({ line: cells.line, fields, width: cells.width, raw: text.slice(cells.start, cells.end) });
		});
		return rows;
	};

	test('the same rows, cells, widths, line numbers and raw text as readTsv, for any text', () => {
		const unit = fc.constantFrom('a', '1', '"', '""', '\t', '\r', '\n', '\r\n', ' ', '\u00a0', '\u2003', '\ufeff', '\v', '\u0085', 'é', '“');
		fc.assert(
			fc.property(fc.string({ unit, maxLength: 80 }), (text) => {
				expect(rowsOfCells(text)).toEqual(readTsv(text));
			}),
			{ numRuns: 3000 },
		);
	});

	test('rows with quoted cells and rows without, and many cells in a row', () => {
		const text = `1001\t"a\tb"\t\r\n\t \t\r\n${Array.from({ length: 100 }, (_, index) => `c${index}`).join('\t')}\t\u00a0\r\n"x""y"\n`;
		expect(rowsOfCells(text)).toEqual(readTsv(text));
		expect(rowsOfCells(text)[1].fields).toHaveLength(100);
	});

	test('what counts as blank is what String.prototype.trim takes away, for every UTF-16 code unit', () => {
		const disagreeing: number[] = [];
		for (let code = 0; code < 0x10000; code++) if (isTrimmedSpace(code) !== (String.fromCharCode(code).trim() === '')) disagreeing.push(code);
		expect(disagreeing).toEqual([]);
	});
});

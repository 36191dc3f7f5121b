import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Papa from 'papaparse';

import { FAILURE_CODES } from '../../lib/report/failureCodes';
import { buildImportLog } from '../../lib/report/importLog';
import { importLogBesideExport, reportsRejection } from '../../lib/sources/folder/importLog';
import { writeWithoutOverwrite } from '../../lib/sources/folder/move';
import { globToRegExp } from '../../lib/sources/folder/watch';

describe('file patterns of the Import Folder Trigger', () => {
	test.each([
		['*.txt', 'June Invoices.txt', true],
		['*.txt', 'June Invoices.TXT', true],
		['*.txt', 'June Invoices.txt.bak', false],
		['*.{txt,tab}', 'orders.tab', true],
		['*.{txt,tab}', 'orders.tsv', false],
		['June*.tab', 'JuneOrders.tab', true],
		['June*.tab', 'MayOrders.tab', false],
		['invoice?.txt', 'invoice1.txt', true],
		['invoice?.txt', 'invoice12.txt', false],
		['a+b (1).txt', 'a+b (1).txt', true],
	])('%s matches "%s": %s', (pattern, name, expected) => {
		expect(globToRegExp(pattern).test(name)).toBe(expected);
	});

	test('an unclosed { is a clear error naming the pattern', () => {
		expect(() => globToRegExp('*.{txt')).toThrow('The file pattern "*.{txt" opens { without closing it.');
	});
});

describe('the import log beside an export', () => {
	const runAt = new Date('2026-07-01T09:30:00Z');
	const rejectedInvoice = (number: string, code: 'TAX_CODE_UNMAPPED' | 'SAGE_NOMINAL_MISSING') => ({
		item: 1,
		input: { type: 'salesInvoice', header: { number }, party: { code: 'ACME01', name: 'Acme Trading Ltd' } },
		failures: [{ code, message: `Sales invoice ${number}: ${code}.` }],
	});
	const mappingLog = buildImportLog({ runAt, target: 'Sage 50 Accounts (UK)', documentCount: 5, validCount: 4, rejections: [rejectedInvoice('INV-2043', 'TAX_CODE_UNMAPPED')] });
	const sageLog = buildImportLog({ runAt, target: 'Sage (sage50uk)', documentCount: 4, validCount: 3, rejections: [rejectedInvoice('INV-2045', 'SAGE_NOMINAL_MISSING')] });
	const unreadRow = { kind: 'rejectedRow', line: 4, documentNumber: 'INV-3002', code: 'STREAMTIME_DATE_INVALID', column: 'Invoice Date', message: 'Line 4, invoice INV-3002: the date is not real.', raw: 'INV-3002\t31/06/2026' };
	const read = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: false }).data;

	test('a run with one log and no unread rows gets that log exactly as its node wrote it', () => {
		expect(importLogBesideExport('june-invoices.txt', [sageLog], [])).toBe(sageLog);
	});

	test('unread rows come first, then each node\'s log with its counts, and the failure code table once at the end', () => {
		const csv = importLogBesideExport('june-invoices.txt', [mappingLog, sageLog], [unreadRow])!;
		expect(csv.startsWith('\uFEFFRows of june-invoices.txt that were not imported\r\n')).toBe(true);
		const rows = read(csv);
		expect(rows[2]).toEqual(['4', 'INV-3002', 'STREAMTIME_DATE_INVALID', 'Invoice Date', 'Line 4, invoice INV-3002: the date is not real.', 'INV-3002\t31/06/2026']);
		const headings = rows.flatMap((row, index) => (row[0] === 'Ledger Bridge import log' || row[0] === 'FAILURE CODE TABLE' ? [[index, row[0]]] : []));
		expect(headings.map(([, heading]) => heading)).toEqual(['Ledger Bridge import log', 'Ledger Bridge import log', 'FAILURE CODE TABLE']);
		expect(rows.filter((row) => row[0] === 'Target').map((row) => row[1])).toEqual(['Sage 50 Accounts (UK)', 'Sage (sage50uk)']);
		expect(rows.filter((row) => row[6] === 'TAX_CODE_UNMAPPED' || row[6] === 'SAGE_NOMINAL_MISSING').map((row) => row[2])).toEqual(['INV-2043', 'INV-2045']);
		const table = rows.slice(Number(headings[2][0]) + 2).filter((row) => row.length === 3);
		expect(table.map((row) => row[0])).toEqual(Object.keys(FAILURE_CODES));
	});

	test('nothing to write when no log and no unread row arrived', () => {
		expect(importLogBesideExport('june-invoices.txt', [], [])).toBeUndefined();
	});

	test.each([
		[{ kind: 'rejected' }, true],
		[{ kind: 'rejectedRow' }, true],
		[{ kind: 'rejectedFile' }, true],
		[{ kind: 'runSummary', rejected: 2 }, true],
		[{ kind: 'runSummary', rejected: 0, duplicates: 3 }, false],
		[{ kind: 'importLog', rejected: 1 }, true],
		[{ kind: 'streamtimeSummary', rejectedCount: 9 }, true],
		[{ kind: 'streamtimeSummary', rejectedCount: 0 }, false],
		[{ status: 'duplicate' }, false],
		[{ status: 'written' }, false],
		[{ error: 'Sage refused the connection' }, true],
	])('%j reports a rejection: %s', (json, expected) => {
		expect(reportsRejection(json)).toBe(expected);
	});
});

describe('writing beside an export without replacing anything', () => {
	let folder: string;
	beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'beside-export-'))));
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	test('an existing log is kept; the new one gets -2, then -3; no temporary file is left behind', async () => {
		writeFileSync(path.join(folder, 'june-invoices.import-log.csv'), 'kept');
		expect(await writeWithoutOverwrite(folder, 'june-invoices.import-log.csv', 'second')).toBe(path.join(folder, 'june-invoices.import-log-2.csv'));
		expect(await writeWithoutOverwrite(folder, 'june-invoices.import-log.csv', 'third')).toBe(path.join(folder, 'june-invoices.import-log-3.csv'));
		expect(readdirSync(folder).sort()).toEqual(['june-invoices.import-log-2.csv', 'june-invoices.import-log-3.csv', 'june-invoices.import-log.csv']);
		expect(['', '-2', '-3'].map((suffix) => readFileSync(path.join(folder, `june-invoices.import-log${suffix}.csv`), 'utf8'))).toEqual(['kept', 'second', 'third']);
	});

	test('runs writing the same name at the same moment each get their own file', async () => {
		const written = await Promise.all(Array.from({ length: 8 }, (_, run) => writeWithoutOverwrite(path.join(folder, 'failed'), 'log.csv', `run ${run}`)));
		expect(new Set(written).size).toBe(8);
		expect(written.map((file) => readFileSync(file, 'utf8')).sort()).toEqual(Array.from({ length: 8 }, (_, run) => `run ${run}`).sort());
		expect(readdirSync(path.join(folder, 'failed')).filter((name) => name.startsWith('.'))).toEqual([]);
	});
});

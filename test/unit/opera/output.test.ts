import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { Decimal } from '../../../lib/model/decimal';
import { OperaFileError } from '../../../lib/targets/opera/errors';
import { runFileName, runStamp, writeFileAtomically, writeOperaRun, type OperaFileRequest } from '../../../lib/targets/opera/output';
import type { OperaRecord } from '../../../lib/targets/opera/values';
import { readCsvFile, readDbfWithDbfread, temporaryFolder } from './readers';

const { folder: root, remove } = temporaryFolder();
afterAll(remove);

let folderNumber = 0;
function newFolder(): string {
	const folder = path.join(root, `import${++folderNumber}`);
	mkdirSync(folder);
	return folder;
}

const transaction: OperaRecord = {
	ST_ACCOUNT: 'ACME01',
	ST_TRDATE: '2026-03-31',
	ST_TRREF: 'INV-1001',
	ST_TRTYPE: 'I',
	ST_TRVALUE: Decimal.of('120.00'),
	ST_VATVAL: Decimal.of('20.00'),
	ST_CBTYPE: '',
	ST_ENTRY: '',
};
const analysis = (changes: Partial<Record<string, OperaRecord[string]>> = {}): OperaRecord => ({
	SA_ACCOUNT: 'ACME01',
	SA_TRDATE: '2026-03-31',
	SA_TRREF: 'INV-1001',
	SA_TRTYPE: 'I',
	SA_TRVALUE: Decimal.of('100.00'),
	SA_VATVAL: Decimal.of('20.00'),
	SA_ANCODE: 'ACCE01',
	SA_VATCTRY: 'H',
	SA_VATTYPE: 'S',
	SA_ANVAT: '1',
	...changes,
});
const salesRun = (lines: OperaRecord[] = [analysis()]): OperaFileRequest[] => [
	{ file: 'STRAN', records: [transaction] },
	{ file: 'SANAL', records: lines, optionalFields: ['SA_VATVAL'] },
];

async function failure(write: Promise<unknown>): Promise<OperaFileError> {
	try {
		await write;
	} catch (error) {
		if (error instanceof OperaFileError) return error;
		throw error;
	}
	throw new Error('The write succeeded but was expected to fail');
}

describe('run names', () => {
	test('a run stamp is the local time and four hex digits, and the file name starts with the Opera file it holds', () => {
		const stamp = runStamp(new Date(2026, 2, 31, 10, 15, 0), 'ab12');
		expect(stamp).toBe('20260331T101500_ab12');
		expect(runFileName('STRAN', stamp, 'dbf')).toBe('STRAN_20260331T101500_ab12.dbf');
		expect(runFileName('SANAL', stamp, 'csv')).toBe('SANAL_20260331T101500_ab12.csv');
		expect(runStamp()).toMatch(/^\d{8}T\d{6}_[0-9a-f]{4}$/);
	});
});

describe('writing a run into the Importer folder', () => {
	test('an STRAN and its SANAL arrive together in the run\'s folder, complete, with no temporary file left behind', async () => {
		const folder = newFolder();
		const written = await writeOperaRun(folder, salesRun(), { format: 'dbf', stamp: '20260331T101500_ab12' });
		expect(readdirSync(folder)).toEqual(['20260331T101500_ab12']);
		expect(readdirSync(path.join(folder, '20260331T101500_ab12')).sort()).toEqual(['SANAL_20260331T101500_ab12.dbf', 'STRAN_20260331T101500_ab12.dbf']);
		expect(written.map(({ file, path: written, recordCount }) => [file, path.relative(folder, written), recordCount])).toEqual([
			['STRAN', path.join('20260331T101500_ab12', 'STRAN_20260331T101500_ab12.dbf'), 1],
			['SANAL', path.join('20260331T101500_ab12', 'SANAL_20260331T101500_ab12.dbf'), 1],
		]);
		expect(readDbfWithDbfread(written[0].path).records[0]).toMatchObject({ ST_TRREF: 'INV-1001', ST_TRVALUE: '120.00' });
		expect(readDbfWithDbfread(written[1].path).records[0]).toMatchObject({ SA_TRREF: 'INV-1001', SA_TRVALUE: '100.00', SA_VATVAL: '20.00' });
	});

	test('runs without a given stamp get folders of their own, so a second run never lands on the first', async () => {
		const folder = newFolder();
		for (let run = 0; run < 5; run++) await writeOperaRun(folder, salesRun(), { format: 'csv' });
		const runs = readdirSync(folder);
		expect(runs).toHaveLength(5);
		expect(runs.every((name) => /^\d{8}T\d{6}_[0-9a-f]{4}$/.test(name))).toBe(true);
		for (const run of runs) expect(readdirSync(path.join(folder, run)).sort()).toEqual([`SANAL_${run}.csv`, `STRAN_${run}.csv`]);
		expect(readCsvFile(path.join(folder, runs[0], `STRAN_${runs[0]}.csv`))[1]).toEqual(['ACME01', '31/03/2026', 'INV-1001', 'I', '120.00', '20.00', '', '']);
	});

	test('a run folder already in the import folder is never replaced: OPERA_FILE_EXISTS, its files untouched, nothing else written', async () => {
		const folder = newFolder();
		const existing = path.join(folder, '20260331T101500_ab12');
		mkdirSync(existing);
		writeFileSync(path.join(existing, 'STRAN_20260331T101500_ab12.dbf'), 'waiting to be imported');
		const error = await failure(writeOperaRun(folder, salesRun(), { format: 'dbf', stamp: '20260331T101500_ab12' }));
		expect(error.code).toBe('OPERA_FILE_EXISTS');
		expect(error.message).toBe(`${existing} already exists and was left as it is; it may not have been imported yet. Choose another run name, or move it away.`);
		expect(readFileSync(path.join(existing, 'STRAN_20260331T101500_ab12.dbf'), 'utf8')).toBe('waiting to be imported');
		expect(readdirSync(folder)).toEqual(['20260331T101500_ab12']);
	});

	test('a refused SANAL line leaves no STRAN behind either, so Opera never posts an invoice without its analysis', async () => {
		const folder = newFolder();
		const error = await failure(writeOperaRun(folder, salesRun([analysis(), analysis({ SA_ANCODE: 'A-CODE-TOO-LONG' })]), { format: 'dbf' }));
		expect(error.code).toBe('OPERA_VALUE_TOO_WIDE');
		expect(error.details).toMatchObject({ file: 'SANAL', recordNumber: 2, field: 'SA_ANCODE' });
		expect(readdirSync(folder)).toEqual([]);
	});
});

describe('writing one file atomically', () => {
	test('the file appears only when its writing succeeded; a failure leaves neither the file nor a temporary one', async () => {
		const folder = newFolder();
		const written = await writeFileAtomically(folder, 'import-log.csv', async (temporary) => {
			expect(path.dirname(temporary)).toBe(folder);
			expect(existsSync(path.join(folder, 'import-log.csv'))).toBe(false);
			await writeFile(temporary, 'Item,Failure code\r\n', { flag: 'wx' });
			return 'done';
		});
		expect(written).toEqual({ path: path.join(folder, 'import-log.csv'), result: 'done' });
		expect(readFileSync(written.path, 'utf8')).toBe('Item,Failure code\r\n');

		await expect(
			writeFileAtomically(folder, 'second.csv', async (temporary) => {
				await writeFile(temporary, 'half a file');
				throw new Error('disk full');
			}),
		).rejects.toThrow('disk full');
		expect(readdirSync(folder)).toEqual(['import-log.csv']);
	});

	test('an existing name is refused before anything is written, and replaced only with overwrite: true', async () => {
		const folder = newFolder();
		writeFileSync(path.join(folder, 'STRAN.dbf'), 'original');
		let called = false;
		const error = await failure(
			writeFileAtomically(folder, 'STRAN.dbf', async () => {
				called = true;
			}),
		);
		expect(error.code).toBe('OPERA_FILE_EXISTS');
		expect(called).toBe(false);
		await writeFileAtomically(folder, 'STRAN.dbf', (temporary) => writeFile(temporary, 'replacement'), { overwrite: true });
		expect(readFileSync(path.join(folder, 'STRAN.dbf'), 'utf8')).toBe('replacement');
		expect(readdirSync(folder)).toEqual(['STRAN.dbf']);
	});
});

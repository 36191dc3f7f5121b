/**
 * Every Opera file error code is one a workflow can actually meet: for each code, a small
 * run that produces it. A new code without a case here fails to compile.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { Decimal } from '../../../lib/model/decimal';
import { writeOperaCsv } from '../../../lib/targets/opera/csv';
import { OperaDbfWriter, writeOperaDbf } from '../../../lib/targets/opera/dbf';
import { OPERA_FILE_ERROR_CODES, OperaFileError, type OperaFileErrorCode } from '../../../lib/targets/opera/errors';
import { operaLayout } from '../../../lib/targets/opera/fields';
import { writeOperaRun } from '../../../lib/targets/opera/output';
import type { OperaRecord } from '../../../lib/targets/opera/values';
import { temporaryFolder } from './readers';

const { folder, remove } = temporaryFolder();
afterAll(remove);

let fileNumber = 0;
const newPath = (extension = 'dbf') => path.join(folder, `file${++fileNumber}.${extension}`);
const customer = (changes: Partial<Record<string, OperaRecord[string]>> = {}): OperaRecord => ({ SN_ACCOUNT: 'ACME01', SN_NAME: 'Acme Ltd', ...changes });
const writeCustomer = (changes: Partial<Record<string, OperaRecord[string]>>) => writeOperaDbf(newPath(), 'SNAME', [customer(changes)]);

const CASES: Record<OperaFileErrorCode, () => Promise<unknown>> = {
	OPERA_FIELD_UNKNOWN: async () => operaLayout('SNAME', ['SN_POSTCODE']),
	OPERA_FIELD_NOT_IN_FILE: () => writeCustomer({ SN_PSTCODE: 'SW1A 1AA' }),
	OPERA_FIELD_DBF_ONLY: () => writeOperaCsv(newPath('csv'), 'STRAN', [], { optionalFields: ['ST_CASH'] }),
	OPERA_VALUE_MISSING: () => writeCustomer({ SN_NAME: '   ' }),
	OPERA_VALUE_WRONG_TYPE: () => writeCustomer({ SN_NAME: Decimal.of('1') }),
	OPERA_VALUE_TOO_WIDE: () => writeCustomer({ SN_ACCOUNT: 'ACME-LIMITED' }),
	OPERA_TOO_MANY_DECIMALS: () =>
		writeOperaDbf(newPath(), 'STRAN', [
			{ ST_ACCOUNT: 'ACME01', ST_TRDATE: '2026-03-31', ST_TRREF: 'INV-1', ST_TRTYPE: 'I', ST_TRVALUE: Decimal.of('0.125'), ST_VATVAL: Decimal.of('0') },
		]),
	OPERA_DATE_INVALID: () =>
		writeOperaDbf(newPath(), 'STRAN', [{ ST_ACCOUNT: 'ACME01', ST_TRDATE: '2026-3-31', ST_TRREF: 'INV-1', ST_TRTYPE: 'I', ST_TRVALUE: Decimal.of('1'), ST_VATVAL: Decimal.of('0') }]),
	OPERA_CHARACTER_NOT_CP1252: () => writeCustomer({ SN_NAME: 'Łódź Trading' }),
	OPERA_FILE_EXISTS: async () => {
		const stamp = '20260331T101500_ab12';
		// A run folder of that name is already in the import folder, perhaps not imported yet.
		mkdirSync(path.join(folder, stamp), { recursive: true });
		return writeOperaRun(folder, [{ file: 'SNAME', records: [customer()] }], { format: 'dbf', stamp });
	},
	OPERA_WRITER_BUSY: async () => {
		// Appending without awaiting: the append that fills the buffer is still writing it.
		const writer = await OperaDbfWriter.create(newPath(), 'SNAME');
		const outcomes = await Promise.allSettled(Array.from({ length: 10_000 }, () => writer.append(customer())));
		await writer.abandon();
		const refused = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
		throw refused?.reason;
	},
	OPERA_WRITER_CLOSED: async () => {
		const writer = await OperaDbfWriter.create(newPath(), 'SNAME');
		await writer.abandon();
		return writer.append(customer());
	},
};

describe('Opera file error codes', () => {
	test.each(Object.keys(OPERA_FILE_ERROR_CODES) as OperaFileErrorCode[])('%s is produced by a realistic mistake, with a one-sentence message', async (code) => {
		const caught = await CASES[code]().then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(caught).toBeInstanceOf(OperaFileError);
		expect((caught as OperaFileError).code).toBe(code);
		expect((caught as OperaFileError).message).toMatch(/^[A-Z/].*\.$/s);
	});

	test('every code has a meaning a person can read', () => {
		for (const meaning of Object.values(OPERA_FILE_ERROR_CODES)) expect(meaning).toMatch(/^[A-Z].{20,}\.$/);
	});
});

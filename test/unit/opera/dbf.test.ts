import { readFileSync } from 'node:fs';
import path from 'node:path';

import { DBFFile } from 'dbffile';
import fc from 'fast-check';

import { Decimal } from '../../../lib/model/decimal';
import { OperaDbfWriter, writeOperaDbf } from '../../../lib/targets/opera/dbf';
import { OperaFileError, type OperaFileErrorCode } from '../../../lib/targets/opera/errors';
import { OPERA_FIELDS, OPERA_IMPORT_FILES, type OperaImportFile } from '../../../lib/targets/opera/fields';
import type { OperaRecord, OperaValue } from '../../../lib/targets/opera/values';
import { readDbfWithDbfread, temporaryFolder } from './readers';

// The property tests start python3-dbfread once per generated case: slow on a loaded 2-core machine, not wrong.
jest.setTimeout(60_000);

const { folder, remove } = temporaryFolder();
afterAll(remove);

let fileNumber = 0;
const newPath = () => path.join(folder, `file${++fileNumber}.dbf`);

/** A sales invoice for £120.00 with £20.00 VAT, its customer reference full of Word punctuation. */
const invoice: OperaRecord = {
	ST_ACCOUNT: 'ACME01',
	ST_TRDATE: '2026-03-31',
	ST_TRREF: 'INV-1001',
	ST_CUSTREF: '“Café” £5 – €7 ‘ok’',
	ST_TRTYPE: 'I',
	ST_TRVALUE: Decimal.of('120.00'),
	ST_VATVAL: Decimal.of('20.00'),
	ST_CBTYPE: '',
	ST_ENTRY: '',
};

/** The error a failing write produced; fails the test if it did not fail. */
async function failure(write: Promise<unknown>): Promise<OperaFileError> {
	try {
		await write;
	} catch (error) {
		if (error instanceof OperaFileError) return error;
		throw error;
	}
	throw new Error('The write succeeded but was expected to fail');
}

async function stranFailure(record: Record<string, OperaValue>, optionalFields: string[] = ['ST_CUSTREF']): Promise<OperaFileError> {
	return failure(writeOperaDbf(newPath(), 'STRAN', [invoice, { ...invoice, ...record }], { optionalFields }));
}

describe('an STRAN DBF read back by python3-dbfread, an independent reader', () => {
	test('keeps Opera\'s field names, types, widths and decimals, the cp1252 code page, and every value including £, € and curly quotes', async () => {
		const file = newPath();
		const credit = { ...invoice, ST_TRREF: 'CRN-77', ST_TRTYPE: 'C', ST_TRVALUE: Decimal.of('-120'), ST_VATVAL: Decimal.of('-20'), ST_CUSTREF: 'Réf. — 12' };
		const written = await writeOperaDbf(file, 'STRAN', [invoice, credit], { optionalFields: ['ST_CUSTREF'], lastUpdated: '2026-03-31' });
		const read = readDbfWithDbfread(file);

		expect(written.recordCount).toBe(2);
		expect(read.fields).toEqual([
			{ name: 'ST_ACCOUNT', type: 'C', length: 8, decimals: 0 },
			{ name: 'ST_TRDATE', type: 'D', length: 8, decimals: 0 },
			{ name: 'ST_TRREF', type: 'C', length: 20, decimals: 0 },
			{ name: 'ST_CUSTREF', type: 'C', length: 20, decimals: 0 },
			{ name: 'ST_TRTYPE', type: 'C', length: 1, decimals: 0 },
			{ name: 'ST_TRVALUE', type: 'N', length: 12, decimals: 2 },
			{ name: 'ST_VATVAL', type: 'N', length: 12, decimals: 2 },
			{ name: 'ST_CBTYPE', type: 'C', length: 2, decimals: 0 },
			{ name: 'ST_ENTRY', type: 'C', length: 12, decimals: 0 },
		]);
		expect(read.codePage).toBe(0x03);
		expect(read.version).toBe(0x03);
		expect(read.recordCount).toBe(2);
		expect(read.lastUpdate).toEqual([126, 3, 31]);
		expect(read.records).toEqual([
			{
				ST_ACCOUNT: 'ACME01',
				ST_TRDATE: '2026-03-31',
				ST_TRREF: 'INV-1001',
				ST_CUSTREF: '“Café” £5 – €7 ‘ok’',
				ST_TRTYPE: 'I',
				ST_TRVALUE: '120.00',
				ST_VATVAL: '20.00',
				ST_CBTYPE: '',
				ST_ENTRY: '',
			},
			{
				ST_ACCOUNT: 'ACME01',
				ST_TRDATE: '2026-03-31',
				ST_TRREF: 'CRN-77',
				ST_CUSTREF: 'Réf. — 12',
				ST_TRTYPE: 'C',
				ST_TRVALUE: '-120.00',
				ST_VATVAL: '-20.00',
				ST_CBTYPE: '',
				ST_ENTRY: '',
			},
		]);
	});

	test('has the dBase III layout byte for byte: 0x03, code-page mark 0x03 at byte 29, 0x0D after the fields, a space deletion flag, 0x1A at the end', async () => {
		const file = newPath();
		await writeOperaDbf(file, 'STRAN', [invoice], { optionalFields: ['ST_CUSTREF'], lastUpdated: '2026-03-31' });
		const bytes = readFileSync(file);
		const read = readDbfWithDbfread(file);
		const fieldCount = 9;
		const recordLength = 1 + 8 + 8 + 20 + 20 + 1 + 12 + 12 + 2 + 12;

		expect(bytes[0]).toBe(0x03);
		expect([bytes[1], bytes[2], bytes[3]]).toEqual([126, 3, 31]);
		expect(bytes.readUInt32LE(4)).toBe(1);
		expect(bytes.readUInt16LE(8)).toBe(32 + 32 * fieldCount + 1);
		expect(bytes.readUInt16LE(10)).toBe(recordLength);
		expect(bytes[29]).toBe(0x03);
		expect(read.headerEnd).toBe(0x0d);
		expect(bytes[read.headerLength]).toBe(0x20);
		expect(read.lastByte).toBe(0x1a);
		expect(bytes.length).toBe(read.headerLength + recordLength + 1);
		expect(read.deleted).toBe(0);

		// The record itself: text left-aligned and space-padded, numbers right-aligned, the date as YYYYMMDD, € as 0x80.
		const record = bytes.subarray(read.headerLength, read.headerLength + recordLength);
		expect(record.subarray(0, 17).toString('latin1')).toBe(' ACME01  20260331');
		expect(record.subarray(58, 82).toString('latin1')).toBe('      120.00       20.00');
		expect(record.indexOf(0x80)).toBeGreaterThan(0);
	});

	test('dbffile 1.13.0, a second reader, reads the same fields and values', async () => {
		const file = newPath();
		await writeOperaDbf(file, 'STRAN', [invoice, { ...invoice, ST_FULLAMT: true, ST_CASH: false }], {
			optionalFields: ['ST_CUSTREF', 'ST_FULLAMT', 'ST_CASH'],
		});
		const table = await DBFFile.open(file, { encoding: 'win1252' });
		const records = await table.readRecords();

		expect(table.recordCount).toBe(2);
		expect(table.fields.map((field) => `${field.name} ${field.type}(${field.size},${field.decimalPlaces ?? 0})`)).toEqual([
			'ST_ACCOUNT C(8,0)',
			'ST_TRDATE D(8,0)',
			'ST_TRREF C(20,0)',
			'ST_CUSTREF C(20,0)',
			'ST_TRTYPE C(1,0)',
			'ST_TRVALUE N(12,2)',
			'ST_VATVAL N(12,2)',
			'ST_CBTYPE C(2,0)',
			'ST_ENTRY C(12,0)',
			'ST_FULLAMT L(1,0)',
			'ST_CASH L(1,0)',
		]);
		expect(records[0]).toMatchObject({ ST_ACCOUNT: 'ACME01', ST_CUSTREF: '“Café” £5 – €7 ‘ok’', ST_TRVALUE: 120, ST_VATVAL: 20, ST_FULLAMT: null });
		expect(records[1]).toMatchObject({ ST_FULLAMT: true, ST_CASH: false });
	});

	test('every one of the six files can be written with all its fields and read back', async () => {
		const sample = (type: string, width: number): OperaValue =>
			type === 'C' ? 'X'.repeat(width) : type === 'N' ? Decimal.of('-12345.67') : type === 'D' ? '2024-02-29' : true;
		for (const file of OPERA_IMPORT_FILES) {
			const fields = OPERA_FIELDS[file];
			const record = Object.fromEntries(fields.map((field) => [field.name, sample(field.type, field.width)]));
			const target = newPath();
			await writeOperaDbf(target, file, [record], { optionalFields: fields.map((field) => field.name) });
			const read = readDbfWithDbfread(target);
			expect(read.fields.map((field) => [field.name, field.type, field.length, field.decimals])).toEqual(
				fields.map((field) => [field.name, field.type, field.width, field.decimals]),
			);
			const expected = Object.fromEntries(
				fields.map((field) => [field.name, field.type === 'N' ? '-12345.67' : field.type === 'D' ? '2024-02-29' : field.type === 'L' ? true : 'X'.repeat(field.width)]),
			);
			expect({ file, record: read.records[0] }).toEqual({ file, record: expected });
		}
	});

	test('the record count is patched into the header at the end: 0 for an empty file, 5,000 across many buffer flushes', async () => {
		const empty = newPath();
		await writeOperaDbf(empty, 'SNAME', []);
		expect(readDbfWithDbfread(empty)).toMatchObject({ recordCount: 0, records: [], lastByte: 0x1a });

		const many = newPath();
		const customers = function* () {
			for (let index = 1; index <= 5000; index++) yield { SN_ACCOUNT: `C${String(index).padStart(5, '0')}`, SN_NAME: `Customer ${index} Ltd` };
		};
		const written = await writeOperaDbf(many, 'SNAME', customers());
		const read = readDbfWithDbfread(many);
		expect(written).toEqual({ recordCount: 5000, bytes: read.size });
		expect(read.recordCount).toBe(5000);
		expect(read.records).toHaveLength(5000);
		expect(read.records[4999]).toEqual({ SN_ACCOUNT: 'C05000', SN_NAME: 'Customer 5000 Ltd' });
		expect(read.size).toBe(read.headerLength + 5000 * read.recordLength + 1);
	});
});

describe('values the DBF writer refuses, with a stable code and a sentence naming file, record, field and value', () => {
	test.each<[string, Record<string, OperaValue>, OperaFileErrorCode, string]>([
		[
			'a reference longer than ST_TRREF is refused, not cut',
			{ ST_TRREF: 'INV-2026-000000000001' },
			'OPERA_VALUE_TOO_WIDE',
			'STRAN record 2, ST_TRREF "INV-2026-000000000001": is 21 characters, but ST_TRREF holds 20; shorten it in the mapping profile (the file writer never cuts text).',
		],
		[
			'a character with no Windows-1252 byte is refused, never written as "?"',
			{ ST_CUSTREF: 'Paid ✓' },
			'OPERA_CHARACTER_NOT_CP1252',
			'STRAN record 2, ST_CUSTREF "Paid ✓": the character "✓" (U+2713) has no Windows-1252 byte; replace or remove it in the mapping profile.',
		],
		[
			'an emoji is named whole',
			{ ST_CUSTREF: 'Thanks 👍' },
			'OPERA_CHARACTER_NOT_CP1252',
			'STRAN record 2, ST_CUSTREF "Thanks 👍": the character "👍" (U+1F44D) has no Windows-1252 byte; replace or remove it in the mapping profile.',
		],
		[
			'an amount with more decimals than the field is refused, not rounded',
			{ ST_TRVALUE: Decimal.of('120.005') },
			'OPERA_TOO_MANY_DECIMALS',
			'STRAN record 2, ST_TRVALUE "120.005": has 3 decimal places, but ST_TRVALUE has 2; round it in the source or the mapping (the file writer does not round).',
		],
		[
			'an amount too large for N(12,2) is refused, not cut',
			{ ST_TRVALUE: Decimal.of('1000000000.00') },
			'OPERA_VALUE_TOO_WIDE',
			'STRAN record 2, ST_TRVALUE "1000000000.00": needs 13 characters, but ST_TRVALUE is N(12,2), which holds -99999999.99 to 999999999.99.',
		],
		[
			'a negative amount loses a digit to its sign',
			{ ST_VATVAL: Decimal.of('-100000000') },
			'OPERA_VALUE_TOO_WIDE',
			'STRAN record 2, ST_VATVAL "-100000000.00": needs 13 characters, but ST_VATVAL is N(12,2), which holds -99999999.99 to 999999999.99.',
		],
		[
			'a date written day first is refused',
			{ ST_TRDATE: '31/03/2026' },
			'OPERA_DATE_INVALID',
			'STRAN record 2, ST_TRDATE "31/03/2026": is not a calendar date written YYYY-MM-DD, e.g. 2026-03-31.',
		],
		[
			'29 February of a year that is not a leap year is refused',
			{ ST_TRDATE: '2026-02-29' },
			'OPERA_DATE_INVALID',
			'STRAN record 2, ST_TRDATE "2026-02-29": is not a calendar date written YYYY-MM-DD, e.g. 2026-03-31.',
		],
		[
			'an invoice with no customer account is refused, since the Importer needs ST_ACCOUNT',
			{ ST_ACCOUNT: '' },
			'OPERA_VALUE_MISSING',
			'STRAN record 2, ST_ACCOUNT: has no value, but the Importer needs ST_ACCOUNT on every STRAN record.',
		],
		[
			'a float for an amount is refused: money reaches the file only as a Decimal',
			{ ST_TRVALUE: 120.1 as unknown as OperaValue },
			'OPERA_VALUE_WRONG_TYPE',
			'STRAN record 2, ST_TRVALUE "120.1": is number 120.1, but ST_TRVALUE is a N field and takes a Decimal amount (Decimal.of("120.00")).',
		],
		[
			'a Date object for a date is refused: no time zone can move the day',
			{ ST_TRDATE: new Date('2026-03-31T00:00:00Z') as unknown as OperaValue },
			'OPERA_VALUE_WRONG_TYPE',
			'STRAN record 2, ST_TRDATE "2026-03-31T00:00:00.000Z": is a Date object 2026-03-31T00:00:00.000Z, but ST_TRDATE is a D field and takes a date written YYYY-MM-DD.',
		],
		[
			'a value for a field the file was opened without is refused, since it would be lost',
			{ ST_BANK_AC: 'BANK2' },
			'OPERA_FIELD_NOT_IN_FILE',
			'STRAN record 2, ST_BANK_AC "BANK2": the file was opened without ST_BANK_AC, so the value would be lost; add ST_BANK_AC to the file\'s optional fields.',
		],
		[
			'a lower-case field name is not Opera\'s name and is refused',
			{ st_trref: 'INV-1002' },
			'OPERA_FIELD_UNKNOWN',
			'STRAN record 2, st_trref "INV-1002": STRAN has no field st_trref (Opera names are upper case, e.g. ST_ACCOUNT).',
		],
	])('%s', async (_title, change, code, message) => {
		const error = await stranFailure(change);
		expect(error.code).toBe(code);
		expect(error.message).toBe(message);
		expect(error.details).toMatchObject({ file: 'STRAN', recordNumber: 2, field: Object.keys(change)[0] });
	});

	test('the largest amounts N(12,2) holds, 999,999,999.99 and -99,999,999.99, are written exactly; fewer decimals are padded', async () => {
		const file = newPath();
		const amounts = ['999999999.99', '-99999999.99', '12.5', '7', '-0'];
		await writeOperaDbf(
			file,
			'SANAL',
			amounts.map((amount) => ({ SA_ACCOUNT: 'ACME01', SA_TRDATE: '2026-03-31', SA_TRREF: 'INV-1001', SA_TRTYPE: 'I', SA_TRVALUE: Decimal.of(amount), SA_ANCODE: 'ACCE01', SA_VATCTRY: 'H', SA_VATTYPE: 'S', SA_ANVAT: '1' })),
		);
		expect(readDbfWithDbfread(file).records.map((record) => record.SA_TRVALUE)).toEqual(['999999999.99', '-99999999.99', '12.50', '7.00', '0.00']);
	});

	test('ST_CBTYPE and ST_ENTRY may be blank; optional fields left out are blank; a null is blank', async () => {
		const file = newPath();
		await writeOperaDbf(file, 'STRAN', [{ ...invoice, ST_CBTYPE: undefined, ST_ENTRY: null, ST_CUSTREF: undefined }], { optionalFields: ['ST_CUSTREF', 'ST_VATSET1', 'ST_FULLAMT'] });
		expect(readDbfWithDbfread(file).records[0]).toMatchObject({ ST_CBTYPE: '', ST_ENTRY: '', ST_CUSTREF: '', ST_VATSET1: null, ST_FULLAMT: null });
	});

	test('a refused record is not written: the records before it stay, and the next one takes its place', async () => {
		const file = newPath();
		const writer = await OperaDbfWriter.create(file, 'STRAN');
		const { ST_CUSTREF: _unused, ...plain } = invoice;
		await writer.append(plain);
		const error = await failure(writer.append({ ...plain, ST_TRREF: 'A-REFERENCE-TOO-LONG-FOR-OPERA' }));
		expect(error.details.recordNumber).toBe(2);
		await writer.append({ ...plain, ST_TRREF: 'INV-1002' });
		await writer.finish();
		expect(readDbfWithDbfread(file).records.map((record) => record.ST_TRREF)).toEqual(['INV-1001', 'INV-1002']);
	});

	test('appending after finish is OPERA_WRITER_CLOSED; appending without awaiting the previous append is OPERA_WRITER_BUSY', async () => {
		const { ST_CUSTREF: _unused, ...plain } = invoice;
		const closed = await OperaDbfWriter.create(newPath(), 'STRAN');
		await closed.finish();
		expect((await failure(closed.append(plain))).code).toBe('OPERA_WRITER_CLOSED');

		const hurried = await OperaDbfWriter.create(newPath(), 'STRAN');
		const appends = Array.from({ length: 5000 }, () => hurried.append(plain));
		const outcomes = await Promise.allSettled(appends);
		const codes = new Set(outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [(outcome.reason as OperaFileError).code] : [])));
		expect(codes).toEqual(new Set(['OPERA_WRITER_BUSY']));
		await hurried.abandon();
	});

	test('a header date that is not YYYY-MM-DD is OPERA_DATE_INVALID, and a file that exists already is not overwritten', async () => {
		expect((await failure(OperaDbfWriter.create(newPath(), 'SNAME', { lastUpdated: '31/03/2026' }))).code).toBe('OPERA_DATE_INVALID');
		const file = newPath();
		await writeOperaDbf(file, 'SNAME', [{ SN_ACCOUNT: 'ACME01', SN_NAME: 'Acme Ltd' }]);
		await expect(OperaDbfWriter.create(file, 'SNAME')).rejects.toMatchObject({ code: 'EEXIST' });
		expect(readDbfWithDbfread(file).records).toEqual([{ SN_ACCOUNT: 'ACME01', SN_NAME: 'Acme Ltd' }]);
	});
});

describe('amounts survive the file exactly', () => {
	// N(12,2) holds -99,999,999.99 to 999,999,999.99; amounts are whole pence.
	const pence = fc.bigInt({ min: -9_999_999_999n, max: 99_999_999_999n });
	const asAmount = (units: bigint) => {
		const negative = units < 0n;
		const digits = (negative ? -units : units).toString().padStart(3, '0');
		return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
	};

	test('random amounts in pence written to SA_TRVALUE N(12,2) and read back by python3-dbfread add up to exactly the same total', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(pence, { minLength: 1, maxLength: 60 }), async (amounts) => {
				const file = newPath();
				await writeOperaDbf(
					file,
					'SANAL' as OperaImportFile,
					amounts.map((units, index) => ({
						SA_ACCOUNT: 'ACME01',
						SA_TRDATE: '2026-03-31',
						SA_TRREF: `INV-${index}`,
						SA_TRTYPE: 'I',
						SA_TRVALUE: Decimal.of(asAmount(units)),
						SA_ANCODE: 'ACCE01',
						SA_VATCTRY: 'H',
						SA_VATTYPE: 'S',
						SA_ANVAT: '1',
					})),
				);
				const read = readDbfWithDbfread(file).records.map((record) => String(record.SA_TRVALUE));
				const total = (values: bigint[]) => values.reduce((sum, value) => sum + value, 0n);
				expect(read).toEqual(amounts.map(asAmount));
				expect(total(read.map((text) => BigInt(text.replace('.', ''))))).toBe(total(amounts));
			}),
			{ numRuns: 25 },
		);
	});
});

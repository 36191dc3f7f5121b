import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Decimal } from '../../../lib/model/decimal';
import { writeOperaCsv } from '../../../lib/targets/opera/csv';
import { OperaFileError } from '../../../lib/targets/opera/errors';
import type { OperaRecord } from '../../../lib/targets/opera/values';
import { readCsvFile, temporaryFolder } from './readers';

const { folder, remove } = temporaryFolder();
afterAll(remove);

let fileNumber = 0;
const newPath = () => path.join(folder, `file${++fileNumber}.csv`);

const line = (changes: Partial<Record<string, OperaRecord[string]>> = {}): OperaRecord => ({
	SA_ACCOUNT: 'ACME01',
	SA_TRDATE: '2026-03-31',
	SA_TRREF: 'INV-1001',
	SA_TRTYPE: 'I',
	SA_TRVALUE: Decimal.of('100'),
	SA_VATVAL: Decimal.of('20'),
	SA_ANCODE: 'ACCE01',
	SA_VATCTRY: 'H',
	SA_VATTYPE: 'S',
	SA_ANVAT: '1',
	...changes,
});

// SA_VATVAL is optional in the help's table but belongs on every line of a VAT invoice.
const WITH_VAT = { optionalFields: ['SA_VATVAL'] };

describe('an Opera Importer CSV', () => {
	test('has the Opera field names as headings and one row per record, values as the Importer reads them', async () => {
		const file = newPath();
		await writeOperaCsv(file, 'SANAL', [line(), line({ SA_TRREF: 'CRN-77', SA_TRTYPE: 'C', SA_TRVALUE: Decimal.of('-100.5'), SA_VATVAL: Decimal.of('-20.1') })], {
			optionalFields: ['SA_VATVAL', 'SA_TAXDATE'],
		});
		expect(readCsvFile(file)).toEqual([
			['SA_ACCOUNT', 'SA_TRDATE', 'SA_TRREF', 'SA_TRTYPE', 'SA_TRVALUE', 'SA_VATVAL', 'SA_ANCODE', 'SA_VATCTRY', 'SA_VATTYPE', 'SA_ANVAT', 'SA_TAXDATE'],
			['ACME01', '31/03/2026', 'INV-1001', 'I', '100.00', '20.00', 'ACCE01', 'H', 'S', '1', ''],
			['ACME01', '31/03/2026', 'CRN-77', 'C', '-100.50', '-20.10', 'ACCE01', 'H', 'S', '1', ''],
		]);
	});

	test('is Windows-1252 bytes with CRLF line ends: € is the single byte 0x80, £ is 0xA3, curly quotes 0x93/0x94', async () => {
		const file = newPath();
		await writeOperaCsv(file, 'SNAME', [{ SN_ACCOUNT: 'CAFE01', SN_NAME: '“Café” £ € Ltd' }]);
		const bytes = readFileSync(file);
		expect(bytes.toString('latin1').split('\r\n')).toEqual(['SN_ACCOUNT,SN_NAME', 'CAFE01,\x93Caf\xe9\x94 \xa3 \x80 Ltd', '']);
		expect(bytes.length).toBe('SN_ACCOUNT,SN_NAME\r\nCAFE01,“Café” £ € Ltd\r\n'.length);
	});

	test('a cell with a comma, a quote or a line break is quoted, inner quotes doubled, and reads back unchanged', async () => {
		const file = newPath();
		const awkward = ['Smith, Jones & Co', 'The "Best" Ltd', 'Line one\r\nline two', 'Plain'];
		await writeOperaCsv(
			file,
			'SNAME',
			awkward.map((name, index) => ({ SN_ACCOUNT: `AC${index}`, SN_NAME: name })),
		);
		const text = readFileSync(file, 'latin1');
		expect(text).toContain('AC0,"Smith, Jones & Co"\r\n');
		expect(text).toContain('AC1,"The ""Best"" Ltd"\r\n');
		expect(text).toContain('AC3,Plain\r\n');
		expect(readCsvFile(file).slice(1).map((row) => row[1])).toEqual(awkward);
	});

	test('dates are dd/MM/yyyy by default, as in the one CSV known to have gone through the Importer; yyyy-MM-dd and yyyyMMdd on request', async () => {
		const dated = async (dateLayout?: 'yyyy-MM-dd' | 'yyyyMMdd') => {
			const file = newPath();
			await writeOperaCsv(file, 'SANAL', [line({ SA_TRDATE: '2026-01-05' })], { ...WITH_VAT, dateLayout });
			return readCsvFile(file)[1][1];
		};
		expect(await dated()).toBe('05/01/2026');
		expect(await dated('yyyy-MM-dd')).toBe('2026-01-05');
		expect(await dated('yyyyMMdd')).toBe('20260105');
	});

	test('a logical is T or F and a blank is an empty cell (PN_SEPA on a supplier)', async () => {
		const file = newPath();
		await writeOperaCsv(
			file,
			'PNAME',
			[
				{ PN_ACCOUNT: 'SUPP01', PN_NAME: 'Supplier One', PN_PAYMETH: 'B', PN_SEPA: true },
				{ PN_ACCOUNT: 'SUPP02', PN_NAME: 'Supplier Two', PN_PAYMETH: 'C', PN_SEPA: false },
				{ PN_ACCOUNT: 'SUPP03', PN_NAME: 'Supplier Three', PN_PAYMETH: 'C' },
			],
			{ optionalFields: ['PN_SEPA'] },
		);
		expect(readCsvFile(file).map((row) => row[3])).toEqual(['PN_SEPA', 'T', 'F', '']);
	});

	test('the matched-receipt fields are refused with OPERA_FIELD_DBF_ONLY: the help says only a DBF can carry them', async () => {
		const error = await writeOperaCsv(newPath(), 'STRAN', [], { optionalFields: ['ST_FULLAMT', 'ST_FULLCB'] }).catch((caught: OperaFileError) => caught);
		expect(error).toBeInstanceOf(OperaFileError);
		expect((error as OperaFileError).code).toBe('OPERA_FIELD_DBF_ONLY');
		expect((error as OperaFileError).message).toBe(
			'STRAN: ST_FULLAMT, ST_FULLCB can only be imported from a DBF file (the Importer help: matched receipts need fields a CSV cannot represent); write STRAN as DBF or leave these fields out.',
		);
	});

	test('the DBF rules hold in a CSV too: no cutting, no "?" for a character, no rounding', async () => {
		const codeOf = (record: OperaRecord) =>
			writeOperaCsv(newPath(), 'SANAL', [record], WITH_VAT).then(
				() => 'written',
				(error: OperaFileError) => `${error.code}: ${error.message}`,
			);
		expect(await codeOf(line({ SA_TRREF: 'INV-2026-000000000001' }))).toMatch(/^OPERA_VALUE_TOO_WIDE: SANAL record 1, SA_TRREF "INV-2026-000000000001": is 21 characters/);
		expect(await codeOf(line({ SA_ANCODE: 'ÄÖ✓' }))).toMatch(/^OPERA_CHARACTER_NOT_CP1252: SANAL record 1, SA_ANCODE "ÄÖ✓": the character "✓" \(U\+2713\)/);
		expect(await codeOf(line({ SA_TRVALUE: Decimal.of('0.001') }))).toMatch(/^OPERA_TOO_MANY_DECIMALS: SANAL record 1, SA_TRVALUE "0.001"/);
		expect(await codeOf(line({ SA_TRDATE: '2026-13-01' }))).toMatch(/^OPERA_DATE_INVALID/);
	});

	test('thousands of rows stream through the same buffer and all arrive', async () => {
		const file = newPath();
		const rows = function* () {
			for (let index = 0; index < 20_000; index++) yield line({ SA_TRREF: `INV-${index}`, SA_TRVALUE: Decimal.of(`${index}.99`) });
		};
		const written = await writeOperaCsv(file, 'SANAL', rows(), WITH_VAT);
		const read = readCsvFile(file);
		expect(written.recordCount).toBe(20_000);
		expect(read).toHaveLength(20_001);
		expect(read[20_000].slice(2, 5)).toEqual(['INV-19999', 'I', '19999.99']);
	});
});

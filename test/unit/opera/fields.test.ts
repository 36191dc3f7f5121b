import { OperaFileError } from '../../../lib/targets/opera/errors';
import { OPERA_FIELDS, OPERA_IMPORT_FILES, operaField, operaLayout, type OperaImportFile } from '../../../lib/targets/opera/fields';

const names = (file: OperaImportFile, keep: (field: (typeof OPERA_FIELDS)[OperaImportFile][number]) => boolean) =>
	OPERA_FIELDS[file].filter(keep).map((field) => field.name).sort();

describe('the Opera Importer field table', () => {
	test('the mandatory fields of each file are exactly the Import Wizard help table (reference §4)', () => {
		const help: Record<OperaImportFile, string[]> = {
			SNAME: ['SN_ACCOUNT', 'SN_NAME'],
			STRAN: ['ST_ACCOUNT', 'ST_TRDATE', 'ST_TRREF', 'ST_TRTYPE', 'ST_TRVALUE', 'ST_VATVAL', 'ST_CBTYPE', 'ST_ENTRY'],
			SANAL: ['SA_ACCOUNT', 'SA_TRDATE', 'SA_TRREF', 'SA_TRTYPE', 'SA_TRVALUE', 'SA_ANCODE', 'SA_VATCTRY', 'SA_VATTYPE', 'SA_ANVAT'],
			PNAME: ['PN_ACCOUNT', 'PN_NAME', 'PN_PAYMETH'],
			PTRAN: ['PT_ACCOUNT', 'PT_TRDATE', 'PT_TRREF', 'PT_TRTYPE', 'PT_TRVALUE', 'PT_VATVAL', 'PT_CBTYPE', 'PT_ENTRY'],
			PANAL: ['PA_ACCOUNT', 'PA_TRDATE', 'PA_TRREF', 'PA_TRVALUE', 'PA_ANCODE', 'PA_VATCTRY', 'PA_VATTYPE', 'PA_ANVAT', 'PA_TRTYPE'],
		};
		for (const file of OPERA_IMPORT_FILES) expect(names(file, (field) => field.mandatory)).toEqual([...help[file]].sort());
	});

	test('ST_CBTYPE/ST_ENTRY and PT_CBTYPE/PT_ENTRY are always in the file but may be blank; other mandatory fields may not', () => {
		for (const file of OPERA_IMPORT_FILES) {
			const blankable = names(file, (field) => field.mandatory && field.mayBeBlank);
			expect(blankable).toEqual(file === 'STRAN' ? ['ST_CBTYPE', 'ST_ENTRY'] : file === 'PTRAN' ? ['PT_CBTYPE', 'PT_ENTRY'] : []);
		}
		expect(operaLayout('STRAN').map((field) => field.name)).toEqual(expect.arrayContaining(['ST_CBTYPE', 'ST_ENTRY']));
	});

	test('the widths the reference and the help print are the widths in the table', () => {
		const printed: Array<[OperaImportFile, string, string]> = [
			['SNAME', 'SN_ACCOUNT', 'C8'],
			['SNAME', 'SN_NAME', 'C30'],
			['SNAME', 'SN_ADDR1', 'C30'],
			['SNAME', 'SN_ADDR4', 'C30'],
			['SNAME', 'SN_ADDR5', 'C30'],
			['SNAME', 'SN_PSTCODE', 'C8'],
			['STRAN', 'ST_ACCOUNT', 'C8'],
			['STRAN', 'ST_TRREF', 'C20'],
			['STRAN', 'ST_CUSTREF', 'C20'],
			['STRAN', 'ST_ENTRY', 'C12'],
			['STRAN', 'ST_CBTYPE', 'C2'],
			['STRAN', 'ST_BANK_AC', 'C8'],
			['STRAN', 'ST_BANK_CC', 'C4'],
			['STRAN', 'ST_FULLAMT', 'L1'],
			['STRAN', 'ST_FULLCB', 'C2'],
			['STRAN', 'ST_FULLNAR', 'C10'],
			['STRAN', 'ST_CASH', 'L1'],
			['STRAN', 'ST_TRDATE', 'D8'],
			['STRAN', 'ST_TRVALUE', 'N12.2'],
			['PTRAN', 'PT_SUPREF', 'C20'],
			['SANAL', 'SA_TAXDATE', 'D8'],
			['SANAL', 'SA_VATVAL', 'N12.2'],
			['PNAME', 'PN_SEPA', 'L1'],
		];
		for (const [file, name, expected] of printed) {
			const field = operaField(file, name);
			expect(field && `${field.type}${field.width}${field.type === 'N' ? `.${field.decimals}` : ''}`).toBe(expected);
		}
	});

	test('every field the Opera help mentions is in the table, sales and purchase alike', () => {
		const wanted: Array<[OperaImportFile, string[]]> = [
			['SNAME', ['SN_IBAN', 'SN_BIC']],
			['PNAME', ['PN_IBAN', 'PN_BIC', 'PN_SEPA', 'PN_PAYMETH']],
			['STRAN', ['ST_VATSET1', 'ST_VATSET2', 'ST_BANK_AC', 'ST_BANK_CC', 'ST_FULLAMT', 'ST_FULLCB', 'ST_FULLNAR', 'ST_CASH']],
			['PTRAN', ['PT_VATSET1', 'PT_VATSET2', 'PT_BANK_AC', 'PT_BANK_CC', 'PT_FULLAMT', 'PT_FULLCB', 'PT_FULLNAR', 'PT_CASH']],
			['SANAL', ['SA_TAXDATE', 'SA_VATVAL', 'SA_VATSET1', 'SA_VATSET2']],
			['PANAL', ['PA_TAXDATE', 'PA_VATVAL', 'PA_VATSET1', 'PA_VATSET2']],
		];
		for (const [file, fieldNames] of wanted) for (const name of fieldNames) expect(operaField(file, name)?.name).toBe(name);
	});

	test('every field is a legal dBase III descriptor with its file prefix, and no name repeats', () => {
		const prefixes: Record<OperaImportFile, string> = { SNAME: 'SN_', STRAN: 'ST_', SANAL: 'SA_', PNAME: 'PN_', PTRAN: 'PT_', PANAL: 'PA_' };
		for (const file of OPERA_IMPORT_FILES) {
			const fields = OPERA_FIELDS[file];
			expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
			for (const field of fields) {
				expect(field.name).toMatch(/^[A-Z][A-Z0-9_]{0,9}$/);
				expect(field.name.startsWith(prefixes[file])).toBe(true);
				expect(field.description.length).toBeGreaterThan(0);
				const legal =
					(field.type === 'C' && field.width >= 1 && field.width <= 254 && field.decimals === 0) ||
					(field.type === 'N' && field.width <= 20 && field.decimals < field.width - 1) ||
					(field.type === 'D' && field.width === 8 && field.decimals === 0) ||
					(field.type === 'L' && field.width === 1 && field.decimals === 0);
				expect({ field: field.name, legal }).toEqual({ field: field.name, legal: true });
			}
		}
	});

	test('only the matched-receipt/payment fields are DBF-only (the help: a CSV cannot represent them)', () => {
		const dbfOnly = OPERA_IMPORT_FILES.flatMap((file) => names(file, (field) => field.dbfOnly));
		expect(dbfOnly.sort()).toEqual(['PT_CASH', 'PT_FULLAMT', 'PT_FULLCB', 'PT_FULLNAR', 'ST_CASH', 'ST_FULLAMT', 'ST_FULLCB', 'ST_FULLNAR']);
	});

	test('a layout holds the mandatory fields plus the optional ones asked for, in table order', () => {
		expect(operaLayout('SNAME', ['SN_PSTCODE', 'SN_ADDR1', 'SN_ADDR1']).map((field) => field.name)).toEqual(['SN_ACCOUNT', 'SN_NAME', 'SN_ADDR1', 'SN_PSTCODE']);
		expect(operaLayout('PNAME').map((field) => field.name)).toEqual(['PN_ACCOUNT', 'PN_NAME', 'PN_PAYMETH']);
	});

	test('a layout asking for a field the file does not have is refused with OPERA_FIELD_UNKNOWN', () => {
		let caught: unknown;
		try {
			operaLayout('STRAN', ['ST_CUSREF']);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(OperaFileError);
		expect((caught as OperaFileError).code).toBe('OPERA_FIELD_UNKNOWN');
		expect((caught as OperaFileError).message).toMatch(/^STRAN has no field ST_CUSREF; the fields Ledger Bridge knows for STRAN are ST_ACCOUNT, /);
	});

	test('every guessed width is marked as such, so it can be checked against a real Opera first', () => {
		const guessed = OPERA_IMPORT_FILES.flatMap((file) => OPERA_FIELDS[file].filter((field) => field.widthFrom === 'assumed').map((field) => field.name));
		expect(guessed).toEqual(expect.arrayContaining(['ST_TRVALUE', 'SA_ANCODE', 'SA_ANVAT', 'PN_PAYMETH', 'SN_IBAN', 'SN_BIC']));
		expect(guessed).not.toContain('ST_TRREF');
	});
});

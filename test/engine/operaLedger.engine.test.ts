import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import fc from 'fast-check';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { readCsv, readDbfWithDbfread } from '../unit/opera/readers';
import { nodeWorkflow, runWorkflow } from './harness';

const customer = {
	type: 'customer',
	party: {
		code: 'ACME01',
		name: 'Acme Café Ltd',
		addresses: [{ type: 'billing', lines: ['1 High Street'], city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' }],
		iban: 'GB82 WEST 1234 5698 7654 32',
		bic: 'WESTGB2L',
	},
};
const invoice = (number: string, changes: Record<string, unknown> = {}) => ({
	type: 'salesInvoice',
	header: { number, date: '2026-03-31', taxDate: '2026-03-30', currency: 'GBP', reference: 'PO 4471' },
	party: { code: 'ACME01', name: 'Acme Café Ltd' },
	lines: [
		{ description: 'Design', net: '100.00', taxCode: '1', taxAmount: '20.00', account: 'DESIGN' },
		{ description: 'Print', net: '50.00', taxCode: '1', taxAmount: '10.00', account: 'PRINT' },
	],
	totals: { net: '150.00', tax: '30.00', gross: '180.00' },
	...changes,
});
const credit = { ...invoice('CN-1'), type: 'salesCredit', lines: [invoice('CN-1').lines[0]], totals: { net: '100.00', tax: '20.00', gross: '120.00' } };
const receipt = {
	type: 'receipt',
	header: { number: 'RC-1', date: '2026-04-15', reference: 'INV-1', bank: { account: 'BANK02', costCentre: 'LDN' } },
	party: { code: 'ACME01', name: 'Acme Café Ltd' },
	totals: { gross: '180.00' },
};

let folder: string;
beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'opera-engine-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function runOpera(documents: unknown[], parameters: INodeParameters = {}) {
	const result = await runWorkflow(
		nodeWorkflow('operaLedger', 'Opera Ledger', documents, { format: 'dbf', outputFolder: folder, ...parameters }),
	);
	const [files, rejected] = result.output('Opera Ledger');
	const byFile = (name: string) => files.find((item) => item.json.file === name) as INodeExecutionData;
	return { result, files, rejected, byFile };
}

/** What an independent reader (Debian's python3-dbfread) sees in the file the node wrote. */
function readBack(item: INodeExecutionData) {
	return readDbfWithDbfread(item.json.path as string);
}

describe('Opera Ledger inside the n8n engine', () => {
	test('customers, invoices, credit notes and receipts become SNAME, STRAN and SANAL with Opera names, widths and cp1252 mark', async () => {
		const { files, rejected, byFile } = await runOpera([customer, invoice('INV-1'), credit, receipt]);
		expect(rejected).toEqual([]);
		expect(files.map((item) => item.json.file)).toEqual(['SNAME', 'STRAN', 'SANAL']);
		expect(files.map((item) => item.json.fileName)).toEqual(
			files.map((item) => expect.stringMatching(new RegExp(`^${item.json.file}_\\d{8}T\\d{6}_[0-9a-f]{4}\\.dbf$`))),
		);

		const sname = readBack(byFile('SNAME'));
		expect(sname.codePage).toBe(0x03);
		expect(sname.fields.slice(0, 2)).toEqual([
			{ name: 'SN_ACCOUNT', type: 'C', length: 8, decimals: 0 },
			{ name: 'SN_NAME', type: 'C', length: 30, decimals: 0 },
		]);
		expect(sname.records).toEqual([
			expect.objectContaining({ SN_ACCOUNT: 'ACME01', SN_NAME: 'Acme Café Ltd', SN_ADDR1: '1 High Street', SN_ADDR2: 'Leeds', SN_PSTCODE: 'LS1 1AA', SN_IBAN: 'GB82WEST12345698765432', SN_BIC: 'WESTGB2L' }),
		]);

		const stran = readBack(byFile('STRAN'));
		expect(stran.fields.map((field) => field.name)).toEqual(
			expect.arrayContaining(['ST_ACCOUNT', 'ST_TRDATE', 'ST_TRREF', 'ST_TRTYPE', 'ST_TRVALUE', 'ST_VATVAL', 'ST_CBTYPE', 'ST_ENTRY', 'ST_BANK_AC', 'ST_BANK_CC']),
		);
		expect(stran.fields.find((field) => field.name === 'ST_TRREF')).toMatchObject({ type: 'C', length: 20 });
		expect(stran.records.map((record) => [record.ST_TRREF, record.ST_TRTYPE, record.ST_TRVALUE, record.ST_VATVAL, record.ST_TRDATE])).toEqual([
			['INV-1', 'I', '180.00', '30.00', '2026-03-31'],
			['CN-1', 'C', '-120.00', '-20.00', '2026-03-31'],
			['RC-1', 'R', '-180.00', '0.00', '2026-04-15'],
		]);
		expect(stran.records[2]).toMatchObject({ ST_BANK_AC: 'BANK02', ST_BANK_CC: 'LDN', ST_CUSTREF: 'INV-1' });
		expect(stran.records[0]).toMatchObject({ ST_BANK_AC: '', ST_CBTYPE: '', ST_ENTRY: '' });

		const sanal = readBack(byFile('SANAL'));
		expect(sanal.records.map((record) => [record.SA_TRREF, record.SA_ANCODE, record.SA_TRVALUE, record.SA_VATVAL, record.SA_VATTYPE, record.SA_ANVAT, record.SA_TAXDATE])).toEqual([
			['INV-1', 'DESIGN', '100.00', '20.00', 'S', '1', '2026-03-30'],
			['INV-1', 'PRINT', '50.00', '10.00', 'S', '1', '2026-03-30'],
			['CN-1', 'DESIGN', '-100.00', '-20.00', 'S', '1', '2026-03-30'],
		]);
		expect(byFile('SANAL').pairedItem).toEqual([{ item: 1 }, { item: 2 }]);
	});

	test('suppliers, purchase invoices, credits and payments become PNAME, PTRAN and PANAL', async () => {
		const supplier = { type: 'supplier', party: { code: 'INK01', name: 'Inkwell Printers', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' } };
		const purchase = { ...invoice('PI-77'), type: 'purchaseInvoice', party: { code: 'INK01', name: 'Inkwell Printers' }, header: { number: 'PI-77', date: '2026-03-28', reference: 'INK-7781' } };
		const purchaseCredit = { ...credit, type: 'purchaseCredit', party: { code: 'INK01' }, header: { number: 'PC-3', date: '2026-03-29' } };
		const payment = { type: 'supplierPayment', header: { number: 'PAY-9', date: '2026-04-20', bank: { account: 'BANK01' } }, party: { code: 'INK01' }, totals: { gross: '180.00' } };
		const badIban = { type: 'supplier', party: { code: 'BAD01', name: 'Bad Bank Ltd', iban: 'DE89370400440532013001', bic: 'COBADEFF' } };
		const { files, rejected, byFile } = await runOpera([supplier, purchase, purchaseCredit, payment, badIban], { options: { defaultPaymentMethod: 'B' } });
		expect(files.map((item) => item.json.file)).toEqual(['PNAME', 'PTRAN', 'PANAL']);
		expect(readBack(byFile('PNAME')).records).toEqual([
			expect.objectContaining({ PN_ACCOUNT: 'INK01', PN_NAME: 'Inkwell Printers', PN_PAYMETH: 'B', PN_IBAN: 'DE89370400440532013000', PN_BIC: 'COBADEFFXXX' }),
		]);
		expect(readBack(byFile('PTRAN')).records.map((record) => [record.PT_TRREF, record.PT_TRTYPE, record.PT_TRVALUE, record.PT_SUPREF])).toEqual([
			['PI-77', 'I', '180.00', 'INK-7781'],
			['PC-3', 'C', '-120.00', ''],
			['PAY-9', 'P', '-180.00', ''],
		]);
		expect(readBack(byFile('PANAL')).records.map((record) => [record.PA_TRREF, record.PA_VATTYPE, record.PA_TRVALUE])).toEqual([
			['PI-77', 'P', '100.00'],
			['PI-77', 'P', '50.00'],
			['PC-3', 'P', '-100.00'],
		]);
		expect(rejected.map((item) => item.json.failureCodes)).toEqual([['IBAN_INVALID']]);
		expect(rejected[0].json.message).toContain("'54000126 Invalid IBAN (PN_IBAN)'");
	});

	test('the same files come out as n8n binary data, one item per file, and the folder holds nothing else', async () => {
		const { result, files } = await runOpera([invoice('INV-1')]);
		const stran = files[0].binary!.data;
		expect(stran.mimeType).toBe('application/x-dbf');
		const bytes = await result.binaryBuffer(stran);
		expect(bytes[0]).toBe(0x03);
		expect(bytes[29]).toBe(0x03);
		expect(readdirSync(folder).sort()).toEqual(files.map((item) => item.json.fileName).sort());
	});

	test('CSV with headings: Opera field names, UK dates, negative credits', async () => {
		const { result, files } = await runOpera([invoice('INV-1'), credit], { format: 'csv' });
		const stran = files.find((item) => item.json.file === 'STRAN')!;
		const rows = readCsv((await result.binaryBuffer(stran.binary!.data)).toString('latin1'));
		expect(rows[0]).toEqual(expect.arrayContaining(['ST_ACCOUNT', 'ST_TRDATE', 'ST_TRREF', 'ST_CBTYPE', 'ST_ENTRY']));
		const column = (name: string) => rows.slice(1).map((row) => row[rows[0].indexOf(name)]);
		expect(column('ST_TRDATE')).toEqual(['31/03/2026', '31/03/2026']);
		expect(column('ST_TRVALUE')).toEqual(['180.00', '-120.00']);
	});

	test('matched receipts asked for with CSV stop the node before anything is written', async () => {
		const paid = invoice('INV-7', { header: { ...invoice('INV-7').header, paidInFull: { cashbookType: 'R2', narrative: 'Till 3', cash: true } } });
		const result = await runWorkflow(nodeWorkflow('operaLedger', 'Opera Ledger', [invoice('INV-1'), paid], { format: 'csv', outputFolder: folder }));
		expect(result.run.status).toBe('error');
		expect(result.run.data.resultData.runData['Opera Ledger'][0].error?.message).toBe(
			'Matched receipts can only be imported from a DBF file: sales invoice INV-7 is marked paid in full.',
		);
		expect(readdirSync(folder)).toEqual([]);
	});

	test('matched receipts in DBF: ST_FULLAMT, ST_FULLCB, ST_FULLNAR and ST_CASH are written', async () => {
		const paid = invoice('INV-7', { header: { ...invoice('INV-7').header, paidInFull: { cashbookType: 'R2', narrative: 'Till 3', cash: true } } });
		const { byFile } = await runOpera([invoice('INV-1'), paid]);
		const records = readBack(byFile('STRAN')).records;
		expect(records.map((record) => [record.ST_TRREF, record.ST_FULLAMT, record.ST_FULLCB, record.ST_FULLNAR, record.ST_CASH])).toEqual([
			['INV-1', null, '', '', null],
			['INV-7', true, 'R2', 'Till 3', true],
		]);
	});

	test('prompt-payment VAT fills ST_VATSET1 and SA_VATSET1 when a document carries it', async () => {
		const discounted = invoice('INV-8');
		discounted.header = { ...discounted.header, promptPaymentVat: ['29.40'] } as typeof discounted.header;
		discounted.lines = discounted.lines.map((line, index) => ({ ...line, promptPaymentVat: [index === 0 ? '19.60' : '9.80'] }));
		const { byFile } = await runOpera([discounted]);
		expect(readBack(byFile('STRAN')).records[0].ST_VATSET1).toBe('29.40');
		expect(readBack(byFile('SANAL')).records.map((record) => record.SA_VATSET1)).toEqual(['19.60', '9.80']);
	});

	test('a BIC without an IBAN, a bad IBAN and an amount too big for N(12,2) are rejected; the rest are written', async () => {
		const noIban = { type: 'customer', party: { code: 'BETA01', name: 'Beta Ltd', bic: 'DEUTDEFF' } };
		const badIban = { type: 'customer', party: { code: 'GAMMA01', name: 'Gamma Ltd', iban: 'GB82WEST12345698765433', bic: 'WESTGB2L' } };
		const huge = invoice('INV-9', {
			lines: [{ net: '1000000000.00', taxCode: '1', taxAmount: '0.00', account: 'DESIGN' }],
			totals: { net: '1000000000.00', tax: '0.00', gross: '1000000000.00' },
		});
		const { files, rejected } = await runOpera([customer, noIban, badIban, invoice('INV-1'), huge]);
		expect(files.map((item) => [item.json.file, item.json.records])).toEqual([
			['SNAME', 1],
			['STRAN', 1],
			['SANAL', 2],
		]);
		expect(rejected.map((item) => [item.json.document, item.json.failureCodes])).toEqual([
			['customer BETA01', ['BANK_DETAILS_INCOMPLETE']],
			['customer GAMMA01', ['IBAN_INVALID']],
			['sales invoice INV-9', ['VALUE_DOES_NOT_FIT']],
		]);
		expect(rejected[1].json.message).toContain("'31700266 Invalid IBAN (SN_IBAN)'");
		expect(rejected[2].json.message).toContain('ST_TRVALUE');
		expect(rejected.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 4 }]);
	});

	test('text wider than its Opera field is rejected, never cut, pointing at the Opera profile', async () => {
		const long = invoice('INV-2026-03-31-ACME-LONG-REF');
		const { files, rejected } = await runOpera([long]);
		expect(files).toEqual([]);
		expect(rejected[0].json.failureCodes).toEqual(['FIELD_TOO_LONG']);
		expect(rejected[0].json.message).toContain('ST_TRREF');
	});

	test('a second run never overwrites a file the Importer has not taken: new names, old files untouched', async () => {
		const first = await runOpera([invoice('INV-1')]);
		const second = await runOpera([invoice('INV-2')]);
		const names = readdirSync(folder);
		expect(names).toHaveLength(4);
		expect(new Set(names).size).toBe(4);
		expect(readDbfWithDbfread(first.byFile('STRAN').json.path as string).records[0].ST_TRREF).toBe('INV-1');
		expect(readDbfWithDbfread(second.byFile('STRAN').json.path as string).records[0].ST_TRREF).toBe('INV-2');
	});

	test('an invoice whose totals do not add up or whose type Opera does not take is rejected with its code', async () => {
		const expense = { ...invoice('EXP-1'), type: 'expense' };
		const wrong = invoice('INV-3', { totals: { net: '150.00', tax: '30.00', gross: '181.00' } });
		const { rejected } = await runOpera([expense, wrong, invoice('INV-1'), invoice('INV-1')]);
		expect(rejected.map((item) => item.json.failureCodes)).toEqual([['DOCUMENT_TYPE_NOT_SUPPORTED'], ['TOTALS_GROSS_MISMATCH'], ['DUPLICATE_IN_BATCH']]);
	});

	test('without an import folder the files are binary output only and nothing is left on disk', async () => {
		const result = await runWorkflow(nodeWorkflow('operaLedger', 'Opera Ledger', [invoice('INV-1')], { format: 'dbf' }));
		const [files] = result.output('Opera Ledger');
		expect(files.map((item) => item.json.path)).toEqual([null, null]);
		const scratch = mkdtempSync(path.join(tmpdir(), 'opera-read-'));
		const file = path.join(scratch, 'STRAN.dbf');
		writeFileSync(file, await result.binaryBuffer(files[0].binary!.data));
		expect(readDbfWithDbfread(file).records[0].ST_TRREF).toBe('INV-1');
		rmSync(scratch, { recursive: true, force: true });
		expect(existsSync(folder) && readdirSync(folder)).toEqual([]);
	});

	test('totals survive the round trip: random invoices in, the independent reader sums the same pence', async () => {
		const pence = fc.integer({ min: -500_000, max: 5_000_000 });
		const text = (value: number) => `${value < 0 ? '-' : ''}${Math.floor(Math.abs(value) / 100)}.${String(Math.abs(value) % 100).padStart(2, '0')}`;
		await fc.assert(
			fc.asyncProperty(fc.array(fc.array(fc.tuple(pence, fc.integer({ min: 0, max: 1_000_000 })), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (invoices) => {
				const documents = invoices.map((lines, index) => {
					const net = lines.reduce((sum, [value]) => sum + value, 0);
					const tax = lines.reduce((sum, [, value]) => sum + value, 0);
					return invoice(`P-${index}`, {
						lines: lines.map(([lineNet, lineTax]) => ({ net: text(lineNet), taxAmount: text(lineTax), taxCode: '1', account: 'DESIGN' })),
						totals: { net: text(net), tax: text(tax), gross: text(net + tax) },
					});
				});
				const { byFile } = await runOpera(documents);
				const toPence = (value: unknown) => Math.round(Number(value) * 100);
				const stran = readBack(byFile('STRAN')).records;
				const sanal = readBack(byFile('SANAL')).records;
				const expectedGross = invoices.flat().reduce((sum, [net, tax]) => sum + net + tax, 0);
				expect(stran.reduce((sum, record) => sum + toPence(record.ST_TRVALUE), 0)).toBe(expectedGross);
				expect(sanal.reduce((sum, record) => sum + toPence(record.SA_TRVALUE) + toPence(record.SA_VATVAL), 0)).toBe(expectedGross);
				rmSync(folder, { recursive: true, force: true });
				folder = mkdtempSync(path.join(tmpdir(), 'opera-engine-'));
			}),
			{ numRuns: 15 },
		);
	});
});

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import fc from 'fast-check';
import type { INodeParameters } from 'n8n-workflow';

import { readCsv, readDbfWithDbfread } from '../unit/opera/readers';
import { nodeWorkflow, runWorkflow } from './harness';

// The property tests start python3-dbfread once per generated case: slow on a loaded 2-core machine, not wrong.
jest.setTimeout(60_000);

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

interface WrittenFile {
	file: string;
	fileName: string;
	records: number;
	path: string | null;
	documents: number;
}

async function runOpera(documents: unknown[], parameters: INodeParameters = {}) {
	const result = await runWorkflow(
		nodeWorkflow('operaLedger', 'Opera Ledger', documents, { format: 'dbf', outputFolder: folder, ...parameters }),
	);
	const [posted, duplicates, rejected, [summary]] = result.output('Opera Ledger');
	const files = summary.json.files as unknown as WrittenFile[];
	const byFile = (name: string) => files.find((file) => file.file === name) as WrittenFile;
	/** The binary the Run Summary carries for a file, in the order of `files`. */
	const binaryOf = (name: string) => {
		const position = files.findIndex((file) => file.file === name);
		return summary.binary![position === 0 ? 'data' : `data${position + 1}`];
	};
	return { result, posted, duplicates, rejected, summary, files, byFile, binaryOf };
}

/** What an independent reader (Debian's python3-dbfread) sees in the file the node wrote. */
function readBack(file: WrittenFile) {
	return readDbfWithDbfread(file.path as string);
}

/** Every file under the import folder, run folders included, hidden ones too. */
function everything(root: string): string[] {
	return readdirSync(root, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? everything(path.join(root, entry.name)).map((name) => `${entry.name}/${name}`) : [entry.name],
	);
}

describe('Opera Ledger inside the n8n engine', () => {
	test('customers, invoices, credit notes and receipts become SNAME, STRAN and SANAL with Opera names, widths and cp1252 mark', async () => {
		const { files, rejected, byFile, posted, summary } = await runOpera([customer, invoice('INV-1'), credit, receipt]);
		expect(rejected).toEqual([]);
		expect(files.map((file) => file.file)).toEqual(['SNAME', 'STRAN', 'SANAL']);
		expect(files.map((file) => file.fileName)).toEqual(files.map((file) => expect.stringMatching(new RegExp(`^${file.file}_\\d{8}T\\d{6}_[0-9a-f]{4}\\.dbf$`))));
		// One folder for the run, named like its files: everything the Importer needs, together.
		expect(files.every((file) => path.dirname(file.path!) === summary.json.runFolder)).toBe(true);
		expect(posted.map((item) => [item.json.status, item.json.document, item.pairedItem])).toEqual([
			['written', 'customer ACME01', { item: 0 }],
			['written', 'sales invoice INV-1', { item: 1 }],
			['written', 'sales credit note CN-1', { item: 2 }],
			['written', 'customer receipt RC-1', { item: 3 }],
		]);
		expect(posted[1].json.message).toBe(`Sales invoice INV-1 written to STRAN, SANAL in ${summary.json.runFolder}.`);

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
		expect(byFile('SANAL').documents).toBe(2);
	});

	test('suppliers, purchase invoices, credits and payments become PNAME, PTRAN and PANAL', async () => {
		const supplier = { type: 'supplier', party: { code: 'INK01', name: 'Inkwell Printers', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' } };
		const purchase = { ...invoice('PI-77'), type: 'purchaseInvoice', party: { code: 'INK01', name: 'Inkwell Printers' }, header: { number: 'PI-77', date: '2026-03-28', reference: 'INK-7781' } };
		const purchaseCredit = { ...credit, type: 'purchaseCredit', party: { code: 'INK01' }, header: { number: 'PC-3', date: '2026-03-29' } };
		const payment = { type: 'supplierPayment', header: { number: 'PAY-9', date: '2026-04-20', bank: { account: 'BANK01' } }, party: { code: 'INK01' }, totals: { gross: '180.00' } };
		const badIban = { type: 'supplier', party: { code: 'BAD01', name: 'Bad Bank Ltd', iban: 'DE89370400440532013001', bic: 'COBADEFF' } };
		const { files, rejected, byFile } = await runOpera([supplier, purchase, purchaseCredit, payment, badIban], { options: { defaultPaymentMethod: 'B' } });
		expect(files.map((file) => file.file)).toEqual(['PNAME', 'PTRAN', 'PANAL']);
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

	test('the same files come out as n8n binary data on the Run Summary, and the import folder holds nothing else', async () => {
		const { result, files, binaryOf, summary } = await runOpera([invoice('INV-1')]);
		const stran = binaryOf('STRAN');
		expect(stran.mimeType).toBe('application/x-dbf');
		expect(stran.fileName).toBe(files[0].fileName);
		const bytes = await result.binaryBuffer(stran);
		expect(bytes[0]).toBe(0x03);
		expect(bytes[29]).toBe(0x03);
		const run = path.basename(summary.json.runFolder as string);
		expect(everything(folder).sort()).toEqual(files.map((file) => `${run}/${file.fileName}`).sort());
		expect(summary.binary!.importLog.fileName).toMatch(/^opera-import-log-/);
	});

	test('CSV with headings: Opera field names, UK dates, negative credits', async () => {
		const { result, binaryOf } = await runOpera([invoice('INV-1'), credit], { format: 'csv' });
		const rows = readCsv((await result.binaryBuffer(binaryOf('STRAN'))).toString('latin1'));
		expect(rows[0]).toEqual(expect.arrayContaining(['ST_ACCOUNT', 'ST_TRDATE', 'ST_TRREF', 'ST_CBTYPE', 'ST_ENTRY']));
		const column = (name: string) => rows.slice(1).map((row) => row[rows[0].indexOf(name)]);
		expect(column('ST_TRDATE')).toEqual(['31/03/2026', '31/03/2026']);
		expect(column('ST_TRVALUE')).toEqual(['180.00', '-120.00']);
	});

	test('with On Error set to continue, the same refusal is one error item on Run Summary and the workflow goes on; nothing is written', async () => {
		const paid = invoice('INV-7', { header: { ...invoice('INV-7').header, paidInFull: { cashbookType: 'R2', narrative: 'Till 3', cash: true } } });
		const workflow = nodeWorkflow('operaLedger', 'Opera Ledger', [invoice('INV-1'), paid], { format: 'csv', outputFolder: folder });
		workflow.nodes[1].onError = 'continueRegularOutput';
		const result = await runWorkflow(workflow);
		expect(result.run.status).toBe('success');
		const outputs = result.output('Opera Ledger').map((items) => items.map((item) => item.json));
		expect(outputs).toEqual([[], [], [], [{ error: 'Matched receipts can only be imported from a DBF file: sales invoice INV-7 is marked paid in full.' }]]);
		expect(everything(folder)).toEqual([]);
	});

	test('matched receipts asked for with CSV stop the node before anything is written', async () => {
		const paid = invoice('INV-7', { header: { ...invoice('INV-7').header, paidInFull: { cashbookType: 'R2', narrative: 'Till 3', cash: true } } });
		const result = await runWorkflow(nodeWorkflow('operaLedger', 'Opera Ledger', [invoice('INV-1'), paid], { format: 'csv', outputFolder: folder }));
		expect(result.run.status).toBe('error');
		const error = result.run.data.resultData.runData['Opera Ledger'][0].error;
		expect(error?.message).toBe('Matched receipts can only be imported from a DBF file: sales invoice INV-7 is marked paid in full.');
		expect(error?.description).toMatch(/Choose File Format "DBF"/);
		expect(everything(folder)).toEqual([]);
		// Nothing was claimed either: the same documents as DBF are written in full.
		const { posted } = await runOpera([invoice('INV-1'), paid]);
		expect(posted.map((item) => item.json.documentNumber)).toEqual(['INV-1', 'INV-7']);
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
		expect(files.map((file) => [file.file, file.records])).toEqual([
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

	test('a second run with other documents gets a run folder of its own; the first run\'s files are untouched', async () => {
		const first = await runOpera([invoice('INV-1')]);
		const second = await runOpera([invoice('INV-2')]);
		expect(everything(folder)).toHaveLength(4);
		expect(first.summary.json.runFolder).not.toBe(second.summary.json.runFolder);
		expect(readBack(first.byFile('STRAN')).records[0].ST_TRREF).toBe('INV-1');
		expect(readBack(second.byFile('STRAN')).records[0].ST_TRREF).toBe('INV-2');
	});

	test('the same webhook body sent twice writes its transactions once: the rerun reports each as a duplicate and writes no file', async () => {
		const documents = [customer, invoice('INV-1'), credit, receipt];
		const first = await runOpera(documents);
		const again = await runOpera(documents);
		expect(again.posted).toEqual([]);
		expect(again.files).toEqual([]);
		expect(again.duplicates.map((item) => [item.json.status, item.json.document, item.json.foundIn])).toEqual([
			['duplicate', 'customer ACME01', 'journal'],
			['duplicate', 'sales invoice INV-1', 'journal'],
			['duplicate', 'sales credit note CN-1', 'journal'],
			['duplicate', 'customer receipt RC-1', 'journal'],
		]);
		expect(again.duplicates[1].json.message).toMatch(
			new RegExp(`^Sales invoice INV-1 was already written for Opera 3 \\(import folder .*\\) on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC \\(${first.summary.json.runFolder}\\), by execution test-execution; it is not sent again\\.$`),
		);
		expect(again.duplicates[1].json.target).toEqual({ folder: first.summary.json.runFolder });
		expect(everything(folder)).toHaveLength(3);
		expect(again.summary.json).toMatchObject({ documents: 4, imported: 0, duplicates: 4, rejected: 0 });
	});

	test('a new invoice with an already-written one: only the new one is written', async () => {
		await runOpera([invoice('INV-1')]);
		const next = await runOpera([invoice('INV-1'), invoice('INV-2')]);
		expect(next.posted.map((item) => item.json.documentNumber)).toEqual(['INV-2']);
		expect(next.duplicates.map((item) => item.json.documentNumber)).toEqual(['INV-1']);
		expect(readBack(next.byFile('STRAN')).records.map((record) => record.ST_TRREF)).toEqual(['INV-2']);
	});

	test('two runs of the same documents at the same moment: every transaction is written by one of them, once', async () => {
		const documents = Array.from({ length: 40 }, (_, index) => invoice(`INV-${100 + index}`));
		const [a, b] = await Promise.all([runOpera(documents), runOpera(documents)]);
		const stran = [...a.files, ...b.files].filter((file) => file.file === 'STRAN').flatMap((file) => readBack(file).records.map((record) => record.ST_TRREF));
		expect(stran.sort()).toEqual(documents.map((document) => document.header.number).sort());
		for (const run of [a, b]) {
			expect(run.posted.length + run.duplicates.length).toBe(40);
			expect(run.rejected).toEqual([]);
		}
		// The slower run says which documents the other one is writing, not "done" for something it did not see finish.
		const inProgress = [...a.duplicates, ...b.duplicates].filter((item) => item.json.status === 'inProgress');
		for (const item of inProgress) expect(item.json.message).toMatch(/is being sent to Opera 3 .* right now by another run \(execution test-execution\)/);
	});

	test('an invoice written earlier that comes back with another amount is refused with DOCUMENT_CHANGED_AFTER_POSTING and the credit-note advice', async () => {
		await runOpera([invoice('INV-1')]);
		const changed = invoice('INV-1', {
			lines: [{ description: 'Design', net: '120.00', taxCode: '1', taxAmount: '24.00', account: 'DESIGN' }],
			totals: { net: '120.00', tax: '24.00', gross: '144.00' },
		});
		const { rejected, files } = await runOpera([changed]);
		expect(files).toEqual([]);
		expect(rejected.map((item) => item.json.failureCodes)).toEqual([['DOCUMENT_CHANGED_AFTER_POSTING']]);
		expect(rejected[0].json.message).toMatch(/has changed since: net 150\.00 when posted, 120\.00 now; tax 30\.00 when posted, 24\.00 now; gross 180\.00 when posted, 144\.00 now; lines DESIGN 100\.00, PRINT 50\.00 when posted, DESIGN 120\.00 now\. A posted document cannot be changed: issue a credit note/);
		// A renamed customer does not make the invoice "changed": it is the same posting.
		const renamed = await runOpera([invoice('INV-1', { party: { code: 'ACME01', name: 'Acme Café & Bakery Ltd' } })]);
		expect(renamed.duplicates.map((item) => item.json.documentNumber)).toEqual(['INV-1']);
	});

	test('a dry run shows the records each document would get, writes nothing and claims nothing', async () => {
		const dry = await runOpera([customer, invoice('INV-1')], { dryRun: true });
		expect(everything(folder)).toEqual([]);
		expect(dry.posted.map((item) => [item.json.status, item.json.document])).toEqual([
			['preview', 'customer ACME01'],
			['preview', 'sales invoice INV-1'],
		]);
		expect(dry.posted[1].json.message).toBe(`Sales invoice INV-1 would be written to STRAN, SANAL (3 records) in ${folder}.`);
		expect((dry.posted[1].json.preview as { records: Array<Record<string, unknown>> }).records).toEqual([
			expect.objectContaining({ file: 'STRAN', ST_TRREF: 'INV-1', ST_TRVALUE: '180' }),
			expect.objectContaining({ file: 'SANAL', SA_ANCODE: 'DESIGN', SA_TRVALUE: '100' }),
			expect.objectContaining({ file: 'SANAL', SA_ANCODE: 'PRINT', SA_TRVALUE: '50' }),
		]);
		expect(dry.summary.json).toMatchObject({ dryRun: true, wouldPost: 2, imported: 0 });
		const real = await runOpera([customer, invoice('INV-1')]);
		expect(real.posted.map((item) => item.json.status)).toEqual(['written', 'written']);
	});

	test('with the company data folder, what Opera already holds in STRAN and SNAME is not written again', async () => {
		const data = mkdtempSync(path.join(tmpdir(), 'opera-data-'));
		const { DBFFile } = await import('dbffile');
		const stran = await DBFFile.create(path.join(data, 'STRAN.DBF'), [
			{ name: 'ST_ACCOUNT', type: 'C', size: 8 },
			{ name: 'ST_TRREF', type: 'C', size: 20 },
			{ name: 'ST_TRTYPE', type: 'C', size: 1 },
		]);
		await stran.appendRecords([{ ST_ACCOUNT: 'ACME01', ST_TRREF: 'INV-1', ST_TRTYPE: 'I' }, { ST_ACCOUNT: 'ACME01', ST_TRREF: 'CN-1', ST_TRTYPE: 'I' }]);
		const sname = await DBFFile.create(path.join(data, 'sname.dbf'), [{ name: 'SN_ACCOUNT', type: 'C', size: 8 }]);
		await sname.appendRecords([{ SN_ACCOUNT: 'ACME01' }]);
		const { posted, duplicates } = await runOpera([customer, invoice('INV-1'), credit], { options: { dataFolder: data } });
		expect(duplicates.map((item) => [item.json.document, item.json.foundIn, item.json.message])).toEqual([
			['customer ACME01', 'target', `Customer ACME01 is already in Opera (SNAME in ${data}); it is not written again.`],
			['sales invoice INV-1', 'target', `Sales invoice INV-1 is already in Opera (STRAN in ${data}); it is not written again.`],
		]);
		// CN-1 in STRAN is an invoice, not a credit note: the credit note is another document.
		expect(posted.map((item) => item.json.document)).toEqual(['sales credit note CN-1']);
		rmSync(data, { recursive: true, force: true });
	});

	test('an invoice whose totals do not add up or whose type Opera does not take is rejected with its code', async () => {
		const expense = { ...invoice('EXP-1'), type: 'expense' };
		const wrong = invoice('INV-3', { totals: { net: '150.00', tax: '30.00', gross: '181.00' } });
		const { rejected } = await runOpera([expense, wrong, invoice('INV-1'), invoice('INV-1')]);
		expect(rejected.map((item) => item.json.failureCodes)).toEqual([['DOCUMENT_TYPE_NOT_SUPPORTED'], ['TOTALS_GROSS_MISMATCH'], ['DUPLICATE_IN_BATCH']]);
	});

	test('without an import folder the files are binary output only and nothing is left on disk', async () => {
		const result = await runWorkflow(nodeWorkflow('operaLedger', 'Opera Ledger', [invoice('INV-1')], { format: 'dbf' }));
		const [posted, , , [summary]] = result.output('Opera Ledger');
		expect((summary.json.files as unknown as WrittenFile[]).map((file) => file.path)).toEqual([null, null]);
		expect(posted[0].json.target).toEqual({ output: 'binary', files: [expect.stringMatching(/^STRAN_/), expect.stringMatching(/^SANAL_/)] });
		const scratch = mkdtempSync(path.join(tmpdir(), 'opera-read-'));
		const file = path.join(scratch, 'STRAN.dbf');
		writeFileSync(file, await result.binaryBuffer(summary.binary!.data));
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

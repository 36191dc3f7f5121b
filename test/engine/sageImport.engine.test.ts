import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { INodeParameters } from 'n8n-workflow';
import odbc from 'odbc';

import { createSage50UsCompany, createSageCompany } from '../fixtures/sageCompany';
import { nodeWorkflow, runWorkflow } from './harness';

const invoice = (number: string, changes: Record<string, unknown> = {}) => ({
	type: 'salesInvoice',
	header: { number, date: '2026-03-31', currency: 'GBP' },
	party: { code: 'ACME01', name: 'Acme Ltd' },
	lines: [
		{ description: 'Design', net: '100.00', taxCode: 'T1', taxAmount: '20.00', account: '4000' },
		{ description: 'Print', net: '50.00', taxCode: 'T1', taxAmount: '10.00', account: '4010' },
	],
	totals: { net: '150.00', tax: '30.00', gross: '180.00' },
	...changes,
});

let folder: string;
let companyConnection: string;
beforeEach(async () => {
	folder = mkdtempSync(path.join(tmpdir(), 'sage-import-'));
	companyConnection = await createSageCompany(path.join(folder, 'company.db'));
	mkdirSync(path.join(folder, 'imports'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function runSage(documents: unknown[], edition: string, parameters: INodeParameters = {}) {
	const workflow = nodeWorkflow('sageImport', 'Sage Import', documents, { operation: 'post', importFolder: path.join(folder, 'imports'), ...parameters });
	workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage test company' } };
	const result = await runWorkflow(workflow, { sageOdbcApi: { edition, connection: companyConnection, user: 'MANAGER', password: '' } });
	const run = result.run.data.resultData.runData['Sage Import'][0];
	if (run.error) throw new Error(`${run.error.message} ${(run.error as { cause?: Error }).cause?.stack ?? ''} ${run.error.description ?? ''}`);
	const [posted, duplicates, rejected, [summary]] = result.output('Sage Import');
	return { result, posted, duplicates, rejected, summary };
}

/** A CSV read back by splitting lines and commas; the sample values hold neither. */
function csvRows(file: string) {
	return readFileSync(file, 'latin1').trim().split('\r\n').map((line) => line.split(','));
}

describe('Sage Import inside the n8n engine, against a Sage 50 UK company over ODBC', () => {
	test('Sage 50 UK: invoices are written to an audit-trail CSV; an already-posted one is a duplicate; an unknown nominal is rejected', async () => {
		const { posted, duplicates, rejected, summary } = await runSage(
			[
				invoice('INV-1001'),
				invoice('INV-0990'),
				invoice('INV-1002', { lines: [{ description: 'Hosting', net: '150.00', taxCode: 'T1', taxAmount: '30.00', account: '4999' }] }),
				invoice('INV-1003', { party: { code: 'NEWCO01', name: 'New Co Ltd' } }),
			],
			'sage50uk',
		);
		expect(posted.map((item) => [item.json.document, item.json.status])).toEqual([
			['sales invoice INV-1001', 'written'],
			['sales invoice INV-1003', 'written'],
		]);
		expect(duplicates.map((item) => item.json.message)).toEqual(['Sales invoice INV-0990 for ACME01 is already posted in Sage; it is not posted again.']);
		expect(rejected.map((item) => [item.json.document, item.json.failureCodes])).toEqual([['sales invoice INV-1002', ['SAGE_NOMINAL_MISSING']]]);
		expect(summary.json).toMatchObject({ documents: 4, imported: 2, duplicates: 1, rejected: 1 });
		// Reference data once (5 queries) and one duplicate-check query for the run.
		expect(summary.json.odbcQueries).toBe(6);

		const files = readdirSync(path.join(folder, 'imports')).sort();
		expect(files).toEqual([expect.stringMatching(/^AUDIT_\d{8}T\d{6}_[0-9a-f]{4}\.csv$/), expect.stringMatching(/^CUSTOMERS_/)]);
		const audit = csvRows(path.join(folder, 'imports', files[0]));
		expect(audit.slice(1).map((row) => [row[0], row[1], row[2], row[5], row[7], row[8], row[9]])).toEqual([
			['SI', 'ACME01', '4000', 'INV-1001', '100.00', 'T1', '20.00'],
			['SI', 'ACME01', '4010', 'INV-1001', '50.00', 'T1', '10.00'],
			['SI', 'NEWCO01', '4000', 'INV-1003', '100.00', 'T1', '20.00'],
			['SI', 'NEWCO01', '4010', 'INV-1003', '50.00', 'T1', '10.00'],
		]);
		expect(csvRows(path.join(folder, 'imports', files[1])).slice(1).map((row) => row.slice(0, 2))).toEqual([['NEWCO01', 'New Co Ltd']]);
		expect(Object.keys(summary.binary ?? {})).toEqual(['importLog', 'file1', 'file2']);
	});

	test('a run is safe to repeat: what the first run wrote into the generic ledger is a duplicate the second time', async () => {
		const documents = [invoice('INV-2001'), invoice('INV-2002', { party: { code: 'NEWCO01', name: "O'Neil; Smith -- Café" } })];
		const first = await runSage(documents, 'generic');
		expect(first.posted.map((item) => item.json.status)).toEqual(['posted', 'posted']);
		const second = await runSage(documents, 'generic');
		expect(second.posted).toEqual([]);
		expect(second.duplicates).toHaveLength(2);

		const connection = await odbc.connect(companyConnection);
		type Row = Record<string, unknown>;
		const headers = (await connection.query('SELECT TYPE, ACCOUNT_REF, INV_REF, GROSS_AMOUNT FROM AUDIT_HEADER WHERE INV_REF LIKE ? ORDER BY INV_REF', ['INV-200%'])) as unknown as Row[];
		const splits = (await connection.query('SELECT COUNT(*) AS N FROM AUDIT_SPLIT')) as unknown as Row[];
		const created = (await connection.query('SELECT NAME FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', ['NEWCO01'])) as unknown as Row[];
		await connection.close();
		expect(headers.map((row) => [row.TYPE, row.ACCOUNT_REF, row.INV_REF, Number(row.GROSS_AMOUNT)])).toEqual([
			['SI', 'ACME01', 'INV-2001', 180],
			['SI', 'NEWCO01', 'INV-2002', 180],
		]);
		expect(Number(splits[0].N)).toBe(4);
		expect(created.map((row) => row.NAME)).toEqual(["O'Neil; Smith -- Café"]);
	});

	test('a document without an account code is rejected with CUSTOMER_CODE_MISSING and nothing is posted for it', async () => {
		const { posted, rejected } = await runSage([invoice('INV-3001', { party: { name: 'No Code Ltd' } })], 'generic');
		expect(posted).toEqual([]);
		expect(rejected[0].json.failureCodes).toEqual(['CUSTOMER_CODE_MISSING']);
	});

	test('"Maximum Documents per Run" stops after that many; the rest are listed, not lost', async () => {
		const { posted, rejected } = await runSage([invoice('INV-4001'), invoice('INV-4002'), invoice('INV-4003')], 'generic', { maxDocuments: 2 });
		expect(posted).toHaveLength(2);
		expect(rejected.map((item) => [item.json.documentNumber, item.json.failureCodes])).toEqual([['INV-4003', ['MAX_DOCUMENTS_REACHED']]]);
	});

	test('look-ups feed Ledger Mapping: Sage\'s codes as tables that reject anything Sage does not have', async () => {
		const workflow = nodeWorkflow('sageImport', 'Sage Import', [{}], { operation: 'lookUp', lookUp: 'mappingTables' });
		workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage test company' } };
		const result = await runWorkflow(workflow, { sageOdbcApi: { edition: 'sage50uk', connection: companyConnection, user: 'MANAGER' } });
		const [[tables]] = result.output('Sage Import');
		expect(tables.json).toMatchObject({
			customerCode: { ACME01: 'ACME01', GLOB01: 'GLOB01' },
			taxCode: { T0: 'T0', T1: 'T1', T2: 'T2', T4: 'T4', T5: 'T5', T9: 'T9' },
			policies: { account: 'reject', taxCode: 'reject' },
		});
	});

	test('a wrong connection stops the node with a message that names Sage and hides the password', async () => {
		const workflow = nodeWorkflow('sageImport', 'Sage Import', [invoice('INV-1')], { operation: 'post', importFolder: folder });
		workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage' } };
		const result = await runWorkflow(workflow, { sageOdbcApi: { edition: 'sage50uk', connection: 'Driver={Sage Line 50 v29}', password: 'Hunter2!' } });
		const error = result.run.data.resultData.runData['Sage Import'][0].error;
		expect(error?.message).toContain('Could not connect to the Sage company');
		expect(JSON.stringify(result.run)).not.toContain('Hunter2!');
	});

	test('Sage 50 US: a sales journal CSV for new invoices, the already-posted one skipped, an unknown customer rejected', async () => {
		companyConnection = await createSage50UsCompany(path.join(folder, 'us-company.db'));
		const usInvoice = (number: string, customer = 'ACME') =>
			invoice(number, {
				header: { number, date: '2026-03-31', currency: 'USD' },
				party: { code: customer, name: 'Acme Inc.' },
				lines: [{ description: 'Consulting', net: '500.00', taxCode: 'EXEMPT', taxAmount: '0.00', account: '40000' }],
				totals: { net: '500.00', tax: '0.00', gross: '500.00' },
			});
		const { posted, duplicates, rejected, summary } = await runSage([usInvoice('10991'), usInvoice('10990'), usInvoice('10992', 'GLOBEX')], 'sage50us');
		expect(posted.map((item) => item.json.documentNumber)).toEqual(['10991']);
		expect(duplicates.map((item) => item.json.documentNumber)).toEqual(['10990']);
		expect(rejected.map((item) => item.json.failureCodes)).toEqual([['SAGE_ACCOUNT_MISSING']]);
		const [file] = readdirSync(path.join(folder, 'imports'));
		expect(file).toMatch(/^SALES_/);
		expect(readFileSync(path.join(folder, 'imports', file), 'latin1')).toContain('10991');
		expect(summary.json).toMatchObject({ imported: 1, duplicates: 1, rejected: 1 });
	});
});

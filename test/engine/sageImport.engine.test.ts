import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { LoadOptionsContext } from 'n8n-core';
import { NodeHelpers, Workflow, type IDataObject, type INode, type INodeParameters, type INodePropertyOptions, type INodeTypes, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import odbc from 'odbc';

import { SageOdbcApi } from '../../credentials/SageOdbcApi.credentials';
import { SageImport } from '../../nodes/SageImport/SageImport.node';
import { createSage50UsCompany, createSageCompany, SAMPLE_COMPANY, type CompanyData } from '../fixtures/sageCompany';
import { readSageCsv } from '../unit/sage50/readers';
import { nodeOutputNames, nodeWorkflow, runWorkflow } from './harness';

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

async function runSage(documents: unknown[], edition: string, parameters: INodeParameters = {}, companySettings: IDataObject = {}) {
	const workflow = nodeWorkflow('sageImport', 'Sage Import', documents, { operation: 'post', importFolder: path.join(folder, 'imports'), ...parameters });
	workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage test company' } };
	const result = await runWorkflow(workflow, { sageOdbcApi: { edition, connection: companyConnection, user: 'MANAGER', password: '', ...companySettings } });
	const run = result.run.data.resultData.runData['Sage Import'][0];
	if (run.error) throw new Error(`${run.error.message} ${(run.error as { cause?: Error }).cause?.stack ?? ''} ${run.error.description ?? ''}`);
	const [posted, duplicates, rejected, [summary]] = result.output('Sage Import');
	return { result, posted, duplicates, rejected, summary };
}

/**
 * A loadOptions method called the way the n8n editor calls it: n8n-core's real
 * LoadOptionsContext over a workflow holding just this node, credentials decrypted by the
 * credentials helper (here: handed over as data), the node's parameters as the editor has them.
 */
async function loadOptions(method: string, credentials: IDataObject, parameters: INodeParameters = { operation: 'post' }): Promise<INodePropertyOptions[]> {
	const nodeType = new SageImport();
	const node: INode = {
		id: '1',
		name: 'Sage Import',
		type: 'n8n-nodes-ledger-bridge.sageImport',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { sageOdbcApi: { id: '1', name: 'Sage test company' } },
	};
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ id: 'editor', nodes: [node], connections: {}, nodeTypes, active: false });
	const additionalData = {
		currentNodeParameters: parameters,
		credentialsHelper: { getDecrypted: async (_data: unknown, _nodeCredentials: unknown, type: string) => (type === 'sageOdbcApi' ? credentials : {}), isCredentialUsableByNode: () => true },
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.options');
	const methods = nodeType.methods.loadOptions as Record<string, (this: LoadOptionsContext) => Promise<INodePropertyOptions[]>>;
	return await methods[method].call(context);
}

/** The import files of every run, as "<run folder>/<file>": each run's files sit in a folder of their own. */
function importFiles(): string[] {
	const imports = path.join(folder, 'imports');
	return readdirSync(imports)
		.sort()
		.flatMap((run) => readdirSync(path.join(imports, run)).sort().map((file) => `${run}/${file}`));
}

/** A CSV read back by splitting lines and commas; the sample values hold neither. */
function csvRows(file: string) {
	return readFileSync(file, 'latin1').trim().split('\r\n').map((line) => line.split(','));
}

const usInvoice = (number: string, customer = 'ACME') =>
	invoice(number, {
		header: { number, date: '2026-03-31', currency: 'USD' },
		party: { code: customer, name: customer === 'ACME' ? 'Acme Inc.' : 'Globex Inc.' },
		lines: [{ description: 'Consulting', net: '500.00', taxCode: 'EXEMPT', taxAmount: '0.00', account: '40000' }],
		totals: { net: '500.00', tax: '0.00', gross: '500.00' },
	});

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

		const files = importFiles();
		expect(files).toEqual([expect.stringMatching(/^\d{8}T\d{6}_[0-9a-f]{4}\/AUDIT_\d{8}T\d{6}_[0-9a-f]{4}\.csv$/), expect.stringMatching(/\/CUSTOMERS_/)]);
		expect(posted[1].json.target).toEqual({ folder: summary.json.runFolder, file: path.basename(files[0]) });
		expect([posted[1].json.row, posted[1].json.rows]).toEqual([3, 2]);
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
		// One output, named for what it holds: a look-up posts nothing.
		expect(nodeOutputNames('sageImport', { operation: 'lookUp', lookUp: 'mappingTables' })).toEqual(['Codes']);
		expect(result.output('Sage Import')).toHaveLength(1);
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

	test('Sage 50 US: a new customer goes into a Customer List file imported before the Sales Journal; the already-posted invoice is skipped', async () => {
		companyConnection = await createSage50UsCompany(path.join(folder, 'us-company.db'));
		const { posted, duplicates, rejected, summary } = await runSage([usInvoice('10991'), usInvoice('10990'), usInvoice('10992', 'GLOBEX')], 'sage50us', {
			options: { defaultSalesNominalCode: '40000' },
		});
		expect(posted.map((item) => item.json.documentNumber)).toEqual(['10991', '10992']);
		expect(duplicates.map((item) => item.json.documentNumber)).toEqual(['10990']);
		expect(rejected).toEqual([]);
		expect(summary.json).toMatchObject({ imported: 2, duplicates: 1, rejected: 0, accountsCreated: [{ side: 'customer', code: 'GLOBEX' }] });
		const files = summary.json.files as Array<{ order: number; fileName: string; path: string; rows: number; importIn: string }>;
		expect(files.map((file) => [file.order, file.fileName.replace(/_\d{8}T\d{6}_[0-9a-f]{4}/, '_<stamp>'), file.rows, file.importIn])).toEqual([
			[1, 'CUSTOMER_<stamp>.csv', 1, 'Sage 50 US: File > Select Import/Export > Accounts Receivable > Customer List'],
			[2, 'SALES_<stamp>.csv', 2, 'Sage 50 US: File > Select Import/Export > Accounts Receivable > Sales Journal'],
		]);
		const customers = readSageCsv(readFileSync(files[0].path)).byHeading;
		expect(customers).toEqual([expect.objectContaining({ 'Customer ID': 'GLOBEX', 'Customer Name': 'Globex Inc.', Prospect: 'FALSE', 'G/L Sales Account': '40000' })]);
		const sales = readSageCsv(readFileSync(files[1].path)).byHeading;
		expect(sales.map((row) => [row['Customer ID'], row['Invoice/CM #'], row.Amount])).toEqual([
			['ACME', '10991', '-500.00'],
			['GLOBEX', '10992', '-500.00'],
		]);
		expect(Object.keys(summary.binary ?? {})).toEqual(['importLog', 'file1', 'file2']);
	});

	test('Sage 50 US with "Create Missing Customers and Suppliers" off: the unknown customer is rejected with SAGE_ACCOUNT_MISSING and no Customer List is written', async () => {
		companyConnection = await createSage50UsCompany(path.join(folder, 'us-company.db'));
		const { posted, rejected } = await runSage([usInvoice('10991'), usInvoice('10992', 'GLOBEX')], 'sage50us', { createMissingAccounts: false });
		expect(posted.map((item) => item.json.documentNumber)).toEqual(['10991']);
		expect(rejected.map((item) => item.json.failureCodes)).toEqual([['SAGE_ACCOUNT_MISSING']]);
		expect(importFiles().map((file) => path.basename(file).split('_')[0])).toEqual(['SALES']);
	});

	test('Sage 50 US vendors: a new vendor goes into a Vendor List file before the Purchases Journal; a vendor credit memo is signed by the credential\'s "Amount Signs in Journal Files"', async () => {
		companyConnection = await createSage50UsCompany(path.join(folder, 'us-company.db'));
		const bill = (type: string, number: string, vendor: string) => ({
			type,
			header: { number, date: '2026-03-02', currency: 'USD' },
			party: { code: vendor, name: 'Office Depot', addresses: [{ lines: ['6600 N Military Trl'], city: 'Boca Raton', region: 'FL', postcode: '33496' }] },
			lines: [{ description: 'Toner', net: '45.10', taxAmount: '3.16', account: '50000' }],
			totals: { net: '45.10', tax: '3.16', gross: '48.26' },
		});
		const documents = [bill('purchaseInvoice', 'B-88', 'OFFICE-DEPOT'), bill('purchaseCredit', 'CM-88', 'OFFICE-DEPOT'), bill('purchaseCredit', 'CM-89', 'DELL')];
		const debitPositive = await runSage(documents, 'sage50us', {}, { usPurchaseTaxAccount: '50000' });
		const files = (debitPositive.summary.json.files as Array<{ fileName: string; path: string }>).map((file) => file.path);
		expect(files.map((file) => path.basename(file).split('_')[0])).toEqual(['VENDOR', 'PURCHASE']);
		expect(readSageCsv(readFileSync(files[0])).byHeading).toEqual([
			expect.objectContaining({ 'Vendor ID': 'OFFICE-DEPOT', 'Vendor Name': 'Office Depot', City: 'Boca Raton', State: 'FL', 'Zip Code': '33496' }),
		]);
		const amounts = (file: string) => readSageCsv(readFileSync(file)).byHeading.map((row) => [row['Invoice #'], row['Credit Memo'], row.Amount]);
		expect(amounts(files[1])).toEqual([
			['B-88', 'FALSE', '45.10'],
			['B-88', 'FALSE', '3.16'],
			['CM-88', 'TRUE', '-45.10'],
			['CM-88', 'TRUE', '-3.16'],
			['CM-89', 'TRUE', '-45.10'],
			['CM-89', 'TRUE', '-3.16'],
		]);

		// Another company, so the journal has not seen these bills written yet.
		companyConnection = await createSage50UsCompany(path.join(folder, 'us-company-2.db'));
		const asDocument = await runSage(documents, 'sage50us', {}, { usPurchaseTaxAccount: '50000', usAmountSigns: 'asDocument' });
		const purchase = (asDocument.summary.json.files as Array<{ path: string }>)[1].path;
		expect(amounts(purchase).map((row) => row[2])).toEqual(['45.10', '3.16', '45.10', '3.16', '45.10', '3.16']);
	});

	test('Sage 50 US settings show only on a Sage 50 US credential, and the node offers none of them to a Sage 50 UK user', () => {
		const usOnly = ['usSalesTaxAccount', 'usSalesTaxAgencyId', 'usPurchaseTaxAccount', 'usAmountSigns'];
		const shown = (edition: string) =>
			new SageOdbcApi().properties.filter((property) => NodeHelpers.displayParameter({ edition }, property, null, null)).map((property) => property.name);
		expect(shown('sage50us')).toEqual(expect.arrayContaining(usOnly));
		for (const edition of ['sage50uk', 'sage100fr', 'generic']) expect(shown(edition).filter((name) => usOnly.includes(name))).toEqual([]);
		const options = new SageImport().description.properties.find((property) => property.name === 'options');
		expect((options?.options ?? []).map((option) => ('displayName' in option ? option.displayName : '')).filter((name) => /US/.test(name))).toEqual([]);
	});

	test('the code lists of the node\'s options are read from Sage over ODBC, through n8n\'s own load-options context, as "CODE — Name"', async () => {
		const credentials = { edition: 'sage50uk', connection: companyConnection, user: 'MANAGER', password: '' };
		expect(await loadOptions('getNominalAccounts', credentials)).toEqual(
			expect.arrayContaining([
				{ name: '4000 — Sales - Design', value: '4000' },
				{ name: '5010 — Cost of Sales - Print', value: '5010' },
			]),
		);
		expect(await loadOptions('getTaxCodes', credentials)).toEqual([
			{ name: 'T0 — Zero rated', value: 'T0' },
			{ name: 'T1 — Standard rate', value: 'T1' },
			{ name: 'T2 — Exempt', value: 'T2' },
			{ name: 'T4 — Sales to VAT-registered customers in the EU', value: 'T4' },
			{ name: 'T5 — Lower rate', value: 'T5' },
			{ name: 'T9 — Outside the scope of VAT', value: 'T9' },
		]);
		expect(await loadOptions('getCustomers', credentials)).toEqual([
			{ name: 'ACME01 — Acme Ltd', value: 'ACME01' },
			{ name: 'GLOB01 — Globex Corporation', value: 'GLOB01' },
		]);
		expect(await loadOptions('getSuppliers', credentials)).toEqual([{ name: 'INKW01 — Inkwell Printers', value: 'INKW01' }]);
		expect(await loadOptions('getDepartments', credentials)).toEqual([
			{ name: '0 — Default', value: '0' },
			{ name: '1 — Studio', value: '1' },
		]);

		companyConnection = await createSage50UsCompany(path.join(folder, 'us-company.db'));
		const us = { edition: 'sage50us', connection: companyConnection };
		expect(await loadOptions('getNominalAccounts', us)).toContainEqual({ name: '40000 — Sales - Services', value: '40000' });
		expect(await loadOptions('getDepartments', us)).toEqual([]);
	});

	test('the default line accounts list no control account: debtors 1100 and creditors 2100 are left out, sales 4000 stays; a ledger without a COMPANY table lists every account', async () => {
		const credentials = { edition: 'sage50uk', connection: companyConnection, user: 'MANAGER', password: '' };
		const everyAccount = (await loadOptions('getNominalAccounts', credentials)).map((option) => option.value);
		const lineAccounts = (await loadOptions('getLineNominalAccounts', credentials)).map((option) => option.value);
		expect(everyAccount).toEqual(expect.arrayContaining(['1100', '2100', '4000']));
		expect(lineAccounts).toEqual(everyAccount.filter((code) => code !== '1100' && code !== '2100'));

		const generic = path.join(folder, 'generic-without-company.db');
		const genericConnection = await createSageCompany(generic);
		const raw = await odbc.connect(genericConnection);
		await raw.query('DROP TABLE COMPANY');
		await raw.close();
		expect((await loadOptions('getLineNominalAccounts', { edition: 'generic', connection: genericConnection })).map((option) => option.value)).toEqual(everyAccount);
	});

	test('a list that cannot be read says why and what to check, and never shows the password', async () => {
		const error = await loadOptions('getNominalAccounts', { edition: 'sage50uk', connection: 'Driver={Sage Line 50 v29}', dataPath: 'C:\\ACCDATA', password: 'Hunter2!' }).then(
			() => undefined,
			(thrown: Error & { description?: string }) => thrown,
		);
		expect(error?.message).toMatch(/^Could not connect to the Sage company: /);
		expect(error?.description).toContain('check the Sage ODBC credential');
		expect(JSON.stringify({ message: error?.message, description: error?.description, cause: (error as { cause?: unknown }).cause ?? null })).not.toContain('Hunter2!');
	});

	test('"Default Sales Nominal Code" and "Default Tax Code" fill lines without them; the posted item lists what was filled', async () => {
		const bare = invoice('INV-6001', { lines: [{ description: 'Design', net: '150.00', taxAmount: '30.00' }] });
		const { posted, summary } = await runSage([bare, invoice('INV-6002')], 'sage50uk', { options: { defaultSalesNominalCode: '4030', defaultTaxCode: 'T1' } });
		expect(posted.map((item) => [item.json.documentNumber, item.json.defaultsApplied ?? null])).toEqual([
			['INV-6001', ['lines[0].account', 'lines[0].taxCode']],
			['INV-6002', null],
		]);
		const [audit] = summary.json.files as Array<{ path: string }>;
		expect(readSageCsv(readFileSync(audit.path)).byHeading.map((row) => [row.Reference, row['Nominal A/C Ref'], row['Tax Code']])).toEqual([
			['INV-6001', '4030', 'T1'],
			['INV-6002', '4000', 'T1'],
			['INV-6002', '4010', 'T1'],
		]);
	});

	test('a default nominal Sage does not have stops the run with a message naming it; nothing is written', async () => {
		const workflow = nodeWorkflow('sageImport', 'Sage Import', [invoice('INV-6003')], { operation: 'post', importFolder: path.join(folder, 'imports'), options: { defaultSalesNominalCode: '4999' } });
		workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage test company' } };
		const result = await runWorkflow(workflow, { sageOdbcApi: { edition: 'sage50uk', connection: companyConnection } });
		const error = result.run.data.resultData.runData['Sage Import'][0].error;
		expect(error?.message).toBe(
			"The sales nominal code for lines without one, 4999, is not an account in Sage's chart of accounts. Choose codes from the lists (they are read from Sage); nothing was posted.",
		);
		expect(readdirSync(path.join(folder, 'imports'))).toEqual([]);
	});
});

describe('Get Payment Status: what Sage 50 shows as paid on each posted sales invoice, for the ConnectWise payment sync', () => {
	async function runPaymentStatus(items: unknown[], edition = 'sage50uk', parameters: INodeParameters = {}) {
		const workflow = nodeWorkflow('sageImport', 'Sage Import', items, { operation: 'paymentStatus', ...parameters });
		workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage test company' } };
		return await runWorkflow(workflow, { sageOdbcApi: { edition, connection: companyConnection, user: 'MANAGER', password: '' } });
	}

	test('the canvas shows Payment Status and Run Summary outputs for this operation, and the four posting outputs for Post Documents', () => {
		expect(nodeOutputNames('sageImport', { operation: 'paymentStatus' })).toEqual(['Payment Status', 'Run Summary']);
		expect(nodeOutputNames('sageImport', { operation: 'post' })).toEqual(['Posted', 'Duplicates', 'Rejected', 'Run Summary']);
		expect(nodeOutputNames('sageImport', { operation: 'synchronise' })).toEqual(['Posted', 'Duplicates', 'Rejected', 'Run Summary']);
	});

	test('a fully paid, a part-paid, an unpaid and an unknown invoice each get one status on the Payment Status output, in input order', async () => {
		companyConnection = await createSageCompany(path.join(folder, 'paid.db'), {
			...SAMPLE_COMPANY,
			posted: [
				['SI', 'ACME01', 'INV-1001', { gross: 180, outstanding: 0, paidFlag: 'Y' }],
				['SI', 'ACME01', 'INV-1002', { gross: 1234.56, outstanding: 234.56 }],
				['SI', 'GLOB01', 'INV-1003', { gross: 99.99 }],
				// A credit note with the same number is not the invoice.
				['SC', 'ACME01', 'INV-1004', { gross: -50, outstanding: 0 }],
			],
		});
		const result = await runPaymentStatus([{ invoiceNumber: 'INV-1001' }, { invoiceNumber: 'INV-1002' }, { invoiceNumber: 'INV-1003' }, { invoiceNumber: 'INV-1004' }]);
		const [statuses, [summary]] = result.output('Sage Import');
		expect(statuses.map((item) => item.json)).toEqual([
			{ invoiceNumber: 'INV-1001', found: true, amount: '180.00', amountPaid: '180.00', outstanding: '0.00', fullyPaid: true, accountCode: 'ACME01' },
			{ invoiceNumber: 'INV-1002', found: true, amount: '1234.56', amountPaid: '1000.00', outstanding: '234.56', fullyPaid: false, accountCode: 'ACME01' },
			{ invoiceNumber: 'INV-1003', found: true, amount: '99.99', amountPaid: '0.00', outstanding: '99.99', fullyPaid: false, accountCode: 'GLOB01' },
			{ invoiceNumber: 'INV-1004', found: false },
		]);
		expect(statuses.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(summary.json).toMatchObject({ operation: 'paymentStatus', invoices: 4, found: 3, notFound: 1, fullyPaid: 1, partPaid: 1, unpaid: 1, odbcQueries: 1 });
	});

	test('150 invoices are read in two queries (100 references per query), not one per invoice', async () => {
		const numbers = Array.from({ length: 150 }, (_, index) => `INV-${2000 + index}`);
		companyConnection = await createSageCompany(path.join(folder, 'many.db'), {
			...SAMPLE_COMPANY,
			posted: numbers.map((number, index): [string, string, string, { gross: number; outstanding: number }] => ['SI', 'ACME01', number, { gross: 120, outstanding: index % 2 === 0 ? 0 : 20.1 }]),
		});
		const result = await runPaymentStatus(numbers.map((invoiceNumber) => ({ invoiceNumber })));
		const [statuses, [summary]] = result.output('Sage Import');
		expect(statuses).toHaveLength(150);
		expect(statuses[1].json).toMatchObject({ invoiceNumber: 'INV-2001', amountPaid: '99.90', outstanding: '20.10', fullyPaid: false });
		expect(summary.json.odbcQueries).toBeLessThanOrEqual(2);
		expect(summary.json).toMatchObject({ found: 150, fullyPaid: 75, partPaid: 75 });
	});

	test('Sage 50 US answers a clear error instead of guessing where paid amounts live', async () => {
		companyConnection = await createSage50UsCompany(path.join(folder, 'us-company.db'));
		const result = await runPaymentStatus([{ invoiceNumber: '10990' }], 'sage50us');
		const error = result.run.data.resultData.runData['Sage Import'][0].error;
		expect(error?.message).toMatch(/^Get Payment Status is not available for Sage 50 US yet: /);
		expect(error?.description).toContain('Nothing was read from Sage');
	});

	test('an item without an invoice number stops the node naming the item; with Continue On Fail it gets found: false and the error', async () => {
		const stopped = await runPaymentStatus([{ invoiceNumber: 'INV-0990' }, { reference: 'no number' }]);
		const error = stopped.run.data.resultData.runData['Sage Import'][0].error;
		expect(error?.message).toBe('Item 2 has no invoice number to look up in Sage.');

		const workflow = nodeWorkflow('sageImport', 'Sage Import', [{ invoiceNumber: 'INV-0990' }, {}], { operation: 'paymentStatus' });
		workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage test company' } };
		workflow.nodes[1].continueOnFail = true;
		const result = await runWorkflow(workflow, { sageOdbcApi: { edition: 'sage50uk', connection: companyConnection } });
		const [statuses] = result.output('Sage Import');
		expect(statuses.map((item) => item.json)).toEqual([
			// The sample company holds INV-0990 without amounts: found, but no amount is made up.
			{ invoiceNumber: 'INV-0990', found: true, accountCode: 'ACME01' },
			{ invoiceNumber: '', found: false, error: 'Item 2 has no invoice number to look up in Sage.' },
		]);
	});
});

describe('Credit limits when posting sales invoices (seed 003 "Credit Limits")', () => {
	/** Acme Ltd owes 4,700.00 of a 5,000.00 limit; Globex has no limit set. */
	const creditCompany = (customers: NonNullable<CompanyData['customers']>) =>
		createSageCompany(path.join(folder, 'credit.db'), { ...SAMPLE_COMPANY, customers, posted: [] });
	const printRun = (number: string, customer = 'ACME01') =>
		invoice(number, {
			party: { code: customer, name: customer },
			lines: [{ description: 'Print run', net: '432.50', taxCode: 'T0', taxAmount: '0.00', account: '4010' }],
			totals: { net: '432.50', tax: '0.00', gross: '432.50' },
		});

	test('"Warn Over Limit": two invoices that together take Acme over its limit are both written; the second carries the warning', async () => {
		companyConnection = await creditCompany([
			['ACME01', 'Acme', { creditLimit: 5000, balance: 4700 }],
			['GLOB01', 'Globex Corporation', { creditLimit: 0, balance: 25000 }],
		]);
		const { posted, rejected, summary } = await runSage([invoice('INV-7001'), printRun('INV-7002'), printRun('INV-7003', 'GLOB01')], 'sage50uk', {
			options: { creditLimitHandling: 'warnOverLimit' },
		});
		expect(rejected).toEqual([]);
		expect(posted.map((item) => [item.json.documentNumber, item.json.warnings ?? null])).toEqual([
			['INV-7001', null],
			['INV-7002', ['Acme goes over its credit limit of 5,000.00 by 312.50']],
			['INV-7003', null],
		]);
		expect(summary.json.creditLimit).toEqual({ handling: 'warnOverLimit', warned: 1, held: 0 });
		// The limits come with the customers: still five reference queries and one duplicate check.
		expect(summary.json.odbcQueries).toBe(6);
	});

	test('"Hold Over Limit": the invoice that would take Acme over is rejected with SAGE_CREDIT_LIMIT_HOLD and left out of the audit trail; the first is written', async () => {
		companyConnection = await creditCompany([['ACME01', 'Acme', { creditLimit: 5000, balance: 4700 }]]);
		const { posted, rejected, summary } = await runSage([invoice('INV-7101'), printRun('INV-7102'), invoice('INV-7103', { type: 'salesCredit' })], 'sage50uk', {
			options: { creditLimitHandling: 'holdOverLimit' },
		});
		expect(posted.map((item) => item.json.documentNumber)).toEqual(['INV-7101', 'INV-7103']);
		expect(rejected.map((item) => [item.json.documentNumber, item.json.failureCodes])).toEqual([['INV-7102', ['SAGE_CREDIT_LIMIT_HOLD']]]);
		expect(rejected[0].json.message).toBe(
			'Sales invoice INV-7102 is held and was not posted: Acme goes over its credit limit of 5,000.00 by 312.50 (Sage shows a balance of 4,700.00, plus 180.00 of invoices earlier in this run). Post it once the customer has paid or its limit is raised in Sage. It stays queued for a later run.',
		);
		const [audit] = summary.json.files as Array<{ path: string }>;
		expect([...new Set(readSageCsv(readFileSync(audit.path)).byHeading.map((row) => row.Reference))]).toEqual(['INV-7101', 'INV-7103']);
		expect(summary.json).toMatchObject({ imported: 2, rejected: 1, creditLimit: { handling: 'holdOverLimit', warned: 0, held: 1 }, odbcQueries: 6 });
	});

	test('"Use Each Customer\'s Credit Status" applies the seed\'s five statuses; in the generic ledger a held invoice is never inserted', async () => {
		companyConnection = await creditCompany([
			['ALWN01', 'Always Notify Ltd', { creditLimit: 5000, balance: 0, status: 'Always Notify' }],
			['ALWH01', 'Always Hold Ltd', { creditLimit: 5000, balance: 0, status: 'Always Hold' }],
			['HOLD01', 'Hold Over Ltd', { creditLimit: 500, balance: 100, status: 'Hold Over Limit' }],
			['NOTE01', 'Notify Over Ltd', { creditLimit: 500, balance: 100, status: 'Notify Over Limit' }],
			['NONE01', 'No Limit Ltd', { creditLimit: 500, balance: 100, status: 'No Credit Limit' }],
			['BLNK01', 'Blank Status Ltd', { creditLimit: 500, balance: 100, status: null }],
		]);
		const documents = ['ALWN01', 'ALWH01', 'HOLD01', 'NOTE01', 'NONE01', 'BLNK01'].map((customer, index) => printRun(`INV-72${index}0`, customer));
		const { posted, rejected, summary } = await runSage(documents, 'generic', { options: { creditLimitHandling: 'customerStatus' } });
		expect(posted.map((item) => [item.json.accountCode, item.json.warnings ?? null])).toEqual([
			['ALWN01', ['Always Notify Ltd is set to Always Notify in Sage: its balance is 432.50 with this invoice, within its credit limit of 5,000.00']],
			['NOTE01', ['Notify Over Ltd goes over its credit limit of 500.00 by 32.50']],
			['NONE01', null],
			['BLNK01', null],
		]);
		expect(rejected.map((item) => [item.json.accountCode, item.json.failureCodes])).toEqual([
			['ALWH01', ['SAGE_CREDIT_LIMIT_HOLD']],
			['HOLD01', ['SAGE_CREDIT_LIMIT_HOLD']],
		]);
		expect(rejected[0].json.message).toContain("Always Hold Ltd's credit status in Sage is Always Hold");
		expect(summary.json.creditLimit).toEqual({ handling: 'customerStatus', warned: 2, held: 2 });

		const connection = await odbc.connect(companyConnection);
		const headers = (await connection.query('SELECT ACCOUNT_REF FROM AUDIT_HEADER ORDER BY TRAN_NUMBER')) as unknown as Array<Record<string, unknown>>;
		await connection.close();
		expect(headers.map((row) => row.ACCOUNT_REF)).toEqual(['ALWN01', 'NOTE01', 'NONE01', 'BLNK01']);
	});

	test('"Use Each Customer\'s Credit Status" against a company without a status column stops the run before anything is written, saying so', async () => {
		companyConnection = await creditCompany([['ACME01', 'Acme', { creditLimit: 5000, balance: 4700 }]]);
		const workflow = nodeWorkflow('sageImport', 'Sage Import', [invoice('INV-7301')], {
			operation: 'post',
			importFolder: path.join(folder, 'imports'),
			options: { creditLimitHandling: 'customerStatus' },
		});
		workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage test company' } };
		const result = await runWorkflow(workflow, { sageOdbcApi: { edition: 'sage50uk', connection: companyConnection } });
		const error = result.run.data.resultData.runData['Sage Import'][0].error;
		expect(error?.message).toMatch(/^"Use Each Customer's Credit Status" needs a CREDIT_STATUS column in SALES_LEDGER/);
		expect(error?.message).toContain('Choose "Warn Over Limit" or "Hold Over Limit" instead; nothing was posted.');
		expect(readdirSync(path.join(folder, 'imports'))).toEqual([]);
	});
});

describe('Sage 50 import files are written once: reruns, overlapping runs, dry runs', () => {
	const audited = () =>
		importFiles()
			.filter((file) => /\/AUDIT_/.test(file))
			.flatMap((file) => csvRows(path.join(folder, 'imports', file)).slice(1).map((row) => row[5]));

	test('the same export run again before Sage has imported the first file writes nothing new: no second AUDIT or CUSTOMERS file', async () => {
		const documents = [invoice('INV-1001'), invoice('INV-1003', { party: { code: 'NEWCO01', name: 'New Co Ltd' } })];
		const first = await runSage(documents, 'sage50uk');
		expect(first.posted).toHaveLength(2);
		const again = await runSage(documents, 'sage50uk');
		expect(again.posted).toEqual([]);
		expect(again.summary.json.files).toEqual([]);
		expect(again.duplicates.map((item) => item.json.message)).toEqual([
			expect.stringMatching(new RegExp(`^Sales invoice INV-1001 was already written for Sage 50 \\(UK\\) on .* \\(${first.summary.json.runFolder}\\), by execution test-execution; it is not sent again\\.$`)),
			expect.stringMatching(/^Sales invoice INV-1003 was already written for Sage 50 \(UK\) on /),
		]);
		expect(importFiles()).toHaveLength(2);
		expect(audited()).toEqual(['INV-1001', 'INV-1001', 'INV-1003', 'INV-1003']);
	});

	test('a new invoice for a customer an earlier run\'s record file creates: the invoice is written, the customer record is not written a second time', async () => {
		await runSage([invoice('INV-1003', { party: { code: 'NEWCO01', name: 'New Co Ltd' } })], 'sage50uk');
		const next = await runSage([invoice('INV-1004', { party: { code: 'NEWCO01', name: 'New Co Ltd' } })], 'sage50uk');
		expect(next.posted.map((item) => item.json.documentNumber)).toEqual(['INV-1004']);
		expect((next.summary.json.files as Array<{ fileName: string }>).map((file) => file.fileName.split('_')[0])).toEqual(['AUDIT']);
		expect(next.summary.json.accountsCreated).toEqual([]);
		// The customer record sent on its own is known too: it is on its way into Sage.
		const record = await runSage([{ type: 'customer', party: { code: 'NEWCO01', name: 'New Co Ltd' } }], 'sage50uk');
		expect(record.duplicates.map((item) => item.json.message)).toEqual([expect.stringMatching(/^Customer NEWCO01 was already written for Sage 50 \(UK\) .*CUSTOMERS_/)]);
	});

	test('two runs of the same 60 invoices at once: every invoice is in exactly one AUDIT file, and each run reports all 60', async () => {
		const documents = Array.from({ length: 60 }, (_, index) => invoice(`INV-${3000 + index}`));
		const [a, b] = await Promise.all([runSage(documents, 'sage50uk'), runSage(documents, 'sage50uk')]);
		expect(audited().filter((_, index) => index % 2 === 0).sort()).toEqual(documents.map((document) => document.header.number).sort());
		for (const run of [a, b]) expect(run.posted.length + run.duplicates.length).toBe(60);
		expect(a.posted.length + b.posted.length).toBe(60);
	});

	test('a dry run shows the rows each invoice would get and the accounts that would be created; nothing is written or claimed', async () => {
		const documents = [invoice('INV-1001'), invoice('INV-1003', { party: { code: 'NEWCO01', name: 'New Co Ltd' } })];
		const dry = await runSage(documents, 'sage50uk', { dryRun: true });
		expect(readdirSync(path.join(folder, 'imports'))).toEqual([]);
		expect(dry.posted.map((item) => [item.json.status, item.json.message])).toEqual([
			['preview', expect.stringMatching(/^Sales invoice INV-1001 would be written to AUDIT_.*\.csv \(2 rows\)\.$/)],
			['preview', expect.stringMatching(/^Sales invoice INV-1003 would be written to AUDIT_.*\.csv \(2 rows\); customer NEWCO01 would be created first\.$/)],
		]);
		const preview = dry.posted[0].json.preview as { headings: string[]; rows: string[][]; importIn: string };
		expect(preview.headings.slice(0, 3)).toEqual(['Type', 'Account Reference', 'Nominal A/C Ref']);
		expect(preview.rows.map((row) => [row[0], row[1], row[2], row[5]])).toEqual([
			['SI', 'ACME01', '4000', 'INV-1001'],
			['SI', 'ACME01', '4010', 'INV-1001'],
		]);
		expect(dry.summary.json).toMatchObject({ dryRun: true, wouldPost: 2, imported: 0 });
		const real = await runSage(documents, 'sage50uk');
		expect(real.posted).toHaveLength(2);
	});

	test('an invoice written earlier that comes back with another total is refused with DOCUMENT_CHANGED_AFTER_POSTING, and nothing is written', async () => {
		await runSage([invoice('INV-1001')], 'sage50uk');
		const changed = invoice('INV-1001', {
			lines: [{ description: 'Design', net: '200.00', taxCode: 'T1', taxAmount: '40.00', account: '4000' }],
			totals: { net: '200.00', tax: '40.00', gross: '240.00' },
		});
		const { rejected, summary } = await runSage([changed], 'sage50uk');
		expect(rejected.map((item) => item.json.failureCodes)).toEqual([['DOCUMENT_CHANGED_AFTER_POSTING']]);
		expect(rejected[0].json.message).toMatch(/gross 180\.00 when posted, 240\.00 now/);
		expect(summary.json.files).toEqual([]);
	});

	test('the generic ledger asks again inside each transaction: a document posted there since the run read the ledger is a duplicate, not a second posting', async () => {
		const connection = await odbc.connect(companyConnection);
		// Another program posts INV-4001 by hand between the run's look-up and its insert: simulated by a trigger on the first insert.
		await connection.query(
			"CREATE TRIGGER sneak BEFORE INSERT ON AUDIT_HEADER WHEN NEW.INV_REF = 'INV-4002' BEGIN INSERT INTO AUDIT_HEADER (TRAN_NUMBER, TYPE, DATE, ACCOUNT_REF, INV_REF, DETAILS, NET_AMOUNT, TAX_AMOUNT, GROSS_AMOUNT, OUTSTANDING, PAID_FLAG, HEADER_NUMBER, DELETED_FLAG) VALUES (9001, 'SI', '2026-03-31', 'ACME01', 'INV-4001', 'by hand', 150, 30, 180, 180, 'N', 9001, 0); END",
		);
		await connection.close();
		const { posted, duplicates } = await runSage([invoice('INV-4002'), invoice('INV-4001')], 'generic');
		expect(posted.map((item) => item.json.documentNumber)).toEqual(['INV-4002']);
		expect(duplicates.map((item) => item.json.message)).toEqual(['Sales invoice INV-4001 for ACME01 is already posted in Sage (it arrived while this run was going); it is not posted again.']);
	});
});

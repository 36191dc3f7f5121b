/**
 * Sage Import's Sage 100 (France) edition inside n8n-core's real WorkflowExecute, against a
 * Sage 100 company database over the real ODBC driver: what the platform's call produces, and
 * what a user sees when the set-up is wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import odbc from 'odbc';

import { SageImport } from '../../nodes/SageImport/SageImport.node';
import { createSage100Company } from '../fixtures/sage100Company';
import { platformCustomer, platformInvoice } from '../unit/sage100/documents';
import { nodeWorkflow, runWorkflow, type WorkflowJson } from './harness';

let folder: string;
let companyFile: string;
let connectionString: string;

beforeEach(async () => {
	folder = mkdtempSync(path.join(tmpdir(), 'sage100-engine-'));
	companyFile = path.join(folder, 'ATELIER.mae');
	connectionString = await createSage100Company(companyFile);
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** The Sage ODBC credential of a Sage 100 company, as n8n hands it to the node decrypted. */
const credential = (changes: IDataObject = {}): IDataObject => ({
	edition: 'sage100fr',
	connection: connectionString,
	companyFile,
	sage100User: '<Administrateur>',
	password: 'Secret-Sage-100',
	periodStart: '2026-01-01T00:00:00',
	salesJournal: 'VTE',
	analyticPlan: 'PROJET',
	analysisLevel: 'Production cost',
	...changes,
});

/**
 * The sample workflow's chain: the platform's request → Ledger Mapping (Sage 100 profile,
 * n8n's "Always Output Data" on) → Sage Import "Synchronise All", projects read from the
 * request by expression.
 */
function platformWorkflow(request: IDataObject): WorkflowJson {
	const documents = [...((request.customers as unknown[]) ?? []), ...((request.invoices as unknown[]) ?? [])];
	return {
		nodes: [
			{ id: '1', name: 'Request', type: 'test.testItems', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify([{ body: request, documents }]) } },
			{
				id: '2',
				name: 'Ledger Mapping',
				type: 'n8n-nodes-ledger-bridge.ledgerMapping',
				typeVersion: 1,
				position: [200, 0],
				alwaysOutputData: true,
				parameters: { targetProfile: 'sage100fr', batchMode: 'perDocument', documentsField: 'documents', options: { importLog: false } },
			},
			{
				id: '3',
				name: 'Sage 100',
				type: 'n8n-nodes-ledger-bridge.sageImport',
				typeVersion: 1,
				position: [400, 0],
				parameters: { operation: 'synchronise', projects: "={{ $('Request').first().json.body.projects ?? [] }}" },
				credentials: { sageOdbcApi: { id: '1', name: 'Sage 100 test company' } },
			},
		],
		connections: {
			Request: { main: [[{ node: 'Ledger Mapping', type: 'main', index: 0 }]] },
			'Ledger Mapping': { main: [[{ node: 'Sage 100', type: 'main', index: 0 }]] },
		},
	};
}

async function query(sql: string): Promise<Array<Record<string, unknown>>> {
	const connection = await odbc.connect(connectionString);
	try {
		return [...((await connection.query(sql)) as unknown as Array<Record<string, unknown>>)];
	} finally {
		await connection.close();
	}
}

async function runSage100Node(documents: unknown[], parameters: INodeParameters, credentialData: IDataObject = credential()) {
	const workflow = nodeWorkflow('sageImport', 'Sage Import', documents, parameters);
	workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage 100 test company' } };
	return await runWorkflow(workflow, { sageOdbcApi: credentialData });
}

describe('Sage Import (Sage 100) inside the n8n engine', () => {
	test("the platform's call: a new customer and project are created, the invoice posted, a repeat recognised; each gets the status the platform shows as its tick", async () => {
		const request = {
			customers: [platformCustomer('C0003', "Atelier Lumière – Société d'Architecture et d'Urbanisme SARL"), platformCustomer('', 'Cabinet Martin')],
			projects: [{ code: 'P2026-014', name: 'Médiathèque de Villeurbanne – extension', customer: 'C0003' }],
			invoices: [
				platformInvoice('F2026-0043', { header: { number: 'F2026-0043', date: '2026-04-02', project: 'P2026-014', source: { system: 'platform', id: '8813' } }, party: { code: 'C0003', name: 'Atelier Lumière' } }),
				platformInvoice('F2026-0007', {
					header: { number: 'F2026-0007', date: '2026-02-10', project: 'P2025-031' },
					lines: [{ net: '1000.00', taxCode: 'C20', taxAmount: '200.00', account: '706000' }],
					totals: { net: '1000.00', tax: '200.00', gross: '1200.00' },
				}),
				platformInvoice('F2026-000123-B'),
			],
		};
		const result = await runWorkflow(platformWorkflow(request), { sageOdbcApi: credential() });
		const [, mappingRejects] = result.output('Ledger Mapping');
		expect(mappingRejects.map((item) => [item.json.document, item.json.failureCodes])).toEqual([
			['customer (no number)', ['CUSTOMER_CODE_MISSING']],
			['sales invoice F2026-000123-B', ['FIELD_TOO_LONG']],
		]);

		const [done, already, rejected, [summary]] = result.output('Sage 100');
		expect(done.map((item) => [item.json.record, item.json.document, item.json.status, item.json.synchronised])).toEqual([
			['customer', 'customer C0003', 'created', true],
			['project', 'project P2026-014', 'created', true],
			['invoice', 'sales invoice F2026-0043', 'posted', true],
		]);
		expect(done[0].json.adjusted).toBeUndefined();
		expect(done[2].json).toMatchObject({ documentNumber: 'F2026-0043', accountCode: 'C0003', sage: { journal: 'VTE', piece: 'F2026-0043', total: '9900.00', currency: 'EUR', projects: ['P2026-014'] }, source: { system: 'platform', id: '8813' } });
		expect(already.map((item) => [item.json.document, item.json.status, item.json.synchronised])).toEqual([['sales invoice F2026-0007', 'alreadyPosted', true]]);
		expect(rejected).toEqual([]);
		expect(summary.json).toMatchObject({
			kind: 'runSummary',
			edition: 'sage100fr',
			operation: 'synchronise',
			company: 'ATELIER.mae',
			journal: 'VTE',
			periodStart: '2026-01-01',
			customers: { created: 1, updated: 0, alreadyInSage: 0, rejected: 0 },
			projects: { created: 1, alreadyInSage: 0, rejected: 0 },
			invoices: { ready: 0, posted: 1, alreadyPosted: 1, skipped: 0, rejected: 0 },
		});
		expect((summary.json.statuses as IDataObject[]).map((entry) => [entry.record, entry.key, entry.status, entry.synchronised])).toEqual([
			['customer', 'C0003', 'created', true],
			['project', 'P2026-014', 'created', true],
			['invoice', 'F2026-0043', 'posted', true],
			['invoice', 'F2026-0007', 'alreadyPosted', true],
		]);
		// Ledger Mapping shortened the name to CT_Intitule's 35 characters before Sage Import saw it.
		expect(await query("SELECT CT_Intitule FROM F_COMPTET WHERE CT_Num = 'C0003'")).toEqual([{ CT_Intitule: 'Atelier Lumière – Société d\'Archite' }]);
		expect(summary.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('a call with projects only: Ledger Mapping has no document and sends n8n\'s one empty item, which is not taken for a reject; the projects are synchronised', async () => {
		const result = await runWorkflow(platformWorkflow({ projects: [{ code: 'P2026-020', name: 'Halle Tony Garnier' }] }), { sageOdbcApi: credential() });
		const [done, , rejected, [summary]] = result.output('Sage 100');
		expect(done.map((item) => [item.json.document, item.json.status])).toEqual([['project P2026-020', 'created']]);
		expect(rejected).toEqual([]);
		expect(summary.json).toMatchObject({ documents: 1, rejected: 0 });
		expect(await query("SELECT CA_Intitule FROM F_COMPTEA WHERE CA_Num = 'P2026-020'")).toEqual([{ CA_Intitule: 'Halle Tony Garnier' }]);
	});

	test('Check Invoices writes nothing: ready invoices on Posted with status "ready", the seed\'s errors on Rejected with an import log', async () => {
		const bad = platformInvoice('F2026-0044', { lines: [{ description: 'AMO', net: '900.00', taxCode: 'C07', taxAmount: '63.00', account: '706000' }], totals: { net: '900.00', tax: '63.00', gross: '963.00' } });
		const result = await runSage100Node([platformInvoice(), bad], { operation: 'checkInvoices' });
		const [ready, , rejected, [summary]] = result.output('Sage Import');
		expect(ready.map((item) => [item.json.documentNumber, item.json.status, item.json.synchronised])).toEqual([['F2026-0042', 'ready', false]]);
		expect(rejected.map((item) => [item.json.documentNumber, item.json.failureCodes, item.json.message])).toEqual([
			['F2026-0044', ['SAGE100_VAT_CODE_MISSING'], 'Sales invoice F2026-0044: line 1 VAT code C07 does not exist in Sage.'],
		]);
		expect(rejected[0].pairedItem).toEqual({ item: 1 });
		expect(await result.binaryText(summary.binary!.importLog)).toMatch(/F2026-0044.*SAGE100_VAT_CODE_MISSING/);
		expect(await query("SELECT COUNT(*) AS N FROM F_ECRITUREC WHERE EC_RefPiece = 'F2026-0042'")).toEqual([{ N: 0 }]);
	});

	test('Sync Customers reads the customers from a field of the webhook item (Documents Field "body.customers")', async () => {
		const result = await runSage100Node([{ body: { customers: [platformCustomer('C0004', 'Agence Rhône Habitat'), platformCustomer('C0001', 'Mairie de Villeurbanne')] } }], {
			operation: 'syncCustomers',
			documentsField: 'body.customers',
		});
		const [created, already] = result.output('Sage Import');
		expect(created.map((item) => [item.json.accountCode, item.json.status])).toEqual([['C0004', 'created']]);
		expect(already.map((item) => [item.json.accountCode, item.json.status, item.json.message])).toEqual([['C0001', 'alreadyInSage', 'Customer C0001 (Mairie de Villeurbanne) is already in Sage; Sage\'s record differs (CT_Adresse, CT_CodePostal, CT_Ville, CT_Pays, CT_EMail, CT_Identifiant) and is kept as it is (switch on "Update Existing Customers" to overwrite it).']]);
	});

	test('a Sage 100 operation with a Sage 50 credential stops before connecting, naming both; Post Documents with a Sage 100 credential likewise', async () => {
		const sage50 = await runSage100Node([platformInvoice()], { operation: 'postInvoices' }, { edition: 'sage50uk', connection: connectionString });
		expect(sage50.run.data.resultData.runData['Sage Import'][0].error?.message).toBe('This operation is for Sage 100 (France); the credential is for Sage 50 Accounts (UK).');
		const post = await runSage100Node([platformInvoice()], { operation: 'post', importFolder: folder });
		expect(post.run.data.resultData.runData['Sage Import'][0].error?.message).toBe('Post Documents is for Sage 50 and generic ODBC; the credential is for a Sage 100 company.');
	});

	test('a company path without the .mae file stops the run with the seed\'s advice; the password never appears', async () => {
		const result = await runSage100Node([platformInvoice()], { operation: 'postInvoices' }, credential({ companyFile: 'C:\\Sage\\Societes' }));
		const error = result.run.data.resultData.runData['Sage Import'][0].error;
		expect(error?.message).toBe(
			'The company file "C:\\Sage\\Societes" does not end in .mae: give the full path including the file name and its extension, e.g. C:\\Sage\\Societes\\BIJOU.mae. Nothing was sent to Sage.',
		);
		expect(JSON.stringify(result.run)).not.toContain('Secret-Sage-100');
	});

	test('a journal Sage does not have stops the run; with "continue on error" the message is in the Run Summary and nothing is written', async () => {
		const workflow = nodeWorkflow('sageImport', 'Sage Import', [platformInvoice()], { operation: 'postInvoices' });
		workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage 100 test company' } };
		workflow.nodes[1].onError = 'continueRegularOutput';
		const result = await runWorkflow(workflow, { sageOdbcApi: credential({ salesJournal: 'VEN' }) });
		const [, , , [summary]] = result.output('Sage Import');
		expect(summary.json.error).toBe(
			"The sales journal VEN does not exist in Sage (Structure > Codes journaux; the seed's default is VTE). Correct the Sage ODBC credential or the node's options; nothing was written to Sage.",
		);
		expect(await query('SELECT COUNT(*) AS N FROM F_ECRITUREC')).toEqual([{ N: 3 }]);
	});

	test('Look Up lists the projects (sections of plan PROJET) and the journals; the option lists read the general accounts of the Sage 100 company', async () => {
		const projects = await runSage100Node([{}], { operation: 'lookUp', lookUp: 'projects' });
		expect(projects.output('Sage Import')[0].map((item) => item.json)).toEqual([{ code: 'P2025-031', name: 'Groupe scolaire Jean Jaurès' }]);
		const journals = await runSage100Node([{}], { operation: 'lookUp', lookUp: 'journals' });
		expect(journals.output('Sage Import')[0].map((item) => item.json.code)).toEqual(['ACH', 'BQ1', 'OD', 'VTE']);

		const nodeType = new SageImport();
		const node: INode = { id: '1', name: 'Sage Import', type: 'n8n-nodes-ledger-bridge.sageImport', typeVersion: 1, position: [0, 0], parameters: { operation: 'synchronise' }, credentials: { sageOdbcApi: { id: '1', name: 'Sage 100' } } };
		const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
		const workflow = new Workflow({ id: 'editor', nodes: [node], connections: {}, nodeTypes, active: false });
		const additionalData = {
			currentNodeParameters: node.parameters,
			credentialsHelper: { getDecrypted: async () => credential(), isCredentialUsableByNode: () => true },
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.sage100Options');
		const methods = nodeType.methods.loadOptions as Record<string, (this: LoadOptionsContext) => Promise<INodePropertyOptions[]>>;
		expect(await methods.getNominalAccounts.call(context)).toContainEqual({ name: '411000 — Clients', value: '411000' });
		expect(await methods.getTaxCodes.call(context)).toEqual([
			{ name: 'C00 — Exonéré (export)', value: 'C00' },
			{ name: 'C10 — TVA collectée 10 %', value: 'C10' },
			{ name: 'C20 — TVA collectée 20 %', value: 'C20' },
		]);
	});

	test("the credential's Test button connects and checks the seed's list: the sales journal and the analytic plan", async () => {
		const nodeType = new SageImport();
		const test = (data: IDataObject) =>
			nodeType.methods.credentialTest.sageConnectionTest.call({} as ICredentialTestFunctions, { id: '1', name: 'Sage 100', type: 'sageOdbcApi', data } as ICredentialsDecrypted);
		expect(await test(credential())).toEqual({ status: 'OK', message: 'Connected to ATELIER.mae: journal VTE and analytic plan PROJET found' });
		expect(await test(credential({ analyticPlan: 'AFFAIRE' }))).toEqual({
			status: 'Error',
			message: "The analytic plan AFFAIRE does not exist in Sage (File > Company parameters > Analytical > Analytical plan). Correct the Sage ODBC credential or the node's options; nothing was written to Sage.",
		});
		const wrong = await test(credential({ connection: 'Driver={Sage 100 ODBC};DSN=NOPE', password: 'Secret-Sage-100' }));
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/^Could not connect to the Sage company: .*Check the company file \(the full path to the \.mae file\), the user \(<Administrateur> by default\)/);
		expect(wrong.message).not.toContain('Secret-Sage-100');
	});
});

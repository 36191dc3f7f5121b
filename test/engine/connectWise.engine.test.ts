/**
 * The ConnectWise Manage node inside n8n's real engine, over HTTP against the in-repo Manage
 * emulator: the GL export as canonical documents with the whole-batch rule, the seed's three
 * batch results, the rerun of a batch, and an idempotent payment sync.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, IDataObject, INodeParameters } from 'n8n-workflow';

import { ConnectWiseManage } from '../../nodes/ConnectWiseManage/ConnectWiseManage.node';
import { SAMPLE_KEYS, SAMPLE_MANAGE, startConnectWiseEmulator, type ConnectWiseEmulator } from '../emulators/connectwise';
import { SAMPLE_CLIENT as EXACT_CLIENT, SAMPLE_DIVISION, startExactEmulator } from '../emulators/exactOnline';
import { nodeWorkflow, runWorkflow, withoutN8nNodes, type WorkflowJson } from './harness';

let emulator: ConnectWiseEmulator;
let credentials: Record<string, IDataObject>;
beforeEach(async () => {
	emulator = await startConnectWiseEmulator();
	credentials = { connectWiseManageApi: { site: 'custom', host: emulator.url, ...SAMPLE_KEYS, apiVersion: '2025.1' } };
});
afterEach(async () => emulator.close());

async function runManage(parameters: INodeParameters, items: unknown[] = [{}]) {
	const workflow = nodeWorkflow('connectWiseManage', 'ConnectWise Manage', items, parameters);
	workflow.nodes[1].credentials = { connectWiseManageApi: { id: '1', name: 'Manage emulator' } };
	const result = await runWorkflow(workflow, credentials);
	const run = result.run.data.resultData.runData['ConnectWise Manage'][0];
	if (run.error) throw new Error(`${run.error.message} ${run.error.description ?? ''}`);
	const [results, rejected, summary] = result.output('ConnectWise Manage');
	return { results, rejected, summary: summary[0]?.json };
}

const exportInvoices = (parameters: INodeParameters = {}) =>
	runManage({ operation: 'exportBatch', kinds: ['invoices'], batchIdMode: 'custom', batchIdentifier: '20260630JD-I', summarizeInvoices: 'Default', wholeBatch: true, ...parameters });

const invoices = SAMPLE_MANAGE.invoices;

describe('Export GL Batch', () => {
	test('one invoice whose customer has no account number stops the whole batch before anything is posted, with every problem listed', async () => {
		const { results, rejected, summary } = await exportInvoices();
		expect(results).toHaveLength(0);
		expect(summary).toMatchObject({ stopped: true, documents: 0 });
		const codes = rejected.map((item) => [item.json.document, item.json.failureCodes]);
		expect(codes.filter(([, failureCodes]) => (failureCodes as string[]).includes('CUSTOMER_CODE_MISSING')).length).toBeGreaterThanOrEqual(1);
		expect(rejected.filter((item) => (item.json.failureCodes as string[]).includes('BATCH_STOPPED')).length).toBeGreaterThan(0);
		expect(rejected.find((item) => (item.json.failureCodes as string[]).includes('BATCH_STOPPED'))?.json.message).toMatch(/LONESTAR|INV-1005/);
		// The export posted nothing: Manage still lists all eight.
		expect(emulator.state.countRequests({ method: 'POST', path: /accounting\/batches$/ })).toBe(0);
	});

	test('with the bad invoice excluded, every invoice becomes a sales document carrying its GL entry ids and GL account numbers', async () => {
		const { results, rejected, summary } = await exportInvoices({ excludedIds: String(invoices.noAccountNumber.id) });
		expect(rejected.filter((item) => item.json.kind === 'rejected')).toHaveLength(0);
		const byNumber = new Map(results.map((item) => [(item.json.header as IDataObject).number, item.json]));
		const standard = byNumber.get(invoices.standard.invoiceNumber) as IDataObject;
		expect(standard).toMatchObject({ type: 'salesInvoice', party: expect.objectContaining({ code: SAMPLE_MANAGE.customers.acme.accountNumber }) });
		const source = (standard.header as IDataObject).source as IDataObject;
		expect(String((source.ids as IDataObject).glEntryIds).split(',').map(Number)).toEqual(invoices.standard.glEntryIds);
		expect((standard.totals as IDataObject).gross).toBe(invoices.standard.total.toFixed(2));
		expect(byNumber.get(invoices.creditMemo.invoiceNumber)).toMatchObject({ type: 'salesCredit' });
		expect(summary).toMatchObject({ batchIdentifier: '20260630JD-I', stopped: false });
	});
});

describe('Create Batch: the three results of seed 003', () => {
	async function exportedDocuments() {
		const { results } = await exportInvoices({ excludedIds: String(invoices.noAccountNumber.id) });
		return results.map((item) => item.json);
	}
	const posted = (document: IDataObject) => ({ status: 'written', document: String((document.header as IDataObject).number), source: (document.header as IDataObject).source });
	const refused = (document: IDataObject) => ({ kind: 'rejected', document: String((document.header as IDataObject).number), failureCodes: ['SAGE_NOMINAL_MISSING'], message: 'nominal missing', inputJson: JSON.stringify(document) });
	const createBatch = (items: unknown[], batchIdentifier = '20260630JD-I') => runManage({ operation: 'createBatch', batchIdMode: 'custom', batchIdentifier, batchKind: 'I' }, items);

	test('some failed: the batch holds only what reached the ledger; the failed invoice stays unposted for batch -1', async () => {
		const documents = await exportedDocuments();
		const failed = documents.find((document) => (document.header as IDataObject).number === invoices.smallStandard.invoiceNumber)!;
		const items = documents.map((document) => (document === failed ? refused(document) : posted(document)));
		const { results } = await createBatch(items);
		expect(results[0].json).toMatchObject({ outcome: 'partial', batchIdentifier: '20260630JD-I', followUpBatchIdentifier: '20260630JD-I-1' });
		expect(results[0].json.manageBatchId).toEqual(expect.any(Number));
		// The reject's GL entries are read from the document it carries as JSON text.
		expect(results[0].json.notPosted).toEqual([expect.objectContaining({ glEntryIds: invoices.smallStandard.glEntryIds })]);
		const unposted = await runManage({ operation: 'getUnposted', kinds: ['invoices'] });
		expect(unposted.results.map((item) => item.json.invoiceNumber).sort()).toEqual([invoices.noAccountNumber.invoiceNumber, invoices.smallStandard.invoiceNumber]);
	});

	test('nothing reached the ledger: no batch is created and the batch ID can be used again', async () => {
		const documents = await exportedDocuments();
		const { results } = await createBatch(documents.map(refused));
		expect(results[0].json).toMatchObject({ outcome: 'failed', manageBatchId: null });
		expect(results[0].json.summary).toMatch(/can be used again/);
		expect(emulator.state.batches).toHaveLength(0);
	});

	test('all reached the ledger: one batch; the same batch ID again is refused with a suggestion', async () => {
		const documents = await exportedDocuments();
		const { results } = await createBatch(documents.map(posted));
		const exportedIds = Object.values(invoices).filter((invoice) => invoice.id !== invoices.noAccountNumber.id).flatMap((invoice) => invoice.glEntryIds);
		expect(results[0].json).toMatchObject({ outcome: 'complete', glEntries: exportedIds.length });
		await expect(createBatch([{ status: 'written', document: 'INV-X', source: { ids: { glEntryIds: String(invoices.noAccountNumber.glEntryIds[0]) } } }])).rejects.toThrow(/already has a batch 20260630JD-I/);
	});

	test('re-exporting the batch gives the same documents again, for a ledger restored from a backup', async () => {
		const documents = await exportedDocuments();
		await createBatch(documents.map(posted));
		const { results } = await runManage({ operation: 'reExportBatch', existingBatch: '20260630JD-I', wholeBatch: true });
		expect(results.map((item) => (item.json.header as IDataObject).number).sort()).toEqual(documents.map((document) => (document.header as IDataObject).number).sort());
	});
});

describe('Sync Invoice Payments', () => {
	const statuses = (paid: Record<string, string>) => Object.entries(paid).map(([invoiceNumber, amountPaid]) => ({ invoiceNumber, amountPaid, lastPaymentDate: '2026-07-01' }));
	const writes = () => emulator.state.countRequests({ method: 'POST', path: /payments/ }) + emulator.state.countRequests({ method: 'PATCH', path: /payments/ }) + emulator.state.countRequests({ method: 'DELETE', path: /payments/ });

	test('new receipts become payments; running it again writes nothing; a further receipt changes the one payment', async () => {
		const first = await runManage({ operation: 'syncPayments' }, statuses({ 'INV-1001': '1000.00', 'INV-1002': '1584.78', 'INV-9999': '5.00' }));
		expect(first.results.map((item) => [item.json.invoiceNumber, item.json.action])).toEqual([
			['INV-1001', 'create'],
			['INV-1002', 'create'],
			['INV-9999', 'notInManage'],
		]);
		expect(first.summary).toMatchObject({ created: 2, failed: 0 });
		const afterFirst = writes();
		expect(afterFirst).toBe(2);

		const again = await runManage({ operation: 'syncPayments' }, statuses({ 'INV-1001': '1000.00', 'INV-1002': '1584.78' }));
		expect(again.results.map((item) => item.json.action)).toEqual(['unchanged', 'unchanged']);
		expect(writes()).toBe(afterFirst);

		const more = await runManage({ operation: 'syncPayments' }, statuses({ 'INV-1001': '2242.94' }));
		expect(more.results[0].json).toMatchObject({ action: 'update', amount: '2242.94' });
		expect(emulator.state.payments.filter((payment) => payment.invoiceId === invoices.standard.id)).toHaveLength(1);
	});

	test('an amount above the invoice total is capped at the total, which Manage accepts', async () => {
		const { results } = await runManage({ operation: 'syncPayments' }, statuses({ 'INV-1003': '900.00' }));
		expect(results[0].json).toMatchObject({ action: 'create', amount: '811.88' });
		expect(results[0].json.message).toMatch(/capped/);
	});

	test('the start date: past week from today; "last successful run" reaches back a month when none is recorded', async () => {
		const week = await runManage({ operation: 'syncStart', startDateMode: 'pastWeek' });
		expect(week.results[0].json.startDate).toBe(new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10));
		const last = await runManage({ operation: 'syncStart', startDateMode: 'lastSuccessfulRun' });
		expect(last.results[0].json.explanation).toMatch(/no successful run recorded yet/);
	});
});

describe('credential test', () => {
	const test_ = async (data: ICredentialDataDecryptedObject) =>
		await new ConnectWiseManage().methods.credentialTest.connectWiseConnectionTest.call({} as ICredentialTestFunctions, { id: '1', name: 'x', type: 'connectWiseManageApi', data });

	test('the emulator keys connect; a wrong private key is refused without showing it', async () => {
		expect(await test_(credentials.connectWiseManageApi as ICredentialDataDecryptedObject)).toMatchObject({ status: 'OK' });
		const wrong = await test_({ ...(credentials.connectWiseManageApi as ICredentialDataDecryptedObject), privateKey: 'Wrong-Private-Key-123' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).not.toContain('Wrong-Private-Key-123');
	});
});

describe('the sample "Exact Online payments → ConnectWise Manage" workflow', () => {
	test('unpaid Manage invoices are looked up in Exact: INV-1001 paid in full and INV-1002 in part become payments; the rerun writes nothing', async () => {
		const exact = await startExactEmulator({ minuteMs: 1000 });
		try {
			const root = path.join(__dirname, '..', '..');
			const workflow = JSON.parse(readFileSync(path.join(root, 'workflows', 'exact-payments-to-connectwise.json'), 'utf8')) as WorkflowJson;
			Object.assign(workflow.nodes[0], { type: 'test.testItems', parameters: { items: '[{}]' } });
			withoutN8nNodes(workflow);
			const token = exact.issueTokens();
			for (const [number, net, vat] of [['INV-1001', 1853.67, 389.27], ['INV-1002', 1309.74, 275.04]] as const) {
				const response = await fetch(`${exact.url}/api/v1/${SAMPLE_DIVISION.code}/salesentry/SalesEntries`, {
					method: 'POST',
					headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json', accept: 'application/json' },
					body: JSON.stringify({ Journal: '70', Customer: SAMPLE_DIVISION.customers.bakery.id, YourRef: number, EntryDate: '2026-06-02', SalesEntryLines: [{ GLAccount: SAMPLE_DIVISION.glAccounts.revenue.id, AmountFC: net, VATCode: '2', VATAmountFC: vat }] }),
				});
				expect(response.status).toBe(201);
			}
			exact.state.pay('INV-1001', '2242.94', '2026-07-01');
			exact.state.pay('INV-1002', '500.00', '2026-07-03');
			const tokens = exact.issueTokens();
			const both = {
				...credentials,
				exactOnlineOAuth2Api: { region: 'custom', baseUrl: exact.url, clientId: EXACT_CLIENT.clientId, clientSecret: EXACT_CLIENT.clientSecret, oauthTokenData: { ...tokens } },
			};
			const run = async () => (await runWorkflow(workflow, both)).output('Sync payments into Manage');
			const [first, , [summary]] = await run();
			const actions = Object.fromEntries(first.map((item) => [item.json.invoiceNumber, item.json.action]));
			expect(actions).toMatchObject({ 'INV-1001': 'create', 'INV-1002': 'create', 'INV-1003': 'notInLedger' });
			expect(summary.json).toMatchObject({ created: 2, failed: 0 });
			const paid = emulator.state.payments.map((payment) => [payment.invoiceId, payment.amount]);
			expect(paid).toEqual(expect.arrayContaining([[invoices.standard.id, 2242.94], [invoices.agreement.id, 500]]));
			const [second] = await run();
			expect(second.filter((item) => ['create', 'update', 'remove'].includes(String(item.json.action)))).toHaveLength(0);
		} finally {
			await exact.close();
		}
	});
});

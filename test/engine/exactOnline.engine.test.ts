/**
 * The Exact Online node inside n8n's real engine, over HTTP against the in-repo Exact
 * emulator: matching before posting, accounts found by padded code or created, no
 * duplicates on a rerun, faults survived without double posting, tokens refreshed and
 * stored, payment status read back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { LoadOptionsContext } from 'n8n-core';
import { NodeOperationError, Workflow, type IDataObject, type INode, type INodeParameters, type INodePropertyOptions, type INodeTypes, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { ExactOnline } from '../../nodes/ExactOnline/ExactOnline.node';
import { openJournal } from '../../lib/posting/journal/open';

import { SAMPLE_CLIENT, SAMPLE_DIVISION, startExactEmulator, type ExactEmulator } from '../emulators/exactOnline';
import { nodeOutputNames, nodeWorkflow, runWorkflow, withoutN8nNodes, type WorkflowJson } from './harness';

const sales = (number: string, changes: Record<string, unknown> = {}) => ({
	type: 'salesInvoice',
	header: { number, date: '2026-06-02', dueDate: '2026-07-02', currency: 'EUR', paymentTerms: '30', description: `Invoice ${number}` },
	party: { code: '1001', name: 'Bakkerij De Gouden Korst BV' },
	lines: [
		{ description: 'Brand refresh – concept design', net: '1020.00', taxCode: '2', taxAmount: '214.20', account: '8000' },
		{ description: 'Artwork for posters', net: '450.00', taxCode: '2', taxAmount: '94.50', account: '8010' },
	],
	totals: { net: '1470.00', tax: '308.70', gross: '1778.70' },
	...changes,
});
/** Totals that agree with the lines, as Ledger Mapping requires. */
function withLines(lines: Array<{ net: string; taxAmount?: string; taxCode?: string; account?: string; description?: string }>) {
	const cents = (value?: string) => Math.round(Number(value ?? '0') * 100);
	const net = lines.reduce((total, line) => total + cents(line.net), 0);
	const tax = lines.reduce((total, line) => total + cents(line.taxAmount), 0);
	return { lines, totals: { net: (net / 100).toFixed(2), tax: (tax / 100).toFixed(2), gross: ((net + tax) / 100).toFixed(2) } };
}
const purchase = (number: string, supplier = '2001', changes: Record<string, unknown> = {}) => ({
	type: 'purchaseInvoice',
	header: { number, date: '2026-06-08', currency: 'EUR' },
	party: { code: supplier, name: 'Drukkerij Inkwell' },
	lines: [{ description: 'A2 posters – 50 copies', net: '70.00', taxCode: '5', taxAmount: '14.70', account: '4010' }],
	totals: { net: '70.00', tax: '14.70', gross: '84.70' },
	...changes,
});

let emulator: ExactEmulator;
let credentials: Record<string, IDataObject>;
beforeEach(async () => {
	// A one-second "minute", so a 429 is waited out in about a second.
	emulator = await startExactEmulator({ minuteMs: 1000 });
	const tokens = emulator.issueTokens();
	credentials = {
		exactOnlineOAuth2Api: {
			region: 'custom',
			baseUrl: emulator.url,
			clientId: SAMPLE_CLIENT.clientId,
			clientSecret: SAMPLE_CLIENT.clientSecret,
			oauthTokenData: { ...tokens, token_type: 'bearer' },
		},
	};
});
afterEach(async () => emulator.close());

async function runExact(documents: unknown[], parameters: INodeParameters = {}) {
	const workflow = nodeWorkflow('exactOnline', 'Exact Online', documents, {
		operation: 'post',
		division: String(SAMPLE_DIVISION.code),
		salesJournal: '70',
		purchaseJournal: '60',
		...parameters,
	});
	workflow.nodes[1].credentials = { exactOnlineOAuth2Api: { id: '1', name: 'Exact emulator' } };
	const result = await runWorkflow(workflow, credentials);
	const run = result.run.data.resultData.runData['Exact Online'][0];
	if (run.error) return { result, error: run.error, posted: [], duplicates: [], rejected: [], summary: undefined };
	const [posted, duplicates, rejected, summary] = result.output('Exact Online');
	return { result, error: undefined, posted, duplicates, rejected: rejected.filter((item) => item.json.kind === 'rejected'), summary: summary[0] };
}

const tokenData = () => credentials.exactOnlineOAuth2Api.oauthTokenData as IDataObject;

describe('Exact Online node: posting sales and purchase entries', () => {
	test('two sales invoices and a purchase invoice are posted once, with GUIDs, journal codes and padded VAT codes; a rerun posts nothing', async () => {
		const documents = [sales('INV-2041'), sales('INV-2042', { party: { code: '1002', name: 'Fietsenwinkel' } }), purchase('INK-88213')];
		const first = await runExact(documents);
		expect(first.error).toBeUndefined();
		expect(first.posted.map((item) => [item.json.documentNumber, item.json.status])).toEqual([
			['INV-2041', 'posted'],
			['INV-2042', 'posted'],
			['INK-88213', 'posted'],
		]);
		expect(first.posted.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const entries = emulator.state.entries;
		expect(entries).toHaveLength(3);
		const invoice = entries.find((entry) => entry.YourRef === 'INV-2041') as unknown as IDataObject;
		expect(invoice.Journal).toBe('70');
		expect(invoice.Customer).toBe(SAMPLE_DIVISION.customers.bakery.id);
		const lines = invoice.Lines as IDataObject[];
		expect(lines.map((line) => [line.GLAccount, line.AmountFC, line.VATCode, line.VATAmountFC])).toEqual([
			[SAMPLE_DIVISION.glAccounts.revenue.id, 1020, '2  ', 214.2],
			[SAMPLE_DIVISION.glAccounts.revenueServices.id, 450, '2  ', 94.5],
		]);
		const bill = entries.find((entry) => entry.YourRef === 'INK-88213') as unknown as IDataObject;
		expect(bill.Journal).toBe('60');
		expect(bill.Supplier).toBe(SAMPLE_DIVISION.suppliers.printer.id);

		expect(first.summary?.json).toMatchObject({ kind: 'runSummary', documents: 3, imported: 3, duplicates: 0, rejected: 0, division: SAMPLE_DIVISION.code });

		const rerun = await runExact(documents);
		expect(rerun.posted).toHaveLength(0);
		expect(rerun.duplicates.map((item) => [item.json.documentNumber, item.json.entryId])).toEqual(
			first.posted.map((item) => [item.json.documentNumber, item.json.entryId]),
		);
		expect(emulator.state.entries).toHaveLength(3);
		// Reference data and the duplicate check only: no request per document.
		expect(rerun.summary?.json.httpRequests).toBeLessThanOrEqual(8);
	});

	test('an invoice whose VAT code does not exist in Exact is rejected with EXACT_VAT_CODE_MISSING and nothing is posted (Exact would post it without tax)', async () => {
		const { posted, rejected } = await runExact([sales('INV-2050', { ...withLines([{ net: '100.00', taxCode: 'T1', taxAmount: '21.00', account: '8000' }]) })]);
		expect(posted).toHaveLength(0);
		expect(rejected[0].json.failureCodes).toEqual(['EXACT_VAT_CODE_MISSING']);
		expect(rejected[0].json.message).toMatch(/INV-2050: line 1 VAT code T1 does not exist in Exact Online/);
		expect(emulator.state.entries).toHaveLength(0);
	});

	test('mismatches are listed together: unknown G/L account, blocked G/L account, unknown payment condition, inactive currency', async () => {
		const { rejected } = await runExact([
			sales('INV-2051', {
				header: { number: 'INV-2051', date: '2026-06-02', currency: 'USD', paymentTerms: '45' },
				...withLines([
					{ net: '100.00', taxCode: '2', account: '8999' },
					{ net: '50.00', taxCode: '2', account: '8020' },
				]),
			}),
		]);
		expect(rejected[0].json.failureCodes).toEqual(['EXACT_GL_ACCOUNT_MISSING', 'EXACT_GL_ACCOUNT_NOT_USABLE', 'EXACT_PAYMENT_CONDITION_MISSING', 'EXACT_CURRENCY_INACTIVE']);
		expect(emulator.state.entries).toHaveLength(0);
	});

	test('a wrong journal stops every sales document with EXACT_JOURNAL_WRONG_TYPE; purchases still post', async () => {
		const { posted, rejected } = await runExact([sales('INV-2052'), purchase('INK-88214')], { salesJournal: SAMPLE_DIVISION.journals.bank });
		expect(rejected.map((item) => item.json.failureCodes)).toEqual([['EXACT_JOURNAL_WRONG_TYPE']]);
		expect(posted.map((item) => item.json.documentNumber)).toEqual(['INK-88214']);
	});

	test('a new customer code is created as a customer (padded code, name, VAT number, country) and its invoice posted against it', async () => {
		const document = sales('INV-2053', {
			party: { code: '1099', name: 'Nordlicht GmbH', vatNumber: 'DE123456789', addresses: [{ country: 'DE' }] },
		});
		const { posted, summary } = await runExact([document]);
		expect(posted[0].json).toMatchObject({ status: 'posted', accountCreated: true });
		const created = emulator.state.accounts.find((account) => account.Name === 'Nordlicht GmbH') as unknown as IDataObject;
		expect(created.Code).toBe('1099'.padStart(18, ' '));
		expect(created).toMatchObject({ Status: 'C', VATNumber: 'DE123456789' });
		expect(String(created.Country).trim()).toBe('DE');
		expect((emulator.state.entries[0] as unknown as IDataObject).Customer).toBe(created.ID);
		expect(summary?.json.createdAccounts).toEqual(['1099']);
	});

	test('new accounts get the node\'s defaults where the document says nothing: payment condition, receivables G/L account, VAT code', async () => {
		const document = sales('INV-2057', { header: { number: 'INV-2057', date: '2026-06-02', currency: 'EUR' }, party: { code: '1098', name: 'Zeefdruk Zuid' } });
		const { posted } = await runExact([document], { newAccounts: { paymentCondition: '14', receivablesGlAccount: '1300', vatCode: '2' } });
		expect(posted).toHaveLength(1);
		const created = emulator.state.accounts.find((account) => account.Name === 'Zeefdruk Zuid') as unknown as IDataObject;
		expect(created).toMatchObject({ PaymentConditionSales: '14', GLAR: SAMPLE_DIVISION.glAccounts.debtors.id });
		expect(String(created.SalesVATCode).trim()).toBe('2');
	});

	test('an account that exists as a prospect is rejected with EXACT_ACCOUNT_WRONG_TYPE, and without an account code with CUSTOMER_CODE_MISSING', async () => {
		const { rejected } = await runExact([
			sales('INV-2054', { party: { code: '3001', name: 'Prospect BV' } }),
			sales('INV-2055', { party: { name: 'No Code Ltd' } }),
		]);
		expect(rejected.map((item) => item.json.failureCodes)).toEqual([['EXACT_ACCOUNT_WRONG_TYPE'], ['CUSTOMER_CODE_MISSING']]);
		expect(rejected[0].json.message).toMatch(/exists in Exact Online but is a prospect/);
	});

	test('a missing G/L account is rejected by default; with "Create Missing G/L Accounts" on it is created first', async () => {
		const document = sales('INV-2056', { ...withLines([{ description: 'Licences', net: '100.00', taxCode: '2', taxAmount: '21.00', account: '8400' }]) });
		const refused = await runExact([document]);
		expect(refused.rejected[0].json.failureCodes).toEqual(['EXACT_GL_ACCOUNT_MISSING']);
		const created = await runExact([document], { createMissingGlAccounts: true });
		expect(created.posted).toHaveLength(1);
		expect(created.summary?.json.createdGlAccounts).toEqual(['8400']);
		expect(emulator.state.glAccounts.some((account) => account.Code === '8400' && account.Type === 110)).toBe(true);
	});

	test('a credit note goes into the sales journal with negative amounts and Exact marks it as a credit note', async () => {
		const { posted } = await runExact([
			{ ...sales('CN-2044'), type: 'salesCredit', ...withLines([{ description: 'Poster reprint', net: '160.00', taxCode: '2', taxAmount: '33.60', account: '8000' }]) },
		]);
		expect(posted).toHaveLength(1);
		const entry = emulator.state.entries[0] as unknown as IDataObject;
		expect(entry.Type).toBe(21);
		expect((entry.Lines as IDataObject[])[0].AmountFC).toBe(-160);
	});

	test('the same supplier invoice number from two suppliers is two invoices; from the same supplier again, a duplicate', async () => {
		await runExact([purchase('A-100', '2001')]);
		const second = await runExact([purchase('A-100', '2002'), purchase('A-100', '2001')]);
		expect(second.posted.map((item) => item.json.accountCode)).toEqual(['2002']);
		expect(second.duplicates.map((item) => item.json.accountCode)).toEqual(['2001']);
	});

	test('Exact refusing an entry (a cost centre it insists on) is EXACT_REJECTED with its own message; the others post', async () => {
		const { posted, rejected } = await runExact([
			purchase('P-1', '2001', { ...withLines([{ description: 'Project materials', net: '10.00', taxCode: '5', taxAmount: '2.10', account: '4500' }]) }),
			purchase('P-2'),
		]);
		expect(rejected[0].json.failureCodes).toEqual(['EXACT_REJECTED']);
		expect(rejected[0].json.message).toMatch(/refused by Exact Online: .*[Cc]ost cent/);
		expect(posted.map((item) => item.json.documentNumber)).toEqual(['P-2']);
	});

	test('a burst of 429s and a maintenance page are waited out: everything is posted exactly once', async () => {
		emulator.faults.burst429(2);
		emulator.faults.maintenance(1);
		const { posted, summary } = await runExact([sales('INV-2060'), sales('INV-2061')]);
		expect(posted).toHaveLength(2);
		expect(emulator.state.entries).toHaveLength(2);
		expect(summary?.json.retries).toBeGreaterThanOrEqual(3);
		expect(emulator.state.countRequests({ status: 429 })).toBe(2);
	}, 30_000);

	test('a connection dropped before Exact took the POST: the entry is looked for, reported EXACT_NOT_CONFIRMED, and the rerun posts it once', async () => {
		const documents = [sales('INV-2070')];
		emulator.faults.dropConnections(1, { method: 'POST' });
		const dropped = await runExact(documents);
		expect(dropped.rejected.map((item) => item.json.failureCodes)).toEqual([['EXACT_NOT_CONFIRMED']]);
		expect(dropped.rejected[0].json.message).toMatch(/running the same input again is safe/i);
		expect(emulator.state.entries).toHaveLength(0);
		const rerun = await runExact(documents);
		expect(rerun.posted).toHaveLength(1);
		expect(emulator.state.entries).toHaveLength(1);
	});

	test('a connection dropped after Exact took the POST: the entry is found and reported posted, never posted twice', async () => {
		emulator.faults.dropConnections(1, { method: 'POST', afterProcessing: true });
		const { posted } = await runExact([sales('INV-2071')]);
		expect(posted.map((item) => item.json.message)).toEqual([expect.stringMatching(/confirmed after Exact did not answer/)]);
		expect(emulator.state.entries).toHaveLength(1);
		expect((await runExact([sales('INV-2071')])).duplicates).toHaveLength(1);
		expect(emulator.state.entries).toHaveLength(1);
	});

	test('"Maximum Documents per Run" posts the first ones and lists the rest as MAX_DOCUMENTS_REACHED', async () => {
		const { posted, rejected } = await runExact([sales('INV-2080'), sales('INV-2081'), sales('INV-2082')], { maxDocuments: 2 });
		expect(posted).toHaveLength(2);
		expect(rejected.map((item) => [item.json.documentNumber, item.json.failureCodes])).toEqual([['INV-2082', ['MAX_DOCUMENTS_REACHED']]]);
	});

	test('the Run Summary carries the import log as a CSV with the failure-code table', async () => {
		const { result, summary } = await runExact([sales('INV-2090', { party: { code: '3001', name: 'Prospect BV' } })]);
		const csv = await result.binaryText(summary!.binary!.importLog);
		expect(csv).toMatch(/INV-2090.*EXACT_ACCOUNT_WRONG_TYPE/);
		expect(csv).toMatch(/FAILURE CODE TABLE/);
	});
});

describe('Exact Online node: never twice, nothing lost', () => {
	const yourRefs = () => emulator.state.entries.map((entry) => String((entry as unknown as IDataObject).YourRef)).sort();

	test('two runs of the same 30 invoices at the same moment: each invoice is in Exact once, and each run accounts for all 30', async () => {
		const documents = Array.from({ length: 30 }, (_, index) => sales(`INV-31${String(index).padStart(2, '0')}`));
		const [a, b] = await Promise.all([runExact(documents), runExact(documents)]);
		expect(yourRefs()).toEqual(documents.map((document) => document.header.number).sort());
		for (const run of [a, b]) {
			expect(run.error).toBeUndefined();
			expect(run.posted.length + run.duplicates.length).toBe(30);
			expect(run.rejected).toEqual([]);
		}
		expect(a.posted.length + b.posted.length).toBe(30);
	});

	test('two runs creating the same new customer at once: one creates it, the other reads it after "Already exists" and posts against it', async () => {
		const newcomer = { code: '1099', name: 'Nieuwe Klant BV' };
		const [a, b] = await Promise.all([runExact([sales('INV-3201', { party: newcomer })]), runExact([sales('INV-3202', { party: newcomer })])]);
		expect([...a.rejected, ...b.rejected].map((item) => item.json.message)).toEqual([]);
		expect(emulator.state.accounts.filter((account) => account.Code.trim() === '1099')).toHaveLength(1);
		expect(yourRefs()).toEqual(['INV-3201', 'INV-3202']);
	});

	test('a lost answer, then an outage: every document ends on an output and in the journal, the run stops after three unanswered documents, and the next run posts each exactly once', async () => {
		const documents = Array.from({ length: 6 }, (_, index) => sales(`INV-33${index + 1}0`));
		// The first POST is carried out but its answer lost; from then on Exact answers nothing but 503.
		emulator.faults.dropConnections(1, { method: 'POST', afterProcessing: true }).serverErrors(18);
		const during = await runExact(documents);
		expect(during.error).toBeUndefined();
		expect(during.posted).toEqual([]);
		expect(during.rejected.map((item) => [item.json.documentNumber, item.json.failureCodes])).toEqual([
			['INV-3310', ['POSTING_UNCONFIRMED']],
			// Exact's answer is its maintenance page: nothing was processed, so these are known not to be in Exact.
			['INV-3320', ['EXACT_NOT_CONFIRMED']],
			['INV-3330', ['EXACT_NOT_CONFIRMED']],
			['INV-3340', ['TARGET_UNREACHABLE']],
			['INV-3350', ['TARGET_UNREACHABLE']],
			['INV-3360', ['TARGET_UNREACHABLE']],
		]);
		expect(during.rejected[0].json.message).toMatch(/whether it arrived is not known yet: the next run asks Exact before sending it again/i);
		expect(during.rejected[3].json.message).toMatch(/was not sent: Exact Online did not answer for 3 documents in a row/);
		expect(during.summary?.json).toMatchObject({ documents: 6, imported: 0, rejected: 6, unconfirmed: 1, notSent: 3 });
		expect(yourRefs()).toEqual(['INV-3310']);
		// And in the journal: each with the state the next run starts from.
		const journal = await openJournal({ kind: 'embedded' });
		const recorded = await journal.find({ system: 'exactOnline', scope: `${new URL(emulator.url).host}/${SAMPLE_DIVISION.code}` });
		expect(Object.fromEntries(recorded.map((entry) => [entry.documentNumber, entry.state]))).toEqual({
			'INV-3310': 'unconfirmed',
			'INV-3320': 'rejected',
			'INV-3330': 'rejected',
			'INV-3340': 'notSent',
			'INV-3350': 'notSent',
			'INV-3360': 'notSent',
		});

		emulator.faults.clear();
		const after = await runExact(documents);
		expect(after.duplicates.map((item) => [item.json.documentNumber, item.json.foundIn])).toEqual([['INV-3310', 'target']]);
		expect(after.posted.map((item) => item.json.documentNumber)).toEqual(['INV-3320', 'INV-3330', 'INV-3340', 'INV-3350', 'INV-3360']);
		expect(yourRefs()).toEqual(documents.map((document) => document.header.number));
	}, 120_000);

	test('a dry run shows the entry that would be posted and the account that would be created; nothing is sent, nothing claimed', async () => {
		const documents = [sales('INV-3401', { party: { code: '1098', name: 'Nog Een Klant BV' } })];
		const dry = await runExact(documents, { dryRun: true });
		expect(dry.posted.map((item) => [item.json.status, item.json.message])).toEqual([['preview', 'Sales invoice INV-3401 would be posted to Exact Online journal 70, after creating customer 1098.']]);
		const preview = dry.posted[0].json.preview as { resource: string; entry: IDataObject; createsAccount: IDataObject };
		expect(preview.resource).toBe('salesentry/SalesEntries');
		expect(preview.entry).toMatchObject({ Journal: '70', YourRef: 'INV-3401' });
		expect(preview.createsAccount).toMatchObject({ Name: 'Nog Een Klant BV' });
		expect(emulator.state.countRequests({ method: 'POST' })).toBe(0);
		expect((await runExact(documents)).posted).toHaveLength(1);
	});
});

describe('Exact Online node: tokens', () => {
	test('an expired access token of unknown age is refreshed once after the 401, and the new one-time refresh token is stored in the credential', async () => {
		const before = tokenData();
		emulator.faults.expireAccessTokens();
		const { posted } = await runExact([sales('INV-3001')]);
		expect(posted).toHaveLength(1);
		expect(emulator.state.refreshCount).toBe(1);
		const after = tokenData();
		expect(after.refresh_token).not.toBe(before.refresh_token);
		expect(after.access_token).not.toBe(before.access_token);
		expect(typeof after.ledgerBridgeExpiresAt).toBe('number');
	});

	test('a stored token known to be about to expire is refreshed before the first request, with no 401', async () => {
		const now = Date.now();
		credentials.exactOnlineOAuth2Api.oauthTokenData = { ...tokenData(), ledgerBridgeExpiresAt: now + 10_000 };
		const errorsBefore = emulator.state.errorCount;
		// The emulator only lets a token be refreshed 570 s after it was issued.
		const early = await startExactEmulator({ earliestRefreshSeconds: 0 });
		try {
			const tokens = early.issueTokens();
			credentials.exactOnlineOAuth2Api = { ...credentials.exactOnlineOAuth2Api, baseUrl: early.url, oauthTokenData: { ...tokens, ledgerBridgeExpiresAt: now + 10_000 } };
			const workflow = nodeWorkflow('exactOnline', 'Exact Online', [sales('INV-3002')], { operation: 'post', division: '', salesJournal: '70', purchaseJournal: '60' });
			workflow.nodes[1].credentials = { exactOnlineOAuth2Api: { id: '1', name: 'Exact emulator' } };
			const result = await runWorkflow(workflow, credentials);
			expect(result.output('Exact Online')[0]).toHaveLength(1);
			expect(early.state.refreshCount).toBe(1);
			expect(early.state.countRequests({ status: 401 })).toBe(0);
			expect(tokenData().refresh_token).not.toBe(tokens.refresh_token);
		} finally {
			await early.close();
		}
		expect(emulator.state.errorCount).toBe(errorsBefore);
	});

	test('no token or secret appears in the run data when Exact refuses the credential', async () => {
		credentials.exactOnlineOAuth2Api.oauthTokenData = { access_token: 'not-a-token', refresh_token: 'spent-refresh-token', expires_in: '600' };
		const { error, result } = await runExact([sales('INV-3003')]);
		expect(error?.message).toMatch(/reconnect|Exact Online/i);
		const serialised = JSON.stringify(result.run);
		for (const secret of ['not-a-token', 'spent-refresh-token', SAMPLE_CLIENT.clientSecret]) expect(serialised).not.toContain(secret);
	});
});

describe('Exact Online node: payment status and look-ups', () => {
	test('payment status of posted invoices: fully paid, part paid, not paid, not in Exact', async () => {
		await runExact([sales('INV-4001'), sales('INV-4002'), sales('INV-4003')]);
		emulator.state.pay('INV-4001', '1778.70', '2026-07-01');
		emulator.state.pay('INV-4002', '500.00', '2026-07-03');
		const workflow = nodeWorkflow(
			'exactOnline',
			'Exact Online',
			['INV-4001', 'INV-4002', 'INV-4003', 'INV-9999'].map((number) => ({ documentNumber: number })),
			{ operation: 'paymentStatus', division: String(SAMPLE_DIVISION.code) },
		);
		workflow.nodes[1].credentials = { exactOnlineOAuth2Api: { id: '1', name: 'Exact emulator' } };
		const outputs = (await runWorkflow(workflow, credentials)).output('Exact Online');
		expect(nodeOutputNames('exactOnline', { operation: 'paymentStatus' })).toEqual(['Payment Status']);
		expect(outputs).toHaveLength(1);
		const [statuses] = outputs;
		expect(statuses.map((item) => item.json)).toEqual([
			expect.objectContaining({ invoiceNumber: 'INV-4001', found: true, amount: '1778.70', amountPaid: '1778.70', outstanding: '0.00', fullyPaid: true, lastPaymentDate: '2026-07-01' }),
			expect.objectContaining({ invoiceNumber: 'INV-4002', found: true, amountPaid: '500.00', outstanding: '1278.70', fullyPaid: false, lastPaymentDate: '2026-07-03' }),
			expect.objectContaining({ invoiceNumber: 'INV-4003', found: true, amountPaid: '0.00', outstanding: '1778.70', fullyPaid: false }),
			{ invoiceNumber: 'INV-9999', found: false },
		]);
	});

	test('Look Up "Mapping Tables" gives Ledger Mapping identity tables of usable codes, without Exact\'s padding', async () => {
		const workflow = nodeWorkflow('exactOnline', 'Exact Online', [{}], { operation: 'lookUp', lookUp: 'mappingTables', division: '' });
		workflow.nodes[1].credentials = { exactOnlineOAuth2Api: { id: '1', name: 'Exact emulator' } };
		const outputs = (await runWorkflow(workflow, credentials)).output('Exact Online');
		expect([nodeOutputNames('exactOnline', { operation: 'lookUp', lookUp: 'mappingTables' }), outputs.length]).toEqual([['Codes'], 1]);
		const [[tables]] = outputs;
		expect(tables.json.taxCode).toMatchObject({ '2': '2', '5': '5' });
		expect(Object.keys(tables.json.taxCode as IDataObject)).not.toContain('7');
		expect(tables.json.account).toMatchObject({ '8000': '8000', '4010': '4010' });
		expect(Object.keys(tables.json.account as IDataObject)).not.toContain('8020');
		expect(tables.json.currency).toEqual({ EUR: 'EUR', GBP: 'GBP' });
	});
});

describe('the sample "Streamtime exports → Exact Online" workflow', () => {
	test('six invoices from the sample export: three posted (one customer created), three rejected with the code that names the mismatch; a rerun posts nothing', async () => {
		const root = path.join(__dirname, '..', '..');
		const workflow = JSON.parse(readFileSync(path.join(root, 'workflows', 'streamtime-to-exact.json'), 'utf8')) as WorkflowJson;
		const trigger = workflow.nodes[0];
		Object.assign(trigger, { type: 'test.testItems', parameters: { items: '[{}]' } });
		withoutN8nNodes(workflow);
		const file = workflow.nodes.find((node) => node.type.endsWith('.streamtimeFile'))!;
		file.parameters.filePath = path.join(root, 'workflows', 'samples', 'streamtime', 'exact-june-invoices.txt');
		const run = async () => {
			const result = await runWorkflow(workflow, credentials);
			const [posted, duplicates, rejected] = result.output('Exact Online');
			return { posted, duplicates, rejected, mappingRejected: result.output('Ledger Mapping')[1].filter((item) => item.json.kind === 'rejected') };
		};
		const first = await run();
		expect(first.mappingRejected).toHaveLength(0);
		expect(first.posted.map((item) => [item.json.documentNumber, item.json.accountCreated])).toEqual([
			['INV-3101', false],
			['INV-3102', false],
			['INV-3103', true],
		]);
		expect(first.rejected.map((item) => [item.json.documentNumber, item.json.failureCodes])).toEqual([
			['INV-3104', ['EXACT_ACCOUNT_WRONG_TYPE']],
			['INV-3105', ['EXACT_VAT_CODE_MISSING']],
			['INV-3106', ['EXACT_GL_ACCOUNT_MISSING']],
		]);
		const zeroRated = emulator.state.entries.find((entry) => entry.YourRef === 'INV-3103') as unknown as IDataObject;
		expect((zeroRated.Lines as IDataObject[])[0].VATCode).toBe(SAMPLE_DIVISION.vatCodes.salesZero);

		const rerun = await run();
		expect(rerun.posted).toHaveLength(0);
		expect(rerun.duplicates.map((item) => item.json.documentNumber)).toEqual(['INV-3101', 'INV-3102', 'INV-3103']);
		expect(emulator.state.entries).toHaveLength(3);
	});
});

/** A loadOptions method as the editor calls it: n8n-core's LoadOptionsContext, HTTP to the emulator. */
async function loadOptions(method: string, parameters: INodeParameters = { operation: 'post', division: '' }): Promise<INodePropertyOptions[]> {
	const nodeType = new ExactOnline();
	const node: INode = {
		id: '1',
		name: 'Exact Online',
		type: 'n8n-nodes-ledger-bridge.exactOnline',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { exactOnlineOAuth2Api: { id: '1', name: 'Exact emulator' } },
	};
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ id: 'editor', nodes: [node], connections: {}, nodeTypes, active: false });
	const additionalData = {
		currentNodeParameters: parameters,
		credentialsHelper: { getDecrypted: async (_data: unknown, _nodeCredentials: unknown, type: string) => credentials[type] ?? {}, isCredentialUsableByNode: () => true },
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.options');
	return await (nodeType.methods.loadOptions as Record<string, (this: LoadOptionsContext) => Promise<INodePropertyOptions[]>>)[method].call(context);
}

describe('Exact Online node: dropdowns', () => {
	test('divisions are offered by the code the API uses, with the HID Exact\'s screens show beside it', async () => {
		const options = await loadOptions('getDivisions');
		expect(options[0]).toEqual({ name: 'Current Division of the Connected User', value: '' });
		const main = options.find((option) => option.value === String(SAMPLE_DIVISION.code));
		expect(main?.name).toMatch(/Ledger Bridge Demo BV — 1234567 \(current\)/);
		expect(main?.description).toMatch(/shows it as 1/);
		expect(options.map((option) => option.value)).toContain(String(SAMPLE_DIVISION.otherDivision.code));
	});

	test('journals are filtered by type; VAT codes come without Exact\'s padding and without blocked ones', async () => {
		expect((await loadOptions('getSalesJournals')).map((option) => option.value)).toEqual(['70', '71']);
		expect((await loadOptions('getPurchaseJournals')).map((option) => option.value)).toEqual(['60', '61']);
		const vat = (await loadOptions('getVatCodes')).map((option) => option.value);
		expect(vat).toEqual(['0', '1', '2', '3', '5', '6']);
	});

	test('the receivables and payables accounts for new customers and suppliers list only debtors and creditors G/L accounts', async () => {
		expect(await loadOptions('getReceivablesGlAccounts')).toEqual([{ name: '1300 — Debiteuren / Debtors', value: '1300' }]);
		expect(await loadOptions('getPayablesGlAccounts')).toEqual([{ name: '1600 — Crediteuren / Creditors', value: '1600' }]);
	});

	test('a division typed as the HID from Exact\'s company list gets a message that explains the trap', async () => {
		await expect(loadOptions('getSalesJournals', { operation: 'post', division: 'Demo BV' })).rejects.toThrow(/not a division code/);
		const hid = await loadOptions('getSalesJournals', { operation: 'post', division: String(SAMPLE_DIVISION.inaccessibleDivision) }).catch((error: NodeOperationError) => error);
		expect((hid as NodeOperationError).description).toMatch(/not the small number Exact's company list shows under "Code" \(that is the HID\)/);
	});
});

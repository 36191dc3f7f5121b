/**
 * The ConnectWise Manage emulator keeps ConnectWise's rules
 * (../../../../shared/reference/connectwise-manage.md): these tests read like the traps a
 * client has to survive on the way from the accounting interface into Sage 50 and back.
 */
import {
	SAMPLE_KEYS,
	SAMPLE_MANAGE,
	startConnectWiseEmulator,
	type ConnectWiseEmulator,
	type ConnectWiseEmulatorOptions,
} from '../../emulators/connectwise';

interface ErrorBody {
	code: string;
	message: string;
	errors?: Array<{ code: string; message: string; resource: string; field: string }>;
}

interface Answer<T = unknown> {
	status: number;
	headers: Headers;
	body: T;
}

/** Answers are read loosely: the assertions say what matters. */
type Json = Record<string, any>;

const { invoices, customers, procurement, expenseReports } = SAMPLE_MANAGE;

const running: ConnectWiseEmulator[] = [];

async function start(options: ConnectWiseEmulatorOptions = {}): Promise<ConnectWiseEmulator> {
	const emulator = await startConnectWiseEmulator(options);
	running.push(emulator);
	return emulator;
}

afterAll(async () => {
	await Promise.all(running.map((emulator) => emulator.close()));
});

function basic(publicKey: string = SAMPLE_KEYS.publicKey, privateKey: string = SAMPLE_KEYS.privateKey, companyId: string = SAMPLE_KEYS.companyId): string {
	return `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`;
}

/** A client as an integration would be: Basic keys, clientId, a pinned model version. */
function client(emulator: ConnectWiseEmulator, headers: Record<string, string> = {}) {
	const base: Record<string, string> = {
		Authorization: basic(),
		clientId: SAMPLE_KEYS.clientId,
		Accept: 'application/vnd.connectwise.com+json; version=2025.1',
	};
	const call = async <T = Json>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Answer<T>> => {
		const response = await fetch(path.startsWith('http') ? path : `${emulator.apiUrl}/${path}`, {
			method,
			headers: { ...base, ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...extra },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
	};
	return {
		get: <T = Json>(path: string, extra?: Record<string, string>) => call<T>('GET', path, undefined, extra),
		post: <T = Json>(path: string, body: unknown, extra?: Record<string, string>) => call<T>('POST', path, body, extra),
		patch: <T = Json>(path: string, body: unknown) => call<T>('PATCH', path, body),
		put: <T = Json>(path: string, body: unknown) => call<T>('PUT', path, body),
		delete: (path: string) => call('DELETE', path),
	};
}

/** The Link header as { rel: url }. */
function links(headers: Headers): Record<string, string> {
	const found: Record<string, string> = {};
	for (const match of (headers.get('link') ?? '').matchAll(/<([^>]+)>;\s*rel="(\w+)"/g)) found[match[2]] = match[1];
	return found;
}

const conditions = (text: string) => `conditions=${encodeURIComponent(text)}`;

const exportAll = { exportInvoicesFlag: true, exportExpensesFlag: true, exportProductsFlag: true };

describe('finding the site and signing calls (§1)', () => {
	let emulator: ConnectWiseEmulator;
	beforeAll(async () => {
		emulator = await start();
	});

	test('companyinfo needs no auth and names the codebase the API lives under', async () => {
		const response = await fetch(`${emulator.url}/login/companyinfo/${SAMPLE_KEYS.companyId}`);
		expect(response.status).toBe(200);
		const info = (await response.json()) as Json;
		expect(info).toMatchObject({ CompanyName: SAMPLE_MANAGE.companyName, Codebase: 'v2025_1/', VersionCode: 'v2025.1', CompanyID: SAMPLE_KEYS.companyId, IsCloud: true });
		expect(info.SiteUrl).toBe(emulator.url.replace('http://', ''));

		const built = `${emulator.url}/${info.Codebase}apis/3.0/system/members`;
		expect(built).toBe(`${emulator.apiUrl}/system/members`);
		expect((await client(emulator).get(built)).status).toBe(200);

		// A company id the site does not know: 200 with null, so a Codebase must be checked for.
		const unknown = await fetch(`${emulator.url}/login/companyinfo/nosuchcompany`);
		expect(unknown.status).toBe(200);
		expect(await unknown.json()).toBeNull();
	});

	test('an on-premise codebase in the URL is not this site: 404 pointing at companyinfo', async () => {
		const response = await client(emulator).get(`${emulator.url}/v4_6_release/apis/3.0/system/members`);
		expect(response.status).toBe(404);
		expect((response.body as ErrorBody).message).toContain('/login/companyinfo/');
	});

	test('a call without Basic keys, or with a wrong private key, is refused with 401 Unauthorized', async () => {
		const anonymous = await fetch(`${emulator.apiUrl}/system/members`, { headers: { clientId: SAMPLE_KEYS.clientId } });
		expect(anonymous.status).toBe(401);
		expect(await anonymous.json()).toMatchObject({ code: 'Unauthorized' });

		const wrong = await client(emulator, { Authorization: basic(SAMPLE_KEYS.publicKey, 'not-the-key') }).get('system/members');
		expect(wrong.status).toBe(401);
		expect(wrong.body).toMatchObject({ code: 'Unauthorized' });

		const otherCompany = await client(emulator, { Authorization: basic(undefined, undefined, 'someoneelse') }).get('system/members');
		expect(otherCompany.status).toBe(401);
	});

	test('every API call needs a clientId GUID: without one it is refused with 401 naming the header', async () => {
		const missing = await fetch(`${emulator.apiUrl}/system/members`, { headers: { Authorization: basic() } });
		expect(missing.status).toBe(401);
		expect(((await missing.json()) as ErrorBody).message).toMatch(/clientId/);

		const notAGuid = await client(emulator, { clientId: 'my-integration' }).get('system/members');
		expect(notAGuid.status).toBe(401);
		expect((notAGuid.body as ErrorBody).message).toMatch(/GUID/);
	});

	test('a model version like 3.0.0 in Accept is refused as connectwise-rest#35 shows; application/json is fine', async () => {
		const refused = await client(emulator, { Accept: 'application/vnd.connectwise.com+json; version=3.0.0' }).get('system/members');
		expect(refused.status).toBe(400);
		expect(refused.body).toMatchObject({ code: 'ConnectWiseApi' });
		expect((refused.body as ErrorBody).message).toContain("does not support the API version '0.0'");

		expect((await client(emulator, { Accept: 'application/json' }).get('system/members')).status).toBe(200);
	});

	test('member impersonation: the integrator login buys keys that then sign calls as the member', async () => {
		const integrator = basic(SAMPLE_MANAGE.integratorLogin.username, SAMPLE_MANAGE.integratorLogin.password);
		const api = client(emulator, { Authorization: integrator });
		const noUserType = await api.post('system/members/jsmith/tokens', { memberIdentifier: 'jsmith' });
		expect(noUserType.status).toBe(400);

		const issued = await api.post<{ publicKey: string; privateKey: string; expiration: string }>('system/members/jsmith/tokens', { memberIdentifier: 'jsmith' }, { 'x-cw-usertype': 'member' });
		expect(issued.status).toBe(200);
		expect(issued.body).toEqual({ publicKey: expect.any(String), privateKey: expect.any(String), expiration: expect.stringMatching(/Z$/) });

		const asMember = client(emulator, { Authorization: basic(issued.body.publicKey, issued.body.privateKey) });
		expect((await asMember.get('system/members/count')).body).toEqual({ count: 3 });
		// The integrator login itself signs nothing else.
		expect((await api.get('system/members')).status).toBe(401);
	});
});

describe('paging through lists (§2)', () => {
	let emulator: ConnectWiseEmulator;
	beforeAll(async () => {
		emulator = await start({ generated: { invoices: 60, customers: 5 } });
	});

	test('25 records by default, with first/next/last links and no prev on page 1', async () => {
		const first = await client(emulator).get<Json[]>('finance/invoices');
		expect(first.status).toBe(200);
		expect(first.body).toHaveLength(25);
		const rel = links(first.headers);
		expect(Object.keys(rel).sort()).toEqual(['first', 'last', 'next']);
		expect(new URL(rel.next).searchParams.get('page')).toBe('2');
		expect(new URL(rel.last).searchParams.get('page')).toBe('3');
	});

	test('following next keeps conditions and pageSize, and the last page has prev but no next', async () => {
		const api = client(emulator);
		const seen: number[] = [];
		let url: string | undefined = `finance/invoices?pageSize=20&${conditions('invoiceNumber like "GEN-*"')}`;
		let last: Answer<Json[]> | undefined;
		while (url) {
			last = await api.get<Json[]>(url);
			seen.push(...last.body.map((invoice) => invoice.id as number));
			url = links(last.headers).next;
		}
		expect(seen).toHaveLength(60);
		expect(new Set(seen).size).toBe(60);
		expect(Object.keys(links((last as Answer).headers)).sort()).toEqual(['first', 'last', 'prev']);
	});

	test('a pageSize over 1,000 is refused with OutOfRange, not clamped', async () => {
		const response = await client(emulator).get('finance/invoices?pageSize=1001');
		expect(response.status).toBe(400);
		expect((response.body as ErrorBody).errors?.[0]).toMatchObject({ code: 'OutOfRange', field: 'pageSize' });
	});

	test('forward-only paging walks by id after pageId, always links to the next pageId and refuses orderBy', async () => {
		const api = client(emulator, { 'pagination-type': 'forward-only' });
		const first = await api.get<Json[]>('finance/invoices?pageSize=30');
		expect(first.body.map((invoice) => invoice.id)).toEqual([...first.body.map((invoice) => invoice.id as number)].sort((a, b) => a - b));
		const next = new URL(links(first.headers).next);
		expect(next.searchParams.get('pageId')).toBe(String(first.body[29].id));

		const second = await api.get<Json[]>(next.toString());
		expect(second.body[0].id).toBeGreaterThan(first.body[29].id);
		const third = await api.get<Json[]>(links(second.headers).next);
		expect(third.body.length).toBeLessThan(30);
		expect(links(third.headers).next).toBeDefined();

		const ordered = await api.get('finance/invoices?orderBy=total desc');
		expect(ordered.status).toBe(400);
		expect((ordered.body as ErrorBody).errors?.[0].field).toBe('orderBy');
	});

	test('orderBy, fields and /count', async () => {
		const api = client(emulator);
		const byTotal = await api.get<Json[]>('finance/invoices?orderBy=total desc&pageSize=3&fields=id,invoiceNumber,total,company/identifier');
		expect(byTotal.body[0]).toEqual({ id: invoices.downPayment.id, invoiceNumber: 'INV-1004', total: 2500, company: { identifier: 'DSEDFOUND' } });
		expect(byTotal.body[0].total).toBeGreaterThanOrEqual(byTotal.body[1].total);
		expect((await api.get('finance/invoices/count')).body).toEqual({ count: 69 });
	});

	test('10,000 generated invoices come back in ten pages of 1,000', async () => {
		const bulk = await start({ generated: { invoices: 10_000, customers: 200 } });
		const api = client(bulk);
		let url: string | undefined = `finance/invoices?pageSize=1000&${conditions('invoiceNumber like "GEN-*"')}&fields=id,invoiceNumber,total`;
		let requests = 0;
		let rows = 0;
		while (url) {
			const page: Answer<Json[]> = await api.get<Json[]>(url);
			requests += 1;
			rows += page.body.length;
			url = links(page.headers).next;
		}
		expect({ requests, rows }).toEqual({ requests: 10, rows: 10_000 });
	}, 60_000);
});

describe('conditions (§2)', () => {
	let emulator: ConnectWiseEmulator;
	beforeAll(async () => {
		emulator = await start();
	});

	const numbers = async (query: string): Promise<string[]> => {
		const response = await client(emulator).get<Json[]>(`finance/invoices?${query}&pageSize=100`);
		expect(response.status).toBe(200);
		return response.body.map((invoice) => invoice.invoiceNumber as string).sort();
	};

	test('in (…) with quoted strings and with bare integers', async () => {
		expect(await numbers(conditions('invoiceNumber in ("INV-1001","INV-1003")'))).toEqual(['INV-1001', 'INV-1003']);
		expect(await numbers(conditions(`id in (${invoices.agreement.id}, ${invoices.creditMemo.id})`))).toEqual(['INV-1002', 'INV-1007']);
	});

	test('* wildcards with like, references with /, and AND/OR with parentheses', async () => {
		expect(await numbers(conditions('company/identifier like "acme*"'))).toEqual(['INV-1001', 'INV-1006', 'INV-1007']);
		expect(await numbers(conditions(`company/id = ${customers.cedarPark.id} and (type = "Agreement" OR type = "CreditMemo")`))).toEqual(['INV-1008']);
		expect(await numbers(conditions('company/name contains "dental" AND status/isClosed = false'))).toEqual(['INV-1009']);
	});

	test('numbers, [date-times] and null compare as ConnectWise compares them', async () => {
		expect(await numbers(conditions('total < 0'))).toEqual(['INV-1007']);
		expect(await numbers(conditions('date >= [2025-01-27T00:00:00Z] AND date < [2025-02-01T00:00:00Z]'))).toEqual(['INV-1002', 'INV-1007', 'INV-1008']);
		expect(await numbers(conditions('accountNumber = null'))).toEqual(['INV-1005']);
		const companies = await client(emulator).get<Json[]>(`company/companies?${conditions('isVendorFlag = true')}`);
		expect(companies.body.map((company) => company.vendorIdentifier)).toEqual(['INGRAM01', 'TDSYNX01']);
	});

	test('a malformed condition is a 400 naming the field conditions', async () => {
		for (const text of ['invoiceNumber = ', "invoiceNumber = 'INV-1001'", 'invoiceNumber == "INV-1001"', '(id = 301', 'nosuchfield = 1', 'date > "2025-01-01"']) {
			const response = await client(emulator).get(`finance/invoices?${conditions(text)}`);
			expect({ text, status: response.status }).toEqual({ text, status: 400 });
			expect((response.body as ErrorBody).errors?.[0]).toMatchObject({ field: 'conditions' });
		}
	});

	test('/count honours conditions', async () => {
		const response = await client(emulator).get(`finance/invoices/count?${conditions('type = "Standard"')}`);
		expect(response.body).toEqual({ count: 4 });
	});

	test('a URL over 2,000 characters is refused with 414: chunk long in (…) lists', async () => {
		const many = Array.from({ length: 250 }, (_, index) => `"INV-${5000 + index}"`).join(',');
		const response = await client(emulator).get(`finance/invoices?${conditions(`invoiceNumber in (${many})`)}`);
		expect(response.status).toBe(414);
		expect((response.body as ErrorBody).message).toMatch(/2000/);
	});
});

describe('exporting unposted documents (§3, §6)', () => {
	let emulator: ConnectWiseEmulator;
	let glExport: Json;
	beforeAll(async () => {
		emulator = await start();
		glExport = (await client(emulator).post('finance/accounting/export', { batchIdentifier: 'EXPORT-ONLY', ...exportAll })).body;
	});

	const transactionOf = (exported: Json, number: string): Json => exported.transactions.find((transaction: Json) => transaction.documentNumber === number);

	test('only closed invoices are unposted: the open INV-1009 is neither listed nor exported', async () => {
		const api = client(emulator);
		expect((await api.get('finance/accounting/unpostedinvoices/count')).body).toEqual({ count: SAMPLE_MANAGE.unposted.invoices });
		const listed = await api.get<Json[]>('finance/accounting/unpostedinvoices?pageSize=100');
		expect(listed.body.map((invoice) => invoice.invoiceNumber)).not.toContain(invoices.open.invoiceNumber);
		expect(listed.body[0].dueDays).toBe('30');
		expect(glExport.transactions.map((transaction: Json) => transaction.documentNumber)).not.toContain(invoices.open.invoiceNumber);
		expect((await api.get('finance/accounting/unpostedexpenses/count')).body).toEqual({ count: SAMPLE_MANAGE.unposted.expenses });
		expect((await api.get('finance/accounting/unpostedprocurement/count')).body).toEqual({ count: SAMPLE_MANAGE.unposted.procurement });
	});

	test('an invoice travels with glEntryIds as one comma-separated string and credit-signed detail lines', () => {
		const standard = transactionOf(glExport, 'INV-1001');
		expect(standard).toMatchObject({ glTypeId: 'AR', documentType: 'INVOICE', billingType: 'Standard', companyAccountNumber: 'ACME001', accountNumber: '1200', total: 2242.94, salesTax: 170.94 });
		expect(standard.glEntryIds).toBe(invoices.standard.glEntryIds.join(','));
		const revenue = standard.detail.filter((line: Json) => line.glTypeId === 'RP');
		const tax = standard.detail.filter((line: Json) => line.glTypeId === 'ST');
		expect(revenue.every((line: Json) => line.total < 0 && line.quantity < 0)).toBe(true);
		expect(tax.map((line: Json) => [line.accountNumber, line.taxCodeXref, line.total])).toEqual([
			['2200', 'STATE', -129.5],
			['2200', 'CITY', -41.44],
		]);
		const laptop = revenue.find((line: Json) => line.item?.identifier === 'LAT5450');
		expect(laptop).toMatchObject({ accountNumber: '4100', itemTypeXref: 'Inventory Part', quantity: -1, total: -1499 });
		expect(standard.taxLevels).toEqual([
			{ taxLevel: 1, taxCodeXref: 'STATE', taxAmount: 129.5, taxableAmount: 2072 },
			{ taxLevel: 3, taxCodeXref: 'CITY', taxAmount: 41.44, taxableAmount: 2072 },
		]);
	});

	test('each invoice type is there; the credit memo has negative totals and positive detail lines', () => {
		const types = glExport.transactions.map((transaction: Json) => transaction.billingType);
		expect(new Set(types)).toEqual(new Set(['Standard', 'Agreement', 'Miscellaneous', 'DownPayment', 'CreditMemo']));
		const credit = transactionOf(glExport, 'INV-1007');
		expect(credit).toMatchObject({ documentType: 'CREDIT MEMO', total: -162.38 });
		expect(credit.detail.map((line: Json) => line.total)).toEqual([150, 9.38, 3]);
		expect(transactionOf(glExport, 'INV-1004').detail).toEqual([expect.objectContaining({ accountNumber: '2300', total: -2500 })]);
	});

	test('the customer without an account number comes through without companyAccountNumber', () => {
		expect(transactionOf(glExport, 'INV-1005')).not.toHaveProperty('companyAccountNumber');
		const loneStar = glExport.customers.find((customer: Json) => customer.company.id === customers.loneStar.id);
		expect(loneStar).not.toHaveProperty('accountNumber');
	});

	test('Default, Condensed and Detailed change how many revenue lines an invoice has', async () => {
		const revenueLines = async (summarizeInvoices: string) => {
			const exported = (await client(emulator).post('finance/accounting/export', { exportInvoicesFlag: true, includedInvoiceIds: [invoices.standard.id], summarizeInvoices })).body;
			return transactionOf(exported, 'INV-1001').detail.filter((line: Json) => line.glTypeId === 'RP');
		};
		expect((await revenueLines('Default')).map((line: Json) => line.description)).toEqual(['Service', 'Dell Latitude 5450 laptop', '10ft Cat6 patch cable']);
		expect((await revenueLines('Condensed')).map((line: Json) => [line.accountNumber, line.total])).toEqual([
			['4000', -525],
			['4100', -1547],
		]);
		const detailed = await revenueLines('Detailed');
		expect(detailed).toHaveLength(4);
		expect(detailed[0].description).toBe('Ticket #4512 - Set up laptop for new hire');
	});

	test('expense bills carry member and vendorNumber, and detail ids as an int array', () => {
		const bill = glExport.expenseBills.find((item: Json) => item.id === expenseReports.jsmith.id);
		expect(bill).toMatchObject({ member: { identifier: 'jsmith' }, vendorNumber: 'EMP-JSMITH', apAccountNumber: '2000', total: 273 });
		expect(bill.detail).toEqual([expect.objectContaining({ id: [20001, 20002], accountNumber: '6000', glTypeId: 'EE', total: 273 })]);
		const withoutVendor = glExport.expenseBills.find((item: Json) => item.id === expenseReports.apatel.id);
		expect(withoutVendor).not.toHaveProperty('vendorNumber');
		expect(glExport.expenses).toEqual([]);
	});

	test('receipts carry vendorNumber and packingSlip; the vendor invoice number only where it has arrived', () => {
		const [withInvoice, withoutInvoice] = glExport.purchaseTransactions as Json[];
		expect(withInvoice).toMatchObject({ id: 'PO #PO-2025-0007, Packing Slip: PS-88123', vendorNumber: 'INGRAM01', packingSlip: 'PS-88123', vendorInvoiceNumber: procurement.ingramReceipt.vendorInvoiceNumber });
		expect(withInvoice.purchaseDetail.map((line: Json) => [line.id, line.accountNumber, line.quantity, line.total])).toEqual([
			[30001, '1400', -5, -5250],
			[30002, '5000', -10, -40],
		]);
		expect(withoutInvoice).toMatchObject({ vendorNumber: 'TDSYNX01', packingSlip: 'PS-4410' });
		expect(withoutInvoice).not.toHaveProperty('vendorInvoiceNumber');
	});

	test('inventory adjustments spell glTypeID with a capital D', () => {
		const [adjustment] = glExport.adjustmentTransactions as Json[];
		expect(adjustment).toMatchObject({ id: '40001', glTypeID: 'IA', adjustmentDescription: 'ADJ-2025-003 - Damaged stock write-off' });
		expect(adjustment).not.toHaveProperty('glTypeId');
		expect(adjustment.adjustmentDetail).toEqual([expect.objectContaining({ quantity: -1, total: -1050, item: expect.objectContaining({ identifier: 'LAT5450' }) })]);
	});

	test('an export posts nothing: run twice, it answers the same', async () => {
		const again = await client(emulator).post('finance/accounting/export', { batchIdentifier: 'EXPORT-ONLY', ...exportAll });
		expect(again.status).toBe(200);
		expect(again.body).toEqual(glExport);
	});

	test('an export without invoices, expenses or products is refused', async () => {
		const response = await client(emulator).post('finance/accounting/export', { batchIdentifier: 'NOTHING' });
		expect(response.status).toBe(400);
		expect((response.body as ErrorBody).message).toBe('Batch export must include invoices, expenses, or products (procurement)');
	});

	test('thruDate and locationId narrow the export', async () => {
		const exported = (await client(emulator).post('finance/accounting/export', { exportInvoicesFlag: true, thruDate: '2025-01-20T00:00:00Z', locationId: SAMPLE_MANAGE.locations.austin })).body;
		expect(exported.transactions.map((transaction: Json) => transaction.documentNumber)).toEqual(['INV-1001', 'INV-1003', 'INV-1004']);
	});
});

describe('batches (§3)', () => {
	let emulator: ConnectWiseEmulator;
	beforeEach(async () => {
		emulator ??= await start();
		emulator.state.reset();
	});

	const unposted = async (): Promise<string[]> => ((await client(emulator).get<Json[]>('finance/accounting/unpostedinvoices?pageSize=100')).body).map((invoice) => invoice.invoiceNumber as string);

	test('a batch takes exactly the GL entries named; their invoice leaves the unposted list and carries glBatch', async () => {
		const api = client(emulator);
		const exported = (await api.post('finance/accounting/export', { batchIdentifier: '20250131LB-I', exportInvoicesFlag: true, includedInvoiceIds: [invoices.standard.id] })).body;
		const ids = exported.transactions[0].glEntryIds.split(',').map(Number);

		const created = await api.post('finance/accounting/batches', { batchIdentifier: '20250131LB-I', processedRecordIds: ids });
		expect(created.status).toBe(201);
		// The spec types the answer as a GLExport of what was batched.
		expect(created.body.transactions.map((transaction: Json) => transaction.glEntryIds)).toEqual([invoices.standard.glEntryIds.join(',')]);

		expect(await unposted()).not.toContain('INV-1001');
		expect(await unposted()).toHaveLength(SAMPLE_MANAGE.unposted.invoices - 1);
		const [batch] = (await api.get<Json[]>(`finance/accounting/batches?${conditions('batchIdentifier = "20250131LB-I"')}`)).body;
		expect(batch).toMatchObject({ batchIdentifier: '20250131LB-I', exportInvoicesFlag: true, exportExpensesFlag: false, exportProductsFlag: false, closedFlag: false });
		const invoice = (await api.get(`finance/invoices/${invoices.standard.id}`)).body;
		expect(invoice.glBatch).toMatchObject({ id: batch.id, name: '20250131LB-I' });
		const entries = await api.get<Json[]>(`finance/accounting/batches/${batch.id}/entries`);
		expect(entries.body.map((entry) => entry.id)).toEqual(invoices.standard.glEntryIds);
		expect(entries.body[0]).toMatchObject({ accountType: 'AR', accountNumber: '1200', debit: 2242.94, credit: 0 });
	});

	test('a batch identifier already used is refused with ObjectExists, and nothing more is batched', async () => {
		const api = client(emulator);
		expect((await api.post('finance/accounting/batches', { batchIdentifier: 'B-1', processedRecordIds: invoices.agreement.glEntryIds })).status).toBe(201);
		const again = await api.post('finance/accounting/batches', { batchIdentifier: 'B-1', processedRecordIds: invoices.miscellaneous.glEntryIds });
		expect(again.status).toBe(400);
		expect((again.body as ErrorBody).errors?.[0]).toMatchObject({ code: 'ObjectExists', field: 'batchIdentifier' });
		expect(await unposted()).toContain('INV-1003');
	});

	test('unknown GL entry ids, or ids already batched, are refused', async () => {
		const api = client(emulator);
		const unknown = await api.post('finance/accounting/batches', { batchIdentifier: 'B-X', processedRecordIds: [99_999] });
		expect(unknown.status).toBe(400);
		expect((unknown.body as ErrorBody).errors?.[0].field).toBe('processedRecordIds');

		await api.post('finance/accounting/batches', { batchIdentifier: 'B-2', processedRecordIds: invoices.agreement.glEntryIds });
		const twice = await api.post('finance/accounting/batches', { batchIdentifier: 'B-3', processedRecordIds: invoices.agreement.glEntryIds });
		expect(twice.status).toBe(400);
		expect((twice.body as ErrorBody).errors?.[0]).toMatchObject({ code: 'ObjectExists', field: 'processedRecordIds' });

		const asString = await api.post('finance/accounting/batches', { batchIdentifier: 'B-4', processedRecordIds: invoices.miscellaneous.glEntryIds.join(',') });
		expect(asString.status).toBe(400);
	});

	test('an invoice with only some entries batched stays unposted with the rest', async () => {
		const api = client(emulator);
		const [ar, ...rest] = invoices.agreement.glEntryIds;
		await api.post('finance/accounting/batches', { batchIdentifier: 'PARTIAL', processedRecordIds: [ar] });
		expect(await unposted()).toContain('INV-1002');
		const exported = (await api.post('finance/accounting/export', { exportInvoicesFlag: true, includedInvoiceIds: [invoices.agreement.id] })).body;
		expect(exported.transactions[0].glEntryIds).toBe(rest.join(','));
	});

	test('deleting a batch puts its documents back on the unposted lists', async () => {
		const api = client(emulator);
		await api.post('finance/accounting/batches', { batchIdentifier: 'TO-DELETE', processedRecordIds: [...invoices.smallStandard.glEntryIds, procurement.adjustment.glEntryIds[0]] });
		expect(await unposted()).not.toContain('INV-1006');
		expect((await api.get('finance/accounting/unpostedprocurement/count')).body).toEqual({ count: 2 });
		const [batch] = (await api.get<Json[]>('finance/accounting/batches')).body;
		expect(batch.exportProductsFlag).toBe(true);
		expect((await api.delete(`finance/accounting/batches/${batch.id}`)).status).toBe(204);
		expect(await unposted()).toContain('INV-1006');
		expect((await api.get('finance/accounting/unpostedprocurement/count')).body).toEqual({ count: 3 });
		expect((await api.get(`finance/accounting/batches/${batch.id}`)).status).toBe(404);
	});

	test('a batch re-exports its own payload in the shape of its export (the rerun case)', async () => {
		const api = client(emulator);
		const exported = (await api.post('finance/accounting/export', { batchIdentifier: 'RERUN', exportInvoicesFlag: true, includedInvoiceIds: [invoices.standard.id, invoices.creditMemo.id], summarizeInvoices: 'Condensed' })).body;
		const ids = exported.transactions.flatMap((transaction: Json) => transaction.glEntryIds.split(',').map(Number));
		await api.post('finance/accounting/batches', { batchIdentifier: 'RERUN', processedRecordIds: ids });
		const [batch] = (await api.get<Json[]>(`finance/accounting/batches?${conditions('batchIdentifier = "RERUN"')}`)).body;

		const rerun = await api.post(`finance/accounting/batches/${batch.id}/export`, {});
		expect(rerun.status).toBe(200);
		expect(rerun.body.transactions).toEqual(exported.transactions);
		// Unposted exports no longer carry them.
		const now = (await api.post('finance/accounting/export', { exportInvoicesFlag: true })).body;
		expect(now.transactions.map((transaction: Json) => transaction.documentNumber)).not.toContain('INV-1001');
	});

	test("batchResponse 'accountingBatch' plays a server that answers the created batch", async () => {
		const other = await start({ batchResponse: 'accountingBatch' });
		const created = await client(other).post('finance/accounting/batches', { batchIdentifier: 'AB-1', processedRecordIds: invoices.standard.glEntryIds });
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ id: 1, batchIdentifier: 'AB-1', exportInvoicesFlag: true, exportExpensesFlag: false, exportProductsFlag: false, closedFlag: false, _info: expect.any(Object) });
	});
});

describe('invoice payments (§3 InvoicePayment)', () => {
	let emulator: ConnectWiseEmulator;
	beforeEach(async () => {
		emulator ??= await start();
		emulator.state.reset();
	});

	const standard = invoices.standard;
	const paymentsPath = `finance/invoices/${standard.id}/payments`;

	test('one payment per invoice: a second POST is refused with ObjectExists, so the amount is PATCHed instead', async () => {
		const api = client(emulator);
		const first = await api.post(paymentsPath, { invoice: { id: standard.id }, amount: 1000, paymentDate: '2025-02-10T00:00:00Z' });
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({ amount: 1000, invoiceTotal: 2242.94, invoiceBalance: 1242.94 });

		const second = await api.post(paymentsPath, { amount: 1242.94, paymentDate: '2025-02-20T00:00:00Z' });
		expect(second.status).toBe(400);
		expect((second.body as ErrorBody).errors?.[0]).toMatchObject({ code: 'ObjectExists', field: 'invoice' });

		const patched = await api.patch(`${paymentsPath}/${first.body.id}`, [{ op: 'replace', path: 'amount', value: 2242.94 }]);
		expect(patched.status).toBe(200);
		const invoice = (await api.get(`finance/invoices?${conditions(`invoiceNumber in ("${standard.invoiceNumber}")`)}&fields=id,total,payments,credits,balance`)).body[0];
		expect(invoice).toEqual({ id: standard.id, total: 2242.94, payments: 2242.94, credits: 0, balance: 0 });
	});

	test('an amount beyond the invoice total is refused, not capped', async () => {
		const response = await client(emulator).post(paymentsPath, { amount: 2500 });
		expect(response.status).toBe(400);
		expect((response.body as ErrorBody).errors?.[0]).toMatchObject({ field: 'amount', code: 'OutOfRange' });
		expect((await client(emulator).get(`finance/invoices/${standard.id}`)).body.balance).toBe(2242.94);
	});

	test('deleting the payment restores the balance; a credit memo takes no payment', async () => {
		const api = client(emulator);
		const created = await api.post(paymentsPath, { amount: 500 });
		expect((await api.get<Json[]>(paymentsPath)).body).toHaveLength(1);
		expect((await api.delete(`${paymentsPath}/${created.body.id}`)).status).toBe(204);
		expect((await api.get(`finance/invoices/${standard.id}`)).body).toMatchObject({ payments: 0, balance: 2242.94 });
		expect((await api.post(`finance/invoices/${invoices.creditMemo.id}/payments`, { amount: 10 })).status).toBe(400);
	});
});

describe('rate limits and faults (§4)', () => {
	test('burst429 answers 429 with Retry-After and the ConnectWiseAPI body, then calls work again', async () => {
		const emulator = await start();
		emulator.faults.burst429(2, 3);
		const api = client(emulator);
		for (let attempt = 0; attempt < 2; attempt += 1) {
			const limited = await api.get('system/members');
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toBe('3');
			expect(limited.body).toEqual({ error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 3 seconds.' });
		}
		expect((await api.get('system/members')).status).toBe(200);
		expect(emulator.state.countRequests({ path: /system\/members$/, status: 429 })).toBe(2);
	});

	test('the rateLimit option refuses calls beyond the window with Retry-After in seconds', async () => {
		let clock = 1_000_000;
		const emulator = await start({ rateLimit: { requestsPerWindow: 2, windowMs: 10_000 }, now: () => clock });
		const api = client(emulator);
		expect((await api.get('system/members')).status).toBe(200);
		expect((await api.get('system/members')).status).toBe(200);
		clock += 2_500;
		const limited = await api.get('system/members');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('8');
		clock += 7_500;
		expect((await api.get('system/members')).status).toBe(200);
	});

	test('server errors and dropped connections are served in the order armed', async () => {
		const emulator = await start();
		emulator.faults.serverErrors(1, 503).dropConnections(1);
		const api = client(emulator);
		expect((await fetch(`${emulator.apiUrl}/system/members`, { headers: { Authorization: basic(), clientId: SAMPLE_KEYS.clientId } })).status).toBe(503);
		await expect(api.get('system/members')).rejects.toThrow();
		expect((await api.get('system/members')).status).toBe(200);
	});

	test('a batch whose answer was lost exists: the retry meets ObjectExists', async () => {
		const emulator = await start();
		emulator.faults.dropConnections(1, { method: 'POST', afterProcessing: true });
		const api = client(emulator);
		await expect(api.post('finance/accounting/batches', { batchIdentifier: 'LOST', processedRecordIds: invoices.standard.glEntryIds })).rejects.toThrow();
		const retry = await api.post('finance/accounting/batches', { batchIdentifier: 'LOST', processedRecordIds: invoices.standard.glEntryIds });
		expect((retry.body as ErrorBody).errors?.[0].code).toBe('ObjectExists');
	});
});

describe('state helpers for tests', () => {
	test('addInvoice keeps an invoice open until closeInvoice, which gives it GL entries and puts it on the unposted list', async () => {
		const emulator = await start();
		const invoice = emulator.state.addInvoice({ companyId: customers.bluebonnet.id, date: '2025-02-14', lines: [{ kind: 'service', description: 'Ticket #4600 - VPN setup', quantity: 1, unitPrice: 150, taxable: true }] });
		const count = async () => (await client(emulator).get('finance/accounting/unpostedinvoices/count')).body.count;
		expect(await count()).toBe(SAMPLE_MANAGE.unposted.invoices);
		emulator.state.closeInvoice(invoice.invoiceNumber);
		expect(await count()).toBe(SAMPLE_MANAGE.unposted.invoices + 1);
		expect(emulator.state.entriesOf('invoice', invoice.id).map((entry) => entry.glTypeId)).toEqual(['AR', 'RP', 'ST', 'ST']);
		expect(emulator.state.amounts(invoice).totalCents).toBe(16238);
	});

	test('the sample constants match what the emulator builds', async () => {
		const emulator = await start();
		for (const sample of Object.values(invoices)) {
			const invoice = emulator.state.invoice(sample.id);
			expect(invoice?.invoiceNumber).toBe(sample.invoiceNumber);
			expect(emulator.state.entriesOf('invoice', sample.id).map((entry) => entry.id)).toEqual(sample.glEntryIds);
			expect(emulator.state.totalCents(invoice as NonNullable<typeof invoice>) / 100).toBe(sample.total);
		}
		for (const sample of Object.values(SAMPLE_MANAGE.expenses)) expect(emulator.state.entriesOf('expense', sample.id).map((entry) => entry.id)).toEqual([sample.glEntryId]);
		expect(emulator.state.entriesOf('receipt', procurement.tdSynnexReceipt.receiptId).map((entry) => entry.id)).toEqual(procurement.tdSynnexReceipt.glEntryIds);
	});
});

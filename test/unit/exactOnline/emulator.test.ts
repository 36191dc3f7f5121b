/**
 * The Exact Online emulator keeps Exact's rules (../../../../shared/reference/exact-online.md):
 * these tests read like the traps a client has to survive.
 */
import {
	SAMPLE_CLIENT,
	SAMPLE_DIVISION,
	SELECT_MANDATORY,
	startExactEmulator,
	type ExactEmulator,
	type ExactEmulatorOptions,
} from '../../emulators/exactOnline';
import { parseFilter, matchesFilter } from '../../emulators/exactOnline/odata';

const DIVISION = SAMPLE_DIVISION.code;
const { customers, suppliers, glAccounts, journals, vatCodes } = SAMPLE_DIVISION;

interface ExactErrorBody {
	error: { code: string; message: { lang: string; value: string } };
}

const running: ExactEmulator[] = [];

async function start(options: ExactEmulatorOptions = {}): Promise<ExactEmulator> {
	const emulator = await startExactEmulator(options);
	running.push(emulator);
	return emulator;
}

afterAll(async () => {
	await Promise.all(running.map((emulator) => emulator.close()));
});

/** A client with a token, as after consent (a fresh one unless given: a new consent revokes earlier tokens). */
function client(emulator: ExactEmulator, accessToken?: string) {
	let token = accessToken ?? emulator.issueTokens().access_token;
	const call = (path: string, init: RequestInit = {}) =>
		fetch(path.startsWith('http') ? path : `${emulator.url}${path}`, {
			...init,
			headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
		});
	return {
		get: (path: string) => call(path),
		post: (path: string, body: unknown) => call(path, { method: 'POST', body: JSON.stringify(body) }),
		setToken: (value: string) => {
			token = value;
		},
	};
}

function tokenRequest(emulator: ExactEmulator, fields: Record<string, string>, headers: Record<string, string> = {}) {
	return fetch(`${emulator.url}/api/oauth2/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams({ client_id: SAMPLE_CLIENT.clientId, client_secret: SAMPLE_CLIENT.clientSecret, ...fields }).toString(),
	});
}

function salesEntry(overrides: Record<string, unknown> = {}, lines: Array<Record<string, unknown>> = [{ GLAccount: glAccounts.revenue.id, AmountFC: 100, VATCode: '2' }]) {
	return { Journal: journals.sales, Customer: customers.bakery.id, YourRef: 'INV-1001', EntryDate: '2026-01-15', SalesEntryLines: lines, ...overrides };
}

async function errorText(response: Response): Promise<string> {
	return ((await response.json()) as ExactErrorBody).error.message.value;
}

describe('OAuth (§1)', () => {
	let clock = Date.UTC(2026, 0, 15, 9, 0, 0);
	let emulator: ExactEmulator;
	beforeAll(async () => {
		emulator = await start({ now: () => clock });
	});

	test('consent redirects with a code and the state; the code buys tokens once, expires_in is the string "600"', async () => {
		const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';
		const authorize = await fetch(
			`${emulator.url}/api/oauth2/auth?${new URLSearchParams({ client_id: SAMPLE_CLIENT.clientId, redirect_uri: redirectUri, response_type: 'code', state: 'xyz' })}`,
			{ redirect: 'manual' },
		);
		expect(authorize.status).toBe(302);
		const location = new URL(authorize.headers.get('location') ?? '');
		expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
		expect(location.searchParams.get('state')).toBe('xyz');
		const code = location.searchParams.get('code') ?? '';

		const first = await tokenRequest(emulator, { grant_type: 'authorization_code', code, redirect_uri: redirectUri });
		expect(first.status).toBe(200);
		const tokens = (await first.json()) as Record<string, unknown>;
		expect(tokens).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: '600', refresh_token: expect.any(String) });

		const again = await tokenRequest(emulator, { grant_type: 'authorization_code', code, redirect_uri: redirectUri });
		expect(again.status).toBe(400);
		expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
	});

	test('a token request with an Authorization header is refused with 401; a wrong secret with 400 invalid_client', async () => {
		const { refresh_token } = emulator.issueTokens();
		const basic = `Basic ${Buffer.from(`${SAMPLE_CLIENT.clientId}:${SAMPLE_CLIENT.clientSecret}`).toString('base64')}`;
		expect((await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token }, { Authorization: basic })).status).toBe(401);
		const wrong = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token, client_secret: 'nope' });
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
	});

	test('refreshing too early is refused, yet spends the refresh token and carries the next one, which must be stored', async () => {
		const tokens = emulator.issueTokens();
		const api = client(emulator, tokens.access_token);
		clock += 60_000;

		const early = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect(early.status).toBe(400);
		expect(early.headers.get('reason')).toBe('TooEarlyToRefreshTokens');
		const body = (await early.json()) as Record<string, string>;
		expect(body).toMatchObject({ error: 'access_denied', error_description: 'Rate limit exceeded: access_token not expired' });
		expect(body.refresh_token).toEqual(expect.any(String));
		expect(body.refresh_token).not.toBe(tokens.refresh_token);

		// The current access token keeps working.
		expect((await api.get('/api/v1/current/Me?$select=CurrentDivision')).status).toBe(200);

		// A client that threw the error body away now holds a spent token: the chain is broken.
		clock += 600_000;
		const lost = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect(lost.status).toBe(401);
		expect(await lost.json()).toEqual({ error: 'unauthorized_client', error_description: 'Old refresh token used.' });

		// One that stored it refreshes fine once the access token is old enough.
		const stored = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: body.refresh_token });
		expect(stored.status).toBe(200);
		expect(emulator.state.tooEarlyRefreshCount).toBeGreaterThanOrEqual(1);
		expect(emulator.state.oldRefreshTokenCount).toBeGreaterThanOrEqual(1);
	});

	test('a refresh after 570 s rotates both tokens and revokes the previous access token', async () => {
		const tokens = emulator.issueTokens();
		clock += 571_000;
		const before = emulator.state.refreshCount;
		const response = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect(response.status).toBe(200);
		const fresh = (await response.json()) as Record<string, string>;
		expect(fresh.refresh_token).not.toBe(tokens.refresh_token);
		expect(emulator.state.refreshCount).toBe(before + 1);

		const api = client(emulator, tokens.access_token);
		expect((await api.get('/api/v1/current/Me')).status).toBe(401);
		api.setToken(fresh.access_token);
		expect((await api.get('/api/v1/current/Me')).status).toBe(200);
	});

	test('an expired access token gets 401 (a metered error) and may be refreshed at once', async () => {
		const tokens = emulator.issueTokens();
		const api = client(emulator, tokens.access_token);
		emulator.faults.expireAccessTokens();
		const errorsBefore = emulator.state.errorCount;
		const refused = await api.get('/api/v1/current/Me');
		expect(refused.status).toBe(401);
		expect(emulator.state.errorCount).toBe(errorsBefore + 1);
		expect((await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(200);
	});
});

describe('divisions (§1 "Code vs HID", §2)', () => {
	let emulator: ExactEmulator;
	beforeAll(async () => {
		emulator = await start();
	});

	test('Me names the current division; system/Divisions lists both with their HIDs', async () => {
		const api = client(emulator);
		const me = (await (await api.get('/api/v1/current/Me?$select=CurrentDivision')).json()) as { d: { results: Array<Record<string, unknown>> } };
		expect(me.d.results[0]).toMatchObject({ CurrentDivision: DIVISION });

		const list = (await (await api.get(`/api/v1/${DIVISION}/system/Divisions?$select=Code,Hid,Current,Description`)).json()) as { d: { results: Array<Record<string, unknown>> } };
		expect(list.d.results.map(({ Code, Hid, Current }) => ({ Code, Hid, Current }))).toEqual([
			{ Code: DIVISION, Hid: '1', Current: true },
			{ Code: SAMPLE_DIVISION.otherDivision.code, Hid: '2', Current: false },
		]);
	});

	test('the HID used as a division code is refused with 403 and an Exact error body', async () => {
		const response = await client(emulator).get(`/api/v1/${SAMPLE_DIVISION.inaccessibleDivision}/crm/Accounts?$top=1`);
		expect(response.status).toBe(403);
		expect(await errorText(response)).toMatch(/division 1/);
	});

	test('a customer GUID from the main division means nothing in the other one', async () => {
		const response = await client(emulator).post(`/api/v1/${SAMPLE_DIVISION.otherDivision.code}/salesentry/SalesEntries`, salesEntry());
		expect(response.status).toBe(500);
		expect(await errorText(response)).toContain('Invalid reference: Customer');
	});
});

describe('reading collections (§3, §4)', () => {
	let emulator: ExactEmulator;
	const extraCustomers = Array.from({ length: 100 }, (_, index) => ({ Code: String(5001 + index), Name: `Benchmark klant ${index + 1}`, Status: 'C' }));
	beforeAll(async () => {
		emulator = await start({ seed: { accounts: extraCustomers } });
	});

	test('an account code filter finds the account only with the 18-character padded code', async () => {
		const api = client(emulator);
		const unpadded = await api.get(`/api/v1/${DIVISION}/crm/Accounts?$select=ID,Code&$filter=${encodeURIComponent("Code eq '1001'")}`);
		expect(((await unpadded.json()) as { d: { results: unknown[] } }).d.results).toEqual([]);

		const padded = await api.get(`/api/v1/${DIVISION}/crm/Accounts?$select=ID,Code&$filter=${encodeURIComponent(`Code eq '${customers.bakery.paddedCode}'`)}`);
		const results = ((await padded.json()) as { d: { results: Array<Record<string, unknown>> } }).d.results;
		expect(results).toHaveLength(1);
		expect(results[0]).toMatchObject({ ID: customers.bakery.id, Code: '              1001' });
	});

	test('CRUD endpoints want $select or $top=1', async () => {
		const api = client(emulator);
		const bare = await api.get(`/api/v1/${DIVISION}/salesentry/SalesEntries`);
		expect(bare.status).toBe(400);
		expect(await errorText(bare)).toBe(SELECT_MANDATORY);
		expect((await api.get(`/api/v1/${DIVISION}/crm/Accounts?$top=1`)).status).toBe(200);
		expect((await api.get(`/api/v1/${DIVISION}/crm/Accounts?$select=ID`)).status).toBe(200);
	});

	test('pages hold 60 records; __next is an absolute link with a $skiptoken that is followed as given', async () => {
		const api = client(emulator);
		const seen: string[] = [];
		let next: string | undefined = `/api/v1/${DIVISION}/crm/Accounts?$select=ID,Code`;
		const pageSizes: number[] = [];
		while (next) {
			const page = (await (await api.get(next)).json()) as { d: { results: Array<{ ID: string }>; __next?: string } };
			pageSizes.push(page.d.results.length);
			seen.push(...page.d.results.map((record) => record.ID));
			next = page.d.__next;
			if (next) expect(next).toMatch(new RegExp(`^${emulator.url}/api/v1/${DIVISION}/crm/Accounts\\?.*\\$skiptoken=guid'`));
		}
		expect(pageSizes).toEqual([60, 47]);
		expect(new Set(seen).size).toBe(107);
	});

	test('$top beyond a page is carried into __next; $inlinecount gives the total as a string', async () => {
		const api = client(emulator);
		const first = (await (await api.get(`/api/v1/${DIVISION}/crm/Accounts?$select=ID&$top=70&$inlinecount=allpages`)).json()) as {
			d: { results: unknown[]; __next: string; __count: string };
		};
		expect(first.d.results).toHaveLength(60);
		expect(first.d.__count).toBe('107');
		expect(first.d.__next).toContain('$top=10');
		const second = (await (await api.get(first.d.__next)).json()) as { d: { results: unknown[]; __next?: string } };
		expect(second.d.results).toHaveLength(10);
		expect(second.d.__next).toBeUndefined();
	});

	test('bulk endpoints page by 1000 and always want $select', async () => {
		const api = client(emulator);
		const page = (await (await api.get(`/api/v1/${DIVISION}/bulk/CRM/Accounts?$select=ID,Name`)).json()) as { d: { results: unknown[]; __next?: string } };
		expect(page.d.results).toHaveLength(107);
		expect(page.d.__next).toBeUndefined();
		const withoutSelect = await api.get(`/api/v1/${DIVISION}/bulk/CRM/Accounts?$top=1`);
		expect(withoutSelect.status).toBe(400);
		expect(await errorText(withoutSelect)).toBe(SELECT_MANDATORY);
	});

	test('a filter on a property the type does not have, or a GUID compared with a string, is a 400', async () => {
		const api = client(emulator);
		const unknown = await api.get(`/api/v1/${DIVISION}/crm/Accounts?$select=ID&$filter=${encodeURIComponent("AccountCode eq '1001'")}`);
		expect(unknown.status).toBe(400);
		expect(await errorText(unknown)).toBe("No property 'AccountCode' exists in type 'Exact.Web.Api.Models.Account' at position 0.");
		const untyped = await api.get(`/api/v1/${DIVISION}/crm/Accounts?$select=ID&$filter=${encodeURIComponent(`ID eq '${customers.bakery.id}'`)}`);
		expect(untyped.status).toBe(400);
		expect(await errorText(untyped)).toContain("incompatible with operand types 'System.Guid' and 'System.String'");
	});

	test('reference data: journals by code with their types, VAT codes padded to three characters, GL codes unpadded', async () => {
		const api = client(emulator);
		const journalsPage = (await (await api.get(`/api/v1/${DIVISION}/financial/Journals?$select=Code,Type&$filter=Type eq 20 or Type eq 22`)).json()) as {
			d: { results: Array<Record<string, unknown>> };
		};
		expect(journalsPage.d.results.map(({ Code, Type }) => ({ Code, Type }))).toEqual([
			{ Code: '70', Type: 20 },
			{ Code: '60', Type: 22 },
		]);
		const vat = (await (await api.get(`/api/v1/${DIVISION}/vat/VATCodes?$select=Code,Percentage&$filter=Code eq '2'`)).json()) as { d: { results: Array<Record<string, unknown>> } };
		expect(vat.d.results).toEqual([expect.objectContaining({ Code: '2  ', Percentage: 0.21 })]);
		const gl = await api.get(`/api/v1/${DIVISION}/financial/GLAccounts(guid'${glAccounts.revenue.id}')?$select=Code,Type`);
		expect(((await gl.json()) as { d: Record<string, unknown> }).d).toMatchObject({ Code: '8000', Type: 110 });
	});
});

describe('OData $filter', () => {
	const schema = { Name: 'Edm.String', Amount: 'Edm.Double', Due: 'Edm.DateTime', ID: 'Edm.Guid', Paid: 'Edm.Boolean' } as const;
	const row = { Name: "O'Brien Ltd", Amount: 121, Due: new Date(Date.UTC(2026, 1, 14)), ID: 'ABCDEF01-0000-4000-8000-000000000001', Paid: false };
	test.each([
		["Name eq 'O''Brien Ltd'", true],
		["Name eq 'o''brien ltd  '", true],
		["Name eq ' O''Brien Ltd'", false],
		['Amount gt 100 and Amount le 121', true],
		["not (Amount lt 121) and (Paid eq true or Due lt datetime'2026-03-01')", true],
		["ID eq guid'abcdef01-0000-4000-8000-000000000001'", true],
		["Due ge datetime'2026-02-15T00:00:00'", false],
		["startswith(Name, 'o''b')", true],
		['Paid', false],
		['Paid ne true', true],
	])('%s → %s', (filter, expected) => {
		expect(matchesFilter(parseFilter(filter, schema, 'Test'), row)).toBe(expected);
	});
});

describe('rate limits (§5)', () => {
	test('every answer carries daily and minutely headers; over the minutely limit the answer is 429, empty, with minutely headers only', async () => {
		const clock = Date.UTC(2026, 0, 15, 9, 0, 30);
		const emulator = await start({ minutelyLimit: 3, now: () => clock });
		const api = client(emulator);
		const first = await api.get('/api/v1/current/Me');
		expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');
		expect(first.headers.get('x-ratelimit-minutely-remaining')).toBe('2');
		expect(first.headers.get('x-ratelimit-minutely-reset')).toBe(String(Date.UTC(2026, 0, 15, 9, 1, 0)));
		expect(first.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2026, 0, 16)));
		await api.get('/api/v1/current/Me');
		await api.get('/api/v1/current/Me');

		const limited = await api.get('/api/v1/current/Me');
		expect(limited.status).toBe(429);
		expect(await limited.text()).toBe('');
		expect(limited.headers.get('x-ratelimit-minutely-remaining')).toBe('0');
		expect(limited.headers.get('x-ratelimit-remaining')).toBeNull();

		// The token endpoint is not counted.
		const { refresh_token } = emulator.issueTokens();
		expect((await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token })).status).not.toBe(429);
	});

	test('the minute window is time-scaled by minuteMs', async () => {
		let clock = 10_000;
		const emulator = await start({ minuteMs: 1000, minutelyLimit: 1, now: () => clock });
		const api = client(emulator);
		expect((await api.get('/api/v1/current/Me')).status).toBe(200);
		expect((await api.get('/api/v1/current/Me')).status).toBe(429);
		clock += 1000;
		const next = await api.get('/api/v1/current/Me');
		expect(next.status).toBe(200);
		expect(next.headers.get('x-ratelimit-minutely-reset')).toBe('12000');
	});
});

describe('fault switches', () => {
	let emulator: ExactEmulator;
	beforeAll(async () => {
		emulator = await start();
	});
	afterEach(() => emulator.faults.clear());

	test('faults fire in the order armed: a headerless 429, a 429 with minutely headers, a 503, a maintenance page, a dropped connection', async () => {
		const api = client(emulator);
		emulator.faults.burst429(1, { withHeaders: false }).burst429(1).serverErrors(1).maintenance(1).dropConnections(1);

		const bare429 = await api.get('/api/v1/current/Me');
		expect(bare429.status).toBe(429);
		expect(bare429.headers.get('x-ratelimit-minutely-remaining')).toBeNull();
		const headed429 = await api.get('/api/v1/current/Me');
		expect(headed429.headers.get('x-ratelimit-minutely-remaining')).toBe('0');
		expect(headed429.headers.get('x-ratelimit-remaining')).toBeNull();
		expect((await api.get('/api/v1/current/Me')).status).toBe(503);
		const maintenance = await api.get('/api/v1/current/Me');
		expect(maintenance.status).toBe(200);
		expect(maintenance.headers.get('content-type')).toMatch(/text\/html/);
		await expect(api.get('/api/v1/current/Me')).rejects.toThrow();
		expect((await api.get('/api/v1/current/Me')).status).toBe(200);
	});

	test('a dropped token answer still spends the refresh token', async () => {
		const tokens = emulator.issueTokens();
		emulator.faults.expireAccessTokens().dropTokenResponses(1);
		await expect(tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).rejects.toThrow();
		const retry = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect(retry.status).toBe(401);
	});
});

describe('posting sales entries (§3, §6)', () => {
	let emulator: ExactEmulator;
	let api: ReturnType<typeof client>;
	const path = `/api/v1/${DIVISION}/salesentry/SalesEntries`;
	beforeAll(async () => {
		emulator = await start({ now: () => Date.UTC(2026, 0, 20, 12, 0, 0) });
		api = client(emulator);
	});
	beforeEach(() => emulator.state.reset());

	test('an entry is stored with VAT, totals, an entry number and a receivable; the answer is 201 with the lines', async () => {
		const response = await api.post(
			path,
			salesEntry({ PaymentCondition: '14' }, [
				{ GLAccount: glAccounts.revenue.id, AmountFC: 100, VATCode: vatCodes.salesHigh, Description: 'Brood' },
				{ GLAccount: glAccounts.revenueLowRate.id, AmountFC: '10.05', Description: 'Default VAT of 8100 is 9%' },
			]),
		);
		expect(response.status).toBe(201);
		const { d } = (await response.json()) as { d: Record<string, unknown> & { SalesEntryLines: { results: Array<Record<string, unknown>> } } };
		expect(d).toMatchObject({
			Journal: '70',
			Customer: customers.bakery.id,
			EntryNumber: 26700001,
			AmountFC: 131.95,
			AmountDC: 131.95,
			VATAmountFC: 21.9,
			Type: 20,
			Status: 20,
			Currency: 'EUR',
			EntryDate: `/Date(${Date.UTC(2026, 0, 15)})/`,
			DueDate: `/Date(${Date.UTC(2026, 0, 29)})/`,
		});
		expect(d.SalesEntryLines.results.map(({ LineNumber, VATCode, VATAmountFC }) => ({ LineNumber, VATCode, VATAmountFC }))).toEqual([
			{ LineNumber: 1, VATCode: '2  ', VATAmountFC: 21 },
			{ LineNumber: 2, VATCode: '3  ', VATAmountFC: 0.9 },
		]);
		expect(emulator.state.entries).toHaveLength(1);
		expect(emulator.state.receivables[0]).toMatchObject({ TransactionEntryID: d.EntryID, YourRef: 'INV-1001', InvoiceNumber: 26700001, AmountFC: 131.95, IsFullyPaid: false, Status: 20 });
	});

	test('an unknown VAT code is silently dropped: the line is posted without VAT', async () => {
		const response = await api.post(path, salesEntry({}, [{ GLAccount: glAccounts.revenue.id, AmountFC: 100, VATCode: '99' }]));
		expect(response.status).toBe(201);
		const { d } = (await response.json()) as { d: Record<string, unknown> };
		expect(d).toMatchObject({ AmountFC: 100, VATAmountFC: 0 });
		expect(emulator.state.entries[0].Lines[0]).toMatchObject({ VATCode: '', VATAmountFC: 0 });
	});

	test('the same YourRef posted twice gives two entries: there is no idempotency key', async () => {
		expect((await api.post(path, salesEntry())).status).toBe(201);
		expect((await api.post(path, salesEntry())).status).toBe(201);
		expect(emulator.state.entries.filter((entry) => entry.YourRef === 'INV-1001')).toHaveLength(2);
		expect(emulator.state.entries.map((entry) => entry.EntryNumber)).toEqual([26700001, 26700002]);
	});

	test.each([
		['a journal GUID', { Journal: '2f0a4b1e-0000-4000-8000-000000000070' }, 'Invalid reference: Journals'],
		['the bank journal (which also allows no VAT)', { Journal: journals.bank }, 'Invalid: Journal (type)\r\nNot allowed: VAT code'],
		['the purchase journal', { Journal: journals.purchase }, 'Invalid: Journal (type)'],
		['a prospect as customer', { Customer: SAMPLE_DIVISION.prospect.id }, 'Invalid: Customer (Type)'],
		['a supplier as customer', { Customer: suppliers.printer.id }, 'Invalid: Customer (Type)'],
		['an unknown customer', { Customer: '00000000-0000-4000-8000-000000000000' }, 'Invalid reference: Customer'],
		['an unknown payment condition', { PaymentCondition: '99' }, 'Invalid reference: Payment condition'],
		['the inactive USD', { Currency: 'USD' }, 'Invalid: Currency'],
		['an unknown currency', { Currency: 'XYZ' }, 'Invalid reference: Currency'],
		['no lines', { SalesEntryLines: [] }, 'Mandatory: SalesEntryLines'],
	])('%s is refused with 500 and an Exact error body', async (_name, overrides, message) => {
		const response = await api.post(path, salesEntry(overrides));
		expect(response.status).toBe(500);
		expect(await errorText(response)).toBe(message);
		expect(emulator.state.entries).toHaveLength(0);
	});

	test.each([
		['an unknown G/L account', { GLAccount: '00000000-0000-4000-8000-000000000000', AmountFC: 1 }, 'Invalid reference: G/L account'],
		['a blocked G/L account', { GLAccount: glAccounts.revenueBlocked.id, AmountFC: 1 }, 'Blocked: G/L account'],
		['the debtors control account', { GLAccount: glAccounts.debtors.id, AmountFC: 1 }, 'Invalid: G/L account type'],
		['a blocked VAT code', { GLAccount: glAccounts.revenue.id, AmountFC: 1, VATCode: vatCodes.salesBlocked }, 'Blocked: VAT code'],
		['a purchase VAT code', { GLAccount: glAccounts.revenue.id, AmountFC: 1, VATCode: vatCodes.purchaseHigh }, 'Invalid: VAT code'],
		['a G/L account that needs a cost center', { GLAccount: glAccounts.projectCosts.id, AmountFC: 1 }, 'Mandatory: Cost center'],
		['an unknown cost unit', { GLAccount: glAccounts.revenue.id, AmountFC: 1, CostUnit: 'NOPE' }, 'Invalid reference: Cost unit'],
	])('a line with %s is refused', async (_name, line, message) => {
		const response = await api.post(path, salesEntry({}, [line]));
		expect(response.status).toBe(500);
		expect(await errorText(response)).toBe(message);
	});

	test('several problems come back together, joined by CRLF', async () => {
		const response = await api.post(path, salesEntry({ Journal: journals.bank, Customer: SAMPLE_DIVISION.prospect.id }, [{ GLAccount: glAccounts.revenueBlocked.id, AmountFC: 5 }]));
		expect(await errorText(response)).toBe('Invalid: Journal (type)\r\nInvalid: Customer (Type)\r\nBlocked: G/L account');
	});

	test('a reused entry number in the same journal is refused', async () => {
		expect((await api.post(path, salesEntry({ EntryNumber: 20260017 }))).status).toBe(201);
		const again = await api.post(path, salesEntry({ EntryNumber: 20260017 }));
		expect(await errorText(again)).toBe('Already exists: Entry number 20260017, Journal 70');
		expect((await api.post(path, salesEntry({ EntryNumber: 20260017, Journal: journals.salesCredit }))).status).toBe(201);
	});

	test('unknown properties and values that do not convert are 400s before any rule', async () => {
		const typo = await api.post(path, salesEntry({ CustomerId: customers.bakery.id }));
		expect(typo.status).toBe(400);
		expect(await errorText(typo)).toContain("The property 'CustomerId' does not exist on type 'Exact.Web.Api.Models.SalesEntry'");
		const code = await api.post(path, salesEntry({ Customer: '1001' }));
		expect(code.status).toBe(400);
		expect(await errorText(code)).toBe('Error in converting value for property Customer to type Guid');
	});

	test('a negative total is a credit note (Type 21); a GBP entry gets DC amounts at the seed rate', async () => {
		const credit = (await (await api.post(path, salesEntry({}, [{ GLAccount: glAccounts.revenue.id, AmountFC: -50, VATCode: '2' }]))).json()) as { d: Record<string, unknown> };
		expect(credit.d).toMatchObject({ Type: 21, AmountFC: -60.5 });
		const pounds = (await (await api.post(path, salesEntry({ Customer: customers.thamesPrint.id }))).json()) as { d: Record<string, unknown> };
		expect(pounds.d).toMatchObject({ Currency: 'GBP', AmountFC: 121, AmountDC: 141.57, Rate: 1.17 });
	});

	test('validationErrorStatus changes the status of rule failures', async () => {
		const strict = await start({ validationErrorStatus: 400 });
		const response = await client(strict).post(path, salesEntry({ Journal: journals.bank }));
		expect(response.status).toBe(400);
	});
});

describe('purchase entries, receivables and payments (§3 "Reading payments back")', () => {
	let emulator: ExactEmulator;
	let api: ReturnType<typeof client>;
	beforeAll(async () => {
		emulator = await start();
		api = client(emulator);
	});

	test('a purchase entry needs a supplier and leaves a payable', async () => {
		const path = `/api/v1/${DIVISION}/purchaseentry/PurchaseEntries`;
		const body = { Journal: journals.purchase, Supplier: suppliers.printer.id, YourRef: 'F-2026-88', PurchaseEntryLines: [{ GLAccount: glAccounts.printingCosts.id, AmountFC: 200 }] };
		const created = await api.post(path, body);
		expect(created.status).toBe(201);
		expect(((await created.json()) as { d: Record<string, unknown> }).d).toMatchObject({ Type: 30, AmountFC: 242, VATAmountFC: 42 });
		expect(emulator.state.payables).toHaveLength(1);

		const notSupplier = await api.post(path, { ...body, Supplier: customers.bakery.id });
		expect(await errorText(notSupplier)).toBe('Invalid: Supplier (Type)');
	});

	test('pay() matches receipts against the receivable; the API shows it fully paid and ReceivablesList no longer lists it', async () => {
		const created = (await (await api.post(`/api/v1/${DIVISION}/salesentry/SalesEntries`, salesEntry({ YourRef: 'INV-2001' }))).json()) as { d: { EntryID: string } };
		emulator.state.pay('INV-2001', '21.00', '2026-02-01');
		expect(emulator.state.receivables.find((term) => term.YourRef === 'INV-2001')).toMatchObject({ IsFullyPaid: false, Status: 20, AmountPaidFC: 21 });
		emulator.state.pay(created.d.EntryID, '100.00', '2026-02-10');

		const filter = encodeURIComponent(`TransactionEntryID eq guid'${created.d.EntryID}'`);
		const read = (await (await api.get(`/api/v1/${DIVISION}/cashflow/Receivables?$select=IsFullyPaid,Status,LastPaymentDate,AmountFC,AmountPaidFC,InvoiceNumber&$filter=${filter}`)).json()) as {
			d: { results: Array<Record<string, unknown>> };
		};
		expect(read.d.results).toEqual([
			expect.objectContaining({ IsFullyPaid: true, Status: 50, LastPaymentDate: `/Date(${Date.UTC(2026, 1, 10)})/`, AmountFC: 121, AmountPaidFC: 121 }),
		]);
		const open = (await (await api.get(`/api/v1/${DIVISION}/read/financial/ReceivablesList?$filter=${encodeURIComponent("YourRef eq 'INV-2001'")}`)).json()) as { d: { results: unknown[] } };
		expect(open.d.results).toEqual([]);
	});

	test('pay() by a YourRef that was posted twice asks for the EntryID', async () => {
		await api.post(`/api/v1/${DIVISION}/salesentry/SalesEntries`, salesEntry({ YourRef: 'DUP-1' }));
		await api.post(`/api/v1/${DIVISION}/salesentry/SalesEntries`, salesEntry({ YourRef: 'DUP-1' }));
		expect(() => emulator.state.pay('DUP-1', '1', '2026-02-01')).toThrow(/EntryID/);
	});
});

describe('creating accounts (§3 crm/Accounts)', () => {
	let emulator: ExactEmulator;
	beforeAll(async () => {
		emulator = await start();
	});

	test('the code is stored padded to 18; an inactive currency is blanked; Name is mandatory', async () => {
		const api = client(emulator);
		const created = await api.post(`/api/v1/${DIVISION}/crm/Accounts`, { Code: '4242', Name: 'Nieuwe Klant BV', Status: 'C', SalesCurrency: 'USD', Country: 'NL' });
		expect(created.status).toBe(201);
		expect(((await created.json()) as { d: Record<string, unknown> }).d).toMatchObject({ Code: '              4242', SalesCurrency: null, Country: 'NL ' });
		const nameless = await api.post(`/api/v1/${DIVISION}/crm/Accounts`, { Code: '4243' });
		expect(await errorText(nameless)).toBe('Mandatory: Name');
		const twice = await api.post(`/api/v1/${DIVISION}/crm/Accounts`, { Code: '4242', Name: 'Dubbel' });
		expect(await errorText(twice)).toBe('Already exists: Code');
	});

	test('addAccount() adds a relation directly, padded', () => {
		const account = emulator.state.addAccount({ Code: '6001', Name: 'Test BV', Status: 'C' });
		expect(account.Code).toBe('              6001');
		expect(emulator.state.accounts).toContain(account);
	});
});

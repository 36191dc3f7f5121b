/**
 * The Exact Online client against small local servers that misbehave the way Exact does
 * (reference exact-online.md §4–§6): paging, string rate-limit headers, 429s without headers,
 * the HTML maintenance page, validation errors as 500, dropped connections and 401s.
 * Time is fake: every wait is recorded instead of slept.
 */
import { ExactClient, type ExactClientEvent, type ExactClientOptions } from '../../../lib/targets/exactOnline/transport/client';
import { ExactApiError, parseExactError } from '../../../lib/targets/exactOnline/transport/errors';
import { chunkedOrFilters, guidLiteral, odataString, padAccountCode, parseODataDate } from '../../../lib/targets/exactOnline/transport/odata';
import { ExactTokenManager, type StoredTokens } from '../../../lib/targets/exactOnline/transport/tokens';
import { startScriptedServer, type ScriptedReply, type ScriptedRequest } from '../../support/scriptedServer';

type Seen = ScriptedRequest;
type Handler = (request: Seen, index: number) => ScriptedReply | Promise<ScriptedReply>;

/** A server that answers with whatever the test's handler says; 'drop' destroys the socket unanswered. */
async function startServer(handler: Handler) {
	const seen: Seen[] = [];
	const server = await startScriptedServer((request) => {
		seen.push(request);
		return handler(request, seen.length - 1);
	});
	return { ...server, seen };
}

/** A clock that only moves when the client sleeps. */
function fakeClock(start = Date.UTC(2026, 2, 31, 10, 0, 0)) {
	let now = start;
	const sleeps: number[] = [];
	return {
		now: () => now,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			now += ms;
		},
		sleeps,
	};
}

const ACCESS_TOKEN = 'AT-7f3e9c1b2a4d5e6f7a8b9c0d';

function clientFor(url: string, overrides: Partial<ExactClientOptions> = {}) {
	const clock = fakeClock();
	const events: ExactClientEvent[] = [];
	const client = new ExactClient({
		baseUrl: url,
		division: 123,
		tokens: { accessToken: async () => ACCESS_TOKEN },
		now: clock.now,
		sleep: clock.sleep,
		onEvent: (event) => events.push(event),
		// The backoff at its full length: the jitter's random half is tested on its own.
		random: () => 1,
		...overrides,
	});
	return { client, clock, events };
}

const page = (results: unknown[], next?: string) => ({ body: { d: next ? { results, __next: next } : { results } } });
const exactError = (value: string) => ({ error: { code: '', message: { lang: '', value } } });
const MAINTENANCE_PAGE = '<!DOCTYPE html><html><head><title>Exact Online - Onderhoud</title></head><body>We are performing maintenance.</body></html>';

async function rejection(promise: Promise<unknown>): Promise<ExactApiError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ExactApiError) return error;
		throw error;
	}
	throw new Error('expected the request to fail');
}

describe('OData literals and filters (reference §3, §4)', () => {
	test('a name with a quote is escaped by doubling it', () => {
		expect(odataString("O'Brien & Sons")).toBe("'O''Brien & Sons'");
	});

	test('account codes carry Exact\'s 18-character left padding', () => {
		expect(padAccountCode('1001')).toBe('              1001');
		expect(padAccountCode(' 1001 ')).toHaveLength(18);
		expect(padAccountCode('ABCDEFGHIJKLMNOPQRS')).toBe('ABCDEFGHIJKLMNOPQRS');
	});

	test('GUID literals accept braces and refuse anything that is not a GUID', () => {
		expect(guidLiteral('{3F2504E0-4F89-11D3-9A0C-0305E82C3301}')).toBe("guid'3f2504e0-4f89-11d3-9a0c-0305e82c3301'");
		expect(() => guidLiteral("1001' or 1 eq 1 or ID eq '")).toThrow(/not an Exact Online ID/);
	});

	test('/Date(ms)/ becomes an ISO date, a time keeps its full timestamp, empty gives undefined', () => {
		expect(parseODataDate('/Date(1774915200000)/')).toBe('2026-03-31');
		expect(parseODataDate('/Date(1392224884577)/')).toBe('2014-02-12T17:08:04.577Z');
		expect(parseODataDate('/Date(1774915200000+0100)/')).toBe('2026-03-31');
		expect(parseODataDate('2026-03-31T00:00:00')).toBe('2026-03-31');
		expect(parseODataDate(null)).toBeUndefined();
		expect(parseODataDate('')).toBeUndefined();
		expect(parseODataDate('not a date')).toBeUndefined();
	});

	test('OR filters are chunked under the URL budget, de-duplicated and prefixed', () => {
		const references = Array.from({ length: 200 }, (_, index) => `INV-${String(index).padStart(5, '0')}`);
		const chunks = chunkedOrFilters('YourRef', [...references, references[0]], { prefix: "Journal eq '70' and " });
		expect(chunks.length).toBeGreaterThan(1);
		for (const chunk of chunks) {
			expect(chunk.startsWith("Journal eq '70' and (YourRef eq 'INV-")).toBe(true);
			expect(encodeURIComponent(chunk).length).toBeLessThanOrEqual(1500);
		}
		const all = chunks.flatMap((chunk) => [...chunk.matchAll(/'(INV-\d+)'/g)].map((match) => match[1]));
		expect(all).toEqual(references);
		expect(chunkedOrFilters('Code', [])).toEqual([]);
		expect(chunkedOrFilters('Code', ["O'Brien"])).toEqual(["(Code eq 'O''Brien')"]);
	});
});

describe('Exact error bodies (reference §6)', () => {
	test('several messages joined by CRLF are split, and the Reason header is returned', () => {
		expect(parseExactError(500, { reason: 'Validation' }, JSON.stringify(exactError('Mandatory: Relationship\r\nInvalid reference: Cost unit\r\n')))).toEqual({
			messages: ['Mandatory: Relationship', 'Invalid reference: Cost unit'],
			reason: 'Validation',
		});
	});

	test('the flat OAuth shape keeps the code and the description', () => {
		expect(parseExactError(400, {}, '{"error":"invalid_grant","error_description":"The refresh token expired at 1-3-2026"}').messages).toEqual([
			'invalid_grant: The refresh token expired at 1-3-2026',
		]);
	});
});

describe('reading: paging and the current division', () => {
	test('getAll follows d.__next exactly as given, and the current division is asked once', async () => {
		const server = await startServer((request) => {
			if (request.url.startsWith('/api/v1/current/Me')) return page([{ CurrentDivision: 4242 }]);
			const skip = new URL(request.url, 'http://x').searchParams.get('$skiptoken');
			const base = `${server.url}/api/v1/4242/financial/GLAccounts?$select=ID,Code`;
			if (skip === null) return page([{ Code: '8000' }, { Code: '8010' }], `${base}&$skiptoken=guid'00000000-0000-0000-0000-000000000002'`);
			if (skip === "guid'00000000-0000-0000-0000-000000000002'") return page([{ Code: '8020' }], `${base}&$skiptoken=guid'00000000-0000-0000-0000-000000000003'`);
			return page([{ Code: '8030' }]);
		});
		const { client } = clientFor(server.url, { division: undefined });
		const accounts = await client.getAll<{ Code: string }>('financial/GLAccounts', { $select: 'ID,Code' });
		expect(accounts.map((account) => account.Code)).toEqual(['8000', '8010', '8020', '8030']);
		await client.getPage('financial/Journals', { $select: 'Code' });

		const paths = server.seen.map((request) => decodeURIComponent(request.url));
		expect(paths).toEqual([
			'/api/v1/current/Me?$select=CurrentDivision',
			'/api/v1/4242/financial/GLAccounts?$select=ID,Code',
			"/api/v1/4242/financial/GLAccounts?$select=ID,Code&$skiptoken=guid'00000000-0000-0000-0000-000000000002'",
			"/api/v1/4242/financial/GLAccounts?$select=ID,Code&$skiptoken=guid'00000000-0000-0000-0000-000000000003'",
			'/api/v1/4242/financial/Journals?$select=Code',
		]);
		expect(client.stats).toMatchObject({ requests: 5, pages: 5, byMethod: { GET: 5 }, retries: 0 });
		const headers = server.seen[1].headers;
		expect(headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
		expect(headers.accept).toBe('application/json');
		expect(headers['accept-language']).toBe('en');
		expect(headers.prefer).toBeUndefined();
	});

	test('maxPages stops a listing that would be cut short instead of returning part of it', async () => {
		const server = await startServer((request) => page([{ n: request.url }], `${server.url}/api/v1/123/crm/Accounts?$skiptoken=x${request.url.length}`));
		const { client } = clientFor(server.url);
		await expect(client.getAll('crm/Accounts', {}, { maxPages: 3 })).rejects.toThrow(/more than 3 pages of crm\/Accounts/);
		expect(server.seen).toHaveLength(3);
	});

	test('a __next link to another host is not followed: the bearer token would go with it', async () => {
		const server = await startServer(() => page([{ Code: '1' }], 'https://attacker.example/api/v1/123/crm/Accounts?$skiptoken=2'));
		const { client } = clientFor(server.url);
		const error = await rejection(client.getAll('crm/Accounts'));
		expect(error.message).toMatch(/another host \(attacker\.example\)/);
		expect(server.seen).toHaveLength(1);
	});
});

describe('rate limits (reference §5)', () => {
	test('minutely remaining "0" (a string) makes the next request wait until the reset plus a small pad', async () => {
		let clockNow = 0;
		const server = await startServer((_request, index) =>
			index === 0
				? { ...page([{ Code: '1' }]), headers: { 'x-ratelimit-minutely-remaining': '0', 'x-ratelimit-minutely-reset': String(clockNow + 5000), 'x-ratelimit-remaining': '4000' } }
				: page([{ Code: '2' }]),
		);
		const { client, clock, events } = clientFor(server.url);
		clockNow = clock.now();
		await client.getPage('financial/GLAccounts');
		expect(clock.sleeps).toEqual([]);
		await client.getPage('financial/GLAccounts');
		expect(clock.sleeps).toEqual([5250]);
		expect(client.stats).toMatchObject({ requests: 2, rateLimitWaits: 1, waitedMs: 5250, status429: 0 });
		expect(events).toEqual([expect.objectContaining({ type: 'rateLimitWait', waitMs: 5250 })]);
	});

	test('calls left in the minute: no waiting', async () => {
		const server = await startServer(() => ({ ...page([]), headers: { 'x-ratelimit-minutely-remaining': '3', 'x-ratelimit-minutely-reset': String(Date.now() + 30_000) } }));
		const { client, clock } = clientFor(server.url);
		await client.getPage('financial/GLAccounts');
		await client.getPage('financial/GLAccounts');
		expect(clock.sleeps).toEqual([]);
	});

	test('a spent daily limit stops the run with its reset time instead of sleeping for hours', async () => {
		let reset = 0;
		const server = await startServer(() => ({
			...page([]),
			headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-minutely-remaining': '50' },
		}));
		const { client, clock } = clientFor(server.url);
		reset = clock.now() + 5 * 3600_000;
		await client.getPage('financial/GLAccounts');
		const error = await rejection(client.post('salesentry/SalesEntries', {}));
		expect(error.kind).toBe('dailyLimit');
		expect(error.retryable).toBe(false);
		expect(error.message).toContain(new Date(reset).toISOString());
		expect(error.message).toContain('(5000 calls)');
		expect(server.seen).toHaveLength(1);
		expect(clock.sleeps).toEqual([]);
	});

	test('a 429 without any headers or body waits the default minute, then the request is sent again', async () => {
		const server = await startServer((_request, index) => (index === 0 ? { status: 429, body: '' } : page([{ Code: '1' }])));
		const { client, clock } = clientFor(server.url);
		const result = await client.getPage('financial/GLAccounts');
		expect(result.results).toEqual([{ Code: '1' }]);
		expect(clock.sleeps).toEqual([60_000]);
		expect(client.stats).toMatchObject({ requests: 2, status429: 1, retries: 1, rateLimitWaits: 1, waitedMs: 60_000 });
	});

	test('a 429 on a POST is retried too: Exact did not process it', async () => {
		let clockNow = 0;
		const server = await startServer((_request, index) =>
			index === 0
				? { status: 429, headers: { 'x-ratelimit-minutely-remaining': '0', 'x-ratelimit-minutely-reset': String(clockNow + 12_000) }, body: '' }
				: { status: 201, body: { d: { EntryID: 'e1' } } },
		);
		const { client, clock } = clientFor(server.url);
		clockNow = clock.now();
		await expect(client.post('salesentry/SalesEntries', { Journal: '70' })).resolves.toEqual({ EntryID: 'e1' });
		expect(clock.sleeps).toEqual([12_250]);
		expect(server.seen.map((request) => request.method)).toEqual(['POST', 'POST']);
		expect(client.stats).toMatchObject({ status429: 1, byMethod: { POST: 2 } });
	});

	test('429s that do not stop give up after maxRetries with a retryable rate-limit error', async () => {
		const server = await startServer(() => ({ status: 429, body: '' }));
		const { client, clock } = clientFor(server.url, { maxRetries: 2 });
		const error = await rejection(client.getPage('financial/GLAccounts'));
		expect(error).toMatchObject({ kind: 'rateLimit', retryable: true, status: 429 });
		expect(clock.sleeps).toEqual([60_000, 60_000]);
		expect(server.seen).toHaveLength(3);
	});
});

describe('the HTML maintenance page (reference §4)', () => {
	test('a 200 with an HTML page is never taken for data: the GET is sent again after a backoff', async () => {
		const server = await startServer((_request, index) =>
			index === 0 ? { headers: { 'content-type': 'text/html' }, body: MAINTENANCE_PAGE } : index === 1 ? { body: MAINTENANCE_PAGE } : page([{ Code: '8000' }]),
		);
		const { client, clock, events } = clientFor(server.url);
		await expect(client.getAll('financial/GLAccounts')).resolves.toEqual([{ Code: '8000' }]);
		expect(clock.sleeps).toEqual([1000, 2000]);
		expect(client.stats).toMatchObject({ requests: 3, retries: 2, pages: 1 });
		expect(events.map((event) => event.type)).toEqual(['retry', 'retry']);
	});

	test('a POST answered by the maintenance page (200 or 503) is sent again: nothing was processed', async () => {
		const server = await startServer((_request, index) =>
			index === 0
				? { headers: { 'content-type': 'text/html' }, body: MAINTENANCE_PAGE }
				: index === 1
					? { status: 503, headers: { 'content-type': 'text/html' }, body: MAINTENANCE_PAGE }
					: { status: 201, body: { d: { EntryID: 'e1' } } },
		);
		const { client } = clientFor(server.url);
		await expect(client.post('salesentry/SalesEntries', {})).resolves.toEqual({ EntryID: 'e1' });
		expect(server.seen).toHaveLength(3);
	});

	test('a maintenance page that stays gives a retryable maintenance error after maxRetries', async () => {
		const server = await startServer(() => ({ headers: { 'content-type': 'text/html' }, body: MAINTENANCE_PAGE }));
		const { client } = clientFor(server.url, { maxRetries: 1 });
		const error = await rejection(client.getPage('financial/GLAccounts'));
		expect(error).toMatchObject({ kind: 'maintenance', retryable: true });
		expect(error.message).toMatch(/HTML page instead of data/);
		expect(server.seen).toHaveLength(2);
	});
});

describe('server errors and validation (reference §6)', () => {
	test('a POST that fails validation with HTTP 500 is not sent again, and each CRLF-separated message is kept', async () => {
		const server = await startServer(() => ({ status: 500, body: exactError('Invalid: Customer (Type)\r\nMandatory: Journal') }));
		const { client, clock } = clientFor(server.url);
		const error = await rejection(client.post('salesentry/SalesEntries', { Customer: 'x' }));
		expect(error).toMatchObject({ kind: 'validation', status: 500, retryable: false, outcomeUnknown: false, method: 'POST', path: 'salesentry/SalesEntries' });
		expect(error.messages).toEqual(['Invalid: Customer (Type)', 'Mandatory: Journal']);
		expect(error.message).toBe('Exact Online rejected POST salesentry/SalesEntries: Invalid: Customer (Type); Mandatory: Journal.');
		expect(server.seen).toHaveLength(1);
		expect(clock.sleeps).toEqual([]);
		expect(server.seen[0].headers['content-type']).toBe('application/json');
		expect(server.seen[0].headers.prefer).toBe('return=representation');
	});

	test('a GET meeting 503 and 502 is retried with exponential backoff', async () => {
		const server = await startServer((_request, index) => (index === 0 ? { status: 503, body: '' } : index === 1 ? { status: 502, body: 'Bad gateway' } : page([{ Code: '1' }])));
		const { client, clock } = clientFor(server.url);
		await expect(client.getAll('financial/GLAccounts')).resolves.toHaveLength(1);
		expect(clock.sleeps).toEqual([1000, 2000]);
	});

	test('the backoff has jitter: with the random half at nothing, the same two faults wait half as long', async () => {
		const server = await startServer((_request, index) => (index === 0 ? { status: 503, body: '' } : index === 1 ? { status: 502, body: 'Bad gateway' } : page([{ Code: '1' }])));
		const { client, clock } = clientFor(server.url, { random: () => 0 });
		await expect(client.getAll('financial/GLAccounts')).resolves.toHaveLength(1);
		expect(clock.sleeps).toEqual([500, 1000]);
	});

	test('a POST meeting a 503 that is not the maintenance page may have been processed: outcome unknown, not sent again', async () => {
		const server = await startServer(() => ({ status: 503, body: exactError('Service unavailable') }));
		const { client } = clientFor(server.url);
		const error = await rejection(client.post('salesentry/SalesEntries', {}));
		expect(error).toMatchObject({ kind: 'server', status: 503, outcomeUnknown: true, retryable: false });
		expect(error.message).toMatch(/check Exact Online .* before sending it again/);
		expect(server.seen).toHaveLength(1);
	});

	test('400, 403 and 404 are metered errors: each is sent once and never retried', async () => {
		const statuses = [400, 403, 404];
		const server = await startServer((_request, index) => ({ status: statuses[index], body: exactError(`failure ${statuses[index]}`) }));
		const { client } = clientFor(server.url);
		const kinds: string[] = [];
		for (const _status of statuses) kinds.push((await rejection(client.getPage('financial/GLAccounts', { $filter: "Code eq '8000'" }))).kind);
		expect(kinds).toEqual(['badRequest', 'forbidden', 'notFound']);
		expect(server.seen).toHaveLength(3);
	});
});

describe('a division the user cannot open, answered with 401 rather than 403', () => {
	test('the still valid token is not blamed: the error is "forbidden", naming the division, and the token endpoint is asked once', async () => {
		const clock = fakeClock();
		const server = await startServer((request) =>
			request.url.startsWith('/api/oauth2/token')
				? { status: 400, headers: { reason: 'TooEarlyToRefreshTokens' }, body: { error: 'access_denied', error_description: 'Rate limit exceeded: access_token not expired' } }
				: { status: 401, body: exactError('Unauthorized') },
		);
		let stored: StoredTokens = { accessToken: ACCESS_TOKEN, refreshToken: 'RT-1-0123456789abcdef', expiresAt: clock.now() + 300_000 };
		const tokens = new ExactTokenManager({
			tokenUrl: `${server.url}/api/oauth2/token`,
			clientId: 'client-id-1',
			clientSecret: 'secret-0123456789',
			store: { key: 'test', load: async () => stored, save: async (next) => void (stored = next) },
			now: clock.now,
			sleep: clock.sleep,
		});
		const { client } = clientFor(server.url, { division: 2, tokens });
		const error = await rejection(client.getPage('financial/GLAccounts'));
		expect(error.kind).toBe('forbidden');
		expect(error.message).toMatch(/^Exact Online refused GET financial\/GLAccounts \(401\) although the access token is still valid: the connected user cannot open division 2/);
		expect(server.seen.filter((request) => request.url.startsWith('/api/oauth2/token'))).toHaveLength(1);
		expect(server.seen.filter((request) => request.url.startsWith('/api/v1/2/'))).toHaveLength(1);
	});
});

describe('dropped connections', () => {
	test('a GET whose connection drops is sent again', async () => {
		const server = await startServer((_request, index) => (index === 0 ? 'drop' : page([{ Code: '1' }])));
		const { client } = clientFor(server.url);
		await expect(client.getAll('financial/GLAccounts')).resolves.toEqual([{ Code: '1' }]);
		expect(client.stats).toMatchObject({ requests: 2, retries: 1 });
	});

	test('a POST whose connection drops is not sent again: the entry may exist, so the outcome is unknown', async () => {
		const server = await startServer(() => 'drop');
		const { client } = clientFor(server.url);
		const error = await rejection(client.post('salesentry/SalesEntries', { YourRef: 'INV-1' }));
		expect(error).toMatchObject({ kind: 'network', code: 'ECONNRESET', outcomeUnknown: true, retryable: false, method: 'POST' });
		expect(error.message).toMatch(/connection to Exact Online was lost during POST salesentry\/SalesEntries/);
		expect(server.seen).toHaveLength(1);
	});

	test('a refused connection (nothing sent) is retried even for a POST', async () => {
		const server = await startServer(() => page([]));
		await server.close();
		const { client, clock } = clientFor(server.url, { maxRetries: 2 });
		const error = await rejection(client.post('salesentry/SalesEntries', {}));
		expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', outcomeUnknown: false, retryable: true });
		expect(client.stats.requests).toBe(3);
		expect(clock.sleeps).toEqual([1000, 2000]);
	});
});

describe('401 and the access token (reference §1)', () => {
	test('a 401 gets a new access token once and the request is sent again with it', async () => {
		let stored: StoredTokens = { accessToken: 'AT-old-0123456789', refreshToken: 'RT-old-0123456789' };
		const server = await startServer((request) => {
			if (request.url === '/api/oauth2/token') return { body: { access_token: 'AT-new-0123456789', refresh_token: 'RT-new-0123456789', expires_in: '600', token_type: 'bearer' } };
			return request.headers.authorization === 'Bearer AT-new-0123456789' ? page([{ Code: '1' }]) : { status: 401, body: '' };
		});
		const tokens = new ExactTokenManager({
			tokenUrl: `${server.url}/api/oauth2/token`,
			clientId: 'client-id',
			clientSecret: 'client-secret-value',
			store: { key: 'transport-401', load: async () => stored, save: async (tokens) => void (stored = tokens) },
		});
		const { client, events } = clientFor(server.url, { tokens });
		await expect(client.getAll('financial/GLAccounts')).resolves.toEqual([{ Code: '1' }]);
		expect(client.stats).toMatchObject({ requests: 2, unauthorized: 1, retries: 1 });
		expect(tokens.refreshes).toBe(1);
		expect(stored.refreshToken).toBe('RT-new-0123456789');
		expect(events.map((event) => event.type)).toEqual(['refresh']);
	});

	test('a second 401 after the new token is an unauthorized error, not a loop', async () => {
		const server = await startServer(() => ({ status: 401, body: '' }));
		const afterUnauthorized = jest.fn(async () => 'AT-second-0123456789');
		const { client } = clientFor(server.url, { tokens: { accessToken: async () => ACCESS_TOKEN, afterUnauthorized } });
		const error = await rejection(client.getPage('financial/GLAccounts'));
		expect(error.kind).toBe('unauthorized');
		expect(afterUnauthorized).toHaveBeenCalledTimes(1);
		expect(afterUnauthorized).toHaveBeenCalledWith(ACCESS_TOKEN);
		expect(server.seen).toHaveLength(2);
		expect(client.stats.unauthorized).toBe(2);
	});
});

describe('what error messages never show', () => {
	test('neither the bearer token nor query values: only the method and the resource', async () => {
		const server = await startServer((request) => ({ status: 400, body: exactError(`Invalid header ${request.headers.authorization}; access_token=${ACCESS_TOKEN}`) }));
		const { client } = clientFor(server.url);
		const error = await rejection(client.getPage('salesentry/SalesEntries', { $filter: "YourRef eq 'INV-SECRET-42'" }));
		expect(error.message).toMatch(/^Exact Online rejected GET salesentry\/SalesEntries: /);
		expect(error.message).not.toContain(ACCESS_TOKEN);
		expect(error.messages.join(' ')).not.toContain(ACCESS_TOKEN);
		expect(error.message).not.toContain('INV-SECRET-42');
	});
});

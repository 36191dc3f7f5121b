/**
 * The ConnectWise Manage transport against small local servers that behave the way Manage does
 * (reference connectwise-manage.md §1, §2, §4): companyinfo and the codebase, Basic keys with
 * clientId, Link-header paging, forward-only paging, 429 with Retry-After or only the JSON body,
 * 5xx, 400 with errors[], dropped connections. Time is fake: every wait is recorded, not slept.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { ManageClient, type ManageClientEvent, type ManageClientOptions } from '../../../lib/sources/connectwise/transport/client';
import { and, chunkedInConditions, conditionDate, conditionString, inList } from '../../../lib/sources/connectwise/transport/conditions';
import { redactSecrets } from '../../../lib/http/redact';
import { ManageApiError, parseManageError } from '../../../lib/sources/connectwise/transport/errors';
import { HttpNetworkError, manageFetchSend, type ManageHttpRequest } from '../../../lib/sources/connectwise/transport/http';
import { parseLinkHeader } from '../../../lib/sources/connectwise/transport/paging';
import { authorizationHeader, checkSettings, siteBaseUrl, type ManageSettings } from '../../../lib/sources/connectwise/transport/settings';
import { startScriptedServer, type ScriptedReply } from '../../support/scriptedServer';

interface Seen {
	method: string;
	url: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: string;
}
type Reply = ScriptedReply;
type Handler = (request: Seen, index: number) => Reply | Promise<Reply>;


const COMPANY_ID = 'ledgerco';
const PUBLIC_KEY = 'pubKeyA1b2C3d4E5f6';
const PRIVATE_KEY = 'privKeyZ9y8X7w6V5u4';
const CLIENT_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const CODEBASE = 'v2025_1/';
const API = `/${CODEBASE}apis/3.0`;
const BASIC = `Basic ${Buffer.from(`${COMPANY_ID}+${PUBLIC_KEY}:${PRIVATE_KEY}`).toString('base64')}`;

/**
 * A Manage-shaped server: companyinfo answers with the codebase, everything else goes to the
 * test's handler with the codebase prefix taken off the path. 'drop' destroys the socket unanswered.
 */
async function startManage(handler: Handler, companyInfo: Reply = { body: { CompanyName: 'Ledger Co', Codebase: CODEBASE, VersionCode: 'v2025.1', IsCloud: false } }) {
	const seen: Seen[] = [];
	const { url, close } = await startScriptedServer((scripted) => {
		const parsed = new URL(scripted.url || '/', 'http://manage.local');
		const request: Seen = {
			...scripted,
			path: parsed.pathname.startsWith(`${API}/`) ? parsed.pathname.slice(API.length + 1) : parsed.pathname,
			query: parsed.searchParams,
		};
		seen.push(request);
		return parsed.pathname.startsWith('/login/companyinfo/') ? companyInfo : handler(request, seen.length - 1);
	});
	/** API requests only (not companyinfo). */
	const api = () => seen.filter((request) => !request.path.startsWith('/login/'));
	return { url, seen, api, close };
}

function settingsFor(url: string, overrides: Partial<ManageSettings> = {}): ManageSettings {
	return { site: 'custom', host: url, companyId: COMPANY_ID, publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY, clientId: CLIENT_ID, ...overrides };
}

/** A clock that only moves when the client sleeps. */
function fakeClock(start = Date.UTC(2026, 5, 30, 9, 0, 0)) {
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

function clientFor(url: string, overrides: Partial<ManageClientOptions> = {}, settings: Partial<ManageSettings> = {}) {
	const clock = fakeClock();
	const events: ManageClientEvent[] = [];
	const client = new ManageClient({
		settings: settingsFor(url, settings),
		now: clock.now,
		sleep: clock.sleep,
		// Jitter pinned at its middle: backoff n waits 0.75 × 1000 × 2^(n-1) ms.
		random: () => 0.5,
		onEvent: (event) => events.push(event),
		...overrides,
	});
	return { client, clock, events };
}

async function rejection(promise: Promise<unknown>): Promise<ManageApiError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ManageApiError) return error;
		throw error;
	}
	throw new Error('expected the request to fail');
}

/** Every secret that must never reach an error message, n8n's UI or a log. */
function expectNoSecrets(error: Error) {
	for (const secret of [PUBLIC_KEY, PRIVATE_KEY, BASIC, BASIC.slice('Basic '.length)]) expect(error.message).not.toContain(secret);
	expect(JSON.stringify((error as ManageApiError).messages ?? [])).not.toContain(PRIVATE_KEY);
}

const invoices = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({ id: from + index, invoiceNumber: `INV-${from + index}` }));

describe('conditions (reference §2)', () => {
	test('a company name with quotes and a backslash stays one string literal', () => {
		expect(conditionString('Acme "West" \\ Sons')).toBe('"Acme \\"West\\" \\\\ Sons"');
		expect(conditionString("O'Brien & Co + 50%")).toBe('"O\'Brien & Co + 50%"');
		expect(conditionString('')).toBe('""');
		expect(() => conditionString('INV-1\nOR id > 0')).toThrow(/control character/);
	});

	test('an attempt to close the literal early cannot widen the query', () => {
		const condition = `invoiceNumber = ${conditionString('X" OR id > "0')}`;
		expect(condition).toBe('invoiceNumber = "X\\" OR id > \\"0"');
		expect(and(condition, 'closedFlag = true')).toBe(`${condition} AND closedFlag = true`);
	});

	test('dates are UTC in square brackets, whole seconds; a date alone is midnight UTC', () => {
		expect(conditionDate(new Date(Date.UTC(2026, 5, 30, 14, 5, 9, 123)))).toBe('[2026-06-30T14:05:09Z]');
		expect(conditionDate('2026-06-30')).toBe('[2026-06-30T00:00:00Z]');
		expect(conditionDate('2026-06-30T10:00:00+02:00')).toBe('[2026-06-30T08:00:00Z]');
		expect(() => conditionDate('30/06/2026')).toThrow(/not a date/);
	});

	test('in lists quote strings, leave numbers bare and drop duplicates', () => {
		expect(inList('invoiceNumber', ['INV-1', 'INV-"2"', 'INV-1'])).toBe('invoiceNumber in ("INV-1","INV-\\"2\\"")');
		expect(inList('id', [3, 2, 4])).toBe('id in (3,2,4)');
		expect(() => inList('id', [])).toThrow(/No values/);
	});

	test('and() skips blanks and brackets only parts with a top-level OR', () => {
		expect(and(undefined, 'a = 1', '', 'b = 2 OR c = 3')).toBe('a = 1 AND (b = 2 OR c = 3)');
		expect(and('name = "this OR that"', 'id in (1,2)')).toBe('name = "this OR that" AND id in (1,2)');
		expect(and('name contains "x\\" or "')).toBe('name contains "x\\" or "');
		expect(and(undefined, '')).toBe('');
	});

	test('500 invoice numbers are split into in-lists that keep every URL under 2,000 characters', async () => {
		const numbers = Array.from({ length: 500 }, (_, index) => `INV-2026-${String(index).padStart(5, '0')} "B"`);
		const chunks = chunkedInConditions('invoiceNumber', [...numbers, numbers[0]], { prefix: 'closedFlag = true AND ' });
		expect(chunks.length).toBeGreaterThan(5);
		for (const chunk of chunks) {
			expect(chunk.startsWith('closedFlag = true AND invoiceNumber in ("INV-2026-')).toBe(true);
			expect(encodeURIComponent(chunk).length).toBeLessThanOrEqual(1500);
		}
		const all = chunks.flatMap((chunk) => [...chunk.matchAll(/"(INV-2026-\d+ \\"B\\")"/g)].map((match) => match[1].replace(/\\"/g, '"')));
		expect(all).toEqual(numbers);
		expect(chunkedInConditions('id', [])).toEqual([]);
		expect(chunkedInConditions('id', [1, 2, 3], { maxLength: 20 })).toEqual(['id in (1,2)', 'id in (3)']);

		// And as sent: each chunk makes one request whose whole URL is within Manage's limit.
		const manage = await startManage(() => ({ body: [] }));
		const { client } = clientFor(manage.url);
		for (const conditions of chunks) await client.getAll('finance/invoices', { conditions, fields: 'id,invoiceNumber,glBatch/id' });
		for (const request of manage.api()) expect(`${manage.url}${request.url}`.length).toBeLessThanOrEqual(2000);
		expect(manage.api().map((request) => request.query.get('conditions'))).toEqual(chunks);
	});
});

describe('settings and errors (reference §1, §4)', () => {
	test('sites map to their api- hosts; a custom host loses its trailing slash and any pasted request path', () => {
		expect(siteBaseUrl(settingsFor('', { site: 'api-eu' }))).toBe('https://api-eu.myconnectwise.net');
		expect(siteBaseUrl(settingsFor('http://127.0.0.1:5701/'))).toBe('http://127.0.0.1:5701');
		expect(siteBaseUrl(settingsFor('na.myconnectwise.net'))).toBe('https://api-na.myconnectwise.net');
		expect(siteBaseUrl(settingsFor('http://aus.myconnectwise.net/v4_6_release/apis/3.0/finance/invoices'))).toBe('https://api-aus.myconnectwise.net');
		expect(siteBaseUrl(settingsFor('cw.example.com/'))).toBe('https://cw.example.com');
		expect(() => siteBaseUrl(settingsFor(''))).toThrow(/no host/);
	});

	test('the Basic header is base64 of company+public:private', () => {
		expect(authorizationHeader(COMPANY_ID, PUBLIC_KEY, PRIVATE_KEY)).toBe(BASIC);
		expect(Buffer.from(BASIC.slice(6), 'base64').toString()).toBe(`${COMPANY_ID}+${PUBLIC_KEY}:${PRIVATE_KEY}`);
	});

	test('missing fields are named without showing any value, and 3.0 is refused as a model version', () => {
		const error = (() => {
			try {
				checkSettings(settingsFor('x', { clientId: ' ', privateKey: '' }));
			} catch (caught) {
				return caught as Error;
			}
			throw new Error('expected a failure');
		})();
		expect(error.message).toBe('The ConnectWise Manage credential has no private key, client ID (the integration GUID from developer.connectwise.com).');
		expect(() => checkSettings(settingsFor('x', { apiVersion: '3.0.0' }))).toThrow(/not a release like 2025\.1/);
		expect(checkSettings(settingsFor('x')).apiVersion).toBe('2025.1');
	});

	test('both error shapes are read: {code,message,errors[]} and the 429 {error,message}', () => {
		expect(
			parseManageError(
				400,
				'{"code":"InvalidObject","message":"configuration object is invalid","errors":[{"code":"MissingRequiredField","message":"id or deviceIdentifier is required.","resource":"configuration","field":"id"}]}',
			),
		).toEqual({
			code: 'InvalidObject',
			message: 'configuration object is invalid',
			errors: [{ code: 'MissingRequiredField', message: 'id or deviceIdentifier is required.', resource: 'configuration', field: 'id' }],
		});
		expect(parseManageError(429, '{"error":"ConnectWiseAPI","message":"Too many requests. Please try again in 30 seconds."}')).toEqual({
			code: 'ConnectWiseAPI',
			message: 'Too many requests. Please try again in 30 seconds.',
			errors: [],
		});
		expect(parseManageError(400, '{"code":"Security","message":"SSL is required.","errors":null}')).toEqual({ code: 'Security', message: 'SSL is required.', errors: [] });
		expect(parseManageError(502, '<html><head><title>502 Bad Gateway</title></head></html>').message).toBe('an HTML page ("502 Bad Gateway")');
		expect(parseManageError(500, '')).toEqual({ errors: [] });
	});

	test('redaction blanks known keys and Basic tokens but leaves ordinary words alone', () => {
		expect(redactSecrets(`sent ${BASIC} with ${PRIVATE_KEY}`, [PRIVATE_KEY])).toBe('sent Basic *** with ***');
		expect(redactSecrets('Basic information is missing.')).toBe('Basic information is missing.');
	});

	test('Link headers are read by rel, with commas inside URLs', () => {
		const links = parseLinkHeader('<https://h/x?conditions=id in (1,2)&page=2>; rel="next", <https://h/x?page=9>; rel="last"');
		expect(links).toEqual([
			{ url: 'https://h/x?conditions=id in (1,2)&page=2', rels: ['next'] },
			{ url: 'https://h/x?page=9', rels: ['last'] },
		]);
	});
});

describe('requests: companyinfo, keys and headers (reference §1)', () => {
	test('companyinfo is asked once without keys; API calls go to {site}/{codebase}apis/3.0 with Basic keys, clientId and the versioned Accept', async () => {
		const manage = await startManage(() => ({ body: { id: 7, invoiceNumber: 'INV-7' } }));
		const { client } = clientFor(manage.url);
		expect(await client.companyInfo()).toMatchObject({ CompanyName: 'Ledger Co', Codebase: CODEBASE });
		await client.get('finance/accounting/unpostedinvoices/7');
		await client.get('/finance/accounting/unpostedinvoices/7', { fields: 'id,invoiceNumber' });

		expect(manage.seen.map((request) => request.url)).toEqual([
			`/login/companyinfo/${COMPANY_ID}`,
			`${API}/finance/accounting/unpostedinvoices/7`,
			`${API}/finance/accounting/unpostedinvoices/7?fields=id%2CinvoiceNumber`,
		]);
		expect(manage.seen[0].headers.authorization).toBeUndefined();
		const headers = manage.seen[1].headers;
		expect(headers.authorization).toBe(BASIC);
		expect(headers.clientid).toBe(CLIENT_ID);
		expect(headers.accept).toBe('application/vnd.connectwise.com+json; version=2025.1');
		expect(headers['content-type']).toBeUndefined();
		expect(client.stats).toEqual({ requests: 3, byMethod: { GET: 3 }, pages: 0, status429: 0, retries: 0, waitedMs: 0 });
	});

	test('a company ID Manage does not know (companyinfo answers null) fails with the ID and no API call', async () => {
		const manage = await startManage(() => ({ body: [] }), { body: null });
		const { client } = clientFor(manage.url);
		const error = await rejection(client.getAll('finance/invoices'));
		expect(error.kind).toBe('notFound');
		expect(error.message).toMatch(/does not know company ID "ledgerco"/);
		expect(manage.api()).toHaveLength(0);
	});

	test('POST, PUT, PATCH (JSON Patch) and DELETE send their bodies as JSON', async () => {
		const manage = await startManage((request) => (request.method === 'DELETE' ? { status: 204 } : { status: request.method === 'POST' ? 201 : 200, body: { id: 55 } }));
		const { client } = clientFor(manage.url, {}, { apiVersion: '2019.1' });
		expect(await client.post('finance/accounting/batches', { batchIdentifier: 'LB-1', processedRecordIds: [1010, 1011] })).toEqual({ id: 55 });
		await client.put('finance/invoices/9/payments/3', { amount: 10 });
		await client.patch('finance/invoices/9/payments/3', [{ op: 'replace', path: 'amount', value: 12.5 }]);
		await client.delete('finance/accounting/batches/55');

		expect(manage.api().map((request) => `${request.method} ${request.path} ${request.body}`)).toEqual([
			'POST finance/accounting/batches {"batchIdentifier":"LB-1","processedRecordIds":[1010,1011]}',
			'PUT finance/invoices/9/payments/3 {"amount":10}',
			'PATCH finance/invoices/9/payments/3 [{"op":"replace","path":"amount","value":12.5}]',
			'DELETE finance/accounting/batches/55 ',
		]);
		for (const request of manage.api().slice(0, 3)) expect(request.headers['content-type']).toBe('application/json');
		expect(manage.api()[3].headers['content-type']).toBeUndefined();
		expect(manage.api()[0].headers.accept).toBe('application/vnd.connectwise.com+json; version=2019.1');
		expect(client.stats.byMethod).toEqual({ GET: 1, POST: 1, PUT: 1, PATCH: 1, DELETE: 1 });
	});

	test('count reads {count} with the conditions', async () => {
		const manage = await startManage(() => ({ body: { count: 1234 } }));
		const { client } = clientFor(manage.url);
		expect(await client.count('finance/accounting/unpostedinvoices', 'invoiceDate >= [2026-06-01T00:00:00Z]')).toBe(1234);
		expect(manage.api()[0].path).toBe('finance/accounting/unpostedinvoices/count');
		expect(manage.api()[0].query.get('conditions')).toBe('invoiceDate >= [2026-06-01T00:00:00Z]');
	});

	test('impersonation asks for member tokens once with the API keys and x-cw-usertype: member, then uses the member keys', async () => {
		const manage = await startManage((request) =>
			request.path === 'system/members/jdoe/tokens' ? { status: 201, body: { publicKey: 'memberPub123456', privateKey: 'memberPriv987654', expiration: '2026-06-30T17:00:00Z' } } : { body: [] },
		);
		const { client } = clientFor(manage.url, {}, { impersonateMember: 'jdoe' });
		await client.getAll('finance/accounting/batches');
		await client.get('finance/accounting/batches/1');

		const [token, list, single] = manage.api();
		expect(`${token.method} ${token.path}`).toBe('POST system/members/jdoe/tokens');
		expect(token.headers['x-cw-usertype']).toBe('member');
		expect(token.headers.authorization).toBe(BASIC);
		expect(JSON.parse(token.body)).toEqual({ memberIdentifier: 'jdoe' });
		const memberBasic = authorizationHeader(COMPANY_ID, 'memberPub123456', 'memberPriv987654');
		expect(list.headers.authorization).toBe(memberBasic);
		expect(single.headers.authorization).toBe(memberBasic);
		expect(list.headers.clientid).toBe(CLIENT_ID);
		expect(manage.api()).toHaveLength(3);
	});

	test('a redirect is reported with the host to fix, not followed (a POST would become a GET)', async () => {
		const manage = await startManage(() => ({ status: 302, headers: { location: 'https://na.myconnectwise.net/v2025_1/apis/3.0/finance/accounting/batches' } }));
		const { client } = clientFor(manage.url);
		const error = await rejection(client.post('finance/accounting/batches', { batchIdentifier: 'LB-2' }));
		expect(error.message).toMatch(/redirected POST finance\/accounting\/batches \(HTTP 302 to na\.myconnectwise\.net\)/);
		expect(error.outcomeUnknown).toBe(false);
		expect(manage.api()).toHaveLength(1);
	});

	test('a URL over 2,000 characters is refused before it is sent', async () => {
		const manage = await startManage(() => ({ body: [] }));
		const { client } = clientFor(manage.url);
		const error = await rejection(client.getAll('finance/invoices', { conditions: inList('id', Array.from({ length: 400 }, (_, index) => 100000 + index)) }));
		expect(error.kind).toBe('badRequest');
		expect(error.message).toMatch(/chunkedInConditions/);
		expect(manage.api()).toHaveLength(0);
	});
});

describe('paging (reference §2)', () => {
	test('Link paging keeps conditions, fields and orderBy on every page, goes on after a short page with rel=next and stops without it', async () => {
		const manage = await startManage((request) => {
			const page = Number(request.query.get('page'));
			// The server's own links leave the conditions out (pyconnectwise #14): the client must not.
			const link = (n: number, rel: string) => `<${manage.url}${API}/finance/accounting/unpostedinvoices?page=${n}&pageSize=3>; rel="${rel}"`;
			if (page === 1) return { body: invoices(1, 3), headers: { link: `${link(2, 'next')}, ${link(3, 'last')}` } };
			// A short page that is not the last one (records filtered out by security, say).
			if (page === 2) return { body: invoices(4, 1), headers: { link: `${link(1, 'prev')}, ${link(3, 'next')}, ${link(1, 'first')}` } };
			return { body: invoices(5, 2), headers: { link: `${link(2, 'prev')}, ${link(1, 'first')}` } };
		});
		const { client } = clientFor(manage.url);
		const conditions = and('closedFlag = true', `company/identifier = ${conditionString('Acme "West"')}`);
		const all = await client.getAll<{ id: number }>('finance/accounting/unpostedinvoices', { conditions, fields: 'id,invoiceNumber', orderBy: 'id asc' }, { pageSize: 3 });

		expect(all.map((invoice) => invoice.id)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(manage.api()).toHaveLength(3);
		for (const [index, request] of manage.api().entries()) {
			expect(request.query.get('conditions')).toBe('closedFlag = true AND company/identifier = "Acme \\"West\\""');
			expect(request.query.get('fields')).toBe('id,invoiceNumber');
			expect(request.query.get('orderBy')).toBe('id asc');
			expect(request.query.get('page')).toBe(String(index + 1));
			expect(request.query.get('pageSize')).toBe('3');
			expect(request.headers['pagination-type']).toBeUndefined();
		}
		expect(client.stats.pages).toBe(3);
	});

	test('10,000 unposted invoices at 1000 a page take 11 requests, companyinfo included', async () => {
		const total = 10_000;
		const manage = await startManage((request) => {
			const page = Number(request.query.get('page'));
			const size = Number(request.query.get('pageSize'));
			const pages = Math.ceil(total / size);
			const link = (n: number, rel: string) => `<${manage.url}${API}/finance/accounting/unpostedinvoices?pageSize=${size}&page=${n}>; rel="${rel}"`;
			const links = [link(1, 'first'), ...(page < pages ? [link(page + 1, 'next')] : []), link(pages, 'last')];
			return { body: invoices((page - 1) * size + 1, Math.min(size, total - (page - 1) * size)), headers: { link: links.join(', ') } };
		});
		const { client } = clientFor(manage.url);
		const all = await client.getAll<{ id: number }>('finance/accounting/unpostedinvoices', { conditions: 'closedFlag = true' });
		expect(all).toHaveLength(total);
		expect(new Set(all.map((invoice) => invoice.id)).size).toBe(total);
		expect(client.stats.requests).toBe(11);
		expect(client.stats.requests).toBeLessThanOrEqual(12);
		expect(client.stats.pages).toBe(10);
		expect(manage.api()[0].query.get('pageSize')).toBe('1000');
	});

	test('without any Link header a full page means "ask for the next", a short one ends the list', async () => {
		const manage = await startManage((request) => {
			const page = Number(request.query.get('page'));
			return { body: page < 3 ? invoices(page * 10, 2) : invoices(99, 1) };
		});
		const { client } = clientFor(manage.url);
		expect(await client.getAll('finance/invoices', {}, { pageSize: 2 })).toHaveLength(5);
		expect(manage.api().map((request) => request.query.get('page'))).toEqual(['1', '2', '3']);
	});

	test('forward-only paging sends the header, follows pageId from the Link header and never sends page or orderBy', async () => {
		const manage = await startManage((request) => {
			const pageId = Number(request.query.get('pageId') ?? 0);
			const size = Number(request.query.get('pageSize'));
			const rows = invoices(pageId + 1, Math.max(0, Math.min(size, 7 - pageId)));
			const last = rows[rows.length - 1]?.id;
			// Forward-only always links to the next pageId; the last page links to more of nothing.
			return { body: rows, headers: { link: `<${manage.url}${API}/finance/accounting/unpostedinvoices?pageSize=${size}&pageId=${last ?? pageId}>; rel="next"` } };
		});
		const { client } = clientFor(manage.url);
		const all = await client.getAll<{ id: number }>('finance/accounting/unpostedinvoices', { conditions: 'closedFlag = true' }, { forwardOnly: true, pageSize: 3 });
		expect(all.map((invoice) => invoice.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(manage.api().map((request) => request.query.get('pageId'))).toEqual([null, '3', '6', '7']);
		for (const request of manage.api()) {
			expect(request.headers['pagination-type']).toBe('forward-only');
			expect(request.query.get('conditions')).toBe('closedFlag = true');
			expect(request.query.has('page')).toBe(false);
			expect(request.query.has('orderBy')).toBe(false);
		}
		await expect(client.getAll('finance/invoices', { orderBy: 'id desc' }, { forwardOnly: true })).rejects.toThrow(/cannot use orderBy with forward-only/);
		expect(manage.api()).toHaveLength(4);
	});

	test('maxPages fails instead of returning part of a list', async () => {
		const manage = await startManage((request) => ({
			body: invoices(1, 1),
			headers: { link: `<${manage.url}${API}/finance/invoices?page=${Number(request.query.get('page')) + 1}>; rel="next"` },
		}));
		const { client } = clientFor(manage.url);
		await expect(client.getAll('finance/invoices', {}, { maxPages: 3 })).rejects.toThrow(/more than 3 pages of finance\/invoices/);
		expect(manage.api()).toHaveLength(3);
	});
});

describe('rate limits, faults and retries (reference §4)', () => {
	test('a 429 waits Retry-After seconds and then goes again, whatever the method', async () => {
		const manage = await startManage((_request, index) =>
			index === 1 ? { status: 429, headers: { 'retry-after': '30' }, body: { error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 30 seconds.' } } : { status: 201, body: { id: 9 } },
		);
		const { client, clock, events } = clientFor(manage.url);
		expect(await client.post('finance/accounting/batches', { batchIdentifier: 'LB-3' })).toEqual({ id: 9 });
		expect(clock.sleeps).toEqual([30_000]);
		expect(events).toEqual([{ type: 'rateLimitWait', detail: 'POST finance/accounting/batches: 429 Too Many Requests (30 s of 150 s waited)', waitMs: 30_000 }]);
		expect(client.stats).toMatchObject({ requests: 3, status429: 1, retries: 1, waitedMs: 30_000, byMethod: { GET: 1, POST: 2 } });
	});

	test('429s for a whole minute and more are waited out: six in a row, 25 s each, then the call goes through', async () => {
		const manage = await startManage((_request, index) =>
			index >= 1 && index <= 6 ? { status: 429, headers: { 'retry-after': '25' }, body: { error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 25 seconds.' } } : { status: 201, body: { id: 10 } },
		);
		const { client, clock } = clientFor(manage.url);
		expect(await client.post('finance/invoices/7/payments', { amount: 10 })).toEqual({ id: 10 });
		expect(clock.sleeps).toEqual([25_000, 25_000, 25_000, 25_000, 25_000, 25_000]);
		expect(client.stats.status429).toBe(6);
	});

	test('429s beyond the waiting budget (150 s by default) fail as a retryable rateLimit error, nothing processed', async () => {
		const manage = await startManage(() => ({ status: 429, headers: { 'retry-after': '40' }, body: { error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 40 seconds.' } }));
		const { client, clock } = clientFor(manage.url);
		const error = await rejection(client.getAll('finance/invoices'));
		expect(error).toMatchObject({ kind: 'rateLimit', retryable: true, outcomeUnknown: false });
		expect(error.message).toMatch(/^ConnectWise Manage's rate limit stopped GET finance\/invoices after 120 s of waiting/);
		expect(clock.sleeps).toEqual([40_000, 40_000, 40_000]);
	});

	test('a 501 is not retried: Manage does not have the endpoint, asking again changes nothing', async () => {
		const manage = await startManage(() => ({ status: 501, body: { code: 'NotImplemented', message: 'The method or operation is not implemented.' } }));
		const { client, clock } = clientFor(manage.url);
		const error = await rejection(client.getAll('finance/accounting/unpostedpayments'));
		expect(error).toMatchObject({ kind: 'badRequest', status: 501, retryable: false });
		expect(error.message).toMatch(/does not implement GET finance\/accounting\/unpostedpayments \(HTTP 501\)/);
		expect(clock.sleeps).toEqual([]);
		expect(manage.api()).toHaveLength(1);
	});

	test('a 429 without Retry-After waits what its {"error":"ConnectWiseAPI"} body says', async () => {
		const manage = await startManage((_request, index) =>
			index === 1 ? { status: 429, body: { error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 12 seconds.' } } : { body: [] },
		);
		const { client, clock } = clientFor(manage.url);
		await client.getAll('finance/invoices');
		expect(clock.sleeps).toEqual([12_000]);
	});

	test('a Retry-After beyond the cap fails at once as a retryable rateLimit error that quotes Manage', async () => {
		const manage = await startManage(() => ({ status: 429, headers: { 'retry-after': '600' }, body: { error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 600 seconds.' } }));
		const { client, clock } = clientFor(manage.url);
		const error = await rejection(client.getAll('finance/invoices'));
		expect(error).toMatchObject({ kind: 'rateLimit', status: 429, code: 'ConnectWiseAPI', retryable: true, outcomeUnknown: false, retryAfterMs: 600_000 });
		expect(error.message).toBe(
			"ConnectWise Manage's rate limit stopped GET finance/invoices: Too many requests. Please try again in 600 seconds. Nothing was processed; run again in 600 s.",
		);
		expect(clock.sleeps).toEqual([]);
		expect(manage.api()).toHaveLength(1);
	});

	test('a 5xx on GET is retried with exponential backoff and jitter', async () => {
		const manage = await startManage((_request, index) => (index <= 3 ? { status: index === 3 ? 503 : 500, body: { code: 'ConnectWiseApi', message: 'An error has occurred.' } } : { body: [{ id: 1 }] }));
		const { client, clock, events } = clientFor(manage.url);
		expect(await client.getAll('finance/accounting/batches')).toEqual([{ id: 1 }]);
		expect(clock.sleeps).toEqual([750, 1500, 3000]);
		expect(events.map((event) => event.type)).toEqual(['retry', 'retry', 'retry']);
		expect(client.stats).toMatchObject({ requests: 5, retries: 3, waitedMs: 5250 });
	});

	test('GET gives up after maxRetries with a retryable server error', async () => {
		const manage = await startManage(() => ({ status: 502, body: '<html><head><title>502 Bad Gateway</title></head></html>' }));
		const { client } = clientFor(manage.url, { maxRetries: 2 });
		const error = await rejection(client.get('finance/invoices/1'));
		expect(error).toMatchObject({ kind: 'server', status: 502, retryable: true, outcomeUnknown: false });
		expect(error.message).toBe('ConnectWise Manage failed GET finance/invoices/1 with HTTP 502 after 3 attempts: an HTML page ("502 Bad Gateway").');
		expect(manage.api()).toHaveLength(3);
	});

	test('a POST that meets a 500 is not sent again: outcome unknown, the caller re-checks', async () => {
		const manage = await startManage(() => ({ status: 500, body: { code: 'ConnectWiseApi', message: 'Timeout expired.' } }));
		const { client } = clientFor(manage.url);
		const error = await rejection(client.post('finance/accounting/batches', { batchIdentifier: 'LB-4', processedRecordIds: [1] }));
		expect(error).toMatchObject({ kind: 'server', status: 500, outcomeUnknown: true, retryable: false, method: 'POST', path: 'finance/accounting/batches' });
		expect(error.message).toMatch(/^ConnectWise Manage failed POST finance\/accounting\/batches with HTTP 500: Timeout expired\. ConnectWise Manage may or may not have processed it/);
		expect(manage.api()).toHaveLength(1);
		expect(client.stats.retries).toBe(0);
	});

	test('a 400 is not retried and its errors[] are in the message', async () => {
		const manage = await startManage(() => ({
			status: 400,
			body: {
				code: 'InvalidObject',
				message: 'glExport object is invalid',
				errors: [
					{ code: 'MissingRequiredField', message: 'processedRecordIds is required.', resource: 'glExport', field: 'processedRecordIds' },
					{ code: 'InvalidField', message: 'batchIdentifier is longer than 50 characters.', resource: 'glExport', field: 'batchIdentifier' },
				],
			},
		}));
		const { client } = clientFor(manage.url);
		const error = await rejection(client.post('finance/accounting/batches', { batchIdentifier: 'x'.repeat(60) }));
		expect(error.message).toBe(
			'ConnectWise Manage refused POST finance/accounting/batches: glExport object is invalid (processedRecordIds is required; batchIdentifier is longer than 50 characters).',
		);
		expect(error).toMatchObject({ kind: 'validation', status: 400, code: 'InvalidObject', retryable: false, outcomeUnknown: false });
		expect(error.errors.map((detail) => detail.field)).toEqual(['processedRecordIds', 'batchIdentifier']);
		expect(error.messages).toEqual(['glExport object is invalid', 'processedRecordIds is required.', 'batchIdentifier is longer than 50 characters.']);
		expect(manage.api()).toHaveLength(1);
	});

	test.each([
		[401, 'unauthorized', { code: 'Unauthorized', message: 'UserNotAuthenticated' }],
		[403, 'forbidden', { code: 'Forbidden', message: 'You do not have access to Finance / Accounting Interface.' }],
		[404, 'notFound', { code: 'NotFound', message: 'Batch not found' }],
		[409, 'conflict', { code: 'ObjectExists', message: 'Batch is in use' }],
	])('a %i is final: kind %s, one request', async (status, kind, body) => {
		const manage = await startManage(() => ({ status, body }));
		const { client } = clientFor(manage.url);
		const error = await rejection(client.get('finance/accounting/batches/1'));
		expect(error).toMatchObject({ kind, status, retryable: false });
		expect(error.message).toContain(body.message);
		expect(manage.api()).toHaveLength(1);
	});

	test('ECONNRESET on a GET is retried; on a POST it is not, and the outcome is unknown', async () => {
		const manage = await startManage((request, index) => (index === 1 || request.method === 'POST' ? 'drop' : { body: [{ id: 3 }] }));
		const { client, clock } = clientFor(manage.url);
		expect(await client.getAll('finance/accounting/batches')).toEqual([{ id: 3 }]);
		expect(clock.sleeps).toEqual([750]);

		const error = await rejection(client.post('finance/accounting/batches', { batchIdentifier: 'LB-5' }));
		expect(error).toMatchObject({ kind: 'network', code: 'ECONNRESET', outcomeUnknown: true, retryable: false });
		expect(error.message).toMatch(/^The connection to ConnectWise Manage was lost during POST finance\/accounting\/batches \(ECONNRESET\)\./);
		expect(manage.api().filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	test('ECONNREFUSED proves nothing was sent, so even a POST goes again', async () => {
		const manage = await startManage(() => ({ status: 201, body: { id: 12 } }));
		let refused = 0;
		const send = async (request: ManageHttpRequest) => {
			if (request.method === 'POST' && refused === 0) {
				refused += 1;
				throw new HttpNetworkError('ECONNREFUSED', 'connect ECONNREFUSED');
			}
			return manageFetchSend(request);
		};
		const { client } = clientFor(manage.url, { send });
		expect(await client.post('finance/invoices/9/payments', { amount: 10, paymentDate: '2026-06-30' })).toEqual({ id: 12 });
		expect(client.stats).toMatchObject({ requests: 3, retries: 1, byMethod: { GET: 1, POST: 2 } });
	});

	test('an unreachable site fails after the retries with a retryable network error', async () => {
		const manage = await startManage(() => ({ body: [] }));
		await manage.close();
		const { client } = clientFor(manage.url, { maxRetries: 1 });
		const error = await rejection(client.companyInfo());
		expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true, outcomeUnknown: false });
		expect(client.stats.requests).toBe(2);
	});
});

describe('secrets stay out of error messages', () => {
	test('keys and the Authorization header are blanked even when Manage echoes them', async () => {
		const echo = (request: Seen) => `Bad key ${PRIVATE_KEY} for ${PUBLIC_KEY} (${String(request.headers.authorization)})`;
		const replies: Handler[] = [
			(request) => ({ status: 401, body: { code: 'Unauthorized', message: echo(request) } }),
			(request) => ({ status: 400, body: { code: 'InvalidObject', message: 'invalid', errors: [{ code: 'X', message: echo(request) }] } }),
			(request) => ({ status: 500, body: { code: 'ConnectWiseApi', message: echo(request) } }),
			(request) => ({ status: 429, headers: { 'retry-after': '9999' }, body: { error: 'ConnectWiseAPI', message: echo(request) } }),
			(request) => ({ status: 404, body: echo(request) }),
			() => 'drop',
		];
		for (const reply of replies) {
			const manage = await startManage(reply);
			const { client } = clientFor(manage.url, { maxRetries: 0 });
			const error = await rejection(client.post('finance/accounting/batches', { batchIdentifier: 'LB-6' }));
			expectNoSecrets(error);
		}
	});
});

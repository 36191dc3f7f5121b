/**
 * Exact Online token refresh against a local token endpoint that behaves like Exact's
 * (reference exact-online.md §1): refresh tokens rotate and work once, a refresh in a token's
 * first 9½ minutes is "too early", and the endpoint answers 401 to an Authorization header.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExactApiError } from '../../../lib/targets/exactOnline/transport/errors';
import { ExactAuthError, ExactTokenManager, type StoredTokens, type TokenManagerOptions } from '../../../lib/targets/exactOnline/transport/tokens';
import { closeJournals, openJournal } from '../../../lib/posting/journal/open';
import { temporaryJournalFile } from '../../support/journals';

interface Seen {
	headers: IncomingHttpHeaders;
	form: Record<string, string>;
}
type Reply = { status: number; headers?: Record<string, string>; body: object };

const CLIENT_SECRET = 'client-secret-value-9f8e7d';
const NOW = Date.UTC(2026, 2, 31, 10, 0, 0);
const tokens = (n: number, expiresAt?: number): StoredTokens => ({ accessToken: `AT-${n}-0123456789abcdef`, refreshToken: `RT-${n}-0123456789abcdef`, expiresAt });
const issued = (n: number) => ({ status: 200, body: { access_token: `AT-${n}-0123456789abcdef`, refresh_token: `RT-${n}-0123456789abcdef`, expires_in: '600', token_type: 'bearer' } });

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	await Promise.all(closers.splice(0).map((close) => close()));
});

/**
 * A token endpoint that rotates refresh tokens like Exact: only the latest refresh token works,
 * an earlier one gets "Old refresh token used". `override` can answer differently.
 */
async function startTokenEndpoint(options: { current?: string; next?: number; delayMs?: number; override?: (seen: Seen) => Reply | undefined } = {}) {
	const seen: Seen[] = [];
	let current = options.current ?? tokens(1).refreshToken;
	let next = options.next ?? 2;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
			const request = { headers: req.headers, form };
			seen.push(request);
			let reply: Reply | undefined = options.override?.(request);
			if (!reply) {
				if (req.headers.authorization) reply = { status: 401, body: { error: 'invalid_client' } };
				else if (form.refresh_token !== current) reply = { status: 401, body: { error: 'unauthorized_client', error_description: 'Old refresh token used.' } };
				else {
					reply = issued(next);
					current = tokens(next).refreshToken;
					next += 1;
				}
			}
			const answer = reply;
			setTimeout(() => {
				res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
				res.end(JSON.stringify(answer.body));
			}, options.delayMs ?? 0);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/oauth2/token`;
	closers.push(
		() =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	);
	return { url, seen };
}

let storeNumber = 0;

/** Stands for n8n's credential store: shared by every execution that uses the credential. */
function memoryStore(initial: StoredTokens) {
	const store = {
		key: `tokens-test-${++storeNumber}`,
		tokens: initial,
		saved: [] as StoredTokens[],
		load: async () => ({ ...store.tokens }),
		save: async (tokens: StoredTokens) => {
			store.saved.push(tokens);
			store.tokens = tokens;
		},
	};
	return store;
}

function manager(url: string, store: ReturnType<typeof memoryStore>, overrides: Partial<TokenManagerOptions> = {}) {
	// Waits for another process's token take no real time here; the cases that need one pass their own sleep.
	return new ExactTokenManager({ tokenUrl: url, clientId: 'client-id-1', clientSecret: CLIENT_SECRET, store, now: () => NOW, sleep: async () => undefined, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a failure');
}

const secretsOf = (...sets: StoredTokens[]) => [CLIENT_SECRET, ...sets.flatMap((set) => [set.accessToken, set.refreshToken])];

describe('refreshing before expiry, not after a 401', () => {
	test('a token in its last 30 seconds is refreshed first, with a form post and no Authorization header', async () => {
		const endpoint = await startTokenEndpoint();
		const store = memoryStore(tokens(1, NOW + 20_000));
		const tokenManager = manager(endpoint.url, store);

		await expect(tokenManager.accessToken()).resolves.toBe(tokens(2).accessToken);
		expect(endpoint.seen).toHaveLength(1);
		const [request] = endpoint.seen;
		expect(request.headers.authorization).toBeUndefined();
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(request.form).toEqual({ grant_type: 'refresh_token', refresh_token: tokens(1).refreshToken, client_id: 'client-id-1', client_secret: CLIENT_SECRET });
		// expires_in arrives as the string "600".
		expect(store.saved).toEqual([tokens(2, NOW + 600_000)]);
		expect(tokenManager.refreshes).toBe(1);
	});

	test('a token with more than the margin left, or an unknown expiry, is used as it is', async () => {
		const endpoint = await startTokenEndpoint();
		await expect(manager(endpoint.url, memoryStore(tokens(1, NOW + 60_000))).accessToken()).resolves.toBe(tokens(1).accessToken);
		await expect(manager(endpoint.url, memoryStore(tokens(1))).accessToken()).resolves.toBe(tokens(1).accessToken);
		expect(endpoint.seen).toHaveLength(0);
	});

	test('a refresh that is too early keeps the still valid access token and saves the new refresh token it carries', async () => {
		const endpoint = await startTokenEndpoint({
			override: () => ({
				status: 400,
				headers: { reason: 'TooEarlyToRefreshTokens' },
				body: { error: 'access_denied', error_description: 'Rate limit exceeded: access_token not expired', refresh_token: tokens(2).refreshToken },
			}),
		});
		const store = memoryStore(tokens(1, NOW + 10_000));
		const tokenManager = manager(endpoint.url, store);

		await expect(tokenManager.accessToken()).resolves.toBe(tokens(1).accessToken);
		expect(store.tokens.accessToken).toBe(tokens(1).accessToken);
		expect(store.tokens.refreshToken).toBe(tokens(2).refreshToken);
		// Not asked again on the next call: each refresh spends one of 200 daily token calls.
		await tokenManager.accessToken();
		expect(endpoint.seen).toHaveLength(1);
	});
});

describe('after a "too early" refusal', () => {
	test('a token whose expiry is unknown is not offered for refresh again until its refresh window has surely opened (one lifetime), so Exact\'s error budget is not spent every 30 s', async () => {
		const endpoint = await startTokenEndpoint({
			override: () => ({ status: 400, headers: { reason: 'TooEarlyToRefreshTokens' }, body: { error: 'access_denied', error_description: 'Rate limit exceeded: access_token not expired' } }),
		});
		let now = NOW;
		const tokenManager = manager(endpoint.url, memoryStore(tokens(1)), { now: () => now });
		await expect(tokenManager.afterUnauthorized(tokens(1).accessToken)).rejects.toThrow(/TooEarlyToRefreshTokens/);
		for (const minutes of [0.5, 1, 5, 9, 9.4]) {
			now = NOW + minutes * 60_000;
			await expect(tokenManager.accessToken()).resolves.toBe(tokens(1).accessToken);
		}
		expect(endpoint.seen).toHaveLength(1);
		now = NOW + 10 * 60_000;
		await tokenManager.accessToken();
		expect(endpoint.seen).toHaveLength(2);
	});
});

describe('rotating refresh tokens', () => {
	test('"Old refresh token used" after another execution refreshed: the tokens it stored are used', async () => {
		const store = memoryStore(tokens(1, NOW - 1000));
		const endpoint = await startTokenEndpoint({
			current: tokens(7).refreshToken,
			override: () => {
				// Another process refreshed with RT-1 a moment before us and stored its tokens.
				store.tokens = tokens(8, NOW + 600_000);
				return undefined;
			},
		});
		const tokenManager = manager(endpoint.url, store);

		await expect(tokenManager.accessToken()).resolves.toBe(tokens(8).accessToken);
		expect(endpoint.seen).toHaveLength(1);
		expect(store.saved).toEqual([]);
	});

	test('"Old refresh token used" with nobody else refreshing means the chain is broken: reconnect', async () => {
		const endpoint = await startTokenEndpoint({ current: tokens(7).refreshToken });
		const store = memoryStore(tokens(1, NOW - 1000));
		const error = await failure(manager(endpoint.url, store).accessToken());

		expect(error).toBeInstanceOf(ExactAuthError);
		expect(error.message).toMatch(/Old refresh token used/);
		expect(error.message).toMatch(/Credentials → the Exact Online credential → Reconnect/);
		expect(error.message).toMatch(/30 days/);
		for (const secret of secretsOf(tokens(1), tokens(7))) expect(error.message).not.toContain(secret);
	});

	test('"Old refresh token used" because another worker refreshed a moment ago: the token it stores a few seconds later is waited for and used, no reconnect', async () => {
		const endpoint = await startTokenEndpoint({ current: tokens(7).refreshToken });
		const store = memoryStore(tokens(1, NOW - 1000));
		const waits: number[] = [];
		const tokenManager = manager(endpoint.url, store, {
			sleep: async (ms) => {
				waits.push(ms);
				// The other worker's save lands during the third pause.
				if (waits.length === 3) store.tokens = tokens(7, NOW + 600_000);
			},
		});
		await expect(tokenManager.accessToken()).resolves.toBe(tokens(7).accessToken);
		expect(waits).toEqual([250, 500, 1000]);
		expect(endpoint.seen).toHaveLength(1);
	});

	test('"Old refresh token used" and nothing new in the store for 30 s: reconnect, after waiting no longer than that', async () => {
		const endpoint = await startTokenEndpoint({ current: tokens(7).refreshToken });
		const waits: number[] = [];
		const error = await failure(manager(endpoint.url, memoryStore(tokens(1, NOW - 1000)), { sleep: async (ms) => void waits.push(ms) }).accessToken());
		expect(error).toBeInstanceOf(ExactAuthError);
		expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(30_000);
	});

	test('an expired refresh token (invalid_grant) asks for a reconnect and explains the 30-day chain', async () => {
		const endpoint = await startTokenEndpoint({
			override: () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token expired at 2026-02-28 10:00:00 and it is now 2026-03-31 10:00:00' } }),
		});
		const error = await failure(manager(endpoint.url, memoryStore(tokens(1, NOW - 1000))).accessToken());
		expect(error).toBeInstanceOf(ExactAuthError);
		expect(error.message).toMatch(/refresh token expired at 2026-02-28/);
		expect(error.message).toMatch(/expire after 30 days without use/);
	});

	test('two processes sharing the credential (their own in-process locks, one journal lock) send exactly one refresh, and both use its token', async () => {
		const endpoint = await startTokenEndpoint({ delayMs: 50 });
		const { file, remove } = temporaryJournalFile();
		const journal = await openJournal({ kind: 'embedded', file });
		const shared = memoryStore(tokens(1, NOW - 1000));
		// Each "worker" has its own store key, as two n8n processes have their own in-process locks.
		const worker = (name: string) => ({ ...shared, key: `${shared.key}-${name}`, load: shared.load, save: shared.save, lock: <T>(work: () => Promise<T>) => journal.withLock('token:exact-credential-1', { ttlMs: 10_000, waitMs: 10_000 }, work) });
		const results = await Promise.all([manager(endpoint.url, shared, { store: worker('a') }).accessToken(), manager(endpoint.url, shared, { store: worker('b') }).accessToken()]);
		expect(results).toEqual([tokens(2).accessToken, tokens(2).accessToken]);
		expect(endpoint.seen).toHaveLength(1);
		await closeJournals();
		remove();
	});

	test('two concurrent executions with an expired token send exactly one refresh', async () => {
		const endpoint = await startTokenEndpoint({ delayMs: 50 });
		const store = memoryStore(tokens(1, NOW - 1000));
		const first = manager(endpoint.url, store);
		const second = manager(endpoint.url, store);

		const results = await Promise.all([first.accessToken(), second.accessToken(), first.accessToken()]);
		expect(results).toEqual([tokens(2).accessToken, tokens(2).accessToken, tokens(2).accessToken]);
		expect(endpoint.seen).toHaveLength(1);
		expect(first.refreshes + second.refreshes).toBe(1);
	});

	test('the refresh is saved before the new access token is handed out', async () => {
		const endpoint = await startTokenEndpoint();
		const store = memoryStore(tokens(1, NOW - 1000));
		const order: string[] = [];
		const save = store.save;
		store.save = async (saved) => {
			await save(saved);
			order.push('saved');
		};
		await manager(endpoint.url, store)
			.accessToken()
			.then(() => order.push('handed out'));
		expect(order).toEqual(['saved', 'handed out']);
	});
});

describe('after Exact answered 401', () => {
	test('a different token already in the store is used without a refresh', async () => {
		const endpoint = await startTokenEndpoint();
		const store = memoryStore(tokens(5, NOW + 500_000));
		await expect(manager(endpoint.url, store).afterUnauthorized(tokens(4).accessToken)).resolves.toBe(tokens(5).accessToken);
		expect(endpoint.seen).toHaveLength(0);
	});

	test('the same token as the rejected one is refreshed once', async () => {
		const endpoint = await startTokenEndpoint();
		const store = memoryStore(tokens(1));
		const tokenManager = manager(endpoint.url, store);
		await expect(tokenManager.afterUnauthorized(tokens(1).accessToken)).resolves.toBe(tokens(2).accessToken);
		expect(endpoint.seen).toHaveLength(1);
		expect(endpoint.seen[0].headers.authorization).toBeUndefined();
	});
});

describe('what token errors never show', () => {
	test('an endpoint that echoes the request gets its tokens and the client secret blanked', async () => {
		const endpoint = await startTokenEndpoint({
			override: (seen) => ({
				status: 400,
				body: { error: 'invalid_request', error_description: `Could not parse refresh_token=${seen.form.refresh_token}&client_secret=${seen.form.client_secret} (${seen.form.refresh_token})` },
			}),
		});
		const error = await failure(manager(endpoint.url, memoryStore(tokens(1, NOW - 1000))).accessToken());
		expect(error).toBeInstanceOf(ExactAuthError);
		for (const secret of secretsOf(tokens(1))) {
			expect(error.message).not.toContain(secret);
			expect((error as ExactAuthError).detail ?? '').not.toContain(secret);
		}
	});

	test('a 500 from the token endpoint is a retryable server error without secrets', async () => {
		const endpoint = await startTokenEndpoint({ override: (seen) => ({ status: 500, body: { error: { message: { value: `boom for ${seen.form.client_secret}` } } } }) });
		const error = await failure(manager(endpoint.url, memoryStore(tokens(1, NOW - 1000))).accessToken());
		expect(error).toBeInstanceOf(ExactApiError);
		expect(error).toMatchObject({ kind: 'server', retryable: true });
		expect(error.message).not.toContain(CLIENT_SECRET);
	});

	test('an unreachable token endpoint is a network error that may be retried', async () => {
		const endpoint = await startTokenEndpoint();
		await Promise.all(closers.splice(0).map((close) => close()));
		const error = await failure(manager(endpoint.url, memoryStore(tokens(1, NOW - 1000))).accessToken());
		expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true, outcomeUnknown: false });
	});
});

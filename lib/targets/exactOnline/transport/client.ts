/**
 * The Exact Online REST client: one division, the rate limits read from every answer, and a
 * retry policy that never sends a write twice unless Exact proved the first one was not
 * processed. Plain TypeScript; the n8n node plugs in n8n's http helper as `send`.
 */
import { redactSecrets } from '../../../http/redact';
import { retryAfterMs } from '../../../http/retryAfter';
import { ExactApiError, looksLikeHtml, parseExactError, type ExactErrorKind } from './errors';
import { Retries } from '../../../http/retry';
import { fetchSend, type HttpRequest, type HttpResponse, type HttpSend } from '../../../http/send';

type Method = HttpRequest['method'];

export interface ExactTokenSource {
	accessToken(): Promise<string>;
	afterUnauthorized?(rejected: string): Promise<string>;
}

export interface ExactClientEvent {
	type: 'retry' | 'rateLimitWait' | 'refresh';
	detail: string;
	waitMs?: number;
}

export interface ExactClientOptions {
	/** e.g. https://start.exactonline.nl (no trailing /api; one is tolerated and dropped). */
	baseUrl: string;
	/** hrm/Divisions.Code, the number in URLs (not the HID the UI shows, reference §1). Blank → current division. */
	division?: number;
	tokens: ExactTokenSource;
	send?: HttpSend;
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	/** Transient-fault retries per request, default 4. */
	maxRetries?: number;
	/** Base of the exponential backoff, default 1000 ms, with jitter. */
	retryDelayMs?: number;
	/** A fraction from 0 to 1 for the backoff's jitter (lib/http/retry.ts); Math.random by default. */
	random?: () => number;
	/** Wait after a 429 without a reset header, default 60 s. */
	defaultRateLimitWaitMs?: number;
	/** Longest single wait; longer (a daily reset hours away) fails instead. Default 120 s. */
	maxWaitMs?: number;
	/** Exact localizes its messages (reference §6); default 'en'. */
	acceptLanguage?: string;
	onEvent?: (event: ExactClientEvent) => void;
}

export interface ExactCallStats {
	/** HTTP requests actually sent to the API, retries included. */
	requests: number;
	byMethod: Record<string, number>;
	/** Result pages read. */
	pages: number;
	status429: number;
	/** Requests sent again after a fault, a 429 or a 401. */
	retries: number;
	rateLimitWaits: number;
	/** Time spent sleeping: rate-limit waits and retry backoff. */
	waitedMs: number;
	/** 401 answers received (each one is a metered error, reference §1). */
	unauthorized: number;
}

export interface ExactPage<T> {
	results: T[];
	/** Exact's d.__next, to pass to getNextPage as it is. */
	next?: string;
}

/** Waits end a little after the announced reset: our clock and Exact's differ (picqer #521). */
const RESET_SKEW_PAD_MS = 250;
/** A 429 whose reset is already past (clock skew) still gets a short pause. */
const MIN_RATE_LIMIT_WAIT_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

const OUTCOME_UNKNOWN_HINT =
	' Exact Online may or may not have processed it: check Exact Online (for example for the YourRef or invoice number) before sending it again.';

interface RateLimitState {
	minutelyRemaining?: number;
	minutelyReset?: number;
	dailyLimit?: number;
	dailyRemaining?: number;
	dailyReset?: number;
}

export class ExactClient {
	readonly stats: ExactCallStats = { requests: 0, byMethod: {}, pages: 0, status429: 0, retries: 0, rateLimitWaits: 0, waitedMs: 0, unauthorized: 0 };

	private readonly baseUrl: string;
	private readonly tokens: ExactTokenSource;
	private readonly send: HttpSend;
	private readonly sleep: (ms: number) => Promise<void>;
	private readonly now: () => number;
	private readonly maxRetries: number;
	private readonly retryDelayMs: number;
	private readonly random: () => number;
	private readonly defaultRateLimitWaitMs: number;
	private readonly maxWaitMs: number;
	private readonly acceptLanguage: string;
	private readonly onEvent?: (event: ExactClientEvent) => void;
	private readonly fixedDivision?: number;
	private divisionLookup?: Promise<number>;
	private readonly limits: RateLimitState = {};

	constructor(options: ExactClientOptions) {
		this.baseUrl = options.baseUrl.trim().replace(/\/+$/, '').replace(/\/api(\/v1)?$/i, '');
		this.tokens = options.tokens;
		this.send = options.send ?? fetchSend;
		this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
		this.now = options.now ?? Date.now;
		this.maxRetries = options.maxRetries ?? 4;
		this.retryDelayMs = options.retryDelayMs ?? 1000;
		this.random = options.random ?? Math.random;
		this.defaultRateLimitWaitMs = options.defaultRateLimitWaitMs ?? 60_000;
		this.maxWaitMs = options.maxWaitMs ?? 120_000;
		this.acceptLanguage = options.acceptLanguage ?? 'en';
		this.onEvent = options.onEvent;
		const division = Number(options.division);
		if (Number.isInteger(division) && division > 0) this.fixedDivision = division;
	}

	/** The division in every URL: the configured one, or the user's current one, asked once (reference §2). */
	division(): Promise<number> {
		if (this.fixedDivision !== undefined) return Promise.resolve(this.fixedDivision);
		this.divisionLookup ??= this.currentDivision().catch((error) => {
			this.divisionLookup = undefined;
			throw error;
		});
		return this.divisionLookup;
	}

	/** One page of `path` (relative to /api/v1/{division}/, e.g. 'financial/GLAccounts'). */
	async getPage<T>(path: string, query?: Record<string, string>): Promise<ExactPage<T>> {
		const division = await this.division();
		return this.readPage<T>(this.url(`${division}/${path}`, query), resourceLabel(path));
	}

	/** The page a previous page's `next` points to. */
	async getNextPage<T>(next: string): Promise<ExactPage<T>> {
		const url = this.nextUrl(next);
		return this.readPage<T>(url, labelFromUrl(url));
	}

	/** Every page of `path`, following d.__next as Exact gives it (reference §4). */
	async getAll<T>(path: string, query?: Record<string, string>, options: { maxPages?: number } = {}): Promise<T[]> {
		return this.collect(await this.getPage<T>(path, query), resourceLabel(path), options.maxPages);
	}

	/** For division-less paths relative to /api/v1/, e.g. 'current/Me'; all pages. */
	async getAbsolute<T>(path: string, query?: Record<string, string>, options: { maxPages?: number } = {}): Promise<T[]> {
		const first = await this.readPage<T>(this.url(path, query), resourceLabel(path));
		return this.collect(first, resourceLabel(path), options.maxPages);
	}

	/** Creates an entity; returns the `d` of Exact's 201 answer (with `Prefer: return=representation`). */
	async post<T>(path: string, body: unknown): Promise<T> {
		const division = await this.division();
		const { data } = await this.execute('POST', this.url(`${division}/${path}`), resourceLabel(path), JSON.stringify(body));
		const d = (data as { d?: unknown } | undefined)?.d;
		return (d ?? data) as T;
	}

	/** Updates an entity, e.g. `salesentry/SalesEntries(guid'…')`; Exact answers 204. */
	async put(path: string, body: unknown): Promise<void> {
		const division = await this.division();
		await this.execute('PUT', this.url(`${division}/${path}`), resourceLabel(path), JSON.stringify(body));
	}

	/** Deletes an entity, e.g. an entry line being replaced (reference §3 "Line edits"). */
	async delete(path: string): Promise<void> {
		const division = await this.division();
		await this.execute('DELETE', this.url(`${division}/${path}`), resourceLabel(path));
	}

	private async currentDivision(): Promise<number> {
		const [me] = await this.getAbsolute<{ CurrentDivision?: unknown }>('current/Me', { $select: 'CurrentDivision' });
		const division = Number(me?.CurrentDivision);
		if (!Number.isInteger(division) || division <= 0) {
			throw new ExactApiError('Exact Online did not say which division is current; set the division in the node.', {
				kind: 'notFound',
				method: 'GET',
				path: 'current/Me',
			});
		}
		return division;
	}

	private async collect<T>(first: ExactPage<T>, label: string, maxPages = Number.POSITIVE_INFINITY): Promise<T[]> {
		const results = [...first.results];
		let next = first.next;
		let pages = 1;
		while (next) {
			if (pages >= maxPages) {
				// A partial list would make a duplicate check or a look-up silently wrong.
				throw new Error(`Exact Online has more than ${maxPages} pages of ${label}; narrow the filter.`);
			}
			const page = await this.getNextPage<T>(next);
			results.push(...page.results);
			next = page.next;
			pages += 1;
		}
		return results;
	}

	private async readPage<T>(url: string, label: string): Promise<ExactPage<T>> {
		const { data } = await this.execute('GET', url, label);
		this.stats.pages += 1;
		const d = (data as { d?: unknown } | undefined)?.d;
		if (Array.isArray(d)) return { results: d as T[] };
		if (d && typeof d === 'object') {
			const { results, __next: next } = d as { results?: unknown; __next?: unknown };
			if (Array.isArray(results)) return typeof next === 'string' && next ? { results: results as T[], next } : { results: results as T[] };
			return { results: [d as T] };
		}
		throw new ExactApiError(`Exact Online answered GET ${label} without data.`, { kind: 'server', status: 200, method: 'GET', path: label });
	}

	private url(path: string, query?: Record<string, string>): string {
		const url = `${this.baseUrl}/api/v1/${path.replace(/^\/+/, '')}`;
		const parameters = Object.entries(query ?? {})
			.filter(([, value]) => value !== undefined && value !== null && value !== '')
			// `$` stays readable in OData's system options ($filter, $select); values are encoded.
			.map(([name, value]) => `${encodeURIComponent(name).replace(/%24/g, '$')}=${encodeURIComponent(String(value))}`);
		if (parameters.length === 0) return url;
		return `${url}${url.includes('?') ? '&' : '?'}${parameters.join('&')}`;
	}

	/**
	 * __next is followed as given (it carries Exact's $skiptoken), but only to Exact's own host:
	 * the bearer token goes with it.
	 */
	private nextUrl(next: string): string {
		const base = new URL(`${this.baseUrl}/`);
		const resolved = new URL(next, base);
		if (resolved.host !== base.host) {
			throw new ExactApiError(`Exact Online's next-page link points to another host (${resolved.host}); the access token is not sent there.`, {
				kind: 'server',
				method: 'GET',
				path: labelFromUrl(resolved.href),
			});
		}
		return /^https?:\/\//i.test(next) ? next : resolved.href;
	}

	/** Sends one logical request, with the waits and retries the rules allow. */
	private async execute(method: Method, url: string, label: string, body?: string): Promise<{ response: HttpResponse; data: unknown }> {
		// GET and PUT (same body, same record) can be repeated; POST creates, DELETE of an already
		// deleted record would fail: those are only repeated when Exact proved nothing happened.
		const repeatable = method === 'GET' || method === 'PUT';
		const retries = new Retries(
			{ maxRetries: this.maxRetries, retryDelayMs: this.retryDelayMs, maxBackoffMs: MAX_BACKOFF_MS, maxWaitMs: this.maxWaitMs, random: this.random },
			`${method} ${label}`,
			(type, waitMs, detail) => this.wait(type, waitMs, detail),
			this.stats,
		);
		let refreshedAfter401 = false;

		for (;;) {
			await this.respectRateLimits(method, label);

			let token: string;
			try {
				token = await this.tokens.accessToken();
			} catch (error) {
				// A token endpoint that was down or unreachable (nothing spent) is a transient fault too.
				if (error instanceof ExactApiError && error.retryable && retries.canRetry) {
					await retries.afterFault(`token refresh failed (${error.kind})`);
					continue;
				}
				throw error;
			}

			const headers: Record<string, string> = {
				Authorization: `Bearer ${token}`,
				Accept: 'application/json',
				'Accept-Language': this.acceptLanguage,
			};
			if (body !== undefined) headers['Content-Type'] = 'application/json';
			// Without it Exact may answer a POST without the created entity (reference §4; PQ, DJ).
			if (method === 'POST') headers.Prefer = 'return=representation';

			this.stats.requests += 1;
			this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
			let response: HttpResponse;
			try {
				response = await this.send({ method, url, headers, body });
			} catch (error) {
				const fault = await retries.afterNetworkFault(error, repeatable);
				if (!fault) continue;
				const { code, outcomeUnknown } = fault;
				throw new ExactApiError(
					outcomeUnknown
						? `The connection to Exact Online was lost during ${method} ${label} (${code}).${OUTCOME_UNKNOWN_HINT}`
						: `Could not reach Exact Online for ${method} ${label} (${code}) after ${retries.attempts} attempts.`,
					{ kind: 'network', code, retryable: !outcomeUnknown, outcomeUnknown, method, path: label },
				);
			}

			const { status } = response;
			this.readRateLimits(response.headers);
			const contentType = response.headers['content-type'] ?? '';
			const html = response.body.trim() !== '' && looksLikeHtml(response.body, contentType);
			const describe = () => {
				const parsed = parseExactError(status, response.headers, response.body);
				return { messages: parsed.messages.map((message) => redactSecrets(message, [token])), reason: parsed.reason };
			};
			const fail = (kind: ExactErrorKind, text: string, extra: { retryable?: boolean; outcomeUnknown?: boolean; resetAt?: number } = {}) => {
				const { messages, reason } = describe();
				const said = messages.length > 0 ? `: ${messages.join('; ')}` : text.includes(`HTTP ${status}`) ? '' : ` (HTTP ${status})`;
				const because = reason ? ` (Reason: ${reason})` : '';
				return new ExactApiError(`${sentence(`${text}${said}${because}`)}${extra.outcomeUnknown ? OUTCOME_UNKNOWN_HINT : ''}`, {
					kind,
					status,
					messages,
					reason,
					method,
					path: label,
					...extra,
				});
			};

			// 429: Exact did not process the request, so any method may be sent again (reference §5).
			if (status === 429) {
				this.stats.status429 += 1;
				const { minutelyReset } = parseRateLimitHeaders(response.headers);
				if (this.limits.dailyRemaining === 0 && minutelyReset === undefined) throw this.dailyLimitError(method, label);
				const waitMs =
					minutelyReset !== undefined ? Math.max(minutelyReset - this.now() + RESET_SKEW_PAD_MS, MIN_RATE_LIMIT_WAIT_MS) : this.defaultRateLimitWaitMs;
				if (!retries.canRetry || waitMs > this.maxWaitMs) {
					throw fail('rateLimit', `Exact Online's rate limit stopped ${method} ${label}`, { retryable: true, resetAt: minutelyReset });
				}
				await retries.afterFault('429 Too Many Requests', waitMs, 'rateLimitWait');
				this.limits.minutelyRemaining = undefined;
				continue;
			}

			if (status === 401) {
				this.stats.unauthorized += 1;
				if (!refreshedAfter401 && this.tokens.afterUnauthorized) {
					refreshedAfter401 = true;
					this.onEvent?.({ type: 'refresh', detail: `${method} ${label}: 401, getting a new access token` });
					try {
						await this.tokens.afterUnauthorized(token);
					} catch (error) {
						// Exact will not refresh a token that is still valid, so the 401 was not about the
						// token: a division the user may not open (the HID typed for the code) answers so too.
						if (error instanceof ExactApiError && error.reason === 'TooEarlyToRefreshTokens' && this.fixedDivision !== undefined) {
							throw fail('forbidden', `Exact Online refused ${method} ${label} (401) although the access token is still valid: the connected user cannot open division ${this.fixedDivision}`);
						}
						throw error;
					}
					this.stats.retries += 1;
					continue;
				}
				throw fail('unauthorized', `Exact Online rejected ${method} ${label} as unauthorized (reconnect the Exact Online credential if this persists)`);
			}

			// The HTML maintenance page comes with 200 (or 503): never data, nothing processed (reference §4).
			if (html && ((status >= 200 && status < 300) || status === 503)) {
				if (retries.canRetry) {
					await retries.afterFault(`HTML maintenance page (HTTP ${status})`, retryAfterMs(response.headers, this.now()));
					continue;
				}
				throw new ExactApiError(
					`Exact Online answered ${method} ${label} with an HTML page instead of data (maintenance?) ${retries.attempts} times; try again later.`,
					{ kind: 'maintenance', status, messages: describe().messages, method, path: label, retryable: true },
				);
			}

			if (status >= 200 && status < 300) {
				if (response.body.trim() === '') return { response, data: undefined };
				try {
					return { response, data: JSON.parse(response.body) as unknown };
				} catch {
					if (method === 'GET' && retries.canRetry) {
						await retries.afterFault('unreadable answer');
						continue;
					}
					if (method === 'PUT' || method === 'DELETE') return { response, data: undefined };
					throw new ExactApiError(
						`Exact Online answered ${method} ${label} with HTTP ${status} but a body that is not JSON.${method === 'POST' ? OUTCOME_UNKNOWN_HINT : ''}`,
						{ kind: 'server', status, method, path: label, outcomeUnknown: method === 'POST', retryable: method === 'GET' },
					);
				}
			}

			if (status >= 500) {
				const { messages } = describe();
				// Validation errors arrive as 500 (reference §6): Exact's own message means it looked at
				// the record and said no; sending it again changes nothing.
				const validation = status === 500 && !html && messages.length > 0;
				if (validation && !(method === 'GET')) throw fail('validation', `Exact Online rejected ${method} ${label}`);
				if (repeatable) {
					if (retries.canRetry) {
						await retries.afterFault(`HTTP ${status}`, retryAfterMs(response.headers, this.now()));
						continue;
					}
					throw fail('server', `Exact Online failed ${method} ${label} with HTTP ${status} after ${retries.attempts} attempts`, { retryable: true });
				}
				// A POST that met a 500 crash page, 502 or 504 may have been processed behind the gateway.
				throw fail('server', `Exact Online failed ${method} ${label} with HTTP ${status}`, { outcomeUnknown: true });
			}

			// 400, 403, 404 count towards Exact's hourly error limit (reference §1): never repeated.
			if (status === 403) throw fail('forbidden', `Exact Online refused ${method} ${label} (the Exact user lacks the rights for it in this division)`);
			if (status === 404) throw fail('notFound', `Exact Online found nothing at ${method} ${label}`);
			throw fail('badRequest', `Exact Online rejected ${method} ${label}`);
		}
	}

	/** Before each request: stop at a spent daily limit, wait out a spent minutely one (reference §5). */
	private async respectRateLimits(method: Method, label: string): Promise<void> {
		const limits = this.limits;
		if (limits.dailyRemaining === 0) {
			if (limits.dailyReset !== undefined && limits.dailyReset <= this.now()) limits.dailyRemaining = undefined;
			else throw this.dailyLimitError(method, label);
		}
		if (limits.minutelyRemaining === 0 && limits.minutelyReset !== undefined) {
			const waitMs = limits.minutelyReset - this.now() + RESET_SKEW_PAD_MS;
			if (waitMs > this.maxWaitMs) {
				throw new ExactApiError(`Exact Online's per-minute limit is used up and resets in ${Math.ceil(waitMs / 1000)} s; ${method} ${label} was not sent.`, {
					kind: 'rateLimit',
					retryable: true,
					method,
					path: label,
					resetAt: limits.minutelyReset,
				});
			}
			if (waitMs > 0) await this.wait('rateLimitWait', waitMs, `${method} ${label}: minutely limit used up, waiting for its reset`);
			limits.minutelyRemaining = undefined;
		}
	}

	/** Only the headers that came are read: after a minutely 429 the daily ones are missing (reference §5). */
	private readRateLimits(headers: Record<string, string>): void {
		const read = parseRateLimitHeaders(headers);
		if (read.minutelyRemaining !== undefined) {
			this.limits.minutelyRemaining = read.minutelyRemaining;
			this.limits.minutelyReset = read.minutelyReset;
		}
		if (read.dailyRemaining !== undefined) {
			this.limits.dailyRemaining = read.dailyRemaining;
			this.limits.dailyReset = read.dailyReset;
			if (read.dailyLimit !== undefined) this.limits.dailyLimit = read.dailyLimit;
		}
	}

	private dailyLimitError(method: Method, label: string): ExactApiError {
		const { dailyReset, dailyLimit } = this.limits;
		const calls = dailyLimit !== undefined ? ` (${dailyLimit} calls)` : '';
		const when = dailyReset !== undefined ? `it resets at ${new Date(dailyReset).toISOString()}` : 'Exact did not say when it resets';
		return new ExactApiError(
			`Exact Online's daily API limit for this app and division is used up${calls}; ${when}. ${method} ${label} was not sent; run the workflow again after the reset.`,
			{ kind: 'dailyLimit', status: 429, method, path: label, retryable: false, resetAt: dailyReset },
		);
	}

	private async wait(type: 'retry' | 'rateLimitWait', waitMs: number, detail: string): Promise<void> {
		const ms = Math.max(0, Math.round(waitMs));
		this.stats.waitedMs += ms;
		if (type === 'rateLimitWait') this.stats.rateLimitWaits += 1;
		this.onEvent?.({ type, detail, waitMs: ms });
		await this.sleep(ms);
	}
}

interface RateLimitHeaders {
	minutelyRemaining?: number;
	minutelyReset?: number;
	dailyLimit?: number;
	dailyRemaining?: number;
	dailyReset?: number;
}

/**
 * The X-RateLimit-* headers are strings holding numbers; resets are epoch milliseconds
 * (reference §5). The n8n community node compared them with typeof 'number' and never waited.
 */
export function parseRateLimitHeaders(headers: Record<string, string>): RateLimitHeaders {
	const number = (name: string) => {
		const raw = headers[name];
		if (raw === undefined || raw.trim() === '') return undefined;
		const value = Number(raw.trim());
		return Number.isFinite(value) ? value : undefined;
	};
	return {
		minutelyRemaining: number('x-ratelimit-minutely-remaining'),
		minutelyReset: number('x-ratelimit-minutely-reset'),
		dailyLimit: number('x-ratelimit-limit'),
		dailyRemaining: number('x-ratelimit-remaining'),
		dailyReset: number('x-ratelimit-reset'),
	};
}

/** Ends a message with one full stop, whatever Exact's own text ended with. */
function sentence(text: string): string {
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** 'salesentry/SalesEntries' from a path that may carry a query. */
function resourceLabel(path: string): string {
	return path.replace(/^\/+/, '').split('?')[0];
}

/** The resource part of an Exact URL: no host, no /api/v1/{division}/, no query. */
function labelFromUrl(url: string): string {
	try {
		const pathname = decodeURIComponent(new URL(url).pathname);
		return pathname.replace(/^\/api\/v1\/(\d+\/)?/i, '');
	} catch {
		return resourceLabel(url);
	}
}

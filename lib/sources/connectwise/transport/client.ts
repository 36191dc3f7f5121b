/**
 * The ConnectWise Manage REST client (reference connectwise-manage.md §1, §2, §4): the codebase
 * found through companyinfo, Basic keys plus clientId on every call, Link-header paging that keeps
 * its conditions, Retry-After honoured on 429, and a retry policy that never sends a write twice
 * unless Manage proved the first one was not processed. Plain TypeScript; the n8n node plugs in
 * n8n's http helper as `send`.
 */
import { redactSecrets } from '../../../http/redact';
import { Retries } from '../../../http/retry';
import { retryAfterMs } from '../../../http/retryAfter';
import { ManageApiError, manageMessages, parseManageError, type ManageErrorKind, type ParsedManageError } from './errors';
import { manageFetchSend, type AnyHttpSend, type HttpResponse, type ManageHttpMethod, type ManageHttpSend } from './http';
import { linkParameters, nextLink, parseLinkHeader } from './paging';
import { acceptHeader, authorizationHeader, checkSettings, isCloudSite, siteBaseUrl, type ManageSettings } from './settings';

export interface ManageClientEvent {
	type: 'retry' | 'rateLimitWait';
	detail: string;
	waitMs?: number;
}

export interface ManageClientOptions {
	settings: ManageSettings;
	/** Default: fetch without following redirects (see http.ts). Any HttpSend of this repository works. */
	send?: AnyHttpSend;
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	/** Retries per request after a 429, a 5xx or a network fault; default 4. */
	maxRetries?: number;
	/** Base of the exponential backoff, default 1000 ms, with jitter. */
	retryDelayMs?: number;
	/** Longest Retry-After the client waits out; a longer one fails as a retryable rateLimit error. Default 120 s. */
	maxRetryAfterMs?: number;
	/**
	 * How long one request may spend waiting out 429s in all. Manage's limit is counted per minute
	 * behind Cloudflare (reference §4), so the budget covers a whole window and then some:
	 * default 150 s. 429s are retried until it is spent, not a fixed number of times.
	 */
	rateLimitBudgetMs?: number;
	/** Records per page for getAll, default and maximum 1000 (reference §2). */
	pageSize?: number;
	onEvent?: (event: ManageClientEvent) => void;
	/** Jitter source in [0, 1); tests pin it. Default Math.random. */
	random?: () => number;
	/** Requests with a longer URL fail before they are sent; default 2000 (reference §2). */
	maxUrlLength?: number;
}

export interface ManageCallStats {
	/** HTTP requests actually sent, companyinfo, impersonation and retries included. */
	requests: number;
	byMethod: Record<string, number>;
	/** List pages read by getAll. */
	pages: number;
	status429: number;
	/** Requests sent again after a 429, a 5xx or a network fault. */
	retries: number;
	/** Time spent sleeping: Retry-After waits and backoff. */
	waitedMs: number;
}

/** GET {site}/login/companyinfo/{companyId} (reference §1). */
export interface ManageCompanyInfo {
	CompanyName?: string;
	/** e.g. 'v2025_1/' on cloud, 'v4_6_release/' on premise; always ends with '/'. */
	Codebase: string;
	VersionCode?: string;
	VersionNumber?: string;
	CompanyID?: string;
	IsCloud?: boolean;
	SiteUrl?: string;
}

export interface ManageListQuery {
	conditions?: string;
	fields?: string;
	orderBy?: string;
	childConditions?: string;
	customFieldConditions?: string;
}

export interface ManageListOptions {
	/** Forward-only paging (2018.5+): faster on big lists, ordered by id, no orderBy, not for audit trail (reference §2). */
	forwardOnly?: boolean;
	pageSize?: number;
	/** More pages than this fails instead of returning part of the list. */
	maxPages?: number;
}

export interface ManagePatchOperation {
	op: 'replace' | 'add' | 'remove';
	path: string;
	value?: unknown;
}

type Query = Record<string, string | number | undefined>;

interface Keys {
	publicKey: string;
	privateKey: string;
}

interface MemberKeys extends Keys {
	expiresAt?: number;
}

interface RequestOptions {
	body?: string;
	headers?: Record<string, string>;
	/** Whether sending it again after a lost answer or a 5xx cannot do harm. */
	repeatable: boolean;
	/** companyinfo goes without keys, clientId or versioned Accept. */
	anonymous?: boolean;
	/** The keys to send; default: the member's when impersonating, else the API member's. */
	keys?: Keys;
}

interface PageCursor {
	page?: number;
	pageId?: string;
	pageSize: number;
}

const MAX_PAGE_SIZE = 1000;
const MAX_BACKOFF_MS = 30_000;
/** Member tokens are renewed this long before their expiration. */
const TOKEN_RENEWAL_MARGIN_MS = 60_000;

const OUTCOME_UNKNOWN_HINT =
	' ConnectWise Manage may or may not have processed it: look it up in Manage (for example the batch identifier or the payment on the invoice) before sending it again.';

export class ManageClient {
	readonly stats: ManageCallStats = { requests: 0, byMethod: {}, pages: 0, status429: 0, retries: 0, waitedMs: 0 };

	private readonly settings: ManageSettings & { apiVersion: string };
	private readonly siteUrl: string;
	private readonly send: ManageHttpSend;
	private readonly sleep: (ms: number) => Promise<void>;
	private readonly now: () => number;
	private readonly maxRetries: number;
	private readonly retryDelayMs: number;
	private readonly maxRetryAfterMs: number;
	private readonly rateLimitBudgetMs: number;
	private readonly pageSize: number;
	private readonly onEvent?: (event: ManageClientEvent) => void;
	private readonly random: () => number;
	private readonly maxUrlLength: number;
	private readonly apiMemberKeys: Keys;
	private memberKeys?: MemberKeys;
	private infoLookup?: Promise<ManageCompanyInfo>;
	private tokenRequest?: Promise<void>;
	private apiBase?: string;

	constructor(options: ManageClientOptions) {
		this.settings = checkSettings(options.settings);
		this.siteUrl = siteBaseUrl(this.settings);
		// Every HttpSend in this repository passes `method` through untouched, so PATCH reaches the wire.
		this.send = (options.send ?? manageFetchSend) as ManageHttpSend;
		this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
		this.now = options.now ?? Date.now;
		this.maxRetries = Math.max(0, options.maxRetries ?? 4);
		this.retryDelayMs = Math.max(0, options.retryDelayMs ?? 1000);
		this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
		this.rateLimitBudgetMs = options.rateLimitBudgetMs ?? 150_000;
		this.pageSize = clampPageSize(options.pageSize ?? MAX_PAGE_SIZE);
		this.onEvent = options.onEvent;
		this.random = options.random ?? Math.random;
		this.maxUrlLength = options.maxUrlLength ?? 2000;
		this.apiMemberKeys = { publicKey: this.settings.publicKey, privateKey: this.settings.privateKey };
	}

	/**
	 * The company's codebase, asked once (reference §1): no keys needed. Manage answers `null` for
	 * a company ID it does not know (django-connectwise), which fails here with a readable message.
	 */
	companyInfo(): Promise<ManageCompanyInfo> {
		this.infoLookup ??= this.lookUpCompanyInfo().catch((error) => {
			this.infoLookup = undefined;
			throw error;
		});
		return this.infoLookup;
	}

	/** One resource or one page, e.g. get('finance/accounting/unpostedinvoices/123'). */
	async get<T>(path: string, query?: Query): Promise<T> {
		return (await this.request('GET', path, query, { repeatable: true })) as T;
	}

	/**
	 * Every record of a list. Navigable paging follows the Link header's rel="next" and stops
	 * when there is none, so a short page alone never ends the list early (pyconnectwise #23) and a
	 * full last page costs no extra request. Conditions go on every page (pyconnectwise #14).
	 * 10,000 invoices at 1000 a page take 10 page requests plus companyinfo.
	 */
	async getAll<T>(path: string, query: ManageListQuery = {}, options: ManageListOptions = {}): Promise<T[]> {
		const label = resourceLabel(path);
		const forwardOnly = options.forwardOnly ?? false;
		if (forwardOnly && query.orderBy?.trim()) {
			// Forward-only pages are ordered by id and Manage rejects orderBy with them (reference §2).
			throw new ManageApiError(`GET ${label} cannot use orderBy with forward-only paging: results come ordered by id; drop orderBy or use navigable paging.`, {
				kind: 'badRequest',
				method: 'GET',
				path: label,
			});
		}
		const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
		const listQuery: Query = {
			conditions: query.conditions,
			childConditions: query.childConditions,
			customFieldConditions: query.customFieldConditions,
			fields: query.fields,
			orderBy: forwardOnly ? undefined : query.orderBy,
		};
		const headers = forwardOnly ? { 'pagination-type': 'forward-only' } : undefined;
		const results: T[] = [];
		let cursor: PageCursor = { page: forwardOnly ? undefined : 1, pageSize: clampPageSize(options.pageSize ?? this.pageSize) };
		for (let pages = 1; ; pages += 1) {
			const { data, response } = await this.requestWithResponse('GET', path, { ...listQuery, ...cursorQuery(cursor) }, { repeatable: true, headers });
			this.stats.pages += 1;
			if (!Array.isArray(data)) {
				throw new ManageApiError(`ConnectWise Manage answered GET ${label} with something other than a list; is "${label}" a list endpoint?`, {
					kind: 'server',
					status: response.status,
					method: 'GET',
					path: label,
				});
			}
			results.push(...(data as T[]));
			const next = followingCursor(cursor, data, response, forwardOnly, label);
			if (!next) return results;
			if (pages >= maxPages) {
				// A partial list would make a duplicate check or a look-up silently wrong.
				throw new ManageApiError(`ConnectWise Manage has more than ${maxPages} pages of ${label}; narrow the conditions.`, { kind: 'badRequest', method: 'GET', path: label });
			}
			cursor = next;
		}
	}

	/** `{path}/count` → {count} (reference §2 "Count"). */
	async count(path: string, conditions?: string): Promise<number> {
		const countPath = `${resourceLabel(path)}/count`;
		const data = (await this.request('GET', countPath, { conditions }, { repeatable: true })) as { count?: unknown } | undefined;
		const count = Number(data?.count);
		if (data?.count === undefined || data?.count === null || !Number.isInteger(count) || count < 0) {
			throw new ManageApiError(`ConnectWise Manage answered GET ${countPath} without a count.`, { kind: 'server', method: 'GET', path: countPath });
		}
		return count;
	}

	/** Creates a record. Never sent twice after a lost answer or a 5xx: it fails with outcomeUnknown instead. */
	async post<T>(path: string, body: unknown): Promise<T> {
		return (await this.request('POST', path, undefined, { body: JSON.stringify(body), repeatable: false })) as T;
	}

	/**
	 * Updates fields with JSON Patch, the body Manage's PATCH takes (django-connectwise:
	 * `[{"op":"replace","path":"doneFlag","value":true}]`). Only an all-`replace` patch is sent again
	 * after a lost answer: replacing twice gives the same record, adding twice may not.
	 */
	async patch<T>(path: string, operations: ManagePatchOperation[]): Promise<T> {
		const repeatable = operations.every((operation) => operation.op === 'replace');
		return (await this.request('PATCH', path, undefined, { body: JSON.stringify(operations), repeatable })) as T;
	}

	/** Replaces a record; the same PUT twice gives the same record, so it is retried like a GET. */
	async put<T>(path: string, body: unknown): Promise<T> {
		return (await this.request('PUT', path, undefined, { body: JSON.stringify(body), repeatable: true })) as T;
	}

	/** Deletes a record, e.g. an accounting batch; not repeated after a lost answer (a second delete would 404). */
	async delete(path: string): Promise<void> {
		await this.request('DELETE', path, undefined, { repeatable: false });
	}

	/**
	 * Switches later calls to a member's own keys (reference §1 "Impersonation"): POST
	 * system/members/{id}/tokens with `x-cw-usertype: member`, asked with the API member's keys.
	 * Called lazily before the first request when settings.impersonateMember is set, and again
	 * shortly before the token expires.
	 */
	async impersonate(memberIdentifier: string): Promise<void> {
		const member = memberIdentifier.trim();
		if (!member) throw new Error('No member identifier to impersonate.');
		const path = `system/members/${encodeURIComponent(member)}/tokens`;
		const token = (await this.request('POST', path, undefined, {
			body: JSON.stringify({ memberIdentifier: member }),
			headers: { 'x-cw-usertype': 'member' },
			// Asking twice only issues a second token, so a lost answer may be asked again.
			repeatable: true,
			keys: this.apiMemberKeys,
		})) as { publicKey?: unknown; privateKey?: unknown; expiration?: unknown } | undefined;
		if (typeof token?.publicKey !== 'string' || typeof token.privateKey !== 'string' || !token.publicKey || !token.privateKey) {
			throw new ManageApiError(`ConnectWise Manage answered POST ${path} without member keys.`, { kind: 'server', method: 'POST', path });
		}
		const expiresAt = typeof token.expiration === 'string' ? Date.parse(token.expiration) : Number.NaN;
		this.memberKeys = { publicKey: token.publicKey, privateKey: token.privateKey, expiresAt: Number.isNaN(expiresAt) ? undefined : expiresAt };
	}

	private async lookUpCompanyInfo(): Promise<ManageCompanyInfo> {
		const { companyId } = this.settings;
		const label = 'login/companyinfo';
		const url = `${this.siteUrl}/login/companyinfo/${encodeURIComponent(companyId)}`;
		const { data } = await this.execute('GET', url, label, { repeatable: true, anonymous: true });
		const info = data as Partial<ManageCompanyInfo> | null | undefined;
		if (!info || typeof info !== 'object') {
			throw new ManageApiError(
				`ConnectWise Manage at ${hostOf(this.siteUrl)} does not know company ID "${companyId}": check the company ID (the one typed at login) and the site.`,
				{ kind: 'notFound', status: 200, method: 'GET', path: label },
			);
		}
		const codebase = normaliseCodebase(info.Codebase);
		if (!codebase) {
			throw new ManageApiError(`ConnectWise Manage's companyinfo for "${companyId}" names no usable Codebase (got ${JSON.stringify(info.Codebase ?? null)}).`, {
				kind: 'server',
				status: 200,
				method: 'GET',
				path: label,
			});
		}
		// Request URL = {site}/{codebase}apis/3.0/{path}; Codebase already ends with '/' (reference §1).
		this.apiBase = `${this.siteUrl}/${codebase}apis/3.0`;
		return { ...info, Codebase: codebase };
	}

	/** Member keys in force, asking for (new) ones when impersonating and they are missing or about to expire. */
	private async currentKeys(): Promise<Keys> {
		const member = this.settings.impersonateMember;
		if (!member) return this.memberKeys ?? this.apiMemberKeys;
		const fresh = this.memberKeys && (this.memberKeys.expiresAt === undefined || this.memberKeys.expiresAt - TOKEN_RENEWAL_MARGIN_MS > this.now());
		if (!fresh) {
			this.tokenRequest ??= this.impersonate(member).finally(() => {
				this.tokenRequest = undefined;
			});
			await this.tokenRequest;
		}
		return this.memberKeys ?? this.apiMemberKeys;
	}

	private async request(method: ManageHttpMethod, path: string, query: Query | undefined, options: RequestOptions): Promise<unknown> {
		return (await this.requestWithResponse(method, path, query, options)).data;
	}

	private async requestWithResponse(method: ManageHttpMethod, path: string, query: Query | undefined, options: RequestOptions) {
		await this.companyInfo();
		const keys = options.keys ?? (await this.currentKeys());
		const url = buildUrl(`${this.apiBase}/${resourceLabel(path)}`, query);
		return this.execute(method, url, resourceLabel(path), { ...options, keys });
	}

	/** Sends one logical request, with the waits and retries the rules allow (reference §4). */
	private async execute(method: ManageHttpMethod, url: string, label: string, options: RequestOptions): Promise<{ response: HttpResponse; data: unknown }> {
		const { repeatable } = options;
		const keys = options.keys ?? this.apiMemberKeys;
		const authorization = authorizationHeader(this.settings.companyId, keys.publicKey, keys.privateKey);
		const secrets = [
			this.apiMemberKeys.publicKey,
			this.apiMemberKeys.privateKey,
			keys.publicKey,
			keys.privateKey,
			authorization.slice('Basic '.length),
		];
		const headers: Record<string, string> = options.anonymous
			? { Accept: 'application/json' }
			: { Authorization: authorization, clientId: this.settings.clientId, Accept: acceptHeader(this.settings.apiVersion) };
		if (options.body !== undefined) headers['Content-Type'] = 'application/json';
		Object.assign(headers, options.headers);

		if (url.length > this.maxUrlLength) {
			// IIS in front of Manage refuses long query strings; better to say so than to send it (reference §2).
			throw new ManageApiError(
				`${method} ${label} would need a URL of ${url.length} characters; ConnectWise Manage takes ${this.maxUrlLength} at most. Split the conditions (chunkedInConditions) or use the endpoint's POST …/search.`,
				{ kind: 'badRequest', method, path: label },
			);
		}

		// "Exponential backoff and jitter" (reference §4), as lib/http/retry.ts does it for both clients.
		const retries = new Retries(
			{ maxRetries: this.maxRetries, retryDelayMs: this.retryDelayMs, maxBackoffMs: MAX_BACKOFF_MS, random: this.random },
			`${method} ${label}`,
			(type, waitMs, detail) => this.wait(type, waitMs, detail),
			this.stats,
		);
		let rateLimited = 0;
		let rateLimitWaitedMs = 0;

		for (;;) {
			this.stats.requests += 1;
			this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
			let response: HttpResponse;
			try {
				response = await this.send({ method, url, headers, body: options.body });
			} catch (error) {
				const fault = await retries.afterNetworkFault(error, repeatable === true);
				if (!fault) continue;
				const { code, outcomeUnknown } = fault;
				throw new ManageApiError(
					outcomeUnknown
						? `The connection to ConnectWise Manage was lost during ${method} ${label} (${code}).${OUTCOME_UNKNOWN_HINT}`
						: `Could not reach ConnectWise Manage at ${hostOf(url)} for ${method} ${label} (${code}) after ${retries.attempts} attempts.`,
					{ kind: 'network', code, retryable: !outcomeUnknown, outcomeUnknown, method, path: label },
				);
			}

			const { status } = response;
			const failure = (kind: ManageErrorKind, lead: string, extra: { retryable?: boolean; outcomeUnknown?: boolean; retryAfterMs?: number; hint?: string } = {}) =>
				this.failure(kind, lead, response, secrets, method, label, extra);

			// 429: Manage did not process the request, so any method may go again (reference §4).
			if (status === 429) {
				this.stats.status429 += 1;
				const parsed = parseManageError(status, response.body);
				rateLimited += 1;
				const waitMs = retryAfterMs(response.headers, this.now()) ?? retryAfterFromMessage(parsed) ?? retries.backoffMs(rateLimited);
				if (waitMs > this.maxRetryAfterMs || rateLimitWaitedMs + waitMs > this.rateLimitBudgetMs) {
					throw failure('rateLimit', `ConnectWise Manage's rate limit stopped ${method} ${label}${rateLimitWaitedMs > 0 ? ` after ${Math.round(rateLimitWaitedMs / 1000)} s of waiting` : ''}`, {
						retryable: true,
						retryAfterMs: waitMs,
						hint: `Nothing was processed; run again in ${Math.ceil(waitMs / 1000)} s.`,
					});
				}
				rateLimitWaitedMs += waitMs;
				this.stats.retries += 1;
				await this.wait('rateLimitWait', waitMs, `${method} ${label}: 429 Too Many Requests (${Math.round(rateLimitWaitedMs / 1000)} s of ${Math.round(this.rateLimitBudgetMs / 1000)} s waited)`);
				continue;
			}

			if (status >= 200 && status < 300) {
				if (response.body.trim() === '') return { response, data: undefined };
				try {
					return { response, data: JSON.parse(response.body) as unknown };
				} catch {
					if (method === 'GET' && retries.canRetry) {
						await retries.afterFault(`unreadable answer (HTTP ${status})`);
						continue;
					}
					// A 2xx to a change means it was done, even if the echo is unreadable.
					if (method !== 'GET' && method !== 'POST') return { response, data: undefined };
					throw failure('server', `ConnectWise Manage answered ${method} ${label} with HTTP ${status} but a body that is not JSON`, {
						retryable: method === 'GET',
						outcomeUnknown: method === 'POST',
					});
				}
			}

			if (status >= 300 && status < 400) {
				// Not followed: a redirected POST would silently become a GET, and the keys would follow (see http.ts).
				const location = response.headers.location;
				throw failure('badRequest', `ConnectWise Manage redirected ${method} ${label} (HTTP ${status}${location ? ` to ${hostOf(location, url)}` : ''})`, {
					hint: 'Nothing was processed. ConnectWise cloud answers the API only on its api- host over https (api-na.myconnectwise.net, api-eu…, api-au…): check the site in the credential.',
				});
			}

			// 501 Not Implemented: this Manage does not have the endpoint or method; asking again changes nothing.
			if (status === 501) {
				throw failure('badRequest', `ConnectWise Manage does not implement ${method} ${label} (HTTP 501)`, {
					hint: 'Nothing was processed. The Manage version behind this site may not have this endpoint yet; check its version (the codebase in the credential test).',
				});
			}

			if (status >= 500) {
				if (repeatable) {
					if (retries.canRetry) {
						const asked = retryAfterMs(response.headers, this.now());
						await retries.afterFault(`HTTP ${status}`, asked !== undefined && asked <= this.maxRetryAfterMs ? asked : undefined);
						continue;
					}
					throw failure('server', `ConnectWise Manage failed ${method} ${label} with HTTP ${status} after ${retries.attempts} attempts`, { retryable: true });
				}
				// A POST that met a 5xx may have been carried out behind the gateway: the caller checks first.
				throw failure('server', `ConnectWise Manage failed ${method} ${label} with HTTP ${status}`, { outcomeUnknown: true });
			}

			// 400/401/403/404/409: cancel, never retry (reference §4).
			if (status === 401) {
				throw failure('unauthorized', `ConnectWise Manage refused ${method} ${label} as unauthenticated`, {
					hint: 'Check the company ID and the API member\'s public and private key (keys can expire or be deleted).',
				});
			}
			if (status === 403) {
				throw failure('forbidden', `ConnectWise Manage refused ${method} ${label}`, { hint: 'The API member\'s security role does not allow this; widen the role in Manage (System > Security Roles).' });
			}
			if (status === 404) {
				throw failure('notFound', `ConnectWise Manage found nothing at ${method} ${label}`, {
					hint: isCloudSite(url) ? 'On ConnectWise cloud a 404 can also mean the keys were not accepted.' : undefined,
				});
			}
			if (status === 409) throw failure('conflict', `ConnectWise Manage refused ${method} ${label} (conflict: the record exists or is in use)`);
			const parsed = parseManageError(status, response.body);
			const validation = status === 400 && (parsed.errors.length > 0 || parsed.code === 'InvalidObject');
			throw failure(validation ? 'validation' : 'badRequest', `ConnectWise Manage refused ${method} ${label}`, {
				hint: parsed.code === 'Security' ? 'ConnectWise cloud takes the API only on its api- host over https.' : undefined,
			});
		}
	}

	/** "ConnectWise Manage refused POST finance/accounting/batches: <message> (<errors[].message; …>)." */
	private failure(
		kind: ManageErrorKind,
		lead: string,
		response: HttpResponse,
		secrets: string[],
		method: ManageHttpMethod,
		label: string,
		extra: { retryable?: boolean; outcomeUnknown?: boolean; retryAfterMs?: number; hint?: string },
	): ManageApiError {
		const parsed = redactParsed(parseManageError(response.status, response.body), secrets);
		const messages = manageMessages(parsed);
		const [main, ...details] = messages.map(withoutFullStop);
		let text = lead;
		if (main) text += `: ${main}`;
		else if (!lead.includes(`HTTP ${response.status}`)) text += ` (HTTP ${response.status})`;
		if (details.length > 0) text += ` (${details.join('; ')})`;
		text = `${withoutFullStop(text)}.`;
		if (extra.hint) text += ` ${extra.hint}`;
		if (extra.outcomeUnknown) text += OUTCOME_UNKNOWN_HINT;
		return new ManageApiError(redactSecrets(text, secrets), {
			kind,
			status: response.status,
			code: parsed.code,
			messages,
			errors: parsed.errors,
			retryable: extra.retryable,
			outcomeUnknown: extra.outcomeUnknown,
			method,
			path: label,
			retryAfterMs: extra.retryAfterMs,
		});
	}

	private async wait(type: ManageClientEvent['type'], waitMs: number, detail: string): Promise<void> {
		const ms = Math.max(0, Math.round(waitMs));
		this.stats.waitedMs += ms;
		this.onEvent?.({ type, detail, waitMs: ms });
		await this.sleep(ms);
	}
}

/** Where the next page is, or undefined at the end of the list. */
function followingCursor(current: PageCursor, items: unknown[], response: HttpResponse, forwardOnly: boolean, label: string): PageCursor | undefined {
	// An empty page ends any listing, whatever a link says: a link to more of nothing would loop.
	if (items.length === 0) return undefined;
	const header = response.headers.link;
	const links = parseLinkHeader(header);
	const looping = () =>
		new ManageApiError(`ConnectWise Manage's next-page link for GET ${label} does not move forward; stopped instead of reading the same page again.`, {
			kind: 'server',
			status: response.status,
			method: 'GET',
			path: label,
		});

	if (links.length > 0) {
		// Forward-only answers carry one link to the next pageId; navigable ones mark it rel="next".
		const next = nextLink(links) ?? (forwardOnly ? links.find((link) => linkParameters(link.url).has('pageid')) : undefined);
		if (!next) return undefined;
		const parameters = linkParameters(next.url);
		const pageSize = clampPageSize(Number(parameters.get('pagesize') ?? current.pageSize));
		if (forwardOnly) {
			const pageId = parameters.get('pageid');
			if (!pageId) return undefined;
			if (pageId === current.pageId) throw looping();
			return { pageId, pageSize };
		}
		const page = Number(parameters.get('page'));
		if (!Number.isInteger(page)) return undefined;
		if (page <= (current.page ?? 1)) throw looping();
		return { page, pageSize };
	}

	// No Link header at all (an old server, a proxy that strips it): a full page may have more behind it.
	if (items.length < current.pageSize) return undefined;
	if (!forwardOnly) return { page: (current.page ?? 1) + 1, pageSize: current.pageSize };
	// Forward-only pageId means "id > pageId" (reference §2), so the last id carries on.
	const lastId = (items[items.length - 1] as { id?: unknown } | null)?.id;
	if (typeof lastId === 'number' && Number.isInteger(lastId) && String(lastId) !== current.pageId) return { pageId: String(lastId), pageSize: current.pageSize };
	throw new ManageApiError(
		`ConnectWise Manage sent a full forward-only page of ${label} without a Link header or record ids; cannot read on safely. Include id in fields or use navigable paging.`,
		{ kind: 'server', status: response.status, method: 'GET', path: label },
	);
}

function cursorQuery(cursor: PageCursor): Query {
	return { page: cursor.page, pageId: cursor.pageId, pageSize: cursor.pageSize };
}

function clampPageSize(value: number): number {
	if (!Number.isFinite(value)) return MAX_PAGE_SIZE;
	return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(value)));
}

/** 'v2025_1/' from ' /v2025_1 ' or 'v2025_1/'; undefined for anything that is not one path segment. */
function normaliseCodebase(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const segment = value.trim().replace(/^\/+|\/+$/g, '');
	// One plain segment: a codebase of '../x' or 'a?b' must not reshape the URL the keys go to.
	if (!/^[A-Za-z0-9_.-]+$/.test(segment) || segment === '.' || segment === '..') return undefined;
	return `${segment}/`;
}

function buildUrl(base: string, query?: Query): string {
	const parameters = Object.entries(query ?? {})
		.filter(([, value]) => value !== undefined && value !== null && String(value).trim() !== '')
		// encodeURIComponent also turns '+' into %2B, which Manage would otherwise read as a space.
		.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
	return parameters.length === 0 ? base : `${base}?${parameters.join('&')}`;
}

/** 'finance/accounting/batches' from '/finance/accounting/batches/?x=1'. */
function resourceLabel(path: string): string {
	return path.trim().split('?')[0].replace(/^\/+|\/+$/g, '');
}

function hostOf(url: string, base?: string): string {
	try {
		return new URL(url, base).host;
	} catch {
		return 'another address';
	}
}

/** The 429 body says "Please try again in 30 seconds." (reference §4); used when the header is missing. */
function retryAfterFromMessage(parsed: ParsedManageError): number | undefined {
	const seconds = /try again in (\d+(?:\.\d+)?) ?s(?:ec(?:ond)?s?)?\b/i.exec(parsed.message ?? '')?.[1];
	return seconds === undefined ? undefined : Number(seconds) * 1000;
}

function redactParsed(parsed: ParsedManageError, secrets: string[]): ParsedManageError {
	const clean = (text: string | undefined) => (text === undefined ? undefined : redactSecrets(text, secrets));
	return {
		...parsed,
		code: clean(parsed.code),
		message: clean(parsed.message),
		errors: parsed.errors.map((detail) => ({ ...detail, message: clean(detail.message) })),
	};
}

function withoutFullStop(text: string): string {
	return text.replace(/[.\s]+$/, '');
}

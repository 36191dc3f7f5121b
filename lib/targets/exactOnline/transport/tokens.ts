/**
 * Exact Online access tokens, refreshed the way Exact wants it (reference §1):
 * - before they expire, not after a 401 (every 401 is a metered error);
 * - not too early either: Exact only refreshes in a token's last 30 seconds;
 * - one refresh at a time per credential, with the stored tokens re-read inside the lock,
 *   because refresh tokens rotate and work once: two executions refreshing with the same
 *   token break the chain for good (picqer #385, #487, #644);
 * - every refresh token Exact hands out is saved before anything else happens with it.
 */
import { redactSecrets } from '../../../http/redact';
import { ExactApiError, looksLikeHtml, parseExactError, headerValue } from './errors';
import { fetchSend, networkErrorCode, nothingWasSent, type HttpResponse, type HttpSend } from '../../../http/send';

export interface StoredTokens {
	accessToken: string;
	refreshToken: string;
	/** Epoch ms; undefined = unknown (the token is then used until Exact answers 401). */
	expiresAt?: number;
}

export interface TokenStore {
	/** Identifies the credential: refreshes for one key never run at the same time in this process. */
	key: string;
	/**
	 * Runs `work` while no other process refreshes this credential (n8n workers sharing it): a
	 * lock in the posting journal's database. Without one, refreshes are single-flight in this
	 * process only, and a refresh lost to another process is waited for (see oldTokenWaitMs).
	 */
	lock?<T>(work: () => Promise<T>): Promise<T>;
	/** Re-reads the latest stored tokens (another execution may have refreshed). */
	load(): Promise<StoredTokens>;
	save(tokens: StoredTokens): Promise<void>;
}

export interface TokenManagerOptions {
	/** `{base}/api/oauth2/token`. */
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
	store: TokenStore;
	send?: HttpSend;
	now?: () => number;
	/** Refresh this long before expiry; default 30 s, Exact's own refresh window (reference §1). */
	refreshMarginMs?: number;
	/**
	 * After "Old refresh token used", how long to wait for the token another process stores
	 * before saying "reconnect": that process refreshed a moment ago and is saving its answer.
	 * Default 30 s.
	 */
	oldTokenWaitMs?: number;
	sleep?: (ms: number) => Promise<void>;
}

/** The documented access-token lifetime, for an answer without a readable expires_in (reference §1). */
const DEFAULT_LIFETIME_SECONDS = 600;

/**
 * The credential can no longer refresh by itself: a person has to sign in to Exact again.
 * The message says how; it never holds a token or the client secret.
 */
export class ExactAuthError extends Error {
	/** Exact's own words (error_description), tokens blanked. */
	readonly detail?: string;

	constructor(message: string, detail?: string) {
		super(message);
		this.name = 'ExactAuthError';
		this.detail = detail;
	}
}

function reconnectMessage(what: string): string {
	return (
		`${what}. Reconnect the credential in n8n (Credentials → the Exact Online credential → Reconnect) and sign in to Exact Online again. ` +
		'Exact refresh tokens work only once and expire after 30 days without use, so a workflow that has not run for a month, ' +
		'or another app or workflow refreshing with the same token, breaks the chain.'
	);
}

/**
 * One queue per credential key, kept on globalThis so two copies of this module (n8n loading the
 * package twice) still share it: concurrent executions in one process then refresh one at a time.
 */
const LOCKS_KEY = Symbol.for('ledger-bridge.exactOnline.tokenRefreshLocks');
const globalLocks = globalThis as unknown as Record<symbol, Map<string, Promise<void>> | undefined>;
const refreshLocks: Map<string, Promise<void>> = (globalLocks[LOCKS_KEY] ??= new Map<string, Promise<void>>());

async function withRefreshLock<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = refreshLocks.get(key) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => {
		release = resolve;
	});
	const tail = previous.then(() => mine);
	refreshLocks.set(key, tail);
	try {
		await previous;
		return await work();
	} finally {
		release();
		if (refreshLocks.get(key) === tail) refreshLocks.delete(key);
	}
}

interface RefreshOutcome {
	tokens: StoredTokens;
	/** Exact said the access token is not expired yet and kept it (TooEarlyToRefreshTokens). */
	tooEarly?: boolean;
}

type TokenPayload = Record<string, unknown>;

export class ExactTokenManager {
	private readonly options: TokenManagerOptions;
	private readonly send: HttpSend;
	private readonly now: () => number;
	private readonly marginMs: number;
	private readonly oldTokenWaitMs: number;
	private readonly sleep: (ms: number) => Promise<void>;
	private current?: StoredTokens;
	private refreshCount = 0;

	constructor(options: TokenManagerOptions) {
		this.options = options;
		this.send = options.send ?? fetchSend;
		this.now = options.now ?? Date.now;
		this.marginMs = options.refreshMarginMs ?? 30_000;
		this.oldTokenWaitMs = options.oldTokenWaitMs ?? 30_000;
		this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
	}

	/** One refresh at a time: in this process, then (with a store lock) across processes. */
	private exclusive<T>(work: () => Promise<T>): Promise<T> {
		const { store } = this.options;
		return withRefreshLock(store.key, () => (store.lock ? store.lock(work) : work()));
	}

	/** Refresh requests this manager has sent to the token endpoint. */
	get refreshes(): number {
		return this.refreshCount;
	}

	/** A token to send now: refreshed first when it expires within the margin (reference §1). */
	async accessToken(): Promise<string> {
		const cached = this.current ?? (this.current = await this.options.store.load());
		if (!this.needsRefresh(cached)) return cached.accessToken;
		return this.exclusive(async () => {
			// Whoever held the lock before us may have refreshed already (PQ refreshAccessTokenCallback).
			const latest = await this.reload();
			if (!this.needsRefresh(latest)) return latest.accessToken;
			return (await this.refresh(latest)).tokens.accessToken;
		});
	}

	/**
	 * Exact answered 401 to `rejectedAccessToken`. Another execution may have refreshed (and, per
	 * one report, a new token revokes the old one): use the stored token if it is a different one,
	 * otherwise refresh once.
	 */
	async afterUnauthorized(rejectedAccessToken: string): Promise<string> {
		return this.exclusive(async () => {
			const latest = await this.reload();
			if (latest.accessToken && latest.accessToken !== rejectedAccessToken && !this.needsRefresh(latest)) return latest.accessToken;
			const outcome = await this.refresh(latest);
			if (outcome.tooEarly) {
				throw new ExactApiError(
					'Exact Online refused the access token (401) but will not issue a new one yet (TooEarlyToRefreshTokens). ' +
						'Another app or workflow may be signed in with the same Exact app; run again in a minute, or reconnect the Exact Online credential in n8n if it keeps happening.',
					{ kind: 'auth', status: 401, reason: 'TooEarlyToRefreshTokens', method: 'POST', path: 'oauth2/token' },
				);
			}
			return outcome.tokens.accessToken;
		});
	}

	/**
	 * Re-reads the store, with growing pauses, until it holds a refresh token none of `spent`:
	 * the one another process received. Undefined once oldTokenWaitMs has passed without one.
	 */
	private async awaitOtherRefresh(spent: readonly string[]): Promise<StoredTokens | undefined> {
		let waited = 0;
		for (let pause = 250; ; pause = Math.min(pause * 2, 4000)) {
			const latest = await this.reload();
			if (latest.refreshToken && !spent.includes(latest.refreshToken)) return latest;
			if (waited >= this.oldTokenWaitMs) return undefined;
			const next = Math.min(pause, this.oldTokenWaitMs - waited);
			await this.sleep(next);
			waited += next;
		}
	}

	private needsRefresh(tokens: StoredTokens): boolean {
		if (!tokens.accessToken) return true;
		return tokens.expiresAt !== undefined && this.now() >= tokens.expiresAt - this.marginMs;
	}

	private async reload(): Promise<StoredTokens> {
		this.current = await this.options.store.load();
		return this.current;
	}

	private async save(tokens: StoredTokens): Promise<StoredTokens> {
		await this.options.store.save(tokens);
		this.current = tokens;
		return tokens;
	}

	/** Called inside the lock only. */
	private async refresh(current: StoredTokens, afterReload = false): Promise<RefreshOutcome> {
		const { tokenUrl, clientId, clientSecret } = this.options;
		if (!current.refreshToken) throw new ExactAuthError(reconnectMessage('The Exact Online credential holds no refresh token'));
		// Form-encoded, and no Authorization header: Exact answers 401 to one (reference §1, DJ).
		const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: current.refreshToken, client_id: clientId, client_secret: clientSecret }).toString();
		this.refreshCount += 1;
		let response: HttpResponse;
		try {
			response = await this.send({
				method: 'POST',
				url: tokenUrl,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body,
			});
		} catch (error) {
			const code = networkErrorCode(error);
			const sent = !nothingWasSent(error);
			throw new ExactApiError(
				`Could not reach Exact Online's token endpoint to refresh the access token (${code})` +
					(sent ? '. If Exact did refresh, its new refresh token was lost: reconnect the Exact Online credential if the next run reports "Old refresh token used".' : '.'),
				{ kind: 'network', code, retryable: !sent, outcomeUnknown: sent, method: 'POST', path: 'oauth2/token' },
			);
		}

		const payload = parseObject(response.body);
		const newAccessToken = nonEmptyString(payload.access_token);
		const newRefreshToken = nonEmptyString(payload.refresh_token);
		const secrets = [current.accessToken, current.refreshToken, clientSecret, newAccessToken, newRefreshToken];

		if (response.status >= 200 && response.status < 300 && newAccessToken) {
			const seconds = Number(payload.expires_in); // a string, "600" (reference §1)
			const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_LIFETIME_SECONDS;
			// Saved before it is used: the old refresh token is spent from this moment on.
			const tokens = await this.save({ accessToken: newAccessToken, refreshToken: newRefreshToken ?? current.refreshToken, expiresAt: this.now() + lifetime * 1000 });
			return { tokens };
		}

		// Even a refused refresh can hand out a new refresh token; the old one is then spent (PQ #559).
		let kept = current;
		if (newRefreshToken && newRefreshToken !== current.refreshToken) kept = await this.save({ ...current, refreshToken: newRefreshToken });

		const contentType = headerValue(response.headers, 'content-type') ?? '';
		if (looksLikeHtml(response.body, contentType) && (response.status < 300 || response.status === 503)) {
			throw new ExactApiError("Exact Online's token endpoint answered with an HTML page (maintenance?) instead of tokens; try again later.", {
				kind: 'maintenance',
				status: response.status,
				retryable: true,
				method: 'POST',
				path: 'oauth2/token',
			});
		}
		if (response.status >= 200 && response.status < 300) {
			throw new ExactApiError("Exact Online's token endpoint answered without an access token.", { kind: 'auth', status: response.status, method: 'POST', path: 'oauth2/token' });
		}

		const parsed = parseExactError(response.status, response.headers, response.body);
		const messages = parsed.messages.map((message) => redactSecrets(message, secrets));
		const detail = messages.join('; ') || `HTTP ${response.status}`;
		const errorCode = typeof payload.error === 'string' ? payload.error : '';
		const description = typeof payload.error_description === 'string' ? payload.error_description : '';

		// "Rate limit exceeded: access_token not expired" (Reason: TooEarlyToRefreshTokens): the
		// current access token is still good. Try again only once the refresh window has surely
		// opened — at the token's known end, else a whole lifetime from now (it was issued before
		// now) — or every try until then spends one of the 200 daily token calls and one of the
		// 10 errors an hour Exact allows an endpoint.
		if (/TooEarly/i.test(parsed.reason ?? '') || /not expired/i.test(description)) {
			const now = this.now();
			const windowOpenBy = kept.expiresAt !== undefined && kept.expiresAt > now ? kept.expiresAt : now + DEFAULT_LIFETIME_SECONDS * 1000;
			// needsRefresh() asks marginMs before expiresAt: that moment is the one above.
			return { tokens: await this.save({ ...kept, expiresAt: windowOpenBy + this.marginMs }), tooEarly: true };
		}

		// Refresh tokens rotate and work once (reference §1). If someone else refreshed, the store
		// has their tokens, or will in a moment (another worker is saving its answer): carry on with those.
		if (errorCode === 'unauthorized_client' || /old refresh token/i.test(description)) {
			const latest = await this.awaitOtherRefresh([current.refreshToken, kept.refreshToken]);
			if (latest) {
				if (!this.needsRefresh(latest) || afterReload) return { tokens: latest };
				return this.refresh(latest, true);
			}
			throw new ExactAuthError(
				reconnectMessage(`Exact Online refused to refresh the access token: ${detail}. The refresh token was already used, by another workflow or app, or by a refresh whose answer was lost`),
				detail,
			);
		}
		if (errorCode === 'invalid_grant' || /refresh token (has )?expired|expired at/i.test(description)) {
			throw new ExactAuthError(reconnectMessage(`Exact Online no longer accepts the refresh token (${detail})`), detail);
		}
		if (errorCode === 'invalid_client') {
			throw new ExactAuthError(
				`Exact Online does not accept the app's client ID and secret (${detail}). Check them in the Exact Online credential in n8n against the app registration in the Exact App Center, then reconnect the credential.`,
				detail,
			);
		}
		if (response.status >= 500 || response.status === 429) {
			throw new ExactApiError(`Exact Online's token endpoint failed (HTTP ${response.status}): ${detail}`, {
				kind: response.status === 429 ? 'rateLimit' : 'server',
				status: response.status,
				messages,
				reason: parsed.reason,
				retryable: response.status >= 500,
				method: 'POST',
				path: 'oauth2/token',
			});
		}
		throw new ExactAuthError(reconnectMessage(`Exact Online refused to refresh the access token (HTTP ${response.status}: ${detail})`), detail);
	}
}

function parseObject(body: string): TokenPayload {
	try {
		const parsed = JSON.parse(body) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as TokenPayload) : {};
	} catch {
		return {};
	}
}

function nonEmptyString(value: unknown): string | undefined {
	return typeof value === 'string' && value ? value : undefined;
}

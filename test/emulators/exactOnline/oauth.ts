/**
 * Exact's OAuth2 authorization-code flow (§1): one-time codes, ten-minute access tokens, one-time
 * rotating refresh tokens, and a refusal to refresh before 570 s that still spends the refresh
 * token and hands out the next one. One access token is valid at a time: issuing a new one
 * revokes the previous (single source, §1). The emulator keeps one refresh chain, so a second
 * consent or issueTokens() makes the first chain's refresh token "old".
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { readBody, sendJson, sendText } from './http';
import type { EmulatorState } from './state';

export interface TokenPolicy {
	accessTokenSeconds: number;
	earliestRefreshSeconds: number;
}

export interface TokenResponse {
	access_token: string;
	token_type: 'bearer';
	/** A string, as Exact sends it (§1). */
	expires_in: string;
	refresh_token: string;
}

export type BearerCheck = 'valid' | 'expired' | 'invalid' | 'missing';

interface AccessToken {
	token: string;
	issuedAt: number;
	expiresAt: number;
}

const CODE_LIFETIME_MS = 10 * 60_000;

/** Exact's tokens are long opaque strings; the '!' in codes makes clients URL-decode them properly. */
function opaque(prefix: string, separator = '.'): string {
	return `${prefix}${separator}${randomBytes(24).toString('base64url')}!${randomBytes(48).toString('base64url')}`;
}

export class OAuthProvider {
	private access: AccessToken | undefined;
	private refreshToken: string | undefined;
	private readonly spentRefreshTokens = new Set<string>();
	private readonly codes = new Map<string, { redirectUri: string; issuedAt: number; used: boolean }>();

	constructor(
		private readonly state: EmulatorState,
		private readonly policy: TokenPolicy,
		private readonly now: () => number,
		private readonly dropTokenResponse: () => boolean,
	) {}

	/** Tokens as after a fresh consent. The previous access token and refresh chain stop working. */
	issueTokens(): TokenResponse {
		const issuedAt = this.now();
		this.access = { token: opaque('stampNL001'), issuedAt, expiresAt: issuedAt + this.policy.accessTokenSeconds * 1000 };
		if (this.refreshToken) this.spentRefreshTokens.add(this.refreshToken);
		this.refreshToken = opaque('stampNL001', 'R');
		return { access_token: this.access.token, token_type: 'bearer', expires_in: String(this.policy.accessTokenSeconds), refresh_token: this.refreshToken };
	}

	expireAccessToken(): void {
		if (this.access) this.access.expiresAt = this.now();
	}

	checkBearer(authorization: string | undefined): BearerCheck {
		const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
		if (!match) return 'missing';
		if (!this.access || match[1].trim() !== this.access.token) return 'invalid';
		return this.now() >= this.access.expiresAt ? 'expired' : 'valid';
	}

	/** GET /api/oauth2/auth: the user is taken to have consented at once. */
	authorize(url: URL, response: ServerResponse): void {
		const clientId = url.searchParams.get('client_id');
		const redirectUri = url.searchParams.get('redirect_uri');
		const client = this.state.clientSeed;
		if (clientId !== client.clientId) return sendText(response, 400, 'The client_id is not known to Exact Online.', 'text/plain; charset=utf-8');
		if (!redirectUri || (client.redirectUri !== undefined && redirectUri !== client.redirectUri)) {
			return sendText(response, 400, 'The redirect_uri does not match the one registered for this app.', 'text/plain; charset=utf-8');
		}
		const target = new URL(redirectUri);
		const state = url.searchParams.get('state');
		if (url.searchParams.get('response_type') !== 'code') {
			target.searchParams.set('error', 'unsupported_response_type');
		} else {
			const code = opaque('stampNL001', '!');
			this.codes.set(code, { redirectUri, issuedAt: this.now(), used: false });
			target.searchParams.set('code', code);
		}
		if (state !== null) target.searchParams.set('state', state);
		response.writeHead(302, { Location: target.toString(), 'Content-Length': '0' });
		response.end();
	}

	/** POST /api/oauth2/token. Not rate limited by the API counters (§5 applies to /api/v1). */
	async token(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const body = await readBody(request);
		// DJ `exact/api.py`: Exact answers 401 when the token request carries an Authorization header (§1).
		if (request.headers.authorization) {
			return sendJson(response, 401, { error: 'invalid_client', error_description: 'Send client_id and client_secret in the form body, not in an Authorization header.' });
		}
		if (!/application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) {
			return sendJson(response, 400, { error: 'invalid_request', error_description: 'The token request must be form-encoded.' });
		}
		const form = new URLSearchParams(body);
		const client = this.state.clientSeed;
		if (form.get('client_id') !== client.clientId || form.get('client_secret') !== client.clientSecret) {
			return sendJson(response, 400, { error: 'invalid_client', error_description: 'The client credentials are invalid.' });
		}
		const grantType = form.get('grant_type');
		if (grantType === 'authorization_code') return this.exchangeCode(form, response);
		if (grantType === 'refresh_token') return this.refresh(form, response);
		return sendJson(response, 400, { error: 'unsupported_grant_type', error_description: `Grant type '${grantType ?? ''}' is not supported.` });
	}

	private exchangeCode(form: URLSearchParams, response: ServerResponse): void {
		const code = form.get('code') ?? '';
		const grant = this.codes.get(code);
		if (!grant || this.now() - grant.issuedAt > CODE_LIFETIME_MS) {
			return sendJson(response, 400, { error: 'invalid_grant', error_description: 'The authorization code is invalid or has expired.' });
		}
		// PQ README: an authorization code works once; reuse gives 400 (§1).
		if (grant.used) return sendJson(response, 400, { error: 'invalid_grant', error_description: 'The authorization code has already been used.' });
		const redirectUri = form.get('redirect_uri');
		if (redirectUri !== null && redirectUri !== grant.redirectUri) {
			return sendJson(response, 400, { error: 'invalid_grant', error_description: 'The redirect_uri differs from the one used to obtain the code.' });
		}
		grant.used = true;
		this.answer(response, 200, this.issueTokens());
	}

	private refresh(form: URLSearchParams, response: ServerResponse): void {
		this.state.refreshCount += 1;
		const presented = form.get('refresh_token') ?? '';
		if (presented && this.spentRefreshTokens.has(presented)) {
			// picqer #300/#644: a spent refresh token is refused and the chain is broken (§1).
			this.state.oldRefreshTokenCount += 1;
			return sendJson(response, 401, { error: 'unauthorized_client', error_description: 'Old refresh token used.' });
		}
		if (!presented || presented !== this.refreshToken) {
			return sendJson(response, 400, { error: 'invalid_grant', error_description: 'The refresh token is invalid.' });
		}
		const now = this.now();
		const current = this.access;
		if (current && now < current.expiresAt && now - current.issuedAt < this.policy.earliestRefreshSeconds * 1000) {
			// websmurf #31 and picqer #559: too early is refused, yet the refresh token is spent and
			// the answer carries its successor, which the client must store (§1). The access token stays valid.
			this.state.tooEarlyRefreshCount += 1;
			this.spentRefreshTokens.add(presented);
			this.refreshToken = opaque('stampNL001', 'R');
			return this.answer(
				response,
				400,
				{ error: 'access_denied', error_description: 'Rate limit exceeded: access_token not expired', refresh_token: this.refreshToken },
				{ Reason: 'TooEarlyToRefreshTokens' },
			);
		}
		this.answer(response, 200, this.issueTokens());
	}

	private answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
		if (this.dropTokenResponse()) {
			response.socket?.destroy();
			return;
		}
		sendJson(response, status, body, { 'Cache-Control': 'no-store', ...headers });
	}
}

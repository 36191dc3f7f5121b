/**
 * What went wrong talking to Exact Online, in a shape a workflow can branch on: `kind` says
 * what happened, `retryable` whether trying again later can help, and `outcomeUnknown` that a
 * write may have been processed even though no answer arrived (re-check before re-posting;
 * the REST API has no idempotency key, reference §3 "Duplicates").
 */
import { redactSecrets } from '../../../http/redact';

export type ExactErrorKind =
	| 'rateLimit'
	| 'dailyLimit'
	| 'server'
	| 'maintenance'
	| 'network'
	| 'validation'
	| 'unauthorized'
	| 'forbidden'
	| 'notFound'
	| 'badRequest'
	| 'auth';

export interface ExactApiErrorDetails {
	kind: ExactErrorKind;
	status?: number;
	messages?: string[];
	reason?: string;
	retryable?: boolean;
	outcomeUnknown?: boolean;
	method?: string;
	/** The resource path without host, division or query, e.g. 'salesentry/SalesEntries'. */
	path?: string;
	/** The network error code (ECONNRESET, …) for kind 'network'. */
	code?: string;
	/** Epoch ms when a rate limit resets, for 'rateLimit' and 'dailyLimit'. */
	resetAt?: number;
}

export class ExactApiError extends Error {
	status?: number;
	kind: ExactErrorKind;
	/** Exact's own messages, one per line of its error text (reference §6). */
	messages: string[];
	/** Exact's `Reason` response header, e.g. TooEarlyToRefreshTokens. */
	reason?: string;
	retryable: boolean;
	outcomeUnknown: boolean;
	method?: string;
	path?: string;
	code?: string;
	resetAt?: number;

	constructor(message: string, details: ExactApiErrorDetails) {
		super(message);
		this.name = 'ExactApiError';
		this.kind = details.kind;
		this.status = details.status;
		this.messages = details.messages ?? [];
		this.reason = details.reason;
		this.retryable = details.retryable ?? false;
		this.outcomeUnknown = details.outcomeUnknown ?? false;
		this.method = details.method;
		this.path = details.path;
		this.code = details.code;
		this.resetAt = details.resetAt;
	}
}

/**
 * Exact's messages from an error answer (reference §6):
 * - business errors `{"error":{"code":"","message":{"lang":"","value":"…"}}}`, several messages
 *   joined by CRLF in one value;
 * - OAuth errors flat `{"error":"invalid_grant","error_description":"…"}`;
 * - the `Reason` response header, which PQ appends to its messages (e.g. TooEarlyToRefreshTokens).
 * Anything that looks like a token is blanked, so a message can go into a log or an n8n error.
 */
export function parseExactError(_status: number, headers: Record<string, string>, body: string): { messages: string[]; reason?: string } {
	const reason = headerValue(headers, 'reason')?.trim() || undefined;
	const messages = messagesFromBody(body).map((message) => redactSecrets(message)).filter(Boolean);
	return reason ? { messages, reason: redactSecrets(reason) } : { messages };
}

function messagesFromBody(body: string): string[] {
	const text = body.trim();
	if (!text) return [];
	if (looksLikeHtml(text)) {
		const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
		return [title ? `an HTML page ("${title}")` : 'an HTML page instead of data'];
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return [text.length > 300 ? `${text.slice(0, 300)}…` : text];
	}
	const root = parsed as Record<string, unknown> | null;
	const error = (root?.error ?? root?.['odata.error']) as unknown;
	if (typeof error === 'string') {
		// OAuth's flat shape: the code alone says little, the description says what to do.
		const description = typeof root?.error_description === 'string' ? root.error_description.trim() : '';
		return [description ? `${error}: ${description}` : error];
	}
	if (error && typeof error === 'object') {
		const message = (error as { message?: unknown }).message;
		const value = typeof message === 'string' ? message : (message as { value?: unknown } | undefined)?.value;
		if (typeof value === 'string') return splitMessages(value);
		const code = (error as { code?: unknown }).code;
		if (typeof code === 'string' && code) return [code];
	}
	if (typeof root?.Message === 'string') return splitMessages(root.Message);
	return [];
}

/** Exact joins several validation messages with CRLF in one value (reference §6). */
function splitMessages(value: string): string[] {
	return value
		.split(/\r\n|\r|\n/)
		.map((line) => line.trim())
		.filter(Boolean);
}

export function looksLikeHtml(body: string, contentType = ''): boolean {
	return /text\/html/i.test(contentType) || body.trimStart().startsWith('<');
}

export function headerValue(headers: Record<string, string>, name: string): string | undefined {
	const lower = name.toLowerCase();
	if (lower in headers) return headers[lower];
	for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
	return undefined;
}

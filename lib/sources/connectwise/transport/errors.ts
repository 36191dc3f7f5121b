/**
 * What went wrong talking to ConnectWise Manage, in a shape a workflow can branch on: `kind` says
 * what happened, `retryable` whether trying again later can help, and `outcomeUnknown` that a
 * write may have been processed even though no clear answer arrived (re-check before re-posting:
 * a second accounting batch would export the same invoices again, reference connectwise-manage.md §3).
 */

export type ManageErrorKind = 'rateLimit' | 'server' | 'network' | 'badRequest' | 'unauthorized' | 'forbidden' | 'notFound' | 'conflict' | 'validation';

/** One entry of Manage's `errors[]` (reference §4). */
export interface ManageErrorDetail {
	code?: string;
	message?: string;
	resource?: string;
	field?: string;
}

export interface ManageApiErrorDetails {
	kind: ManageErrorKind;
	status?: number;
	/** Manage's top-level code (InvalidObject, ConnectWiseApi, Unauthorized, …), or the network code (ECONNRESET, …) for kind 'network'. */
	code?: string;
	messages?: string[];
	errors?: ManageErrorDetail[];
	retryable?: boolean;
	outcomeUnknown?: boolean;
	method?: string;
	/** The resource path without host, codebase or query, e.g. 'finance/accounting/batches'. */
	path?: string;
	/** For 'rateLimit': how long Manage asked us to wait. */
	retryAfterMs?: number;
}

export class ManageApiError extends Error {
	status?: number;
	kind: ManageErrorKind;
	code?: string;
	/** Manage's message followed by each errors[].message, secrets blanked. */
	messages: string[];
	errors: ManageErrorDetail[];
	retryable: boolean;
	outcomeUnknown: boolean;
	method?: string;
	path?: string;
	retryAfterMs?: number;

	constructor(message: string, details: ManageApiErrorDetails) {
		super(message);
		this.name = 'ManageApiError';
		this.kind = details.kind;
		this.status = details.status;
		this.code = details.code;
		this.messages = details.messages ?? [];
		this.errors = details.errors ?? [];
		this.retryable = details.retryable ?? false;
		this.outcomeUnknown = details.outcomeUnknown ?? false;
		this.method = details.method;
		this.path = details.path;
		this.retryAfterMs = details.retryAfterMs;
	}
}

export interface ParsedManageError {
	code?: string;
	message?: string;
	errors: ManageErrorDetail[];
}

/**
 * Manage's error body, in either of its shapes (reference §4):
 * - the usual `{"code","message","errors":[{"code","message","resource","field"}]}`, where
 *   `errors` may be null (`{"code":"Security","message":"SSL is required.","errors":null}`);
 * - the 429 body `{"error":"ConnectWiseAPI","message":"Too many requests. …"}`, whose code sits in
 *   `error`.
 * An HTML page (a proxy or IIS error) gives its title; other text is cut to 300 characters.
 */
export function parseManageError(_status: number, body: string): ParsedManageError {
	const text = (body ?? '').trim();
	if (!text) return { errors: [] };
	if (text.startsWith('<')) {
		const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
		return { message: title ? `an HTML page ("${title}")` : 'an HTML page instead of data', errors: [] };
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { message: text.length > 300 ? `${text.slice(0, 300)}…` : text, errors: [] };
	}
	if (typeof parsed === 'string') return { message: parsed, errors: [] };
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { errors: [] };
	const root = parsed as Record<string, unknown>;
	const code = stringOf(root.code) ?? stringOf(root.error) ?? stringOf(root.Code);
	const message = stringOf(root.message) ?? stringOf(root.Message) ?? stringOf(root.error_description);
	const errors = Array.isArray(root.errors)
		? root.errors
				.filter((entry): entry is Record<string, unknown> => Boolean(entry) && typeof entry === 'object')
				.map((entry) => dropUndefined({ code: stringOf(entry.code), message: stringOf(entry.message), resource: stringOf(entry.resource), field: stringOf(entry.field) }))
		: [];
	return dropUndefined({ code, message, errors });
}

/** Manage's message, then each errors[].message not already said (as the user should read them). */
export function manageMessages(parsed: ParsedManageError): string[] {
	const messages: string[] = [];
	if (parsed.message) messages.push(parsed.message);
	for (const detail of parsed.errors) {
		const text = detail.message ?? (detail.code && detail.field ? `${detail.code} (${detail.field})` : detail.code);
		if (text && !messages.includes(text)) messages.push(text);
	}
	return messages;
}

function stringOf(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

function dropUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

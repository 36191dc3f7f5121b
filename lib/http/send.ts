/**
 * The one place an HTTP request to a service (Exact Online, ConnectWise Manage) leaves the
 * process. The sender is pluggable so the n8n nodes can route through n8n's own http helper
 * (proxy settings, request logging) while tests and scripts use Node's fetch. Everything above
 * this file speaks only these shapes.
 */

export interface HttpRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	body?: string;
}

export interface HttpResponse {
	status: number;
	/** Header names in lower case; repeated headers joined with ", ". */
	headers: Record<string, string>;
	body: string;
}

/**
 * Resolves with every HTTP answer, whatever its status. Rejects only when no answer arrived:
 * the error carries a Node-style `code` (ECONNREFUSED, ECONNRESET, ETIMEDOUT, …) so the client
 * can tell "nothing was sent" from "the answer was lost" (reference §6: a lost POST may have
 * created the entry).
 */
export type HttpSend = (request: HttpRequest) => Promise<HttpResponse>;

/** A transport failure with a Node-style code; the message never holds headers or bodies. */
export class HttpNetworkError extends Error {
	readonly code: string;

	constructor(code: string, message: string) {
		super(message);
		this.name = 'HttpNetworkError';
		this.code = code;
	}
}

/**
 * Codes that prove the request never reached the server, so even a POST may be sent again.
 * Everything else (ECONNRESET, a timeout, a socket closed mid-answer) may have been processed.
 */
const NOTHING_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export function networkErrorCode(error: unknown): string {
	const code = (error as { code?: unknown } | undefined)?.code;
	return typeof code === 'string' && code ? code : 'ECONNRESET';
}

export function nothingWasSent(error: unknown): boolean {
	return NOTHING_SENT_CODES.has(networkErrorCode(error));
}

export interface FetchSendOptions {
	/** Give up on an answer after this long; a POST that times out has an unknown outcome. */
	timeoutMs?: number;
	/** 'manual' hands a 3xx back to the client instead of following it (fetch turns a redirected POST into a GET). */
	redirect?: 'follow' | 'manual';
}

/** A sender over Node 20's global fetch; any method string goes through as it is (PATCH too). */
export function createFetchSend<Request extends Omit<HttpRequest, 'method'> & { method: string } = HttpRequest>(
	options: FetchSendOptions = {},
): (request: Request) => Promise<HttpResponse> {
	const timeoutMs = options.timeoutMs ?? 120_000;
	return async (request) => {
		try {
			const response = await fetch(request.url, {
				method: request.method,
				headers: request.headers,
				body: request.body,
				redirect: options.redirect ?? 'follow',
				signal: AbortSignal.timeout(timeoutMs),
			});
			const headers: Record<string, string> = {};
			response.headers.forEach((value, name) => {
				headers[name.toLowerCase()] = value;
			});
			return { status: response.status, headers, body: await response.text() };
		} catch (error) {
			throw toNetworkError(error);
		}
	};
}

export const fetchSend: HttpSend = createFetchSend();

/** fetch hides the socket error in `cause` behind a bare "fetch failed"; bring the code out. */
function toNetworkError(error: unknown): HttpNetworkError {
	if (error instanceof HttpNetworkError) return error;
	const failure = error as { name?: string; code?: unknown; message?: string; cause?: { code?: unknown; message?: string; name?: string } } | undefined;
	if (failure?.name === 'TimeoutError' || failure?.name === 'AbortError') {
		return new HttpNetworkError('ETIMEDOUT', 'no answer from the server in time');
	}
	const cause = failure?.cause;
	let code = typeof cause?.code === 'string' ? cause.code : typeof failure?.code === 'string' ? failure.code : 'ECONNRESET';
	// undici reports a connection the server closed before answering as UND_ERR_SOCKET
	// ("other side closed"); for the caller that is the classic ECONNRESET.
	if (code === 'UND_ERR_SOCKET') code = 'ECONNRESET';
	const message = cause?.message ?? failure?.message ?? 'network failure';
	return new HttpNetworkError(code, message);
}

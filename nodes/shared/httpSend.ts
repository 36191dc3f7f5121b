import type { IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

import type { HttpResponse } from '../../lib/http/send';

interface OutgoingRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body?: string;
}

/**
 * Requests go through n8n's own HTTP helper (its proxy and TLS settings apply); the status
 * and headers come back untouched, because the API clients decide on retries and rate
 * limits from them.
 */
export function n8nSend(context: IExecuteFunctions | ILoadOptionsFunctions): (request: OutgoingRequest) => Promise<HttpResponse> {
	return async (request) => {
		try {
			const response = (await context.helpers.httpRequest({
				method: request.method as IHttpRequestMethods,
				url: request.url,
				headers: request.headers,
				body: request.body,
				encoding: 'text',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { body: unknown; headers: Record<string, unknown>; statusCode: number };
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(response.headers ?? {})) {
				if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
			}
			const body = typeof response.body === 'string' ? response.body : Buffer.isBuffer(response.body) ? response.body.toString('utf8') : JSON.stringify(response.body ?? '');
			return { status: response.statusCode, headers, body };
		} catch (error) {
			// Keep the socket-level code (ECONNRESET, ECONNREFUSED): the clients decide by it whether a POST may be retried.
			const cause = error as { code?: string; cause?: { code?: string } };
			const failure = new Error(`Could not reach the service: ${(error as Error).message}`) as Error & { code?: string };
			failure.code = cause.code ?? cause.cause?.code;
			throw failure;
		}
	};
}


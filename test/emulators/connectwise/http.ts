/**
 * Response helpers and ConnectWise's error shapes (§4): the usual
 * `{"code","message","errors":[{"code","message","resource","field"}]}` and, for 429 only,
 * `{"error":"ConnectWiseAPI","message":"Too many requests. Please try again in N seconds."}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FieldError {
	code: string;
	message: string;
	resource: string;
	field: string;
}

export interface ErrorBody {
	code: string;
	message: string;
	errors?: FieldError[];
}

/** Thrown anywhere below the router; the router turns it into a ConnectWise error response. */
export class ManageError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly errors?: FieldError[],
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}

	get body(): ErrorBody {
		return this.errors ? { code: this.code, message: this.message, errors: this.errors } : { code: this.code, message: this.message };
	}
}

/** A 400 about one field, shaped like ConnectWiseManageAPI#30's sample (§4). */
export function invalidField(resource: string, field: string, message: string, code = 'InvalidField'): ManageError {
	return new ManageError(400, 'InvalidObject', `${resource} object is invalid`, [{ code, message, resource, field }]);
}

export function notFound(message: string): ManageError {
	return new ManageError(404, 'NotFound', message);
}

/** The 429 body differs from every other error body (§4 "Rate limiting"). */
export function tooManyRequestsBody(retryAfterSeconds: number): { error: string; message: string } {
	return { error: 'ConnectWiseAPI', message: `Too many requests. Please try again in ${retryAfterSeconds} seconds.` };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	if (body === undefined) {
		response.writeHead(status, { ...headers, 'Content-Length': '0' });
		response.end();
		return;
	}
	const text = JSON.stringify(body);
	response.writeHead(status, {
		...headers,
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(text)),
	});
	response.end(text);
}

export function sendText(response: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
	response.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) });
	response.end(body);
}

export async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** A request body as JSON, or a 400 that says what is wrong with it. */
export function parseJsonBody(raw: string, resource: string): unknown {
	if (raw.trim() === '') throw new ManageError(400, 'InvalidObject', `${resource} object is invalid: the request has no body`);
	try {
		return JSON.parse(raw);
	} catch (error) {
		throw new ManageError(400, 'InvalidObject', `${resource} object is invalid: the body is not JSON (${error instanceof Error ? error.message : String(error)})`);
	}
}

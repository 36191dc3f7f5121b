/**
 * Response helpers and ConnectWise's error shapes (§4): the usual
 * `{"code","message","errors":[{"code","message","resource","field"}]}` and, for 429 only,
 * `{"error":"ConnectWiseAPI","message":"Too many requests. Please try again in N seconds."}`.
 */

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

export { readBody, sendJson, sendText } from '../shared';

/** A request body as JSON, or a 400 that says what is wrong with it. */
export function parseJsonBody(raw: string, resource: string): unknown {
	if (raw.trim() === '') throw new ManageError(400, 'InvalidObject', `${resource} object is invalid: the request has no body`);
	try {
		return JSON.parse(raw);
	} catch (error) {
		throw new ManageError(400, 'InvalidObject', `${resource} object is invalid: the body is not JSON (${error instanceof Error ? error.message : String(error)})`);
	}
}

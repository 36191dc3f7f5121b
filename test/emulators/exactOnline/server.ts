/**
 * The HTTP front: logs every request, routes OAuth to oauth.ts and /api/v1 through faults,
 * bearer check, division check and rate limit to the resource table.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import type { FaultSwitches } from './faults';
import { ExactError, exactErrorBody, MAINTENANCE_PAGE, readBody, sendJson, sendText } from './http';
import type { OAuthProvider } from './oauth';
import { ODataError } from './odata';
import { createdBody, getByKey, queryCollection, type QueryContext } from './query';
import { takeCall, exhaustedMinutelyHeaders, type RateLimits } from './rateLimit';
import { findResource, ME_RESOURCE, type Resource } from './resources';
import type { DivisionData, EmulatorState, RequestRecord } from './state';
import { dropConnection, routedServer } from '../shared';

export interface ServerSettings extends RateLimits {
	validationErrorStatus: number;
	now: () => number;
	/** The emulator's own address, for absolute links (__next, __metadata). Known once listening. */
	baseUrl: () => string;
}

interface Parts {
	state: EmulatorState;
	oauth: OAuthProvider;
	faults: FaultSwitches;
	settings: ServerSettings;
}

/** Exact meters these per endpoint per hour (§1 "Errors are metered"). */
const METERED = new Set([400, 401, 403, 404]);

function sendError(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
	sendJson(response, status, exactErrorBody(message), headers);
}

function sendFault(response: ServerResponse, request: IncomingMessage, parts: Parts): boolean {
	const fault = parts.faults.takeApiFault(String(request.method ?? 'GET').toUpperCase());
	if (!fault) return false;
	switch (fault.kind) {
		case 'drop':
			// After processing: the write reaches Exact, the client hears nothing.
			if (!dropConnection(request, response, fault.afterProcessing === true)) return false;
			break;
		case 'maintenance':
			sendText(response, 200, MAINTENANCE_PAGE, 'text/html; charset=utf-8');
			break;
		case 'serverError':
			if (fault.status === 500) sendError(response, 500, 'An error has occurred.');
			else sendText(response, fault.status, `<html><body><h1>${fault.status} Service Unavailable</h1></body></html>`, 'text/html; charset=utf-8');
			break;
		case 'rateLimited': {
			// picqer #528/#646: an empty body and, by default, only the minutely headers (§5).
			const headers = fault.withHeaders ? exhaustedMinutelyHeaders(parts.settings, parts.settings.now()) : {};
			response.writeHead(429, { ...headers, 'Content-Length': '0' });
			response.end();
			break;
		}
	}
	return true;
}

async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL, parts: Parts): Promise<void> {
	const { state, oauth, settings } = parts;
	if (sendFault(response, request, parts)) return;

	const bearer = oauth.checkBearer(request.headers.authorization);
	if (bearer !== 'valid') {
		const message = bearer === 'expired' ? 'Access token is expired.' : bearer === 'missing' ? 'Authorization has been denied for this request.' : 'Access token is invalid.';
		return sendError(response, 401, message, { 'WWW-Authenticate': `Bearer error="invalid_token"` });
	}

	const [divisionSegment = '', ...restSegments] = url.pathname.slice('/api/v1/'.length).split('/');
	const rest = decodeURIComponent(restSegments.join('/'));
	let division: DivisionData | undefined;
	let resource: Resource | undefined;
	const target = /^(.*?)(?:\((.*)\))?$/.exec(rest) ?? ['', rest, undefined];
	const [, resourcePath, keyText] = target;
	if (divisionSegment.toLowerCase() === 'current') {
		// §2: only Me lives under /current; everything else needs a division number.
		division = state.current;
		resource = resourcePath.toLowerCase() === 'me' ? ME_RESOURCE : undefined;
	} else if (/^\d+$/.test(divisionSegment)) {
		division = state.division(Number(divisionSegment));
		// The user has no such division: typically the HID (1, 2…) sent where the division code belongs (§1 "Code vs HID").
		if (!division) return sendError(response, 403, `Forbidden: you have no access to division ${divisionSegment}.`);
		resource = findResource(resourcePath);
	}
	if (!division) return sendError(response, 404, `Resource not found for the segment '${divisionSegment}'.`);

	const decision = takeCall(state.usage, division.code, settings, settings.now());
	if (!decision.allowed) {
		response.writeHead(429, { ...decision.headers, 'Content-Length': '0' });
		response.end();
		return;
	}
	const headers = decision.headers;
	try {
		if (!resource) throw new ExactError(404, `Resource not found for the segment '${resourcePath.split('/').pop() ?? ''}'.`);
		const context: QueryContext = {
			baseUrl: settings.baseUrl(),
			resourcePath: `/api/v1/${divisionSegment}/${resource.path}`,
			params: url.searchParams,
		};
		const segment = resource.path.split('/').pop() ?? resource.path;
		const method = request.method ?? 'GET';
		if (method === 'GET') {
			const rows = resource.rows(state, division);
			const body = keyText === undefined ? queryCollection(resource, rows, context) : getByKey(resource, rows, keyText, segment, context);
			return sendJson(response, 200, body, headers);
		}
		if (method === 'POST' && keyText === undefined && resource.create) {
			if (!/application\/json/i.test(request.headers['content-type'] ?? '')) throw new ExactError(415, 'Unsupported media type: send Content-Type: application/json.');
			const raw = await readBody(request);
			let body: unknown;
			try {
				body = JSON.parse(raw);
			} catch {
				throw new ExactError(400, 'Error processing request stream. JSON text specified is not valid.');
			}
			const created = resource.create(division, body, { validationStatus: settings.validationErrorStatus, now: settings.now() });
			const answer = createdBody(resource, created, context) as { d: { __metadata: { uri: string } } };
			return sendJson(response, 201, answer, { ...headers, Location: answer.d.__metadata.uri });
		}
		throw new ExactError(405, `The HTTP method '${method}' is not supported by the emulator for '${resource.path}'.`);
	} catch (error) {
		if (error instanceof ExactError) return sendError(response, error.status, error.message, { ...headers, ...error.headers });
		if (error instanceof ODataError) return sendError(response, error.status, error.message, headers);
		throw error;
	}
}

async function route(request: IncomingMessage, response: ServerResponse, parts: Parts): Promise<void> {
	const url = new URL(request.url ?? '/', 'http://emulator.invalid');
	const record: RequestRecord = { method: request.method ?? 'GET', path: url.pathname, query: url.search.slice(1), status: 0, at: parts.settings.now() };
	parts.state.requests.push(record);
	const isApi = url.pathname.startsWith('/api/v1/');
	response.on('finish', () => {
		record.status = response.statusCode;
		if (isApi && METERED.has(response.statusCode)) parts.state.errorCount += 1;
	});

	if (url.pathname === '/api/oauth2/auth' && request.method === 'GET') return parts.oauth.authorize(url, response);
	if (url.pathname === '/api/oauth2/token' && request.method === 'POST') return parts.oauth.token(request, response);
	if (isApi) return handleApi(request, response, url, parts);
	sendText(response, 404, 'Not found', 'text/plain; charset=utf-8');
}

export function createEmulatorServer(parts: Parts): Server {
	return routedServer(route, parts, (response, message) => sendError(response, 500, message));
}

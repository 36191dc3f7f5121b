/**
 * The HTTP front: logs every request, refuses over-long URLs, answers companyinfo without auth,
 * and sends API calls through faults → rate limit → clientId → Basic auth → Accept version →
 * the endpoint table (§1, §2, §4).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { authenticate, checkAcceptVersion, checkClientId, type Credentials } from './auth';
import type { BatchCreateResponse } from './batches';
import type { FaultSwitches } from './faults';
import { ManageError, parseJsonBody, readBody, sendJson, sendText, tooManyRequestsBody } from './http';
import type { RateLimiter } from './rateLimit';
import { matchRoutes, type RouteRequest } from './routes';
import type { ManageState, RequestRecord } from './state';
import { dropConnection, routedServer } from '../shared';

/** §2: "Keep URLs at 2,000 characters or less." Longer ones get 414 (README "Choices"). */
export const MAX_URL_LENGTH = 2000;

export interface ServerSettings {
	companyId: string;
	/** e.g. 'v2025_1/' (with the trailing slash, as companyinfo writes it). */
	codebase: string;
	credentials: Credentials;
	batchResponse: BatchCreateResponse;
	/** The emulator's own address, known once it listens. */
	siteUrl: () => string;
}

interface Parts {
	state: ManageState;
	faults: FaultSwitches;
	limiter?: RateLimiter;
	settings: ServerSettings;
}

function sendError(response: ServerResponse, error: ManageError): void {
	sendJson(response, error.status, error.body, error.headers);
}

/** GET /login/companyinfo/{companyId}: no auth, tells the client which codebase to put in URLs (§1). */
function companyInfo(response: ServerResponse, companyId: string, parts: Parts): void {
	const { state, settings } = parts;
	// An unknown company id gets 200 with a null body, as the in-repo client's notes say Manage answers
	// (django-connectwise); clients must not read a Codebase from it.
	if (companyId.toLowerCase() !== settings.companyId.toLowerCase()) return sendJson(response, 200, null);
	const info = state.companyInfo;
	sendJson(response, 200, {
		CompanyName: info.companyName,
		Codebase: settings.codebase,
		VersionCode: info.versionCode,
		VersionNumber: info.versionNumber,
		CompanyID: settings.companyId,
		IsCloud: info.isCloud,
		// Host and port only, like "api-na.myconnectwise.net": the scheme is the client's (http here).
		SiteUrl: settings.siteUrl().replace(/^https?:\/\//, ''),
		AllowedOrigins: '*',
	});
}

/** A queued fault, if one is armed; true when the call ends here. */
function sendFault(request: IncomingMessage, response: ServerResponse, parts: Parts): boolean {
	const fault = parts.faults.take(request.method ?? 'GET');
	if (!fault) return false;
	switch (fault.kind) {
		case 'drop':
			// After processing: the batch or payment exists, the client hears nothing.
			return dropConnection(request, response, fault.afterProcessing === true);
		case 'rateLimited':
			sendJson(response, 429, tooManyRequestsBody(fault.retryAfterSeconds), { 'Retry-After': String(fault.retryAfterSeconds) });
			return true;
		case 'serverError':
			if (fault.status === 500) {
				// pyconnectwise retries only 500s whose body mentions a timeout (§5 PR #17).
				sendJson(response, 500, { code: 'ConnectWiseApi', message: 'An error has occurred: Execution Timeout Expired. The timeout period elapsed prior to completion of the operation or the server is not responding.' });
			} else {
				sendText(response, fault.status, `<html><head><title>${fault.status} Service Unavailable</title></head><body><h1>${fault.status} Service Unavailable</h1></body></html>`, 'text/html; charset=utf-8');
			}
			return true;
	}
}

async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL, apiPrefix: string, parts: Parts): Promise<void> {
	const { state, settings } = parts;
	if (sendFault(request, response, parts)) return;
	const decision = parts.limiter?.take();
	if (decision && !decision.allowed) {
		sendJson(response, 429, tooManyRequestsBody(decision.retryAfterSeconds), { 'Retry-After': String(decision.retryAfterSeconds) });
		return;
	}
	const method = (request.method ?? 'GET').toUpperCase();
	const segments = url.pathname.slice(apiPrefix.length).replace(/\/+$/, '').split('/');
	const fullUrl = `${settings.siteUrl()}${request.url ?? ''}`;
	const apiBase = `${settings.siteUrl()}${apiPrefix.replace(/\/$/, '')}`;
	let rawBody: Promise<string> | undefined;
	const routeRequest: RouteRequest = {
		method,
		params: url.searchParams,
		headers: request.headers,
		selfUrl: `${settings.siteUrl()}${url.pathname}`,
		json: async (resource) => parseJsonBody(await (rawBody ??= readBody(request)), resource),
	};
	try {
		checkClientId(request.headers);
		const candidates = matchRoutes(segments);
		const match = candidates.find((candidate) => candidate.route.method === method);
		if (!match?.route.selfAuthenticated) routeRequest.key = authenticate(request.headers, state, settings.credentials);
		checkAcceptVersion(request.headers, fullUrl);
		if (candidates.length === 0) throw new ManageError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${fullUrl}'.`);
		if (!match) throw new ManageError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
		const reply = await match.route.handle(routeRequest, match.params, { context: { state, apiBase, refs: new Map() }, credentials: settings.credentials, batchResponse: settings.batchResponse });
		sendJson(response, reply.status, reply.body, reply.headers);
	} catch (error) {
		if (error instanceof ManageError) return sendError(response, error);
		throw error;
	}
}

async function route(request: IncomingMessage, response: ServerResponse, parts: Parts): Promise<void> {
	const url = new URL(request.url ?? '/', 'http://emulator.invalid');
	const record: RequestRecord = { method: (request.method ?? 'GET').toUpperCase(), path: url.pathname, query: url.search.slice(1), status: 0, at: parts.state.now() };
	parts.state.requests.push(record);
	response.on('finish', () => {
		record.status = response.statusCode;
	});

	const length = parts.settings.siteUrl().length + (request.url ?? '').length;
	if (length > MAX_URL_LENGTH) {
		return sendError(
			response,
			new ManageError(414, 'RequestUriTooLong', `The URL is ${length} characters; keep it at ${MAX_URL_LENGTH} or less (send fewer ids per 'in (…)' condition and page through).`),
		);
	}
	const info = /^\/login\/companyinfo\/([^/]+)\/?$/i.exec(url.pathname);
	if (info && record.method === 'GET') return companyInfo(response, decodeURIComponent(info[1]), parts);

	const apiPrefix = `/${parts.settings.codebase}apis/3.0/`;
	if (url.pathname.toLowerCase().startsWith(apiPrefix.toLowerCase())) return handleApi(request, response, url, url.pathname.slice(0, apiPrefix.length), parts);
	if (/^\/[^/]+\/apis\/3\.0\//i.test(url.pathname)) {
		return sendError(response, new ManageError(404, 'NotFound', `This site serves the API under /${parts.settings.codebase}apis/3.0/: read the codebase from /login/companyinfo/${parts.settings.companyId}.`));
	}
	sendError(response, new ManageError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${url.pathname}'.`));
}

export function createEmulatorServer(parts: Parts): Server {
	return routedServer(route, parts, (response, message) => sendJson(response, 500, { code: 'EmulatorError', message }));
}

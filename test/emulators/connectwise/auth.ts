/**
 * Who may call (§1): `Authorization: Basic base64("{companyId}+{publicKey}:{privateKey}")` on
 * every API call, plus a `clientId` header holding the integration's GUID (mandatory since
 * 2019.3). Member impersonation trades an integrator login (or API keys) for short-lived keys.
 * The `Accept` header may pin a model version; a version ConnectWise cannot read is refused
 * the way connectwise-rest#35 reports.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { ManageError, notFound } from './http';
import type { ApiKey, ManageState } from './state';
import { isGuid, toIsoDate } from './values';

export interface Credentials {
	companyId: string;
	/** Legacy integrator login, good only for asking impersonation tokens. */
	integratorLogin: { username: string; password: string };
}

/** How long impersonation keys live; ConnectWise returns an `expiration` but the reference gives no length (README "Choices"). */
export const IMPERSONATION_MINUTES = 60;

const DENIED = 'Authorization has been denied for this request. Send Authorization: Basic base64("companyId+publicKey:privateKey").';

function unauthorized(message: string): ManageError {
	return new ManageError(401, 'Unauthorized', message);
}

/** 401 when the clientId header is missing or not a GUID (the emulator's choice of status; README "Choices"). */
export function checkClientId(headers: IncomingHttpHeaders): void {
	const value = headers.clientid;
	const clientId = Array.isArray(value) ? value[0] : value;
	if (!clientId) {
		throw unauthorized('The clientId header is required on every API call since Manage 2019.3: register an integration at developer.connectwise.com/ClientID and send its GUID as clientId.');
	}
	if (!isGuid(clientId)) throw unauthorized(`The clientId header must be a GUID, not '${clientId}'.`);
}

interface BasicParts {
	companyId: string;
	user: string;
	password: string;
}

function parseBasic(header: string | undefined): BasicParts | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const plus = decoded.indexOf('+');
	if (colon < 0 || plus < 0 || plus > colon) return undefined;
	return { companyId: decoded.slice(0, plus), user: decoded.slice(plus + 1, colon), password: decoded.slice(colon + 1) };
}

/** The key a call is signed with, or 401. Company ids compare case-insensitively, as at the login screen. */
export function authenticate(headers: IncomingHttpHeaders, state: ManageState, credentials: Credentials): ApiKey {
	const parts = parseBasic(headers.authorization);
	if (!parts) throw unauthorized(DENIED);
	if (parts.companyId.toLowerCase() !== credentials.companyId.toLowerCase()) throw unauthorized(`Unknown company '${parts.companyId}': the Basic user must start with "${'{companyId}'}+".`);
	const now = state.now();
	const key = state.apiKeys.find((candidate) => candidate.publicKey === parts.user && candidate.privateKey === parts.password);
	if (!key) throw unauthorized('UserNotAuthenticated: the public/private key pair is not valid.');
	if (key.expiresAt !== undefined && key.expiresAt <= now) throw unauthorized('UserNotAuthenticated: these impersonation keys have expired; ask for new ones.');
	return key;
}

function isIntegratorLogin(headers: IncomingHttpHeaders, credentials: Credentials): boolean {
	const parts = parseBasic(headers.authorization);
	return (
		parts !== undefined &&
		parts.companyId.toLowerCase() === credentials.companyId.toLowerCase() &&
		parts.user === credentials.integratorLogin.username &&
		parts.password === credentials.integratorLogin.password
	);
}

/**
 * POST /system/members/{identifier}/tokens with `x-cw-usertype: member` (§1 "Impersonation"):
 * signed by the integrator login or by API keys, answers `{publicKey, privateKey, expiration}`.
 */
export function issueImpersonationKeys(headers: IncomingHttpHeaders, state: ManageState, credentials: Credentials, memberIdentifier: string): { publicKey: string; privateKey: string; expiration: string } {
	if (!isIntegratorLogin(headers, credentials)) authenticate(headers, state, credentials);
	const userType = String(headers['x-cw-usertype'] ?? '').toLowerCase();
	if (userType !== 'member') {
		throw new ManageError(400, 'InvalidObject', `Send the header x-cw-usertype: member to ask for impersonation keys (got '${userType || 'nothing'}').`);
	}
	const member = state.members.find((candidate) => candidate.identifier.toLowerCase() === memberIdentifier.toLowerCase());
	if (!member) throw notFound(`Member '${memberIdentifier}' was not found.`);
	if (member.inactiveFlag) throw new ManageError(400, 'InvalidObject', `Member '${member.identifier}' is inactive and cannot be impersonated.`);
	const expiresAt = state.now() + IMPERSONATION_MINUTES * 60_000;
	const key: ApiKey = {
		publicKey: randomBytes(8).toString('hex'),
		privateKey: randomBytes(12).toString('hex'),
		memberIdentifier: member.identifier,
		expiresAt,
	};
	state.apiKeys.push(key);
	return { publicKey: key.publicKey, privateKey: key.privateKey, expiration: toIsoDate(new Date(expiresAt)) };
}

/**
 * `Accept: application/vnd.connectwise.com+json; version=2025.1` (§1 "Versioning"). No version,
 * `application/json` or `*\/*` get the latest models. A version that is not YEAR.RELEASE (such
 * as '3.0.0') is refused with the message connectwise-rest#35 shows.
 */
export function checkAcceptVersion(headers: IncomingHttpHeaders, requestUrl: string): void {
	const accept = headers.accept ?? '';
	for (const range of accept.split(',')) {
		const version = /;\s*version\s*=\s*"?([^;",\s]+)"?/i.exec(range)?.[1];
		if (version === undefined || /^\d{4}\.\d{1,2}$/.test(version)) continue;
		// '3.0.0' comes back as '0.0': ConnectWise reads the part after the first dot.
		const shown = /^\d+\.\d+\.\d+$/.test(version) ? version.slice(version.indexOf('.') + 1) : version;
		throw new ManageError(400, 'ConnectWiseApi', `The HTTP resource that matches the request URI '${requestUrl}' does not support the API version '${shown}'.`);
	}
}

/**
 * Where a ConnectWise Manage company lives and how a request proves who it is
 * (reference connectwise-manage.md §1). Plain data; the n8n credential maps onto ManageSettings.
 */

export type ManageSite = 'api-na' | 'api-eu' | 'api-au' | 'custom';

export interface ManageSettings {
	site: ManageSite;
	/** On-premise host or custom base URL (e.g. http://127.0.0.1:5701 for the emulator) when site = custom. */
	host?: string;
	/** The company ID typed at login (not a number, not the company name). */
	companyId: string;
	publicKey: string;
	privateKey: string;
	/** The integration's GUID from developer.connectwise.com; required on every call since 2019.3. */
	clientId: string;
	/** The model version in the Accept header, default '2025.1'. */
	apiVersion?: string;
	/** Act as this member: the client asks for member tokens before its first call. */
	impersonateMember?: string;
}

/**
 * The spec this client's models follow (reference §3: 2025.1 in [GO]). Without a version Manage
 * answers with the latest models, whose fields may move under us (reference §1 "Versioning").
 */
export const DEFAULT_API_VERSION = '2025.1';

/**
 * A release like 2019.1 or 2025.16. '3.0' is the URL's version, not a model version: sent in the
 * Accept header it fails with "does not support the API version '0.0'" (connectwise-rest#35).
 */
const API_VERSION = /^\d{4}\.\d{1,2}$/;

/** The API base of a site, without a trailing slash: https://api-na.myconnectwise.net. */
export function siteBaseUrl(settings: ManageSettings): string {
	if (settings.site !== 'custom') {
		if (!['api-na', 'api-eu', 'api-au'].includes(settings.site)) {
			throw new Error(`"${String(settings.site)}" is not a ConnectWise Manage site: choose api-na, api-eu, api-au or custom.`);
		}
		return `https://${settings.site}.myconnectwise.net`;
	}
	const raw = (settings.host ?? '').trim();
	if (!raw) throw new Error('The ConnectWise Manage site is "custom" but no host is set: enter e.g. https://cw.example.com or api-aus.myconnectwise.net.');
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		throw new Error(`"${raw}" is not a host name or URL for ConnectWise Manage.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${raw}" is not an http(s) address for ConnectWise Manage.`);
	// Cloud and staging answer the API only on their api- host and only over https; elsewhere
	// they say {"code":"Security","message":"SSL is required."} (reference §1). Users paste the
	// browser host (na.myconnectwise.net), so it is mapped instead of refused; django-connectwise
	// does the same. This also covers sites the list above lacks (aus, za; [DG] vs [CWREST]).
	const cloud = /^(?:api-)?([a-z0-9]+)\.(myconnectwise\.net|connectwisedev\.com)$/i.exec(url.hostname);
	if (cloud) {
		url.hostname = `api-${cloud[1].toLowerCase()}.${cloud[2].toLowerCase()}`;
		url.protocol = 'https:';
	}
	// A pasted request URL keeps only what precedes the codebase: companyinfo supplies that part.
	const path = url.pathname
		.replace(/\/login\/companyinfo(\/.*)?$/i, '')
		.replace(/(\/[^/]+)?\/apis\/3\.0(\/.*)?$/i, '')
		.replace(/\/+$/, '');
	return `${url.protocol}//${url.host}${path}`;
}

/** 'Basic ' + base64("{companyId}+{publicKey}:{privateKey}") (reference §1; [DG], [PYCW], [CWREST]). */
export function authorizationHeader(companyId: string, publicKey: string, privateKey: string): string {
	return `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`, 'utf8').toString('base64')}`;
}

/** The versioned Accept header (reference §1). */
export function acceptHeader(apiVersion: string): string {
	return `application/vnd.connectwise.com+json; version=${apiVersion}`;
}

/** True for the ConnectWise-hosted sites, where a 404 can also mean rejected keys (reference §1). */
export function isCloudSite(baseUrl: string): boolean {
	try {
		return /\.(myconnectwise\.net|connectwisedev\.com)$/i.test(new URL(baseUrl).hostname);
	} catch {
		return false;
	}
}

/**
 * Trimmed settings, or an error that says which field is missing. The values themselves never
 * appear in a message: they are credentials.
 */
export function checkSettings(settings: ManageSettings): ManageSettings & { apiVersion: string } {
	const trimmed = {
		...settings,
		companyId: (settings.companyId ?? '').trim(),
		publicKey: (settings.publicKey ?? '').trim(),
		privateKey: (settings.privateKey ?? '').trim(),
		clientId: (settings.clientId ?? '').trim(),
		apiVersion: (settings.apiVersion ?? '').trim() || DEFAULT_API_VERSION,
		impersonateMember: settings.impersonateMember?.trim() || undefined,
	};
	const missing = (
		[
			['companyId', 'company ID'],
			['publicKey', 'public key'],
			['privateKey', 'private key'],
			['clientId', 'client ID (the integration GUID from developer.connectwise.com)'],
		] as const
	)
		.filter(([field]) => trimmed[field] === '')
		.map(([, label]) => label);
	if (missing.length > 0) throw new Error(`The ConnectWise Manage credential has no ${missing.join(', ')}.`);
	if (!API_VERSION.test(trimmed.apiVersion)) {
		throw new Error(
			`ConnectWise Manage API version "${trimmed.apiVersion}" is not a release like ${DEFAULT_API_VERSION}: 3.0 is the version in the URL, not the model version the Accept header takes.`,
		);
	}
	return trimmed;
}

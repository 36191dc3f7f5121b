/**
 * The one place secrets are taken out of text that travels on: error messages and service
 * answers go to n8n's UI, its execution data and its log, none of them a place for a credential.
 * Both API clients (Exact Online, ConnectWise Manage) and the Exact token store use it.
 */

const TOKEN_PATTERNS: Array<[RegExp, string]> = [
	// 16+ characters: a real token is longer, while "Basic information is missing" stays readable.
	[/\b(basic|bearer)\s+[\w\-.~+/=!]{16,}/gi, '$1 ***'],
	[/((?:access_token|refresh_token|client_secret)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi, '$1***'],
];

/** Blanks the known secrets (longest first, so one containing another goes whole) and anything shaped like a token. */
export function redactSecrets(text: string, secrets: Array<string | undefined> = []): string {
	let result = text;
	// Very short values would blank ordinary words; real keys, tokens and secrets are long.
	const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 6).sort((a, b) => b.length - a.length);
	for (const secret of known) result = result.split(secret).join('***');
	for (const [pattern, replacement] of TOKEN_PATTERNS) result = result.replace(pattern, replacement);
	return result;
}

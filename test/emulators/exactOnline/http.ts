/**
 * Response helpers and the two error shapes Exact uses (§6): business errors as
 * `{"error":{"code":"","message":{"lang":"","value":"…"}}}`, OAuth errors flat.
 */

/** Thrown anywhere below the router; the router turns it into an Exact error response. */
export class ExactError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

export function exactErrorBody(message: string): { error: { code: string; message: { lang: string; value: string } } } {
	return { error: { code: '', message: { lang: '', value: message } } };
}

export { readBody, sendJson, sendText } from '../shared';

/** The page Exact serves, with status 200, while it is down for maintenance (§4, DJ `api.py`). */
export const MAINTENANCE_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Exact Online - Maintenance</title></head>
<body>
<h1>Exact Online is currently unavailable</h1>
<p>We are performing scheduled maintenance. Exact Online will be available again shortly.</p>
</body>
</html>
`;

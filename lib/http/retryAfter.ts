/** A service's Retry-After header, in seconds or as an HTTP date: the wait in ms, or undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string>, now: number): number | undefined {
	const raw = headers['retry-after']?.trim();
	if (!raw) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

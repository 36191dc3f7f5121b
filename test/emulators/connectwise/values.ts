/**
 * Value conventions: ConnectWise sends amounts as JSON numbers in dollars and dates as ISO 8601
 * UTC strings ("2025-01-10T00:00:00Z", §3 [ETL] samples). The emulator does its sums in whole
 * cents so that a tax amount is what an accountant gets by hand, rounding half away from zero.
 */

const GUID_PATTERN = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

export function isGuid(value: unknown): value is string {
	return typeof value === 'string' && GUID_PATTERN.test(value.trim());
}

export function roundHalfAwayFromZero(value: number): number {
	return Math.sign(value) * Math.round(Math.abs(value));
}

export function toCents(dollars: number): number {
	return roundHalfAwayFromZero(Number((dollars * 100).toFixed(6)));
}

export function fromCents(cents: number): number {
	// Avoid -0 in JSON: a zero tax on a credit memo is 0, not -0.
	return cents === 0 ? 0 : cents / 100;
}

/** Quantity × unit price, in cents. */
export function lineCents(quantity: number, unitPrice: number): number {
	return roundHalfAwayFromZero(Number((quantity * unitPrice * 100).toFixed(6)));
}

/** Tax on a taxable amount at a percent rate (6.25 → 6.25 %), in cents. */
export function taxCents(taxableCents: number, ratePercent: number): number {
	return roundHalfAwayFromZero(Number(((taxableCents * ratePercent) / 100).toFixed(6)));
}

export function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

/** `2025-01-10` or a full date-time → `2025-01-10T00:00:00Z`, the way ConnectWise writes dates. */
export function toIsoDate(value: string | Date): string {
	const date = typeof value === 'string' ? parseDate(value) : value;
	if (!date) throw new Error(`'${String(value)}' is not a date (use YYYY-MM-DD or ISO 8601)`);
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ISO 8601 date or date-time; a date-time without a zone is read as UTC. */
export function parseDate(value: unknown): Date | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
	if (!match) return undefined;
	const date = new Date(`${match[1]}T${match[2] ?? '00:00:00'}${match[3] ?? 'Z'}`);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

export function addDays(isoDate: string, days: number): string {
	const date = parseDate(isoDate);
	if (!date) throw new Error(`'${isoDate}' is not a date`);
	return toIsoDate(new Date(date.getTime() + days * 86_400_000));
}

/** A string that looks like the dates ConnectWise sends, so conditions know to compare it as a date. */
export function looksLikeDateTime(value: unknown): value is string {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value);
}

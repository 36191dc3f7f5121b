/**
 * OData v2 literals and values as Exact Online reads and writes them (reference §4).
 * Every value that goes into a $filter passes through one of these functions, so a customer
 * called O'Brien or an account code with leading spaces cannot break or widen a query.
 */

/** A string literal: quotes doubled, never backslash-escaped (OData v2; OSSO does the same). */
export function odataString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/** crm/Accounts.Code is a fixed length of 18. */
const ACCOUNT_CODE_LENGTH = 18;

/**
 * crm/Accounts.Code is stored right-aligned in 18 characters, and a $filter only matches when
 * it carries the leading spaces: `Code eq '            1001'` (reference §3; PQ `%18s`).
 * Never throws, because look-ups run for a whole batch: a code longer than 18 characters comes
 * back trimmed but unpadded (it matches no Exact account, so that one document is reported as
 * missing its account instead of the batch failing).
 */
export function padAccountCode(code: string): string {
	const trimmed = code.trim();
	return trimmed.length > ACCOUNT_CODE_LENGTH ? trimmed : trimmed.padStart(ACCOUNT_CODE_LENGTH, ' ');
}

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/**
 * `guid'…'`, the literal for ID filters and single-record URLs (reference §3: `Resource(guid'…')`).
 * Refuses anything that is not a GUID: a code passed where Exact wants a GUID fails later with
 * "Error in converting value … to type Guid", far from the cause.
 */
export function guidLiteral(id: string): string {
	const match = GUID.exec(id.trim());
	if (!match) throw new Error(`"${id}" is not an Exact Online ID (a GUID like 3f2504e0-4f89-11d3-9a0c-0305e82c3301).`);
	return `guid'${match[1].toLowerCase()}'`;
}

const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Exact returns dates as `/Date(1392224884577)/` (epoch ms, reference §4). Date-only fields
 * (EntryDate, DueDate) come back at midnight UTC and become 'YYYY-MM-DD'; anything with a time
 * becomes a full ISO timestamp. Empty or unreadable values give undefined.
 */
export function parseODataDate(value: unknown): string | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	let date: Date | undefined;
	if (value instanceof Date) date = value;
	else if (typeof value === 'number') date = new Date(value);
	else if (typeof value === 'string') {
		const text = value.trim();
		const ms = MS_DATE.exec(text);
		if (ms) date = new Date(Number(ms[1]));
		else if (ISO_DATE.test(text)) {
			if (text.length === 10) return text;
			// A timestamp without a zone is Exact's own local wall time; keep its date as written.
			date = new Date(/Z|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
		}
	}
	if (!date || Number.isNaN(date.getTime())) return undefined;
	const iso = date.toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

export interface ChunkedOrFilterOptions {
	/**
	 * Budget for one chunk, measured as it travels in the URL (percent-encoded, prefix included).
	 * IIS refuses query strings over 2048 characters by default; 1500 leaves room for $select.
	 */
	maxLength?: number;
	/** Put before every chunk, e.g. "Journal eq '70' and ". */
	prefix?: string;
	/** How a value becomes a literal; odataString by default, guidLiteral for ID fields. */
	literal?: (value: string) => string;
}

/**
 * Look-ups for many values at once ("which of these 300 YourRefs already exist?") as few
 * `(F eq 'a' or F eq 'b')` filters as fit the URL budget: one call per chunk instead of one
 * per value, which matters at 60 calls a minute (reference §5). Values are de-duplicated;
 * no values gives no chunks (the caller skips the request). A single value that alone exceeds
 * the budget still gets a chunk of its own.
 */
export function chunkedOrFilters(field: string, values: string[], options: ChunkedOrFilterOptions = {}): string[] {
	const maxLength = options.maxLength ?? 1500;
	const prefix = options.prefix ?? '';
	const literal = options.literal ?? odataString;
	// Percent-encoding works character by character, so lengths of the parts simply add up.
	const encodedLength = (text: string) => encodeURIComponent(text).length;
	const frameLength = encodedLength(`${prefix}()`);
	const separatorLength = encodedLength(' or ');
	const chunks: string[] = [];
	let terms: string[] = [];
	let length = frameLength;
	for (const value of [...new Set(values)]) {
		const term = `${field} eq ${literal(value)}`;
		const termLength = encodedLength(term);
		if (terms.length > 0 && length + separatorLength + termLength > maxLength) {
			chunks.push(`${prefix}(${terms.join(' or ')})`);
			terms = [];
			length = frameLength;
		}
		length += (terms.length > 0 ? separatorLength : 0) + termLength;
		terms.push(term);
	}
	if (terms.length > 0) chunks.push(`${prefix}(${terms.join(' or ')})`);
	return chunks;
}

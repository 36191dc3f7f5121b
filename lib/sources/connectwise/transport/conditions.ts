/**
 * ConnectWise Manage `conditions` literals (reference connectwise-manage.md §2 "Conditions
 * syntax"): strings in double quotes, integers bare, datetimes in square brackets, `in (…)` lists,
 * AND/OR joiners. Every value that goes into a condition passes through one of these functions, so
 * an invoice number or company name with a quote cannot break or widen a query.
 *
 * Escaping. The reference's copy of the Developer Guide shows quoted strings but not how a quote
 * inside one is written, and the public clients we looked at (django-connectwise, the PowerShell
 * modules) paste values in unescaped, so a company called `Acme "West"` breaks their query. We
 * write string literals C-style, the way Manage's condition parser is understood to read them: `"` becomes `\"` and `\` becomes `\\`,
 * backslash first. This is not confirmed against a live server; an emulator of Manage should read
 * the same convention. Doubling the quote (`""`, the OData/SQL style) would instead end the literal
 * early. Other characters, including `'`, `&`, `+`, `%` and non-ASCII letters, go in as they are:
 * the client percent-encodes the whole condition for the URL (a bare `+` would otherwise reach the
 * server as a space; django-connectwise encodes it by hand for that reason). Control characters
 * (line breaks, tabs, NUL) are refused: no invoice number or company identifier holds one, and how
 * Manage would read them is undocumented.
 *
 * Wildcards. `*` is a wildcard only for the `like` operator (reference §2: "strings accept `*`
 * wildcards"); no escape for a literal `*` is documented, so exact look-ups use `=` or `in`, never
 * `like`, and these helpers never produce `like`.
 */

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A string literal: `"…"` with `\` and `"` escaped by a backslash. */
export function conditionString(value: string): string {
	const text = String(value);
	if (CONTROL_CHARACTERS.test(text)) {
		throw new Error(`${JSON.stringify(text)} holds a line break or another control character, which cannot be used in a ConnectWise Manage condition.`);
	}
	return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A datetime literal `[2026-06-30T00:00:00Z]` (reference §2: `lastUpdated > [2016-08-20T18:04:26Z]`).
 * Always UTC and whole seconds: the Guide's examples carry no milliseconds. A date-only string is
 * midnight UTC of that day, not of the local time zone the workflow happens to run in.
 */
export function conditionDate(value: Date | string): string {
	let date: Date;
	if (value instanceof Date) date = value;
	else {
		const text = String(value).trim();
		date = new Date(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
	}
	if (Number.isNaN(date.getTime())) throw new Error(`"${String(value)}" is not a date for a ConnectWise Manage condition.`);
	return `[${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}]`;
}

/** One value of an `in (…)` list: numbers bare, strings quoted. */
function literal(value: string | number): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`${value} is not a number a ConnectWise Manage condition can hold.`);
		return String(value);
	}
	return conditionString(value);
}

/** `field in ("a","b")` or `field in (1,2)`; duplicates dropped. An empty list is refused: `in ()` is not valid. */
export function inList(field: string, values: Array<string | number>): string {
	const unique = [...new Set(values)];
	if (unique.length === 0) throw new Error(`No values for "${field} in (…)": skip the request instead of sending an empty list.`);
	return `${field} in (${unique.map(literal).join(',')})`;
}

export interface ChunkedInOptions {
	/**
	 * Budget for one chunk, measured as it travels in the URL (percent-encoded, prefix included).
	 * Manage wants URLs of 2,000 characters or less (reference §2); 1,500 leaves room for the host,
	 * codebase, path, `fields`, `page` and `pageSize`.
	 */
	maxLength?: number;
	/** Put before every chunk, e.g. 'closedFlag = true AND '. */
	prefix?: string;
}

/**
 * Look-ups for many values at once ("which of these 300 invoice numbers are already posted?") as
 * few `field in (…)` conditions as fit the URL budget: one request per chunk instead of one per
 * value. Values are de-duplicated; no values gives no chunks (the caller skips the request). A
 * single value that alone exceeds the budget still gets a chunk of its own. For lists too long even
 * so, some endpoints offer `POST …/search` with the conditions in the body (reference §2).
 */
export function chunkedInConditions(field: string, values: Array<string | number>, options: ChunkedInOptions = {}): string[] {
	const maxLength = options.maxLength ?? 1500;
	const prefix = options.prefix ?? '';
	// Percent-encoding works character by character, so the lengths of the parts simply add up.
	const encodedLength = (text: string) => encodeURIComponent(text).length;
	const frameLength = encodedLength(`${prefix}${field} in ()`);
	const separatorLength = encodedLength(',');
	const chunks: string[] = [];
	let terms: string[] = [];
	let length = frameLength;
	const flush = () => {
		if (terms.length > 0) chunks.push(`${prefix}${field} in (${terms.join(',')})`);
		terms = [];
		length = frameLength;
	};
	for (const value of [...new Set(values)]) {
		const term = literal(value);
		const termLength = encodedLength(term);
		if (terms.length > 0 && length + separatorLength + termLength > maxLength) flush();
		length += (terms.length > 0 ? separatorLength : 0) + termLength;
		terms.push(term);
	}
	flush();
	return chunks;
}

/**
 * Joins conditions with AND, skipping empty parts. A part with a top-level OR is put in
 * parentheses so it cannot swallow its neighbours; other parts stay bare to save URL length.
 */
export function and(...parts: Array<string | undefined>): string {
	const present = parts.map((part) => (part ?? '').trim()).filter((part) => part !== '');
	if (present.length <= 1) return present[0] ?? '';
	return present.map((part) => (hasTopLevelOr(part) ? `(${part})` : part)).join(' AND ');
}

/** Whether `OR` appears outside quoted strings and brackets, where it would bind looser than AND. */
function hasTopLevelOr(condition: string): boolean {
	let depth = 0;
	let outside = '';
	for (let index = 0; index < condition.length; index += 1) {
		const character = condition[index];
		if (character === '"') {
			// Skip the string literal, honouring backslash escapes.
			index += 1;
			while (index < condition.length && condition[index] !== '"') index += condition[index] === '\\' ? 2 : 1;
			outside += ' ';
			continue;
		}
		if (character === '(' || character === '[') depth += 1;
		else if (character === ')' || character === ']') depth = Math.max(0, depth - 1);
		outside += depth === 0 ? character : ' ';
	}
	return /(^|\s)or(\s|$)/i.test(outside);
}

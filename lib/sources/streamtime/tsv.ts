/**
 * Tab-separated rows as FileMaker-based Streamtime and the spreadsheets people re-save its
 * exports in write them:
 * - lines end in CRLF (Windows), LF, or a lone CR (FileMaker on a Mac);
 * - a field that starts with " is quoted: it may hold tabs, line breaks and "" for a quote,
 *   and ends at a " followed by a tab or a line end; any other " inside it is kept as it is
 *   (12" screen). A quote that never closes is read as an ordinary character, so one stray
 *   quote cannot swallow the rest of the file;
 * - a " in the middle of an unquoted field is an ordinary character;
 * - empty fields at the end of a row are dropped (spreadsheets pad rows with tabs), and
 *   rows with nothing in them are skipped.
 * Each row keeps the 1-based line of the file it starts on, so a rejected row can be found
 * in a text editor or in Excel.
 */

export interface TsvRow {
	/** 1-based line of the file the row starts on. */
	line: number;
	/** The fields, without the empty ones at the end of the row. */
	fields: string[];
	/** How many fields the row had, empty ones at the end included. */
	width: number;
	/** The row as it stands in the file, without its line end. */
	raw: string;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** All rows of a whole text. */
export function readTsv(text: string): TsvRow[] {
	const rows: TsvRow[] = [];
	scan(text, 1, true, (row) => rows.push(row));
	return rows;
}

/** The rows of a whole text one by one, none kept: for large exports read once. */
export function forEachTsvRow(text: string, onRow: (row: TsvRow) => void): void {
	scan(text, 1, true, onRow);
}

/**
 * The same rows from text that arrives in pieces (a file stream): `push` returns the rows
 * completed so far, `end` the rest. A row split across pieces, even inside a quoted field
 * or between the CR and LF of one line end, comes out whole.
 */
export class TsvReader {
	private pending = '';
	private line = 1;

	push(chunk: string): TsvRow[] {
		const rows: TsvRow[] = [];
		this.pending += chunk;
		const stop = scan(this.pending, this.line, false, (row) => rows.push(row));
		this.pending = this.pending.slice(stop.position);
		this.line = stop.line;
		return rows;
	}

	end(): TsvRow[] {
		const rows: TsvRow[] = [];
		scan(this.pending, this.line, true, (row) => rows.push(row));
		this.pending = '';
		return rows;
	}
}

/**
 * Reads the complete rows of `text`. Unless `final`, a row that may continue in the next
 * piece of text is left unread; the position and line it starts at are returned.
 */
function scan(text: string, firstLine: number, final: boolean, onRow: (row: TsvRow) => void): { position: number; line: number } {
	const length = text.length;
	let position = 0;
	let line = firstLine;
	// Next tab, LF and CR at or after the read position. indexOf finds them far faster than
	// a character loop; each is searched for again only once the reading has passed it.
	let nextTab = -1;
	let nextLf = -1;
	let nextCr = -1;
	let nextQuote = -1;

	while (position < length) {
		const rowStart = position;
		const rowLine = line;
		let fields: string[];
		let rowEnd: number;

		if (nextLf < position) nextLf = indexOrEnd(text, '\n', position);
		if (nextCr < position) nextCr = indexOrEnd(text, '\r', position);
		if (nextQuote < position) nextQuote = indexOrEnd(text, '"', position);
		const lineEnd = nextLf < nextCr ? nextLf : nextCr;
		if (nextQuote >= lineEnd) {
			// Most lines hold no quote at all: split them natively.
			if (!final && (lineEnd === length || (lineEnd === nextCr && lineEnd + 1 === length))) return { position: rowStart, line: rowLine };
			rowEnd = lineEnd;
			fields = text.slice(rowStart, lineEnd).split('\t');
			if (lineEnd < length) {
				position = lineEnd + (lineEnd === nextCr && text.charCodeAt(lineEnd + 1) === LF ? 2 : 1);
				line++;
			} else {
				position = length;
			}
		} else {
			fields = [];
			for (;;) {
				let fieldEnd = -1;
				if (text.charCodeAt(position) === QUOTE) {
					const quoted = readQuoted(text, position, final);
					if (quoted === undefined) return { position: rowStart, line: rowLine };
					if (quoted !== null) {
						fields.push(quoted.value);
						line += quoted.lineBreaks;
						fieldEnd = quoted.end;
					}
				}
				if (fieldEnd < 0) {
					if (nextTab < position) nextTab = indexOrEnd(text, '\t', position);
					if (nextLf < position) nextLf = indexOrEnd(text, '\n', position);
					if (nextCr < position) nextCr = indexOrEnd(text, '\r', position);
					fieldEnd = nextTab < nextLf ? (nextTab < nextCr ? nextTab : nextCr) : nextLf < nextCr ? nextLf : nextCr;
					fields.push(text.slice(position, fieldEnd));
				}
				const terminator = fieldEnd < length ? text.charCodeAt(fieldEnd) : -1;
				if (terminator === TAB) {
					position = fieldEnd + 1;
					continue;
				}
				rowEnd = fieldEnd;
				if (terminator === -1) {
					if (!final) return { position: rowStart, line: rowLine };
					position = length;
				} else if (terminator === CR) {
					// CR as the last character may be the first half of a CRLF split across pieces.
					if (fieldEnd + 1 === length && !final) return { position: rowStart, line: rowLine };
					position = fieldEnd + (text.charCodeAt(fieldEnd + 1) === LF ? 2 : 1);
					line++;
				} else {
					position = fieldEnd + 1;
					line++;
				}
				break;
			}
		}

		const width = fields.length;
		let kept = width;
		while (kept > 0 && isBlank(fields[kept - 1])) kept--;
		if (kept === 0) continue;
		if (kept < width) fields.length = kept;
		onRow({ line: rowLine, fields, width, raw: text.slice(rowStart, rowEnd) });
	}
	return { position, line };
}

function indexOrEnd(text: string, character: string, from: number): number {
	const index = text.indexOf(character, from);
	return index < 0 ? text.length : index;
}

function isBlank(field: string): boolean {
	return field.length === 0 || field.trim().length === 0;
}

/**
 * A quoted field starting at `start`: its value, where it ends (at the tab or line end after
 * the closing quote) and how many line breaks it holds. `null` when the quote never closes
 * (read the field as unquoted instead); `undefined` when it may close in the next piece.
 */
function readQuoted(
	text: string,
	start: number,
	final: boolean,
): { value: string; end: number; lineBreaks: number } | null | undefined {
	const length = text.length;
	let value = '';
	let segmentStart = start + 1;
	let searchFrom = start + 1;
	let closing: number;
	for (;;) {
		const quote = text.indexOf('"', searchFrom);
		if (quote < 0) return final ? null : undefined;
		const after = quote + 1 < length ? text.charCodeAt(quote + 1) : -1;
		if (after === QUOTE) {
			value += text.slice(segmentStart, quote + 1);
			segmentStart = searchFrom = quote + 2;
			continue;
		}
		if (after === -1 && !final) return undefined;
		if (after === TAB || after === LF || after === CR || after === -1) {
			value += text.slice(segmentStart, quote);
			closing = quote;
			break;
		}
		searchFrom = quote + 1;
	}
	const end = closing + 1;
	let lineBreaks = 0;
	if (value.includes('\r') || value.includes('\n')) {
		for (let index = 0; index < value.length; index++) {
			const code = value.charCodeAt(index);
			if (code === LF || (code === CR && value.charCodeAt(index + 1) !== LF)) lineBreaks++;
		}
		// One kind of line break inside a value, whatever the file's line ends are.
		value = value.replace(/\r\n?/g, '\n');
	}
	return { value, end, lineBreaks };
}

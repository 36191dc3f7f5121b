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
	scan(text, 1, true, new FieldRows(text, (row) => rows.push(row)));
	return rows;
}

/** The rows of a whole text one by one, none kept: for large exports read once. */
export function forEachTsvRow(text: string, onRow: (row: TsvRow) => void): void {
	scan(text, 1, true, new FieldRows(text, onRow));
}

/**
 * One row as scanTsvCells hands it over: where its cells are, not the cells themselves. The
 * object and its `bounds` are the same for every row and change as the next row is read.
 */
export interface TsvCells {
	/** The text the bounds point into: the text scanned, or for a row with quoted fields, its fields one after another. */
	text: string;
	/** True when `text` is the text scanned. */
	inText: boolean;
	/**
	 * The text scanned: the whole text, or for text read in pieces (TsvCellReader) the part of
	 * it the reader still holds, which starts at position `offset` of the whole text.
	 */
	scanned: string;
	offset: number;
	/** Cell i is text.slice(bounds[2i], bounds[2i + 1]), as TsvRow.fields[i] would be. */
	bounds: Int32Array;
	/** Cells, without the empty ones at the end (TsvRow.fields.length). */
	count: number;
	/** Cells, empty ones at the end included (TsvRow.width). */
	width: number;
	/** 1-based line of the file the row starts on. */
	line: number;
	/** Where the row starts and ends in the whole text (its raw text is scanned.slice(start - offset, end - offset)). */
	start: number;
	end: number;
}

/**
 * The rows of a whole text as positions, without a string made for any cell: a reader that
 * needs only some cells of a row, or can compare a cell with the text it had in the row
 * before, makes far fewer strings than split() would. Same rows, same cells as readTsv.
 */
export function scanTsvCells(text: string, onRow: (cells: TsvCells) => void): void {
	scan(text, 1, true, new CellRows(text, 0, onRow));
}

/**
 * scanTsvCells for text that arrives in pieces (a file stream, decoded as it comes). The
 * text of rows already read is let go, except from the position `keepFrom` returns after each
 * piece: the reader of the cells may still need the raw text of rows it holds (a document's
 * lines, until the document is complete). A row split across pieces, even inside a quoted
 * field or between the CR and LF of one line end, comes out whole.
 */
export class TsvCellReader {
	private text = '';
	/** Position in the whole text of text[0]. */
	private offset = 0;
	/** Where the next row starts, in `text`. */
	private position = 0;
	private line = 1;

	constructor(
		private readonly onRow: (cells: TsvCells) => void,
		private readonly keepFrom: () => number = () => Infinity,
	) {}

	push(piece: string): void {
		if (piece.length > 0) this.read(piece, false);
	}

	end(): void {
		this.read('', true);
	}

	private read(piece: string, final: boolean): void {
		const text = this.text.length > 0 ? this.text + piece : piece;
		const { offset } = this;
		const stop = scan(text, this.line, final, new CellRows(text, offset, this.onRow), this.position);
		const keep = Math.max(0, Math.min(stop.position, this.keepFrom() - offset));
		this.text = keep === text.length ? '' : text.slice(keep);
		this.offset = offset + keep;
		this.position = stop.position - keep;
		this.line = stop.line;
	}
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
		const text = (this.pending += chunk);
		const stop = scan(text, this.line, false, new FieldRows(text, (row) => rows.push(row)));
		this.pending = text.slice(stop.position);
		this.line = stop.line;
		return rows;
	}

	end(): TsvRow[] {
		const rows: TsvRow[] = [];
		scan(this.pending, this.line, true, new FieldRows(this.pending, (row) => rows.push(row)));
		this.pending = '';
		return rows;
	}
}

/** Where scan hands the rows it reads. */
interface RowSink {
	/** A row without a quote: the text from `start` to `end`, cells cut at its tabs. */
	plain(start: number, end: number, line: number): void;
	/** A row read field by field (it has a quote): all its fields, empty ones at the end included. */
	quoted(fields: string[], line: number, start: number, end: number): void;
}

/** Rows as TsvRow objects. */
class FieldRows implements RowSink {
	constructor(
		private readonly text: string,
		private readonly onRow: (row: TsvRow) => void,
	) {}

	plain(start: number, end: number, line: number): void {
		// Split natively.
		this.quoted(this.text.slice(start, end).split('\t'), line, start, end);
	}

	quoted(fields: string[], line: number, start: number, end: number): void {
		const width = fields.length;
		let kept = width;
		while (kept > 0 && isBlank(fields[kept - 1])) kept--;
		if (kept === 0) return;
		if (kept < width) fields.length = kept;
		this.onRow({ line, fields, width, raw: this.text.slice(start, end) });
	}
}

/** Rows as positions (scanTsvCells). */
class CellRows implements RowSink {
	private readonly cells: TsvCells;
	/** The next tab at or after the cell being cut; searched for again only once passed. */
	private nextTab = -1;

	constructor(
		private readonly text: string,
		/** Position in the whole text of text[0]. */
		private readonly offset: number,
		private readonly onRow: (cells: TsvCells) => void,
	) {
		this.cells = { text, inText: true, scanned: text, offset, bounds: new Int32Array(64), count: 0, width: 0, line: 0, start: 0, end: 0 };
	}

	plain(start: number, end: number, line: number): void {
		const { text, cells } = this;
		let bounds = cells.bounds;
		let count = 0;
		let from = start;
		for (;;) {
			if (this.nextTab < from) this.nextTab = indexOrEnd(text, '\t', from);
			const to = this.nextTab < end ? this.nextTab : end;
			if (2 * count + 2 > bounds.length) bounds = cells.bounds = grow(bounds);
			bounds[2 * count] = from;
			bounds[2 * count + 1] = to;
			count++;
			if (to === end) break;
			from = to + 1;
		}
		const width = count;
		while (count > 0 && isBlankBetween(text, bounds[2 * count - 2], bounds[2 * count - 1])) count--;
		if (count === 0) return;
		cells.text = text;
		cells.inText = true;
		this.emit(count, width, line, start, end);
	}

	quoted(fields: string[], line: number, start: number, end: number): void {
		const { cells } = this;
		const width = fields.length;
		let count = width;
		while (count > 0 && isBlank(fields[count - 1])) count--;
		if (count === 0) return;
		let bounds = cells.bounds;
		while (2 * count > bounds.length) bounds = cells.bounds = grow(bounds);
		let at = 0;
		for (let index = 0; index < count; index++) {
			bounds[2 * index] = at;
			at += fields[index].length;
			bounds[2 * index + 1] = at;
		}
		cells.text = count === 1 ? fields[0] : fields.slice(0, count).join('');
		cells.inText = false;
		this.emit(count, width, line, start, end);
	}

	private emit(count: number, width: number, line: number, start: number, end: number): void {
		const { cells } = this;
		cells.count = count;
		cells.width = width;
		cells.line = line;
		cells.start = this.offset + start;
		cells.end = this.offset + end;
		this.onRow(cells);
	}
}

function grow(bounds: Int32Array): Int32Array {
	const grown = new Int32Array(bounds.length * 2);
	grown.set(bounds);
	return grown;
}

/**
 * Reads the complete rows of `text` from `from`. Unless `final`, a row that may continue in the next
 * piece of text is left unread; the position and line it starts at are returned.
 */
function scan(text: string, firstLine: number, final: boolean, sink: RowSink, from = 0): { position: number; line: number } {
	const length = text.length;
	let position = from;
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

		if (nextLf < position) nextLf = indexOrEnd(text, '\n', position);
		if (nextCr < position) nextCr = indexOrEnd(text, '\r', position);
		if (nextQuote < position) nextQuote = indexOrEnd(text, '"', position);
		const lineEnd = nextLf < nextCr ? nextLf : nextCr;
		if (nextQuote >= lineEnd) {
			// Most lines hold no quote at all: their cells are what lies between the tabs.
			if (!final && (lineEnd === length || (lineEnd === nextCr && lineEnd + 1 === length))) return { position: rowStart, line: rowLine };
			if (lineEnd < length) {
				position = lineEnd + (lineEnd === nextCr && text.charCodeAt(lineEnd + 1) === LF ? 2 : 1);
				line++;
			} else {
				position = length;
			}
			sink.plain(rowStart, lineEnd, rowLine);
		} else {
			const fields: string[] = [];
			let rowEnd: number;
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
			sink.quoted(fields, rowLine, rowStart, rowEnd);
		}
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

/** True when text[from, to) is empty or only what String.prototype.trim takes away. */
function isBlankBetween(text: string, from: number, to: number): boolean {
	for (let at = from; at < to; at++) if (!isTrimmedSpace(text.charCodeAt(at))) return false;
	return true;
}

/**
 * The characters String.prototype.trim takes away: ECMAScript's WhiteSpace (tab, vertical
 * tab, form feed, space, no-break space, the byte-order mark and every Unicode space
 * separator) and LineTerminator (LF, CR, U+2028, U+2029).
 */
export function isTrimmedSpace(code: number): boolean {
	if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
	if (code < 0xa0) return false;
	return (
		code === 0xa0 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000 ||
		code === 0xfeff
	);
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

/**
 * A Streamtime "Tab-Separated Text" export (seed 000) → canonical ledger documents.
 *
 * The export has one row per invoice or order line. Rows are grouped into documents by the
 * document number, in the order numbers first appear (a re-sorted export may separate the
 * lines of one invoice). A row that cannot be read is rejected with its line number, a
 * stable failure code and a sentence a bookkeeper can act on; the other lines of its
 * document are held back with it, so a document is never posted with a line missing, and
 * every other document of the file still comes out.
 *
 * The export is read as it arrives (StreamtimeExportReader, readStreamtimeExport in
 * stream.ts): the lines of a document come one after another in an export, so a document is
 * complete, checked and handed on when the next document number starts, and only the
 * document being read is held. A number that comes back after another document's lines
 * (a re-sorted export) makes the reading go on only to learn which documents are apart and
 * where their last line is; the export is then read again, those documents held until their
 * last line. parseStreamtimeExport and parseStreamtimeText are the same reading, collected.
 */
import { Decimal } from '../../model/decimal';
import type { DocumentHeader, DocumentLine, DocumentType, LedgerDocument, Party } from '../../model/document';
import { capitalise, currencyDecimals } from '../../model/validate';
import type { FailureCode } from '../../report/failureCodes';
import { headingOf, STREAMTIME_FIELDS, withFileHeadings, type ColumnOverrides, type ExportLayout, type StreamtimeExportType, type StreamtimeField } from './columns';
import { ExportTextDecoder, windows1252Characters, type EncodingFinding, type EncodingOption, type TextEncodingName } from './decode';
import { HeaderFinder, type HeaderMatch } from './detect';
import { isTrimmedSpace, TsvCellReader, type TsvCells, type TsvRow } from './tsv';
import {
	amountToPlaces,
	amountUnits,
	negateAmount,
	parseExportAmount,
	parseExportDate,
	unitsToFixed,
	type DateOrder,
	type DecimalSeparator,
} from './values';

export interface StreamtimeParseOptions {
	/** The export's character encoding; 'auto' (the default) detects it from the bytes. */
	encoding?: EncodingOption;
	/** 'auto' (the default) tells an invoice list from a purchase-order list by its headings. */
	type?: 'auto' | StreamtimeExportType;
	/** How dates like 03/04/2026 are read: 'dmy' (the default, 3 April) or 'mdy' (March 4). */
	dateOrder?: DateOrder;
	/** '.' (the default: 1,234.50) or ',' (1.234,50). */
	decimalSeparator?: DecimalSeparator;
	/** The export's own column headings where they differ from the defaults (COLUMNS.md). */
	columns?: ColumnOverrides;
	/** Currency of documents whose rows name none (no Currency column, or an empty cell). */
	defaultCurrency?: string;
	/** The export's file name, kept in each document's header.source.ids.file. */
	fileName?: string;
}

export interface RejectedRow {
	/** 1-based line of the export file. */
	line: number;
	code: FailureCode;
	/** A sentence a bookkeeper understands, naming the line, the document and what to fix. */
	message: string;
	/** The row as it stands in the file. */
	raw: string;
	documentNumber?: string;
	/** The heading of the column at fault, when one is. */
	column?: string;
}

export interface StreamtimeParseSummary {
	type: StreamtimeExportType;
	/** The encoding the bytes were read in ('text' when text was given). */
	encoding: TextEncodingName | 'text';
	/** Bytes that mean nothing in that encoding (shown as �). */
	undecodableBytes: number;
	/** Line of the heading row. */
	headerLine: number;
	/** Data rows read below the heading row. */
	lineCount: number;
	documentCount: number;
	/** Rows rejected, including those held back with a rejected row of their document. */
	rejectedCount: number;
	rejectedDocumentCount: number;
}

export interface StreamtimeParseResult {
	type: StreamtimeExportType;
	documents: LedgerDocument[];
	rejected: RejectedRow[];
	summary: StreamtimeParseSummary;
}

/** Reads an export file as it came out of Streamtime (or out of Excel, re-saved). */
export function parseStreamtimeExport(bytes: Uint8Array, options: StreamtimeParseOptions = {}): StreamtimeParseResult {
	return collect((output, plan) => {
		const reader = new StreamtimeExportReader(options, output, plan);
		reader.push(bytes);
		return reader.end();
	});
}

/** The same for an export that is already text. */
export function parseStreamtimeText(text: string, options: Omit<StreamtimeParseOptions, 'encoding'> = {}): StreamtimeParseResult {
	return collect((output, plan) => {
		const reader = new ExportReader(options, output, plan);
		reader.pushText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
		return reader.end('text', 0);
	});
}

/** Where a reading hands each document as it is complete, and each rejected row. */
export interface ReadingOutput {
	/** `firstLine`: the line of the document's first row, which orders documents as the export first names them. */
	document(document: LedgerDocument, firstLine: number): void;
	rejected(row: RejectedRow): void;
}

/** What a reading learnt that the next reading of the same export starts from. */
export interface ReadingPlan {
	encoding?: EncodingFinding;
	/** The documents whose lines are apart in the export, each with the line of its last row. */
	apart?: ReadonlyMap<string, number>;
}

/** How a reading ended: read to the end, or to be read again (what was handed on is void). */
export type ReadingOutcome = { summary: StreamtimeParseSummary } | { readAgain: ReadingPlan };

/** A reading, repeated as often as it asks, collected: documents in the order they first appear, rejected rows in line order. */
function collect(read: (output: ReadingOutput, plan: ReadingPlan) => ReadingOutcome): StreamtimeParseResult {
	let plan: ReadingPlan = {};
	for (let reading = 1; ; reading++) {
		const documents: LedgerDocument[] = [];
		const firstLines: number[] = [];
		const rejected: RejectedRow[] = [];
		const outcome = read(
			{
				document: (document, firstLine) => {
					documents.push(document);
					firstLines.push(firstLine);
				},
				rejected: (row) => rejected.push(row),
			},
			plan,
		);
		if ('readAgain' in outcome) {
			if (reading >= MAX_READINGS) throw new Error(`The Streamtime export was read ${reading} times without settling; this is a bug in Ledger Bridge.`);
			plan = outcome.readAgain;
			continue;
		}
		// A document held until its last line is handed on after documents that start below it.
		const ordered = plan.apart?.size ? firstLines.map((line, index) => ({ line, document: documents[index] })).sort((a, b) => a.line - b.line).map((entry) => entry.document) : documents;
		rejected.sort((a, b) => a.line - b.line);
		return { type: outcome.summary.type, documents: ordered, rejected, summary: outcome.summary };
	}
}

/**
 * Readings of one export at most: a guess of UTF-8, then of Windows-1252, proved wrong by later
 * bytes (decode.ts), then one more for documents whose lines are apart.
 */
export const MAX_READINGS = 4;

/**
 * An export read from bytes that arrive in pieces: `push` each piece, then `end`. Documents and
 * rejected rows go to `output` as soon as they are settled. When `end` says to read again (or
 * `stopReading` says so before the end), what went to `output` is void: read the export again
 * from its first byte with a new reader and the plan given.
 */
export class StreamtimeExportReader {
	private readonly decoder: ExportTextDecoder;
	private readonly reader: ExportReader;
	private misread?: ReadingPlan;

	constructor(
		options: StreamtimeParseOptions,
		output: ReadingOutput,
		private readonly plan: ReadingPlan = {},
	) {
		this.reader = new ExportReader(options, output, plan);
		this.decoder = new ExportTextDecoder(options.encoding ?? 'auto', plan.encoding, true);
	}

	/** True once a byte proved the encoding guessed wrong: the rest of this reading is of no use. */
	get stopReading(): boolean {
		return this.misread !== undefined;
	}

	/** Documents being read now (complete documents are handed on and forgotten). */
	get openDocuments(): number {
		return this.reader.openDocuments;
	}

	/** The most documents, and the most rows, held at once so far. */
	get mostDocumentsHeld(): number {
		return this.reader.mostDocumentsHeld;
	}

	get mostRowsHeld(): number {
		return this.reader.mostRowsHeld;
	}

	push(bytes: Uint8Array): void {
		if (!this.misread) this.take(this.decoder.push(bytes));
	}

	end(): ReadingOutcome {
		if (!this.misread) this.take(this.decoder.end());
		if (this.misread) return { readAgain: this.misread };
		const outcome = this.reader.end(this.decoder.encoding!, this.decoder.undecodableBytes);
		// The same bytes are decoded the same way again.
		return 'readAgain' in outcome ? { readAgain: { ...outcome.readAgain, encoding: this.plan.encoding } } : outcome;
	}

	private take(piece: { text: string; deferred?: Int32Array } | undefined): void {
		// A reading in the wrong encoding may find other documents: what it found of them is dropped.
		if (this.decoder.misread) this.misread = { encoding: this.decoder.misread };
		else if (piece) this.reader.pushText(piece.text, piece.deferred);
	}
}

/** What a document takes from its first row; its other rows must say the same. */
interface DocumentHead {
	date: string;
	supplierInvoiceDate?: string;
	dueDate?: string;
	partyCode?: string;
	currency?: string;
	reference?: string;
	partyName?: string;
}

const FIELDS_THAT_MUST_AGREE = ['date', 'supplierInvoiceDate', 'dueDate', 'partyCode', 'currency', 'reference'] as const;

interface RowProblem {
	code: FailureCode;
	column?: string;
	/** 'the Invoice Date "31/02/2026" is not a real date written dd/mm/yyyy or yyyy-mm-dd' */
	detail: string;
}

/** A row of a document, as the messages about a refused document need it. */
interface RowRecord {
	line: number;
	start: number;
	end: number;
	head: DocumentHead;
	problems: RowProblem[] | undefined;
	/** Its raw text, kept when the text it stands in may be let go before it is needed. */
	raw?: string;
}

/**
 * The rows of the documents being read, held column by column rather than as an object per
 * row (a document apart from its lines may be held over most of an export). Each row keeps
 * its line, where it starts and ends in the export (its raw text is sliced only for a row
 * that is rejected), its document line, the next row of its document, and the head it was
 * read with when that is not its document's. Emptied whenever no document is open, which in
 * an export whose documents' lines come together is at every document.
 */
class RowStore {
	count = 0;
	line: Int32Array = new Int32Array(1024);
	// Positions in the whole text, which a streamed export may take past 2^31 characters.
	start: Float64Array = new Float64Array(1024);
	end: Float64Array = new Float64Array(1024);
	/** The next row of the same document; -1 after its last row. */
	next: Int32Array = new Int32Array(1024);
	/** The document line of each row (undefined for a row that was not read into one). */
	readonly lines: (DocumentLine | undefined)[] = [];
	/** The few rows that cannot be read, with their problems. */
	readonly problems = new Map<number, RowProblem[]>();
	/** The few rows whose head is not their document's (the document is refused). */
	readonly otherHeads = new Map<number, DocumentHead>();
	/** The raw text of the rows of documents held apart, whose text is let go as the reading moves on. */
	readonly raws = new Map<number, string>();

	add(
		line: number,
		start: number,
		end: number,
		head: DocumentHead,
		documentHead: DocumentHead,
		problems: RowProblem[] | undefined,
		documentLine: DocumentLine | undefined,
	): number {
		const row = this.count++;
		if (row === this.line.length) {
			this.line = grow(this.line);
			this.start = grow(this.start);
			this.end = grow(this.end);
			this.next = grow(this.next);
		}
		this.line[row] = line;
		this.start[row] = start;
		this.end[row] = end;
		this.next[row] = -1;
		this.lines.push(documentLine);
		if (head !== documentHead) this.otherHeads.set(row, head);
		if (problems) this.problems.set(row, problems);
		return row;
	}

	record(row: number, documentHead: DocumentHead): RowRecord {
		const head = this.otherHeads.get(row) ?? documentHead;
		return { line: this.line[row], start: this.start[row], end: this.end[row], head, problems: this.problems.get(row), raw: this.raws.get(row) };
	}

	/** Forgets a row of a document that was handed on while other documents are still open. */
	release(row: number): void {
		this.lines[row] = undefined;
		this.problems.delete(row);
		this.otherHeads.delete(row);
		this.raws.delete(row);
	}

	clear(): void {
		this.count = 0;
		this.lines.length = 0;
		// Clearing a Map makes it a new table, even an empty one: most documents have none of these.
		if (this.problems.size) this.problems.clear();
		if (this.otherHeads.size) this.otherHeads.clear();
		if (this.raws.size) this.raws.clear();
	}
}

function grow<T extends Int32Array | Float64Array>(values: T): T {
	const grown = new (values.constructor as new (length: number) => T)(values.length * 2);
	grown.set(values);
	return grown;
}

/**
 * A document as its rows arrive: the head of its first row (so it is that row's head for the
 * rows that agree with it), where its rows are, and its totals so far.
 */
class Group implements DocumentHead {
	date: string;
	supplierInvoiceDate: string | undefined;
	dueDate: string | undefined;
	partyCode: string | undefined;
	currency: string | undefined;
	reference: string | undefined;
	partyName: string | undefined;
	/** Its last row in the RowStore (the first is firstRow), and how many it has. */
	lastRow: number;
	rowCount = 1;
	/** Lines are kept only while none of its rows failed. */
	failed = false;
	inconsistent = false;
	/** Its lines are apart in the export: it is complete at its last line, not when another document starts. */
	lastLine = -1;
	/**
	 * The totals so far as whole units of 10^-scale, added as integers: exact while they are
	 * safe integers (up to 2^53 − 1 units, 90 trillion pounds in pence). An amount with more
	 * decimals than the currency has, or a total past that, moves the document to Decimal.
	 */
	netUnits = 0;
	taxUnits = 0;
	/** The totals in Decimal, once the units no longer hold them; undefined until then. */
	net: Decimal | undefined = undefined;
	tax: Decimal | undefined = undefined;

	constructor(
		readonly number: string,
		/** Decimal places of the document's currency: its amounts are counted in 10^-scale units. */
		readonly scale: number,
		head: DocumentHead,
		readonly firstRow: number,
	) {
		this.date = head.date;
		this.supplierInvoiceDate = head.supplierInvoiceDate;
		this.dueDate = head.dueDate;
		this.partyCode = head.partyCode;
		this.currency = head.currency;
		this.reference = head.reference;
		this.partyName = head.partyName;
		this.lastRow = firstRow;
	}
}

/** Column positions, -1 where the export has no such column. */
type Columns = Record<StreamtimeField, number>;

class ExportReader {
	private readonly finder: HeaderFinder;
	private header?: HeaderMatch;
	private headerFields?: string[];
	private layout?: ExportLayout;
	private columns = {} as Columns;
	private requiredWidth = 0;
	private readonly dateOrder: DateOrder;
	private readonly decimalSeparator: DecimalSeparator;
	private readonly defaultCurrency?: string;
	/** Dates already read: an export repeats a few dozen dates over thousands of lines. */
	private readonly dates = new Map<string, string | null>();
	/** The documents being read, in the order they started: a few, so a look-up stays in the cache. */
	private readonly groups = new Map<string, Group>();
	/**
	 * The first reading: the number of every document opened so far. A number opened again is
	 * one whose document was handed on (an open one is found in groups first).
	 */
	private readonly opened = new NumbersSeen();
	private readonly rows = new RowStore();
	/** The document of the row before: the rows of one document mostly come one after another. */
	private lastGroup?: Group;
	/** The open document that is complete as soon as another starts (every one but those held apart). */
	private current?: Group;
	/** Documents whose lines are apart, with the line of their last row: told by the plan, or found by this reading. */
	private readonly apart: Map<string, number>;
	/** The first reading, which notices a number that comes back. */
	private readonly finding: boolean;
	/** A number came back: this reading only learns where documents end, for the next. */
	private readAgain = false;
	/** Rejected rows not handed on yet: rows without a number wait for the document they sit in, so rows go out in line order. */
	private pendingRejected: RejectedRow[] = [];
	private lineCount = 0;
	private documentCount = 0;
	private rejectedCount = 0;
	private rejectedDocumentCount = 0;
	mostDocumentsHeld = 0;
	mostRowsHeld = 0;
	private readonly tsv: TsvCellReader;
	/** The text the scanner holds (scanned, from position `windowOffset` of the whole text): rejected rows are sliced from it. */
	private window = '';
	private windowOffset = 0;
	private textLength = 0;
	/** The row before, when it was cut short by a line break: its next line is its rest. */
	private splitRow?: { number: string; line: number; lineCount: number };
	/** The problems of the row being read. */
	private problems?: RowProblem[];
	private readonly problem = (found: RowProblem) => (this.problems ??= []).push(found);
	/** Decimal places by currency, asked for once per currency. */
	private readonly places = new Map<string | undefined, number>();
	private readonly codes = new Codes();
	/**
	 * Where the text still holds Latin-1 control characters for Windows-1252 bytes 0x80–0x9F
	 * (decodeExportBytesDeferred), as positions in the whole text: the cells of the rows that
	 * hold one are put right as the rows arrive, before anything reads them.
	 */
	private deferred: number[] = [];
	/** The first of the deferred positions not passed yet. */
	private nextDeferred = 0;
	private textIsDeferred = false;

	// The row being read: its cells are source.slice(bounds[2i] - shift, bounds[2i + 1] - shift).
	// Its cells are sliced into strings only where a string is kept or looked up; the others
	// are compared where they stand with the text the same cell had in the row before.
	private source = '';
	private shift = 0;
	private bounds: Int32Array = new Int32Array(0);
	private count = 0;
	/** Where trimCell found the cell it was last asked for. */
	private cellFrom = 0;
	private cellTo = 0;
	/** The text and reading of each date column in the row before (date, due date, supplier invoice date). */
	private readonly lastDateText: (string | undefined)[] = [undefined, undefined, undefined];
	private readonly lastDate: (string | null)[] = [null, null, null];
	/** The code last seen under each hash of each code column (tax code, account, item, job), CODE_TABLE_SIZE a column. */
	private readonly seenCodes: (string | undefined)[] = new Array<string | undefined>(4 * CODE_TABLE_SIZE).fill(undefined);
	/** The currency cell of the row before, when it was a currency code, and what it read as. */
	private lastCurrencyText?: string;
	private lastCurrency?: string;

	constructor(
		private readonly options: StreamtimeParseOptions,
		private readonly output: ReadingOutput,
		plan: ReadingPlan = {},
	) {
		this.finding = plan.apart === undefined;
		this.apart = new Map(plan.apart);
		// The text of the document being read is kept (its rows may yet be rejected); a document held apart keeps its rows' raw text itself.
		this.tsv = new TsvCellReader(
			(cells) => this.row(cells),
			() => (this.current === undefined ? Infinity : this.rows.start[this.current.firstRow]),
		);
		this.finder = new HeaderFinder({ type: options.type, columns: options.columns });
		this.dateOrder = options.dateOrder ?? 'dmy';
		this.decimalSeparator = options.decimalSeparator ?? '.';
		const currency = options.defaultCurrency?.trim().toUpperCase();
		if (currency && !/^[A-Z]{3}$/.test(currency)) {
			throw new Error(`The default currency "${options.defaultCurrency}" is not a three-letter currency code such as GBP.`);
		}
		this.defaultCurrency = currency || undefined;
	}

	get openDocuments(): number {
		return this.groups.size;
	}

	/** The next piece of the text; `deferred` as decodeExportBytesDeferred's, positions in this piece. */
	pushText(text: string, deferred?: Int32Array): void {
		if (deferred !== undefined) {
			this.textIsDeferred = true;
			for (let index = 0; index < deferred.length; index++) this.deferred.push(this.textLength + deferred[index]);
		}
		this.textLength += text.length;
		this.tsv.push(text);
	}

	private row(cells: TsvCells): void {
		const { start, end } = cells;
		this.bounds = cells.bounds;
		this.count = cells.count;
		this.window = cells.scanned;
		this.windowOffset = cells.offset;
		if (this.nextDeferred < this.deferred.length && this.holdsDeferred(start, end)) {
			// The characters are put right one for one, so the cells stay where they are.
			const from = start - cells.offset;
			this.source = windows1252Characters(cells.inText ? cells.scanned.slice(from, end - cells.offset) : cells.text);
			this.shift = cells.inText ? from : 0;
		} else {
			this.source = cells.text;
			this.shift = 0;
		}
		if (!this.headerFields) {
			const fields: string[] = [];
			for (let column = 0; column < cells.count; column++) fields.push(this.rawCell(column));
			const row: TsvRow = { line: cells.line, fields, width: cells.width, raw: this.raw(start, end) };
			const match = this.finder.offer(row);
			if (match) this.useHeader(match, row);
			else if (this.finder.exhausted) this.finder.fail();
			return;
		}
		if (this.isRepeatedHeading(this.headerFields)) return;
		this.lineCount++;
		this.readRow(cells.line, cells.width, start, end);
	}

	/** The text has all come: the documents still open are complete. */
	end(encoding: TextEncodingName | 'text', undecodableBytes: number): ReadingOutcome {
		this.tsv.end();
		if (!this.header || !this.layout) return this.finder.fail();
		for (const group of [...this.groups.values()]) this.close(group);
		this.handOnRejected();
		if (this.readAgain) return { readAgain: { apart: this.apart } };
		return {
			summary: {
				type: this.layout.type,
				encoding,
				undecodableBytes,
				headerLine: this.header.line,
				lineCount: this.lineCount,
				documentCount: this.documentCount,
				rejectedCount: this.rejectedCount,
				rejectedDocumentCount: this.rejectedDocumentCount,
			},
		};
	}

	/** A document is complete: checked, and handed on built or refused; its rows are forgotten. */
	private close(group: Group): void {
		const { rows } = this;
		this.groups.delete(group.number);
		if (this.current === group) this.current = undefined;
		if (this.lastGroup === group) this.lastGroup = undefined;
		if (!this.readAgain) {
			const layout = this.layout!;
			if (group.failed || group.inconsistent) {
				this.refuse(group, layout);
				this.rejectedDocumentCount++;
			} else {
				this.documentCount++;
				this.output.document(this.build(group, layout), rows.line[group.firstRow]);
			}
			this.handOnRejected();
		}
		if (this.groups.size === 0) {
			rows.clear();
		} else {
			for (let row = group.firstRow; row >= 0; row = rows.next[row]) rows.release(row);
		}
	}

	private handOnRejected(): void {
		const pending = this.pendingRejected;
		if (pending.length === 0) return;
		this.pendingRejected = [];
		if (this.readAgain) return;
		if (pending.length > 1) pending.sort((a, b) => a.line - b.line);
		for (const row of pending) this.output.rejected(row);
		this.rejectedCount += pending.length;
	}

	/** True when text[start, end) holds characters of deferred text. */
	private holdsDeferred(start: number, end: number): boolean {
		const deferred = this.deferred;
		let next = this.nextDeferred;
		while (next < deferred.length && deferred[next] < start) next++;
		if (next === deferred.length) {
			// All passed: the positions of the pieces to come start a new list.
			this.deferred = [];
			this.nextDeferred = 0;
			return false;
		}
		this.nextDeferred = next;
		return deferred[next] < end;
	}

	/** Cell `column` of the row being read as it stands. */
	private rawCell(column: number): string {
		return this.source.slice(this.bounds[2 * column] - this.shift, this.bounds[2 * column + 1] - this.shift);
	}

	/**
	 * Finds cell `column` of the row being read without surrounding spaces, at
	 * source[cellFrom, cellTo): false when there is nothing else, or no such column.
	 */
	private trimCell(column: number): boolean {
		if (column < 0 || column >= this.count) return false;
		const { source, bounds, shift } = this;
		let from = bounds[2 * column] - shift;
		let to = bounds[2 * column + 1] - shift;
		while (from < to && isTrimmedSpace(source.charCodeAt(from))) from++;
		while (to > from && isTrimmedSpace(source.charCodeAt(to - 1))) to--;
		this.cellFrom = from;
		this.cellTo = to;
		return from < to;
	}

	/** Cell `column` of the row being read without surrounding spaces; undefined when there is nothing else. */
	private cell(column: number): string | undefined {
		return this.trimCell(column) ? this.source.slice(this.cellFrom, this.cellTo) : undefined;
	}

	/** Whether cell(column) would be `value`, found without making a string of the cell. */
	private cellIs(column: number, value: string | undefined): boolean {
		if (!this.trimCell(column)) return value === undefined;
		return value !== undefined && value.length === this.cellTo - this.cellFrom && this.source.startsWith(value, this.cellFrom);
	}

	/** Two exports pasted into one file repeat the heading row; it is not a line. */
	private isRepeatedHeading(headerFields: string[]): boolean {
		if (this.count !== headerFields.length) return false;
		const { source, bounds, shift } = this;
		for (let column = 0; column < headerFields.length; column++) {
			const from = bounds[2 * column] - shift;
			const heading = headerFields[column];
			if (bounds[2 * column + 1] - shift - from !== heading.length || !source.startsWith(heading, from)) return false;
		}
		return true;
	}

	/** A code cell (tax code, account, item, job: `slot` 0 to 3), one string per distinct code. */
	private code(column: number, slot: number): string | undefined {
		if (!this.trimCell(column)) return undefined;
		const { source, cellFrom: from, cellTo: to } = this;
		// A column repeats a few codes, or a few hundred: the cell is hashed where it stands and
		// compared with the code last seen under that hash, and made a string only when it is new.
		let hash = to - from;
		for (let at = from; at < to; at++) hash = (hash * 31 + source.charCodeAt(at)) | 0;
		const slotAt = slot * CODE_TABLE_SIZE + (hash & (CODE_TABLE_SIZE - 1));
		const seen = this.seenCodes[slotAt];
		if (seen !== undefined && seen.length === to - from && source.startsWith(seen, from)) return seen;
		const code = this.codes.get(source.slice(from, to))!;
		this.seenCodes[slotAt] = code;
		return code;
	}

	/** The raw text of a row, as it stands in the file (the row must be in the text the scanner holds). */
	private raw(start: number, end: number): string {
		const raw = this.window.slice(start - this.windowOffset, end - this.windowOffset);
		return this.textIsDeferred ? windows1252Characters(raw) : raw;
	}

	private useHeader(match: HeaderMatch, row: TsvRow): void {
		this.header = match;
		this.layout = withFileHeadings(match.layout, row.fields, match.columns);
		for (const field of STREAMTIME_FIELDS) this.columns[field] = match.columns[field] ?? -1;
		this.requiredWidth = Math.max(...match.layout.required.map((field) => this.columns[field])) + 1;
		this.headerFields = row.fields;
	}

	private readRow(line: number, width: number, start: number, end: number): void {
		const header = this.header!;
		const layout = this.layout!;
		const { columns } = this;
		this.problems = undefined;
		const problem = this.problem;
		const split = this.splitRow;
		this.splitRow = undefined;

		// A line break inside an unquoted description splits a row over two lines: the first
		// part is short of columns, and the next line, short too, is the rest of it.
		if (split && split.line + split.lineCount === line && width < header.width) {
			problem({
				code: 'STREAMTIME_ROW_MALFORMED',
				detail: `this line is the rest of line ${split.line}, split from it by a line break inside a description`,
			});
			this.splitRow = { ...split, lineCount: split.lineCount + 1 };
			this.record(split.number, line, start, end, { date: '' }, this.problems!, this.groups.get(split.number));
			return;
		}
		const lastGroup = this.lastGroup;
		const number =
			lastGroup !== undefined && this.cellIs(columns.documentNumber, lastGroup.number) ? lastGroup.number : (this.cell(columns.documentNumber) ?? '');
		if (width < this.requiredWidth) {
			problem({
				code: 'STREAMTIME_ROW_MALFORMED',
				detail: `the row has only ${width} of the ${header.width} columns of the heading row on line ${header.line}; a line break inside a description may have split it in two`,
			});
			this.splitRow = { number, line, lineCount: 1 };
		} else if (this.count > header.width) {
			problem({
				code: 'STREAMTIME_ROW_MALFORMED',
				detail: `the row has ${this.count} columns but the heading row on line ${header.line} has ${header.width}; a tab inside a description has probably moved the columns`,
			});
		}
		if (this.problems) {
			this.record(number, line, start, end, { date: '' }, this.problems, this.groups.get(number));
			return;
		}
		if (!number) {
			const heading = headingOf(layout, 'documentNumber');
			problem({ code: 'STREAMTIME_ROW_MALFORMED', column: heading, detail: `there is no ${heading}, so the line belongs to no ${layout.documentLabel}` });
		}

		const date = this.date(columns.date, 'date', 0, true) ?? '';
		const dueDate = this.date(columns.dueDate, 'dueDate', 1, false);
		const supplierInvoiceDate = this.date(columns.supplierInvoiceDate, 'supplierInvoiceDate', 2, false);
		const currency = this.currency(columns.currency);
		const quantity = this.amount(columns.quantity, 'quantity', false);
		const unitPrice = this.amount(columns.unitPrice, 'unitPrice', false);
		const net = this.amount(columns.net, 'net', true);
		const taxAmount = this.amount(columns.taxAmount, 'taxAmount', false);

		// The rows of one document share its head: compared field by field, kept once.
		const group = lastGroup !== undefined && lastGroup.number === number ? lastGroup : this.groups.get(number);
		const first: DocumentHead | undefined = group;
		const head: DocumentHead =
			first &&
			first.date === date &&
			first.dueDate === dueDate &&
			first.supplierInvoiceDate === supplierInvoiceDate &&
			this.cellIs(columns.partyCode, first.partyCode) &&
			first.currency === currency &&
			this.cellIs(columns.reference, first.reference)
				? first
				: {
						date,
						supplierInvoiceDate,
						dueDate,
						partyCode: this.codes.get(this.cell(columns.partyCode)),
						currency: this.codes.get(currency),
						reference: this.cell(columns.reference),
						partyName: this.cell(columns.partyName),
					};

		const problems = this.problems as RowProblem[] | undefined;
		if (problems) {
			this.addSplitHint(problems, width);
			this.record(number, line, start, end, head, problems, group);
			return;
		}
		if (net === undefined) return; // an empty amount is a problem above
		if (group !== undefined && (group.failed || group.inconsistent || head !== group)) {
			// Its document is refused: the row is kept for the messages only.
			this.record(number, line, start, end, head, undefined, group, undefined);
			return;
		}

		// Every row of a document that is still whole has its first row's head, so its currency.
		const places = group === undefined ? this.placesOf(head.currency) : group.scale;
		let description = this.cell(columns.description);
		// FileMaker writes a line break inside a field as a vertical tab (ASCII 11).
		if (description?.includes('\v')) description = description.replace(/\v/g, '\n');
		const taxCode = this.code(columns.taxCode, 0);
		const account = this.code(columns.account, 1);
		const itemCode = this.code(columns.itemCode, 2);
		const jobNumber = this.code(columns.jobNumber, 3);
		let documentLine: DocumentLine;
		if (
			description !== undefined &&
			quantity !== undefined &&
			unitPrice !== undefined &&
			taxCode !== undefined &&
			columns.taxAmount >= 0 &&
			account !== undefined &&
			itemCode !== undefined &&
			jobNumber !== undefined
		) {
			// A full row, the usual one: the line made in one go, its properties in the same order.
			const lineQuantity = amountToPlaces(quantity, 0);
			const lineUnitPrice = amountToPlaces(unitPrice, places);
			const lineNet = amountToPlaces(net, places);
			const lineTax = amountToPlaces(taxAmount ?? '0', places);
			const item = { code: itemCode };
			documentLine = {
				description,
				quantity: lineQuantity,
				unitPrice: lineUnitPrice,
				net: lineNet,
				taxCode,
				taxAmount: lineTax,
				account,
				item,
				project: jobNumber,
			};
		} else {
			documentLine = {} as DocumentLine;
			if (description !== undefined) documentLine.description = description;
			if (quantity !== undefined) documentLine.quantity = amountToPlaces(quantity, 0);
			if (unitPrice !== undefined) documentLine.unitPrice = amountToPlaces(unitPrice, places);
			documentLine.net = amountToPlaces(net, places);
			if (taxCode !== undefined) documentLine.taxCode = taxCode;
			if (columns.taxAmount >= 0) documentLine.taxAmount = amountToPlaces(taxAmount ?? '0', places);
			if (account !== undefined) documentLine.account = account;
			if (itemCode !== undefined) documentLine.item = { code: itemCode };
			if (jobNumber !== undefined) documentLine.project = jobNumber;
		}
		this.record(number, line, start, end, head, undefined, group, documentLine, net, taxAmount);
	}

	/** A short row that fails is most likely the second half of a line split by a line break. */
	private addSplitHint(problems: RowProblem[], width: number): void {
		const header = this.header;
		if (!header || width >= header.width || problems[0].code === 'STREAMTIME_ROW_MALFORMED') return;
		problems.push({
			code: problems[0].code,
			detail: `the row has only ${width} of the ${header.width} columns of the heading row, so a line break inside a description may have split it`,
		});
	}

	/**
	 * Files the row under its document (`group`, when it is open), or rejects it at once when it
	 * has no number. A row of another document completes the document being read; a document
	 * held apart is complete at its last line.
	 */
	private record(
		number: string,
		line: number,
		start: number,
		end: number,
		head: DocumentHead,
		problems: RowProblem[] | undefined,
		group: Group | undefined,
		documentLine?: DocumentLine,
		net?: string,
		taxAmount?: string,
	): Group {
		if (!number) {
			const rejected = this.rowRejection({ line, start, end, head, problems }, undefined);
			this.pendingRejected.push(rejected);
			// Handed on with the document it sits in, or at once when it sits in none.
			if (this.current === undefined) this.handOnRejected();
			// A throw-away group: nothing is filed under an empty number.
			const discarded = new Group(number, 2, head, -1);
			discarded.failed = true;
			return discarded;
		}
		const current = this.current;
		if (current !== undefined && current !== group) this.close(current);
		const { rows } = this;
		const row = rows.add(line, start, end, head, group ?? head, problems, documentLine);
		if (!group) {
			group = new Group(number, this.placesOf(head.currency), head, row);
			this.groups.set(number, group);
			if (this.finding) {
				if (!this.opened.add(number)) {
					// Its lines are apart: handed on without this one. Read on only to learn where each such document ends.
					this.readAgain = true;
					this.apart.set(number, line);
				}
			} else {
				group.lastLine = this.apart.get(number) ?? -1;
			}
			if (group.lastLine < 0) this.current = group;
			if (this.groups.size > this.mostDocumentsHeld) this.mostDocumentsHeld = this.groups.size;
		} else {
			if (head !== group) group.inconsistent = true;
			rows.next[group.lastRow] = row;
			group.lastRow = row;
			group.rowCount++;
		}
		if (rows.count > this.mostRowsHeld) this.mostRowsHeld = rows.count;
		if (problems) group.failed = true;
		this.lastGroup = group;
		// The totals are the only arithmetic, and exact. Each line keeps its own amounts as the
		// export wrote them.
		if (net !== undefined) addToTotals(group, net, taxAmount);
		if (this.readAgain && this.apart.has(number)) this.apart.set(number, line);
		if (group.lastLine >= 0) {
			// The scanner lets go of text this document's rows stand in before it is complete.
			rows.raws.set(row, this.raw(start, end));
			if (line === group.lastLine) this.close(group);
		}
		return group;
	}

	/** The rows of a document, first to last. */
	private recordsOf(group: Group): RowRecord[] {
		const records: RowRecord[] = [];
		for (let row = group.firstRow; row >= 0; row = this.rows.next[row]) records.push(this.rows.record(row, group));
		return records;
	}

	private placesOf(currency: string | undefined): number {
		let places = this.places.get(currency);
		if (places === undefined) this.places.set(currency, (places = currencyDecimals(currency)));
		return places;
	}

	/** A date cell (`slot` 0 to 2 for the three date columns) as yyyy-mm-dd. */
	private date(column: number, field: StreamtimeField, slot: number, required: boolean): string | undefined {
		let value = this.lastDateText[slot];
		let date: string | null | undefined;
		if (value !== undefined && this.cellIs(column, value)) {
			date = this.lastDate[slot];
		} else {
			value = this.cell(column);
			if (value === undefined) {
				if (required) {
					const heading = headingOf(this.layout!, field);
					this.problem({ code: 'STREAMTIME_DATE_INVALID', column: heading, detail: `the ${heading} is empty` });
				}
				return undefined;
			}
			date = this.dates.get(value);
			if (date === undefined) {
				date = parseExportDate(value, this.dateOrder) ?? null;
				this.dates.set(value, date);
			}
			this.lastDateText[slot] = value;
			this.lastDate[slot] = date;
		}
		if (date === null) {
			const heading = headingOf(this.layout!, field);
			const form = this.dateOrder === 'dmy' ? 'dd/mm/yyyy' : 'mm/dd/yyyy';
			this.problem({ code: 'STREAMTIME_DATE_INVALID', column: heading, detail: `the ${heading} "${value}" is not a real date written ${form} or yyyy-mm-dd` });
			return undefined;
		}
		return date;
	}

	/** The currency cell as a code in capitals; the workflow's default when the cell is empty. */
	private currency(column: number): string | undefined {
		const lastText = this.lastCurrencyText;
		if (lastText !== undefined && this.cellIs(column, lastText)) return this.lastCurrency;
		const value = this.cell(column);
		if (value === undefined) return this.defaultCurrency;
		let currency = value;
		if (!isCurrencyCode(value)) {
			if (!/^[A-Za-z]{3}$/.test(value)) {
				const heading = headingOf(this.layout!, 'currency');
				this.problem({ code: 'STREAMTIME_ROW_MALFORMED', column: heading, detail: `the ${heading} "${value}" is not a three-letter currency code such as GBP or EUR` });
				return value;
			}
			currency = value.toUpperCase();
		}
		this.lastCurrencyText = value;
		this.lastCurrency = currency;
		return currency;
	}

	private amount(column: number, field: StreamtimeField, required: boolean): string | undefined {
		const value = this.cell(column);
		if (value === undefined) {
			if (required) {
				const heading = headingOf(this.layout!, field);
				this.problem({ code: 'STREAMTIME_AMOUNT_INVALID', column: heading, detail: `the ${heading} is empty` });
			}
			return undefined;
		}
		const amount = parseExportAmount(value, this.decimalSeparator);
		if (amount === undefined) {
			const heading = headingOf(this.layout!, field);
			this.problem({ code: 'STREAMTIME_AMOUNT_INVALID', column: heading, detail: `the ${heading} "${value}" is not an amount` });
		}
		return amount;
	}

	private rowRejection(record: RowRecord, number: string | undefined): RejectedRow {
		const layout = this.layout!;
		const label = layout.documentLabel;
		const problems = record.problems ?? [];
		const details = problems.map((problem) => problem.detail);
		const joined = details.length > 1 ? `${details.slice(0, -1).join(', ')} and ${details[details.length - 1]}` : details[0];
		const message = number
			? `Line ${record.line}, ${label} ${number}: ${joined}. ${capitalise(label)} ${number} is not imported; correct it in Streamtime and export it again.`
			: `Line ${record.line}: ${joined}. Fill in the ${headingOf(layout, 'documentNumber')} in Streamtime, or take the line out of the export.`;
		return this.rejection(record, problems[0].code, message, number, problems.find((problem) => problem.column)?.column);
	}

	/** Every line of a document is refused when one of them cannot be read or they disagree. */
	private refuse(group: Group, layout: ExportLayout): void {
		const { number } = group;
		const records = this.recordsOf(group);
		const label = layout.documentLabel;
		if (group.failed) {
			const failures = records.filter((record) => record.problems);
			const lines = listLines(failures.map((record) => record.line));
			const codes = [...new Set(failures.map((record) => record.problems![0].code))].join(', ');
			const were = failures.length > 1 ? 'were' : 'was';
			for (const record of records) {
				this.pendingRejected.push(
					record.problems
						? this.rowRejection(record, number)
						: this.rejection(
								record,
								'STREAMTIME_DOCUMENT_INCOMPLETE',
								`Line ${record.line}, ${label} ${number}: held back because ${lines} of the same ${label} ${were} rejected (${codes}); the ${label} is imported only when all its lines are correct.`,
								number,
								undefined,
							),
				);
			}
			return;
		}
		const disagreements: string[] = [];
		let firstColumn: string | undefined;
		for (const field of FIELDS_THAT_MUST_AGREE) {
			const byValue = new Map<string, number[]>();
			for (const record of records) {
				const key = record.head[field] ?? '';
				const lines = byValue.get(key);
				if (lines) lines.push(record.line);
				else byValue.set(key, [record.line]);
			}
			if (byValue.size < 2) continue;
			const heading = headingOf(layout, field);
			firstColumn ??= heading;
			const shown = [...byValue].map(([value, lines]) => `${value ? `"${value}"` : 'empty'} on ${listLines(lines)}`);
			disagreements.push(`${heading} (${shown.join(', ')})`);
		}
		const message = `the lines of ${label} ${number} disagree on ${disagreements.join(' and on ')}, so they may be two ${label}s sharing one number. ${capitalise(label)} ${number} is not imported; correct it in Streamtime and export it again.`;
		for (const record of records) {
			this.pendingRejected.push(this.rejection(record, 'STREAMTIME_DOCUMENT_INCONSISTENT', `Line ${record.line}, ${label} ${number}: ${message}`, number, firstColumn));
		}
	}

	private rejection(record: RowRecord, code: FailureCode, message: string, documentNumber: string | undefined, column: string | undefined): RejectedRow {
		const rejected: RejectedRow = { line: record.line, code, message, raw: record.raw ?? this.raw(record.start, record.end) };
		if (documentNumber) rejected.documentNumber = documentNumber;
		if (column !== undefined) rejected.column = column;
		return rejected;
	}

	private build(group: Group, layout: ExportLayout): LedgerDocument {
		const { number, rowCount } = group;
		const first: DocumentHead = group;
		const { rows } = this;
		// The document's lines, and the line of the file each came from.
		const lines = new Array<DocumentLine>(rowCount);
		const ids: Record<string, string | number> = {};
		if (this.options.fileName) ids.file = this.options.fileName;
		for (let row = group.firstRow, index = 0; row >= 0; row = rows.next[row], index++) {
			lines[index] = rows.lines[row]!;
			ids[lineKey(index)] = rows.line[row];
		}
		const places = currencyDecimals(first.currency);
		const totals = groupTotals(group, places);
		const credit = totals.credit;
		// Streamtime exports a credit note as an invoice with a negative total; the ledger
		// wants a credit note with positive amounts.
		if (credit) {
			for (const line of lines) {
				line.net = negateAmount(line.net as string);
				if (line.taxAmount !== undefined) line.taxAmount = negateAmount(line.taxAmount as string);
				// Quantity × price keeps the sign of the line: one of the two turns round with it.
				if (typeof line.quantity === 'string' && line.quantity.startsWith('-')) line.quantity = line.quantity.slice(1);
				else if (line.unitPrice !== undefined) line.unitPrice = negateAmount(line.unitPrice as string);
			}
		}

		const purchase = layout.type === 'purchaseOrders';
		// A purchase invoice is dated by the supplier's invoice when the export has it.
		const date = (purchase && first.supplierInvoiceDate) || first.date;
		const source = { system: 'streamtime', id: number, ids };
		let header: DocumentHeader;
		if (first.dueDate || first.reference) {
			header = { number, date };
			if (first.dueDate) header.dueDate = first.dueDate;
			if (first.reference) header.reference = first.reference;
			if (first.currency) header.currency = first.currency;
			header.source = source;
		} else {
			// The usual header, made in one go (same properties, same order).
			header = first.currency ? { number, date, currency: first.currency, source } : { number, date, source };
		}
		let party: Party;
		if (first.partyCode && first.partyName) {
			party = { code: first.partyCode, name: first.partyName };
		} else {
			party = {};
			if (first.partyCode) party.code = first.partyCode;
			if (first.partyName) party.name = first.partyName;
		}
		const document: LedgerDocument = {
			schemaVersion: 1,
			type: (purchase ? PURCHASE_TYPES : SALES_TYPES)[credit ? 'credit' : 'invoice'],
			header,
			party,
			lines,
			totals: { net: totals.net, tax: totals.tax, gross: totals.gross },
		};
		if (purchase && first.supplierInvoiceDate) document.extra = { orderDate: first.date };
		return document;
	}
}

/** Adds a line's net and tax (canonical amounts) to its document's totals, exactly. */
function addToTotals(group: Group, net: string, tax: string | undefined): void {
	if (group.net === undefined) {
		const netUnits = amountUnits(net, group.scale);
		const taxUnits = tax === undefined ? 0 : amountUnits(tax, group.scale);
		if (netUnits !== undefined && taxUnits !== undefined) {
			// Sums of safe integers are exact, and a sum past 2^53 − 1 is never rounded back into range.
			const netTotal = group.netUnits + netUnits;
			const taxTotal = group.taxUnits + taxUnits;
			if (Number.isSafeInteger(netTotal) && Number.isSafeInteger(taxTotal)) {
				group.netUnits = netTotal;
				group.taxUnits = taxTotal;
				return;
			}
		}
		group.net = unitsToDecimal(group.netUnits, group.scale);
		group.tax = unitsToDecimal(group.taxUnits, group.scale);
	}
	group.net = group.net.plus(Decimal.of(net));
	if (tax !== undefined) group.tax = group.tax!.plus(Decimal.of(tax));
}

function unitsToDecimal(units: number, scale: number): Decimal {
	return Decimal.of(unitsToFixed(units, scale));
}

/**
 * A document's totals written with the currency's `places`, turned round when the document
 * is a credit (a negative gross, or a zero gross with a negative net).
 */
function groupTotals(group: Group, places: number): { net: string; tax: string; gross: string; credit: boolean } {
	if (group.net === undefined && group.scale === places) {
		let net = group.netUnits;
		let tax = group.taxUnits;
		let gross = net + tax;
		if (Number.isSafeInteger(gross)) {
			const credit = gross < 0 || (gross === 0 && net < 0);
			if (credit) [net, tax, gross] = [-net, -tax, -gross];
			return { net: unitsToFixed(net, places), tax: unitsToFixed(tax, places), gross: unitsToFixed(gross, places), credit };
		}
	}
	let net = group.net ?? unitsToDecimal(group.netUnits, group.scale);
	let tax = group.tax ?? unitsToDecimal(group.taxUnits, group.scale);
	let gross = net.plus(tax);
	const credit = gross.isNegative() || (gross.isZero() && net.isNegative());
	if (credit) [net, tax, gross] = [net.negated(), tax.negated(), gross.negated()];
	return { net: net.toFixed(places), tax: tax.toFixed(places), gross: gross.toFixed(places), credit };
}

/**
 * Document numbers seen, told apart exactly. An export mostly lists its documents in order of
 * number, so the numbers that come in order (shorter first, then by character: INV-999 before
 * INV-1000) are kept in a list that is sorted as it grows and searched by halving; only the
 * others go into a set. A month-end export in order costs no hashing at all, where one large
 * set of every number cost 7% of the reading.
 */
class NumbersSeen {
	private readonly inOrder: string[] = [];
	private readonly others = new Set<string>();

	/** Remembers `number`: false when it was seen before. */
	add(number: string): boolean {
		const { inOrder } = this;
		if (inOrder.length === 0 || numberOrder(inOrder[inOrder.length - 1], number) < 0) {
			inOrder.push(number);
			return true;
		}
		if (this.others.has(number) || this.inOrderHas(number)) return false;
		this.others.add(number);
		return true;
	}

	private inOrderHas(number: string): boolean {
		let low = 0;
		let high = this.inOrder.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const order = numberOrder(this.inOrder[middle], number);
			if (order === 0) return true;
			if (order < 0) low = middle + 1;
			else high = middle - 1;
		}
		return false;
	}
}

/** Shorter first, then by character: the order of numbers with the same prefix. */
function numberOrder(a: string, b: string): number {
	if (a.length !== b.length) return a.length - b.length;
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Places for codes in each code column's table of codes seen (a power of two). */
const CODE_TABLE_SIZE = 1024;

/** Codes kept by the documents (tax codes, accounts, items, jobs, clients, currencies). */
const MAX_CODES = 4096;

/**
 * One string for each distinct code. Codes repeat down an export — a handful of tax codes,
 * accounts, items and jobs over thousands of lines, the same client on many invoices — and
 * each cell is a string of its own, so the documents would otherwise hold a copy of the same
 * code per line. Past MAX_CODES distinct codes a new one is kept as it is.
 */
class Codes {
	private readonly strings = new Map<string, string>();

	get(value: string | undefined): string | undefined {
		if (value === undefined) return undefined;
		const known = this.strings.get(value);
		if (known !== undefined) return known;
		if (this.strings.size < MAX_CODES) this.strings.set(value, value);
		return value;
	}
}

const SALES_TYPES: Record<'invoice' | 'credit', DocumentType> = { invoice: 'salesInvoice', credit: 'salesCredit' };
const PURCHASE_TYPES: Record<'invoice' | 'credit', DocumentType> = { invoice: 'purchaseInvoice', credit: 'purchaseCredit' };
const LINE_KEYS: string[] = [];
const lineKey = (index: number) => (LINE_KEYS[index] ??= `lines[${index}]`);

/** "GBP": three capital letters, the way the export writes a currency nearly always. */
function isCurrencyCode(value: string): boolean {
	if (value.length !== 3) return false;
	const a = value.charCodeAt(0);
	const b = value.charCodeAt(1);
	const c = value.charCodeAt(2);
	return a >= 65 && a <= 90 && b >= 65 && b <= 90 && c >= 65 && c <= 90;
}

function listLines(lines: number[]): string {
	if (lines.length === 1) return `line ${lines[0]}`;
	return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

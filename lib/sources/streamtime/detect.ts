/**
 * Which export a file is, and where its heading row is. Like the Streamtime AP Import tool
 * (seed 000: "will automatically determine what type of file you are trying to import"), the
 * type comes from the headings. Rows above the heading row — a title such as
 * "Invoice List – exported 31/03/2026", blank lines — are skipped.
 */
import type { Failure, FailureCode } from '../../report/failureCodes';
import {
	EXPORT_TYPES,
	exportLayout,
	headingOf,
	ambiguousColumns,
	matchColumns,
	type ColumnOverrides,
	type ExportLayout,
	type StreamtimeExportType,
	type StreamtimeField,
} from './columns';
import type { TsvRow } from './tsv';

/** How far down the heading row is looked for; a title block is a few lines, not fifty. */
export const HEADER_SEARCH_ROWS = 50;

/** The whole file cannot be read: no documents come out of it. */
export class StreamtimeExportError extends Error {
	constructor(
		readonly code: Extract<FailureCode, 'STREAMTIME_TYPE_UNKNOWN' | 'STREAMTIME_COLUMN_MISSING' | 'STREAMTIME_COLUMN_AMBIGUOUS'>,
		message: string,
		/** The headings of the row the message is about (the best candidate heading row). */
		readonly headingsFound: string[],
		/** Its line in the file, when there is one. */
		readonly line?: number,
	) {
		super(message);
		this.name = 'StreamtimeExportError';
	}

	get failure(): Failure {
		return { code: this.code, message: this.message };
	}
}

export interface HeaderMatch {
	layout: ExportLayout;
	/** Index of the heading row in the rows. */
	rowIndex: number;
	/** Line of the heading row in the file. */
	line: number;
	columns: Partial<Record<StreamtimeField, number>>;
	/** Columns the heading row has, empty ones at its end not counted. */
	width: number;
}

export interface DetectOptions {
	type?: 'auto' | StreamtimeExportType;
	columns?: ColumnOverrides;
}

/** Finds the heading row in the rows of a whole export. */
export function detectExport(rows: readonly TsvRow[], options: DetectOptions = {}): HeaderMatch {
	const finder = new HeaderFinder(options);
	for (const row of rows) {
		const match = finder.offer(row);
		if (match) return match;
		if (finder.exhausted) break;
	}
	return finder.fail();
}

/**
 * The same, one row at a time, so a large export is read in a single pass: offer rows from
 * the top until one is the heading row; `fail` explains why none was.
 */
export class HeaderFinder {
	private readonly layouts: ExportLayout[];
	private rowIndex = 0;
	private first?: TsvRow;
	private firstWide?: TsvRow;
	private closest?: { row: TsvRow; matched: number };
	private partial?: { layout: ExportLayout; row: TsvRow; found: number; missing: StreamtimeField[] };

	constructor(options: DetectOptions = {}) {
		const types = options.type && options.type !== 'auto' ? [options.type] : [...EXPORT_TYPES];
		this.layouts = types.map((type) => exportLayout(type, options.columns));
	}

	/** True once the rows offered are more than a heading row is looked for in. */
	get exhausted(): boolean {
		return this.rowIndex >= HEADER_SEARCH_ROWS;
	}

	offer(row: TsvRow): HeaderMatch | undefined {
		if (this.exhausted) return undefined;
		const rowIndex = this.rowIndex++;
		this.first ??= row;
		if (row.fields.length >= 2) this.firstWide ??= row;
		const candidates: HeaderMatch[] = [];
		for (const layout of this.layouts) {
			const columns = matchColumns(row.fields, layout);
			const matched = Object.keys(columns).length;
			if (matched > 0 && (!this.closest || matched > this.closest.matched)) this.closest = { row, matched };
			const missing = layout.required.filter((field) => columns[field] === undefined);
			const twice = missing.length === 0 ? ambiguousColumns(row.fields, layout) : undefined;
			if (twice) {
				throw new StreamtimeExportError(
					'STREAMTIME_COLUMN_AMBIGUOUS',
					`The heading row on line ${row.line} of this ${layout.fileLabel} has two columns that read as one ("${twice.headings[0]}" and "${twice.headings[1]}"), so the file is not read rather than one of them guessed. Remove or rename one in the export, or tell the node which heading to use.`,
					row.fields,
					row.line,
				);
			}
			if (missing.length === 0) {
				candidates.push({ layout, rowIndex, line: row.line, columns, width: row.fields.length });
				continue;
			}
			const found = layout.required.length - missing.length;
			if (found >= 2 && (!this.partial || found > this.partial.found)) this.partial = { layout, row, found, missing };
		}
		if (candidates.length <= 1) return candidates[0];
		const [first, second] = candidates.map((candidate) => ({ candidate, count: Object.keys(candidate.columns).length }));
		if (first.count !== second.count) return first.count > second.count ? first.candidate : second.candidate;
		throw new StreamtimeExportError(
			'STREAMTIME_TYPE_UNKNOWN',
			`Cannot tell whether this file is an invoice list or a purchase-order list: the heading row on line ${row.line} fits both (${quoteList(row.fields)}). Set the export type on the node.`,
			row.fields,
			row.line,
		);
	}

	fail(): never {
		if (this.partial) {
			const { layout, row, missing } = this.partial;
			const names = missing.map((field) => `"${headingOf(layout, field)}"`).join(' and ');
			throw new StreamtimeExportError(
				'STREAMTIME_COLUMN_MISSING',
				`This looks like a Streamtime ${layout.fileLabel}, but its heading row on line ${row.line} has no ${names} column (headings found: ${quoteList(row.fields)}). Add the column to the export, or tell the node which heading your export uses for it.`,
				row.fields,
				row.line,
			);
		}
		const shown = this.closest?.row ?? this.firstWide ?? this.first;
		if (!shown) {
			throw new StreamtimeExportError('STREAMTIME_TYPE_UNKNOWN', 'The file is empty: it has no rows, so it is neither an invoice list nor a purchase-order list.', []);
		}
		const expected = this.layouts
			.map((layout) => `${layout.fileLabel}: ${layout.required.map((field) => `"${headingOf(layout, field)}"`).join(', ')}`)
			.join('; ');
		throw new StreamtimeExportError(
			'STREAMTIME_TYPE_UNKNOWN',
			`This file is not a Streamtime invoice list or purchase-order list: none of its ${this.exhausted ? 'first ' : ''}${this.rowIndex} rows has the headings of either (${expected}). Headings found on line ${shown.line}: ${quoteList(shown.fields)}.`,
			shown.fields,
			shown.line,
		);
	}
}

function quoteList(cells: readonly string[]): string {
	const shown = cells.slice(0, 20).map((cell) => `"${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}"`);
	return (shown.join(', ') || 'none') + (cells.length > 20 ? `, and ${cells.length - 20} more` : '');
}

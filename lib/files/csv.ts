/**
 * The three CSV dialects Ledger Bridge writes, side by side so their differences are plain.
 * All three double a quote inside a quoted cell and end lines with CRLF; they differ in when a
 * cell is quoted and in what may start one:
 *
 * | dialect | quoted when the cell holds | a leading = + - @ |
 * |---|---|---|
 * | Opera Importer CSV | a comma, a quote or a line break | kept: "-120.00" is an amount, and Opera, not Excel, reads the file |
 * | Sage 50 import CSV | a comma or a quote, or starts or ends with a space (Sage trims an unquoted one) | kept, for the same reason; line breaks never reach it (the checks refuse them) |
 * | import logs (opened in Excel) | a comma, a quote or a line break | prefixed with ' so a spreadsheet does not run the cell as a formula (CSV injection) |
 */

const QUOTE = /"/g;
const OPERA_NEEDS_QUOTES = /[",\r\n]/;
const SAGE50_NEEDS_QUOTES = /[",]|^ | $/;
const LOG_NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

const quoted = (text: string) => `"${text.replace(QUOTE, '""')}"`;

/** A cell of an Opera Importer CSV. */
export function operaCsvCell(text: string): string {
	return OPERA_NEEDS_QUOTES.test(text) ? quoted(text) : text;
}

/** A cell of a Sage 50 import CSV. */
export function sage50CsvCell(text: string): string {
	return SAGE50_NEEDS_QUOTES.test(text) ? quoted(text) : text;
}

/** A cell of an import log, which a person opens in a spreadsheet. */
export function spreadsheetCsvCell(text: string): string {
	const safe = FORMULA_START.test(text) ? `'${text}` : text;
	return LOG_NEEDS_QUOTES.test(safe) ? quoted(safe) : safe;
}

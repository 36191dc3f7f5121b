/**
 * Streamtime "Tab-Separated Text" exports (invoice list and purchase-order list, seed 000)
 * → canonical ledger documents. Plain TypeScript: the n8n node only hands over the bytes.
 */
export {
	parseStreamtimeExport,
	parseStreamtimeText,
	type RejectedRow,
	type StreamtimeParseOptions,
	type StreamtimeParseResult,
	type StreamtimeParseSummary,
} from './parse';
export { StreamtimeExportError, detectExport, HeaderFinder, HEADER_SEARCH_ROWS, type HeaderMatch } from './detect';
export {
	DEFAULT_HEADINGS,
	EXPORT_TYPES,
	STREAMTIME_FIELDS,
	exportLayout,
	normaliseHeading,
	type ColumnOverrides,
	type StreamtimeExportType,
	type StreamtimeField,
} from './columns';
export { decodeExportBytes, decodeMacRoman, decodeWindows1252, TEXT_ENCODINGS, type DecodedText, type EncodingOption, type TextEncodingName } from './decode';
export { forEachTsvRow, readTsv, TsvReader, type TsvRow } from './tsv';
export { parseExportAmount, parseExportDate, type DateOrder, type DecimalSeparator } from './values';

/**
 * Streamtime "Tab-Separated Text" exports (invoice list and purchase-order list, seed 000)
 * → canonical ledger documents. Plain TypeScript: the n8n node only hands over the bytes.
 */
export {
	parseStreamtimeExport,
	parseStreamtimeText,
	StreamtimeExportReader,
	MAX_READINGS,
	type ReadingOutcome,
	type ReadingOutput,
	type ReadingPlan,
	type RejectedRow,
	type StreamtimeParseOptions,
	type StreamtimeParseResult,
	type StreamtimeParseSummary,
} from './parse';
export { readStreamtimeExport, type StreamtimeSink, type StreamtimeStreamSummary } from './stream';
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
export { decodeExportBytes, decodeMacRoman, ExportTextDecoder, type EncodingFinding, type TextPiece, decodeWindows1252, TEXT_ENCODINGS, type DecodedText, type EncodingOption, type TextEncodingName } from './decode';
export { forEachTsvRow, readTsv, TsvCellReader, TsvReader, type TsvRow } from './tsv';
export { parseExportAmount, parseExportDate, type DateOrder, type DecimalSeparator } from './values';

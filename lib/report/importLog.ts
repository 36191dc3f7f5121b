import { DOCUMENT_TYPE_LABELS, type DocumentType, type LedgerDocument } from '../model/document';
import { FAILURE_CODES, type Failure } from './failureCodes';
import { spreadsheetCsvCell } from '../files/csv';

export interface LoggedRejection {
	/** 1-based position of the document in the run. */
	item: number;
	input: unknown;
	failures: Failure[];
}

export interface ImportLogInput {
	runAt: Date;
	target: string;
	documentCount: number;
	validCount: number;
	rejections: LoggedRejection[];
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * The import log a person opens in Excel: a heading with the counts, one row per failure,
 * then the FAILURE CODE TABLE (seed 000's log ends the same way). UTF-8 with a byte-order
 * mark so Excel reads accents, CRLF line ends, and cells that could start a formula are
 * prefixed so a hostile invoice description cannot run one.
 */
export function buildImportLog(input: ImportLogInput): string {
	const rows: string[][] = [
		['Ledger Bridge import log'],
		['Run at', input.runAt.toISOString()],
		['Target', input.target],
		['Documents', String(input.documentCount)],
		['Valid', String(input.validCount)],
		['Rejected', String(input.rejections.length)],
		[],
		['Item', 'Document type', 'Document number', 'Account code', 'Name', 'Source', 'Failure code', 'Field', 'Message'],
	];
	for (const rejection of input.rejections) {
		const document = (rejection.input && typeof rejection.input === 'object' ? rejection.input : {}) as Partial<LedgerDocument>;
		const source = document.header?.source;
		for (const failure of rejection.failures) {
			rows.push([
				String(rejection.item),
				DOCUMENT_TYPE_LABELS[document.type as DocumentType] ?? String(document.type ?? ''),
				String(document.header?.number ?? ''),
				String(document.party?.code ?? ''),
				String(document.party?.name ?? ''),
				source ? [source.system, source.id].filter(Boolean).join(' ') : '',
				failure.code,
				failure.field ?? '',
				failure.message,
			]);
		}
	}
	rows.push([], ['FAILURE CODE TABLE'], ['Failure code', 'Meaning', 'How to fix']);
	for (const [code, { meaning, fix }] of Object.entries(FAILURE_CODES)) rows.push([code, meaning, fix]);
	return BYTE_ORDER_MARK + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The import log's cells are for a spreadsheet (lib/files/csv.ts has the three dialects side by side). */
export const csvCell = spreadsheetCsvCell;

/**
 * What a folder-triggered run reported about the export it came from, and the one import
 * log a bookkeeper finds beside that export in processed/ or failed/. Seed 000's tool keeps
 * its log where the person doing the import looks (C:\SageImportLog.txt, opened in Excel);
 * here that is the folder the export ends up in, not n8n's execution list.
 */
import { FAILURE_CODES } from '../../report/failureCodes';
import { csvCell } from '../../report/importLog';

/** The JSON of an item that reached the end of the run, as Ledger Bridge's nodes shape it. */
export type ReportedItem = Record<string, unknown>;

/**
 * Whether an item says something from the export was not imported: a rejected document
 * (Ledger Mapping, Sage Import), a row or file Streamtime File could not read, a summary or
 * import log counting rejections, or an error item a node put out under "continue on fail".
 * Duplicates are not rejections: they are already in the ledger.
 */
export function reportsRejection(json: ReportedItem): boolean {
	if (json.error !== undefined) return true;
	switch (json.kind) {
		case 'rejected':
		case 'rejectedRow':
		case 'rejectedFile':
			return true;
		case 'runSummary':
		case 'importLog':
			return Number(json.rejected) > 0;
		case 'streamtimeSummary':
			return Number(json.rejectedCount) > 0;
		default:
			return false;
	}
}

/**
 * Rows and files Streamtime File turned away. They carry no import log of their own (the
 * documents they belonged to never reached Ledger Mapping or Sage), so the log beside the
 * export lists them itself; otherwise a file in failed/ could sit beside a log saying
 * "Rejected 0".
 */
export function unloggedRejections(json: ReportedItem): boolean {
	return json.kind === 'rejectedRow' || json.kind === 'rejectedFile';
}

const BYTE_ORDER_MARK = '\uFEFF';
const CRLF = '\r\n';
const TABLE_HEADING = 'FAILURE CODE TABLE';

/**
 * Rejected documents whose node's import log did not reach Import Folder (only a Rejected
 * output was wired to it): the log beside the export lists them from the reject items
 * themselves, so a file in failed/ never sits without its reasons.
 */
export function rejectedWithoutLog(items: ReportedItem[], logs: string[]): ReportedItem[] {
	return logs.length > 0 ? [] : items.filter((json) => json.kind === 'rejected');
}

/**
 * One CSV for the export: its unread rows first (they failed earliest), then each import
 * log the run's nodes attached (Ledger Mapping's, Sage Import's), each with its own heading
 * and counts, or the rejected documents themselves when no log came with them, and the
 * FAILURE CODE TABLE once at the end, as every import log ends. A run with a single log and
 * no unread rows gets that log exactly as its node wrote it. Undefined when there is nothing
 * to write.
 */
export function importLogBesideExport(exportName: string, logs: string[], unread: ReportedItem[], rejected: ReportedItem[] = []): string | undefined {
	if (logs.length === 0 && unread.length === 0 && rejected.length === 0) return undefined;
	const sections: string[] = [];
	if (unread.length > 0) {
		const rows: string[][] = [
			[`Rows of ${exportName} that were not imported`],
			['Line', 'Document number', 'Failure code', 'Column', 'Message', 'Row as in the file'],
			...unread.map((json) => [json.line, json.documentNumber, json.code, json.column, json.message, json.raw].map(text)),
		];
		sections.push(rows.map((row) => row.map(csvCell).join(',')).join(CRLF));
	}
	for (const log of logs) sections.push(withoutFailureTable(log.startsWith(BYTE_ORDER_MARK) ? log.slice(1) : log));
	if (rejected.length > 0) {
		const rows: string[][] = [[`Documents of ${exportName} that were rejected`], ['Document', 'Failure code', 'Field', 'Message']];
		for (const json of rejected) {
			const failures = Array.isArray(json.failures) ? (json.failures as ReportedItem[]) : [];
			if (failures.length === 0) rows.push([text(json.document ?? json.documentNumber), '', '', text(json.message)]);
			for (const failure of failures) rows.push([text(json.document ?? json.documentNumber), text(failure.code), text(failure.field), text(failure.message)]);
		}
		sections.push(rows.map((row) => row.map(csvCell).join(',')).join(CRLF));
	}
	const table: string[][] = [[TABLE_HEADING], ['Failure code', 'Meaning', 'How to fix']];
	for (const [code, { meaning, fix }] of Object.entries(FAILURE_CODES)) table.push([code, meaning, fix]);
	sections.push(table.map((row) => row.map(csvCell).join(',')).join(CRLF));
	// A blank row between sections, as within a log.
	return BYTE_ORDER_MARK + sections.join(CRLF + CRLF) + CRLF;
}

/** A log's own copy of the table is dropped: the combined log ends with one. */
function withoutFailureTable(log: string): string {
	const lines = log.split(CRLF);
	const heading = lines.lastIndexOf(TABLE_HEADING);
	const body = heading < 0 ? lines : lines.slice(0, heading);
	while (body.length > 0 && body[body.length - 1] === '') body.pop();
	return body.join(CRLF);
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

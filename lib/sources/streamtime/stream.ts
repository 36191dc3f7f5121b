/**
 * A Streamtime export read from a stream of bytes (a file stream): each document is handed to
 * the sink as soon as it is complete, so memory does not grow with the file. The reading
 * itself is parse.ts's StreamtimeExportReader; this is the loop that feeds it, waits for the
 * sink, and reads the source again when the reader asks (parse.ts and decode.ts say when).
 */
import type { LedgerDocument } from '../../model/document';
import { MAX_READINGS, StreamtimeExportReader, type ReadingPlan, type RejectedRow, type StreamtimeParseOptions, type StreamtimeParseSummary } from './parse';

export interface StreamtimeSink {
	/**
	 * A complete document, checked as parseStreamtimeExport checks it. Documents come in the order
	 * they are complete: the order they first appear in, except that a document whose lines are
	 * apart in the export comes at its last line.
	 */
	document(document: LedgerDocument): void | Promise<void>;
	/** A rejected row, as parseStreamtimeExport rejects it; in line order within each document. */
	rejected(row: RejectedRow): void | Promise<void>;
	/** Called if the parser has to read the source a second time: forget everything received so far. */
	restart?(): void | Promise<void>;
}

export interface StreamtimeStreamSummary extends StreamtimeParseSummary {
	/** How many times the source was read (1 unless a guess of the encoding or a re-sorted export made it read again). */
	readings: number;
	/** The most documents held at once in the last reading: 1 when every document's lines come together. */
	mostDocumentsHeld: number;
	/** The most rows held at once in the last reading (the lines of the documents being read). */
	mostRowsHeld: number;
}

/**
 * Reads the export `open` gives, as often as needed (each call must give the same bytes from
 * the first), handing documents and rejected rows to `sink` as they are settled. The sink's
 * promises are waited for before more bytes are read. Throws StreamtimeExportError as
 * parseStreamtimeExport does when the file cannot be read at all.
 */
export async function readStreamtimeExport(
	open: () => AsyncIterable<Uint8Array>,
	options: StreamtimeParseOptions,
	sink: StreamtimeSink,
): Promise<StreamtimeStreamSummary> {
	let plan: ReadingPlan = {};
	for (let reading = 1; ; reading++) {
		if (reading > 1) await sink.restart?.();
		// What the reader settles while a piece is read, handed to the sink after it.
		const settled: (LedgerDocument | RejectedRow)[] = [];
		const reader = new StreamtimeExportReader(options, { document: (document) => settled.push(document), rejected: (row) => settled.push(row) }, plan);
		for await (const bytes of open()) {
			reader.push(bytes);
			if (settled.length > 0) await handOn(settled, sink);
			if (reader.stopReading) break;
		}
		const outcome = reader.end();
		if (settled.length > 0) await handOn(settled, sink);
		if ('summary' in outcome) {
			return { ...outcome.summary, readings: reading, mostDocumentsHeld: reader.mostDocumentsHeld, mostRowsHeld: reader.mostRowsHeld };
		}
		if (reading >= MAX_READINGS) throw new Error(`The Streamtime export was read ${reading} times without settling; this is a bug in Ledger Bridge.`);
		plan = outcome.readAgain;
	}
}

async function handOn(settled: (LedgerDocument | RejectedRow)[], sink: StreamtimeSink): Promise<void> {
	for (const item of settled) {
		const waiting = 'schemaVersion' in item ? sink.document(item) : sink.rejected(item as RejectedRow);
		if (waiting) await waiting;
	}
	settled.length = 0;
}

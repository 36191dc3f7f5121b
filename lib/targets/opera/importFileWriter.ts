import type { ChunkedFile } from './chunkedFile';
import { OperaFileError } from './errors';
import { OPERA_FIELDS, type OperaField, type OperaImportFile } from './fields';
import { checkRecordFields, type OperaRecord, type RecordPlace } from './values';

export interface WrittenFile {
	recordCount: number;
	bytes: number;
}

/**
 * What the DBF and CSV writers share: records are checked and encoded straight into one
 * reused buffer, which is written out whenever the next record might not fit, so memory
 * stays flat whatever the record count. A record that fails a check throws an
 * OperaFileError and is not written; the records before it stay, and the caller decides
 * whether to carry on or `abandon` the file.
 */
export abstract class ImportFileWriter {
	private readonly carried: ReadonlySet<string>;
	private readonly known: ReadonlySet<string>;
	private count = 0;
	private state: 'open' | 'busy' | 'closed' = 'open';

	protected constructor(
		readonly file: OperaImportFile,
		readonly fields: readonly OperaField[],
		protected readonly sink: ChunkedFile,
		/** The most bytes one record can take, so a flush happens before the buffer could overflow. */
		private readonly largestRecordBytes: number,
	) {
		this.carried = new Set(fields.map((field) => field.name));
		this.known = new Set(OPERA_FIELDS[file].map((field) => field.name));
	}

	get recordCount(): number {
		return this.count;
	}

	async append(record: OperaRecord): Promise<void> {
		this.assertOpen();
		const place: RecordPlace = { file: this.file, recordNumber: this.count + 1 };
		checkRecordFields(record, this.carried, this.known, place);
		// Encoding writes past `sink.used` and only advances it once the whole record has
		// passed its checks, so a failed record leaves nothing behind.
		this.sink.used = this.encode(record, place, this.sink.chunk, this.sink.used);
		this.count += 1;
		if (this.sink.room <= this.largestRecordBytes) await this.guarded(() => this.sink.flush());
	}

	async finish(): Promise<WrittenFile> {
		this.assertOpen();
		this.state = 'closed';
		try {
			this.sink.used = this.encodeEnd(this.sink.chunk, this.sink.used);
			await this.sink.flush();
			await this.afterLastRecord(this.count);
		} finally {
			await this.sink.close();
		}
		return { recordCount: this.count, bytes: this.sink.size };
	}

	/** Closes the file without completing it; the caller removes it (output.ts does). */
	async abandon(): Promise<void> {
		if (this.state === 'closed') return;
		this.state = 'closed';
		await this.sink.close();
	}

	/** Encodes one checked record at `offset` and returns the offset after it; throws on any bad value. */
	protected abstract encode(record: OperaRecord, place: RecordPlace, chunk: Buffer, offset: number): number;

	/** Bytes that close the file (the DBF end-of-file mark); the buffer always has room for them. */
	protected abstract encodeEnd(chunk: Buffer, offset: number): number;

	protected abstract afterLastRecord(recordCount: number): Promise<void>;

	private assertOpen(): void {
		if (this.state === 'busy') {
			throw new OperaFileError('OPERA_WRITER_BUSY', `${this.file}: a record was appended while the previous one was still being written; await each append.`, {
				file: this.file,
			});
		}
		if (this.state === 'closed') {
			throw new OperaFileError('OPERA_WRITER_CLOSED', `${this.file}: the file is already finished or abandoned; open a new writer for more records.`, {
				file: this.file,
			});
		}
	}

	private async guarded(write: () => Promise<void>): Promise<void> {
		this.state = 'busy';
		try {
			await write();
			this.state = 'open';
		} catch (error) {
			this.state = 'closed';
			await this.sink.close().catch(() => undefined);
			throw error;
		}
	}
}

/** Writes a whole file from any (async) iterable of records, so a generator can feed it. */
export async function writeAll(writer: ImportFileWriter, records: Iterable<OperaRecord> | AsyncIterable<OperaRecord>): Promise<WrittenFile> {
	try {
		for await (const record of records) await writer.append(record);
	} catch (error) {
		await writer.abandon();
		throw error;
	}
	return writer.finish();
}

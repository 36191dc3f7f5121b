/**
 * A streaming dBase III writer for the Opera Importer's "FoxPro compatible format (.dbf)".
 * Written here rather than with the npm `dbffile` package because that package cuts text
 * and numbers silently, writes dates through UTC, and leaves the code-page byte at 0
 * (reference §7); the Importer would then read a shortened reference or a wrong day
 * without a word.
 *
 * Layout (dBase III / FoxBASE+, no memo, which Visual FoxPro documents as header byte 0x03):
 *   header (32 bytes) · one 32-byte descriptor per field · 0x0D ·
 *   records (a ' ' deletion flag, then each field's bytes) · 0x1A
 */
import { ChunkedFile } from './chunkedFile';
import { writeCp1252 } from '../../files/cp1252';
import { OperaFileError } from './errors';
import { operaLayout, type OperaField, type OperaImportFile } from './fields';
import { ImportFileWriter, writeAll, type WrittenFile } from './importFileWriter';
import { fieldText, type OperaRecord, type RecordPlace } from './values';

export type { WrittenFile } from './importFileWriter';

const DBASE_III_NO_MEMO = 0x03;
// The code-page mark FoxPro reads to choose a code page: 0x03 is Windows ANSI (1252).
// A 0 here (what `dbffile` writes) makes FoxPro treat the text as the machine's code page.
const CODE_PAGE_WINDOWS_1252 = 0x03;
const HEADER_END = 0x0d;
const FILE_END = 0x1a;
const SPACE = 0x20;
const NOT_DELETED = SPACE;
const HEADER_BYTES = 32;
const DESCRIPTOR_BYTES = 32;
const CHUNK_BYTES = 256 * 1024;

export interface OperaDbfOptions {
	/** Optional fields to carry besides the mandatory ones, by Opera name. */
	optionalFields?: readonly string[];
	/** Stamped in the header as the date of last update, YYYY-MM-DD; today when absent. */
	lastUpdated?: string;
}

interface Column {
	field: OperaField;
	/** Where the field starts in a record; byte 0 is the deletion flag. */
	offset: number;
}

/** Writes one Importer file as a DBF; the header's record count is patched in by `finish`. */
export class OperaDbfWriter extends ImportFileWriter {
	readonly recordLength: number;
	private readonly columns: Column[];

	private constructor(file: OperaImportFile, fields: readonly OperaField[], sink: ChunkedFile, recordLength: number) {
		super(file, fields, sink, recordLength);
		this.recordLength = recordLength;
		let offset = 1;
		this.columns = fields.map((field) => {
			const column = { field, offset };
			offset += field.width;
			return column;
		});
	}

	/** Creates the file at `path`, which must not exist yet (output.ts gives each run a new name). */
	static async create(path: string, file: OperaImportFile, options: OperaDbfOptions = {}): Promise<OperaDbfWriter> {
		const fields = operaLayout(file, options.optionalFields);
		const header = dbfHeader(fields, options.lastUpdated ?? today());
		const recordLength = header.readUInt16LE(10);
		// Whole records per chunk, plus one byte so the end-of-file mark always fits.
		const chunkBytes = Math.max(1, Math.floor(CHUNK_BYTES / recordLength)) * recordLength + 1;
		const sink = await ChunkedFile.create(path, chunkBytes, header.length);
		try {
			await sink.writeAt(header, 0);
		} catch (error) {
			await sink.close();
			throw error;
		}
		return new OperaDbfWriter(file, fields, sink, recordLength);
	}

	protected encode(record: OperaRecord, place: RecordPlace, chunk: Buffer, start: number): number {
		chunk[start] = NOT_DELETED;
		for (const { field, offset } of this.columns) {
			const text = fieldText(field, record[field.name], place, 'yyyyMMdd');
			const from = start + offset;
			const to = from + field.width;
			if (field.type === 'N') {
				// Numbers are right-aligned, as dBase and FoxPro write them.
				const digitsFrom = to - text.length;
				for (let at = from; at < digitsFrom; at++) chunk[at] = SPACE;
				writeCp1252(text, chunk, digitsFrom);
			} else {
				for (let at = writeCp1252(text, chunk, from); at < to; at++) chunk[at] = SPACE;
			}
		}
		return start + this.recordLength;
	}

	protected encodeEnd(chunk: Buffer, offset: number): number {
		chunk[offset] = FILE_END;
		return offset + 1;
	}

	protected async afterLastRecord(recordCount: number): Promise<void> {
		const count = Buffer.alloc(4);
		count.writeUInt32LE(recordCount, 0);
		await this.sink.writeAt(count, 4);
	}
}

/** Writes a whole DBF from any (async) iterable of records, so a generator can feed it. */
export async function writeOperaDbf(
	path: string,
	file: OperaImportFile,
	records: Iterable<OperaRecord> | AsyncIterable<OperaRecord>,
	options: OperaDbfOptions = {},
): Promise<WrittenFile> {
	return writeAll(await OperaDbfWriter.create(path, file, options), records);
}

/** The header with a record count of 0; `finish` writes the real count at byte 4. */
export function dbfHeader(fields: readonly OperaField[], lastUpdated: string): Buffer {
	const headerLength = HEADER_BYTES + DESCRIPTOR_BYTES * fields.length + 1;
	const recordLength = 1 + fields.reduce((sum, field) => sum + field.width, 0);
	const header = Buffer.alloc(headerLength);
	const [year, month, day] = headerDate(lastUpdated);
	header[0] = DBASE_III_NO_MEMO;
	header[1] = year - 1900;
	header[2] = month;
	header[3] = day;
	header.writeUInt32LE(0, 4);
	header.writeUInt16LE(headerLength, 8);
	header.writeUInt16LE(recordLength, 10);
	header[29] = CODE_PAGE_WINDOWS_1252;
	let offset = 1;
	fields.forEach((field, index) => {
		const at = HEADER_BYTES + DESCRIPTOR_BYTES * index;
		// Names are at most 10 ASCII characters, zero-filled to 11 bytes (fields.ts keeps them so).
		header.write(field.name, at, 10, 'ascii');
		header[at + 11] = field.type.charCodeAt(0);
		// FoxPro keeps the field's displacement in the record here; dBase III leaves it 0.
		header.writeUInt32LE(offset, at + 12);
		header[at + 16] = field.width;
		header[at + 17] = field.decimals;
		offset += field.width;
	});
	header[headerLength - 1] = HEADER_END;
	return header;
}

function headerDate(text: string): [number, number, number] {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
	if (year < 1900 || year > 2155 || month < 1 || month > 12 || day < 1 || day > 31) {
		throw new OperaFileError('OPERA_DATE_INVALID', `The header's last-update date "${text}" is not a date between 1900-01-01 and 2155-12-31 written YYYY-MM-DD.`, {
			value: text,
		});
	}
	return [year, month, day];
}

/** The local calendar date, as a person at this machine would write today's date. */
function today(): string {
	const now = new Date();
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

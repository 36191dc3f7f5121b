/**
 * The Importer's other format: a CSV whose first line holds the Opera field names. With
 * headings the Importer matches columns by name, and only then does it take the multi-bank
 * receipt fields (reference §4: "only … from a .dbf or from a .csv file with column
 * headings"), so this writer always writes them.
 *
 * Values follow the DBF rules exactly (values.ts): the same widths, the same refusal to cut
 * or round, Windows-1252 bytes. Only the layout differs: no padding, amounts as plain
 * "-120.00", logicals as T/F, CRLF line ends, and a cell is quoted only when it holds a
 * comma, a quote or a line break. Unlike the import log, cells starting with = + - @ are
 * not prefixed: this file is read by Opera, not opened in Excel, and a prefix would change
 * the data ("-120.00" is an amount, not a formula).
 */
import { ChunkedFile } from './chunkedFile';
import { encodeCp1252, writeCp1252 } from '../../files/cp1252';
import { operaCsvCell } from '../../files/csv';
import { OperaFileError } from './errors';
import { operaLayout, type OperaField, type OperaImportFile } from './fields';
import { ImportFileWriter, writeAll, type WrittenFile } from './importFileWriter';
import { fieldText, type DateLayout, type OperaRecord, type RecordPlace } from './values';

export interface OperaCsvOptions {
	optionalFields?: readonly string[];
	/**
	 * dd/MM/yyyy by default: the one CSV known to have gone through the Importer (the C#
	 * test in reference §4) writes dates that way, as a UK Opera, whose FoxPro runtime reads
	 * dates day first, expects. A CSV date is text the Importer parses with its own date
	 * setting, so a site set up otherwise can choose yyyy-MM-dd or yyyyMMdd; a DBF date has
	 * one layout only and needs no such choice.
	 */
	dateLayout?: DateLayout;
}

const CHUNK_BYTES = 256 * 1024;
const LINE_END = '\r\n';

export class OperaCsvWriter extends ImportFileWriter {
	private readonly dateLayout: DateLayout;

	private constructor(file: OperaImportFile, fields: readonly OperaField[], sink: ChunkedFile, largestRecordBytes: number, dateLayout: DateLayout) {
		super(file, fields, sink, largestRecordBytes);
		this.dateLayout = dateLayout;
	}

	static async create(path: string, file: OperaImportFile, options: OperaCsvOptions = {}): Promise<OperaCsvWriter> {
		const fields = operaLayout(file, options.optionalFields);
		const dbfOnly = fields.filter((field) => field.dbfOnly).map((field) => field.name);
		if (dbfOnly.length > 0) {
			throw new OperaFileError(
				'OPERA_FIELD_DBF_ONLY',
				`${file}: ${dbfOnly.join(', ')} can only be imported from a DBF file (the Importer help: matched receipts need fields a CSV cannot represent); write ${file} as DBF or leave these fields out.`,
				{ file, field: dbfOnly[0] },
			);
		}
		// Worst case per cell: every character a doubled quote, two enclosing quotes, a comma.
		const largestRecordBytes = fields.reduce((sum, field) => sum + 2 * field.width + 3, LINE_END.length);
		const headings = encodeCp1252(fields.map((field) => field.name).join(',') + LINE_END);
		const sink = await ChunkedFile.create(path, Math.max(CHUNK_BYTES, headings.length + 2 * largestRecordBytes));
		headings.copy(sink.chunk, 0);
		sink.used = headings.length;
		return new OperaCsvWriter(file, fields, sink, largestRecordBytes, options.dateLayout ?? 'dd/MM/yyyy');
	}

	protected encode(record: OperaRecord, place: RecordPlace, chunk: Buffer, offset: number): number {
		let line = '';
		for (let index = 0; index < this.fields.length; index++) {
			const field = this.fields[index];
			const text = fieldText(field, record[field.name], place, this.dateLayout);
			if (index > 0) line += ',';
			line += operaCsvCell(text);
		}
		return writeCp1252(line + LINE_END, chunk, offset);
	}

	protected encodeEnd(_chunk: Buffer, offset: number): number {
		return offset;
	}

	protected async afterLastRecord(): Promise<void> {}
}

export async function writeOperaCsv(
	path: string,
	file: OperaImportFile,
	records: Iterable<OperaRecord> | AsyncIterable<OperaRecord>,
	options: OperaCsvOptions = {},
): Promise<WrittenFile> {
	return writeAll(await OperaCsvWriter.create(path, file, options), records);
}

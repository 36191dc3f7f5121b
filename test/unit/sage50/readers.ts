/**
 * Independent readers for the Sage 50 CSVs: a Windows-1252 decoder from its own table (the
 * code page as Microsoft publishes it, not the writer's table) and a strict CSV reader
 * written from RFC 4180. Neither shares code with the writers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Bytes 0x80–0x9F of Windows-1252 as characters; '\u0000' marks the five undefined bytes.
const HIGH_CONTROL_RANGE = '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) {
		if (byte >= 0x80 && byte <= 0x9f) {
			const character = HIGH_CONTROL_RANGE[byte - 0x80];
			if (character === '\u0000') throw new Error(`byte 0x${byte.toString(16)} is undefined in Windows-1252`);
			text += character;
		} else {
			// Every other byte is the Unicode code point of the same number (ISO-8859-1).
			text += String.fromCharCode(byte);
		}
	}
	return text;
}

/**
 * RFC 4180, strictly: records end with CRLF (the last one too), fields are separated by
 * commas, a quoted field may hold commas, CRLF and doubled quotes, and a quote anywhere
 * else, a bare CR or a bare LF is an error rather than something to guess about.
 */
export function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let index = 0;
	let atFieldStart = true;
	while (index < text.length) {
		const character = text[index];
		if (atFieldStart && character === '"') {
			index += 1;
			for (;;) {
				if (index >= text.length) throw new Error('unterminated quoted field');
				if (text[index] === '"') {
					if (text[index + 1] === '"') {
						field += '"';
						index += 2;
						continue;
					}
					index += 1;
					break;
				}
				field += text[index];
				index += 1;
			}
			atFieldStart = false;
			if (index < text.length && text[index] !== ',' && text[index] !== '\r') throw new Error(`text after a closing quote at ${index}`);
			continue;
		}
		if (character === ',') {
			record.push(field);
			field = '';
			atFieldStart = true;
			index += 1;
		} else if (character === '\r') {
			if (text[index + 1] !== '\n') throw new Error(`bare CR at ${index}`);
			record.push(field);
			records.push(record);
			record = [];
			field = '';
			atFieldStart = true;
			index += 2;
		} else if (character === '\n') {
			throw new Error(`bare LF at ${index}`);
		} else if (character === '"') {
			throw new Error(`quote inside an unquoted field at ${index}`);
		} else {
			field += character;
			atFieldStart = false;
			index += 1;
		}
	}
	if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
	return records;
}

/** Decoded and parsed: the heading row, then the rows as objects keyed by heading. */
export function readSageCsv(bytes: Uint8Array): { headings: string[]; rows: string[][]; byHeading: Array<Record<string, string>> } {
	const [headings, ...rows] = parseCsv(decodeWindows1252(bytes));
	for (const row of rows) if (row.length !== headings.length) throw new Error(`a row has ${row.length} cells for ${headings.length} headings`);
	return {
		headings,
		rows,
		byHeading: rows.map((row) => Object.fromEntries(headings.map((heading, index) => [heading, row[index]]))),
	};
}

export function temporaryFolder(): { folder: string; remove: () => void } {
	const folder = mkdtempSync(path.join(tmpdir(), 'sage50-'));
	return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * The bytes of a Sage 50 import CSV and putting it into the folder Sage imports from.
 *
 * - Windows-1252 ("ANSI"), the code page Sage 50 reads import files in (reference §1: a
 *   vendor's note, not Sage's; the US edition is a Windows program of the same age);
 * - CRLF line ends; a heading row first;
 * - no space after a comma: pySage50 warns "SAGE WILL REJECT IT";
 * - a cell is quoted only when it holds a comma or a quote (inner quotes doubled), or
 *   starts or ends with a space, which a reader could otherwise trim away. Line breaks
 *   never reach here: values.ts refuses them.
 * - nothing is written for Excel: codes such as nominal 0010 are plain text in a CSV and
 *   keep their leading zeros; no '=' or apostrophe tricks.
 *
 * The file appears complete or not at all, through the same temporary-name-and-rename
 * routine the Opera files use.
 */
import { writeFile } from 'node:fs/promises';

import { FileExistsError, writeFileAtomically, type AtomicWriteOptions } from '../../files/atomicFile';
import { runStamp } from '../../files/runFolder';
import { encodeCp1252 } from '../../files/cp1252';
import { sage50CsvCell } from '../../files/csv';
import { Sage50FileError } from './errors';

const LINE_END = '\r\n';

/** Headings and rows of checked cells as Windows-1252 bytes. */
export function csvBytes(headings: readonly string[] | undefined, rows: readonly (readonly string[])[]): Buffer {
	const lines = headings ? [headings, ...rows] : rows;
	return encodeCp1252(lines.map((cells) => cells.map(sage50CsvCell).join(',') + LINE_END).join(''));
}

export interface Sage50WriteOptions extends AtomicWriteOptions {
	/** The run's stamp in the file name; a new one (runStamp) when absent. */
	stamp?: string;
}

export interface WrittenSage50File {
	path: string;
	/** Rows below the heading row. */
	rowCount: number;
	bytes: number;
}

/** "AUDIT_20260331T101500_ab12.csv": the kind of file first, so a folder listing sorts them together. */
export function sage50FileName(prefix: string, stamp: string = runStamp()): string {
	return `${prefix}_${stamp}.csv`;
}

/** Puts the bytes into `folder` under `fileName`, complete or not at all. */
export async function writeSage50File(folder: string, fileName: string, bytes: Buffer, rowCount: number, options: AtomicWriteOptions = {}): Promise<WrittenSage50File> {
	try {
		const { path } = await writeFileAtomically(folder, fileName, (temporaryPath) => writeFile(temporaryPath, bytes), options);
		return { path, rowCount, bytes: bytes.length };
	} catch (error) {
		if (error instanceof FileExistsError) {
			throw new Sage50FileError(
				'SAGE_FILE_EXISTS',
				`${error.path} already exists and was left as it is; it may not have been imported into Sage yet. Move it away, or write with overwrite: true to replace it.`,
				{ path: error.path },
			);
		}
		throw error;
	}
}

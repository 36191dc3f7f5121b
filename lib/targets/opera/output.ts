/**
 * Putting Importer files into the folder Opera imports from. The files of one run (SNAME with
 * STRAN and SANAL, or PNAME with PTRAN and PANAL) appear there together or not at all, in a
 * folder named after the run (lib/files/runFolder.ts): a bad record in SANAL leaves no STRAN
 * behind — the Importer would post invoices without their analysis — and an import started
 * mid-write, or after a crash, never reads half a run. The Importer has no duplicate check of
 * its own (reference §4: a sample file imported twice, both times reported as success); that
 * is the posting journal's job, so a rerun never writes the same transactions again.
 */
import { FileExistsError, writeFileAtomically as writeOneFileAtomically, type AtomicWriteOptions } from '../../files/atomicFile';
import { RunFolder, RunFolderExistsError, runStamp } from '../../files/runFolder';
import { OperaCsvWriter } from './csv';
import { OperaDbfWriter } from './dbf';
import { OperaFileError } from './errors';
import type { OperaImportFile } from './fields';
import { writeAll, type WrittenFile } from './importFileWriter';
import type { DateLayout, OperaRecord } from './values';

export { runStamp, type AtomicWriteOptions };

export type OperaFileFormat = 'dbf' | 'csv';

/** "STRAN_20260331T101500_ab12.dbf": the Opera file's name first, so the Import Wizard's picker sorts STRAN with STRAN. */
export function runFileName(file: OperaImportFile, stamp: string, format: OperaFileFormat): string {
	return `${file}_${stamp}.${format}`;
}

/** One file written atomically into `folder` (an Opera file outside a run, an import log). */
export async function writeFileAtomically<T>(
	folder: string,
	fileName: string,
	write: (temporaryPath: string) => Promise<T>,
	options: AtomicWriteOptions = {},
): Promise<{ path: string; result: T }> {
	try {
		return await writeOneFileAtomically(folder, fileName, write, options);
	} catch (error) {
		if (error instanceof FileExistsError) throw new OperaFileError('OPERA_FILE_EXISTS', error.message, { path: error.path });
		throw error;
	}
}

export interface OperaFileRequest {
	file: OperaImportFile;
	records: Iterable<OperaRecord> | AsyncIterable<OperaRecord>;
	optionalFields?: readonly string[];
}

export interface OperaRunOptions {
	format: OperaFileFormat;
	/** The run's stamp, which names its folder and files; a new one (runStamp) when absent. */
	stamp?: string;
	/** CSV only: how dates are written (csv.ts explains the default, dd/MM/yyyy). */
	dateLayout?: DateLayout;
	/** DBF only: the header's last-update date, YYYY-MM-DD. */
	lastUpdated?: string;
}

export interface WrittenOperaFile extends WrittenFile {
	file: OperaImportFile;
	/** Where the file is once the run folder is published. */
	path: string;
	fileName: string;
}

/** Writes the run's files into `runFolder` (not yet published). A bad record throws its OperaFileError; the caller discards the folder. */
export async function writeOperaFiles(runFolder: RunFolder, requests: readonly OperaFileRequest[], options: OperaRunOptions & { stamp: string }): Promise<WrittenOperaFile[]> {
	const written: WrittenOperaFile[] = [];
	for (const request of requests) {
		const fileName = runFileName(request.file, options.stamp, options.format);
		const temporary = runFolder.file(fileName);
		const writer =
			options.format === 'dbf'
				? await OperaDbfWriter.create(temporary, request.file, { optionalFields: request.optionalFields, lastUpdated: options.lastUpdated })
				: await OperaCsvWriter.create(temporary, request.file, { optionalFields: request.optionalFields, dateLayout: options.dateLayout });
		const result = await writeAll(writer, request.records);
		written.push({ ...result, file: request.file, fileName, path: runFolder.publishedFile(fileName) });
	}
	return written;
}

/** Writes and publishes one run in `folder`/<stamp>/: every file or none. */
export async function writeOperaRun(folder: string, requests: readonly OperaFileRequest[], options: OperaRunOptions): Promise<WrittenOperaFile[]> {
	const stamp = options.stamp ?? runStamp();
	let runFolder: RunFolder;
	try {
		runFolder = await RunFolder.create(folder, stamp);
	} catch (error) {
		if (error instanceof RunFolderExistsError) {
			throw new OperaFileError('OPERA_FILE_EXISTS', `${error.message} Choose another run name, or move it away.`, { path: error.folder });
		}
		throw error;
	}
	try {
		const written = await writeOperaFiles(runFolder, requests, { ...options, stamp });
		await runFolder.publish();
		return written;
	} finally {
		await runFolder.discard();
	}
}

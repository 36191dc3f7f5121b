/**
 * Putting Importer files into the folder Opera imports from. A file appears there complete
 * or not at all: it is written under a temporary name in the same folder, flushed to disk,
 * then given its real name in one step, so an import started mid-write (or after a crash)
 * never reads half a file. Each run gets new names, and an existing file is only replaced
 * when the caller says `overwrite: true`: the Importer has no duplicate check of its own
 * (reference §4: a sample file imported twice, both times reported as success).
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';

import { OperaCsvWriter } from './csv';
import { OperaDbfWriter } from './dbf';
import { OperaFileError } from './errors';
import type { OperaImportFile } from './fields';
import { writeAll, type WrittenFile } from './importFileWriter';
import type { DateLayout, OperaRecord } from './values';

export type OperaFileFormat = 'dbf' | 'csv';

export interface AtomicWriteOptions {
	/** Replace a file of the same name; without it an existing file is an OPERA_FILE_EXISTS error. */
	overwrite?: boolean;
}

/**
 * "20260331T101500_ab12": the run's local time, as the person at the Opera machine reads
 * clocks, and four random hex digits so two runs in the same second still differ.
 */
export function runStamp(at: Date = new Date(), random: string = randomBytes(2).toString('hex')): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	const date = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
	const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
	return `${date}T${time}_${random}`;
}

/** "STRAN_20260331T101500_ab12.dbf": the Opera file's name first, so the Import Wizard's picker sorts STRAN with STRAN. */
export function runFileName(file: OperaImportFile, stamp: string, format: OperaFileFormat): string {
	return `${file}_${stamp}.${format}`;
}

/**
 * Writes one file atomically: `write` gets a temporary path in `folder` to create, and the
 * result is flushed and renamed to `fileName` only when `write` succeeds. On any failure
 * the temporary file is removed and nothing appears under `fileName`.
 */
export async function writeFileAtomically<T>(
	folder: string,
	fileName: string,
	write: (temporaryPath: string) => Promise<T>,
	options: AtomicWriteOptions = {},
): Promise<{ path: string; result: T }> {
	const target = path.join(folder, fileName);
	if (!options.overwrite) await refuseExisting(target);
	const temporary = temporaryPath(folder, fileName);
	try {
		const result = await write(temporary);
		await syncFile(temporary);
		await publish(temporary, target, options.overwrite === true);
		await syncFolder(folder);
		return { path: target, result };
	} finally {
		await rm(temporary, { force: true });
	}
}

export interface OperaFileRequest {
	file: OperaImportFile;
	records: Iterable<OperaRecord> | AsyncIterable<OperaRecord>;
	optionalFields?: readonly string[];
}

export interface OperaRunOptions extends AtomicWriteOptions {
	format: OperaFileFormat;
	/** The run's stamp; a new one (runStamp) when absent. Given explicitly, names can clash. */
	stamp?: string;
	/** CSV only: how dates are written (csv.ts explains the default, dd/MM/yyyy). */
	dateLayout?: DateLayout;
	/** DBF only: the header's last-update date, YYYY-MM-DD. */
	lastUpdated?: string;
}

export interface WrittenOperaFile extends WrittenFile {
	file: OperaImportFile;
	path: string;
}

/**
 * Writes the files of one run (STRAN with its SANAL, or PTRAN with its PANAL) under one
 * stamp. All are written and flushed under temporary names first and only then renamed, so
 * a bad record in SANAL leaves no STRAN behind: the Importer would post invoices without
 * their analysis. If renaming the second file fails, the first is taken back out (when
 * nothing was overwritten; a replaced file cannot be brought back).
 */
export async function writeOperaRun(folder: string, requests: readonly OperaFileRequest[], options: OperaRunOptions): Promise<WrittenOperaFile[]> {
	const stamp = options.stamp ?? (await freeStamp(folder, requests, options.format));
	const targets = requests.map((request) => path.join(folder, runFileName(request.file, stamp, options.format)));
	if (!options.overwrite) for (const target of targets) await refuseExisting(target);

	const temporaries = targets.map((target) => temporaryPath(folder, path.basename(target)));
	const published: string[] = [];
	try {
		const written: WrittenOperaFile[] = [];
		for (const [index, request] of requests.entries()) {
			const writer =
				options.format === 'dbf'
					? await OperaDbfWriter.create(temporaries[index], request.file, { optionalFields: request.optionalFields, lastUpdated: options.lastUpdated })
					: await OperaCsvWriter.create(temporaries[index], request.file, { optionalFields: request.optionalFields, dateLayout: options.dateLayout });
			const result = await writeAll(writer, request.records);
			await syncFile(temporaries[index]);
			written.push({ ...result, file: request.file, path: targets[index] });
		}
		try {
			for (const [index, target] of targets.entries()) {
				await publish(temporaries[index], target, options.overwrite === true);
				published.push(target);
			}
		} catch (error) {
			if (!options.overwrite) await Promise.all(published.map((target) => rm(target, { force: true })));
			throw error;
		}
		await syncFolder(folder);
		return written;
	} finally {
		await Promise.all(temporaries.map((temporary) => rm(temporary, { force: true })));
	}
}

/** A stamp under which none of the run's file names is taken yet. */
async function freeStamp(folder: string, requests: readonly OperaFileRequest[], format: OperaFileFormat): Promise<string> {
	for (let attempt = 0; attempt < 20; attempt++) {
		const stamp = runStamp();
		const taken = await Promise.all(requests.map((request) => exists(path.join(folder, runFileName(request.file, stamp, format)))));
		if (!taken.includes(true)) return stamp;
	}
	throw new OperaFileError('OPERA_FILE_EXISTS', `No free run name found in ${folder} after 20 tries; check what keeps creating files there.`, { path: folder });
}

// Dot-first and ending .tmp, so neither a person nor the Import Wizard's file picker
// (which lists .dbf/.csv) takes a half-written file for an import file.
function temporaryPath(folder: string, fileName: string): string {
	return path.join(folder, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
}

async function refuseExisting(target: string): Promise<void> {
	if (await exists(target)) throw fileExists(target);
}

function fileExists(target: string): OperaFileError {
	return new OperaFileError(
		'OPERA_FILE_EXISTS',
		`${target} already exists and was left as it is; it may not have been imported yet. Move it away, or write with overwrite: true to replace it.`,
		{ path: target },
	);
}

async function exists(target: string): Promise<boolean> {
	try {
		await lstat(target);
		return true;
	} catch (error) {
		if (error.code === 'ENOENT') return false;
		throw error;
	}
}

/**
 * Gives the temporary file its real name. Without overwrite a hard link is made, which
 * fails if the name exists (rename would silently replace it); where the file system has
 * no hard links (some network shares) it falls back to check-then-rename, whose window is
 * the moment between the two calls.
 */
async function publish(temporary: string, target: string, overwrite: boolean): Promise<void> {
	if (overwrite) {
		await rename(temporary, target);
		return;
	}
	try {
		await link(temporary, target);
		await unlink(temporary);
	} catch (error) {
		if (error.code === 'EEXIST') throw fileExists(target);
		if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV'].includes(error.code)) throw error;
		await refuseExisting(target);
		await rename(temporary, target);
	}
}

async function syncFile(file: string): Promise<void> {
	// 'r+' because Windows only flushes a handle opened for writing.
	const handle = await open(file, 'r+');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Makes the rename itself durable on POSIX; Windows cannot open a folder, and needs no such step. */
async function syncFolder(folder: string): Promise<void> {
	let handle;
	try {
		handle = await open(folder, 'r');
		await handle.sync();
	} catch {
		// Best effort: the file's own data is already on disk.
	} finally {
		await handle?.close();
	}
}

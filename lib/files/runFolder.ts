/**
 * How a run's import files reach the folder a ledger imports from: all of them together, or
 * none. They are written into a hidden temporary folder inside the import folder, flushed to
 * disk, and the folder is then renamed to the run's name in one step — the one file-system
 * operation that is atomic for several files. So an import started mid-run, or after a crash,
 * never sees a CUSTOMERS file without its AUDIT file, or an STRAN without its SANAL.
 *
 *   /srv/opera/import/20261201T101500_ab12/STRAN_20261201T101500_ab12.dbf
 *                                          SANAL_20261201T101500_ab12.dbf
 *
 * A crashed run leaves at most its hidden `.…tmp` folder, which the next run in that folder
 * removes (resolveRecovering, or after an hour whatever it was: see temporary.ts).
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

import { TEMPORARY_SUFFIX } from './temporary';

/**
 * "20260331T101500_ab12": the run's local time, as the person at the ledger's machine reads
 * clocks, and four random hex digits so two runs in the same second still differ.
 */
export function runStamp(at: Date = new Date(), random: string = randomBytes(2).toString('hex')): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	const date = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
	const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
	return `${date}T${time}_${random}`;
}


/** The hidden folder a run writes into before it is published as `name`. */
export function temporaryRunFolder(importFolder: string, name: string): string {
	return path.join(importFolder, `.${name}${TEMPORARY_SUFFIX}`);
}

export class RunFolderExistsError extends Error {
	constructor(readonly folder: string) {
		super(`${folder} already exists and was left as it is; it may not have been imported yet.`);
		this.name = 'RunFolderExistsError';
	}
}

export class RunFolder {
	private published = false;

	private constructor(
		readonly importFolder: string,
		readonly name: string,
		readonly temporary: string,
	) {}

	/** Where the run's files are once published. */
	get finalPath(): string {
		return path.join(this.importFolder, this.name);
	}

	/** Starts a run folder; a run folder of that name already published is never replaced. */
	static async create(importFolder: string, name: string): Promise<RunFolder> {
		const final = path.join(importFolder, name);
		if (await exists(final)) throw new RunFolderExistsError(final);
		const temporary = temporaryRunFolder(importFolder, name);
		await rm(temporary, { recursive: true, force: true });
		await mkdir(temporary);
		return new RunFolder(importFolder, name, temporary);
	}

	/** Where to write `fileName` before publishing. */
	file(fileName: string): string {
		return path.join(this.temporary, fileName);
	}

	/** The published path of `fileName`. */
	publishedFile(fileName: string): string {
		return path.join(this.finalPath, fileName);
	}

	/** Flushes every file, then gives the folder its name in one rename; the parent is flushed after. */
	async publish(): Promise<void> {
		for (const entry of await readdir(this.temporary)) await syncFile(path.join(this.temporary, entry));
		await syncFolder(this.temporary);
		if (await exists(this.finalPath)) throw new RunFolderExistsError(this.finalPath);
		// rename(2) of a folder onto a name that exists fails for a non-empty folder and is
		// refused above otherwise; on Windows MoveFileEx fails for any existing name.
		await rename(this.temporary, this.finalPath);
		this.published = true;
		await syncFolder(this.importFolder);
	}

	/** Removes the temporary folder of a run that was not published (a failure, a dry run). */
	async discard(): Promise<void> {
		if (!this.published) await rm(this.temporary, { recursive: true, force: true });
	}
}

export async function exists(target: string): Promise<boolean> {
	try {
		await lstat(target);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
		throw error;
	}
}

export async function syncFile(file: string): Promise<void> {
	// 'r+' because Windows only flushes a handle opened for writing.
	const handle = await open(file, 'r+');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Makes a rename durable on POSIX; Windows cannot open a folder, and needs no such step. */
export async function syncFolder(folder: string): Promise<void> {
	let handle;
	try {
		handle = await open(folder, 'r');
		await handle.sync();
	} catch {
		// Best effort: the files' own data is already on disk.
	} finally {
		await handle?.close();
	}
}

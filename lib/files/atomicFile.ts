/**
 * One file put into a folder complete or not at all: written under a temporary name in the
 * same folder, flushed to disk, then given its real name in one step, so a reader never sees
 * half a file (an import log beside an export, a single import file).
 */
import { link, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';

import { exists, syncFile, syncFolder } from './runFolder';
import { temporaryFileName } from './temporary';

export interface AtomicWriteOptions {
	/** Replace a file of the same name; without it an existing file is refused. */
	overwrite?: boolean;
}

export class FileExistsError extends Error {
	constructor(readonly path: string) {
		super(`${path} already exists and was left as it is; it may not have been imported yet. Move it away, or write with overwrite: true to replace it.`);
		this.name = 'FileExistsError';
	}
}

/**
 * `write` gets a temporary path in `folder` to create; the result is flushed and renamed to
 * `fileName` only when `write` succeeds. On any failure the temporary file is removed and
 * nothing appears under `fileName`.
 */
export async function writeFileAtomically<T>(
	folder: string,
	fileName: string,
	write: (temporaryPath: string) => Promise<T>,
	options: AtomicWriteOptions = {},
): Promise<{ path: string; result: T }> {
	const target = path.join(folder, fileName);
	if (!options.overwrite && (await exists(target))) throw new FileExistsError(target);
	const temporary = path.join(folder, temporaryFileName(fileName));
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

/**
 * Without overwrite a hard link is made, which fails if the name exists (rename would silently
 * replace it); where the file system has no hard links (some network shares) it falls back to
 * check-then-rename, whose window is the moment between the two calls.
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
		const code = (error as NodeJS.ErrnoException).code ?? '';
		if (code === 'EEXIST') throw new FileExistsError(target);
		if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV'].includes(code)) throw error;
		if (await exists(target)) throw new FileExistsError(target);
		await rename(temporary, target);
	}
}

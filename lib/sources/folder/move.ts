import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

import { removeAbandonedTemporaries, temporaryFileName } from '../../files/temporary';

/** File systems without hard links (some network shares) refuse link() with one of these. */
const NO_HARD_LINKS = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK'];

/**
 * Moves an imported export into its processed/ or failed/ folder. A file of the same name
 * already there (last month's June Invoices.txt) is never replaced: the moved file gets the
 * time of the move added to its name.
 */
export async function moveWithoutOverwrite(source: string, targetFolder: string, now: Date = new Date()): Promise<string> {
	await mkdir(targetFolder, { recursive: true });
	const { name, ext } = path.parse(source);
	const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
	for (let attempt = 0; attempt < 100; attempt++) {
		const candidate = path.join(targetFolder, attempt === 0 ? `${name}${ext}` : `${name}_${stamp}${attempt > 1 ? `_${attempt}` : ''}${ext}`);
		try {
			// link fails when the name exists, so nothing is ever replaced; rename would.
			await link(source, candidate);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'EEXIST') continue;
			if (code === 'EXDEV') {
				// processed/ on another device: copy (refusing an existing name), then remove.
				try {
					await copyFile(source, candidate, constants.COPYFILE_EXCL);
				} catch (copyError) {
					if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
					throw copyError;
				}
				await unlink(source);
				return candidate;
			}
			if (NO_HARD_LINKS.includes(code ?? '')) {
				// A share without hard links: rename once the name is known to be free.
				if (await exists(candidate)) continue;
				await rename(source, candidate);
				return candidate;
			}
			throw error;
		}
		await unlink(source);
		return candidate;
	}
	throw new Error(`No free name for ${path.basename(source)} in ${targetFolder} after 100 tries.`);
}

/**
 * Writes a file a person will open (the import log beside a moved export). It appears
 * complete or not at all: written under a dot name (which the trigger skips and file
 * browsers hide), flushed, then linked to its real name. A file already there is never replaced
 * (an earlier run's log is evidence): the new one is named "june-invoices.import-log-2.csv".
 */
export async function writeWithoutOverwrite(folder: string, fileName: string, content: Uint8Array | string): Promise<string> {
	await mkdir(folder, { recursive: true });
	await removeAbandonedTemporaries(folder);
	const { name, ext } = path.parse(fileName);
	const temporary = path.join(folder, temporaryFileName(fileName));
	const handle = await open(temporary, 'wx');
	try {
		await handle.writeFile(content);
		await handle.sync();
	} finally {
		await handle.close();
	}
	try {
		for (let attempt = 1; attempt <= 100; attempt++) {
			const candidate = path.join(folder, attempt === 1 ? fileName : `${name}-${attempt}${ext}`);
			try {
				await link(temporary, candidate);
				return candidate;
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code ?? '';
				if (code === 'EEXIST') continue;
				if (!NO_HARD_LINKS.includes(code)) throw error;
				// Check, then rename: the window is the moment between the two calls.
				if (await exists(candidate)) continue;
				await rename(temporary, candidate);
				return candidate;
			}
		}
		throw new Error(`No free name for ${fileName} in ${folder} after 100 tries.`);
	} finally {
		// After a link the temporary name is still there; after a rename it is already gone.
		await unlink(temporary).catch(() => undefined);
	}
}

async function exists(file: string): Promise<boolean> {
	try {
		await lstat(file);
		return true;
	} catch {
		return false;
	}
}

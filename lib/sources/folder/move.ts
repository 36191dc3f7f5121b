import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

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
			if (code === 'EPERM' || code === 'ENOTSUP') {
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

async function exists(file: string): Promise<boolean> {
	try {
		await lstat(file);
		return true;
	} catch {
		return false;
	}
}

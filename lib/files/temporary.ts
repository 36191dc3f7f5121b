/**
 * Files and folders being written carry a temporary name until they are complete: dot-first
 * (a person's file browser and an import wizard's file picker pass over it, and so does the
 * Import Folder Trigger) and ending `.ledger-bridge.tmp`. A file's temporary name says which
 * machine and process writes it, so a run can tell the leftovers of a writer that was killed
 * (a worker stopped with kill -9 mid-write) from a file another run is writing now, and
 * remove them:
 *
 *   .STRAN_20261201T101500_ab12.dbf.3f2a-41877-9c01d2ee.ledger-bridge.tmp
 *   .20261201T101500_ab12.ledger-bridge.tmp/          (a run folder; see runFolder.ts)
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

export const TEMPORARY_SUFFIX = '.ledger-bridge.tmp';

/** Leftovers nobody has written to for this long belong to a writer that is long gone, wherever it ran. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 4);
const OWNED_FILE = /^\..+\.([0-9a-f]{4})-(\d+)-[0-9a-f]{8}\.ledger-bridge\.tmp$/;
/** Temporary files of versions before the writer's name was in them: `.AUDIT_….csv.9c01d2ee4b1a.tmp`. */
const OLDER_FILE = /^\..+\.[0-9a-f]{8,12}\.tmp$/;

/** The temporary name `fileName` is written under in its folder. */
export function temporaryFileName(fileName: string): string {
	return `.${fileName}.${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}${TEMPORARY_SUFFIX}`;
}

export function processExists(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Removes from `folder` what killed writers left: temporary files of processes on this machine
 * that no longer exist, temporary run folders of the runs named in `deadRuns`, and any
 * temporary file or run folder not written to for an hour. Returns what it removed.
 */
export async function removeAbandonedTemporaries(folder: string, deadRuns: readonly string[] = [], nowMs = Date.now()): Promise<string[]> {
	let entries;
	try {
		entries = await readdir(folder, { withFileTypes: true });
	} catch {
		return [];
	}
	const dead = new Set(deadRuns.map((name) => `.${name}${TEMPORARY_SUFFIX}`));
	const removed: string[] = [];
	for (const entry of entries) {
		if (!entry.name.startsWith('.') || !entry.name.endsWith('.tmp')) continue;
		const full = path.join(folder, entry.name);
		let abandoned = false;
		if (entry.isDirectory()) {
			if (!entry.name.endsWith(TEMPORARY_SUFFIX)) continue;
			abandoned = dead.has(entry.name) || (await idleFor(full, nowMs)) > ABANDONED_AFTER_MS;
		} else if (entry.isFile()) {
			const owned = OWNED_FILE.exec(entry.name);
			if (owned) {
				const pid = Number(owned[2]);
				const writerGone = owned[1] === HOST_TAG && pid !== process.pid && !processExists(pid);
				abandoned = writerGone || (await idleFor(full, nowMs)) > ABANDONED_AFTER_MS;
			} else if (OLDER_FILE.test(entry.name)) {
				abandoned = (await idleFor(full, nowMs)) > ABANDONED_AFTER_MS;
			}
		}
		if (!abandoned) continue;
		await rm(full, { recursive: true, force: true });
		removed.push(full);
	}
	return removed;
}

async function idleFor(target: string, nowMs: number): Promise<number> {
	const info = await stat(target).catch(() => undefined);
	return info ? nowMs - info.mtimeMs : 0;
}

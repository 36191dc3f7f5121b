/**
 * The watched import folder: which export files are new and finished writing, and which were
 * handed to a run that never moved them.
 *
 * - **Ready** means unchanged for the settle time as the polls saw it: the same size and
 *   modification time on every poll since it was first seen that way, and not written to for
 *   that long (a copy over a network share can keep the source's old time while it grows).
 * - **Taken** files are remembered by name, size and time, so a restart or a re-activation
 *   does not take them again, while a new export saved under the same name is taken.
 * - **Leased, not owned.** An export stays in the folder until Import Folder moves it at the
 *   end of its run. One still there, unchanged, a lease time after it was handed out belongs
 *   to a run that failed or died (a node error, a killed worker, a restarted n8n): it is
 *   handed out again, up to a number of attempts. The posting journal keeps that second pass
 *   from posting anything twice.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SeenFile {
	size: number;
	mtimeMs: number;
}

export interface TakenFile extends SeenFile {
	/** When it was last handed to a run (absent in the state of versions before leases). */
	leasedAtMs?: number;
	/** How many runs it has been handed to. */
	attempts?: number;
	/** Set once it was given up on after its last attempt, so that is said once. */
	gaveUpAtMs?: number;
}

/** What the trigger keeps between polls (n8n saves it as the workflow's static data). */
export interface FolderState {
	/** Files already handed to a run, by name. */
	taken: Record<string, TakenFile>;
	/** Files seen on an earlier poll but not yet settled, by name. */
	settling: Record<string, SeenFile & { firstSeenMs: number }>;
}

export interface ReadyFile extends SeenFile {
	name: string;
	path: string;
	/** 1 for a new export; 2 and on when one a run left behind is handed out again. */
	attempt: number;
}

export function emptyFolderState(): FolderState {
	return { taken: {}, settling: {} };
}

/**
 * "*.txt", "June*.tab", "{invoices,orders}*.txt": * and ? within a name, {a,b} alternatives;
 * matched against the file name only, ignoring case (Windows shares do).
 */
export function globToRegExp(pattern: string): RegExp {
	let source = '';
	for (let index = 0; index < pattern.length; index++) {
		const character = pattern[index];
		if (character === '*') source += '[^/]*';
		else if (character === '?') source += '[^/]';
		else if (character === '{') {
			const end = pattern.indexOf('}', index);
			if (end < 0) throw new Error(`The file pattern "${pattern}" opens { without closing it.`);
			source += `(?:${pattern
				.slice(index + 1, end)
				.split(',')
				.map((part) => part.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
				.join('|')})`;
			index = end;
		} else source += character.replace(/[.+^$()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${source}$`, 'i');
}

export interface PollOptions {
	nowMs: number;
	settleMs: number;
	/**
	 * How many ready files one poll takes (oldest first); the others stay ready and are taken
	 * by the next polls. One per poll gives each export its own run, so the run's outcome,
	 * its import log and the folder it ends up in belong to that one file.
	 */
	maxFiles?: number;
	/** How long a run may take before an export it has not moved is handed out again; 0 never. */
	leaseMs?: number;
	/** How many runs an export is handed to at most (the first included); 0 no limit. */
	maxAttempts?: number;
}

export interface PollResult {
	ready: ReadyFile[];
	state: FolderState;
	/** Exports given up on at this poll: their last attempt's lease ran out and they are still there. */
	givenUp: ReadyFile[];
}

/**
 * One poll: the files that are ready now (oldest first, so exports are imported in the
 * order they were saved) and the state to keep. Files that vanished (moved by Import Folder)
 * are forgotten, so the state does not grow with every file ever imported.
 */
export async function pollFolder(folder: string, pattern: string, state: FolderState, options: PollOptions): Promise<PollResult> {
	const matcher = globToRegExp(pattern);
	const entries = await readdir(folder, { withFileTypes: true });
	const next: FolderState = { taken: {}, settling: {} };
	const ready: ReadyFile[] = [];
	const givenUp: ReadyFile[] = [];
	const { nowMs, settleMs } = options;
	const leaseMs = options.leaseMs ?? 0;
	const maxAttempts = options.maxAttempts ?? 0;
	for (const entry of entries) {
		// Dot files are temporary files of other writers (ours included).
		if (!entry.isFile() || entry.name.startsWith('.') || !matcher.test(entry.name)) continue;
		const filePath = path.join(folder, entry.name);
		let info;
		try {
			info = await stat(filePath);
		} catch {
			continue; // moved away between readdir and stat
		}
		const current = { size: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
		const taken = state.taken[entry.name];
		if (taken && taken.size === current.size && taken.mtimeMs === current.mtimeMs) {
			// State saved before leases: the lease starts now, so a run going on during an upgrade is not doubled.
			const lease = { ...taken, leasedAtMs: taken.leasedAtMs ?? nowMs, attempts: taken.attempts ?? 1 };
			next.taken[entry.name] = lease;
			if (leaseMs <= 0 || nowMs - lease.leasedAtMs < leaseMs || lease.gaveUpAtMs !== undefined) continue;
			const file = { name: entry.name, path: filePath, ...current, attempt: lease.attempts + 1 };
			if (maxAttempts > 0 && lease.attempts >= maxAttempts) {
				next.taken[entry.name] = { ...lease, gaveUpAtMs: nowMs };
				givenUp.push({ ...file, attempt: lease.attempts });
			} else ready.push(file);
			continue;
		}
		const settling = state.settling[entry.name];
		const unchanged = settling !== undefined && settling.size === current.size && settling.mtimeMs === current.mtimeMs;
		const unchangedSinceMs = unchanged ? settling.firstSeenMs : nowMs;
		if (unchanged && current.size > 0 && nowMs - unchangedSinceMs >= settleMs && nowMs - current.mtimeMs >= settleMs) {
			ready.push({ name: entry.name, path: filePath, ...current, attempt: 1 });
		} else {
			next.settling[entry.name] = { ...current, firstSeenMs: unchangedSinceMs };
		}
	}
	ready.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
	const limit = options.maxFiles !== undefined && options.maxFiles > 0 ? options.maxFiles : ready.length;
	const handedOut = ready.slice(0, limit);
	for (const file of handedOut) {
		next.taken[file.name] = { size: file.size, mtimeMs: file.mtimeMs, leasedAtMs: nowMs, attempts: file.attempt };
	}
	// New files left for a later poll stay settled, so that poll takes them at once; files handed
	// back keep their run-out lease, so that poll hands them out.
	for (const file of ready.slice(limit)) {
		if (file.attempt === 1) next.settling[file.name] = { size: file.size, mtimeMs: file.mtimeMs, firstSeenMs: state.settling[file.name]?.firstSeenMs ?? nowMs };
	}
	return { ready: handedOut, state: next, givenUp };
}

/** Puts a file handed out at this poll back to settling: it changed while it was being read. */
export function unsettle(state: FolderState, file: ReadyFile, nowMs: number): void {
	delete state.taken[file.name];
	state.settling[file.name] = { size: file.size, mtimeMs: file.mtimeMs, firstSeenMs: nowMs };
}

/**
 * The watched import folder: which export files are new and finished writing. A file is
 * taken once two polls in a row saw the same size and modification time, and it has not
 * been written to for the settle time (an export still being saved, or copied over a
 * network share, keeps growing); what was taken
 * is remembered by name, size and time, so a restart or a re-activation does not take it
 * again, while a new export saved under the same name is taken.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SeenFile {
	size: number;
	mtimeMs: number;
}

/** What the trigger keeps between polls (n8n saves it as the workflow's static data). */
export interface FolderState {
	/** Files already emitted, by name. */
	taken: Record<string, SeenFile>;
	/** Files seen on an earlier poll but not yet settled, by name. */
	settling: Record<string, SeenFile & { firstSeenMs: number }>;
}

export interface ReadyFile extends SeenFile {
	name: string;
	path: string;
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
}

/**
 * One poll: the files that are ready now (oldest first, so exports are imported in the
 * order they were saved) and the state to keep. Files that vanished are forgotten, so the
 * state does not grow with every file ever imported.
 */
export async function pollFolder(
	folder: string,
	pattern: string,
	state: FolderState,
	options: PollOptions,
): Promise<{ ready: ReadyFile[]; state: FolderState }> {
	const matcher = globToRegExp(pattern);
	const entries = await readdir(folder, { withFileTypes: true });
	const next: FolderState = { taken: {}, settling: {} };
	const ready: ReadyFile[] = [];
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
			next.taken[entry.name] = taken;
			continue;
		}
		// Taken only once a previous poll saw the same size and time: copies over a network
		// share can keep the source's old modification time while the file is still growing.
		const settling = state.settling[entry.name];
		const unchanged = settling !== undefined && settling.size === current.size && settling.mtimeMs === current.mtimeMs;
		if (unchanged && current.size > 0 && options.nowMs - current.mtimeMs >= options.settleMs) {
			ready.push({ name: entry.name, path: filePath, ...current });
			next.taken[entry.name] = current;
		} else {
			next.settling[entry.name] = { ...current, firstSeenMs: unchanged ? settling.firstSeenMs : options.nowMs };
		}
	}
	ready.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
	const limit = options.maxFiles !== undefined && options.maxFiles > 0 ? options.maxFiles : ready.length;
	// Files left for a later poll go back to settling unchanged, so that poll takes them at once.
	for (const file of ready.slice(limit)) {
		delete next.taken[file.name];
		next.settling[file.name] = { size: file.size, mtimeMs: file.mtimeMs, firstSeenMs: state.settling[file.name]?.firstSeenMs ?? options.nowMs };
	}
	return { ready: ready.slice(0, limit), state: next };
}

/**
 * n8n's file-access rules, for the paths these nodes read and write: the same decision n8n's
 * own Read/Write Files from Disk node makes (n8n-core's isFilePathBlocked, unchanged from n8n
 * 1.122 to 2.41), for the places where n8n does not hand a node its check (polling triggers) or
 * where the check must cover a folder that does not exist yet.
 *
 * - `N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES` (on unless exactly "false"): nothing inside n8n's own
 *   folder (`$N8N_USER_FOLDER/.n8n`), its static cache, config files, custom extensions, binary
 *   data store or e-mail templates.
 * - `N8N_BLOCK_FILE_PATTERNS`: paths matching these patterns (by default any `.git` folder).
 * - `N8N_RESTRICT_FILE_ACCESS_TO`: only inside these folders (`;` between them). n8n 2.x reads
 *   it through its config — default `~/.n8n-files`, empty for no restriction, `_FILE` variant,
 *   quotes stripped, a leading `~` is the home folder; n8n 1.x reads it raw, unset for none.
 *
 * Paths are compared after symbolic links are resolved, so a link cannot lead out of an allowed
 * folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

export interface FileAccessRule {
	/** Whether n8n would refuse this path (already resolved with `resolveForAccess`). */
	blocked(resolvedPath: string): boolean;
}

/** As n8n's config reads a text setting: present (even empty) wins over NAME_FILE; trimmed, one pair of quotes removed. */
function configText(name: string): string | undefined {
	let value: string | undefined;
	if (name in process.env) value = process.env[name];
	else if (process.env[`${name}_FILE`]) value = readFileSync(process.env[`${name}_FILE`]!, 'utf8');
	if (value === undefined) return undefined;
	return value.trim().replace(/^(['"])(.*)\1$/, '$2');
}

function allowedFolders(hostMajor: number): string[] {
	const split = (value: string) =>
		value
			.split(';')
			.map((entry) => entry.trim())
			.filter((entry) => entry);
	if (hostMajor < 2) return process.env.N8N_RESTRICT_FILE_ACCESS_TO ? split(process.env.N8N_RESTRICT_FILE_ACCESS_TO) : [];
	const value = configText('N8N_RESTRICT_FILE_ACCESS_TO') ?? '~/.n8n-files';
	return value === '' ? [] : split(value).map((entry) => (entry.startsWith('~') ? entry.replace('~', homedir()) : entry));
}

/** n8n's own folder, as n8n finds it. */
export function n8nFolder(): string {
	const home = process.env.N8N_USER_FOLDER ?? process.env[process.platform === 'win32' ? 'USERPROFILE' : 'HOME'] ?? process.cwd();
	return path.join(home, '.n8n');
}

function n8nOwnPaths(): string[] {
	const folder = n8nFolder();
	const paths = [folder, path.join(path.dirname(folder), '.cache/n8n/public')];
	const env = process.env;
	// Not trimmed or filtered: n8n does not either, and must refuse the same paths.
	if (env.N8N_CONFIG_FILES) paths.push(...env.N8N_CONFIG_FILES.split(','));
	if (env.N8N_CUSTOM_EXTENSIONS) paths.push(...env.N8N_CUSTOM_EXTENSIONS.split(';'));
	for (const name of ['N8N_BINARY_DATA_STORAGE_PATH', 'N8N_UM_EMAIL_TEMPLATES_INVITE', 'N8N_UM_EMAIL_TEMPLATES_PWRESET']) {
		if (env[name]) paths.push(env[name]!);
	}
	return paths;
}

function blockedByPattern(resolved: string): boolean {
	const patterns = configText('N8N_BLOCK_FILE_PATTERNS') ?? '^(?:[^/]*/)*\\.git(?:/.*)?$';
	const normalised = path.posix.normalize(resolved.replace(/\\/g, '/'));
	return patterns
		.split(';')
		.map((pattern) => pattern.trim())
		.filter((pattern) => pattern)
		.some((pattern) => {
			try {
				return new RegExp(pattern, 'mi').test(normalised);
			} catch {
				return true;
			}
		});
}

function within(parent: string, child: string): boolean {
	const outer = path.resolve(parent);
	const inner = path.resolve(child);
	return outer === inner || inner.startsWith(outer + path.sep);
}

/** The rule of n8n `hostMajor` (1 or 2), read from the environment on every call, as n8n 1.x does. */
export function n8nFileAccessRule(hostMajor: number): FileAccessRule {
	return {
		blocked(resolved) {
			if (process.env.N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES !== 'false' && n8nOwnPaths().some((own) => within(own, resolved))) return true;
			if (blockedByPattern(resolved)) return true;
			const allowed = allowedFolders(hostMajor);
			return allowed.length > 0 && !allowed.some((folder) => within(folder, resolved));
		},
	};
}

/**
 * The real path of `target`: symbolic links resolved as far as the path exists, the rest
 * appended (a run folder not created yet, a file about to be written).
 */
export async function resolveForAccess(target: string): Promise<string> {
	const absolute = path.resolve(target);
	let existing = absolute;
	const rest: string[] = [];
	while (!existsSync(existing)) {
		const parent = path.dirname(existing);
		if (parent === existing) break;
		rest.unshift(path.basename(existing));
		existing = parent;
	}
	return path.join(await realpath(existing).catch(() => existing), ...rest);
}

export class FileAccessError extends Error {
	readonly code = 'FILE_ACCESS_BLOCKED';

	constructor(
		readonly target: string,
		/** What the path is for, in the node's words ("the Opera import folder"). */
		readonly what: string,
	) {
		super(`FILE_ACCESS_BLOCKED: n8n may not use ${what} "${target}".`);
		this.name = 'FileAccessError';
	}

	/** What to do about it, for the error's description. */
	get fix(): string {
		return (
			'n8n allows nodes to read and write files only inside the folders in N8N_RESTRICT_FILE_ACCESS_TO (n8n 2.x: ~/.n8n-files unless set), ' +
			'never inside n8n\'s own folder (~/.n8n) or a .git folder. Ask whoever runs n8n to add this folder to N8N_RESTRICT_FILE_ACCESS_TO ' +
			'(folders separated by ";"; on every queue-mode worker too), or choose a folder inside one of them. Nothing was read or written.'
		);
	}
}

/** Resolves each path and refuses the first one n8n would refuse; returns the resolved paths. */
export async function checkFileAccess(rule: FileAccessRule, paths: Array<{ path: string; what: string }>): Promise<string[]> {
	const resolved: string[] = [];
	for (const entry of paths) {
		const real = await resolveForAccess(entry.path);
		if (rule.blocked(real)) throw new FileAccessError(entry.path, entry.what);
		resolved.push(real);
	}
	return resolved;
}

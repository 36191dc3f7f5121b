/**
 * n8n's file-access rules as lib/files/access applies them (for the polling trigger, which n8n
 * gives no check of its own, and for folders not created yet) decide exactly as n8n-core 2.8's
 * own check does, environment by environment: the allow-list and its 2.x default (~/.n8n-files),
 * no restriction, quotes, a ~ path, n8n's own folder and its switch, .git and custom patterns, a
 * symbolic link leading out of an allowed folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { n8nFileAccessRule } from '../../lib/files/access';

jest.setTimeout(120_000);

let root: string;
let home: string;
let allowed: string;
let outside: string;
let paths: string[];

beforeAll(() => {
	root = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-access-'));
	home = path.join(root, 'home');
	allowed = path.join(root, 'srv', 'opera');
	outside = path.join(root, 'elsewhere');
	for (const folder of [path.join(home, '.n8n'), path.join(home, '.n8n-files'), path.join(home, 'data'), path.join(allowed, '.git'), outside]) mkdirSync(folder, { recursive: true });
	writeFileSync(path.join(allowed, 'export.txt'), 'x');
	writeFileSync(path.join(outside, 'secret.txt'), 'x');
	symlinkSync(outside, path.join(allowed, 'link-out'));
	paths = [
		path.join(allowed, 'export.txt'),
		path.join(allowed, 'STRAN_new.dbf'),
		path.join(allowed, 'link-out', 'secret.txt'),
		path.join(allowed, '.git', 'HEAD'),
		path.join(outside, 'secret.txt'),
		path.join(home, '.n8n', 'config'),
		path.join(home, '.n8n', 'ledger-bridge'),
		path.join(home, '.n8n-files', 'june.txt'),
		path.join(home, 'data', 'june.txt'),
		path.join(root, 'srv', 'opera2'),
	];
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function decide(env: Record<string, string>) {
	const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', 'support', 'fileAccessWorker.ts'), JSON.stringify(paths)], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH, HOME: home, N8N_USER_FOLDER: home, ...env },
	});
	const result = JSON.parse(child.stdout.trim().split('\n').pop() || '{}');
	if (result.error) throw new Error(result.error);
	return result as Array<{ path: string; resolved: string; mine: string; n8n: boolean; ours: boolean; refused: boolean }>;
}

const cases: Array<[string, () => Record<string, string>, (name: string) => boolean]> = [
	['nothing set: n8n 2.x allows only ~/.n8n-files', () => ({}), (name) => !name.includes('.n8n-files')],
	['two allowed folders', () => ({ N8N_RESTRICT_FILE_ACCESS_TO: `${allowed};${path.join(home, 'data')}` }), (name) => /\.git|\.n8n|link-out|elsewhere|opera2|\.n8n-files/.test(name)],
	['empty: no restriction, n8n files still blocked', () => ({ N8N_RESTRICT_FILE_ACCESS_TO: '' }), (name) => /\.git|\.n8n\//.test(name)],
	['quoted, with a trailing separator', () => ({ N8N_RESTRICT_FILE_ACCESS_TO: `"${allowed};"` }), (name) => !/opera\/(export|STRAN)/.test(name)],
	['a ~ path', () => ({ N8N_RESTRICT_FILE_ACCESS_TO: '~/data' }), (name) => !name.includes('/home/data/')],
	['n8n files let through', () => ({ N8N_RESTRICT_FILE_ACCESS_TO: root, N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES: 'false' }), (name) => name.includes('.git')],
	['a pattern of its own', () => ({ N8N_RESTRICT_FILE_ACCESS_TO: '', N8N_BLOCK_FILE_PATTERNS: 'secret' }), (name) => /secret|\.n8n\//.test(name)],
];

test.each(cases)('%s: the same decision as n8n-core for every path', (_name, env, expectBlocked) => {
	const results = decide(env());
	for (const result of results) {
		expect({ path: result.path, ours: result.ours, refused: result.refused, resolved: result.mine }).toEqual({ path: result.path, ours: result.n8n, refused: result.n8n, resolved: result.resolved });
		expect({ path: result.path, blocked: result.n8n }).toEqual({ path: result.path, blocked: expectBlocked(result.path) });
	}
});

test('n8n 1.x reads the allow-list raw: unset means no restriction, not ~/.n8n-files', () => {
	const saved = { ...process.env };
	try {
		process.env.HOME = home;
		process.env.N8N_USER_FOLDER = home;
		delete process.env.N8N_RESTRICT_FILE_ACCESS_TO;
		expect(n8nFileAccessRule(1).blocked(path.join(outside, 'secret.txt'))).toBe(false);
		expect(n8nFileAccessRule(2).blocked(path.join(outside, 'secret.txt'))).toBe(true);
		expect(n8nFileAccessRule(1).blocked(path.join(home, '.n8n', 'config'))).toBe(true);
		process.env.N8N_RESTRICT_FILE_ACCESS_TO = '~/data';
		// 1.x takes "~/data" literally, relative to the working folder.
		// (n8n 2.x expands it to the home folder: the "a ~ path" case above.)
		expect(n8nFileAccessRule(1).blocked(path.join(home, 'data', 'june.txt'))).toBe(true);
		expect(n8nFileAccessRule(1).blocked(path.join(process.cwd(), '~', 'data', 'june.txt'))).toBe(false);
	} finally {
		process.env = saved;
	}
});

/**
 * The posting journal on its own: claims are atomic across processes, a crashed run's claims
 * are recoverable and a live run's are not, posted documents come back as duplicates or as
 * changed, and a journal that cannot be used says what to fix. Each case runs on the embedded
 * SQLite file and on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { HOST } from '../../../lib/posting/journal/liveness';
import { closeJournals, openJournal, type JournalSettings } from '../../../lib/posting/journal/open';
import { openPostgresJournal } from '../../../lib/posting/journal/postgres';
import { claimDecision } from '../../../lib/posting/journal/sql';
import { JournalUnavailableError, type ClaimRequest, type JournalTarget, type RecordRequest, type PostingJournal } from '../../../lib/posting/journal/types';
import { startTestPostgres, temporaryJournalFile, type TestPostgres } from '../../support/journals';

jest.setTimeout(120_000);

const TARGET: JournalTarget = { system: 'sage50uk', scope: 'C:\\ACCDATA' };
const request = (identity: string, fingerprint = 'v1'): ClaimRequest => ({
	identity,
	fingerprint,
	summary: { gross: fingerprint === 'v1' ? '120.00' : '150.00', date: '2026-03-31' },
	document: `sales invoice ${identity}`,
	documentNumber: identity,
});

/** The outcome of a document claimed with request(identity). */
const outcome = (identity: string, state: RecordRequest['state'], extra: Partial<RecordRequest> = {}): RecordRequest => ({
	identity,
	state,
	fingerprint: 'v1',
	summary: { gross: '120.00', date: '2026-03-31' },
	document: `sales invoice ${identity}`,
	documentNumber: identity,
	...extra,
});

let postgres: TestPostgres;
const files: Array<{ remove(): void }> = [];
interface SqliteHandle {
	exec(sql: string, callback: (error: Error | null) => void): void;
	close(callback: (error: Error | null) => void): void;
}

beforeAll(async () => {
	postgres = await startTestPostgres(['journal', 'journal_race', 'journal_lock']);
});

afterAll(async () => {
	await closeJournals();
	postgres?.stop();
	for (const file of files) file.remove();
});

function embedded(): JournalSettings {
	const file = temporaryJournalFile();
	files.push(file);
	return { kind: 'embedded', file: file.file };
}

const kinds: Array<[string, () => JournalSettings]> = [
	['embedded SQLite', embedded],
	['PostgreSQL', () => postgres.journal('journal', `s${Math.random().toString(36).slice(2, 10)}`)],
];

describe.each(kinds)('%s journal', (_name, settings) => {
	let journal: PostingJournal;
	beforeEach(async () => {
		journal = await openJournal(settings());
	});

	test('a document is claimed once: a second live run finds it busy, and once posted everyone finds a duplicate', async () => {
		await journal.startRun({ runId: 'run-a', executionId: '101', workflowName: 'June invoices' });
		await journal.startRun({ runId: 'run-b', executionId: '102' });
		const [first] = await journal.claim('run-a', TARGET, [request('INV-1001')], { onChange: 'reject' });
		expect(first.kind).toBe('claimed');
		const [second] = await journal.claim('run-b', TARGET, [request('INV-1001')], { onChange: 'reject' });
		expect(second.kind).toBe('busy');
		if (second.kind === 'busy') expect(second.entry.executionId).toBe('101');

		await journal.record('run-a', TARGET, [outcome('INV-1001', 'written', { targetReference: { file: 'AUDIT_x.csv', row: 1 } })]);
		await journal.finishRun('run-a', 'done');
		const [third] = await journal.claim('run-b', TARGET, [request('INV-1001')], { onChange: 'reject' });
		expect(third.kind).toBe('duplicate');
		if (third.kind === 'duplicate') {
			expect(third.entry.state).toBe('written');
			expect(third.entry.targetReference).toEqual({ file: 'AUDIT_x.csv', row: 1 });
			expect(third.entry.postedAt).toEqual(expect.any(Number));
		}
		await journal.finishRun('run-b', 'done');
	});

	test('a posted document that comes back with other content is "changed" for transactions, a duplicate for records, claimable for updates', async () => {
		await journal.startRun({ runId: 'run-c' });
		await journal.claim('run-c', TARGET, [request('INV-2001')], { onChange: 'reject' });
		await journal.record('run-c', TARGET, [outcome('INV-2001', 'posted')]);
		const [changed] = await journal.claim('run-c', TARGET, [request('INV-2001', 'v2')], { onChange: 'reject' });
		expect(changed.kind).toBe('changed');
		if (changed.kind === 'changed') expect(changed.entry.summary).toEqual({ gross: '120.00', date: '2026-03-31' });
		const [ignored] = await journal.claim('run-c', TARGET, [request('INV-2001', 'v2')], { onChange: 'ignore' });
		expect(ignored.kind).toBe('duplicate');
		const [update] = await journal.claim('run-c', TARGET, [request('INV-2001', 'v2')], { onChange: 'update' });
		expect(update.kind).toBe('claimed');
		await journal.finishRun('run-c', 'done');
	});

	test('a rejected or not-sent document can be claimed again; an unconfirmed one is claimed as recovering', async () => {
		await journal.startRun({ runId: 'run-d' });
		await journal.claim('run-d', TARGET, [request('INV-3001'), request('INV-3002'), request('INV-3003')], { onChange: 'reject' });
		await journal.record('run-d', TARGET, [
			outcome('INV-3001', 'rejected', { failureCodes: ['SAGE_NOMINAL_MISSING'], message: 'nominal 4060 missing' }),
			outcome('INV-3002', 'notSent'),
			outcome('INV-3003', 'unconfirmed', { message: 'lost answer' }),
		]);
		await journal.finishRun('run-d', 'failed');
		await journal.startRun({ runId: 'run-e' });
		const results = await journal.claim('run-e', TARGET, [request('INV-3001'), request('INV-3002'), request('INV-3003')], { onChange: 'reject' });
		expect(results.map((result) => result.kind)).toEqual(['claimed', 'claimed', 'recovering']);
		const found = await journal.find({ documentNumber: 'inv-3003' });
		expect(found.map((entry) => [entry.identity, entry.state, entry.runId])).toEqual([['INV-3003', 'claimed', 'run-e']]);
		await journal.finishRun('run-e', 'done');
	});

	test('a claim left by a process that no longer exists is recovering, with the dead run attached', async () => {
		await journal.startRun({ runId: 'run-f', output: '/imports/20261201T101500_ab12' });
		await journal.claim('run-f', TARGET, [request('INV-4001')], { onChange: 'reject' });
		// The process of run-f "dies": its row now names a process id that does not exist.
		const dead = await journal.run('run-f');
		expect(dead?.host).toBe(HOST);
		await (journal as unknown as { db: { transaction(key: string, work: (tx: { run(sql: string, params: unknown[]): Promise<number> }) => Promise<number>): Promise<number> } }).db.transaction('runs', (tx) =>
			tx.run('UPDATE lb_runs SET pid = ? WHERE run_id = ?', [2 ** 22 + 12345, 'run-f']),
		);
		await journal.startRun({ runId: 'run-g' });
		const [result] = await journal.claim('run-g', TARGET, [request('INV-4001')], { onChange: 'reject' });
		expect(result.kind).toBe('recovering');
		if (result.kind === 'recovering') expect(result.previousRun?.output).toBe('/imports/20261201T101500_ab12');
		// run-f can no longer record over run-g's claim.
		await journal.record('run-f', TARGET, [outcome('INV-4001', 'posted')]);
		expect((await journal.inspect(TARGET, ['INV-4001'])).get('INV-4001')?.runId).toBe('run-g');
		await journal.finishRun('run-g', 'done');
	});

	test('forgetting a document lets it be posted again', async () => {
		await journal.startRun({ runId: 'run-h' });
		await journal.claim('run-h', TARGET, [request('INV-5001')], { onChange: 'reject' });
		await journal.record('run-h', TARGET, [outcome('INV-5001', 'posted')]);
		expect(await journal.forget(TARGET, ['INV-5001', 'INV-NEVER-SEEN'])).toEqual({ forgotten: ['INV-5001'], held: [] });
		const [again] = await journal.claim('run-h', TARGET, [request('INV-5001')], { onChange: 'reject' });
		expect(again.kind).toBe('claimed');
		// Claimed now (being sent): forgetting it would let a second run send it too.
		expect(await journal.forget(TARGET, ['INV-5001'])).toEqual({ forgotten: [], held: ['INV-5001'] });
		expect((await journal.inspect(TARGET, ['INV-5001'])).get('INV-5001')?.state).toBe('claimed');
		await journal.finishRun('run-h', 'done');
	});

	test('10,000 documents are claimed and recorded in a few statements', async () => {
		await journal.startRun({ runId: 'run-bulk' });
		const identities = Array.from({ length: 10_000 }, (_, index) => `BULK-${index}`);
		const results = await journal.claim('run-bulk', TARGET, identities.map((identity) => request(identity)), { onChange: 'reject' });
		expect(results.every((result) => result.kind === 'claimed')).toBe(true);
		await journal.record('run-bulk', TARGET, identities.map((identity, row) => outcome(identity, 'written', { targetReference: { row: row + 1 } })));
		const entries = await journal.inspect(TARGET, identities);
		expect(entries.size).toBe(10_000);
		expect(entries.get('BULK-9999')?.targetReference).toEqual({ row: 10_000 });
		await journal.finishRun('run-bulk', 'done');
	});
});

/** Runs test/support/journalWorker.ts in a process of its own. */
function worker(task: Record<string, unknown>): { done: Promise<Record<string, unknown>>; kill(): void; firstLine: Promise<Record<string, unknown>> } {
	const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', '..', 'support', 'journalWorker.ts'), JSON.stringify(task)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let output = '';
	let resolveFirst: (value: Record<string, unknown>) => void;
	const firstLine = new Promise<Record<string, unknown>>((resolve) => (resolveFirst = resolve));
	child.stdout.on('data', (chunk) => {
		output += chunk;
		const line = output.split('\n').find((text) => text.trim().startsWith('{'));
		if (line) resolveFirst(JSON.parse(line));
	});
	const done = new Promise<Record<string, unknown>>((resolve) => child.on('exit', () => resolve(JSON.parse(output.split('\n').find((text) => text.trim().startsWith('{')) ?? '{}'))));
	return { done, firstLine, kill: () => child.kill('SIGKILL') };
}

describe.each([
	['embedded SQLite', () => embedded()],
	['PostgreSQL', () => postgres.journal('journal_race')],
])('%s journal across processes', (_name, settings) => {
	test('four processes claiming the same 500 documents at once: each document is claimed by exactly one of them', async () => {
		const journalSettings = settings();
		const identities = Array.from({ length: 500 }, (_, index) => `RACE-${index}`);
		const startAt = Date.now() + 2500;
		const workers = Array.from({ length: 4 }, () => worker({ settings: journalSettings, target: TARGET, mode: 'claim', identities, startAt }));
		const results = await Promise.all(workers.map((entry) => entry.done));
		for (const result of results) expect(result.error).toBeUndefined();
		const claimed = results.flatMap((result) => result.claimed as string[]);
		expect(claimed.sort()).toEqual([...identities].sort());
		const journal = await openJournal(journalSettings);
		const entries = await journal.inspect(TARGET, identities);
		expect([...entries.values()].every((entry) => entry.state === 'posted' && entry.targetReference?.by === entry.runId)).toBe(true);
	});

	test('a process killed while holding its claims: the next run finds them recovering, not busy', async () => {
		const journalSettings = settings();
		const identities = ['KILL-1', 'KILL-2'];
		const hanging = worker({ settings: journalSettings, target: TARGET, mode: 'claimAndHang', identities });
		expect((await hanging.firstLine).claimed).toEqual(identities);
		const journal = await openJournal(journalSettings);
		await journal.startRun({ runId: `after-kill-${_name}` });
		expect((await journal.claim(`after-kill-${_name}`, TARGET, identities.map((identity) => request(identity)), { onChange: 'reject' })).map((result) => result.kind)).toEqual([
			'busy',
			'busy',
		]);
		hanging.kill();
		await hanging.done;
		expect((await journal.claim(`after-kill-${_name}`, TARGET, identities.map((identity) => request(identity)), { onChange: 'reject' })).map((result) => result.kind)).toEqual([
			'recovering',
			'recovering',
		]);
		await journal.finishRun(`after-kill-${_name}`, 'done');
	});

	test('a named lock excludes every other process: four processes each add 20 to a shared counter', async () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-lock-'));
		const counterFile = path.join(folder, 'counter');
		writeFileSync(counterFile, '0');
		const journalSettings = _name === 'PostgreSQL' ? postgres.journal('journal_lock') : settings();
		const startAt = Date.now() + 2500;
		const results = await Promise.all(Array.from({ length: 4 }, () => worker({ settings: journalSettings, target: TARGET, mode: 'lock', counterFile, rounds: 20, startAt }).done));
		for (const result of results) expect(result.error).toBeUndefined();
		expect(Number(readFileSync(counterFile, 'utf8'))).toBe(80);
		rmSync(folder, { recursive: true, force: true });
	});
});

describe('embedded SQLite journal opened for the first time by several workers at once', () => {
	test('a new journal file another program is reading when n8n first opens it: the opening waits for it instead of failing', async () => {
		const file = (embedded() as { file: string }).file;
		mkdirSync(path.dirname(file), { recursive: true });
		const sqlite3 = require('sqlite3') as { Database: new (file: string, callback: (error: Error | null) => void) => SqliteHandle };
		const reader = await new Promise<SqliteHandle>((resolve, reject) => {
			const db = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(db)));
		});
		const exec = (sql: string) => new Promise<void>((resolve, reject) => reader.exec(sql, (error) => (error ? reject(error) : resolve())));
		// A file still in SQLite's default (rollback) mode, read in a transaction: switching it to WAL must wait.
		await exec('CREATE TABLE other_program (x); BEGIN; SELECT * FROM other_program;');
		const opening = openJournal({ kind: 'embedded', file });
		await new Promise((resolve) => setTimeout(resolve, 800));
		await exec('COMMIT');
		await new Promise<void>((resolve) => reader.close(() => resolve()));
		const journal = await opening;
		await journal.startRun({ runId: 'after-reader' });
		expect((await journal.claim('after-reader', TARGET, [request('READ-1')], { onChange: 'reject' })).map((result) => result.kind)).toEqual(['claimed']);
		await journal.finishRun('after-reader', 'done');
	});

	test('eight processes opening each of 12 new journal files at the same instant, and claiming from it, all succeed', async () => {
		const files = Array.from({ length: 12 }, () => (embedded() as { file: string }).file);
		const openAt = Date.now() + 4000;
		const results = await Promise.all(Array.from({ length: 8 }, () => worker({ target: TARGET, mode: 'open', files, openAt }).done));
		expect(results.flatMap((result) => (result.failures as string[] | undefined) ?? [String(result.error)])).toEqual([]);
	});
});

describe('PostgreSQL journal opened for the first time by several workers at once', () => {
	test('workers creating the same new schema while another session is creating it all open the journal', async () => {
		const settings = postgres.settings('journal_race', `fresh${Math.random().toString(36).slice(2, 10)}`);
		const { Client } = require('pg') as typeof import('pg');
		const other = new Client({ host: settings.host, port: settings.port, user: settings.user, password: settings.password, database: settings.database });
		await other.connect();
		try {
			// The other session has created the schema but not committed: every worker's CREATE SCHEMA IF NOT EXISTS waits for it.
			await other.query('BEGIN');
			await other.query(`CREATE SCHEMA "${settings.schema}"`);
			const opening = Promise.allSettled(Array.from({ length: 4 }, () => openPostgresJournal(settings)));
			await new Promise((resolve) => setTimeout(resolve, 1000));
			await other.query('COMMIT');
			const opened = await opening;
			expect(opened.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []))).toEqual([]);
			for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
		} finally {
			await other.end();
		}
	});
});

describe('a journal that cannot be used stops the run before anything is posted, saying what to fix', () => {
	test('an embedded journal in a folder the n8n user may not write', async () => {
		if (process.getuid?.() === 0) {
			// root writes everywhere: a file where the folder should be is just as unwritable.
			const folder = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-blocked-'));
			writeFileSync(path.join(folder, 'not-a-folder'), '');
			const failure = await openJournal({ kind: 'embedded', file: path.join(folder, 'not-a-folder', 'journal.sqlite') }).catch((error) => error);
			expect(failure).toBeInstanceOf(JournalUnavailableError);
			expect(failure.message).toMatch(/cannot be created in .*not-a-folder/);
			expect(failure.fix).toMatch(/LEDGER_BRIDGE_JOURNAL_FILE/);
			rmSync(folder, { recursive: true, force: true });
			return;
		}
		const folder = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-blocked-'));
		mkdirSync(path.join(folder, 'locked'));
		chmodSync(path.join(folder, 'locked'), 0o500);
		const failure = await openJournal({ kind: 'embedded', file: path.join(folder, 'locked', 'journal.sqlite') }).catch((error) => error);
		expect(failure).toBeInstanceOf(JournalUnavailableError);
		expect(failure.fix).toMatch(/write access/);
	});

	test('a PostgreSQL journal with a wrong password names the fix and never the password', async () => {
		const settings = { ...postgres.settings('journal'), password: 'wrong-secret-password' };
		const failure = await openJournal({ kind: 'postgres', postgres: settings }).catch((error) => error);
		expect(failure).toBeInstanceOf(JournalUnavailableError);
		expect(failure.message).toMatch(/cannot be used: password authentication failed/);
		expect(failure.fix).toMatch(/user and password/);
		expect(`${failure.message} ${failure.fix}`).not.toContain('wrong-secret-password');
	});

	test('a PostgreSQL journal nobody listens on', async () => {
		const settings = { ...postgres.settings('journal'), port: 1 };
		const failure = await openJournal({ kind: 'postgres', postgres: settings }).catch((error) => error);
		expect(failure).toBeInstanceOf(JournalUnavailableError);
		expect(failure.message).toMatch(/127\.0\.0\.1:1\/journal cannot be used: .*ECONNREFUSED/);
	});
});

test('claim rules: a live holder is busy, a finished one with a claim left is recovering', () => {
	const entry = {
		...TARGET,
		identity: 'X',
		state: 'claimed' as const,
		fingerprint: 'v1',
		summary: null,
		document: 'x',
		documentNumber: null,
		accountCode: null,
		targetReference: null,
		source: null,
		runId: 'other',
		executionId: null,
		workflowId: null,
		workflowName: null,
		nodeName: null,
		message: null,
		failureCodes: null,
		failures: null,
		claimedAt: 1,
		postedAt: null,
		updatedAt: 1,
	};
	const now = Date.now();
	const run = { runId: 'other', host: 'elsewhere', pid: 1, startedAt: now - 1000, heartbeatAt: now - 1000, finishedAt: null, publishedAt: null };
	expect(claimDecision(entry, run, request('X'), 'me', { onChange: 'reject' }, now).kind).toBe('busy');
	expect(claimDecision(entry, { ...run, heartbeatAt: now - 120_000 }, request('X'), 'me', { onChange: 'reject' }, now).kind).toBe('recovering');
	expect(claimDecision(entry, { ...run, finishedAt: now }, request('X'), 'me', { onChange: 'reject' }, now).kind).toBe('recovering');
	expect(claimDecision(entry, null, request('X'), 'me', { onChange: 'reject' }, now).kind).toBe('recovering');
});

/**
 * The embedded journal: one SQLite file on this machine, shared by every n8n process that runs
 * here (a manual run next to the scheduled one, several `n8n execute` at once). No server and
 * no setting.
 *
 * The SQLite library is the one already present, never one installed for us:
 * - `node:sqlite`, built into Node.js 22.13+ and 24 — what current n8n releases run on;
 * - otherwise the `sqlite3` package n8n itself stores its own database with (n8n 1.x and
 *   2.0–2.8 on Node.js 20), found next to n8n's own code.
 * Both are the real SQLite with its file locks, so two processes can never both hold the
 * write lock, and a killed process's lock is released by the operating system. The file is
 * in WAL mode (readers never wait for the writer) and must be on a local disk.
 *
 * Waits for the write lock are never spent inside SQLite: its own busy timeout is a few
 * milliseconds (it would block n8n's event loop or a thread of its pool), and the retries
 * happen here, asynchronously, for up to `lockWaitMs()` (30 s unless
 * LEDGER_BRIDGE_JOURNAL_LOCK_WAIT_SECONDS says otherwise).
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

import { SqlJournal, type Row, type SqlBackend, type SqlExecutor, type SqlValue } from './sql';
import { JournalUnavailableError } from './types';

/** The SQL a driver runs; sync (node:sqlite) and callback (sqlite3) drivers both fit. */
interface Driver {
	readonly binding: string;
	all(sql: string, params: readonly SqlValue[]): Promise<Row[]>;
	run(sql: string, params: readonly SqlValue[]): Promise<number>;
	exec(sql: string): Promise<void>;
	close(): Promise<void>;
}

/** How long a run waits for another process's hold on the journal file before giving up. */
function lockWaitMs(): number {
	const seconds = Number(process.env.LEDGER_BRIDGE_JOURNAL_LOCK_WAIT_SECONDS ?? 30);
	return (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
}

/** Where the journal lives unless LEDGER_BRIDGE_JOURNAL_FILE says otherwise: beside n8n's own data. */
export function defaultJournalFile(env: NodeJS.ProcessEnv = process.env): string {
	if (env.LEDGER_BRIDGE_JOURNAL_FILE?.trim()) return path.resolve(env.LEDGER_BRIDGE_JOURNAL_FILE.trim());
	const userFolder = env.N8N_USER_FOLDER?.trim() || homedir();
	return path.join(userFolder, '.n8n', 'ledger-bridge', 'posting-journal.sqlite');
}

interface NodeSqliteStatement {
	all(...params: SqlValue[]): Row[];
	run(...params: SqlValue[]): { changes: number | bigint };
}
interface NodeSqliteDatabase {
	exec(sql: string): void;
	prepare(sql: string): NodeSqliteStatement;
	close(): void;
}

function nodeSqlite(file: string): Driver | undefined {
	let module: { DatabaseSync: new (file: string) => NodeSqliteDatabase };
	try {
		module = require('node:sqlite');
	} catch {
		return undefined;
	}
	const db = new module.DatabaseSync(file);
	const statements = new Map<string, NodeSqliteStatement>();
	const prepared = (sql: string) => {
		let statement = statements.get(sql);
		if (!statement) {
			statement = db.prepare(sql);
			if (statements.size > 200) statements.clear();
			statements.set(sql, statement);
		}
		return statement;
	};
	return {
		binding: `node:sqlite (Node.js ${process.versions.node})`,
		all: async (sql, params) => prepared(sql).all(...params).map((row) => ({ ...row })),
		run: async (sql, params) => Number(prepared(sql).run(...params).changes),
		exec: async (sql) => db.exec(sql),
		close: async () => db.close(),
	};
}

interface Sqlite3Statement {
	all(params: readonly SqlValue[], callback: (error: Error | null, rows: Row[]) => void): void;
	run(params: readonly SqlValue[], callback: (this: { changes: number }, error: Error | null) => void): void;
	finalize(callback?: () => void): void;
}
interface Sqlite3Database {
	prepare(sql: string, callback: (error: Error | null) => void): Sqlite3Statement;
	all(sql: string, params: readonly SqlValue[], callback: (error: Error | null, rows: Row[]) => void): void;
	run(sql: string, params: readonly SqlValue[], callback: (this: { changes: number }, error: Error | null) => void): void;
	exec(sql: string, callback: (error: Error | null) => void): void;
	close(callback: (error: Error | null) => void): void;
}
interface Sqlite3Module {
	Database: new (file: string, callback: (error: Error | null) => void) => Sqlite3Database;
}

/** The `sqlite3` package: our own if installed, else the one n8n runs on (next to its bin/n8n). */
function loadSqlite3(): { module: Sqlite3Module; from: string } | undefined {
	const places = [undefined, require.main?.filename, process.argv[1]].filter((place, index, all) => all.indexOf(place) === index);
	for (const place of places) {
		try {
			const resolved = place === undefined ? require.resolve('sqlite3') : require.resolve('sqlite3', { paths: [path.dirname(place)] });
			const module = require(resolved) as Sqlite3Module;
			const version = (require(path.join(path.dirname(resolved), '..', 'package.json')) as { version?: string }).version ?? '';
			return { module, from: `sqlite3 ${version}${place === undefined ? '' : " (n8n's own)"}`.trim() };
		} catch {
			// not there; try the next place
		}
	}
	return undefined;
}

async function sqlite3Driver(file: string): Promise<Driver | undefined> {
	const found = loadSqlite3();
	if (!found) return undefined;
	const db = await new Promise<Sqlite3Database>((resolve, reject) => {
		const opened: Sqlite3Database = new found.module.Database(file, (error) => (error ? reject(error) : resolve(opened)));
	});
	// Prepared once per statement text: the bulk statements are long, and parsing them each time costs more than running them.
	const statements = new Map<string, Promise<Sqlite3Statement>>();
	const prepared = (sql: string) => {
		let statement = statements.get(sql);
		if (!statement) {
			if (statements.size > 200) {
				for (const old of statements.values()) void old.then((entry) => entry.finalize()).catch(() => undefined);
				statements.clear();
			}
			statement = new Promise<Sqlite3Statement>((resolve, reject) => {
				const created: Sqlite3Statement = db.prepare(sql, (error) => (error ? reject(error) : resolve(created)));
			});
			statements.set(sql, statement);
			statement.catch(() => statements.delete(sql));
		}
		return statement;
	};
	return {
		binding: found.from,
		all: async (sql, params) => {
			const statement = await prepared(sql);
			return new Promise((resolve, reject) => statement.all(params, (error, rows) => (error ? reject(error) : resolve(rows))));
		},
		run: async (sql, params) => {
			const statement = await prepared(sql);
			return new Promise((resolve, reject) =>
				statement.run(params, function (this: { changes: number }, error) {
					if (error) reject(error);
					else resolve(this.changes);
				}),
			);
		},
		exec: (sql) => new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve()))),
		close: async () => {
			for (const statement of statements.values()) await statement.then((entry) => new Promise<void>((resolve) => entry.finalize(resolve))).catch(() => undefined);
			statements.clear();
			await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
		},
	};
}

function isBusy(error: unknown): boolean {
	const failure = error as { code?: string; errcode?: number; message?: string };
	return failure?.code === 'SQLITE_BUSY' || failure?.code === 'SQLITE_LOCKED' || failure?.errcode === 5 || failure?.errcode === 6 || /database is locked|SQLITE_BUSY/i.test(failure?.message ?? '');
}

/**
 * Runs one statement outside a transaction of ours (or BEGIN itself), trying again while another
 * process holds the lock it needs: asynchronously, with growing pauses, up to `lockWaitMs()`.
 * Opening the file needs this too: the first process to switch a new file to WAL holds it
 * exclusively for a moment, and a worker starting beside it would otherwise fail.
 */
async function whileBusy<T>(statement: () => Promise<T>, file: string): Promise<T> {
	const deadline = Date.now() + lockWaitMs();
	let pause = 5;
	for (;;) {
		try {
			return await statement();
		} catch (error) {
			if (!isBusy(error) || Date.now() > deadline) throw busyError(error, file);
			await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
			pause = Math.min(pause * 2, 250);
		}
	}
}

/** One connection per file and process, every statement in turn: transactions never interleave. */
class SqliteBackend implements SqlBackend {
	readonly dialect = 'sqlite' as const;
	readonly description: string;
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly driver: Driver,
		readonly file: string,
	) {
		this.description = `embedded SQLite journal ${file} (${driver.binding})`;
	}

	private serial<T>(work: () => Promise<T>): Promise<T> {
		const next = this.queue.then(work, work);
		this.queue = next.catch(() => undefined);
		return next;
	}

	all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
		return this.serial(() => whileBusy(() => this.driver.all(sql, params), this.file));
	}

	run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
		return this.serial(() => whileBusy(() => this.driver.run(sql, params), this.file));
	}

	transaction<T>(_lockKey: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
		return this.serial(async () => {
			await whileBusy(() => this.driver.exec('BEGIN IMMEDIATE'), this.file);
			try {
				const result = await work({ all: (sql, params = []) => this.driver.all(sql, params), run: (sql, params = []) => this.driver.run(sql, params) });
				// A busy COMMIT leaves the transaction open (SQLite's rule), so it is simply tried again.
				await whileBusy(() => this.driver.exec('COMMIT'), this.file);
				return result;
			} catch (error) {
				await this.driver.exec('ROLLBACK').catch(() => undefined);
				throw error;
			}
		});
	}

	close(): Promise<void> {
		return this.serial(() => this.driver.close());
	}
}

function busyError(error: unknown, file: string): Error {
	if (!isBusy(error)) return error as Error;
	return new JournalUnavailableError(
		`The posting journal ${file} stayed locked by another process for ${lockWaitMs() / 1000} s.`,
		'Something holds the journal file open for writing (a backup tool, a database browser left in a transaction?); close it and run again. Nothing was posted by this step.',
	);
}

/** Opens (and creates) the journal file; every failure says what to fix, before anything is posted. */
export async function openSqliteJournal(file: string): Promise<SqlJournal> {
	try {
		mkdirSync(path.dirname(file), { recursive: true });
		accessSync(path.dirname(file), constants.W_OK);
	} catch (error) {
		throw new JournalUnavailableError(
			`The posting journal cannot be created in ${path.dirname(file)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
			'Give the n8n user write access to that folder, set LEDGER_BRIDGE_JOURNAL_FILE to a file on a writable local disk, or choose a PostgreSQL journal in the node. Nothing was posted.',
		);
	}
	let driver: Driver | undefined;
	try {
		driver = nodeSqlite(file) ?? (await sqlite3Driver(file));
	} catch (error) {
		throw new JournalUnavailableError(
			`The posting journal ${file} cannot be opened: ${(error as Error).message}.`,
			'Check that the file is a Ledger Bridge journal and that the n8n user may write it (and the folder it is in), or set LEDGER_BRIDGE_JOURNAL_FILE to another file. Nothing was posted.',
		);
	}
	if (!driver) {
		throw new JournalUnavailableError(
			`No SQLite library is available for the embedded posting journal: Node.js ${process.versions.node} has no node:sqlite and n8n's own sqlite3 package was not found.`,
			'Run n8n on Node.js 22.13 or later, or choose a PostgreSQL journal in the node (Posting Journal: PostgreSQL). Nothing was posted.',
		);
	}
	try {
		// A few milliseconds inside SQLite at most; longer waits are retried asynchronously.
		await driver.exec('PRAGMA busy_timeout = 20');
		const opened = driver;
		const mode = await whileBusy(async () => String(Object.values((await opened.all('PRAGMA journal_mode = WAL', []))[0] ?? {})[0] ?? ''), file);
		if (mode.toLowerCase() !== 'wal') {
			throw new JournalUnavailableError(
				`The posting journal ${file} cannot be kept in SQLite's WAL mode (it stays in "${mode}" mode).`,
				'Put the journal on a local disk (not a network share) by setting LEDGER_BRIDGE_JOURNAL_FILE, or choose a PostgreSQL journal in the node. Nothing was posted.',
			);
		}
		// Every commit on disk before a document is reported as claimed or posted.
		await driver.exec('PRAGMA synchronous = FULL');
		const journal = new SqlJournal(new SqliteBackend(driver, file));
		await journal.migrate();
		return journal;
	} catch (error) {
		await driver.close().catch(() => undefined);
		if (error instanceof JournalUnavailableError) throw error;
		throw new JournalUnavailableError(
			`The posting journal ${file} cannot be written: ${(error as Error).message}.`,
			'Check that the n8n user may write the file and its folder (SQLite also writes -wal and -shm files beside it) and that it is on a local disk, or set LEDGER_BRIDGE_JOURNAL_FILE to another file. Nothing was posted.',
		);
	}
}

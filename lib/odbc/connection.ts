/**
 * The ODBC connection to a Sage company (or any ODBC source), through the `odbc` package and
 * the machine's unixODBC/Windows driver manager. Sage 50's own drivers are read-only
 * (reference §1): the connection is for look-ups, duplicate checks and payment status.
 *
 * One connection per data source at a time in each n8n process; the others queue here, in
 * JavaScript. node-odbc runs every driver call on a thread of Node's small pool and shares
 * one lock between them: with many executions at once (queue mode, 100 webhook calls), a
 * connection waiting inside the driver for the company's database lock held the others —
 * including the one that held the database lock — and the whole worker stopped answering.
 * Queued, a second execution waits without holding a thread, and gives up after
 * `CONNECTION_WAIT_MS` with SAGE_DATABASE_BUSY. A statement that meets "database is locked"
 * (another process writing) is tried again for up to `LOCK_WAIT_MS`, a transaction as a whole.
 */
import type odbc from 'odbc';

import { driverManager } from './driverManager';
import { SageBusyError, SageConnectionError } from './errors';

export type SageEdition = 'sage50uk' | 'sage50us' | 'generic';
/** Every edition the credential offers; Sage 100 (France) has its own posting path (lib/targets/sage100). */
export type SageOdbcEdition = SageEdition | 'sage100fr';

export interface SageConnectionSettings {
	/** A DSN name ("SageLine50v29") or a whole connection string ("Driver={…};DIR=…"). */
	connection: string;
	/** Sage's default user is MANAGER with a blank password (seed 000). */
	user?: string;
	password?: string;
	/** The company's ACCDATA folder (Sage 50 UK: DIR=). */
	dataPath?: string;
	/**
	 * Sage 100: the company's .mae file. Sent as DBQ= unless the connection string already names
	 * the database (DBQ=, Database=) — the key Sage's own driver expects is not in our reference.
	 */
	companyFile?: string;
	edition: SageOdbcEdition;
}

export interface SageConnection {
	query<T>(sql: string, parameters?: Array<string | number | null>): Promise<T[]>;
	/** Runs `work` in one transaction: all of it is committed or none of it. */
	transaction<T>(work: (connection: SageConnection) => Promise<T>): Promise<T>;
	close(): Promise<void>;
	/** Queries sent so far, so a run can report its queries per document. */
	readonly queryCount: number;
}

/**
 * A value as ODBC connection strings carry it: one holding ";", "{", "}" or "=" or starting or
 * ending with a space goes in braces with "}" doubled, so a password like "pa;ss}" is the
 * password and not a second setting.
 */
export function odbcValue(value: string): string {
	return /[;{}=]|^\s|\s$/.test(value) ? `{${value.replace(/}/g, '}}')}}` : value;
}

/** The connection string the driver receives; the password is added last and never logged. */
export function connectionString(settings: SageConnectionSettings): string {
	const base = settings.connection.trim();
	const parts = base.includes('=') ? [base.replace(/;+$/, '')] : [`DSN=${odbcValue(base)}`];
	const has = (key: string) => new RegExp(`(^|;)\\s*${key}\\s*=`, 'i').test(parts[0]);
	if (settings.dataPath && !has('DIR')) parts.push(`DIR=${odbcValue(settings.dataPath)}`);
	if (settings.companyFile && !has('DBQ') && !has('Database')) parts.push(`DBQ=${odbcValue(settings.companyFile)}`);
	if (settings.user && !has('UID')) parts.push(`UID=${odbcValue(settings.user)}`);
	if (!has('PWD')) parts.push(`PWD=${odbcValue(settings.password ?? '')}`);
	return parts.join(';');
}

/**
 * The company, as the posting journal keeps companies apart: Sage 50's data folder (or the
 * connection without user and password), Sage 100's company file. The same company reached
 * through another DSN name is another scope; keep one credential per company.
 */
export function companyScope(settings: SageConnectionSettings): string {
	if (settings.edition === 'sage100fr' && settings.companyFile) return settings.companyFile.trim();
	if (settings.dataPath?.trim()) return settings.dataPath.trim();
	return settings.connection
		.split(';')
		.map((part) => part.trim())
		.filter((part) => part !== '' && !/^(PWD|UID|USER|PASSWORD)\s*=/i.test(part))
		.join(';');
}

/** Errors from the driver can echo the connection string: the password never leaves here. */
export function withoutSecrets(message: string, settings: Pick<SageConnectionSettings, 'password'>): string {
	// A braced value runs to its closing brace ("}}" is a brace inside it), an unbraced one to the next ";".
	let text = message.replace(/(PWD\s*=\s*)(\{(?:[^}]|\}\})*\}?|[^;]*)/gi, '$1***');
	if (settings.password) text = text.split(settings.password).join('***');
	return text;
}

export { SageBusyError, SageConnectionError };

/** SQLite's "database is locked", SQL Server's lock time-out and deadlock victim, Access's "could not lock": worth waiting for. */
export const LOCKED = /database (table )?is locked|lock request time ?out|deadlock|could not (update|lock)|record is locked|SQLITE_BUSY/i;

function waitSetting(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value >= 0 ? value : fallback;
}
const CONNECTION_WAIT_MS = () => waitSetting('LEDGER_BRIDGE_ODBC_QUEUE_WAIT_MS', 120_000);
const LOCK_WAIT_MS = () => waitSetting('LEDGER_BRIDGE_ODBC_LOCK_WAIT_MS', 30_000);

interface Gate {
	busy: number;
	waiting: Array<() => void>;
}
const GATES_KEY = Symbol.for('ledger-bridge.sageOdbc.gates');
const gateRegistry = globalThis as unknown as Record<symbol, Map<string, Gate> | undefined>;
/** Per data source (the connection string without the password), shared by every copy of this module in the process. */
const gates: Map<string, Gate> = (gateRegistry[GATES_KEY] ??= new Map());

function connectionsPerSource(): number {
	return Math.max(1, Math.floor(waitSetting('LEDGER_BRIDGE_ODBC_CONNECTIONS_PER_SOURCE', 1)));
}

/** Takes the data source's slot, queueing behind other executions of this process; resolves to its release. */
async function enterGate(key: string, label: string): Promise<() => void> {
	let gate = gates.get(key);
	if (!gate) gates.set(key, (gate = { busy: 0, waiting: [] }));
	const open = gate;
	const release = () => {
		open.busy -= 1;
		open.waiting.shift()?.();
		if (open.busy === 0 && open.waiting.length === 0) gates.delete(key);
	};
	if (open.busy < connectionsPerSource()) {
		open.busy += 1;
		return release;
	}
	const limit = CONNECTION_WAIT_MS();
	await new Promise<void>((resolve, reject) => {
		const turn = () => {
			clearTimeout(timer);
			open.busy += 1;
			resolve();
		};
		const timer = setTimeout(() => {
			open.waiting.splice(open.waiting.indexOf(turn), 1);
			reject(
				new SageBusyError(
					`${label} stayed busy for ${Math.round(limit / 1000)} s: other executions of this n8n process were using it the whole time (${open.waiting.length + open.busy} in line). Nothing was written by this run; run it again once the others have finished.`,
				),
			);
		}, limit);
		open.waiting.push(turn);
	});
	return release;
}

async function pause(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function connect(settings: SageConnectionSettings): Promise<SageConnection> {
	const key = withoutSecrets(connectionString(settings), settings);
	const label = settings.edition === 'sage100fr' ? 'The Sage 100 company' : 'The Sage company';
	const release = await enterGate(key, label);
	let raw: odbc.Connection;
	try {
		// Loaded on first use: a machine without unixODBC can still run every other node.
		raw = await driverManager().connect({ connectionString: connectionString(settings), connectionTimeout: 30, loginTimeout: 30 });
	} catch (error) {
		release();
		if (error instanceof SageConnectionError) throw error;
		throw describeOdbcError(error, settings, 'Could not connect to the Sage company');
	}
	let count = 0;
	let inTransaction = false;
	let closed = false;
	const busy = (error: unknown) => LOCKED.test(String((error as Error)?.message ?? '')) || LOCKED.test(odbcDetail(error));
	const busyError = (started: number, error: unknown) => {
		const detail = withoutSecrets((odbcDetail(error) || (error as Error).message).replace(/^The Sage query failed: /, ''), settings);
		return new SageBusyError(
			`${label} stayed locked for ${Math.round((Date.now() - started) / 1000)} s (${detail}): Sage, another program or another workflow is writing to it. Nothing of the document was written; run again once it is free.`,
			detail,
		);
	};
	const wrap = (connection: odbc.Connection): SageConnection => ({
		get queryCount() {
			return count;
		},
		async query<T>(sql: string, parameters: Array<string | number | null> = []) {
			const started = Date.now();
			for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
				count += 1;
				try {
					// Values always travel as bound parameters, never inside the SQL text: account
					// names carry quotes, semicolons and "--" (O'Brien; Smith -- Jones).
					const result = await connection.query(sql, parameters as Array<string | number>);
					return [...(result as unknown as T[])];
				} catch (error) {
					// Inside a transaction the whole transaction is tried again, not one statement of it.
					if (!busy(error) || inTransaction) throw describeOdbcError(error, settings, 'The Sage query failed');
					if (Date.now() - started >= LOCK_WAIT_MS()) throw busyError(started, error);
					await pause(wait);
				}
			}
		},
		async transaction<T>(work: (inner: SageConnection) => Promise<T>) {
			const started = Date.now();
			for (let wait = 200; ; wait = Math.min(wait * 2, 3000)) {
				await connection.beginTransaction();
				inTransaction = true;
				try {
					const result = await work(wrapped);
					await connection.commit();
					return result;
				} catch (error) {
					await connection.rollback().catch(() => undefined);
					if (!busy(error)) throw error;
					if (Date.now() - started >= LOCK_WAIT_MS()) throw busyError(started, error);
				} finally {
					inTransaction = false;
				}
				await pause(wait);
			}
		},
		async close() {
			if (closed) return;
			closed = true;
			try {
				await connection.close();
			} finally {
				release();
			}
		},
	});
	const wrapped = wrap(raw);
	return wrapped;
}

function odbcDetail(error: unknown): string {
	const odbcErrors = (error as { odbcErrors?: Array<{ state: string; message: string }> })?.odbcErrors ?? [];
	return odbcErrors.map((entry) => `[${entry.state}] ${entry.message}`).join(' ');
}

function describeOdbcError(error: unknown, settings: SageConnectionSettings, what: string): SageConnectionError {
	const odbcErrors = (error as { odbcErrors?: Array<{ state: string; message: string }> }).odbcErrors ?? [];
	const detail = odbcErrors.map((entry) => `[${entry.state}] ${entry.message}`).join(' ') || (error as Error).message;
	const hint =
		settings.edition === 'sage50uk'
			? ' Check the data path, that the ODBC driver matches your Sage version, and that this user is not logged in to Sage.'
			: settings.edition === 'sage100fr' && what.startsWith('Could not connect')
				? ' Check the company file (the full path to the .mae file), the user (<Administrateur> by default) and password, and that Sage 100 is not open on the company.'
				: '';
	return new SageConnectionError(withoutSecrets(`${what}: ${detail}.${hint}`, settings), odbcErrors[0]?.state);
}

/**
 * The journal in PostgreSQL, for n8n in queue mode or on several machines: every main and
 * worker process claims through the same tables. It may live on the server n8n itself uses,
 * in a schema of its own (ledger_bridge by default). Writers of one target are serialised by a
 * transaction-scoped advisory lock, so a claim never races another process's claim of the
 * same documents and never deadlocks on them.
 */
import type { Pool, PoolClient, PoolConfig } from 'pg';

import { SqlJournal, type Row, type SqlBackend, type SqlExecutor, type SqlValue } from './sql';
import { JournalUnavailableError } from './types';

export interface PostgresJournalSettings {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	/** Tables go in this schema (created if missing). */
	schema: string;
	ssl: 'disable' | 'require' | 'verify';
	/** Connections this process keeps; claims are short, a few are plenty. */
	maxConnections?: number;
}

/** `?` placeholders (shared with SQLite) as PostgreSQL's $1, $2… */
export function numbered(sql: string): string {
	let index = 0;
	return sql.replace(/\?/g, () => `$${++index}`);
}

function quoteIdentifier(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

const RETRYABLE = new Set(['40001', '40P01', '55P03']);

class PostgresBackend implements SqlBackend {
	readonly dialect = 'postgres' as const;
	readonly description: string;

	constructor(
		private readonly pool: Pool,
		settings: PostgresJournalSettings,
	) {
		this.description = `PostgreSQL journal ${settings.user}@${settings.host}:${settings.port}/${settings.database} (schema ${settings.schema})`;
	}

	async all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
		return (await this.pool.query(numbered(sql), params as SqlValue[])).rows as Row[];
	}

	async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
		return (await this.pool.query(numbered(sql), params as SqlValue[])).rowCount ?? 0;
	}

	async transaction<T>(lockKey: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
		for (let attempt = 1; ; attempt++) {
			const client: PoolClient = await this.pool.connect();
			try {
				await client.query('BEGIN');
				await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
				const executor: SqlExecutor = {
					all: async (sql, params = []) => (await client.query(numbered(sql), params as SqlValue[])).rows as Row[],
					run: async (sql, params = []) => (await client.query(numbered(sql), params as SqlValue[])).rowCount ?? 0,
				};
				const result = await work(executor);
				await client.query('COMMIT');
				return result;
			} catch (error) {
				await client.query('ROLLBACK').catch(() => undefined);
				if (RETRYABLE.has((error as { code?: string }).code ?? '') && attempt < 5) continue;
				throw error;
			} finally {
				client.release();
			}
		}
	}

	async close(): Promise<void> {
		await this.pool.end();
	}
}

/**
 * CREATE SCHEMA IF NOT EXISTS is not safe against itself: two workers opening the journal for
 * the first time at once both pass the existence check and one fails on pg_namespace's unique
 * index. An advisory lock held for the statement's transaction makes the second one wait and
 * then find the schema; a schema someone else created at that moment counts as there.
 */
const SCHEMA_EXISTS = new Set(['23505', '42P06']);

async function createSchema(pool: Pool, schema: string): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ledger-bridge schema ${schema}`]);
		await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		// Created meanwhile by someone not taking the lock (an administrator, another tool): it exists, which is all we asked.
		if (SCHEMA_EXISTS.has((error as { code?: string }).code ?? '')) return;
		throw error;
	} finally {
		client.release();
	}
}

/** Connects, creates the schema and tables if needed; any failure says what to fix, before anything is posted. */
export async function openPostgresJournal(settings: PostgresJournalSettings): Promise<SqlJournal> {
	const { Pool } = require('pg') as typeof import('pg');
	const where = `${settings.host}:${settings.port}/${settings.database}`;
	if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(settings.schema)) {
		throw new JournalUnavailableError(
			`The journal schema name "${settings.schema}" is not a plain PostgreSQL name.`,
			'Use letters, digits and underscores only (ledger_bridge by default) in the Ledger Bridge Journal credential. Nothing was posted.',
		);
	}
	const config: PoolConfig = {
		host: settings.host,
		port: settings.port,
		database: settings.database,
		user: settings.user,
		password: settings.password,
		max: settings.maxConnections ?? 4,
		connectionTimeoutMillis: 10_000,
		idleTimeoutMillis: 30_000,
		options: `-c search_path=${quoteIdentifier(settings.schema)}`,
		ssl: settings.ssl === 'disable' ? false : { rejectUnauthorized: settings.ssl === 'verify' },
	};
	const pool = new Pool(config);
	// An idle connection the server drops must not crash n8n; the next query reconnects.
	pool.on('error', () => undefined);
	try {
		await createSchema(pool, settings.schema);
		const journal = new SqlJournal(new PostgresBackend(pool, settings));
		await journal.migrate();
		return journal;
	} catch (error) {
		await pool.end().catch(() => undefined);
		const failure = error as { code?: string; message?: string };
		const detail = (failure.message ?? String(error)).split(settings.password || '\u0000').join('***');
		const fix =
			failure.code === '28P01' || failure.code === '28000'
				? 'Check the user and password in the Ledger Bridge Journal credential.'
				: failure.code === '3D000'
					? `Create the database ${settings.database} (or name an existing one) in the Ledger Bridge Journal credential.`
					: failure.code === '42501'
						? `Give the user ${settings.user} the right to create the schema ${settings.schema} and its tables (or create them once as an administrator).`
						: 'Check the host, port and that PostgreSQL accepts connections from n8n (and from every worker).';
		throw new JournalUnavailableError(`The PostgreSQL posting journal at ${where} cannot be used: ${detail}.`, `${fix} Nothing was posted.`);
	}
}

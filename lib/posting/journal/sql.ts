/**
 * The journal over SQL, the same statements for the embedded SQLite file and for PostgreSQL.
 * Every claim and every record is one transaction, serialised against all other writers of the
 * same target: SQLite's write lock (BEGIN IMMEDIATE) or a PostgreSQL transaction lock on the
 * target. Inside it the journal reads what it holds for the run's documents, decides each one
 * (claimDecision below) and writes the claims in bulk — a run of 10,000 documents is a handful
 * of statements, not 10,000 round trips.
 */
import { randomBytes } from 'node:crypto';

import { activeRuns, HEARTBEAT_MS, HOST, isAlive } from './liveness';
import {
	FINAL_STATES,
	type ClaimOptions,
	type ClaimRequest,
	type ClaimResult,
	type ForgetResult,
	type JournalEntry,
	type JournalFailure,
	type JournalQuery,
	type JournalRun,
	type JournalState,
	type JournalTarget,
	type PostingJournal,
	type RecordRequest,
	type RunInfo,
} from './types';

export type SqlValue = string | number | null | Array<string | null>;
export type Row = Record<string, unknown>;

export interface SqlExecutor {
	all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
	/** Returns the number of rows changed. */
	run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlBackend extends SqlExecutor {
	readonly dialect: 'sqlite' | 'postgres';
	readonly description: string;
	/**
	 * A write transaction, serialised against every other writer of `lockKey` (PostgreSQL) or of
	 * the whole file (SQLite); retried while the database is busy.
	 */
	transaction<T>(lockKey: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export const SCHEMA_VERSION = 1;

/** Portable DDL: BIGINT holds epoch milliseconds in both; JSON is kept as TEXT. */
export const SCHEMA: readonly string[] = [
	`CREATE TABLE IF NOT EXISTS lb_runs (
		run_id TEXT PRIMARY KEY,
		execution_id TEXT, workflow_id TEXT, workflow_name TEXT, node_name TEXT, output TEXT,
		host TEXT NOT NULL, pid BIGINT NOT NULL,
		started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, finished_at BIGINT, published_at BIGINT, outcome TEXT
	)`,
	`CREATE TABLE IF NOT EXISTS lb_documents (
		system TEXT NOT NULL, scope TEXT NOT NULL, identity TEXT NOT NULL,
		state TEXT NOT NULL, fingerprint TEXT, summary TEXT,
		document TEXT NOT NULL, document_number TEXT, account_code TEXT,
		target_ref TEXT, source TEXT,
		run_id TEXT, execution_id TEXT,
		message TEXT, failure_codes TEXT,
		claimed_at BIGINT, posted_at BIGINT, updated_at BIGINT NOT NULL,
		PRIMARY KEY (system, scope, identity)
	)`,
	'CREATE TABLE IF NOT EXISTS lb_locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at BIGINT NOT NULL)',
	'CREATE TABLE IF NOT EXISTS lb_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
];

const DOCUMENT_COLUMNS = [
	'system', 'scope', 'identity', 'state', 'fingerprint', 'summary', 'document', 'document_number', 'account_code',
	'target_ref', 'source', 'run_id', 'execution_id', 'message', 'failure_codes', 'claimed_at', 'posted_at', 'updated_at',
] as const;
type Column = (typeof DOCUMENT_COLUMNS)[number];

/**
 * A claim writes who claims the document and its content; its outcome columns start empty (a
 * recovering claim keeps the earlier run's target reference until the target has been asked).
 */
const CLAIM_COLUMNS: readonly Column[] = ['system', 'scope', 'identity', 'state', 'fingerprint', 'summary', 'document', 'document_number', 'account_code', 'source', 'run_id', 'execution_id', 'claimed_at', 'updated_at'];
const CLAIM_UPDATES = ['state', 'fingerprint', 'summary', 'document', 'document_number', 'account_code', 'source', 'run_id', 'execution_id', 'claimed_at', 'updated_at', 'message', 'failure_codes'] as const;
/** A record keeps who claimed it and when. */
const RECORD_COLUMNS: readonly Column[] = DOCUMENT_COLUMNS.filter((column) => column !== 'execution_id' && column !== 'claimed_at');
const RECORD_UPDATES = RECORD_COLUMNS.filter((column) => !['system', 'scope', 'identity', 'run_id'].includes(column));
/** Outcomes sharing a state and a target reference (a run folder, a batch) are recorded with one statement, not one row each. */
const BULK_GROUP = 20;


const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
function parsed<T>(value: unknown): T | null {
	if (typeof value !== 'string' || value === '') return null;
	try {
		return JSON.parse(value) as T;
	} catch {
		return null;
	}
}
const text = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
const number = (value: unknown): number | null => (value === undefined || value === null ? null : Number(value));

/**
 * A row as the journal reports it. A document still claimed by a run whose files were published
 * is written: the run's one mark stands for all its documents (markPublished).
 */
function entryFrom(row: Row): JournalEntry {
	const published = row.state === 'claimed' && row.run_published_at !== null && row.run_published_at !== undefined;
	return {
		system: String(row.system),
		scope: String(row.scope),
		identity: String(row.identity),
		state: published ? 'written' : (String(row.state) as JournalState),
		fingerprint: text(row.fingerprint),
		summary: parsed(row.summary),
		document: String(row.document ?? ''),
		documentNumber: text(row.document_number),
		accountCode: text(row.account_code),
		targetReference: published ? { folder: String(row.run_output ?? '') } : parsed(row.target_ref),
		source: parsed(row.source),
		runId: text(row.run_id),
		executionId: text(row.execution_id),
		// From the run (lb_runs), joined in.
		workflowId: text(row.workflow_id),
		workflowName: text(row.workflow_name),
		nodeName: text(row.node_name),
		message: text(row.message),
		...failuresFrom(parsed(row.failure_codes)),
		claimedAt: number(row.claimed_at),
		postedAt: published ? number(row.run_published_at) : number(row.posted_at),
		updatedAt: Number(row.updated_at),
	};
}

/** The failure_codes column: the failures with their messages, or (written by 0.1) the codes alone. */
function failuresFrom(stored: unknown): Pick<JournalEntry, 'failureCodes' | 'failures'> {
	if (!Array.isArray(stored) || stored.length === 0) return { failureCodes: Array.isArray(stored) ? [] : null, failures: null };
	if (stored.every((item) => typeof item === 'string')) return { failureCodes: stored as string[], failures: null };
	const failures = (stored as JournalFailure[]).filter((item) => item && typeof item === 'object' && typeof item.code === 'string');
	return { failureCodes: [...new Set(failures.map((failure) => failure.code))], failures };
}

function runFrom(row: Row): JournalRun {
	return {
		runId: String(row.run_id),
		executionId: text(row.execution_id) ?? undefined,
		workflowId: text(row.workflow_id) ?? undefined,
		workflowName: text(row.workflow_name) ?? undefined,
		nodeName: text(row.node_name) ?? undefined,
		output: text(row.output) ?? undefined,
		host: String(row.host),
		pid: Number(row.pid),
		startedAt: Number(row.started_at),
		heartbeatAt: Number(row.heartbeat_at),
		finishedAt: number(row.finished_at),
		publishedAt: number(row.published_at),
	};
}

/** A column's value of an entry, as stored. */
function columnValue(entry: JournalEntry, column: Column): SqlValue {
	switch (column) {
		case 'system':
			return entry.system;
		case 'scope':
			return entry.scope;
		case 'identity':
			return entry.identity;
		case 'state':
			return entry.state;
		case 'fingerprint':
			return entry.fingerprint;
		case 'summary':
			return json(entry.summary);
		case 'document':
			return entry.document;
		case 'document_number':
			return entry.documentNumber;
		case 'account_code':
			return entry.accountCode;
		case 'target_ref':
			return json(entry.targetReference);
		case 'source':
			return json(entry.source);
		case 'run_id':
			return entry.runId;
		case 'execution_id':
			return entry.executionId;
		case 'message':
			return entry.message;
		case 'failure_codes':
			return json(entry.failures ?? entry.failureCodes);
		case 'claimed_at':
			return entry.claimedAt;
		case 'posted_at':
			return entry.postedAt;
		case 'updated_at':
			return entry.updatedAt;
	}
}

/** A claimed document of a run whose files were published is written (markPublished writes the run, not each document). */
const EFFECTIVE_STATE = "CASE WHEN d.state = 'claimed' AND r.published_at IS NOT NULL THEN 'written' ELSE d.state END";

const ENTRY_SELECT =
	'SELECT d.*, r.workflow_id, r.workflow_name, r.node_name, r.published_at AS run_published_at, r.output AS run_output FROM lb_documents d LEFT JOIN lb_runs r ON r.run_id = d.run_id';

/**
 * What a claim finds, decided from the entry the journal holds and the run that holds it. Pure,
 * so the rules are tested on their own.
 */
export function claimDecision(
	existing: JournalEntry | undefined,
	holder: JournalRun | null,
	request: ClaimRequest,
	runId: string,
	options: ClaimOptions,
	now = Date.now(),
): ClaimResult {
	const identity = request.identity;
	if (!existing) return { identity, kind: 'claimed' };
	switch (existing.state) {
		case 'posted':
		case 'written': {
			const onChange = request.onChange ?? options.onChange;
			if (existing.fingerprint === request.fingerprint || onChange === 'ignore') return { identity, kind: 'duplicate', entry: existing };
			// Content unknown (found in the target, not sent by us): updates let the target decide, others count it as there.
			if (onChange === 'update') return { identity, kind: 'claimed' };
			if (existing.fingerprint === null) return { identity, kind: 'duplicate', entry: existing };
			return { identity, kind: 'changed', entry: existing };
		}
		case 'claimed':
			if (existing.runId === runId) return { identity, kind: 'claimed' };
			if (isAlive(holder, now)) return { identity, kind: 'busy', entry: existing, run: holder };
			return { identity, kind: 'recovering', previous: existing, previousRun: holder };
		case 'unconfirmed':
			return { identity, kind: 'recovering', previous: existing, previousRun: holder };
		default:
			return { identity, kind: 'claimed' };
	}
}

export class SqlJournal implements PostingJournal {
	readonly kind: 'sqlite' | 'postgres';
	readonly description: string;
	private heartbeat?: NodeJS.Timeout;
	private readonly mine = new Set<string>();

	constructor(private readonly db: SqlBackend) {
		this.kind = db.dialect;
		this.description = db.description;
	}

	/** Creates the tables once; safe when several processes start at the same moment. */
	async migrate(): Promise<void> {
		await this.db.transaction('schema', async (tx) => {
			// SQLite: the documents keyed by their primary key alone (one B-tree, not a table and an index).
			for (const statement of SCHEMA) await tx.run(this.kind === 'sqlite' && statement.includes('lb_documents (') ? `${statement} WITHOUT ROWID` : statement);
			await tx.run(
				`INSERT INTO lb_meta (name, value) VALUES ('schemaVersion', ?) ON CONFLICT (name) DO NOTHING`,
				[String(SCHEMA_VERSION)],
			);
		});
	}

	async startRun(run: RunInfo): Promise<void> {
		const now = Date.now();
		await this.db.transaction('runs', (tx) =>
			tx.run(
				`INSERT INTO lb_runs (run_id, execution_id, workflow_id, workflow_name, node_name, output, host, pid, started_at, heartbeat_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				[run.runId, run.executionId ?? null, run.workflowId ?? null, run.workflowName ?? null, run.nodeName ?? null, run.output ?? null, HOST, process.pid, now, now],
			),
		);
		activeRuns.add(run.runId);
		this.mine.add(run.runId);
		this.heartbeat ??= setInterval(() => void this.beat(), HEARTBEAT_MS);
		this.heartbeat.unref();
	}

	private async beat(): Promise<void> {
		const runs = [...this.mine];
		if (runs.length === 0) return;
		try {
			await this.db.transaction('runs', (tx) =>
				tx.run(`UPDATE lb_runs SET heartbeat_at = ? WHERE run_id IN (${runs.map(() => '?').join(', ')})`, [Date.now(), ...runs]),
			);
		} catch {
			// A missed beat is harmless: the run stays alive for a minute without one.
		}
	}

	async finishRun(runId: string, outcome: string): Promise<void> {
		this.mine.delete(runId);
		activeRuns.delete(runId);
		if (this.mine.size === 0 && this.heartbeat) {
			clearInterval(this.heartbeat);
			this.heartbeat = undefined;
		}
		const now = Date.now();
		await this.db.transaction('runs', async (tx) => {
			// Kept, not pruned: the documents name their run, and the run its workflow and node.
			await tx.run('UPDATE lb_runs SET finished_at = ?, heartbeat_at = ?, outcome = ? WHERE run_id = ?', [now, now, outcome, runId]);
		});
	}

	async markPublished(runId: string): Promise<void> {
		const now = Date.now();
		await this.db.transaction('runs', (tx) => tx.run('UPDATE lb_runs SET published_at = ?, heartbeat_at = ? WHERE run_id = ?', [now, now, runId]));
	}

	async run(runId: string): Promise<JournalRun | null> {
		const [row] = await this.db.all('SELECT * FROM lb_runs WHERE run_id = ?', [runId]);
		return row ? runFrom(row) : null;
	}

	async claim(runId: string, target: JournalTarget, requests: readonly ClaimRequest[], options: ClaimOptions): Promise<ClaimResult[]> {
		if (requests.length === 0) return [];
		const [self] = await this.db.all('SELECT * FROM lb_runs WHERE run_id = ?', [runId]);
		if (!self) throw new Error(`run ${runId} was not started in the journal`);
		const run = runFrom(self);
		return this.db.transaction(lockKey(target), async (tx) => {
			const existing = await this.entries(tx, target, requests.map((request) => request.identity));
			const holders = await this.runs(tx, [...new Set([...existing.values()].map((entry) => entry.runId).filter((id): id is string => Boolean(id) && id !== runId))]);
			const now = Date.now();
			const results = requests.map((request) => {
				const entry = existing.get(request.identity);
				return claimDecision(entry, entry?.runId ? (holders.get(entry.runId) ?? null) : null, request, runId, options, now);
			});
			// Hold nothing while waiting for another run: two runs waiting for each other's claims, or
			// a chain of them, cannot form.
			if (options.nothingIfBusy && results.some((result) => result.kind === 'busy')) {
				return results.map((result): ClaimResult => (result.kind === 'claimed' || result.kind === 'recovering' ? { identity: result.identity, kind: 'waiting', previous: existing.get(result.identity) ?? null } : result));
			}
			const claimed: JournalEntry[] = [];
			requests.forEach((request, index) => {
				const result = results[index];
				if (result.kind !== 'claimed' && result.kind !== 'recovering') return;
				const previous = existing.get(request.identity);
				// Properties written out, not spread: V8 builds spread objects this wide 40 times slower.
				claimed.push({
					system: target.system,
					scope: target.scope,
					identity: request.identity,
					state: 'claimed',
					fingerprint: request.fingerprint,
					summary: request.summary,
					document: request.document,
					documentNumber: request.documentNumber ?? null,
					accountCode: request.accountCode ?? null,
					targetReference: previous?.targetReference ?? null,
					source: request.source ?? null,
					runId,
					executionId: run.executionId ?? null,
					workflowId: null,
					workflowName: null,
					nodeName: null,
					message: null,
					failureCodes: null,
					failures: null,
					claimedAt: now,
					postedAt: null,
					updatedAt: now,
				});
			});
			await this.upsert(tx, claimed, CLAIM_COLUMNS, CLAIM_UPDATES);
			return results;
		});
	}

	async inspect(target: JournalTarget, identities: readonly string[]): Promise<Map<string, JournalEntry>> {
		return this.entries(this.db, target, identities);
	}

	async record(runId: string, target: JournalTarget, outcomes: readonly RecordRequest[]): Promise<void> {
		if (outcomes.length === 0) return;
		const now = Date.now();
		// Posted or written with the content claimed, under one reference (a run folder, a batch): one update per group.
		const groups = new Map<string, RecordRequest[]>();
		const single: RecordRequest[] = [];
		for (const outcome of outcomes) {
			if (outcome.asClaimed && FINAL_STATES.has(outcome.state)) {
				const key = `${outcome.state}|${json(outcome.targetReference) ?? ''}`;
				const group = groups.get(key);
				if (group) group.push(outcome);
				else groups.set(key, [outcome]);
			} else single.push(outcome);
		}
		for (const [key, group] of groups) {
			if (group.length < BULK_GROUP) {
				single.push(...group);
				groups.delete(key);
			}
		}
		const rows: JournalEntry[] = single.map((outcome) => ({
			system: target.system,
			scope: target.scope,
			identity: outcome.identity,
			state: outcome.state,
			fingerprint: outcome.fingerprint ?? null,
			summary: outcome.summary ?? null,
			document: outcome.document ?? outcome.identity,
			documentNumber: outcome.documentNumber ?? null,
			accountCode: outcome.accountCode ?? null,
			targetReference: outcome.targetReference ?? null,
			source: outcome.source ?? null,
			runId,
			executionId: null,
			workflowId: null,
			workflowName: null,
			nodeName: null,
			message: outcome.message ?? null,
			failureCodes: outcome.failureCodes ?? (outcome.failures ? [...new Set(outcome.failures.map((failure) => failure.code))] : null),
			failures: outcome.failures ?? null,
			claimedAt: null,
			postedAt: FINAL_STATES.has(outcome.state) ? now : null,
			updatedAt: now,
		}));
		await this.db.transaction(lockKey(target), async (tx) => {
			for (const group of groups.values()) {
				const { state, targetReference } = group[0];
				for (const list of this.inList('identity', group.map((outcome) => outcome.identity))) {
					await tx.run(
						`UPDATE lb_documents SET state = ?, target_ref = ?, message = NULL, failure_codes = NULL, posted_at = COALESCE(posted_at, ?), updated_at = ?
						 WHERE system = ? AND scope = ? AND run_id = ? AND ${list.sql}`,
						[state, json(targetReference), now, now, target.system, target.scope, runId, ...list.params],
					);
				}
			}
			// Only rows this run still holds are updated: a claim another run took over is theirs to record.
			await this.upsert(tx, rows, RECORD_COLUMNS, RECORD_UPDATES, 'WHERE lb_documents.run_id = excluded.run_id');
		});
	}

	async find(query: JournalQuery): Promise<JournalEntry[]> {
		const where: string[] = [];
		const params: SqlValue[] = [];
		if (query.system) {
			where.push('d.system = ?');
			params.push(query.system);
		}
		if (query.scope) {
			where.push('d.scope = ?');
			params.push(query.scope);
		}
		if (query.identity) {
			where.push('d.identity = ?');
			params.push(query.identity);
		}
		if (query.documentNumber) {
			// The number as the source gave it (the index), any case, or one of the source's own ids.
			where.push('(d.document_number = ? OR UPPER(d.document_number) = UPPER(?) OR d.identity = ? OR d.source LIKE ?)');
			params.push(query.documentNumber, query.documentNumber, query.documentNumber, `%${JSON.stringify(query.documentNumber).slice(1, -1)}%`);
		}
		if (query.executionId) {
			where.push('d.execution_id = ?');
			params.push(query.executionId);
		}
		if (query.states && query.states.length > 0) {
			where.push(`${EFFECTIVE_STATE} IN (${query.states.map(() => '?').join(', ')})`);
			params.push(...query.states);
		}
		const limit = Math.max(1, Math.min(query.limit ?? 100, 10_000));
		const rows = await this.db.all(`${ENTRY_SELECT}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY d.updated_at DESC LIMIT ${limit}`, params);
		return rows.map(entryFrom);
	}

	async forget(target: JournalTarget, identities: readonly string[]): Promise<ForgetResult> {
		const result: ForgetResult = { forgotten: [], held: [] };
		if (identities.length === 0) return result;
		return this.db.transaction(lockKey(target), async (tx) => {
			for (const list of this.inList('d.identity', identities)) {
				const params = [target.system, target.scope, ...list.params];
				const rows = await tx.all(`SELECT d.identity, ${EFFECTIVE_STATE} AS state FROM lb_documents d LEFT JOIN lb_runs r ON r.run_id = d.run_id WHERE d.system = ? AND d.scope = ? AND ${list.sql}`, params);
				const removable: string[] = [];
				for (const row of rows) {
					// A claimed document is being sent, or its run stopped and the next run looks in the target first: never forgotten.
					if (row.state === 'claimed') result.held.push(String(row.identity));
					else removable.push(String(row.identity));
				}
				for (const removing of this.inList('identity', removable)) {
					await tx.run(`DELETE FROM lb_documents WHERE system = ? AND scope = ? AND ${removing.sql}`, [target.system, target.scope, ...removing.params]);
				}
				result.forgotten.push(...removable);
			}
			return result;
		});
	}

	async withLock<T>(name: string, options: { ttlMs: number; waitMs: number }, work: () => Promise<T>): Promise<T> {
		const owner = `${HOST}:${process.pid}:${randomBytes(6).toString('hex')}`;
		const deadline = Date.now() + options.waitMs;
		let pause = 25;
		for (;;) {
			const now = Date.now();
			const taken = await this.db.transaction(`lock:${name}`, async (tx) => {
				await tx.run('DELETE FROM lb_locks WHERE name = ? AND expires_at < ?', [name, now]);
				await tx.run('INSERT INTO lb_locks (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [name, owner, now + options.ttlMs]);
				const [row] = await tx.all('SELECT owner FROM lb_locks WHERE name = ?', [name]);
				return row?.owner === owner;
			});
			if (taken) break;
			if (Date.now() >= deadline) throw new Error(`the lock "${name}" in the posting journal stayed taken for ${Math.round(options.waitMs / 1000)} s`);
			await new Promise((resolve) => setTimeout(resolve, pause));
			pause = Math.min(pause * 2, 500);
		}
		try {
			return await work();
		} finally {
			await this.db.transaction(`lock:${name}`, (tx) => tx.run('DELETE FROM lb_locks WHERE name = ? AND owner = ?', [name, owner])).catch(() => undefined);
		}
	}

	async close(): Promise<void> {
		if (this.heartbeat) clearInterval(this.heartbeat);
		this.heartbeat = undefined;
		await this.db.close();
	}

	private async entries(executor: SqlExecutor, target: JournalTarget, identities: readonly string[]): Promise<Map<string, JournalEntry>> {
		const found = new Map<string, JournalEntry>();
		for (const list of this.inList('d.identity', [...new Set(identities)])) {
			const rows = await executor.all(`${ENTRY_SELECT} WHERE d.system = ? AND d.scope = ? AND ${list.sql}`, [target.system, target.scope, ...list.params]);
			for (const row of rows) found.set(String(row.identity), entryFrom(row));
		}
		return found;
	}

	/** `column IN (…)` for a list: chunks of bound values in SQLite, one array in PostgreSQL. */
	private inList(column: string, values: readonly string[]): Array<{ sql: string; params: SqlValue[] }> {
		if (values.length === 0) return [];
		if (this.kind === 'postgres') return [{ sql: `${column} = ANY(CAST(? AS TEXT[]))`, params: [[...values]] }];
		// One JSON array, taken apart by SQLite: one statement and one parameter however many keys.
		return [{ sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values)] }];
	}

	private async runs(executor: SqlExecutor, runIds: readonly string[]): Promise<Map<string, JournalRun>> {
		const found = new Map<string, JournalRun>();
		for (const list of this.inList('run_id', runIds)) {
			const rows = await executor.all(`SELECT * FROM lb_runs WHERE ${list.sql}`, list.params);
			for (const row of rows) found.set(String(row.run_id), runFrom(row));
		}
		return found;
	}

	/**
	 * Writes rows, many per statement: `columns` of each; the primary key decides insert or update,
	 * and an update sets `updated`, only where `condition` holds. A column with one value for every
	 * row (the target, the run, the time) is bound once per statement, not once per row: on a
	 * run's 10,000 claims that halves the values sent.
	 */
	private async upsert(executor: SqlExecutor, entries: readonly JournalEntry[], columns: readonly Column[], updated: readonly string[], condition = ''): Promise<void> {
		if (entries.length === 0) return;
		const update = updated.map((column) => (column === 'posted_at' ? 'posted_at = COALESCE(excluded.posted_at, lb_documents.posted_at)' : `${column} = excluded.${column}`)).join(', ');
		// The varying columns as one JSON array of rows, taken apart by the database itself
		// (SQLite's json_each, PostgreSQL's json_array_elements), the columns every row shares bound
		// once: a handful of parameters for 10,000 rows instead of one per value.
		const first = entries[0];
		const constant = columns.filter((column) => {
			const value = columnValue(first, column);
			return entries.every((entry) => columnValue(entry, column) === value);
		});
		const varying = columns.filter((column) => !constant.includes(column));
		const postgres = this.kind === 'postgres';
		const typed = (column: Column, expression: string) => (postgres ? `CAST(${expression} AS ${BIGINT_COLUMNS.has(column) ? 'BIGINT' : 'TEXT'})` : expression);
		const select = columns
			.map((column) => typed(column, constant.includes(column) ? '?' : postgres ? `v.value->>${varying.indexOf(column)}` : `json_extract(value, '$[${varying.indexOf(column)}]')`))
			.join(', ');
		const source = postgres ? 'json_array_elements(CAST(? AS json)) AS v' : 'json_each(?)';
		await executor.run(
			`INSERT INTO lb_documents (${columns.join(', ')}) SELECT ${select} FROM ${source} WHERE true
			 ON CONFLICT (system, scope, identity) DO UPDATE SET ${update} ${condition}`,
			[...constant.map((column) => columnValue(first, column)), JSON.stringify(entries.map((entry) => varying.map((column) => columnValue(entry, column))))],
		);
	}
}

const BIGINT_COLUMNS: ReadonlySet<Column> = new Set(['claimed_at', 'posted_at', 'updated_at']);

function lockKey(target: JournalTarget): string {
	return `documents:${target.system}:${target.scope}`;
}

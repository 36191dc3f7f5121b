/**
 * One journal per file or database and process, opened on first use and kept open: n8n is a
 * long-running process, and every posting node of every execution shares it.
 */
import { createHash } from 'node:crypto';

import { openPostgresJournal, type PostgresJournalSettings } from './postgres';
import { defaultJournalFile, openSqliteJournal } from './sqlite';
import type { PostingJournal } from './types';

export type JournalSettings = { kind: 'embedded'; file?: string } | { kind: 'postgres'; postgres: PostgresJournalSettings };

const OPEN_KEY = Symbol.for('ledger-bridge.posting.openJournals');
const registry = globalThis as unknown as Record<symbol, Map<string, Promise<PostingJournal>> | undefined>;
const open: Map<string, Promise<PostingJournal>> = (registry[OPEN_KEY] ??= new Map());

function keyOf(settings: JournalSettings): string {
	if (settings.kind === 'embedded') return `sqlite:${settings.file ?? defaultJournalFile()}`;
	const { host, port, database, user, password, schema, ssl } = settings.postgres;
	// The password only as a hash: a changed credential gets its own pool.
	const secret = createHash('sha256').update(password).digest('hex').slice(0, 16);
	return `postgres:${user}@${host}:${port}/${database}/${schema}/${ssl}/${secret}`;
}

export function openJournal(settings: JournalSettings): Promise<PostingJournal> {
	const key = keyOf(settings);
	let journal = open.get(key);
	if (!journal) {
		journal = settings.kind === 'embedded' ? openSqliteJournal(settings.file ?? defaultJournalFile()) : openPostgresJournal(settings.postgres);
		open.set(key, journal);
		// A journal that could not be opened is tried again next time (the folder may be fixed by then).
		journal.catch(() => open.delete(key));
	}
	return journal;
}

/** Closes every journal this process opened (tests, benchmarks). */
export async function closeJournals(): Promise<void> {
	const journals = [...open.values()];
	open.clear();
	await Promise.all(journals.map(async (journal) => (await journal.catch(() => undefined))?.close()));
}

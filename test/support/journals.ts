/**
 * Journals for tests: an embedded SQLite file in a temporary folder, or a PostgreSQL journal on
 * a private cluster the test starts (scripts/lib/services.js).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { JournalSettings } from '../../lib/posting/journal/open';
import type { PostgresJournalSettings } from '../../lib/posting/journal/postgres';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require('../../scripts/lib/services') as {
	startPostgres(options?: { databases?: string[] }): Promise<{ host: string; port: number; user: string; password: string; createDatabase(name: string): void; stop(): void }>;
	startRedis(): Promise<{ host: string; port: number; stop(): Promise<void> }>;
	freePort(): Promise<number>;
};

export { services };

export function temporaryJournalFile(): { file: string; remove(): void } {
	const folder = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-journal-'));
	return { file: path.join(folder, 'posting-journal.sqlite'), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export interface TestPostgres {
	settings(database: string, schema?: string): PostgresJournalSettings;
	journal(database: string, schema?: string): JournalSettings;
	createDatabase(name: string): void;
	stop(): void;
}

export async function startTestPostgres(databases: string[] = ['journal']): Promise<TestPostgres> {
	const server = await services.startPostgres({ databases });
	const settings = (database: string, schema = 'ledger_bridge'): PostgresJournalSettings => ({
		host: server.host,
		port: server.port,
		database,
		user: server.user,
		password: server.password,
		schema,
		ssl: 'disable',
	});
	return {
		settings,
		journal: (database, schema) => ({ kind: 'postgres', postgres: settings(database, schema) }),
		createDatabase: (name) => server.createDatabase(name),
		stop: () => server.stop(),
	};
}

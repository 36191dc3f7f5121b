/**
 * The ODBC connection to a Sage company (or any ODBC source), through the `odbc` package and
 * the machine's unixODBC/Windows driver manager. Sage 50's own drivers are read-only
 * (reference §1): the connection is for look-ups, duplicate checks and payment status.
 */
import type odbc from 'odbc';

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

/** The connection string the driver receives; the password is added last and never logged. */
export function connectionString(settings: SageConnectionSettings): string {
	const base = settings.connection.trim();
	const parts = base.includes('=') ? [base.replace(/;+$/, '')] : [`DSN=${base}`];
	const has = (key: string) => new RegExp(`(^|;)\\s*${key}\\s*=`, 'i').test(parts[0]);
	if (settings.dataPath && !has('DIR')) parts.push(`DIR=${settings.dataPath}`);
	if (settings.companyFile && !has('DBQ') && !has('Database')) parts.push(`DBQ=${settings.companyFile}`);
	if (settings.user && !has('UID')) parts.push(`UID=${settings.user}`);
	if (!has('PWD')) parts.push(`PWD=${settings.password ?? ''}`);
	return parts.join(';');
}

/** Errors from the driver can echo the connection string: the password never leaves here. */
export function withoutSecrets(message: string, settings: Pick<SageConnectionSettings, 'password'>): string {
	let text = message.replace(/(PWD\s*=)[^;]*/gi, '$1***');
	if (settings.password) text = text.split(settings.password).join('***');
	return text;
}

export class SageConnectionError extends Error {
	constructor(
		message: string,
		readonly odbcState?: string,
	) {
		super(message);
		this.name = 'SageConnectionError';
	}
}

export async function connect(settings: SageConnectionSettings): Promise<SageConnection> {
	let raw: odbc.Connection;
	try {
		// Loaded on first use: a machine without unixODBC can still run every other node.
		const driverManager = (await import('odbc')).default;
		raw = await driverManager.connect(connectionString(settings));
	} catch (error) {
		throw describeOdbcError(error, settings, 'Could not connect to the Sage company');
	}
	let count = 0;
	const wrap = (connection: odbc.Connection): SageConnection => ({
		get queryCount() {
			return count;
		},
		async query<T>(sql: string, parameters: Array<string | number | null> = []) {
			count += 1;
			try {
				// Values always travel as bound parameters, never inside the SQL text: account
				// names carry quotes, semicolons and "--" (O'Brien; Smith -- Jones).
				const result = await connection.query(sql, parameters as Array<string | number>);
				return [...(result as unknown as T[])];
			} catch (error) {
				throw describeOdbcError(error, settings, 'The Sage query failed');
			}
		},
		async transaction<T>(work: (inner: SageConnection) => Promise<T>) {
			await connection.beginTransaction();
			try {
				const result = await work(wrapped);
				await connection.commit();
				return result;
			} catch (error) {
				await connection.rollback();
				throw error;
			}
		},
		async close() {
			await connection.close();
		},
	});
	const wrapped = wrap(raw);
	return wrapped;
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

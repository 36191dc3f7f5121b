/**
 * Reference data read once per run (never once per document): the codes Sage knows, and
 * the documents it already holds.
 */
import type { SageConnection, SageEdition } from './connection';
import { CREDIT_STATUSES, CreditStatusUnavailableError, customerCredit, type CustomerCredit } from './credit';
import { SAGE_TABLES } from './schema';

export type LookupKind = 'customers' | 'suppliers' | 'nominalAccounts' | 'taxCodes' | 'departments';

export interface CodeAndName {
	code: string;
	name: string;
}

export async function lookUp(connection: SageConnection, edition: SageEdition, kind: LookupKind): Promise<CodeAndName[]> {
	const source = SAGE_TABLES[edition][kind];
	if (!source) return [];
	const where = 'live' in source && source.live ? ` WHERE ${source.live}` : '';
	const rows = await connection.query<Record<string, unknown>>(
		`SELECT ${source.code} AS CODE, ${source.name} AS NAME FROM ${source.table}${where} ORDER BY ${source.code}`,
	);
	return rows.map((row) => ({ code: String(row.CODE ?? '').trim(), name: String(row.NAME ?? '').trim() }));
}

/**
 * The company's control accounts (debtors, creditors, VAT, bank…) as upper-case codes, to
 * leave out of the lists of accounts a line may be posted to. Empty where the edition keeps
 * none we know of, or where the table cannot be read (a generic ODBC ledger need not have
 * one): the list then shows every account rather than none.
 */
export async function controlAccounts(connection: SageConnection, edition: SageEdition): Promise<Set<string>> {
	const source = SAGE_TABLES[edition].controlAccounts;
	if (!source) return new Set();
	let rows: Array<Record<string, unknown>>;
	try {
		rows = await connection.query<Record<string, unknown>>(`SELECT ${source.columns.join(', ')} FROM ${source.table}`);
	} catch {
		return new Set();
	}
	return new Set(rows.flatMap((row) => source.columns.map((column) => String(row[column] ?? '').trim().toUpperCase())).filter((code) => code !== ''));
}

/** The nominal accounts a sales or purchase line may be posted to: all but the control accounts. */
export async function lineNominalAccounts(connection: SageConnection, edition: SageEdition): Promise<CodeAndName[]> {
	const accounts = await lookUp(connection, edition, 'nominalAccounts');
	const control = await controlAccounts(connection, edition);
	return accounts.filter((account) => !control.has(account.code.toUpperCase()));
}

export interface ReferenceData {
	customers: Set<string>;
	suppliers: Set<string>;
	nominalAccounts: Set<string>;
	taxCodes: Set<string>;
	/** Undefined when the edition has no department table to check against. */
	departments?: Set<string>;
	/** Each customer's credit limit and balance (upper-case code), when the run checks credit limits. */
	credit?: Map<string, CustomerCredit>;
}

export interface ReferenceOptions {
	/** Read credit limits and balances with the customers; "limitsAndStatus" adds the (unconfirmed) status column. */
	credit?: 'limits' | 'limitsAndStatus';
}

/**
 * Five queries per run, whatever the number of documents: credit limits come with the
 * customers, in the same query.
 */
export async function loadReferenceData(connection: SageConnection, edition: SageEdition, options: ReferenceOptions = {}): Promise<ReferenceData> {
	const codes = async (kind: LookupKind) => new Set((await lookUp(connection, edition, kind)).map((entry) => entry.code.toUpperCase()));
	const credit = options.credit ? await customersWithCredit(connection, edition, options.credit === 'limitsAndStatus') : undefined;
	return {
		customers: credit ? new Set(credit.keys()) : await codes('customers'),
		suppliers: await codes('suppliers'),
		nominalAccounts: await codes('nominalAccounts'),
		taxCodes: await codes('taxCodes'),
		departments: SAGE_TABLES[edition].departments ? await codes('departments') : undefined,
		...(credit ? { credit } : {}),
	};
}

async function customersWithCredit(connection: SageConnection, edition: SageEdition, withStatus: boolean): Promise<Map<string, CustomerCredit>> {
	const source = SAGE_TABLES[edition].customers;
	if (!source.credit) throw new CreditStatusUnavailableError(`Ledger Bridge does not know where ${edition} keeps customers' credit limits.`);
	const where = source.live ? ` WHERE ${source.live}` : '';
	const status = withStatus ? `, ${source.credit.status} AS CREDIT_STATUS` : '';
	let rows: Array<Record<string, unknown>>;
	try {
		rows = await connection.query<Record<string, unknown>>(
			`SELECT ${source.code} AS CODE, ${source.name} AS NAME, ${source.credit.limit} AS CREDIT_LIMIT, ${source.credit.balance} AS BALANCE${status} FROM ${source.table}${where} ORDER BY ${source.code}`,
		);
	} catch (error) {
		if (!withStatus) throw error;
		// The status column is not in our reference for Sage 50 UK: say so rather than pass on
		// the driver's bare "no such column".
		throw new CreditStatusUnavailableError(
			`"Use Each Customer's Credit Status" needs a ${source.credit.status} column in ${source.table} holding ${CREDIT_STATUSES.join(', ')}, and Sage did not answer for it (${(error as Error).message}).`,
		);
	}
	return new Map(
		rows.map((row) => [
			String(row.CODE ?? '').trim().toUpperCase(),
			customerCredit({ name: row.NAME, limit: row.CREDIT_LIMIT, balance: row.BALANCE, ...(withStatus ? { status: row.CREDIT_STATUS ?? null } : {}) }),
		]),
	);
}

const DUPLICATE_CHECK_BATCH = 100;

/**
 * Which references are already posted, as "ACCOUNT|TYPE|REFERENCE" keys (Sage 50 UK keeps
 * an invoice and a credit note with the same number apart by type), asking about 100
 * references per query: a run of 10,000 documents costs 100 queries, not 10,000.
 */
export async function postedReferences(
	connection: SageConnection,
	edition: SageEdition,
	references: readonly string[],
): Promise<Set<string>> {
	const source = SAGE_TABLES[edition].postedDocuments;
	const unique = [...new Set(references.filter((reference) => reference.trim() !== ''))];
	const found = new Set<string>();
	for (let start = 0; start < unique.length; start += DUPLICATE_CHECK_BATCH) {
		const batch = unique.slice(start, start + DUPLICATE_CHECK_BATCH);
		const live = source.live ? ` AND ${source.live}` : '';
		const rows = await connection.query<Record<string, unknown>>(
			`SELECT ${source.account} AS ACCOUNT, ${source.type ? `${source.type} AS TYPE, ` : ''}${source.reference} AS REFERENCE FROM ${source.table} WHERE ${source.reference} IN (${batch.map(() => '?').join(', ')})${live}`,
			batch,
		);
		for (const row of rows) {
			found.add(postedKey(String(row.ACCOUNT ?? ''), String(row.REFERENCE ?? ''), row.TYPE === undefined ? undefined : String(row.TYPE)));
		}
	}
	return found;
}

export function postedKey(account: string, reference: string, type?: string): string {
	return `${account.trim().toUpperCase()}|${(type ?? '').trim().toUpperCase()}|${reference.trim().toUpperCase()}`;
}

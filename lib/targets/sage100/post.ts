/**
 * One Sage 100 run, in the order the platform's own Sage connector works (seed 002): customers
 * ("Pull customers"), then projects ("Pull projects"), then invoices checked ("Check
 * invoices") and posted ("Pull invoices"). The Sage Import node runs one step or all of them;
 * every record ends with a status the platform can show as its "synchronised" tick:
 *
 *   customers  created · updated · alreadyInSage · rejected
 *   projects   created · alreadyInSage · rejected
 *   invoices   ready (Check Invoices) · posted · alreadyPosted · skipped · rejected
 *
 * Reference data is read once per run; each customer, project and invoice is written in a
 * transaction of its own (an invoice's entry lines and analytic lines together, or nothing),
 * retried while another user holds the company locked.
 */
import { describeDocument, type LedgerDocument } from '../../model/document';
import { capitalise, validateDocument } from '../../model/validate';
import type { Failure } from '../../report/failureCodes';
import type { SageConnection } from '../sageOdbc/connection';
import { checkInvoice } from './checks';
import { insertCustomer, planCustomers, updateCustomer } from './customers';
import type { PlannedEntry } from './entries';
import { differences, findPostedInvoices } from './posted';
import { insertSection, planProjects } from './projects';
import { checkSage100Settings, loadSage100Reference, type Sage100Reference } from './reference';
import { SAGE100_TABLES, THIRD_PARTY_TYPE } from './schema';
import { checkCompanyFile, type Sage100Settings } from './settings';

export type Sage100Operation = 'syncCustomers' | 'syncProjects' | 'checkInvoices' | 'postInvoices' | 'synchronise';
export type Sage100RecordKind = 'customer' | 'project' | 'invoice';
export type Sage100StatusName = 'created' | 'updated' | 'alreadyInSage' | 'ready' | 'posted' | 'alreadyPosted' | 'skipped' | 'rejected';

/** The statuses that mean "this record is in Sage as the platform sent it". */
export const SYNCHRONISED: ReadonlySet<Sage100StatusName> = new Set(['created', 'updated', 'alreadyInSage', 'posted', 'alreadyPosted']);

export interface Sage100Status {
	record: Sage100RecordKind;
	/** The caller's position of the record (the n8n node: its position among the documents read). */
	index: number;
	input: unknown;
	/** Customer or project code, or invoice number. */
	key: string | null;
	status: Sage100StatusName;
	/** The platform's "synchronised" tick. */
	synchronised: boolean;
	message: string;
	/** Why it was rejected, or skipped (one failure with SAGE100_BEFORE_PERIOD_START). */
	failures: Failure[];
	/** Texts shortened to fit Sage's columns. */
	adjusted: string[];
	/** Invoices that are (or would be) in the journal. */
	entry?: { journal: string; piece: string; date: string; total: string; currency: string; lines: number; entryNumbers: number[]; projects: string[] };
}

export interface Sage100Input {
	customers?: Array<{ index: number; input: unknown }>;
	projects?: Array<{ index: number; input: unknown }>;
	invoices?: Array<{ index: number; input: unknown }>;
}

export interface Sage100RunResult {
	/** Customers, then projects, then invoices, each in the order they came. */
	statuses: Sage100Status[];
	queries: { referenceData: number; duplicateCheck: number; writing: number; total: number };
}

const STEPS: Record<Sage100Operation, { customers: boolean; projects: boolean; invoices: 'check' | 'post' | false }> = {
	syncCustomers: { customers: true, projects: false, invoices: false },
	syncProjects: { customers: false, projects: true, invoices: false },
	checkInvoices: { customers: false, projects: false, invoices: 'check' },
	postInvoices: { customers: false, projects: false, invoices: 'post' },
	synchronise: { customers: true, projects: true, invoices: 'post' },
};

const DEFAULT_LOCK_RETRY_DELAYS_MS = [500, 2000, 5000];

export async function runSage100(connection: SageConnection, operation: Sage100Operation, input: Sage100Input, settings: Sage100Settings): Promise<Sage100RunResult> {
	checkCompanyFile(settings.companyFile);
	const steps = STEPS[operation];
	const customers = steps.customers ? (input.customers ?? []) : [];
	const projects = steps.projects ? (input.projects ?? []) : [];
	const invoices = steps.invoices ? (input.invoices ?? []) : [];

	const start = connection.queryCount;
	const reference = await loadSage100Reference(connection, settings);
	const afterReference = connection.queryCount;
	checkSage100Settings(reference, settings, { journal: steps.invoices !== false, customerAccount: customers.length > 0 });

	const statuses: Sage100Status[] = [];
	statuses.push(...(await syncCustomers(connection, customers, reference, settings)));
	statuses.push(...(await syncProjects(connection, projects, reference, settings)));
	let duplicateCheck = 0;
	if (steps.invoices) {
		const outcome = await handleInvoices(connection, invoices, reference, settings, steps.invoices);
		statuses.push(...outcome.statuses);
		duplicateCheck = outcome.duplicateCheckQueries;
	}
	const total = connection.queryCount - start;
	return {
		statuses,
		queries: { referenceData: afterReference - start, duplicateCheck, writing: total - (afterReference - start) - duplicateCheck, total },
	};
}

function status(fields: Omit<Sage100Status, 'synchronised' | 'failures' | 'adjusted'> & Partial<Pick<Sage100Status, 'failures' | 'adjusted'>>): Sage100Status {
	return { failures: [], adjusted: [], ...fields, synchronised: SYNCHRONISED.has(fields.status) };
}

function rejected(record: Sage100RecordKind, index: number, input: unknown, key: string | null, failures: Failure[]): Sage100Status {
	return status({ record, index, input, key, status: 'rejected', message: failures.map((failure) => failure.message).join(' '), failures });
}

async function syncCustomers(connection: SageConnection, inputs: Array<{ index: number; input: unknown }>, reference: Sage100Reference, settings: Sage100Settings): Promise<Sage100Status[]> {
	const statuses: Sage100Status[] = [];
	for (const plan of planCustomers(inputs, reference, settings)) {
		if (plan.status === 'rejected') {
			statuses.push(rejected('customer', plan.index, plan.input, codeOf(plan.input), plan.failures));
			continue;
		}
		const { record } = plan;
		const label = `Customer ${record.code}${record.name ? ` (${record.name})` : ''}`;
		if (plan.status === 'alreadyInSage') {
			statuses.push(status({ record: 'customer', index: plan.index, input: plan.input, key: record.code, status: 'alreadyInSage', message: plan.message }));
			continue;
		}
		const write = await writeInTransaction(connection, settings, (inner) => (plan.status === 'create' ? insertCustomer(inner, record) : updateCustomer(inner, record)));
		if (!write.ok) {
			statuses.push(rejected('customer', plan.index, plan.input, record.code, [writeFailure(write, label, 'customer')]));
			continue;
		}
		reference.thirdParties.set(record.code.toUpperCase(), {
			code: record.code,
			name: record.name,
			type: THIRD_PARTY_TYPE.customer,
			account: plan.status === 'create' ? record.account : (reference.thirdParties.get(record.code.toUpperCase())?.account ?? record.account),
			columns: Object.fromEntries(Object.entries(record.columns).map(([column, value]) => [column, value ?? ''])),
		});
		statuses.push(
			status({
				record: 'customer',
				index: plan.index,
				input: plan.input,
				key: record.code,
				status: plan.status === 'create' ? 'created' : 'updated',
				message:
					plan.status === 'create'
						? `${label} created in Sage (collective account ${record.account}).`
						: `${label} updated in Sage (${plan.changed.join(', ')}).`,
				adjusted: record.adjusted,
			}),
		);
	}
	return statuses;
}

async function syncProjects(connection: SageConnection, inputs: Array<{ index: number; input: unknown }>, reference: Sage100Reference, settings: Sage100Settings): Promise<Sage100Status[]> {
	const statuses: Sage100Status[] = [];
	const plan = reference.plan;
	if (!plan) return statuses;
	for (const project of planProjects(inputs, reference)) {
		if (project.status === 'rejected') {
			statuses.push(rejected('project', project.index, project.input, codeOf(project.input), project.failures));
			continue;
		}
		const { section } = project;
		if (project.status === 'alreadyInSage') {
			statuses.push(status({ record: 'project', index: project.index, input: project.input, key: section.code, status: 'alreadyInSage', message: project.message }));
			continue;
		}
		const label = `Project ${section.code} (${section.name})`;
		const write = await writeInTransaction(connection, settings, (inner) => insertSection(inner, plan.number, reference.level?.number, section));
		if (!write.ok) {
			statuses.push(rejected('project', project.index, project.input, section.code, [writeFailure(write, label, 'project')]));
			continue;
		}
		reference.sections.set(section.code.toUpperCase(), { code: section.code, name: section.name });
		statuses.push(
			status({
				record: 'project',
				index: project.index,
				input: project.input,
				key: section.code,
				status: 'created',
				message: `${label} created as a section of plan ${plan.name}${reference.level ? `, analysis level ${reference.level.name}` : ''}.`,
				adjusted: section.adjusted,
			}),
		);
	}
	return statuses;
}

async function handleInvoices(
	connection: SageConnection,
	inputs: Array<{ index: number; input: unknown }>,
	reference: Sage100Reference,
	settings: Sage100Settings,
	mode: 'check' | 'post',
): Promise<{ statuses: Sage100Status[]; duplicateCheckQueries: number }> {
	const statuses = new Map<number, Sage100Status>();
	const ready: Array<{ index: number; input: unknown; document: LedgerDocument; entry: PlannedEntry }> = [];
	const numbers = new Set<string>();
	let taken = 0;
	for (const { index, input } of inputs) {
		const key = numberOf(input);
		const validation = validateDocument(input);
		if (!validation.document || validation.failures.length > 0) {
			statuses.set(index, rejected('invoice', index, input, key, validation.failures));
			continue;
		}
		const document = validation.document;
		const name = capitalise(describeDocument(document));
		if (settings.maxDocuments > 0 && taken >= settings.maxDocuments) {
			statuses.set(
				index,
				rejected('invoice', index, input, key, [{ code: 'MAX_DOCUMENTS_REACHED', message: `${name} was not processed: this run stops after ${settings.maxDocuments} invoices.` }]),
			);
			continue;
		}
		taken += 1;
		const number = (document.header?.number ?? '').trim().toUpperCase();
		if (number && numbers.has(number)) {
			statuses.set(
				index,
				rejected('invoice', index, input, key, [
					{ code: 'DUPLICATE_IN_BATCH', field: 'header.number', message: `${name}: the number ${document.header?.number} appears twice in this call; only the first is taken.` },
				]),
			);
			continue;
		}
		numbers.add(number);
		const check = checkInvoice(document, reference, settings);
		if (check.status === 'rejected') statuses.set(index, rejected('invoice', index, input, key, check.failures));
		else if (check.status === 'skipped') statuses.set(index, status({ record: 'invoice', index, input, key, status: 'skipped', message: check.failure.message, failures: [check.failure] }));
		else ready.push({ index, input, document, entry: check.entry });
	}

	const before = connection.queryCount;
	const posted = await findPostedInvoices(
		connection,
		settings.salesJournal.trim().toUpperCase(),
		ready.map(({ entry }) => entry.piece),
	);
	const duplicateCheckQueries = connection.queryCount - before;

	for (const { index, input, document, entry } of ready) {
		const name = capitalise(describeDocument(document));
		const inSage = posted.get(entry.piece.toUpperCase());
		const summary = entrySummary(entry, document, settings, inSage?.lines.map((line) => line.entryNumber) ?? []);
		if (inSage) {
			const changes = differences(inSage, entry);
			if (changes.length === 0) {
				statuses.set(
					index,
					status({
						record: 'invoice',
						index,
						input,
						key: entry.piece,
						status: 'alreadyPosted',
						message: `${name} is already in Sage (journal ${entry.journal}, piece ${inSage.piece}, dated ${inSage.date}); it is not posted again.`,
						entry: summary,
					}),
				);
			} else {
				statuses.set(
					index,
					rejected('invoice', index, input, entry.piece, [
						{
							code: 'SAGE100_INVOICE_CHANGED',
							message: `${name} is already in Sage (journal ${entry.journal}, piece ${inSage.piece}) but has changed: ${changes.join('; ')}. Once imported, an invoice cannot change: issue a credit note on the platform to reverse it, and a new invoice.`,
						},
					]),
				);
			}
			continue;
		}
		if (mode === 'check') {
			statuses.set(
				index,
				status({
					record: 'invoice',
					index,
					input,
					key: entry.piece,
					status: 'ready',
					message: `${name} is ready for journal ${entry.journal}: ${entry.lines.length} entry lines, total ${summary.total} ${summary.currency}.`,
					adjusted: entry.adjusted,
					entry: summary,
				}),
			);
			continue;
		}
		const write = await writeInTransaction(connection, settings, (inner) => insertEntry(inner, entry, reference.plan?.number ?? 0));
		if (!write.ok) {
			statuses.set(index, rejected('invoice', index, input, entry.piece, [writeFailure(write, name, 'invoice')]));
			continue;
		}
		const allocated = summary.projects.length > 0 ? `, allocated to project ${summary.projects.join(', ')}` : '';
		statuses.set(
			index,
			status({
				record: 'invoice',
				index,
				input,
				key: entry.piece,
				status: 'posted',
				message: `${name} posted to journal ${entry.journal} as piece ${entry.piece}: ${entry.lines.length} entry lines, total ${summary.total} ${summary.currency}${allocated}.`,
				adjusted: entry.adjusted,
				entry: { ...summary, entryNumbers: write.value },
			}),
		);
	}
	return { statuses: inputs.map(({ index }) => statuses.get(index)!), duplicateCheckQueries };
}

function entrySummary(entry: PlannedEntry, document: LedgerDocument, settings: Sage100Settings, entryNumbers: number[]): NonNullable<Sage100Status['entry']> {
	const customerLine = entry.lines.find((line) => line.role === 'customer');
	return {
		journal: entry.journal,
		piece: entry.piece,
		date: entry.date,
		total: (customerLine?.foreignAmount ?? customerLine?.amount)?.toFixed(2) ?? '0.00',
		currency: (document.header?.currency ?? settings.companyCurrency).toUpperCase(),
		lines: entry.lines.length,
		entryNumbers,
		projects: [...new Set(entry.lines.flatMap((line) => (line.project ? [line.project] : [])))],
	};
}

/** The entry lines and their analytic allocations, numbered after the journal's last EC_No. */
async function insertEntry(connection: SageConnection, entry: PlannedEntry, planNumber: number): Promise<number[]> {
	const [last] = await connection.query<{ LAST: number | string | null }>(`SELECT MAX(EC_No) AS LAST FROM ${SAGE100_TABLES.entries}`);
	let next = Number(last?.LAST ?? 0) + 1;
	const numbers: number[] = [];
	for (const line of entry.lines) {
		await connection.query(
			`INSERT INTO ${SAGE100_TABLES.entries} (JO_Num, EC_No, JM_Date, EC_Jour, EC_Date, EC_Piece, EC_RefPiece, CG_Num, CG_NumCont, CT_Num, EC_Intitule, EC_Echeance, EC_Sens, EC_Montant, EC_Reference, N_Devise, EC_Devise, TA_Code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[
				entry.journal,
				next,
				entry.period,
				entry.day,
				entry.date,
				entry.piece,
				entry.piece,
				line.account,
				line.counterpart,
				line.customer,
				line.label,
				line.dueDate,
				line.direction,
				line.amount.toFixed(2),
				entry.reference,
				entry.currency,
				line.foreignAmount?.toFixed(2) ?? null,
				line.vatCode,
			],
		);
		if (line.project) {
			await connection.query(`INSERT INTO ${SAGE100_TABLES.analyticEntries} (EC_No, N_Analytique, EA_Ligne, CA_Num, EA_Montant, EA_Quantite) VALUES (?, ?, ?, ?, ?, ?)`, [
				next,
				planNumber,
				1,
				line.project,
				line.amount.toFixed(2),
				0,
			]);
		}
		numbers.push(next);
		next += 1;
	}
	return numbers;
}

type WriteOutcome<T> = { ok: true; value: T } | { ok: false; locked: boolean; detail: string };

/** SQLite's "database is locked", SQL Server's lock time-out and deadlock victim: worth waiting for. */
const LOCKED = /database (table )?is locked|lock request time ?out|deadlock/i;

/**
 * `work` in one transaction, attempted again after each wait while the company is locked by
 * someone else; any other refusal is final (a closed period does not open by waiting).
 */
async function writeInTransaction<T>(connection: SageConnection, settings: Pick<Sage100Settings, 'lockRetryDelaysMs'>, work: (inner: SageConnection) => Promise<T>): Promise<WriteOutcome<T>> {
	const delays = settings.lockRetryDelaysMs ?? DEFAULT_LOCK_RETRY_DELAYS_MS;
	for (let attempt = 0; ; attempt += 1) {
		try {
			return { ok: true, value: await connection.transaction(work) };
		} catch (error) {
			const detail = String((error as Error).message ?? error).replace(/^The Sage query failed: /, '');
			const locked = LOCKED.test(detail);
			if (!locked || attempt >= delays.length) return { ok: false, locked, detail };
			await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
		}
	}
}

function writeFailure(outcome: { locked: boolean; detail: string }, label: string, what: 'customer' | 'project' | 'invoice'): Failure {
	const nothing = what === 'invoice' ? 'none of its entry lines was written' : 'nothing was written';
	return outcome.locked
		? {
				code: 'SAGE100_LOCKED',
				message: `${label}: the Sage company stayed locked by another user or program (${outcome.detail.replace(/\.$/, '')}); ${nothing}. Close Sage 100 on the company and send it again.`,
			}
		: { code: 'SAGE100_REFUSED', message: `${label}: Sage refused it: ${outcome.detail.replace(/\.$/, '')}; ${nothing}.` };
}

function codeOf(input: unknown): string | null {
	if (!input || typeof input !== 'object') return null;
	const record = input as { code?: unknown; party?: { code?: unknown } };
	const code = record.party?.code ?? record.code;
	return typeof code === 'string' && code.trim() ? code.trim() : null;
}

function numberOf(input: unknown): string | null {
	const number = input && typeof input === 'object' ? (input as { header?: { number?: unknown } }).header?.number : undefined;
	return typeof number === 'string' && number.trim() ? number.trim() : null;
}

/**
 * For Synchronise: customer records to the customers step, every other document to the
 * invoices step (which rejects what is not an invoice or credit note).
 */
export function sortDocuments(documents: Array<{ index: number; input: unknown }>): Required<Pick<Sage100Input, 'customers' | 'invoices'>> {
	const isCustomer = (input: unknown) => Boolean(input) && typeof input === 'object' && (input as { type?: unknown }).type === 'customer';
	return { customers: documents.filter(({ input }) => isCustomer(input)), invoices: documents.filter(({ input }) => !isCustomer(input)) };
}

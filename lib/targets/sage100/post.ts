/**
 * One Sage 100 run, in the order the platform's own Sage connector works (seed 002): customers
 * ("Pull customers"), then projects ("Pull projects"), then invoices checked ("Check
 * invoices") and posted ("Pull invoices"). Each step goes through the posting pipeline with its
 * own adapter (adapters below), so a call sent twice, two calls at once or a call after a
 * crash never creates or posts anything twice; every record ends with a status the platform
 * can show as its "synchronised" tick:
 *
 *   customers  created · updated · alreadyInSage · inProgress · rejected
 *   projects   created · alreadyInSage · inProgress · rejected
 *   invoices   ready (Check Invoices) · posted · alreadyPosted · inProgress · skipped · rejected
 *
 * Reference data is read once per run; each customer, project and invoice is written in a
 * transaction of its own (an invoice's entry lines and analytic lines together, or nothing),
 * retried while another user holds the company locked (connection.ts), and an invoice is looked
 * for again inside its transaction before it is written.
 */
import { describeDocument, type LedgerDocument } from '../../model/document';
import { capitalise, validateDocument } from '../../model/validate';
import { failureSummary, type Failure } from '../../report/failureCodes';
import { contentFingerprint } from '../../posting/fingerprint';
import { ledgerIdentity } from '../../posting/identity';
import type { JournalTarget, TargetReference } from '../../posting/journal/types';
import { runPosting, type DocumentOutcome, type Found, type Identified, type PostingAdapter, type PostingRun, type PostingSink, type Preview, type Verdict } from '../../posting/pipeline';
import { SageBusyError, type SageConnection } from '../../odbc/connection';
import { checkInvoice } from './checks';
import { customerRecord, insertCustomer, planCustomers, updateCustomer, type CustomerPlan } from './customers';
import type { PlannedEntry } from './entries';
import { differences, findPostedInvoices, type PostedInvoice } from './posted';
import { describeProject, insertSection, planProjects, projectSection, type ProjectPlan } from './projects';
import { checkSage100Settings, loadSage100Reference, type Sage100Reference } from './reference';
import { SAGE100_TABLES, THIRD_PARTY_TYPE } from './schema';
import { checkCompanyFile, companyName, type Sage100Settings } from './settings';

export type Sage100Operation = 'syncCustomers' | 'syncProjects' | 'checkInvoices' | 'postInvoices' | 'synchronise';
export type Sage100RecordKind = 'customer' | 'project' | 'invoice';
export type Sage100StatusName = 'created' | 'updated' | 'alreadyInSage' | 'ready' | 'posted' | 'alreadyPosted' | 'inProgress' | 'skipped' | 'rejected';

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

/**
 * Runs the operation's steps under `run` (a Check Invoices run is a dry run of Post Invoices:
 * give it a dry PostingRun). `maxDocuments` in the settings applies to the invoices.
 */
export async function runSage100(connection: SageConnection, operation: Sage100Operation, input: Sage100Input, settings: Sage100Settings, run: PostingRun): Promise<Sage100RunResult> {
	checkCompanyFile(settings.companyFile);
	const steps = STEPS[operation];
	const customers = steps.customers ? (input.customers ?? []) : [];
	const projects = steps.projects ? (input.projects ?? []) : [];
	const invoices = steps.invoices ? (input.invoices ?? []) : [];

	const start = connection.queryCount;
	let reference = await loadSage100Reference(connection, settings);
	const readAt = Date.now();
	const afterReference = connection.queryCount;
	/** Another run created customers or projects after this run read them: its invoices need them read again. */
	let stale = false;
	checkSage100Settings(reference, settings, { journal: steps.invoices !== false, customerAccount: customers.length > 0 });
	const scope = settings.companyFile;
	const company = companyName(settings.companyFile);

	const statuses: Sage100Status[] = [];
	if (customers.length > 0) {
		const adapter = new Sage100CustomerAdapter(connection, reference, settings, scope, company);
		const result = await runPosting(run, adapter, customers);
		statuses.push(...result.outcomes.map((outcome) => customerStatus(outcome, adapter)));
		if (createdByOthers(result.outcomes, readAt)) stale = true;
	}
	if (projects.length > 0 && reference.plan) {
		const adapter = new Sage100ProjectAdapter(connection, reference, scope, company);
		const result = await runPosting(run, adapter, projects);
		statuses.push(...result.outcomes.map((outcome) => projectStatus(outcome, adapter)));
		if (createdByOthers(result.outcomes, readAt)) stale = true;
	}
	let duplicateCheck = 0;
	if (invoices.length > 0 && stale) reference = await loadSage100Reference(connection, settings);
	if (invoices.length > 0) {
		const adapter = new Sage100InvoiceAdapter(connection, reference, settings, scope, company);
		const result = await runPosting(run, adapter, invoices, { maxDocuments: settings.maxDocuments });
		statuses.push(...result.outcomes.map((outcome) => invoiceStatus(outcome, adapter, settings)));
		duplicateCheck = adapter.duplicateCheckQueries;
	}
	const total = connection.queryCount - start;
	return {
		statuses,
		queries: { referenceData: afterReference - start, duplicateCheck, writing: total - (afterReference - start) - duplicateCheck, total },
	};
}

/** Whether another run created any of these records after `readAt` (found in the journal, posted since). */
function createdByOthers(outcomes: readonly DocumentOutcome<unknown>[], readAt: number): boolean {
	return outcomes.some((outcome) => outcome.kind === 'duplicate' && outcome.reason === 'journal' && (outcome.postedAt ?? 0) >= readAt - 1_000);
}

function status(fields: Omit<Sage100Status, 'synchronised' | 'failures' | 'adjusted'> & Partial<Pick<Sage100Status, 'failures' | 'adjusted'>>): Sage100Status {
	return { failures: [], adjusted: [], ...fields, synchronised: SYNCHRONISED.has(fields.status) };
}

function rejected(record: Sage100RecordKind, index: number, input: unknown, key: string | null, failures: Failure[]): Sage100Status {
	return status({ record, index, input, key, status: 'rejected', message: failureSummary(failures), failures });
}

/** The outcome kinds every step shares: rejected, skipped, busy. */
function commonStatus(record: Sage100RecordKind, outcome: DocumentOutcome<never> | DocumentOutcome<LedgerDocument> | DocumentOutcome<unknown>, key: string | null): Sage100Status | undefined {
	if (outcome.kind === 'rejected') return rejected(record, outcome.index, outcome.input, key, outcome.failures);
	if (outcome.kind === 'skipped') return status({ record, index: outcome.index, input: outcome.input, key, status: 'skipped', message: outcome.failure.message, failures: [outcome.failure] });
	if (outcome.kind === 'duplicate' && outcome.reason === 'inProgress') return status({ record, index: outcome.index, input: outcome.input, key, status: 'inProgress', message: outcome.message });
	return undefined;
}

function customerStatus(outcome: DocumentOutcome, adapter: Sage100CustomerAdapter): Sage100Status {
	const key = codeOf(outcome.input);
	const common = commonStatus('customer', outcome, key);
	if (common) return common;
	if (outcome.kind === 'posted') {
		const details = (outcome.details ?? {}) as { status?: 'created' | 'updated'; adjusted?: string[] };
		return status({ record: 'customer', index: outcome.index, input: outcome.input, key, status: details.status ?? 'created', message: outcome.message, adjusted: details.adjusted ?? [] });
	}
	if (outcome.kind === 'preview') return status({ record: 'customer', index: outcome.index, input: outcome.input, key, status: 'ready', message: outcome.message });
	const message = outcome.kind === 'duplicate' ? (adapter.alreadyMessages.get(outcome.identity ?? '') ?? outcome.message) : '';
	return status({ record: 'customer', index: outcome.index, input: outcome.input, key, status: 'alreadyInSage', message });
}

function projectStatus(outcome: DocumentOutcome<unknown>, adapter: Sage100ProjectAdapter): Sage100Status {
	const key = codeOf(outcome.input);
	const common = commonStatus('project', outcome, key);
	if (common) return common;
	if (outcome.kind === 'posted') {
		const details = (outcome.details ?? {}) as { adjusted?: string[] };
		return status({ record: 'project', index: outcome.index, input: outcome.input, key, status: 'created', message: outcome.message, adjusted: details.adjusted ?? [] });
	}
	if (outcome.kind === 'preview') return status({ record: 'project', index: outcome.index, input: outcome.input, key, status: 'ready', message: outcome.message });
	const message = outcome.kind === 'duplicate' ? (adapter.alreadyMessages.get(outcome.identity ?? '') ?? outcome.message) : '';
	return status({ record: 'project', index: outcome.index, input: outcome.input, key, status: 'alreadyInSage', message });
}

function invoiceStatus(outcome: DocumentOutcome, adapter: Sage100InvoiceAdapter, settings: Sage100Settings): Sage100Status {
	const key = numberOf(outcome.input);
	const common = commonStatus('invoice', outcome, key);
	if (common) return common;
	const entry = outcome.identity ? adapter.entries.get(outcome.identity) : undefined;
	const inSage = outcome.identity ? adapter.inSage.get(outcome.identity) : undefined;
	const document = outcome.document as LedgerDocument;
	const summary = entry ? entrySummary(entry, document, settings, inSage?.lines.map((line) => line.entryNumber) ?? []) : undefined;
	if (outcome.kind === 'posted') {
		const numbers = (outcome.reference.entryNumbers as number[] | undefined) ?? [];
		return status({ record: 'invoice', index: outcome.index, input: outcome.input, key: entry?.piece ?? key, status: 'posted', message: outcome.message, adjusted: entry?.adjusted ?? [], entry: summary ? { ...summary, entryNumbers: numbers } : undefined });
	}
	if (outcome.kind === 'preview') {
		return status({ record: 'invoice', index: outcome.index, input: outcome.input, key: entry?.piece ?? key, status: 'ready', message: outcome.message, adjusted: entry?.adjusted ?? [], entry: summary });
	}
	return status({ record: 'invoice', index: outcome.index, input: outcome.input, key: entry?.piece ?? key, status: 'alreadyPosted', message: outcome.kind === 'duplicate' ? outcome.message : '', entry: summary });
}

type WriteOutcome<T> = { ok: true; value: T } | { ok: false; locked: boolean; detail: string };

/** `work` in one transaction; a company locked for the whole waiting time (connection.ts) is SAGE100_LOCKED, any other refusal final. */
async function writeInTransaction<T>(connection: SageConnection, work: (inner: SageConnection) => Promise<T>): Promise<WriteOutcome<T>> {
	try {
		return { ok: true, value: await connection.transaction(work) };
	} catch (error) {
		if (error instanceof SageBusyError) return { ok: false, locked: true, detail: error.detail };
		return { ok: false, locked: false, detail: String((error as Error).message ?? error).replace(/^The Sage query failed: /, '') };
	}
}

function company(scope: string): JournalTarget {
	return { system: 'sage100fr', scope };
}

/** Sync Customers: third parties of type client. "The same customer": its code. */
/** What every Sage 100 adapter shares: the company it posts to, as the journal and the messages name it. */
abstract class Sage100Company {
	readonly target: JournalTarget;
	readonly label: string;

	constructor(
		protected readonly connection: SageConnection,
		protected readonly reference: Sage100Reference,
		scope: string,
		companyLabel: string,
	) {
		this.target = company(scope);
		this.label = `Sage 100 (${companyLabel})`;
	}
}

/** What a sync of master records (customers, projects) plans for each record before writing. */
type SyncPlan = { index: number; input: unknown } & ({ status: 'rejected'; failures: Failure[] } | { status: 'alreadyInSage'; message: string } | { status: string });

/**
 * A sync of master records: each record is planned against the company's reference data once
 * (prepare), and the plan answers the pipeline's questions — already in Sage, refused — until
 * the records are written.
 */
abstract class Sage100Sync<Document, Plan extends SyncPlan> extends Sage100Company {
	readonly alreadyMessages = new Map<string, string>();
	protected readonly plans = new Map<string, Plan>();

	/** The plans of the records, in their order. */
	protected abstract plan(documents: readonly Identified<Document>[]): Plan[];

	/** How a record already in Sage is referred to in the journal. */
	protected abstract referenceOf(plan: Plan): Record<string, string>;

	async prepare(documents: readonly Identified<Document>[]): Promise<void> {
		const plans = this.plan(documents);
		documents.forEach((entry, position) => this.plans.set(entry.identity, plans[position]));
	}

	async lookInTarget(documents: readonly Identified<Document>[]): Promise<Map<string, Found>> {
		const found = new Map<string, Found>();
		for (const entry of documents) {
			const plan = this.plans.get(entry.identity);
			if (plan?.status === 'alreadyInSage' && 'message' in plan) {
				this.alreadyMessages.set(entry.identity, plan.message);
				found.set(entry.identity, { reference: this.referenceOf(plan), message: plan.message });
			}
		}
		return found;
	}

	async check(documents: readonly Identified<Document>[]): Promise<Map<string, Verdict>> {
		const verdicts = new Map<string, Verdict>();
		for (const entry of documents) {
			const plan = this.plans.get(entry.identity);
			if (plan?.status === 'rejected' && 'failures' in plan) verdicts.set(entry.identity, { failures: plan.failures });
		}
		return verdicts;
	}
}

class Sage100CustomerAdapter extends Sage100Sync<LedgerDocument, CustomerPlan> implements PostingAdapter {
	readonly onChange: 'update' | 'ignore';

	constructor(
		connection: SageConnection,
		reference: Sage100Reference,
		private readonly settings: Sage100Settings,
		scope: string,
		companyLabel: string,
	) {
		super(connection, reference, scope, companyLabel);
		// A customer that comes back different is written again only when the node is told to update customers.
		this.onChange = settings.updateExistingCustomers ? 'update' : 'ignore';
	}

	validate(input: unknown): { document?: LedgerDocument; failures: Failure[] } {
		const validation = validateDocument(input);
		// A missing code is the seed's "unique client code required", said in its own words below.
		const failures = validation.failures.filter((failure) => !(failure.code === 'FIELD_REQUIRED' && failure.field === 'party.code'));
		const shaped = Boolean(input) && typeof input === 'object' && !Array.isArray(input) && (input as { type?: unknown }).type === 'customer';
		const document = validation.document ?? (failures.length === 0 && shaped ? (input as LedgerDocument) : undefined);
		if (!document) return { failures };
		if (document.type !== 'customer') {
			return {
				failures: [
					{
						code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
						field: 'type',
						message: `${capitalise(describeDocument(document))}: Sync Customers takes customer records only; send invoices to Check Invoices, Post Invoices or Synchronise.`,
					},
				],
			};
		}
		return { document, failures };
	}

	identify(document: LedgerDocument): string | Failure {
		const missing = customerRecord(document, this.settings).failures.find((failure) => failure.code === 'CUSTOMER_CODE_MISSING');
		return missing ?? ledgerIdentity(document, 'customer');
	}

	repeatedInRun(document: LedgerDocument, others: readonly LedgerDocument[]): Failure {
		const code = (document.party?.code ?? '').trim();
		const name = `Customer ${code}${document.party?.name ? ` (${document.party.name})` : ''}`;
		const named = others.map((other) => (other.party?.name ? `"${other.party.name}"` : 'another customer'));
		return {
			code: 'SAGE100_CODE_NOT_UNIQUE',
			field: 'party.code',
			message: `${name}: the code ${code.toUpperCase()} is also given to ${named.join(', ')} in this call; customer codes must be unique, so none of them was synchronised.`,
		};
	}

	protected plan(documents: readonly Identified[]): CustomerPlan[] {
		return planCustomers(documents.map(({ index, document }) => ({ index, input: document })), this.reference, this.settings);
	}

	protected referenceOf(plan: CustomerPlan): Record<string, string> {
		return { code: 'record' in plan ? plan.record.code : '' };
	}

	async preview(documents: readonly Identified[]): Promise<Map<string, Preview>> {
		const previews = new Map<string, Preview>();
		for (const entry of documents) {
			const plan = this.plans.get(entry.identity);
			if (plan?.status !== 'create' && plan?.status !== 'update') continue;
			previews.set(entry.identity, {
				preview: { table: SAGE100_TABLES.thirdParties, action: plan.status, code: plan.record.code, name: plan.record.name, account: plan.record.account },
				message: `${entry.name} would be ${plan.status === 'create' ? 'created' : 'updated'} in Sage.`,
			});
		}
		return previews;
	}

	async post(documents: readonly Identified[], sink: PostingSink): Promise<void> {
		for (const entry of documents) {
			const plan = this.plans.get(entry.identity);
			if (plan?.status !== 'create' && plan?.status !== 'update') continue;
			const { record } = plan;
			const label = `Customer ${record.code}${record.name ? ` (${record.name})` : ''}`;
			sink.sending([entry.identity]);
			const write = await writeInTransaction(this.connection, (inner) => (plan.status === 'create' ? insertCustomer(inner, record) : updateCustomer(inner, record)));
			if (!write.ok) {
				sink.rejected(entry.identity, [writeFailure(write, label, 'customer')]);
				continue;
			}
			this.reference.thirdParties.set(record.code.toUpperCase(), {
				code: record.code,
				name: record.name,
				type: THIRD_PARTY_TYPE.customer,
				account: plan.status === 'create' ? record.account : (this.reference.thirdParties.get(record.code.toUpperCase())?.account ?? record.account),
				columns: Object.fromEntries(Object.entries(record.columns).map(([column, value]) => [column, value ?? ''])),
			});
			sink.posted(entry.identity, {
				state: 'posted',
				reference: { code: record.code, account: record.account },
				message: plan.status === 'create' ? `${label} created in Sage (collective account ${record.account}).` : `${label} updated in Sage (${plan.changed.join(', ')}).`,
				details: { status: plan.status === 'create' ? 'created' : 'updated', adjusted: record.adjusted },
			});
			await sink.checkpoint();
		}
	}
}

interface ProjectInput {
	code: string;
	name: string;
}

/** Sync Projects: sections of the analytic plan for projects. "The same project": its code. */
class Sage100ProjectAdapter extends Sage100Sync<ProjectInput, ProjectPlan> implements PostingAdapter<ProjectInput> {
	readonly onChange = 'ignore' as const;

	validate(input: unknown): { document?: ProjectInput; failures: Failure[] } {
		const { section, failures } = projectSection(input);
		return section ? { document: input as ProjectInput, failures } : { failures };
	}

	describe(document: ProjectInput): string {
		return describeProject(document);
	}

	identify(document: ProjectInput): string {
		return `project|${String(document.code).trim().toUpperCase()}`;
	}

	fingerprint(document: ProjectInput): string {
		return contentFingerprint({ code: document.code, name: document.name });
	}

	summarise(document: ProjectInput): { detail: string } {
		return { detail: String(document.name ?? '') };
	}

	repeatedInRun(document: ProjectInput): Failure {
		const code = String(document.code).trim();
		return { code: 'SAGE100_CODE_NOT_UNIQUE', field: 'code', message: `Project ${code}: the code ${code} is given to more than one project in this call; project codes must be unique, so none of them was synchronised.` };
	}

	protected plan(documents: readonly Identified<ProjectInput>[]): ProjectPlan[] {
		return planProjects(documents.map(({ index, document }) => ({ index, input: document })), this.reference);
	}

	protected referenceOf(plan: ProjectPlan): Record<string, string> {
		return { code: 'section' in plan ? plan.section.code : '' };
	}

	async preview(documents: readonly Identified<ProjectInput>[]): Promise<Map<string, Preview>> {
		const previews = new Map<string, Preview>();
		for (const entry of documents) {
			const plan = this.plans.get(entry.identity);
			if (plan?.status === 'create') previews.set(entry.identity, { preview: { code: plan.section.code, name: plan.section.name }, message: `${entry.name} would be created as a section of plan ${this.reference.plan?.name}.` });
		}
		return previews;
	}

	async post(documents: readonly Identified<ProjectInput>[], sink: PostingSink): Promise<void> {
		const plan = this.reference.plan!;
		for (const entry of documents) {
			const project = this.plans.get(entry.identity);
			if (project?.status !== 'create') continue;
			const { section } = project;
			const label = `Project ${section.code} (${section.name})`;
			sink.sending([entry.identity]);
			const write = await writeInTransaction(this.connection, (inner) => insertSection(inner, plan.number, this.reference.level?.number, section));
			if (!write.ok) {
				sink.rejected(entry.identity, [writeFailure(write, label, 'project')]);
				continue;
			}
			this.reference.sections.set(section.code.toUpperCase(), { code: section.code, name: section.name });
			sink.posted(entry.identity, {
				state: 'posted',
				reference: { section: section.code, plan: plan.name },
				message: `${label} created as a section of plan ${plan.name}${this.reference.level ? `, analysis level ${this.reference.level.name}` : ''}.`,
				details: { adjusted: section.adjusted },
			});
			await sink.checkpoint();
		}
	}
}

/**
 * Check and Post Invoices: balanced entries in the sales journal. "The same invoice": the
 * journal and the invoice number (EC_RefPiece), whatever its type or customer — a changed
 * invoice is refused with the advice the seed gives (issue a credit note).
 */
class Sage100InvoiceAdapter extends Sage100Company implements PostingAdapter {
	readonly onChange = 'reject' as const;
	readonly entries = new Map<string, PlannedEntry>();
	readonly inSage = new Map<string, PostedInvoice>();
	duplicateCheckQueries = 0;
	private readonly checks = new Map<string, ReturnType<typeof checkInvoice>>();
	private readonly journal: string;

	constructor(
		connection: SageConnection,
		reference: Sage100Reference,
		private readonly settings: Sage100Settings,
		scope: string,
		companyLabel: string,
	) {
		super(connection, reference, scope, companyLabel);
		this.journal = settings.salesJournal.trim().toUpperCase();
	}

	identify(document: LedgerDocument): string | Failure {
		return ledgerIdentity(document, this.journal);
	}

	async prepare(documents: readonly Identified[]): Promise<void> {
		for (const entry of documents) {
			const check = checkInvoice(entry.document, this.reference, this.settings);
			this.checks.set(entry.identity, check);
			if (check.status === 'ready') this.entries.set(entry.identity, check.entry);
		}
		const before = this.connection.queryCount;
		const posted = await findPostedInvoices(this.connection, this.journal, [...this.entries.values()].map((entry) => entry.piece));
		this.duplicateCheckQueries += this.connection.queryCount - before;
		for (const [identity, entry] of this.entries) {
			const inSage = posted.get(entry.piece.toUpperCase());
			if (inSage) this.inSage.set(identity, inSage);
		}
	}

	async lookInTarget(documents: readonly Identified[]): Promise<Map<string, Found>> {
		const found = new Map<string, Found>();
		for (const { identity, name } of documents) {
			const entry = this.entries.get(identity);
			const inSage = this.inSage.get(identity);
			if (!entry || !inSage || differences(inSage, entry).length > 0) continue;
			found.set(identity, {
				reference: { journal: entry.journal, piece: inSage.piece, date: inSage.date, entryNumbers: inSage.lines.map((line) => line.entryNumber) },
				message: `${name} is already in Sage (journal ${entry.journal}, piece ${inSage.piece}, dated ${inSage.date}); it is not posted again.`,
			});
		}
		return found;
	}

	async check(documents: readonly Identified[]): Promise<Map<string, Verdict>> {
		const verdicts = new Map<string, Verdict>();
		for (const { identity, name } of documents) {
			const check = this.checks.get(identity);
			if (check?.status === 'rejected') verdicts.set(identity, { failures: check.failures });
			else if (check?.status === 'skipped') verdicts.set(identity, { skip: check.failure });
			const entry = this.entries.get(identity);
			const inSage = this.inSage.get(identity);
			if (entry && inSage) {
				const changes = differences(inSage, entry);
				verdicts.set(identity, {
					failures: [
						{
							code: 'SAGE100_INVOICE_CHANGED',
							message: `${name} is already in Sage (journal ${entry.journal}, piece ${inSage.piece}) but has changed: ${changes.join('; ')}. Once imported, an invoice cannot change: issue a credit note on the platform to reverse it, and a new invoice.`,
						},
					],
				});
			}
		}
		return verdicts;
	}

	async preview(documents: readonly Identified[]): Promise<Map<string, Preview>> {
		const previews = new Map<string, Preview>();
		for (const { identity, name, document } of documents) {
			const entry = this.entries.get(identity);
			if (!entry) continue;
			const summary = entrySummary(entry, document, this.settings, []);
			previews.set(identity, {
				preview: { journal: entry.journal, piece: entry.piece, date: entry.date, lines: entry.lines.map((line) => ({ account: line.account, customer: line.customer, direction: line.direction, amount: line.amount.toFixed(2), project: line.project ?? null })) },
				message: `${name} is ready for journal ${entry.journal}: ${entry.lines.length} entry lines, total ${summary.total} ${summary.currency}.`,
			});
		}
		return previews;
	}

	async post(documents: readonly Identified[], sink: PostingSink): Promise<void> {
		for (const { identity, name, document } of documents) {
			const entry = this.entries.get(identity);
			if (!entry) continue;
			sink.sending([identity]);
			// Asked again inside the transaction: another call may have posted it since this run read the journal.
			const write = await writeInTransaction(this.connection, async (inner) => {
				const [already] = await inner.query<{ N: number }>(`SELECT COUNT(*) AS N FROM ${SAGE100_TABLES.entries} WHERE JO_Num = ? AND EC_RefPiece = ?`, [entry.journal, entry.piece]);
				if (Number(already?.N ?? 0) > 0) return 'found' as const;
				return insertEntry(inner, entry, this.reference.plan?.number ?? 0);
			});
			if (!write.ok) {
				sink.rejected(identity, [writeFailure(write, name, 'invoice')]);
				continue;
			}
			if (write.value === 'found') {
				sink.found(identity, { reference: { journal: entry.journal, piece: entry.piece }, message: `${name} is already in Sage (journal ${entry.journal}, piece ${entry.piece}): another call posted it while this one was running; it is not posted again.` });
				continue;
			}
			const summary = entrySummary(entry, document, this.settings, write.value);
			const allocated = summary.projects.length > 0 ? `, allocated to project ${summary.projects.join(', ')}` : '';
			const reference: TargetReference = { journal: entry.journal, piece: entry.piece, entryNumbers: write.value };
			sink.posted(identity, {
				state: 'posted',
				reference,
				message: `${name} posted to journal ${entry.journal} as piece ${entry.piece}: ${entry.lines.length} entry lines, total ${summary.total} ${summary.currency}${allocated}.`,
			});
			await sink.checkpoint();
		}
	}

	describeReference(reference: TargetReference): string {
		return reference.piece ? `journal ${String(reference.journal)}, piece ${String(reference.piece)}` : '';
	}
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

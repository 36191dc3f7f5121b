/**
 * What every posting node shares in n8n: the Posting Journal and Dry Run parameters, opening
 * the journal (with the reasons it cannot be used in words a person can act on), running the
 * posting pipeline, and turning its outcomes into the four outputs every posting node has —
 * Posted, Duplicates, Rejected, Run Summary (with the import log).
 */
import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeProperties,
	type IDisplayOptions,
} from 'n8n-workflow';

import { buildImportLog } from '../../lib/report/importLog';
import { openJournal, type JournalSettings } from '../../lib/posting/journal/open';
import type { PostgresJournalSettings } from '../../lib/posting/journal/postgres';
import { JournalUnavailableError, type PostingJournal } from '../../lib/posting/journal/types';
import { PostingRun, PostingSettingsError, PostingStoppedError, runPosting, type DocumentOutcome, type PostingAdapter, type PostingResult } from '../../lib/posting/pipeline';
import { ItemsFile } from './documentFile';
import { rejectedItem, type IncomingDocument } from './items';
import { operationError } from './errors';
import { progressReporter } from './progress';

export const JOURNAL_CREDENTIAL_NAME = 'ledgerBridgeJournalApi';

/** The Posting Journal parameter: where the journal lives. */
export function journalProperty(displayOptions: Pick<INodeProperties, 'displayOptions'> = {}): INodeProperties {
	return {
		displayName: 'Posting Journal',
		name: 'postingJournal',
		type: 'options',
		options: [
			{
				name: 'Embedded (This Machine)',
				value: 'embedded',
				description: "A file beside n8n's own data, shared by every n8n process on this machine; nothing to set up",
			},
			{
				name: 'PostgreSQL (Queue Mode or Several Machines)',
				value: 'postgres',
				description: 'One journal for n8n main and every worker; it may be the database n8n itself uses',
			},
		],
		default: 'embedded',
		description:
			'Where Ledger Bridge records what it sent, so that a rerun, a run overlapping another, or a second worker never posts a document twice',
		...displayOptions,
	};
}

/** Posting Journal and Dry Run, shown where `show` says (a node's posting operations). */
export function postingProperties(show?: IDisplayOptions['show']): INodeProperties[] {
	const displayOptions = show ? { displayOptions: { show } } : {};
	return [
		journalProperty(displayOptions),
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to stop just before sending: every check runs and Posted shows exactly what would be sent (accounts to create, entries and lines, files and their rows); nothing is written, sent or claimed',
			...displayOptions,
		},
	];
}

/** The journal credential's settings; the password stays inside the journal's connection. */
export function postgresSettings(data: IDataObject): PostgresJournalSettings {
	return {
		host: String(data.host ?? 'localhost').trim(),
		port: Number(data.port ?? 5432) || 5432,
		database: String(data.database ?? '').trim(),
		user: String(data.user ?? '').trim(),
		password: String(data.password ?? ''),
		schema: String(data.schema ?? '').trim() || 'ledger_bridge',
		ssl: (['require', 'verify'].includes(String(data.ssl)) ? data.ssl : 'disable') as PostgresJournalSettings['ssl'],
	};
}

/** For a node's methods.credentialTest: connects and creates the journal's tables. */
export async function ledgerBridgeJournalTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	try {
		const journal = await openJournal({ kind: 'postgres', postgres: postgresSettings((credential.data ?? {}) as IDataObject) });
		return { status: 'OK', message: `Connected: ${journal.description}` };
	} catch (error) {
		return { status: 'Error', message: error instanceof JournalUnavailableError ? `${error.message} ${error.fix}` : (error as Error).message };
	}
}

function queueMode(): boolean {
	return process.env.EXECUTIONS_MODE === 'queue' || process.env.N8N_MULTI_MAIN_SETUP_ENABLED === 'true';
}

/** Opens the journal the node is set to; every reason it cannot be used stops the node before anything is posted. */
export async function openNodeJournal(context: IExecuteFunctions): Promise<PostingJournal> {
	const kind = context.getNodeParameter('postingJournal', 0, 'embedded') as string;
	let settings: JournalSettings;
	if (kind === 'postgres') {
		settings = { kind: 'postgres', postgres: postgresSettings((await context.getCredentials(JOURNAL_CREDENTIAL_NAME)) as IDataObject) };
	} else {
		if (queueMode() && !process.env.LEDGER_BRIDGE_JOURNAL_FILE) {
			throw operationError(
				context.getNode(),
				'n8n runs in queue mode, where each worker would keep an embedded posting journal of its own and two workers could post the same document.',
				{
					description:
						'Set Posting Journal to PostgreSQL and choose a Ledger Bridge Journal credential every worker can reach (the database n8n uses will do). Nothing was posted.',
				},
			);
		}
		settings = { kind: 'embedded' };
	}
	try {
		return await openJournal(settings);
	} catch (error) {
		if (error instanceof JournalUnavailableError) throw operationError(context.getNode(), error.message, { description: error.fix });
		throw error;
	}
}

function executionMetadata(context: IExecuteFunctions): { executionId?: string; workflowId?: string; workflowName?: string; nodeName: string } {
	let executionId: string | undefined;
	let workflow: { id?: string; name?: string } = {};
	try {
		executionId = context.getExecutionId() || undefined;
	} catch {
		executionId = undefined;
	}
	try {
		workflow = context.getWorkflow();
	} catch {
		workflow = {};
	}
	return { executionId, workflowId: workflow.id ? String(workflow.id) : undefined, workflowName: workflow.name ?? undefined, nodeName: context.getNode().name };
}

/** The node's run in the journal (not registered in a dry run). */
export function postingRun(context: IExecuteFunctions, journal: PostingJournal, dryRun: boolean): PostingRun {
	const run = new PostingRun(journal, executionMetadata(context), dryRun);
	const report = progressReporter(context, context.getNode().name);
	run.progress = (detail) => report({ type: 'progress', detail });
	return run;
}

/**
 * A node's posting run from start to finish: the run started (with the folder its files go
 * to, for a file target), the documents sent through the one posting pipeline, and the run
 * finished as done, stopped (a fault part-way, every document still reported) or failed,
 * whatever happens. `shape` turns the result into the node's outputs.
 */
export async function postIncoming<T>(
	context: IExecuteFunctions,
	journal: PostingJournal,
	adapter: PostingAdapter,
	incoming: readonly IncomingDocument[],
	options: { dryRun: boolean; output?: string; maxDocuments?: number },
	shape: (result: PostingResult) => Promise<T>,
): Promise<T> {
	const run = postingRun(context, journal, options.dryRun);
	let outcome = 'failed';
	try {
		await run.start(options.output);
		const result = await runPosting(
			run,
			adapter,
			incoming.map(({ document }, index) => ({ index, input: document })),
			options.maxDocuments === undefined ? undefined : { maxDocuments: options.maxDocuments },
		);
		outcome = result.fault ? 'stopped' : 'done';
		return await shape(result);
	} finally {
		await run.finish(outcome);
	}
}

/** Posting pipeline errors as n8n errors, in the text n8n shows (n8n replaces some underlying messages with its own). */
export function postingError(context: IExecuteFunctions, error: unknown): NodeOperationError | undefined {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof PostingSettingsError) return operationError(context.getNode(), error.message, { description: error.fix, itemIndex: 0 });
	if (error instanceof JournalUnavailableError) return operationError(context.getNode(), error.message, { description: error.fix });
	if (error instanceof PostingStoppedError) return operationError(context.getNode(), error.message);
	return undefined;
}

const iso = (at: number | null | undefined) => (at ? new Date(at).toISOString() : null);

export interface PostingOutputOptions {
	/** The input item each document came from (its position among the documents read). */
	itemOf(index: number): number;
	/** How many input items there were (the Run Summary pairs with all of them). */
	itemCount: number;
	/** The target for the import log heading. */
	logTarget: string;
	/** "sage-import-log": the log file's name before its time stamp. */
	logName: string;
	/** Target-specific facts for the Run Summary (files, queries, requests…). */
	summary?: IDataObject;
	/** Extra fields for a document's Posted or Duplicates item. */
	extra?(outcome: DocumentOutcome): IDataObject;
	/** Files to attach to the Run Summary (import files, previews). */
	binary?: INodeExecutionData['binary'];
	/**
	 * The documents came in a document file: Posted and Duplicates are written as JSON-lines
	 * files on one item each (posted.jsonl, duplicates.jsonl) rather than one item a document;
	 * Rejected keeps an item per document, to be read and fixed.
	 */
	asFiles?: boolean;
}

function source(outcome: DocumentOutcome): IDataObject | null {
	const document = outcome.document as { header?: { source?: IDataObject } } | undefined;
	return document?.header?.source ?? null;
}

function documentFields(outcome: DocumentOutcome): IDataObject {
	const document = outcome.document as { header?: { number?: string }; party?: { code?: string } } | undefined;
	return { document: outcome.label, documentNumber: document?.header?.number ?? null, accountCode: document?.party?.code ?? null };
}

/** Posted, Duplicates, Rejected and Run Summary, every document on exactly one of the first three. */
export async function postingOutputs(context: IExecuteFunctions, result: PostingResult, options: PostingOutputOptions): Promise<INodeExecutionData[][]> {
	const posted = new OutputList(context, 'posted', options.asFiles);
	const duplicates = new OutputList(context, 'duplicates', options.asFiles);
	const rejected: INodeExecutionData[] = [];
	for (const outcome of result.outcomes) {
		const pairedItem = { item: options.itemOf(outcome.index) };
		const extra = options.extra?.(outcome) ?? {};
		switch (outcome.kind) {
			case 'posted':
				await posted.push({
					json: { status: outcome.state, ...documentFields(outcome), message: outcome.message, target: outcome.reference as IDataObject, source: source(outcome), ...(outcome.details as IDataObject | undefined), ...extra },
					pairedItem,
				});
				break;
			case 'preview':
				await posted.push({ json: { status: 'preview', ...documentFields(outcome), message: outcome.message, preview: outcome.preview as IDataObject, source: source(outcome), ...extra }, pairedItem });
				break;
			case 'duplicate':
				await duplicates.push({
					json: {
						status: outcome.reason === 'inProgress' ? 'inProgress' : 'duplicate',
						...documentFields(outcome),
						message: outcome.message,
						foundIn: outcome.reason === 'target' ? 'target' : 'journal',
						postedAt: iso(outcome.postedAt),
						postedByExecution: outcome.executionId ?? null,
						target: (outcome.reference ?? null) as IDataObject | null,
						source: source(outcome),
						...extra,
					},
					pairedItem,
				});
				break;
			case 'skipped':
				await duplicates.push({ json: { status: 'skipped', ...documentFields(outcome), message: outcome.failure.message, failureCodes: [outcome.failure.code], source: source(outcome), ...extra }, pairedItem });
				break;
			case 'rejected':
				rejected.push(rejectedItem(outcome.input, outcome.failures, pairedItem.item));
				break;
		}
	}

	const runAt = new Date();
	const rejections = result.outcomes.filter((outcome): outcome is DocumentOutcome & { kind: 'rejected' } => outcome.kind === 'rejected');
	const log = buildImportLog({
		runAt,
		target: options.logTarget,
		documentCount: result.counts.documents,
		validCount: result.counts.posted + result.counts.previewed,
		rejections: rejections.map((outcome) => ({ item: outcome.index + 1, input: outcome.input, failures: outcome.failures })),
	});
	const summary: INodeExecutionData = {
		json: {
			kind: 'runSummary',
			target: result.target.label,
			dryRun: result.dryRun,
			documents: result.counts.documents,
			imported: result.counts.posted,
			...(result.dryRun ? { wouldPost: result.counts.previewed } : {}),
			duplicates: result.counts.duplicates,
			skipped: result.counts.skipped,
			rejected: result.counts.rejected,
			unconfirmed: result.counts.unconfirmed,
			notSent: result.counts.notSent,
			...(result.fault ? { fault: result.fault } : {}),
			...options.summary,
			journal: { description: result.journal, system: result.target.system, scope: result.target.scope },
		},
		binary: {
			importLog: await context.helpers.prepareBinaryData(Buffer.from(log, 'utf8'), `${options.logName}-${runAt.toISOString().replace(/[:.]/g, '-')}.csv`, 'text/csv'),
			...options.binary,
		},
		pairedItem: Array.from({ length: options.itemCount }, (_, item) => ({ item })),
	};
	return [await posted.items(), await duplicates.items(), rejected, [summary]];
}

/** An output's items, or with `asFile` one item holding them as a JSON-lines file (kind postedFile or duplicatesFile). */
class OutputList {
	private readonly list: INodeExecutionData[] = [];
	private readonly file?: ItemsFile;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly name: 'posted' | 'duplicates',
		asFile = false,
	) {
		if (asFile) this.file = new ItemsFile(`${name}.jsonl`);
	}

	async push(item: INodeExecutionData): Promise<void> {
		if (this.file) await this.file.add(item);
		else this.list.push(item);
	}

	async items(): Promise<INodeExecutionData[]> {
		// Not a document file: its lines are outcomes, which no posting node must take for documents.
		return this.file ? await this.file.toItems(this.context, { kind: `${this.name}File` }) : this.list;
	}
}

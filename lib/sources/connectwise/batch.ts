import type { DocumentSummary, JournalTarget, TargetReference } from '../../posting/journal/types';
import { NothingSentError, type Found, type Identified, type PostingAdapter, type PostingSink, type Preview, type Verdict } from '../../posting/pipeline';
import type { Failure } from '../../report/failureCodes';

/**
 * Accounting batches in ConnectWise Manage, as the Mobius Connect guide runs them (seed 003,
 * "Select a Batch ID" and "Run the Batch"): a batch records the GL entries that reached the
 * ledger, so Manage stops listing them as unposted.
 */

export type BatchKind = 'I' | 'E' | 'P';

export const BATCH_KIND_LABELS: Record<BatchKind, string> = { I: 'invoices', E: 'expenses', P: 'procurement (inventory)' };

/** Manage's batchIdentifier is at most 50 characters (reference §3 ExportAccountingBatchRequest). */
export const BATCH_IDENTIFIER_MAX = 50;

/**
 * The seed's naming convention: date, the initials of whoever runs it, the kind — "20130101JD-I".
 * A follow-up batch for the documents that failed the first time adds a sequence: "20130101JD-I-1".
 */
export function batchIdentifier(date: Date | string, initials: string, kind: BatchKind, followUp = 0): string {
	const day = typeof date === 'string' ? date.slice(0, 10) : date.toISOString().slice(0, 10);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`"${String(date)}" is not a date for a batch ID.`);
	const letters = initials.replace(/[^A-Za-z]/g, '').toUpperCase();
	const id = `${day.replace(/-/g, '')}${letters}-${kind}${followUp > 0 ? `-${followUp}` : ''}`;
	if (id.length > BATCH_IDENTIFIER_MAX) throw new Error(`The batch ID ${id} is longer than Manage's ${BATCH_IDENTIFIER_MAX} characters.`);
	return id;
}

/** The next follow-up ID after `previous`: "20130101JD-I" → "20130101JD-I-1" → "20130101JD-I-2". */
export function followUpBatchIdentifier(previous: string): string {
	const match = /^(.*-[IEP])(?:-(\d+))?$/.exec(previous);
	if (!match) return `${previous}-1`;
	return `${match[1]}-${Number(match[2] ?? 0) + 1}`;
}

export type BatchOutcome = 'failed' | 'complete' | 'partial';

export interface BatchPlan {
	outcome: BatchOutcome;
	/** GL entry ids to put in the batch: every document that is now in the ledger (posted, or already there). */
	glEntryIds: number[];
	/** Documents to leave unposted in Manage, for a follow-up batch. */
	notPosted: Array<{ document: string; glEntryIds: number[]; reason: string }>;
	/** What to tell the person running it, in the seed's three results. */
	summary: string;
	followUpBatchIdentifier?: string;
}

export interface ExportedDocumentResult {
	document: string;
	glEntryIds: number[];
	status: 'posted' | 'written' | 'duplicate' | 'rejected';
	reason?: string;
}

function documents(count: number): string {
	return count === 1 ? '1 document' : `${count} documents`;
}

/**
 * The three results of seed 003: failed (nothing reached the ledger: no batch, and the batch ID
 * can be used again), completed (one batch with everything), completed with errors (a batch of
 * the successes; the failures stay unposted for a follow-up batch).
 */
export function planBatch(batchId: string, results: ExportedDocumentResult[]): BatchPlan {
	const inLedger = results.filter((result) => result.status !== 'rejected');
	const notPosted = results
		.filter((result) => result.status === 'rejected')
		.map((result) => ({ document: result.document, glEntryIds: result.glEntryIds, reason: result.reason ?? 'rejected' }));
	const glEntryIds = [...new Set(inLedger.flatMap((result) => result.glEntryIds))].sort((a, b) => a - b);
	if (glEntryIds.length === 0) {
		return {
			outcome: 'failed',
			glEntryIds: [],
			notPosted,
			summary: `The batch failed: nothing reached the ledger, so no batch was created in Manage and ${batchId} can be used again.`,
		};
	}
	if (notPosted.length === 0) {
		return {
			outcome: 'complete',
			glEntryIds,
			notPosted,
			summary: `The batch completed: ${documents(inLedger.length)} ${inLedger.length === 1 ? 'is' : 'are'} in the ledger and batch ${batchId} holds ${inLedger.length === 1 ? 'its' : 'their'} ${glEntryIds.length} GL ${glEntryIds.length === 1 ? 'entry' : 'entries'}.`,
		};
	}
	const followUp = followUpBatchIdentifier(batchId);
	return {
		outcome: 'partial',
		glEntryIds,
		notPosted,
		followUpBatchIdentifier: followUp,
		summary: `The batch completed with errors: batch ${batchId} holds the ${documents(inLedger.length)} that reached the ledger; ${notPosted.length} ${notPosted.length === 1 ? 'stays' : 'stay'} unposted in Manage — correct ${notPosted.length === 1 ? 'it' : 'them'} and run ${notPosted.length === 1 ? 'it' : 'them'} as batch ${followUp}.`,
	};
}

/** One GL entry of a document that reached the ledger, as the batch step claims it. */
export interface BatchEntryInput {
	glEntryId: number;
	/** "sales invoice INV-1001". */
	document: string;
}

export interface ManageBatchWriter {
	/** Creates the batch with these GL entries; resolves to Manage's batch id (looked up after, as Manage answers with the export). */
	create(glEntryIds: number[]): Promise<number | undefined>;
	/** The batch of this identifier, if Manage has it. */
	find(batchIdentifier: string): Promise<number | undefined>;
}

/**
 * Creating a Manage batch through the posting pipeline. "The same document" is a GL entry: it
 * goes into one batch, ever — two overlapping nightly runs, or a rerun after a crash, cannot
 * batch an entry twice, and an entry another run is still writing to the ledger is not batched
 * before it got there. The run registers its batch identifier as its output, so a run that
 * stopped after Manage took the batch is resolved by looking the batch up.
 */
export class BatchAdapter implements PostingAdapter<BatchEntryInput> {
	readonly target: JournalTarget;
	readonly label = 'ConnectWise Manage';
	readonly onChange = 'ignore' as const;
	/** The GL entries this run put into its batch, and the batch's id in Manage. */
	batched: number[] = [];
	manageBatchId?: number;

	constructor(
		private readonly writer: ManageBatchWriter,
		readonly batchIdentifier: string,
		scope: string,
	) {
		this.target = { system: 'connectWiseBatches', scope };
	}

	validate(input: unknown): { document?: BatchEntryInput; failures: Failure[] } {
		return { document: input as BatchEntryInput, failures: [] };
	}

	describe(entry: BatchEntryInput): string {
		return `GL entry ${entry.glEntryId} (${entry.document})`;
	}

	identify(entry: BatchEntryInput): string {
		return `glEntry|${entry.glEntryId}`;
	}

	fingerprint(entry: BatchEntryInput): string {
		return String(entry.glEntryId);
	}

	summarise(entry: BatchEntryInput): DocumentSummary {
		return { detail: entry.document };
	}

	async resolveRecovering(entries: readonly Identified<BatchEntryInput>[]): Promise<Map<string, Found>> {
		const found = new Map<string, Found>();
		const identifiers = [...new Set(entries.map((entry) => entry.recovering?.previousRun?.output).filter((output): output is string => Boolean(output)))];
		for (const identifier of identifiers) {
			const id = await this.writer.find(identifier);
			if (id === undefined) continue;
			for (const entry of entries) {
				if (entry.recovering?.previousRun?.output === identifier) {
					found.set(entry.identity, { state: 'posted', reference: { batchIdentifier: identifier, batchId: id }, message: `${entry.name} is in batch ${identifier}, created by a run that stopped before it could say so.` });
				}
			}
		}
		return found;
	}

	async lookInTarget(): Promise<Map<string, Found>> {
		return new Map();
	}

	async check(): Promise<Map<string, Verdict>> {
		return new Map();
	}

	async preview(entries: readonly Identified<BatchEntryInput>[]): Promise<Map<string, Preview>> {
		return new Map(entries.map((entry) => [entry.identity, { preview: { batchIdentifier: this.batchIdentifier }, message: `${entry.name} would go into batch ${this.batchIdentifier}.` }]));
	}

	async post(entries: readonly Identified<BatchEntryInput>[], sink: PostingSink): Promise<void> {
		const ids = entries.map((entry) => entry.document.glEntryId).sort((a, b) => a - b);
		sink.sending(entries.map((entry) => entry.identity));
		let batchId: number | undefined;
		try {
			batchId = await this.writer.create(ids);
		} catch (error) {
			// Refused before anything happened (a batch ID taken): the node says why, nothing is batched.
			if (!(error as { outcomeUnknown?: boolean }).outcomeUnknown) throw new NothingSentError(error as Error);
			// An answer lost on the way: the batch may exist all the same.
			batchId = await this.writer.find(this.batchIdentifier).catch(() => undefined);
			if (batchId === undefined) {
				for (const entry of entries) sink.unconfirmed(entry.identity, `${entry.name}: Manage did not confirm batch ${this.batchIdentifier}; the next run looks for the batch before batching it again.`);
				return;
			}
		}
		this.batched = ids;
		this.manageBatchId = batchId;
		for (const entry of entries) sink.posted(entry.identity, { state: 'posted', reference: { batchIdentifier: this.batchIdentifier, batchId: batchId ?? null }, message: `${entry.name} is in batch ${this.batchIdentifier}.` });
		await sink.flush();
	}

	describeReference(reference: TargetReference): string {
		return reference.batchIdentifier ? `batch ${String(reference.batchIdentifier)}` : '';
	}
}

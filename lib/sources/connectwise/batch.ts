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
			summary: `The batch completed: ${inLedger.length} documents are in the ledger and batch ${batchId} holds their ${glEntryIds.length} GL entries.`,
		};
	}
	const followUp = followUpBatchIdentifier(batchId);
	return {
		outcome: 'partial',
		glEntryIds,
		notPosted,
		followUpBatchIdentifier: followUp,
		summary: `The batch completed with errors: batch ${batchId} holds the ${inLedger.length} documents that reached the ledger; ${notPosted.length} stay unposted in Manage — correct them and run them as batch ${followUp}.`,
	};
}

/**
 * The posting journal: one durable record per document and target, the single source of
 * truth for what Ledger Bridge sent where. A document is *claimed* (atomically: a unique key
 * in a transaction) before anything is sent, and its outcome is recorded after, so two
 * executions, two n8n workers or a rerun after a crash can never both post it.
 */

/** Where a document is, as the journal knows it. */
export type JournalState =
	/** A run has taken it and may be sending it now. */
	| 'claimed'
	/** In the target ledger (an API or a database said so). */
	| 'posted'
	/** Written into an import file the target imports from (Sage 50, Opera). */
	| 'written'
	/** Turned away with a reason; a later run may claim it again once it is corrected. */
	| 'rejected'
	/** Left out on purpose (an invoice dated before the ledger's period); a later run decides again. */
	| 'skipped'
	/** Sent, but neither the target's answer nor a look-up afterwards confirmed it: the next run looks in the target before sending it again. */
	| 'unconfirmed'
	/** Claimed, then not sent (the run stopped first); free to be claimed again. */
	| 'notSent';

export const FINAL_STATES: ReadonlySet<JournalState> = new Set(['posted', 'written']);

/** Which ledger, and which company / division / import folder of it. */
export interface JournalTarget {
	/** e.g. "sage50uk", "exactOnline", "opera". */
	system: string;
	/** e.g. the company's data path, "start.exactonline.nl/1234567", the Opera import folder. */
	scope: string;
}

/** The target's own references for a posted document: entry ids, file names and rows, payment ids… */
export type TargetReference = Record<string, string | number | boolean | null | string[] | number[]>;

/** The accounting facts of a document as posted, to say what changed if it comes back different. */
export interface DocumentSummary {
	date?: string;
	party?: string;
	currency?: string;
	net?: string;
	tax?: string;
	gross?: string;
	lines?: number;
	/** Each line's account and net ("706000 250.00"), to name a line that changed. */
	accounts?: string[];
	/** Free text for non-ledger documents (a payment's amount, a batch's entries). */
	detail?: string;
}

export interface JournalEntry extends JournalTarget {
	/** The document's identity within the target: "SI|ACME01|INV-1001". */
	identity: string;
	state: JournalState;
	/** Hash of the document's accounting content; null when found in the target without us posting it. */
	fingerprint: string | null;
	summary: DocumentSummary | null;
	/** "sales invoice INV-1001". */
	document: string;
	documentNumber: string | null;
	accountCode: string | null;
	targetReference: TargetReference | null;
	/** The source system's ids (header.source). */
	source: Record<string, unknown> | null;
	runId: string | null;
	executionId: string | null;
	workflowId: string | null;
	workflowName: string | null;
	nodeName: string | null;
	message: string | null;
	failureCodes: string[] | null;
	/** Why it was rejected or skipped, each reason with its code, as the run reported it. */
	failures: JournalFailure[] | null;
	claimedAt: number | null;
	postedAt: number | null;
	updatedAt: number;
}

/** A reason a document was turned away (the pipeline's Failure, as the journal keeps it). */
export interface JournalFailure {
	code: string;
	field?: string;
	message: string;
}

/** One run of one posting node: who is claiming, so a crashed run's claims can be told from a live one's. */
export interface RunInfo {
	runId: string;
	executionId?: string;
	workflowId?: string;
	workflowName?: string;
	nodeName?: string;
	/** Where a file target publishes this run's files (a run folder), so a crash can be resolved by looking there. */
	output?: string;
}

export interface JournalRun extends RunInfo {
	host: string;
	pid: number;
	startedAt: number;
	heartbeatAt: number;
	finishedAt: number | null;
	/** When the run's files reached their import folder together (file targets). */
	publishedAt: number | null;
}

export interface ClaimRequest {
	identity: string;
	/** This document's own rule when it comes back changed (a customer record in a run of invoices); default the claim's. */
	onChange?: ClaimOptions['onChange'];
	fingerprint: string;
	summary: DocumentSummary;
	document: string;
	documentNumber?: string | null;
	accountCode?: string | null;
	source?: Record<string, unknown> | null;
}

/** What claiming found for one document. */
export type ClaimResult =
	/** Ours now: nothing of it had been sent (no entry, or an earlier run rejected it or did not send it). */
	| { identity: string; kind: 'claimed' }
	/** Ours now, but an earlier run may have sent it (it crashed, or the target did not confirm): look in the target before sending. */
	| { identity: string; kind: 'recovering'; previous: JournalEntry; previousRun: JournalRun | null }
	/** Already posted or written, with the same content. */
	| { identity: string; kind: 'duplicate'; entry: JournalEntry }
	/** Already posted or written, and what came now is different. */
	| { identity: string; kind: 'changed'; entry: JournalEntry }
	/** Another live run holds it right now. */
	| { identity: string; kind: 'busy'; entry: JournalEntry; run: JournalRun | null }
	/** Free to claim, but not taken: others of the request were busy and the claim asked for all or nothing (nothingIfBusy). */
	| { identity: string; kind: 'waiting'; previous: JournalEntry | null };

export interface ClaimOptions {
	/**
	 * What a posted document with a different fingerprint means. 'reject' (transactions: a posted
	 * invoice cannot change), 'ignore' (records: already created), 'update' (a payment's amount is
	 * set again).
	 */
	onChange: 'reject' | 'ignore' | 'update';
	/** When another live run holds any of the documents, claim none of them (the caller waits and asks again). */
	nothingIfBusy?: boolean;
}

/** A whole entry's content after the run: the journal replaces what the claim wrote (who claimed it and when stay). */
export interface RecordRequest {
	identity: string;
	state: Exclude<JournalState, 'claimed'>;
	/** Null for a document found in the target that we did not send: its content is not known. */
	fingerprint: string | null;
	summary: DocumentSummary | null;
	document: string;
	documentNumber?: string | null;
	accountCode?: string | null;
	source?: Record<string, unknown> | null;
	targetReference?: TargetReference | null;
	message?: string | null;
	failureCodes?: string[] | null;
	/** The reasons themselves (rejected, skipped, not sent); the codes are taken from them. */
	failures?: JournalFailure[] | null;
	/**
	 * The content is the one claimed (fingerprint, summary, document): a posted or written outcome
	 * that may be recorded in bulk with others of the same reference (its message is not kept).
	 */
	asClaimed?: boolean;
}

export interface ForgetResult {
	/** Identities removed from the journal. */
	forgotten: string[];
	/** Identities left alone because a run holds them (state claimed). */
	held: string[];
}

export interface JournalQuery {
	system?: string;
	scope?: string;
	/** Matches the identity, the document number or a source id. */
	documentNumber?: string;
	identity?: string;
	executionId?: string;
	states?: JournalState[];
	limit?: number;
}

/** A journal that cannot be used: unreachable, not writable, wrong settings. Nothing was posted. */
export class JournalUnavailableError extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'JournalUnavailableError';
	}
}

export interface PostingJournal {
	/** "embedded SQLite journal /home/n8n/.n8n/ledger-bridge/posting-journal.sqlite" */
	readonly description: string;
	readonly kind: 'sqlite' | 'postgres' | 'memory';
	/** Registers the run (with its host and process, for liveness) and keeps its heartbeat going until finishRun. */
	startRun(run: RunInfo): Promise<void>;
	finishRun(runId: string, outcome: string): Promise<void>;
	/** Claims every document it can in one transaction; the order of results follows the requests. */
	claim(runId: string, target: JournalTarget, requests: readonly ClaimRequest[], options: ClaimOptions): Promise<ClaimResult[]>;
	/** What the journal holds for these identities, without claiming (dry runs, look-ups). */
	inspect(target: JournalTarget, identities: readonly string[]): Promise<Map<string, JournalEntry>>;
	/** Records outcomes of documents this run claimed (or found in the target), in one transaction. */
	record(runId: string, target: JournalTarget, outcomes: readonly RecordRequest[]): Promise<void>;
	/**
	 * The run's files reached the import folder (its output), all together: every document it still
	 * holds as claimed is written from now on — one write for the whole run, not one per document.
	 */
	markPublished(runId: string): Promise<void>;
	/** Another run, if it still exists. */
	run(runId: string): Promise<JournalRun | null>;
	find(query: JournalQuery): Promise<JournalEntry[]>;
	/**
	 * Removes entries so the documents can be posted again (after they were deleted from the target
	 * by hand). A claimed document — being sent now, or left by a run that stopped — is held, not
	 * forgotten: the next run resolves it by looking in the target.
	 */
	forget(target: JournalTarget, identities: readonly string[]): Promise<ForgetResult>;
	/**
	 * Runs `work` while holding a named lock shared by every process using this journal (e.g. one
	 * Exact Online token refresh at a time across n8n workers). Waits up to `waitMs` for it.
	 */
	withLock<T>(name: string, options: { ttlMs: number; waitMs: number }, work: () => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/**
 * The one posting pipeline every target goes through:
 *
 *   validate → maximum documents → identity → claim in the journal → already in the target?
 *   → target checks → post (or preview in a dry run) → record the outcome → outputs
 *
 * A target contributes an adapter (its identity, its look-up, its checks, its writer or
 * client); the pipeline owns the guarantees: every input ends as exactly one outcome — posted
 * or written, skipped as a duplicate, or rejected with a reason — and nothing is sent that
 * another run holds or has already sent. When a fault stops a run midway, what was posted is
 * still reported and recorded, what was in flight is marked unconfirmed (the next run looks in
 * the target before sending it again), and the rest is reported as not sent.
 */
import { randomUUID } from 'node:crypto';

import { DOCUMENT_TYPES, describeDocument, type LedgerDocument } from '../model/document';
import { capitalise, controlCharacterFailures, validateDocument } from '../model/validate';
import { failureSummary, type Failure, type FailureCode } from '../report/failureCodes';
import { describeChanges, documentFingerprint, documentSummary } from './fingerprint';
import { claimDecision } from './journal/sql';
import type {
	ClaimOptions,
	ClaimResult,
	DocumentSummary,
	JournalEntry,
	JournalRun,
	JournalTarget,
	PostingJournal,
	RecordRequest,
	RunInfo,
	TargetReference,
} from './journal/types';

export interface PostingInput {
	/** The caller's position of the document (the node maps it back to its input item). */
	index: number;
	input: unknown;
}

/** A valid document with its identity, on its way through the stages. */
export interface Identified<D = LedgerDocument> {
	index: number;
	input: unknown;
	document: D;
	identity: string;
	fingerprint: string;
	summary: DocumentSummary;
	/** "Sales invoice INV-1001", as messages start. */
	name: string;
	/** An earlier run claimed it and may have sent it. */
	recovering?: { previous: JournalEntry; previousRun: JournalRun | null };
}

export interface Found {
	reference: TargetReference;
	message: string;
	/** What the journal records: 'written' for a file waiting in an import folder. */
	state?: 'posted' | 'written';
}

export type Verdict = { failures: Failure[] } | { skip: Failure };

/**
 * The verdicts of checks an adapter made earlier in the run (as it read or prepared the
 * documents): each document with failures is rejected with them, the others go on.
 */
export function verdictsFromChecks(documents: readonly Identified[], checks: ReadonlyMap<string, { failures: readonly Failure[] }>): Map<string, Verdict> {
	const verdicts = new Map<string, Verdict>();
	for (const entry of documents) {
		const failures = checks.get(entry.identity)?.failures ?? [];
		if (failures.length > 0) verdicts.set(entry.identity, { failures: [...failures] });
	}
	return verdicts;
}

export interface RememberedEntry {
	identity: string;
	document: string;
	state: 'posted' | 'written';
	reference: TargetReference;
	message: string;
}

/** What an adapter may ask of the journal while it prepares a run. */
export interface PostingContext {
	/** What the journal holds for identities of the adapter's own making (records it created earlier). */
	inspect(identities: readonly string[]): Promise<Map<string, JournalEntry>>;
	dryRun: boolean;
}

export interface PostingSink {
	/** About to send these: if the run stops before their outcome, it is unknown. */
	sending(identities: readonly string[]): void;
	posted(identity: string, outcome: { state: 'posted' | 'written'; reference: TargetReference; message: string; details?: Record<string, unknown> }): void;
	rejected(identity: string, failures: Failure[]): void;
	/** Found in the target at the last moment (checked again inside the posting transaction): a duplicate, not sent. */
	found(identity: string, found: Found): void;
	/**
	 * Records something the run created that was not an input document (a customer record a run's
	 * invoices needed), so the next run knows it is already on its way into the ledger.
	 */
	remember(entries: readonly RememberedEntry[]): void;
	/** Sent, but not confirmed either way: the next run looks in the target before sending it again. */
	unconfirmed(identity: string, message: string): void;
	/** Writes the outcomes so far to the journal when enough have gathered (per-document targets call it after each). */
	checkpoint(): Promise<void>;
	/** Writes every outcome so far to the journal now (file targets: before publishing). */
	flush(): Promise<void>;
	/**
	 * File targets, right after the run's files reached the import folder together: these documents
	 * are written. The journal marks the run as published — one write for all of them; flush the
	 * other outcomes (the rejects) before publishing, or a crash would count them as written too.
	 */
	published(outcomes: ReadonlyArray<{ identity: string; reference: TargetReference; message: string; details?: Record<string, unknown> }>): Promise<void>;
}

export interface Preview {
	/** What would be sent: the entry and its lines, the file rows, the payment. */
	preview: Record<string, unknown>;
	message: string;
}

export interface PostingAdapter<D = LedgerDocument> {
	readonly target: JournalTarget;
	/** "Sage 50 (UK)", "Exact Online division 1234567": how messages name the target. */
	readonly label: string;
	/** What a posted document that comes back different means (see ClaimOptions). */
	readonly onChange: ClaimOptions['onChange'];
	/** The rule for one document, where it differs by kind (records among transactions). */
	changePolicy?(document: D): ClaimOptions['onChange'];
	/** Default: the canonical ledger document schema. */
	validate?(input: unknown): { document?: D; failures: Failure[] };
	/** The one definition of "the same document" for this target, or why the document has none. */
	identify(document: D): string | Failure;
	/**
	 * When the same document comes more than once in one run: by default the first is sent and the
	 * others are DUPLICATE_IN_BATCH; an adapter that gives a failure here refuses all of them
	 * (nobody can tell which of two customers sharing a code is right).
	 */
	repeatedInRun?(document: D, others: readonly D[]): Failure;
	describe?(document: D): string;
	fingerprint?(document: D): string;
	summarise?(document: D): DocumentSummary;
	/** Reference data for the run, read once: codes, accounts, what the target already holds. */
	prepare?(documents: readonly Identified<D>[], context: PostingContext): Promise<void>;
	/** File targets: whether a crashed run's files reached the import folder. */
	resolveRecovering?(documents: readonly Identified<D>[]): Promise<Map<string, Found>>;
	/** Which of these the target already holds (posted earlier, by us or by hand). */
	lookInTarget(documents: readonly Identified<D>[]): Promise<Map<string, Found>>;
	/** Which cannot be posted, and why; documents not in the map pass. */
	check(documents: readonly Identified<D>[]): Promise<Map<string, Verdict>>;
	post(documents: readonly Identified<D>[], sink: PostingSink): Promise<void>;
	preview(documents: readonly Identified<D>[]): Promise<Map<string, Preview>>;
	/** "import file AUDIT_….csv row 3", "entry 26700003". */
	describeReference?(reference: TargetReference): string;
}

/**
 * The node's settings do not fit the documents (a CSV for matched receipts, a default code the
 * ledger lacks): nothing is sent, and the node says what to change.
 */
export class PostingSettingsError extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'PostingSettingsError';
	}
}

/**
 * What an adapter throws when a send failed in a way that proves nothing reached the target (a
 * refusal before processing): the documents it was sending count as not sent, not as unknown.
 */
export class NothingSentError extends Error {
	constructor(readonly reason: Error) {
		super(reason.message);
		this.name = 'NothingSentError';
	}
}

/** An adapter stops the run: the documents not yet sent are reported with this code and sentence. */
export class PostingStoppedError extends Error {
	constructor(
		readonly code: FailureCode,
		message: string,
	) {
		super(message);
		this.name = 'PostingStoppedError';
	}
}

export type OutcomeDetail =
	| { kind: 'posted'; state: 'posted' | 'written'; reference: TargetReference; message: string; details?: Record<string, unknown> }
	| { kind: 'duplicate'; reason: 'journal' | 'target' | 'inProgress'; reference: TargetReference | null; message: string; postedAt?: number | null; executionId?: string | null }
	| { kind: 'skipped'; failure: Failure }
	| { kind: 'rejected'; failures: Failure[] }
	| { kind: 'preview'; preview: Record<string, unknown>; message: string };

export type DocumentOutcome<D = LedgerDocument> = {
	index: number;
	input: unknown;
	document?: D;
	identity?: string;
	/** "sales invoice INV-1001". */
	label: string;
} & OutcomeDetail;

export interface PostingResult<D = LedgerDocument> {
	/** One per input, in input order. */
	outcomes: DocumentOutcome<D>[];
	dryRun: boolean;
	/** The fault that stopped the run midway, if one did. */
	fault?: string;
	journal: string;
	target: JournalTarget & { label: string };
	counts: { documents: number; posted: number; duplicates: number; skipped: number; rejected: number; previewed: number; unconfirmed: number; notSent: number };
}

/** A posting node's run in the journal: started before the first claim, finished after the last record. */
export class PostingRun {
	readonly runId = randomUUID();
	private started = false;
	/**
	 * Told how a long send is getting on ("2,000 of 10,000 documents settled…"), at most every
	 * `progressEveryMs`: the node passes it to n8n's log and, for a run started in the editor, to
	 * the browser, so a run that takes minutes says where it is.
	 */
	progress?: (detail: string) => void;
	progressEveryMs = 10_000;

	constructor(
		readonly journal: PostingJournal,
		readonly info: Omit<RunInfo, 'runId'>,
		readonly dryRun = false,
	) {}

	/** Registers the run (nothing is written in a dry run). */
	async start(output?: string): Promise<void> {
		if (this.dryRun || this.started) return;
		await this.journal.startRun({ ...this.info, runId: this.runId, output: output ?? this.info.output });
		this.started = true;
	}

	async finish(outcome: string): Promise<void> {
		if (!this.started) return;
		this.started = false;
		await this.journal.finishRun(this.runId, outcome);
	}
}

const RECORD_EVERY = 50;
const RECORD_AFTER_MS = 2000;

function when(at: number | null | undefined): string {
	return at ? `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'an earlier run';
}

function defaultReference(reference: TargetReference | null | undefined): string {
	if (!reference) return '';
	return Object.entries(reference)
		.filter(([, value]) => value !== null && value !== undefined && value !== '')
		.map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') : String(value)}`)
		.join(', ');
}

export async function runPosting<D = LedgerDocument>(
	run: PostingRun,
	adapter: PostingAdapter<D>,
	inputs: readonly PostingInput[],
	options: { maxDocuments?: number } = {},
): Promise<PostingResult<D>> {
	const outcomes = new Map<number, DocumentOutcome<D>>();
	const describe = (document: D) => (adapter.describe ? adapter.describe(document) : describeDocument(document as unknown as LedgerDocument));
	const referenceText = (reference: TargetReference | null | undefined) => (adapter.describeReference ?? defaultReference)(reference ?? {});
	const target = adapter.target;

	// 1. Validate.
	const valid: Array<{ index: number; input: unknown; document: D }> = [];
	for (const { index, input } of inputs) {
		const validation = adapter.validate ? adapter.validate(input) : (validateDocument(input) as { document?: D; failures: Failure[] });
		if (validation.document && validation.failures.length === 0 && isLedgerDocument(validation.document)) {
			validation.failures = controlCharacterFailures(validation.document);
		}
		const label = validation.document ? describe(validation.document) : describeDocument((input && typeof input === 'object' ? input : {}) as Partial<LedgerDocument>);
		if (!validation.document || validation.failures.length > 0) outcomes.set(index, { index, input, label, kind: 'rejected', failures: validation.failures });
		else valid.push({ index, input, document: validation.document });
	}

	// 2. Maximum documents (the seed's advice: ten while an integration beds in).
	const limit = options.maxDocuments ?? 0;
	const taken = limit > 0 ? valid.slice(0, limit) : valid;
	for (const { index, input, document } of limit > 0 ? valid.slice(limit) : []) {
		const label = describe(document);
		outcomes.set(index, {
			index,
			input,
			document,
			label,
			kind: 'rejected',
			failures: [{ code: 'MAX_DOCUMENTS_REACHED', message: `${capitalise(label)} was not processed: this run stops after ${limit} documents.` }],
		});
	}

	// 3. Identity: one definition per target; the same document twice in one run is sent once.
	const identified: Identified<D>[] = [];
	const keyed: Array<{ index: number; input: unknown; document: D; label: string; identity: string }> = [];
	const holders = new Map<string, D[]>();
	for (const { index, input, document } of taken) {
		const label = describe(document);
		const identity = adapter.identify(document);
		if (typeof identity !== 'string') {
			outcomes.set(index, { index, input, document, label, kind: 'rejected', failures: [identity] });
			continue;
		}
		keyed.push({ index, input, document, label, identity });
		holders.set(identity, [...(holders.get(identity) ?? []), document]);
	}
	const first = new Map<string, Identified<D>>();
	for (const { index, input, document, label, identity } of keyed) {
		const name = capitalise(label);
		const sharing = holders.get(identity) ?? [];
		if (sharing.length > 1 && adapter.repeatedInRun) {
			const failure = adapter.repeatedInRun(document, sharing.filter((other) => other !== document));
			outcomes.set(index, { index, input, document, label, identity, kind: 'rejected', failures: [failure] });
			continue;
		}
		const earlier = first.get(identity);
		if (earlier) {
			outcomes.set(index, {
				index,
				input,
				document,
				label,
				identity,
				kind: 'rejected',
				failures: [{ code: 'DUPLICATE_IN_BATCH', message: `${name} appears more than once in this run (documents ${earlier.index + 1} and ${index + 1}); only the first is sent.` }],
			});
			continue;
		}
		const entry: Identified<D> = {
			index,
			input,
			document,
			identity,
			name,
			fingerprint: adapter.fingerprint ? adapter.fingerprint(document) : documentFingerprint(document as unknown as LedgerDocument),
			summary: adapter.summarise ? adapter.summarise(document) : documentSummary(document as unknown as LedgerDocument),
		};
		first.set(identity, entry);
		identified.push(entry);
	}

	const records = new RecordBuffer(run, target);
	const byIdentity = new Map(identified.map((entry) => [entry.identity, entry]));
	const claimRecord = (entry: Identified<D>): Pick<RecordRequest, 'document' | 'documentNumber' | 'accountCode' | 'source'> => {
		const document = entry.document as unknown as LedgerDocument;
		return {
			document: entry.name.charAt(0).toLowerCase() + entry.name.slice(1),
			documentNumber: document?.header?.number ?? (document?.party?.code && !document.header ? document.party.code : null) ?? null,
			accountCode: document?.party?.code ?? null,
			source: (document?.header?.source as Record<string, unknown> | undefined) ?? null,
		};
	};
	const setOutcome = (entry: Identified<D>, outcome: OutcomeDetail) =>
		outcomes.set(entry.index, { index: entry.index, input: entry.input, document: entry.document, identity: entry.identity, label: entry.name.charAt(0).toLowerCase() + entry.name.slice(1), ...outcome } as DocumentOutcome<D>);

	/** The journal's record of a document: its content from the claim, its outcome from now. */
	const record = (
		entry: Identified<D>,
		outcome: { state: RecordRequest['state']; targetReference?: TargetReference | null; message?: string; failures?: Failure[]; fingerprint?: string | null },
	) => {
		const known = claimRecord(entry);
		records.add({
			asClaimed: outcome.fingerprint === undefined,
			identity: entry.identity,
			state: outcome.state,
			fingerprint: outcome.fingerprint !== undefined ? outcome.fingerprint : entry.fingerprint,
			summary: entry.summary,
			document: known.document ?? entry.name,
			documentNumber: known.documentNumber,
			accountCode: known.accountCode,
			source: known.source,
			targetReference: outcome.targetReference ?? null,
			message: outcome.message ?? (outcome.failures ? failureSummary(outcome.failures) : null),
			failures: outcome.failures ?? null,
		});
	};

	// 4. Claim (a dry run only reads what the journal holds); documents another run is sending
	// now are waited for, so that this run reports what became of them.
	const claims = await claimWaiting(run, adapter, identified, claimRecord, byIdentity);
	const work: Identified<D>[] = [];
	for (const claim of claims) {
		const entry = byIdentity.get(claim.identity)!;
		switch (claim.kind) {
			case 'claimed':
				work.push(entry);
				break;
			case 'recovering':
				work.push({ ...entry, recovering: { previous: claim.previous, previousRun: claim.previousRun } });
				break;
			case 'duplicate': {
				const done = claim.entry.state === 'written' ? 'written for' : 'posted to';
				const where = referenceText(claim.entry.targetReference);
				setOutcome(entry, {
					kind: 'duplicate',
					reason: 'journal',
					reference: claim.entry.targetReference,
					postedAt: claim.entry.postedAt,
					executionId: claim.entry.executionId,
					message: `${entry.name} was already ${done} ${adapter.label} on ${when(claim.entry.postedAt)}${where ? ` (${where})` : ''}${claim.entry.executionId ? `, by execution ${claim.entry.executionId}` : ''}; it is not sent again.`,
				});
				break;
			}
			case 'changed':
				setOutcome(entry, {
					kind: 'rejected',
					failures: [
						{
							code: 'DOCUMENT_CHANGED_AFTER_POSTING',
							message: `${entry.name} was already ${claim.entry.state === 'written' ? 'written for' : 'posted to'} ${adapter.label} on ${when(claim.entry.postedAt)}${referenceText(claim.entry.targetReference) ? ` (${referenceText(claim.entry.targetReference)})` : ''} and has changed since: ${describeChanges(claim.entry.summary, entry.summary)}. A posted document cannot be changed: issue a credit note for it in the source system, then a new document with a new number.`,
						},
					],
				});
				break;
			case 'decided': {
				const failures = (claim.entry.failures ?? []).map((failure) => ({ ...failure, code: failure.code as FailureCode }));
				setOutcome(entry, claim.entry.state === 'skipped' ? { kind: 'skipped', failure: failures[0] } : { kind: 'rejected', failures });
				break;
			}
			case 'busy':
				setOutcome(entry, {
					kind: 'duplicate',
					reason: 'inProgress',
					reference: null,
					executionId: claim.entry.executionId,
					message: `${entry.name} is being sent to ${adapter.label} right now by another run${claim.entry.executionId ? ` (execution ${claim.entry.executionId}${claim.entry.workflowName ? ` of "${claim.entry.workflowName}"` : ''})` : ''}, started ${when(claim.run?.startedAt ?? claim.entry.claimedAt)}; it is not sent twice. That run reports its outcome.`,
				});
				break;
		}
	}

	let fault: string | undefined;
	let sendingStarted = false;
	/** Documents this run's send reached the target with, or may have (posted, unconfirmed). */
	let delivered = 0;
	const notSent = new Set<number>();
	const inFlight = new Set<string>();
	try {
		// 5. Already in the target? A crashed run's files first, then the target itself.
		if (work.length > 0) await adapter.prepare?.(work, { inspect: (identities) => run.journal.inspect(target, identities), dryRun: run.dryRun });
		let remaining = work;
		const recovering = remaining.filter((entry) => entry.recovering);
		if (recovering.length > 0 && adapter.resolveRecovering) {
			const resolved = await adapter.resolveRecovering(recovering);
			for (const [identity, found] of resolved) {
				const entry = byIdentity.get(identity)!;
				setOutcome(entry, { kind: 'duplicate', reason: 'target', reference: found.reference, message: found.message });
				record(entry, { state: found.state ?? 'written', targetReference: found.reference, message: found.message });
			}
			remaining = remaining.filter((entry) => !resolved.has(entry.identity));
		}
		if (remaining.length > 0) {
			const inTarget = await adapter.lookInTarget(remaining);
			for (const [identity, found] of inTarget) {
				const entry = byIdentity.get(identity)!;
				setOutcome(entry, { kind: 'duplicate', reason: 'target', reference: found.reference, message: found.message });
				// Content unknown unless our own earlier run sent it: a later different version is then not refused as "changed".
				record(entry, { state: found.state ?? 'posted', targetReference: found.reference, message: found.message, fingerprint: entry.recovering ? entry.fingerprint : null });
			}
			remaining = remaining.filter((entry) => !inTarget.has(entry.identity));
		}

		// 6. The target's own checks.
		if (remaining.length > 0) {
			const verdicts = await adapter.check(remaining);
			for (const [identity, verdict] of verdicts) {
				const entry = byIdentity.get(identity)!;
				if ('skip' in verdict) {
					setOutcome(entry, { kind: 'skipped', failure: verdict.skip });
					record(entry, { state: 'skipped', failures: [verdict.skip] });
				} else {
					setOutcome(entry, { kind: 'rejected', failures: verdict.failures });
					record(entry, { state: 'rejected', failures: verdict.failures });
				}
			}
			remaining = remaining.filter((entry) => !verdicts.has(entry.identity));
		}
		// What is settled now — rejected, or already in the target — is let go of before the send, so
		// an overlapping run waiting for those documents does not wait for this run's whole send.
		if (remaining.length > 0 && remaining.length < work.length) await records.flush();

		// 7. Post, or show what would be posted.
		if (remaining.length > 0 && run.dryRun) {
			const previews = await adapter.preview(remaining);
			for (const entry of remaining) {
				const preview = previews.get(entry.identity) ?? { preview: {}, message: `${entry.name} would be sent to ${adapter.label}.` };
				setOutcome(entry, { kind: 'preview', preview: preview.preview, message: preview.message });
			}
		} else if (remaining.length > 0) {
			const pending = new Set(remaining.map((entry) => entry.identity));
			const total = remaining.length;
			let reportedAt = Date.now();
			let reported = false;
			/**
			 * One more document settled in the send: reported when the last report is old enough,
			 * and at the end of a send that reported before (a quick send stays quiet).
			 */
			const settled = () => {
				if (!run.progress) return;
				const done = total - pending.size;
				const due = Date.now() - reportedAt >= run.progressEveryMs;
				if (done < total ? !due : !due && !reported) return;
				reportedAt = Date.now();
				reported = true;
				run.progress(`${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} documents settled with ${adapter.label}`);
			};
			const sink: PostingSink = {
				sending: (identities) => {
					sendingStarted = true;
					for (const identity of identities) if (pending.has(identity)) inFlight.add(identity);
				},
				posted: (identity, outcome) => {
					const entry = byIdentity.get(identity);
					if (!entry || !pending.delete(identity)) return;
					inFlight.delete(identity);
					sendingStarted = true;
					delivered += 1;
					setOutcome(entry, { kind: 'posted', state: outcome.state, reference: outcome.reference, message: outcome.message, details: outcome.details });
					record(entry, { state: outcome.state, targetReference: outcome.reference, message: outcome.message });
					settled();
				},
				rejected: (identity, failures) => {
					const entry = byIdentity.get(identity);
					if (!entry || !pending.delete(identity)) return;
					inFlight.delete(identity);
					setOutcome(entry, { kind: 'rejected', failures });
					record(entry, { state: 'rejected', failures });
					settled();
				},
				found: (identity, found) => {
					const entry = byIdentity.get(identity);
					if (!entry || !pending.delete(identity)) return;
					inFlight.delete(identity);
					setOutcome(entry, { kind: 'duplicate', reason: 'target', reference: found.reference, message: found.message });
					record(entry, { state: found.state ?? 'posted', targetReference: found.reference, message: found.message, fingerprint: entry.recovering ? entry.fingerprint : null });
					settled();
				},
				remember: (entries) => {
					for (const remembered of entries) {
						records.add({
							identity: remembered.identity,
							state: remembered.state,
							fingerprint: null,
							summary: null,
							document: remembered.document,
							targetReference: remembered.reference,
							message: remembered.message,
						});
					}
				},
				unconfirmed: (identity, message) => {
					const entry = byIdentity.get(identity);
					if (!entry || !pending.delete(identity)) return;
					inFlight.delete(identity);
					sendingStarted = true;
					delivered += 1;
					setOutcome(entry, { kind: 'rejected', failures: [{ code: 'POSTING_UNCONFIRMED', message }] });
					record(entry, { state: 'unconfirmed', failures: [{ code: 'POSTING_UNCONFIRMED', message }] });
					settled();
				},
				checkpoint: () => records.maybeFlush(),
				flush: () => records.flush(),
				published: async (written) => {
					sendingStarted = true;
					if (!run.dryRun) {
						try {
							await run.journal.markPublished(run.runId);
						} catch (error) {
							// The files are there; the next run finds them in the import folder (resolveRecovering).
							throw new PostingStoppedError('POSTING_STOPPED', `the posting journal stopped answering (${(error as Error).message})`);
						}
					}
					for (const { identity, reference, message, details } of written) {
						const entry = byIdentity.get(identity);
						if (!entry || !pending.delete(identity)) continue;
						inFlight.delete(identity);
						delivered += 1;
						setOutcome(entry, { kind: 'posted', state: 'written', reference, message, details });
					}
					settled();
				},
			};
			try {
				await adapter.post(remaining, sink);
			} catch (thrown) {
				let error = thrown;
				if (error instanceof NothingSentError) {
					inFlight.clear();
					error = error.reason;
					sendingStarted = delivered > 0;
				}
				// Nothing sent yet: the node reports the error itself (and the claims are given back below).
				if (!sendingStarted && !(error instanceof PostingStoppedError)) throw error;
				fault = error instanceof Error ? error.message : String(error);
				const stopped = error instanceof PostingStoppedError ? error : undefined;
				for (const identity of pending) {
					const entry = byIdentity.get(identity)!;
					if (inFlight.has(identity)) {
						const message = `${entry.name} was being sent to ${adapter.label} when the run stopped (${fault.replace(/\.$/, '')}); whether it arrived is not known. The next run looks in ${adapter.label} before sending it again, so it is never posted twice.`;
						setOutcome(entry, { kind: 'rejected', failures: [{ code: 'POSTING_UNCONFIRMED', message }] });
						record(entry, { state: 'unconfirmed', failures: [{ code: 'POSTING_UNCONFIRMED', message }] });
					} else {
						const code: FailureCode = stopped?.code ?? 'POSTING_STOPPED';
						const message = `${entry.name} was not sent: ${stopped ? stopped.message : `the run stopped before it (${fault.replace(/\.$/, '')})`}. Run the same input again: what was posted is skipped.`;
						setOutcome(entry, { kind: 'rejected', failures: [{ code, message }] });
						notSent.add(entry.index);
						record(entry, { state: 'notSent', failures: [{ code, message }] });
					}
				}
				pending.clear();
			}
			for (const identity of pending) {
				// An adapter that returned without a word on a document: never silently "done".
				const entry = byIdentity.get(identity)!;
				const message = `${entry.name}: ${adapter.label} gave no outcome for it; whether it arrived is not known, and the next run looks before sending it again.`;
				setOutcome(entry, { kind: 'rejected', failures: [{ code: 'POSTING_UNCONFIRMED', message }] });
				record(entry, { state: 'unconfirmed', failures: [{ code: 'POSTING_UNCONFIRMED', message }] });
			}
		}
	} catch (error) {
		// Nothing was sent: the claims are given back and the node reports the error itself.
		const released = work.filter((entry) => !outcomes.has(entry.index));
		for (const entry of released) record(entry, { state: 'notSent', message: `Not sent: ${(error as Error).message}` });
		await records.flush().catch(() => undefined);
		throw error;
	}
	await records.flush();

	const ordered = inputs.map(({ index }) => outcomes.get(index)!);
	const count = (test: (outcome: DocumentOutcome<D>) => boolean) => ordered.filter(test).length;
	const codes = (outcome: DocumentOutcome<D>) => (outcome.kind === 'rejected' ? outcome.failures.map((failure) => failure.code) : []);
	return {
		outcomes: ordered,
		dryRun: run.dryRun,
		fault,
		journal: run.journal.description,
		target: { ...target, label: adapter.label },
		counts: {
			documents: ordered.length,
			posted: count((outcome) => outcome.kind === 'posted'),
			duplicates: count((outcome) => outcome.kind === 'duplicate'),
			skipped: count((outcome) => outcome.kind === 'skipped'),
			rejected: count((outcome) => outcome.kind === 'rejected'),
			previewed: count((outcome) => outcome.kind === 'preview'),
			unconfirmed: count((outcome) => codes(outcome).includes('POSTING_UNCONFIRMED')),
			notSent: notSent.size,
		},
	};
}

/** How long a run waits for documents another live run holds before reporting them as in progress there. */
export function busyWaitMs(): number {
	const seconds = Number(process.env.LEDGER_BRIDGE_BUSY_WAIT_SECONDS ?? 30);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000;
}

/**
 * Claims, then claims again what another live run holds, until that run let go of it (it was
 * posted, rejected or not sent) or the wait is over. Two overlapping runs of the same input then
 * both say what happened to each document — posted by the other execution, or rejected and why —
 * instead of the second one only saying "in progress elsewhere". Each claim takes all it can at
 * once, so two runs never wait for each other in a circle.
 */
async function claimWaiting<D>(
	run: PostingRun,
	adapter: PostingAdapter<D>,
	identified: readonly Identified<D>[],
	claimRecord: (entry: Identified<D>) => Pick<RecordRequest, 'document' | 'documentNumber' | 'accountCode' | 'source'>,
	byIdentity: ReadonlyMap<string, Identified<D>>,
): Promise<RunClaim[]> {
	const startedAt = Date.now();
	const deadline = startedAt + (run.dryRun ? 0 : busyWaitMs());
	const results = new Map<string, RunClaim>();
	const seenBusy = new Set<string>();
	let pending = [...identified];
	let pause = 50;
	for (;;) {
		// While waiting, all or nothing: this run holds none of its documents, so no run waits for one that waits itself.
		const waiting = Date.now() + pause <= deadline;
		const claims = await claimAll(run, adapter, pending, claimRecord, { nothingIfBusy: waiting });
		if (!claims.some((claim) => claim.kind === 'busy' || claim.kind === 'waiting')) {
			for (const claim of claims) results.set(claim.identity, claim);
			break;
		}
		if (!waiting) {
			for (const claim of claims) results.set(claim.identity, claim);
			break;
		}
		// A document another run held and has just turned away, unchanged: its verdict is this run's too
		// (the same content against the same ledger, moments apart), not checked again by each waiting run in turn.
		for (const claim of claims) {
			if (claim.kind === 'busy') seenBusy.add(claim.identity);
			const previous = claim.kind === 'waiting' ? claim.previous : undefined;
			if (!previous || !seenBusy.has(claim.identity) || (previous.state !== 'rejected' && previous.state !== 'skipped') || !previous.failures?.length) continue;
			if (previous.fingerprint === byIdentity.get(claim.identity)!.fingerprint && previous.updatedAt >= startedAt - 1_000) results.set(claim.identity, { identity: claim.identity, kind: 'decided', entry: previous });
		}
		// Settled without this run (already posted by the other one, or changed): nothing to wait for.
		for (const claim of claims) if (claim.kind === 'duplicate' || claim.kind === 'changed') results.set(claim.identity, claim);
		pending = pending.filter((entry) => !results.has(entry.identity));
		if (pending.length === 0) break;
		await new Promise((resolve) => setTimeout(resolve, pause));
		pause = Math.min(pause * 2, 1_000);
	}
	return identified.map((entry) => results.get(entry.identity)!);
}

/** A claim, or the verdict a concurrent run reached on the same document while this run waited for it. */
type RunClaim = ClaimResult | { identity: string; kind: 'decided'; entry: JournalEntry };

async function claimAll<D>(
	run: PostingRun,
	adapter: PostingAdapter<D>,
	identified: readonly Identified<D>[],
	claimRecord: (entry: Identified<D>) => Pick<RecordRequest, 'document' | 'documentNumber' | 'accountCode' | 'source'>,
	extra: Pick<ClaimOptions, 'nothingIfBusy'> = {},
): Promise<ClaimResult[]> {
	if (identified.length === 0) return [];
	const requests = identified.map((entry) => {
		const record = claimRecord(entry);
		return {
			identity: entry.identity,
			onChange: adapter.changePolicy?.(entry.document),
			fingerprint: entry.fingerprint,
			summary: entry.summary,
			document: record.document ?? entry.name,
			documentNumber: record.documentNumber,
			accountCode: record.accountCode,
			source: record.source,
		};
	});
	const options = { onChange: adapter.onChange, ...extra };
	if (!run.dryRun) return run.journal.claim(run.runId, adapter.target, requests, options);
	const entries = await run.journal.inspect(adapter.target, requests.map((request) => request.identity));
	const runIds = [...new Set([...entries.values()].map((entry) => entry.runId).filter((id): id is string => Boolean(id)))];
	const runs = new Map<string, JournalRun | null>();
	for (const id of runIds) runs.set(id, await run.journal.run(id));
	return requests.map((request) => {
		const entry = entries.get(request.identity);
		return claimDecision(entry, entry?.runId ? (runs.get(entry.runId) ?? null) : null, request, run.runId, options);
	});
}

/** Outcomes gathered and written to the journal in bulk: every RECORD_EVERY documents or two seconds. */
class RecordBuffer {
	private pending: RecordRequest[] = [];
	private lastFlush = Date.now();
	private written = 0;

	constructor(
		private readonly run: PostingRun,
		private readonly target: JournalTarget,
	) {}

	get size(): number {
		return this.pending.length + this.written;
	}

	add(record: RecordRequest): void {
		this.pending.push(record);
	}

	async maybeFlush(): Promise<void> {
		if (this.pending.length >= RECORD_EVERY || (this.pending.length > 0 && Date.now() - this.lastFlush >= RECORD_AFTER_MS)) await this.flush();
	}

	async flush(): Promise<void> {
		this.lastFlush = Date.now();
		if (this.run.dryRun || this.pending.length === 0) return;
		const batch = this.pending;
		this.pending = [];
		try {
			await this.run.journal.record(this.run.runId, this.target, batch);
			this.written += batch.length;
		} catch (error) {
			this.pending = [...batch, ...this.pending];
			// Without the journal the run's claims would age out while it still posts: stop it.
			throw new PostingStoppedError('POSTING_STOPPED', `the posting journal stopped answering (${(error as Error).message})`);
		}
	}
}

/** Ledger documents (not a payment status, a batch entry or a project): their text goes into ledger fields. */
function isLedgerDocument(document: unknown): document is LedgerDocument {
	return (DOCUMENT_TYPES as readonly string[]).includes((document as { type?: unknown }).type as string);
}

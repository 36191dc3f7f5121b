/**
 * Two runs of the same documents at the same time, through the posting pipeline with a small
 * ledger of its own and the embedded journal: the second run waits for what the first is
 * sending and then says what became of it (posted by the other execution, or rejected and why),
 * instead of "in progress elsewhere"; a document is sent by one of them only.
 */
import type { LedgerDocument } from '../../../lib/model/document';
import { closeJournals, openJournal } from '../../../lib/posting/journal/open';
import type { JournalTarget, PostingJournal } from '../../../lib/posting/journal/types';
import type { Failure } from '../../../lib/report/failureCodes';
import { PostingRun, runPosting, type Found, type Identified, type PostingAdapter, type PostingSink, type Preview, type Verdict } from '../../../lib/posting/pipeline';
import { ledgerIdentity } from '../../../lib/posting/identity';
import { temporaryJournalFile } from '../../support/journals';
import { salesInvoice } from '../fixtures';

const invoice = (number: string): LedgerDocument => ({ ...salesInvoice(), header: { ...salesInvoice().header!, number } });

/** A ledger that takes a while to post, refuses numbers starting "BAD" and skips those starting "OLD". */
class SlowLedger implements PostingAdapter {
	readonly target: JournalTarget = { system: 'testLedger', scope: 'company A' };
	readonly label = 'the test ledger';
	readonly onChange = 'reject' as const;
	readonly posted: string[] = [];
	checks = 0;

	constructor(private readonly postMs: number) {}

	identify(document: LedgerDocument): string | Failure {
		return ledgerIdentity(document, document.type);
	}

	async lookInTarget(): Promise<Map<string, Found>> {
		return new Map();
	}

	async check(documents: readonly Identified[]): Promise<Map<string, Verdict>> {
		const verdicts = new Map<string, Verdict>();
		for (const entry of documents) {
			const number = entry.document.header!.number!;
			this.checks += 1;
			if (number.startsWith('BAD')) verdicts.set(entry.identity, { failures: [{ code: 'SAGE_NOMINAL_MISSING', field: 'lines[0].account', message: `${entry.name}: line 1 nominal code 4999 does not exist.` }] });
			if (number.startsWith('OLD')) verdicts.set(entry.identity, { skip: { code: 'SAGE100_BEFORE_PERIOD_START', message: `${entry.name} is dated before the period start; it is skipped.` } });
		}
		return verdicts;
	}

	async preview(): Promise<Map<string, Preview>> {
		return new Map();
	}

	async post(documents: readonly Identified[], sink: PostingSink): Promise<void> {
		sink.sending(documents.map((entry) => entry.identity));
		await new Promise((resolve) => setTimeout(resolve, this.postMs));
		for (const entry of documents) {
			this.posted.push(entry.document.header!.number!);
			sink.posted(entry.identity, { state: 'posted', reference: { entry: this.posted.length }, message: `${entry.name} posted.` });
		}
		await sink.flush();
	}
}

let journal: PostingJournal;
let remove: () => void;
beforeEach(async () => {
	const file = temporaryJournalFile();
	remove = file.remove;
	journal = await openJournal({ kind: 'embedded', file: file.file });
});
afterEach(async () => {
	await closeJournals();
	remove();
	delete process.env.LEDGER_BRIDGE_BUSY_WAIT_SECONDS;
});

async function post(ledger: SlowLedger, documents: LedgerDocument[], executionId: string, delayMs = 0) {
	await new Promise((resolve) => setTimeout(resolve, delayMs));
	const run = new PostingRun(journal, { executionId, nodeName: 'Post' });
	await run.start();
	try {
		return await runPosting(run, ledger, documents.map((input, index) => ({ index, input })));
	} finally {
		await run.finish('done');
	}
}

test('a run overlapping another waits for its documents and reports them as posted by that execution', async () => {
	const ledger = new SlowLedger(400);
	const documents = [invoice('INV-1'), invoice('INV-2')];
	const [first, second] = await Promise.all([post(ledger, documents, 'exec-1'), post(ledger, documents, 'exec-2', 100)]);
	expect(ledger.posted.sort()).toEqual(['INV-1', 'INV-2']);
	expect(first.outcomes.map((outcome) => outcome.kind)).toEqual(['posted', 'posted']);
	expect(second.outcomes.map((outcome) => [outcome.kind, outcome.kind === 'duplicate' && outcome.reason, outcome.kind === 'duplicate' && outcome.executionId])).toEqual([
		['duplicate', 'journal', 'exec-1'],
		['duplicate', 'journal', 'exec-1'],
	]);
});

test('with no time to wait, the overlapping run says which execution is sending the documents', async () => {
	process.env.LEDGER_BRIDGE_BUSY_WAIT_SECONDS = '0';
	const ledger = new SlowLedger(300);
	const [, second] = await Promise.all([post(ledger, [invoice('INV-1')], 'exec-1'), post(ledger, [invoice('INV-1')], 'exec-2', 100)]);
	expect(second.outcomes[0].kind === 'duplicate' && second.outcomes[0].reason).toBe('inProgress');
	expect(second.outcomes[0].kind === 'duplicate' && second.outcomes[0].message).toMatch(/is being sent to the test ledger right now by another run \(execution exec-1\)/);
	expect(ledger.posted).toEqual(['INV-1']);
});

test('a document the overlapping run rejects or skips is rejected or skipped in both runs, with the same reasons', async () => {
	const ledger = new SlowLedger(400);
	const documents = [invoice('INV-1'), invoice('BAD-1'), invoice('OLD-1')];
	const runs = await Promise.all([post(ledger, documents, 'exec-1'), post(ledger, documents, 'exec-2', 50), post(ledger, documents, 'exec-3', 100)]);
	for (const result of runs) {
		const [, bad, old] = result.outcomes;
		expect(bad.kind === 'rejected' && bad.failures).toEqual([{ code: 'SAGE_NOMINAL_MISSING', field: 'lines[0].account', message: 'Sales invoice BAD-1: line 1 nominal code 4999 does not exist.' }]);
		expect(old.kind === 'skipped' && old.failure.code).toBe('SAGE100_BEFORE_PERIOD_START');
	}
	expect(ledger.posted).toEqual(['INV-1']);
	const [entry] = await journal.find({ documentNumber: 'BAD-1' });
	expect(entry).toMatchObject({ state: 'rejected', failureCodes: ['SAGE_NOMINAL_MISSING'], failures: [{ code: 'SAGE_NOMINAL_MISSING', field: 'lines[0].account' }] });
	expect((await journal.find({ documentNumber: 'OLD-1' }))[0].state).toBe('skipped');
});

test('a rejected document sent again later, by a run that did not overlap, is checked again', async () => {
	const ledger = new SlowLedger(0);
	await post(ledger, [invoice('BAD-1')], 'exec-1');
	const checks = ledger.checks;
	const again = await post(ledger, [invoice('BAD-1')], 'exec-2');
	expect(again.outcomes[0].kind).toBe('rejected');
	expect(ledger.checks).toBe(checks + 1);
});

describe('progress of a long send', () => {
	/** A ledger that posts one document at a time, as Exact and Sage 100 do. */
	class OneByOne extends SlowLedger {
		async post(documents: readonly Identified[], sink: PostingSink): Promise<void> {
			for (const entry of documents) {
				sink.sending([entry.identity]);
				if (entry.document.header!.number!.startsWith('REFUSED')) sink.rejected(entry.identity, [{ code: 'EXACT_REJECTED', message: `${entry.name}: refused.` }]);
				else sink.posted(entry.identity, { state: 'posted', reference: { entry: entry.identity }, message: `${entry.name} posted.` });
			}
			await sink.flush();
		}
	}

	async function progressOf(documents: LedgerDocument[], everyMs: number): Promise<string[]> {
		const lines: string[] = [];
		const run = new PostingRun(journal, { executionId: 'progress', nodeName: 'Post' });
		run.progress = (detail) => lines.push(detail);
		run.progressEveryMs = everyMs;
		await run.start();
		try {
			await runPosting(run, new OneByOne(0), documents.map((input, index) => ({ index, input })));
		} finally {
			await run.finish('done');
		}
		return lines;
	}

	test('each settled document counts, refused ones too, in the words the log shows', async () => {
		expect(await progressOf([invoice('INV-1'), invoice('REFUSED-2'), invoice('INV-3')], 0)).toEqual([
			'1 of 3 documents settled with the test ledger',
			'2 of 3 documents settled with the test ledger',
			'3 of 3 documents settled with the test ledger',
		]);
	});

	test('a send quicker than the interval stays quiet; documents already done are not counted as sent', async () => {
		expect(await progressOf(Array.from({ length: 1200 }, (_, index) => invoice(`INV-${index}`)), 60_000)).toEqual([]);
		expect(await progressOf([invoice('INV-1'), invoice('INV-2')], 0)).toEqual([]);
	});
});

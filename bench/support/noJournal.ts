/**
 * The benches' "without the journal" arm: the same pipeline, with a journal that keeps nothing
 * (every document claimable, nothing recorded), so the difference between the two arms is the
 * journal's own work — never something to post with.
 */
import type { ClaimRequest, ForgetResult, ClaimResult, JournalEntry, JournalRun, PostingJournal } from '../../lib/posting/journal/types';

export class NoJournal implements PostingJournal {
	readonly description = 'no journal (bench baseline)';
	readonly kind = 'memory' as const;

	async startRun(): Promise<void> {}
	async finishRun(): Promise<void> {}
	async claim(_runId: string, _target: unknown, requests: readonly ClaimRequest[]): Promise<ClaimResult[]> {
		return requests.map((request) => ({ identity: request.identity, kind: 'claimed' }));
	}
	async inspect(): Promise<Map<string, JournalEntry>> {
		return new Map();
	}
	async record(): Promise<void> {}
	async markPublished(): Promise<void> {}
	async run(): Promise<JournalRun | null> {
		return null;
	}
	async find(): Promise<JournalEntry[]> {
		return [];
	}
	async forget(): Promise<ForgetResult> {
		return { forgotten: [], held: [] };
	}
	async withLock<T>(_name: string, _options: unknown, work: () => Promise<T>): Promise<T> {
		return work();
	}
	async close(): Promise<void> {}
}

/**
 * The retry core both API clients share: the faults one logical request has met, the backoff
 * before its next attempt, the wait itself (counted and reported as it happens), and what a
 * request that got no answer may do next. What counts as a fault and which messages to give
 * stay with each client: Manage and Exact classify their answers differently.
 */
import { networkErrorCode, nothingWasSent } from './send';

export interface RetryRules {
	/** Attempts after the first. */
	maxRetries: number;
	/** The first backoff; it doubles with each fault up to maxBackoffMs. */
	retryDelayMs: number;
	maxBackoffMs: number;
	/** The longest single wait; a longer one asked for is cut to it. */
	maxWaitMs?: number;
	/** A fraction from 0 to 1 (Math.random by default; tests pass a fixed one). */
	random: () => number;
}

export type WaitKind = 'retry' | 'rateLimitWait';

/** Waits `waitMs`, counting and reporting it (each client keeps its own stats and events). */
export type Waiter = (type: WaitKind, waitMs: number, detail: string) => Promise<void>;

/** The retries of one logical request ("GET finance/invoices"). */
export class Retries {
	/** Faults met so far: each one allowed another attempt. */
	faults = 0;

	constructor(
		private readonly rules: RetryRules,
		/** How the request is named in progress lines: "POST salesentry/SalesEntries". */
		private readonly request: string,
		private readonly wait: Waiter,
		private readonly stats: { retries: number },
	) {}

	/** Whether one more attempt is allowed after a fault. */
	get canRetry(): boolean {
		return this.faults < this.rules.maxRetries;
	}

	/** The attempts made so far, counting the one that just failed. */
	get attempts(): number {
		return this.faults + 1;
	}

	/**
	 * Exponential backoff with jitter: half of it fixed, half random, so that clients that failed
	 * together (several workers behind one rate limit) do not all come back at the same moment.
	 */
	backoffMs(faults = Math.max(this.faults, 1)): number {
		const base = Math.min(this.rules.retryDelayMs * 2 ** (faults - 1), this.rules.maxBackoffMs);
		return base / 2 + (base / 2) * this.rules.random();
	}

	/** Counts a fault and waits before the next attempt: `waitMs` when the service said how long, else the backoff. */
	async afterFault(detail: string, waitMs?: number, type: WaitKind = 'retry'): Promise<void> {
		this.faults += 1;
		this.stats.retries += 1;
		const ms = Math.min(waitMs ?? this.backoffMs(), this.rules.maxWaitMs ?? Number.POSITIVE_INFINITY);
		await this.wait(type, ms, `${this.request}: ${detail}; attempt ${this.faults + 1} of ${this.rules.maxRetries + 1}`);
	}

	/**
	 * A request that got no answer (refused, reset, timed out). A refused connection proves
	 * nothing reached the service, so even a POST may go again; a reset or a timeout may have
	 * lost the answer to a request that was carried out, so only a repeatable one does. Resolves
	 * to undefined once it has waited for another attempt, or says why not: the network error's
	 * code and whether the request may have been carried out, for the client's own error.
	 */
	async afterNetworkFault(error: unknown, repeatable: boolean): Promise<{ code: string; outcomeUnknown: boolean } | undefined> {
		const code = networkErrorCode(error);
		const unsent = nothingWasSent(error);
		if ((repeatable || unsent) && this.canRetry) {
			await this.afterFault(`network error ${code}`);
			return undefined;
		}
		return { code, outcomeUnknown: !repeatable && !unsent };
	}
}

/**
 * An optional fixed-window rate limit. ConnectWise publishes no number, only that 429s come with
 * `Retry-After` seconds and that over ~1,000 requests a minute "will likely" be limited (§4), so
 * the window and allowance are the test's to choose. Every API call counts, authenticated or
 * not (the limiter sits in front, as Cloudflare does: pyconnectwise PR #41); companyinfo and
 * faulted calls do not.
 */
export interface RateLimitOptions {
	requestsPerWindow: number;
	windowMs: number;
}

export class RateLimiter {
	private windowStart = 0;
	private calls = 0;

	constructor(
		private readonly options: RateLimitOptions,
		private readonly now: () => number,
	) {}

	/** Counts a call; answers the seconds to wait when it is over the allowance. */
	take(): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
		const now = this.now();
		if (now - this.windowStart >= this.options.windowMs) {
			this.windowStart = now;
			this.calls = 0;
		}
		if (this.calls >= this.options.requestsPerWindow) {
			const waitMs = this.windowStart + this.options.windowMs - now;
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
		}
		this.calls += 1;
		return { allowed: true };
	}

	reset(): void {
		this.windowStart = 0;
		this.calls = 0;
	}
}

/**
 * Switches a test flips to make the next API calls fail the ways Exact does fail. Faults queue
 * in the order they were armed: burst429(1) then serverErrors(1) fails the next call with a
 * 429 and the one after with a 503. A faulted call is not counted against the rate limits.
 */
export type ApiFault =
	| { kind: 'rateLimited'; withHeaders: boolean }
	| { kind: 'serverError'; status: number }
	| { kind: 'drop'; afterProcessing: boolean }
	| { kind: 'maintenance' };

export class FaultSwitches {
	private readonly queue: Array<{ fault: ApiFault; remaining: number; method?: string }> = [];
	private tokenResponsesToDrop = 0;

	constructor(private readonly expireAccessToken: () => void) {}

	/**
	 * The next n API calls get 429 with an empty body. By default they carry the minutely
	 * headers only (remaining 0); `withHeaders: false` sends none, as older reports describe (§5).
	 */
	burst429(n: number, options: { withHeaders?: boolean } = {}): this {
		return this.arm({ kind: 'rateLimited', withHeaders: options.withHeaders ?? true }, n);
	}

	/** The next n API calls get `status` (default 503) without being processed. */
	serverErrors(n: number, status = 503): this {
		return this.arm({ kind: 'serverError', status }, n);
	}

	/**
	 * The next n API calls (of `method`, when given) have their socket destroyed before any
	 * response. With `afterProcessing` the call is carried out first — the entry is in Exact —
	 * and only the answer is lost: the case a client must re-check before posting again.
	 */
	dropConnections(n: number, options: { method?: string; afterProcessing?: boolean } = {}): this {
		return this.arm({ kind: 'drop', afterProcessing: options.afterProcessing ?? false }, n, options.method);
	}

	/** The next n API calls get HTTP 200 with an HTML maintenance page (§4). */
	maintenance(n: number): this {
		return this.arm({ kind: 'maintenance' }, n);
	}

	/**
	 * The next n token-endpoint calls are processed (a refresh token is spent and a new one
	 * issued) but the socket is destroyed before the answer: the client never sees its new token.
	 */
	dropTokenResponses(n: number): this {
		this.tokenResponsesToDrop += n;
		return this;
	}

	/** The current access token stops working now: the next API call gets 401, and a refresh is no longer "too early". */
	expireAccessTokens(): this {
		this.expireAccessToken();
		return this;
	}

	clear(): this {
		this.queue.length = 0;
		this.tokenResponsesToDrop = 0;
		return this;
	}

	/** API calls still to be faulted. */
	get pending(): number {
		return this.queue.reduce((total, item) => total + item.remaining, 0);
	}

	/** For the router: the fault for this API call, if one is armed. */
	takeApiFault(method: string): ApiFault | undefined {
		const head = this.queue[0];
		if (!head || (head.method && head.method !== method)) return undefined;
		head.remaining -= 1;
		if (head.remaining <= 0) this.queue.shift();
		return head.fault;
	}

	/** For the token endpoint: whether to drop this answer. */
	takeTokenDrop(): boolean {
		if (this.tokenResponsesToDrop <= 0) return false;
		this.tokenResponsesToDrop -= 1;
		return true;
	}

	private arm(fault: ApiFault, n: number, method?: string): this {
		if (n > 0) this.queue.push({ fault, remaining: n, method: method?.toUpperCase() });
		return this;
	}
}

/**
 * Switches a test flips to make the next API calls fail the ways ConnectWise does fail (§4, §5).
 * Faults queue in the order they were armed: burst429(1) then serverErrors(1) fails the next
 * call with a 429 and the one after with a 500. Only calls under /{codebase}apis/3.0 are
 * faulted (not /login/companyinfo), and a faulted call is not counted by the rate limit.
 */
export type ApiFault =
	| { kind: 'rateLimited'; retryAfterSeconds: number }
	| { kind: 'serverError'; status: number }
	| { kind: 'drop'; afterProcessing: boolean };

export class FaultSwitches {
	private readonly queue: Array<{ fault: ApiFault; remaining: number; method?: string }> = [];

	/** The next n API calls get 429 with `Retry-After: retryAfterSeconds` and the 429 body (§4). */
	burst429(n: number, retryAfterSeconds = 1): this {
		return this.arm({ kind: 'rateLimited', retryAfterSeconds }, n);
	}

	/**
	 * The next n API calls get `status` without being processed: 500 with a ConnectWise JSON body
	 * that mentions a timeout (the only 500 pyconnectwise retries, §5), 502/503/504 with an HTML page
	 * as a proxy in front of ConnectWise would send.
	 */
	serverErrors(n: number, status: 500 | 502 | 503 | 504 = 500): this {
		return this.arm({ kind: 'serverError', status }, n);
	}

	/**
	 * The next n API calls (of `method`, when given) have their socket destroyed without an answer.
	 * With `afterProcessing` the call is carried out first (the batch exists, the payment is
	 * applied) and only the answer is lost: the case a client must re-check before retrying.
	 */
	dropConnections(n: number, options: { method?: string; afterProcessing?: boolean } = {}): this {
		return this.arm({ kind: 'drop', afterProcessing: options.afterProcessing ?? false }, n, options.method);
	}

	clear(): this {
		this.queue.length = 0;
		return this;
	}

	/** API calls still to be faulted. */
	get pending(): number {
		return this.queue.reduce((total, item) => total + item.remaining, 0);
	}

	/** For the router: the fault for this API call, if one is armed for its method. */
	take(method: string): ApiFault | undefined {
		const head = this.queue[0];
		if (!head || (head.method && head.method !== method.toUpperCase())) return undefined;
		head.remaining -= 1;
		if (head.remaining <= 0) this.queue.shift();
		return head.fault;
	}

	private arm(fault: ApiFault, n: number, method?: string): this {
		if (n > 0) this.queue.push({ fault, remaining: n, method: method?.toUpperCase() });
		return this;
	}
}

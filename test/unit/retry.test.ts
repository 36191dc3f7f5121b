/**
 * The retry core both API clients use (lib/http/retry.ts): exponential backoff with jitter, the
 * attempt count in what it reports, and which requests that got no answer may be sent again.
 */
import { Retries, type RetryRules } from '../../lib/http/retry';
import { HttpNetworkError } from '../../lib/http/send';

function retriesFor(rules: Partial<RetryRules> = {}) {
	const waits: Array<{ type: string; waitMs: number; detail: string }> = [];
	const stats = { retries: 0 };
	const retries = new Retries({ maxRetries: 3, retryDelayMs: 1000, maxBackoffMs: 4000, random: () => 0.5, ...rules }, 'GET finance/invoices', async (type, waitMs, detail) => void waits.push({ type, waitMs, detail }), stats);
	return { retries, waits, stats };
}

const networkError = (code: string) => new HttpNetworkError(code, `connect ${code}`);

describe('retries of one request', () => {
	test('each fault waits twice as long as the one before, half of it random, up to the longest backoff', async () => {
		const { retries, waits, stats } = retriesFor();
		while (retries.canRetry) await retries.afterFault('HTTP 503');
		expect(waits.map((wait) => wait.waitMs)).toEqual([750, 1500, 3000]);
		expect(waits.map((wait) => wait.detail)).toEqual([
			'GET finance/invoices: HTTP 503; attempt 2 of 4',
			'GET finance/invoices: HTTP 503; attempt 3 of 4',
			'GET finance/invoices: HTTP 503; attempt 4 of 4',
		]);
		expect(stats.retries).toBe(3);
		expect(retries.attempts).toBe(4);
		expect(retriesFor({ random: () => 0 }).retries.backoffMs(5)).toBe(2000);
		expect(retriesFor({ random: () => 1 }).retries.backoffMs(5)).toBe(4000);
	});

	test('a wait the service asked for is kept, cut to the longest single wait, and reported as a rate-limit wait when it is one', async () => {
		const { retries, waits } = retriesFor({ maxWaitMs: 10_000 });
		await retries.afterFault('429 Too Many Requests', 60_000, 'rateLimitWait');
		expect(waits).toEqual([{ type: 'rateLimitWait', waitMs: 10_000, detail: 'GET finance/invoices: 429 Too Many Requests; attempt 2 of 4' }]);
	});

	test('a refused connection proves nothing was sent: even a POST goes again', async () => {
		const { retries, waits } = retriesFor();
		await expect(retries.afterNetworkFault(networkError('ECONNREFUSED'), false)).resolves.toBeUndefined();
		expect(waits).toHaveLength(1);
	});

	test('a reset connection may have lost the answer to a POST that was carried out: it is not sent again, and the outcome is unknown', async () => {
		const { retries, waits } = retriesFor();
		await expect(retries.afterNetworkFault(networkError('ECONNRESET'), false)).resolves.toEqual({ code: 'ECONNRESET', outcomeUnknown: true });
		expect(waits).toHaveLength(0);
		// A GET may go again after the same fault.
		await expect(retries.afterNetworkFault(networkError('ECONNRESET'), true)).resolves.toBeUndefined();
	});

	test('once the retries are used up, a refused connection is reported as unreachable, not as an unknown outcome', async () => {
		const { retries } = retriesFor({ maxRetries: 0 });
		await expect(retries.afterNetworkFault(networkError('ECONNREFUSED'), false)).resolves.toEqual({ code: 'ECONNREFUSED', outcomeUnknown: false });
	});
});

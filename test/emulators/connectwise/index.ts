/**
 * An in-repo ConnectWise Manage: a small HTTP server that behaves like the real REST API as
 * described in ../../../../shared/reference/connectwise-manage.md, for unit tests, the e2e
 * suite, the benchmark and the sandbox demo. See README.md in this folder for the rules, the
 * seed, the fault switches and the choices the reference leaves open.
 */

import type { BatchCreateResponse } from './batches';
import { FaultSwitches } from './faults';
import { RateLimiter, type RateLimitOptions } from './rateLimit';
import { mergeSeed, SAMPLE_KEYS, SAMPLE_MANAGE } from './seed';
import { createEmulatorServer } from './server';
import { ManageState } from './state';
import type { ManageSeed } from './types';
import { listen } from '../shared';

export { SAMPLE_KEYS, SAMPLE_MANAGE, DEFAULT_SEED, GENERATED_COMPANY_BASE, GENERATED_INVOICE_BASE } from './seed';
export { FaultSwitches } from './faults';
export { ManageState } from './state';
export type { ApiKey, RequestRecord, UnpostedReceipt } from './state';
export { MAX_URL_LENGTH } from './server';
export { IMPERSONATION_MINUTES } from './auth';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './query';
export { parseConditions, matches as matchesConditions } from './conditions';
export type { BatchCreateResponse } from './batches';
export type { RateLimitOptions } from './rateLimit';
export type * from './types';

export interface ConnectWiseEmulatorOptions {
	/** 0 (default): a free port. */
	port?: number;
	/** Interface to listen on; default 127.0.0.1. */
	host?: string;
	/** Default 'ledgerbridge' (SAMPLE_KEYS.companyId). */
	companyId?: string;
	/** Default 'v2025_1/'; the API lives under /{codebase}apis/3.0 (§1). */
	codebase?: string;
	/** Laid over the sample: list entries with a known id replace, others are added. */
	seed?: Partial<ManageSeed>;
	/** Bulk data for the benchmark, e.g. { invoices: 10000, customers: 200 } (README "Generated data"). */
	generated?: { invoices?: number; customers?: number };
	/** Beyond it → 429 with Retry-After (§4). Off by default. */
	rateLimit?: RateLimitOptions;
	/** What POST finance/accounting/batches answers: 'glExport' (default, as the spec types it) or 'accountingBatch'. */
	batchResponse?: BatchCreateResponse;
	/** The clock, for tests that move time (impersonation expiry, rate-limit windows, default thruDate). */
	now?: () => number;
}

export interface ConnectWiseEmulator {
	/** e.g. http://127.0.0.1:41234: the "site"; companyinfo is at /login/companyinfo/{companyId}. */
	url: string;
	/** e.g. http://127.0.0.1:41234/v2025_1/apis/3.0 */
	apiUrl: string;
	companyId: string;
	state: ManageState;
	faults: FaultSwitches;
	close(): Promise<void>;
}

export async function startConnectWiseEmulator(options: ConnectWiseEmulatorOptions = {}): Promise<ConnectWiseEmulator> {
	const now = options.now ?? Date.now;
	const companyId = options.companyId ?? SAMPLE_KEYS.companyId;
	const codebase = (options.codebase ?? SAMPLE_MANAGE.codebase).replace(/^\/+/, '').replace(/\/*$/, '/');
	const limiter = options.rateLimit ? new RateLimiter(options.rateLimit, now) : undefined;
	const state = new ManageState(mergeSeed(options.seed), options.generated, now, () => limiter?.reset());
	state.apiKeys.push({ publicKey: SAMPLE_KEYS.publicKey, privateKey: SAMPLE_KEYS.privateKey, memberIdentifier: 'lb-api' });
	const faults = new FaultSwitches();
	let url = '';
	const server = createEmulatorServer({
		state,
		faults,
		limiter,
		settings: {
			companyId,
			codebase,
			credentials: { companyId, integratorLogin: SAMPLE_MANAGE.integratorLogin },
			batchResponse: options.batchResponse ?? 'glExport',
			siteUrl: () => url,
		},
	});
	const listening = await listen(server, options.port, options.host);
	url = listening.url;
	return {
		url,
		apiUrl: `${url}/${codebase}apis/3.0`,
		companyId,
		state,
		faults,
		close: listening.close,
	};
}

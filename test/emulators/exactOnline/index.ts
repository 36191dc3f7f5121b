/**
 * An in-repo Exact Online: a small HTTP server that behaves like the real API as described in
 * ../../../../shared/reference/exact-online.md, for unit tests, the e2e suite, the benchmark and
 * the sandbox demo. See README.md in this folder for the rules, the seed and the fault switches.
 */

import { FaultSwitches } from './faults';
import { OAuthProvider } from './oauth';
import { mergeSeed } from './seed';
import { createEmulatorServer } from './server';
import { EmulatorState } from './state';
import type { EmulatorSeed } from './types';
import { listen } from '../shared';

export { SAMPLE_CLIENT, SAMPLE_DIVISION } from './seed';
export { FaultSwitches } from './faults';
export { EmulatorState, DivisionData } from './state';
export type { RequestRecord } from './state';
export { SELECT_MANDATORY } from './query';
export { padAccountCode, padVatCode, stableGuid } from './values';
export type * from './types';

export interface ExactEmulatorOptions {
	/** 0 (default): a free port on 127.0.0.1. */
	port?: number;
	/** Interface to listen on; default 127.0.0.1. */
	host?: string;
	/** Real milliseconds in a rate-limit "minute" (default 60000); the day is 1440 of them. */
	minuteMs?: number;
	/** Default 60 (§5). */
	minutelyLimit?: number;
	/** Default 5000 (§5). */
	dailyLimit?: number;
	/** Default 600, reported as the string "600" (§1). */
	accessTokenSeconds?: number;
	/** Default 570: a refresh sooner after the current token was issued is refused as too early (§1). */
	earliestRefreshSeconds?: number;
	/** Laid over SAMPLE_DIVISION.seed: list entries with a known Code replace, others are added. */
	seed?: Partial<EmulatorSeed>;
	/** Status of business-rule failures on POST; default 500, as Exact often answers (§6). */
	validationErrorStatus?: number;
	/** The clock, for tests that move time; default Date.now. */
	now?: () => number;
}

export interface ExactEmulator {
	/** e.g. http://127.0.0.1:41234; the API is under /api/v1, OAuth under /api/oauth2. */
	url: string;
	state: EmulatorState;
	faults: FaultSwitches;
	close(): Promise<void>;
	/** Tokens as after a consent, for tests that skip the browser step. Revokes earlier ones. */
	issueTokens(): { access_token: string; refresh_token: string; expires_in: string };
}

export async function startExactEmulator(options: ExactEmulatorOptions = {}): Promise<ExactEmulator> {
	const now = options.now ?? Date.now;
	const state = new EmulatorState(mergeSeed(options.seed), now);
	let oauth: OAuthProvider | undefined;
	const faults = new FaultSwitches(() => oauth?.expireAccessToken());
	oauth = new OAuthProvider(
		state,
		{ accessTokenSeconds: options.accessTokenSeconds ?? 600, earliestRefreshSeconds: options.earliestRefreshSeconds ?? 570 },
		now,
		() => faults.takeTokenDrop(),
	);
	let url = '';
	const server = createEmulatorServer({
		state,
		oauth,
		faults,
		settings: {
			minuteMs: options.minuteMs ?? 60_000,
			minutelyLimit: options.minutelyLimit ?? 60,
			dailyLimit: options.dailyLimit ?? 5000,
			validationErrorStatus: options.validationErrorStatus ?? 500,
			now,
			baseUrl: () => url,
		},
	});
	const listening = await listen(server, options.port, options.host);
	url = listening.url;
	const provider = oauth;
	return {
		url,
		state,
		faults,
		issueTokens: () => provider.issueTokens(),
		close: listening.close,
	};
}

/**
 * Telling a live run from a dead one. A run's claims stand while it is alive; once it is gone
 * (its process killed, its machine down) the next run may take them over, after looking in
 * the target for what the dead run managed to send.
 *
 * - In this process: exact, from the set of runs still going here.
 * - Another process on this machine: its process id must still exist and its heartbeat be fresh
 *   (a killed n8n worker is seen as gone at once; a reused process id still ages out).
 * - Another machine: its heartbeat, renewed every few seconds while it runs.
 */
import { hostname } from 'node:os';

import { processExists } from '../../files/temporary';
import type { JournalRun } from './types';

export const HOST = hostname();

/** How often a live run renews its heartbeat. */
export const HEARTBEAT_MS = 10_000;

/** A run whose heartbeat is older than this is taken for dead. Tests shorten it. */
export function staleAfterMs(): number {
	const seconds = Number(process.env.LEDGER_BRIDGE_JOURNAL_STALE_SECONDS);
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000;
}

const ACTIVE_KEY = Symbol.for('ledger-bridge.posting.activeRuns');
const registry = globalThis as unknown as Record<symbol, Set<string> | undefined>;
/** Runs going on in this process (shared by every copy of the module n8n may load). */
export const activeRuns: Set<string> = (registry[ACTIVE_KEY] ??= new Set<string>());


export function isAlive(run: JournalRun | null | undefined, now = Date.now()): boolean {
	if (!run || run.finishedAt !== null) return false;
	if (run.host === HOST && run.pid === process.pid) return activeRuns.has(run.runId);
	if (now - run.heartbeatAt > staleAfterMs()) return false;
	if (run.host === HOST && !processExists(run.pid)) return false;
	return true;
}

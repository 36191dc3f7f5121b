/**
 * A separate process for the journal's cross-process tests: `node -r ts-node/register/transpile-only
 * journalWorker.ts '<json>'`. It claims documents (or takes a named lock) as a second n8n process
 * would, prints what it got as one JSON line, and can be told to stop dead (no clean-up) midway.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { openJournal, type JournalSettings } from '../../lib/posting/journal/open';
import type { JournalTarget } from '../../lib/posting/journal/types';

interface Task {
	settings: JournalSettings;
	target: JournalTarget;
	mode: 'claim' | 'lock' | 'claimAndHang' | 'open';
	identities?: string[];
	/** Start all workers at once: wait until this epoch ms. */
	startAt?: number;
	/** Mode 'open': new journal files, each opened by every worker at the same instant (openAt, then every 400 ms). */
	files?: string[];
	openAt?: number;
	counterFile?: string;
	rounds?: number;
}

async function main(): Promise<void> {
	const task = JSON.parse(process.argv[2]) as Task;
	if (task.mode === 'open') {
		// Each file opened (and claimed from) at its own instant, by every worker at once.
		const failures: string[] = [];
		for (const [index, file] of (task.files ?? []).entries()) {
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, task.openAt! + index * 400 - Date.now())));
			try {
				const fresh = await openJournal({ kind: 'embedded', file });
				await fresh.startRun({ runId: `open-${process.pid}-${index}` });
				await fresh.claim(`open-${process.pid}-${index}`, task.target, [{ identity: `OPEN-${process.pid}`, fingerprint: 'f', summary: {}, document: 'x' }], { onChange: 'reject' });
				await fresh.finishRun(`open-${process.pid}-${index}`, 'done');
				await fresh.close();
			} catch (error) {
				failures.push(String((error as Error)?.message ?? error));
			}
		}
		process.stdout.write(`${JSON.stringify({ failures })}\n`);
		process.exit(0);
	}
	const journal = await openJournal(task.settings);
	if (task.startAt) await new Promise((resolve) => setTimeout(resolve, Math.max(0, task.startAt! - Date.now())));
	const runId = `worker-${process.pid}`;
	await journal.startRun({ runId, executionId: String(process.pid), nodeName: 'worker' });
	if (task.mode === 'lock') {
		// A read-modify-write of a shared file: only correct if the lock excludes every other process.
		for (let round = 0; round < (task.rounds ?? 20); round++) {
			await journal.withLock('counter', { ttlMs: 10_000, waitMs: 30_000 }, async () => {
				const value = Number(readFileSync(task.counterFile!, 'utf8'));
				await new Promise((resolve) => setTimeout(resolve, 2));
				writeFileSync(task.counterFile!, String(value + 1));
			});
		}
		await journal.finishRun(runId, 'done');
		process.stdout.write(`${JSON.stringify({ done: true })}\n`);
		process.exit(0);
	}
	const results = await journal.claim(
		runId,
		task.target,
		(task.identities ?? []).map((identity) => ({ identity, fingerprint: 'f', summary: {}, document: identity })),
		{ onChange: 'reject' },
	);
	const claimed = results.filter((result) => result.kind === 'claimed').map((result) => result.identity);
	process.stdout.write(`${JSON.stringify({ runId, pid: process.pid, claimed, kinds: results.map((result) => result.kind) })}\n`);
	if (task.mode === 'claimAndHang') {
		// Killed from outside with SIGKILL: the claims stay behind, as after a crashed worker.
		setInterval(() => undefined, 1000);
		return;
	}
	await journal.record(runId, task.target, claimed.map((identity) => ({ identity, state: 'posted', fingerprint: 'f', summary: {}, document: identity, targetReference: { by: runId } })));
	await journal.finishRun(runId, 'done');
	process.exit(0);
}

main().catch((error) => {
	process.stdout.write(`${JSON.stringify({ error: String(error?.stack ?? error) })}\n`);
	process.exit(1);
});

/**
 * The watched folder's rules, poll by poll, with the clock in the test's hand: when an export
 * is ready, and what happens to one a run took and never moved.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

import { removeAbandonedTemporaries, temporaryFileName } from '../../lib/files/temporary';
import { emptyFolderState, pollFolder, type FolderState, type PollOptions } from '../../lib/sources/folder/watch';

let folder: string;
beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'watched-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 6, 1, 9, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function save(name: string, content: string, mtimeMs: number) {
	const file = path.join(folder, name);
	writeFileSync(file, content);
	utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
	return file;
}

/** Polls at the given times, each from the state the last one kept; what each handed out. */
async function pollsAt(times: number[], options: Partial<PollOptions> = {}, start: FolderState = emptyFolderState()) {
	let state = start;
	const handedOut: Array<Array<{ name: string; attempt: number }>> = [];
	const givenUp: string[][] = [];
	for (const nowMs of times) {
		const result = await pollFolder(folder, '*.txt', state, { nowMs, settleMs: 10 * SECOND, leaseMs: 10 * MINUTE, maxAttempts: 3, ...options });
		state = result.state;
		handedOut.push(result.ready.map(({ name, attempt }) => ({ name, attempt })));
		givenUp.push(result.givenUp.map(({ name }) => name));
	}
	return { handedOut, givenUp, state };
}

describe('when an export is ready', () => {
	test('an export saved long ago is taken only once the polls saw it unchanged for the settle time, not at the second poll', async () => {
		save('june.txt', 'INV-2041\r\n', T0 - 60 * MINUTE);
		const { handedOut } = await pollsAt([T0, T0 + 5 * SECOND, T0 + 10 * SECOND]);
		expect(handedOut).toEqual([[], [], [{ name: 'june.txt', attempt: 1 }]]);
	});

	test('a copy that stalls and goes on (keeping the source\'s old time) starts its settle time again', async () => {
		const file = save('june.txt', 'INV-2041\r\n', T0 - 60 * MINUTE);
		const first = await pollsAt([T0, T0 + 5 * SECOND]);
		writeFileSync(file, 'INV-2041\r\nINV-2042\r\n');
		utimesSync(file, (T0 - 60 * MINUTE) / 1000, (T0 - 60 * MINUTE) / 1000);
		const after = await pollsAt([T0 + 10 * SECOND, T0 + 15 * SECOND, T0 + 20 * SECOND], {}, first.state);
		expect(after.handedOut).toEqual([[], [], [{ name: 'june.txt', attempt: 1 }]]);
	});
});

describe('an export a run took and never moved', () => {
	test('is not handed out again while its run may still be going, then handed out again after the lease, as attempt 2', async () => {
		save('june.txt', 'INV-2041\r\n', T0 - 60 * MINUTE);
		const { handedOut } = await pollsAt([T0, T0 + 10 * SECOND, T0 + 5 * MINUTE, T0 + 10 * MINUTE + 9 * SECOND, T0 + 10 * MINUTE + 10 * SECOND, T0 + 11 * MINUTE]);
		expect(handedOut).toEqual([[], [{ name: 'june.txt', attempt: 1 }], [], [], [{ name: 'june.txt', attempt: 2 }], []]);
	});

	test('after its last attempt it is given up on once and left in the folder; saving it again starts over', async () => {
		save('june.txt', 'INV-2041\r\n', T0 - 60 * MINUTE);
		const times = [T0, T0 + 10 * SECOND, T0 + 20 * MINUTE, T0 + 40 * MINUTE, T0 + 60 * MINUTE, T0 + 80 * MINUTE];
		const { handedOut, givenUp, state } = await pollsAt(times);
		expect(handedOut.map((files) => files.map((file) => file.attempt))).toEqual([[], [1], [2], [3], [], []]);
		expect(givenUp).toEqual([[], [], [], [], ['june.txt'], []]);
		expect(readdirSync(folder)).toEqual(['june.txt']);

		save('june.txt', 'INV-2041\r\nINV-2042\r\n', T0 + 81 * MINUTE);
		const again = await pollsAt([T0 + 82 * MINUTE, T0 + 83 * MINUTE], {}, state);
		expect(again.handedOut).toEqual([[], [{ name: 'june.txt', attempt: 1 }]]);
	});

	test('one that was moved is forgotten; with a lease of 0 nothing is ever handed out twice', async () => {
		const file = save('june.txt', 'INV-2041\r\n', T0 - 60 * MINUTE);
		const { state } = await pollsAt([T0, T0 + 10 * SECOND], { leaseMs: 0 });
		const later = await pollsAt([T0 + 60 * MINUTE, T0 + 600 * MINUTE], { leaseMs: 0 }, state);
		expect(later.handedOut).toEqual([[], []]);
		rmSync(file);
		expect((await pollsAt([T0 + 601 * MINUTE], {}, later.state)).state).toEqual(emptyFolderState());
	});

	test('state saved before leases existed starts the lease at the first poll after the upgrade', async () => {
		save('june.txt', 'INV-2041\r\n', T0 - 60 * MINUTE);
		const before: FolderState = { taken: { 'june.txt': { size: 10, mtimeMs: T0 - 60 * MINUTE } }, settling: {} };
		const { handedOut } = await pollsAt([T0, T0 + 9 * MINUTE, T0 + 10 * MINUTE], {}, before);
		expect(handedOut).toEqual([[], [], [{ name: 'june.txt', attempt: 2 }]]);
	});

	test('with one export per run, exports handed back and new ones take turns, oldest first', async () => {
		save('may.txt', 'INV-1001\r\n', T0 - 120 * MINUTE);
		const { state } = await pollsAt([T0, T0 + 10 * SECOND], { maxFiles: 1 });
		save('june.txt', 'INV-2041\r\n', T0 - 60 * MINUTE);
		const { handedOut } = await pollsAt([T0 + 11 * MINUTE, T0 + 12 * MINUTE, T0 + 13 * MINUTE], { maxFiles: 1 }, state);
		expect(handedOut).toEqual([[{ name: 'may.txt', attempt: 2 }], [{ name: 'june.txt', attempt: 1 }], []]);
	});
});

describe('temporary files killed writers left behind', () => {
	test('a dead process\'s temporary file goes at the next run; a live writer\'s and a fresh older-style one stay; stale ones of any kind go', async () => {
		const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
		const ours = temporaryFileName('AUDIT_20261201T101500_ab12.csv');
		const dead = ours.replace(`-${process.pid}-`, `-${deadPid}-`);
		const parent = ours.replace(`-${process.pid}-`, `-${process.ppid}-`);
		for (const name of [ours, dead, parent, '.STRAN_20261201.dbf.9c01d2ee4b1a.tmp', '.june.import-log.1a2b3c4d.tmp', 'STRAN.dbf']) writeFileSync(path.join(folder, name), 'x');
		mkdirSync(path.join(folder, '.20261201T101500_ab12.ledger-bridge.tmp'));
		const old = (Date.now() - 2 * 60 * MINUTE) / 1000;
		utimesSync(path.join(folder, '.june.import-log.1a2b3c4d.tmp'), old, old);

		const removed = await removeAbandonedTemporaries(folder);
		expect(removed.map((file) => path.basename(file)).sort()).toEqual([dead, '.june.import-log.1a2b3c4d.tmp'].sort());
		expect(readdirSync(folder).sort()).toEqual([ours, parent, '.STRAN_20261201.dbf.9c01d2ee4b1a.tmp', '.20261201T101500_ab12.ledger-bridge.tmp', 'STRAN.dbf'].sort());

		const later = await removeAbandonedTemporaries(folder, ['20261201T101500_ab12'], Date.now() + 2 * 60 * MINUTE);
		expect(later.map((file) => path.basename(file)).sort()).toEqual([ours, parent, '.STRAN_20261201.dbf.9c01d2ee4b1a.tmp', '.20261201T101500_ab12.ledger-bridge.tmp'].sort());
		expect(readdirSync(folder)).toEqual(['STRAN.dbf']);
	});
});

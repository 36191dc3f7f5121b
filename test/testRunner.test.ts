/**
 * `npm test` runs each suite under a time limit and stops what a suite leaves running, so a hung
 * suite fails with its processes named instead of holding CI until CI's own limit cuts it off.
 */
import * as fs from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runSuite } = require('../scripts/test.js') as {
	runSuite: (
		script: string,
		limitMinutes: number,
		options: { command: string[]; settleMs: number; say: (text: string) => void },
	) => Promise<{ status: number; timedOut: boolean; left: string[] }>;
};

const running = (pid: number) => fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

/** A suite that starts a process of its own, tells its pid in a file, and then exits or hangs. */
function suite(pidFile: string, then: 'exit' | 'hang') {
	const script = `
		const { spawn } = require('node:child_process');
		const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'inherit' });
		sleeper.unref();
		require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(sleeper.pid));
		${then === 'hang' ? 'setInterval(() => {}, 1000);' : 'setTimeout(() => process.exit(0), 2500);'}`;
	return [process.execPath, '-e', script];
}

describe('npm test runs each suite with a time limit and leaves nothing running', () => {
	const pidFile = `${fs.mkdtempSync('/tmp/ledger-bridge-runner-')}/pid`;

	it('a suite that passes but leaves a process behind passes, and the process is named and stopped', async () => {
		const said: string[] = [];
		const result = await runSuite('leaves-one', 1, { command: suite(pidFile, 'exit'), settleMs: 200, say: (text) => said.push(text) });
		const left = Number(fs.readFileSync(pidFile, 'utf8'));
		expect(result.status).toBe(0);
		expect(result.timedOut).toBe(false);
		expect(result.left).toEqual([expect.stringContaining('setInterval')]);
		expect(running(left)).toBe(false);
		expect(said.join('')).toMatch(new RegExp(`^leaves-one ended and left these running; stopped:\\n  ${left} .*setInterval`));
	}, 20_000);

	it('a suite that hangs is stopped at its limit as a failure, with everything it started', async () => {
		const said: string[] = [];
		const result = await runSuite('hangs', 0.05, { command: suite(pidFile, 'hang'), settleMs: 200, say: (text) => said.push(text) });
		const left = Number(fs.readFileSync(pidFile, 'utf8'));
		expect(result.timedOut).toBe(true);
		expect(result.status).toBe(1);
		expect(running(left)).toBe(false);
		expect(said[0]).toBe('\n✗ hangs did not finish within 0.05 min (its usual time is a few minutes): stopping it.\n');
		expect(said[1]).toContain(`  ${left} `);
	}, 20_000);
});

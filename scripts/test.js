#!/usr/bin/env node
/**
 * `npm test`: every suite in turn, each as its own npm script, stopping at the first that fails
 * (as `a && b && …` would). Each suite has a time limit far above its usual time: a suite that
 * hangs (an `n8n execute` that never returns, a server that never answers) is stopped, with the
 * processes it was waiting on listed, instead of holding CI until CI's own limit cuts it off
 * with nothing said. Whatever a suite leaves running when it ends (an n8n server, a task
 * runner, redis-server, Chromium) is named and stopped: a process left holding the output would
 * keep a CI that reads through a pipe waiting after everything passed.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');

// Usual times on 2 cores (README, "Commands") are a minute to four and a half; first runs add
// the n8n and Node installs (about six minutes each). A hung suite costs at most its limit.
const SUITES = [
	['lint', 5],
	['typecheck', 10],
	['test:unit', 20],
	['test:engine-latest', 15],
	['test:package', 15],
	['test:e2e', 20],
	['test:e2e:n8n1', 20],
	['test:browser', 15],
	['test:queue', 20],
];

/** pid → { ppid, pgrp, start, command } for every process now running (Linux /proc). */
function processes() {
	const found = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The command name sits in parentheses and may hold spaces: fields count from the last ')'.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
			found.set(Number(entry), { ppid: Number(fields[1]), pgrp: Number(fields[2]), start: fields[19], command });
		} catch {
			// gone while being read
		}
	}
	return found;
}

/**
 * Keeps note of every process the suite started, down to the grandchildren, so that those it
 * leaves behind can be found after their parent is gone (an orphan is re-parented to init).
 * A pid is remembered with its start time: a pid the system gives again is not ours.
 */
function watchDescendants(rootPid) {
	const seen = new Map();
	const look = () => {
		const all = processes();
		const ours = new Set([rootPid]);
		let grew = true;
		while (grew) {
			grew = false;
			for (const [pid, info] of all) {
				if (!ours.has(pid) && (ours.has(info.ppid) || info.pgrp === rootPid)) {
					ours.add(pid);
					grew = true;
				}
			}
		}
		for (const pid of ours) if (all.has(pid) && !seen.has(pid)) seen.set(pid, all.get(pid));
	};
	look();
	const timer = setInterval(look, 2000);
	return {
		look,
		stop: () => clearInterval(timer),
		/** The remembered processes still running as themselves. */
		alive() {
			const all = processes();
			return [...seen].filter(([pid, info]) => all.get(pid)?.start === info.start).map(([pid, info]) => ({ pid, ...info }));
		},
	};
}

function killAll(list, signal) {
	for (const { pid } of list) {
		try {
			process.kill(pid, signal);
		} catch {
			// gone already
		}
	}
}

async function stopLeftovers(watch, why, settleMs, { graceMs = 0, say }) {
	// A process told to stop just before its suite ended (an emulator sent SIGTERM) is given a moment to go.
	const until = Date.now() + graceMs;
	while (watch.alive().length > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
	const left = watch.alive();
	if (left.length === 0) return [];
	say(`${why}:\n${left.map(({ pid, command }) => `  ${pid} ${command.slice(0, 200)}`).join('\n')}\n`);
	killAll(left, 'SIGTERM');
	await new Promise((resolve) => setTimeout(resolve, settleMs));
	killAll(watch.alive(), 'SIGKILL');
	return left;
}

let running;

/** Runs `npm run <script>` (or `command`, named `script`) to its end or its limit; returns its outcome. `say` gets what it reports (stderr). */
async function runSuite(script, limitMinutes, { command, settleMs = 5000, say = (text) => process.stderr.write(text) } = {}) {
	const started = Date.now();
	const label = command ? script : `npm run ${script}`;
	const argv = command ?? ['npm', 'run', script];
	// A process group of its own, so the suite and everything under it can be stopped together.
	const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', detached: true });
	running = child.pid;
	const watch = watchDescendants(child.pid);
	let stopping;
	const timer = setTimeout(() => {
		watch.look();
		say(`\n✗ ${label} did not finish within ${limitMinutes} min (its usual time is a few minutes): stopping it.\n`);
		stopping = stopLeftovers(watch, 'It was still running', settleMs, { say });
	}, limitMinutes * 60_000);
	const status = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
	clearTimeout(timer);
	let left = [];
	if (stopping) {
		await stopping;
	} else {
		watch.look();
		left = (await stopLeftovers(watch, `${label} ended and left these running; stopped`, settleMs, { graceMs: settleMs, say })).map((found) => found.command);
	}
	watch.stop();
	return { script, seconds: (Date.now() - started) / 1000, status: stopping ? 1 : status, timedOut: Boolean(stopping), left };
}

async function main() {
	const results = [];
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			// The suites run in groups of their own: a Ctrl-C or a CI stop reaches them from here.
			if (running) killAll([{ pid: -running }], signal);
			process.exit(130);
		});
	}
	for (const [script, limit] of SUITES) {
		const result = await runSuite(script, limit);
		results.push(result);
		if (result.status !== 0) break;
	}
	const width = Math.max(...SUITES.map(([script]) => script.length));
	process.stdout.write(`\nnpm test — each suite and its time:\n`);
	for (const { script, seconds, status, timedOut } of results) {
		const outcome = timedOut ? 'stopped at its time limit' : status === 0 ? 'passed' : `failed (exit ${status})`;
		process.stdout.write(`  ${script.padEnd(width)}  ${seconds.toFixed(0).padStart(5)} s  ${outcome}\n`);
	}
	const skipped = SUITES.slice(results.length).map(([script]) => script);
	if (skipped.length > 0) process.stdout.write(`  not run after the failure: ${skipped.join(', ')}\n`);
	process.exit(results.every((result) => result.status === 0) && skipped.length === 0 ? 0 : 1);
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	});
}

module.exports = { runSuite };

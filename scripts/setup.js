#!/usr/bin/env node
/**
 * `npm run setup`: everything the demo and the tests need on this machine, then `npm ci`.
 * Only Node's own modules are used: it runs before anything is installed.
 *
 * As root on Debian or Ubuntu it installs the missing system packages with apt-get (their
 * services are not started: the tests run private PostgreSQL and Redis instances of their own).
 * Otherwise it says what is missing and how to install it, and goes on: `npm ci` still installs
 * everything that does not need them (odbc is optional), and the demo runs every sample that
 * does not need ODBC.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

/** Debian package → what it is for, and how to tell it is there without dpkg. */
const PACKAGES = [
	['build-essential', 'a C++ compiler and make: sqlite3 (n8n 1.x/2.x on Node 20) and odbc build from source when no prebuilt binary can be downloaded', () => has('g++') && has('make')],
	['python3', 'node-gyp, which builds those native modules', () => has('python3')],
	['unixodbc', 'the ODBC driver manager the Sage nodes talk through', () => fs.existsSync('/usr/lib/x86_64-linux-gnu/libodbc.so.2') || fs.existsSync('/usr/lib/aarch64-linux-gnu/libodbc.so.2') || has('odbcinst')],
	['unixodbc-dev', "unixODBC's headers, which the odbc module builds against", () => fs.existsSync('/usr/include/sql.h')],
	['libsqliteodbc', 'the SQLite ODBC driver the sandbox Sage companies run on', () => run('odbcinst', ['-q', '-d']).stdout?.includes('SQLite3')],
	['python3-dbfread', 'the independent reader the tests check Opera DBF files with', () => run('python3', ['-c', 'import dbfread']).status === 0],
	['postgresql', "the PostgreSQL server for the journal's tests and n8n's queue mode", () => fs.existsSync('/usr/lib/postgresql')],
	['redis-server', "Redis for n8n's queue mode", () => has('redis-server')],
	['chromium', 'the browser the editor test drives (headless) to look at runs as a bookkeeper does', () => has('chromium') || has('chromium-browser')],
];

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...options });
	return result.error ? { status: 1, stdout: '', stderr: String(result.error) } : result;
}

function has(command) {
	return run('sh', ['-c', `command -v ${command}`]).status === 0;
}

function installed(name, check) {
	const dpkg = run('dpkg-query', ['-W', '-f=${Status}', name]);
	if (dpkg.status === 0) return dpkg.stdout.includes('install ok installed');
	return Boolean(check());
}

function log(message) {
	process.stdout.write(`${message}\n`);
}

function missingPackages() {
	return PACKAGES.filter(([name, , check]) => !installed(name, check));
}

function main() {
	const missing = missingPackages();
	const debian = has('apt-get');
	const root = process.getuid?.() === 0;
	if (missing.length === 0) {
		log('▸ System packages: all there');
	} else if (debian && root) {
		log(`▸ Installing ${missing.map(([name]) => name).join(', ')} with apt-get`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		// Packages only: a policy-rc.d that says "no" keeps apt from starting a PostgreSQL on 5432 and a Redis on 6379.
		const policy = '/usr/sbin/policy-rc.d';
		const ownPolicy = !fs.existsSync(policy);
		if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
		try {
			for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing.map(([name]) => name)]]) {
				const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
				if (result.status !== 0) {
					log(`✗ apt-get ${args[0]} failed (exit ${result.status})`);
					process.exit(result.status ?? 1);
				}
			}
		} finally {
			if (ownPolicy) fs.rmSync(policy, { force: true });
		}
	} else {
		log('▸ Missing system packages (the demo runs every sample that does not need them; the tests need all of them):');
		for (const [name, why] of missing) log(`    ${name.padEnd(16)} ${why}`);
		log(
			debian
				? `  Install them as root: apt-get install ${missing.map(([name]) => name).join(' ')} — or run npm run setup as root.`
				: '  On other systems install the same: a C++ compiler, python3, unixODBC with its headers, the SQLite ODBC driver, python dbfread, PostgreSQL and Redis.',
		);
	}
	// --system-only: the packages alone (a CI step that runs as root before npm ci runs as its own user).
	if (process.argv.includes('--system-only')) return;
	process.exit(npmCi());
}

/**
 * `npm ci` with a time limit: it usually takes two to four minutes (native modules build from
 * source here), and a stalled download or build must not hold a CI run until its own limit with
 * nothing said. GNU timeout stops npm and everything under it; the install is tried once more
 * from scratch before giving up. Returns the exit status.
 */
function npmCi() {
	const root = `${__dirname}/..`;
	const limited = has('timeout');
	for (let attempt = 1; ; attempt += 1) {
		log(attempt === 1 ? '▸ npm ci' : '▸ npm ci, once more from scratch');
		const started = Date.now();
		const ci = limited
			? spawnSync('timeout', ['--kill-after=30s', `${NPM_CI_LIMIT_MINUTES}m`, 'npm', 'ci'], { stdio: 'inherit', cwd: root })
			: spawnSync('npm', ['ci'], { stdio: 'inherit', cwd: root });
		const seconds = Math.round((Date.now() - started) / 1000);
		if (ci.status !== 124 && ci.status !== 137) {
			log(`▸ npm ci ${ci.status === 0 ? 'finished' : `failed (exit ${ci.status})`} in ${seconds} s`);
			return ci.status ?? 1;
		}
		log(`▸ npm ci did not finish within ${NPM_CI_LIMIT_MINUTES} minutes and was stopped`);
		if (attempt === 2) return 1;
		fs.rmSync(`${root}/node_modules`, { recursive: true, force: true });
	}
}

const NPM_CI_LIMIT_MINUTES = 20;

if (require.main === module) main();

module.exports = { missingPackages };

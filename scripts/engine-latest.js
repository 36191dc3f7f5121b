#!/usr/bin/env node
/**
 * The compatibility leg of the in-engine suite (`npm run test:engine-latest`): test/engine run
 * through the newest n8n-core / n8n-workflow on the registry, on the Node.js they need (24),
 * while `npm run test:unit` runs it against the devDependencies on Node 20.
 *
 * 1. Node.js 24 from the npm registry's node-<platform>-<arch> package, installed once into
 *    ${LEDGER_BRIDGE_CACHE:-~/.cache/ledger-bridge}/node-<version>.
 * 2. test/engine/n8n-latest/package.json (n8n-core, n8n-workflow, @n8n/di, pinned, with its lock)
 *    installed once into <cache>/n8n-core-<version>, never into the repo.
 * 3. Jest from the repo's node_modules on that Node, with test/engine/n8n-latest/jest.config.js:
 *    every import of those packages, from the harness, our nodes and n8n-core alike, resolves to
 *    the cached copies. The repo's native modules (odbc, sqlite3) are N-API and load as built.
 *
 * Prints the Node.js, n8n-core and n8n-workflow versions first. Extra arguments go to jest
 * (e.g. `npm run test:engine-latest -- -t 'Exact'`); its exit code is this script's.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { installPinned } = require('./lib/n8n');
const paths = require('../test/engine/n8n-latest/paths');

const ROOT = path.resolve(__dirname, '..');
const HARNESS = path.join(ROOT, 'test', 'engine', 'n8n-latest');

function log(message) {
	process.stdout.write(`${message}\n`);
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) throw result.error;
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
	return result;
}

function nodeVersionOf(binary) {
	const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

/** Node.js 24, installed from the registry into the cache unless it is there already. */
function ensureNode() {
	const binary = paths.NODE_BINARY;
	if (fs.existsSync(binary) && nodeVersionOf(binary) === paths.NODE_VERSION) return binary;
	log(`Installing Node.js ${paths.NODE_VERSION} (${paths.NODE_PACKAGE}) into ${paths.NODE_CACHE} (once)…`);
	const started = Date.now();
	fs.rmSync(paths.NODE_CACHE, { recursive: true, force: true });
	fs.mkdirSync(paths.NODE_CACHE, { recursive: true });
	fs.writeFileSync(path.join(paths.NODE_CACHE, 'package.json'), JSON.stringify({ name: 'ledger-bridge-node', private: true }, null, 2));
	run('npm', ['install', '--prefix', paths.NODE_CACHE, '--no-audit', '--no-fund', '--loglevel=error', `${paths.NODE_PACKAGE}@${paths.NODE_VERSION}`]);
	const installed = nodeVersionOf(binary);
	if (installed !== paths.NODE_VERSION) throw new Error(`${binary} is not Node.js ${paths.NODE_VERSION} (it says ${installed ?? 'nothing'})`);
	log(`Node.js ${paths.NODE_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return binary;
}

/**
 * n8n-core / n8n-workflow / @n8n/di as pinned in test/engine/n8n-latest, installed into the
 * cache unless the same manifest and lock are installed there already. Install scripts off:
 * nothing the engine suite loads needs one (isolated-vm, only for n8n's "vm" expression engine,
 * ships prebuilt binaries; ssh2's and Sentry's native parts are optional), and some would build
 * with this npm's Node 20 headers for a Node 24 run.
 */
function ensureHarness() {
	const cache = paths.HARNESS_CACHE;
	const installed = (name) => fs.existsSync(path.join(cache, 'node_modules', ...name.split('/'), 'package.json'));
	installPinned(HARNESS, cache, {
		label: `n8n-core ${paths.N8N_CORE_VERSION}`,
		announce: `Installing n8n-core ${paths.N8N_CORE_VERSION} and n8n-workflow ${paths.N8N_WORKFLOW_VERSION} into ${cache} (once; about a minute)…`,
		ready: () => paths.MAPPED.every(installed),
		npmArgs: ['--omit=dev', '--ignore-scripts'],
		// n8n 2.41 asks for Node 24 while this npm runs on 20: warn, never refuse.
		env: { ...process.env, npm_config_engine_strict: 'false' },
	});
	return cache;
}

/** The versions the run gets, as Node 24 resolves them from the cache (the jest setup file checks jest gets the same). */
function versions(node, cache) {
	const script = `
		const paths = { paths: [${JSON.stringify(cache)}] };
		const version = (name) => require(require.resolve(name + '/package.json', paths)).version;
		process.stdout.write(JSON.stringify({ node: process.versions.node, core: version('n8n-core'), workflow: version('n8n-workflow'), di: version('@n8n/di') }));
	`;
	const result = spawnSync(node, ['-e', script], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`Could not read the cached n8n versions:\n${result.stderr}`);
	return JSON.parse(result.stdout);
}

function main() {
	const started = Date.now();
	const node = ensureNode();
	const cache = ensureHarness();
	const found = versions(node, cache);
	log(`engine-latest: n8n-core ${found.core}, n8n-workflow ${found.workflow} (@n8n/di ${found.di}) on Node.js ${found.node}`);
	if (found.core !== paths.N8N_CORE_VERSION || found.workflow !== paths.N8N_WORKFLOW_VERSION) {
		throw new Error(`The cache holds n8n-core ${found.core} / n8n-workflow ${found.workflow}, not the pinned ${paths.N8N_CORE_VERSION} / ${paths.N8N_WORKFLOW_VERSION}`);
	}
	const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
	const args = [jest, '--config', path.join(HARNESS, 'jest.config.js'), '--runInBand', ...process.argv.slice(2), 'test/engine'];
	const result = spawnSync(node, args, {
		cwd: ROOT,
		stdio: 'inherit',
		// n8n-core 2.41 logs every node error the tests provoke on purpose (2.8 did not): N8N_LOG_LEVEL=info shows them.
		env: { N8N_LOG_LEVEL: 'silent', ...process.env, LEDGER_BRIDGE_N8N_LATEST: cache },
	});
	if (result.error) throw result.error;
	const status = result.status ?? 1;
	log(`engine-latest: n8n-core ${found.core} on Node.js ${found.node} ${status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	process.exit(status);
}

try {
	main();
} catch (error) {
	process.stderr.write(`engine-latest: ${error.message}\n`);
	process.exit(1);
}

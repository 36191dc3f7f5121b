#!/usr/bin/env node
/**
 * The package as a user gets it (`npm run test:package`, part of `npm test`):
 *
 * 1. `npm pack`: prints the tarball's size and every file in it, and fails when something a
 *    user needs is missing (built nodes and credentials, their icons, the document schema,
 *    README, LICENSE) or something that is ours only came along (tests, emulators, scripts,
 *    the sandbox, TypeScript sources).
 * 2. Installs the tarball into fresh folders the two ways it reaches a machine without an
 *    ODBC stack: as n8n installs community packages (install scripts off, so `odbc` has no
 *    native part), and with install scripts but no compiler (the optional `odbc` fails to
 *    build and npm leaves it out). n8n-workflow is linked in, as n8n provides it.
 * 3. Runs the non-ODBC nodes' engine tests and test/package against each installed copy, with
 *    the system's ODBC driver manager hidden (as root: a private mount namespace with
 *    libodbc.so.2 covered), so every node must load and work without it and the Sage node must
 *    say what to install.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const manifest = require(path.join(ROOT, 'package.json'));
const ENGINE_TESTS = ['connectWise', 'exactOnline', 'ledgerMapping', 'operaLedger', 'postingJournal', 'streamtimeFile'].map((name) => `test/engine/${name}.engine.test.ts`);

function log(message) {
	process.stdout.write(`${message}\n`);
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
	if (result.error) throw result.error;
	return result;
}

function must(result, what) {
	if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
	return result;
}

/** The files a user's n8n needs from the tarball, from package.json itself. */
function requiredFiles() {
	const required = ['package.json', 'README.md', 'LICENSE', 'dist/lib/model/ledger-document.schema.json'];
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		required.push(file);
		// The codex beside each node: its categories and search aliases in the node panel.
		if (manifest.n8n.nodes.includes(file)) required.push(file.replace(/\.js$/, '.json'));
		const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const text = fs.existsSync(source) ? fs.readFileSync(source, 'utf8') : '';
		// Icons as the node or credential names them: 'file:sage.svg' or { light: 'file:…', dark: 'file:…' }.
		for (const [, icon] of text.matchAll(/'file:([^']+)'/g)) required.push(path.posix.join(path.posix.dirname(file), icon));
	}
	return [...new Set(required)];
}

const FORBIDDEN = [
	[/^(test|tests|scripts|bench|\.sandbox|\.ci|\.github|node_modules)\//, 'development files'],
	[/(^|\/)emulators?\//, 'the emulators'],
	[/\.test\.[jt]s$/, 'tests'],
	[/(?<!\.d)\.ts$/, 'TypeScript sources'],
	[/\.tsbuildinfo$/, 'build caches'],
];

function pack(into) {
	const result = must(run('npm', ['pack', '--json', '--pack-destination', into], { env: { ...process.env, npm_config_loglevel: 'error' } }), 'npm pack');
	const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
	const files = info.files.map((file) => file.path).sort();
	log(`▸ npm pack: ${info.filename} — ${(info.size / 1024).toFixed(1)} KiB packed, ${(info.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${files.length} files`);
	for (const file of info.files.sort((a, b) => a.path.localeCompare(b.path))) log(`    ${String(file.size).padStart(8)}  ${file.path}`);
	const missing = requiredFiles().filter((file) => !files.includes(file));
	if (missing.length > 0) throw new Error(`the tarball lacks what n8n needs: ${missing.join(', ')}`);
	const unwanted = files.flatMap((file) => FORBIDDEN.filter(([pattern]) => pattern.test(file)).map(([, what]) => `${file} (${what})`));
	if (unwanted.length > 0) throw new Error(`the tarball carries files users must not get: ${unwanted.join(', ')}`);
	log(`  ✓ every node, credential, icon, the document schema, README and LICENSE are in it; no tests, emulators, scripts or sources`);
	return path.join(into, info.filename);
}

/** Installs the tarball into a fresh folder and links n8n-workflow in, as n8n provides it to community nodes. */
function install(tarball, label, { scripts, env = {} }) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-installed-'));
	fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	const args = ['install', tarball, '--omit=dev', '--omit=peer', '--no-audit', '--no-fund', '--no-package-lock', ...(scripts ? [] : ['--ignore-scripts'])];
	const started = Date.now();
	const result = must(run('npm', args, { cwd: folder, env: { ...process.env, ...env } }), `npm ${args.join(' ')} (${label})`);
	const packageFolder = path.join(folder, 'node_modules', manifest.name);
	fs.symlinkSync(path.dirname(require.resolve('n8n-workflow/package.json', { paths: [ROOT] })), path.join(folder, 'node_modules', 'n8n-workflow'));
	const odbcFolder = path.join(folder, 'node_modules', 'odbc');
	const odbcState = !fs.existsSync(odbcFolder)
		? 'odbc left out (its build failed; it is optional)'
		: fs.existsSync(path.join(odbcFolder, 'lib', 'bindings'))
			? 'odbc built'
			: 'odbc installed without its native part';
	const warnings = (result.stderr.match(/npm warn[^\n]*/gi) ?? []).slice(0, 3);
	log(`▸ installed (${label}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${odbcState}${warnings.length ? `; npm said: ${warnings.join(' | ')}` : ''}`);
	if (odbcState === 'odbc built') throw new Error(`${label}: odbc was built, so this install does not show a machine without an ODBC stack`);
	return { folder, packageFolder, odbcState };
}

/** The real libodbc.so.2 of this machine, if it has one. */
function driverManagerLibrary() {
	const listed = run('/sbin/ldconfig', ['-p']).stdout ?? '';
	const match = listed.match(/libodbc\.so\.2 \([^)]*\) => (\S+)/);
	return match ? fs.realpathSync(match[1]) : undefined;
}

function jest(packageFolder, tests) {
	const jestBin = require.resolve('jest/bin/jest', { paths: [ROOT] });
	const command = [process.execPath, jestBin, '--runInBand', ...tests];
	const library = driverManagerLibrary();
	const env = { ...process.env, LEDGER_BRIDGE_ENGINE_PACKAGE: packageFolder };
	const root = process.getuid?.() === 0 && run('sh', ['-c', 'command -v unshare']).status === 0;
	if (library && root) {
		log(`  (the ODBC driver manager ${library} is covered by an empty file in a private mount namespace)`);
		const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
		return run('unshare', ['--mount', 'sh', '-c', `mount --bind /dev/null '${library}' && exec ${quoted}`], { env, stdio: 'inherit' });
	}
	log(library ? `  (not root: the driver manager ${library} stays visible; the package's odbc has no native part to load it with)` : '  (no ODBC driver manager on this machine)');
	return run(command[0], command.slice(1), { env, stdio: 'inherit' });
}

function main() {
	const started = Date.now();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-pack-check-'));
	const installs = [];
	try {
		const tarball = pack(work);
		const asN8n = install(tarball, "as n8n installs community packages: npm install --ignore-scripts", { scripts: false });
		installs.push(asN8n);
		// No compiler: node-gyp's make calls $CXX/$CC, which fail at once; odbc's download of a prebuilt binary is unreachable here.
		const noCompiler = install(tarball, 'with install scripts and no compiler', { scripts: true, env: { CC: '/bin/false', CXX: '/bin/false' } });
		installs.push(noCompiler);

		let failed = 0;
		for (const [copy, tests] of [
			[asN8n, ['test/package/withoutOdbc.test.ts', ...ENGINE_TESTS]],
			[noCompiler, ['test/package/withoutOdbc.test.ts']],
		]) {
			log(`▸ engine tests against ${copy.packageFolder} (${copy.odbcState})`);
			if (jest(copy.packageFolder, tests).status !== 0) failed += 1;
		}
		log(`package check: ${failed === 0 ? 'passed' : `${failed} of 2 installed copies failed`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
		process.exitCode = failed === 0 ? 0 : 1;
	} finally {
		for (const copy of installs) fs.rmSync(copy.folder, { recursive: true, force: true });
		fs.rmSync(work, { recursive: true, force: true });
	}
}

try {
	main();
} catch (error) {
	log(`✗ ${error.message}`);
	process.exitCode = 1;
}

/**
 * Runs this package inside a real n8n, as the e2e suite and the sandbox demo need it:
 * a pinned n8n installed once into a cache folder, the built package installed into an
 * n8n user folder the way n8n installs community packages, workflows imported and run
 * with `n8n execute`.
 */
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
// The n8n the demo and the e2e suites run in: test/e2e/n8n-harness (2.8.4) unless
// LEDGER_BRIDGE_N8N_HARNESS names another folder beside it (n8n-harness-1.x: 1.123.50).
const HARNESS = path.join(ROOT, 'test', 'e2e', process.env.LEDGER_BRIDGE_N8N_HARNESS || 'n8n-harness');
const N8N_VERSION = require(path.join(HARNESS, 'package.json')).dependencies.n8n;
/** 1 or 2: the major version of the pinned n8n the scripts run. */
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
const CACHE = path.join(
	process.env.LEDGER_BRIDGE_CACHE || path.join(os.homedir(), '.cache', 'ledger-bridge'),
	`n8n-${N8N_VERSION}`,
);
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;

function log(message) {
	process.stdout.write(`${message}\n`);
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
	}
}

/**
 * Installs a pinned harness (a folder holding package.json and package-lock.json) into `cache`
 * unless the same manifest and lock are installed there already and `ready()` agrees. npm
 * install, not npm ci: npm 11 records platform-specific optional packages unevenly and then
 * refuses its own lock file in ci; install still follows the lock's versions. npm is silent for
 * minutes: a small process beside it says how far it has got.
 */
function installPinned(harness, cache, { label, announce, ready, npmArgs = [], env = process.env }) {
	const manifest = fs.readFileSync(path.join(harness, 'package.json'));
	const lock = fs.readFileSync(path.join(harness, 'package-lock.json'));
	const fingerprint = crypto.createHash('sha256').update(manifest).update(lock).digest('hex');
	const marker = path.join(cache, '.ledger-bridge-installed');
	if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === fingerprint && ready()) return;
	log(announce);
	const started = Date.now();
	fs.mkdirSync(cache, { recursive: true });
	fs.rmSync(marker, { force: true });
	fs.copyFileSync(path.join(harness, 'package.json'), path.join(cache, 'package.json'));
	fs.copyFileSync(path.join(harness, 'package-lock.json'), path.join(cache, 'package-lock.json'));
	const ticker = spawn(
		process.execPath,
		[
			'-e',
			`const fs = require('fs'); const started = Date.now();
			setInterval(() => {
				let packages = 0;
				try { packages = fs.readdirSync(${JSON.stringify(path.join(cache, 'node_modules'))}).length; } catch {}
				process.stdout.write('  … still installing ${label}: ' + Math.round((Date.now() - started) / 1000) + ' s, ' + packages + ' packages unpacked so far\\n');
			}, 30000);`,
		],
		{ stdio: ['ignore', 'inherit', 'inherit'] },
	);
	try {
		run('npm', ['install', ...npmArgs, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: cache, env });
	} finally {
		ticker.kill();
	}
	fs.writeFileSync(marker, fingerprint);
	log(`${label} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Installs the pinned n8n into the cache unless the same lock file is already installed there. */
function ensureN8n() {
	const binary = path.join(CACHE, 'node_modules', '.bin', 'n8n');
	installPinned(HARNESS, CACHE, {
		label: `n8n ${N8N_VERSION}`,
		announce: `Installing n8n ${N8N_VERSION} into ${CACHE} (once; about 6 minutes)…`,
		ready: () => fs.existsSync(binary),
	});
	return binary;
}

/**
 * Packs the built package and installs the tarball into `<userFolder>/.n8n/nodes`, where n8n
 * loads community packages from at start-up (type names `n8n-nodes-ledger-bridge.<node>`).
 */
function installPackage(userFolder) {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) throw new Error('Build the package first (npm run build).');
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-pack-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	// --legacy-peer-deps: n8n provides n8n-workflow itself; npm must not fetch another copy.
	run(
		'npm',
		['install', path.join(packDir, tarball), '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: nodesDir },
	);
	fs.rmSync(packDir, { recursive: true, force: true });
}

function n8nEnv(userFolder, extra = {}) {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'true',
		// n8n 2.x lets nodes use files only inside ~/.n8n-files unless told otherwise: the sample
		// folders (import folders, watched exports) are in the user folder and the sample exports in
		// workflows/samples, so those are allowed, as a user allows /srv/opera/import. n8n's own
		// .n8n inside the user folder stays off limits.
		N8N_RESTRICT_FILE_ACCESS_TO: `${userFolder};${path.join(ROOT, 'workflows', 'samples')}`,
		...extra,
	};
}

/** The workflow files to import: every *.json directly in workflows/. */
function workflowFiles() {
	const dir = path.join(ROOT, 'workflows');
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => path.join(dir, name));
}

/**
 * Imports the sample workflows. Their folders name the user's servers ("/srv/opera/import",
 * "C:\\SageImports", "/srv/exports/streamtime"); in the sandbox and the e2e run they point at
 * local folders instead, as a user would change them for their own servers. The watched
 * export folder is `exportFolder`; Import Folder's processed/ and failed/ sit beside each
 * export, and an "Other Folder" destination is kept by name inside the export folder.
 */
function importWorkflows(binary, userFolder, files, { operaFolder, sageFolder, streamtimeSamples, exportFolder, leaseMinutes, chatUrl, errorWorkflows = {} } = {}) {
	const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-workflows-'));
	for (const file of files) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		if (errorWorkflows[workflow.id]) workflow.settings = { ...workflow.settings, errorWorkflow: errorWorkflows[workflow.id] };
		for (const node of workflow.nodes) {
			const type = node.type.replace(`${PACKAGE_NAME}.`, '');
			if (operaFolder && type === 'operaLedger' && node.parameters.outputFolder) {
				fs.mkdirSync(operaFolder, { recursive: true });
				node.parameters.outputFolder = operaFolder;
			}
			if (sageFolder && type === 'sageImport' && node.parameters.importFolder) {
				fs.mkdirSync(sageFolder, { recursive: true });
				node.parameters.importFolder = sageFolder;
			}
			if (streamtimeSamples && type === 'streamtimeFile' && node.parameters.source === 'path') {
				node.parameters.filePath = path.join(ROOT, 'workflows', 'samples', 'streamtime', path.basename(node.parameters.filePath));
			}
			if (exportFolder && type === 'importFolderTrigger') {
				fs.mkdirSync(exportFolder, { recursive: true });
				node.parameters.folder = exportFolder;
				if (leaseMinutes !== undefined) node.parameters.leaseMinutes = leaseMinutes;
			}
			if (chatUrl && node.type === 'n8n-nodes-base.httpRequest' && /hooks\.slack\.com/.test(node.parameters.url ?? '')) node.parameters.url = chatUrl;
			if (exportFolder && type === 'importFolder' && node.parameters.destination === 'custom' && node.parameters.folder) {
				node.parameters.folder = path.join(exportFolder, path.basename(node.parameters.folder.replace(/\\/g, '/')));
			}
		}
		fs.writeFileSync(path.join(stage, path.basename(file)), JSON.stringify(workflow, null, 2));
	}
	run(binary, ['import:workflow', '--separate', `--input=${stage}`], {
		env: n8nEnv(userFolder),
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	fs.rmSync(stage, { recursive: true, force: true });
}

/**
 * The sandbox Sage 50 UK company (SQLite, read through the real ODBC driver) and the
 * credential the sample workflows use for it.
 */
/** The sandbox Sage companies (SQLite through the real ODBC driver) and their credentials. */
async function sandboxSageCredentials(userFolder) {
	require('ts-node').register({ transpileOnly: true });
	const { createSageCompany } = require(path.join(ROOT, 'test', 'fixtures', 'sageCompany.ts'));
	const database = path.join(userFolder, 'sage-sandbox-company.db');
	fs.rmSync(database, { force: true });
	const connection = await createSageCompany(database);
	const credentials = [
		{
			id: 'lbSageSandbox01',
			name: 'Sage 50 sandbox company (SQLite over ODBC)',
			type: 'sageOdbcApi',
			data: { edition: 'sage50uk', connection, user: 'MANAGER', password: '', dataPath: '' },
		},
	];
	// The sandbox Sage 100 (France) company: a SQLite file named like a Sage company file, the
	// credential pointing at it as both the database and the .mae file.
	const { createSage100Company } = require(path.join(ROOT, 'test', 'fixtures', 'sage100Company.ts'));
	const sage100Folder = path.join(userFolder, 'sage100-sandbox');
	fs.rmSync(sage100Folder, { recursive: true, force: true });
	fs.mkdirSync(sage100Folder, { recursive: true });
	const companyFile = path.join(sage100Folder, 'ATELIER.mae');
	credentials.push({
		id: 'lbSage100Sandbox',
		name: 'Sage 100 sandbox company (SQLite over ODBC)',
		type: 'sageOdbcApi',
		data: {
			edition: 'sage100fr',
			connection: await createSage100Company(companyFile),
			companyFile,
			sage100User: '<Administrateur>',
			password: '',
			periodStart: '2026-01-01',
			salesJournal: 'VTE',
			analyticPlan: 'PROJET',
			analysisLevel: 'Production cost',
		},
	});
	// The Sage 50 US company the ConnectWise sample posts into, with Manage's GL accounts and tax xrefs.
	const { createConnectWiseSageCompany } = require(path.join(ROOT, 'test', 'fixtures', 'connectWiseSageCompany.ts'));
	const usDatabase = path.join(userFolder, 'sage50us-connectwise-sandbox.db');
	fs.rmSync(usDatabase, { force: true });
	credentials.push({
		id: 'lbSage50UsSbx01',
		name: 'Sage 50 US sandbox company for ConnectWise (SQLite over ODBC)',
		type: 'sageOdbcApi',
		data: {
			edition: 'sage50us',
			connection: await createConnectWiseSageCompany(usDatabase),
			user: 'MANAGER',
			password: '',
			dataPath: '',
			usSalesTaxAccount: '2200',
			usSalesTaxAgencyId: 'STATE',
		},
	});
	const { createConnectWisePaymentsCompany } = require(path.join(ROOT, 'test', 'fixtures', 'connectWiseSageCompany.ts'));
	const paymentsDatabase = path.join(userFolder, 'sage50-payments-sandbox.db');
	fs.rmSync(paymentsDatabase, { force: true });
	credentials.push({
		id: 'lbSagePaySbx01',
		name: 'Sage 50 sandbox company with receipts (SQLite over ODBC)',
		type: 'sageOdbcApi',
		data: { edition: 'sage50uk', connection: await createConnectWisePaymentsCompany(paymentsDatabase), user: 'MANAGER', password: '', dataPath: '' },
	});
	return { credentials, database };
}

/**
 * Whether this machine can run the Sage samples: the odbc module loads (built, and the driver
 * manager is there) and the SQLite ODBC driver the sandbox companies run on is registered.
 */
function odbcStack() {
	try {
		require(require.resolve('odbc', { paths: [ROOT] }));
	} catch (error) {
		return { ready: false, why: `the odbc module does not load (${String(error.message).split('\n')[0]})` };
	}
	const drivers = spawnSync('odbcinst', ['-q', '-d'], { encoding: 'utf8' });
	if (!/SQLite3/.test(drivers.stdout ?? '')) return { ready: false, why: 'the SQLite ODBC driver is not registered (Debian: libsqliteodbc)' };
	return { ready: true };
}

/** Imports the sandbox credentials; without `sage`, only Exact's and ConnectWise's. Returns the Sage 50 UK company's database. */
async function createSandboxCredentials(binary, userFolder, { exactUrl, connectWiseUrl, smtpPort, sage = true } = {}) {
	const { credentials, database } = sage ? await sandboxSageCredentials(userFolder) : { credentials: [], database: undefined };
	if (exactUrl) credentials.push(await exactSandboxCredential(exactUrl));
	if (connectWiseUrl) credentials.push(connectWiseSandboxCredential(connectWiseUrl));
	// The error-workflow sample's mail goes to the catcher the demo and the tests start.
	if (smtpPort) {
		credentials.push({
			id: 'lbSmtpSandbox01',
			name: 'Sandbox mail catcher (SMTP)',
			type: 'smtp',
			data: { user: '', password: '', host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true },
		});
	}
	const file = path.join(userFolder, 'sandbox-credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials));
	importCredentials(binary, userFolder, file);
	fs.rmSync(file, { force: true });
	return database;
}

/**
 * An emulator in a process of its own: `n8n execute` runs synchronously in this one, so an
 * emulator sharing its event loop could not answer n8n.
 */
async function startEmulator(name, cli, port, args, readyPath, readyStatus) {
	const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', cli, '--port', String(port), ...args], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const url = `http://127.0.0.1:${port}`;
	let exited = false;
	child.on('exit', () => (exited = true));
	await waitFor(
		`the ${name} emulator to listen`,
		async () => {
			if (exited) throw new Error(`the ${name} emulator exited before it was ready`);
			const response = await fetch(`${url}${readyPath}`).catch(() => undefined);
			return response?.status === readyStatus ? true : undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 250 },
	);
	return { child, url };
}

/** The Exact emulator, holding the sample Manage invoices as receivables for the payment-sync sample. */
async function startExactEmulator(port) {
	// Unauthenticated, current/Me answers 401: the server is up.
	return await startEmulator('Exact', path.join(ROOT, 'test', 'emulators', 'exactOnline', 'cli.ts'), port, ['--sample-receivables'], '/api/v1/current/Me', 401);
}

async function startConnectWiseEmulator(port) {
	return await startEmulator('ConnectWise Manage', path.join(ROOT, 'test', 'emulators', 'connectwise', 'cli.ts'), port, [], '/login/companyinfo/ledgerbridge', 200);
}

function connectWiseSandboxCredential(connectWiseUrl) {
	const { SAMPLE_KEYS } = require(path.join(ROOT, 'test', 'emulators', 'connectwise', 'seed.ts'));
	return {
		id: 'lbCwSandbox01',
		name: 'ConnectWise Manage sandbox (Ledger Bridge emulator)',
		type: 'connectWiseManageApi',
		data: { site: 'custom', host: connectWiseUrl, ...SAMPLE_KEYS, apiVersion: '2025.1', impersonateMember: '' },
	};
}

/**
 * Connects the sandbox credential the way "Connect my account" does: the authorization-code
 * flow against the emulator, then the tokens stored in the credential as n8n stores them (with
 * the expiry time the Exact node keeps beside them).
 */
async function exactSandboxCredential(exactUrl) {
	const { SAMPLE_CLIENT } = require(path.join(ROOT, 'test', 'emulators', 'exactOnline', 'seed.ts'));
	const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';
	const authorize = await fetch(
		`${exactUrl}/api/oauth2/auth?${new URLSearchParams({ client_id: SAMPLE_CLIENT.clientId, redirect_uri: redirectUri, response_type: 'code', state: 'sandbox' })}`,
		{ redirect: 'manual' },
	);
	const code = new URL(authorize.headers.get('location')).searchParams.get('code');
	const issuedAt = Date.now();
	const response = await fetch(`${exactUrl}/api/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: SAMPLE_CLIENT.clientId, client_secret: SAMPLE_CLIENT.clientSecret }),
	});
	if (!response.ok) throw new Error(`The Exact emulator refused the sandbox consent: HTTP ${response.status}`);
	const tokens = await response.json();
	return {
		id: 'lbExactSandbox01',
		name: 'Exact Online sandbox (Ledger Bridge emulator)',
		type: 'exactOnlineOAuth2Api',
		data: {
			region: 'custom',
			baseUrl: exactUrl,
			clientId: SAMPLE_CLIENT.clientId,
			clientSecret: SAMPLE_CLIENT.clientSecret,
			grantType: 'authorizationCode',
			authUrl: `${exactUrl}/api/oauth2/auth`,
			accessTokenUrl: `${exactUrl}/api/oauth2/token`,
			scope: '',
			authQueryParameters: '',
			authentication: 'body',
			oauthTokenData: { ...tokens, ledgerBridgeExpiresAt: issuedAt + Number(tokens.expires_in) * 1000 },
		},
	};
}

/** Stops an emulator process and waits until it is gone (SIGKILL after 5 s), so the next suite finds its port free. */
async function stopEmulator(emulator) {
	const { child } = emulator ?? {};
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(timer);
}

function importCredentials(binary, userFolder, file) {
	run(binary, ['import:credentials', `--input=${file}`], {
		env: n8nEnv(userFolder),
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

// No sample takes more than a minute: a run still going after ten has hung, and says so.
const EXECUTE_LIMIT_MS = 10 * 60_000;

/**
 * `n8n execute --id --rawOutput` prints start-up lines, then the run as JSON. Exit code 1
 * means the workflow failed; the JSON is printed all the same.
 */
async function executeWorkflow(binary, userFolder, id) {
	const started = Date.now();
	const before = (await executionsOf(userFolder, id)).map((execution) => execution.id);
	const result = spawnSync(binary, ['execute', `--id=${id}`, '--rawOutput'], {
		env: n8nEnv(userFolder),
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
		timeout: EXECUTE_LIMIT_MS,
		killSignal: 'SIGKILL',
	});
	if (result.error?.code === 'ETIMEDOUT') throw new Error(`n8n execute --id=${id} did not finish within ${EXECUTE_LIMIT_MS / 60_000} min; it printed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
	if (result.status === 0 || result.stdout.search(/^\{/m) >= 0) return parseExecuteOutput(id, result.stdout, result.stderr, result.status, started);
	// A failed run (a Stop and Error at the end of a sample that rejected documents) prints no
	// result: it is read from n8n's database, as the executions list shows it.
	const execution = (await executionsOf(userFolder, id)).find((candidate) => !before.includes(candidate.id));
	if (!execution) return parseExecuteOutput(id, result.stdout, result.stderr, result.status, started);
	const { data } = await executionRun(userFolder, execution.id);
	return { run: { data, status: execution.status, finished: Boolean(execution.finished) }, exitCode: result.status, seconds: (Date.now() - started) / 1000, stderr: result.stderr };
}

/**
 * The same as a process running beside others (a second person pressing "run"): its own
 * task-runner broker port, so several can run at once and beside `n8n start`. Returns at once
 * with the process id and a promise of the result.
 */
function executeWorkflowAsync(binary, userFolder, id) {
	const started = Date.now();
	const { freePort } = require('./services');
	const handle = { pid: undefined, result: undefined };
	handle.result = (async () => {
		// Into a file, not a pipe: n8n exits right after printing, and a pipe drops what it had not taken yet.
		const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-execute-')), 'stdout.json');
		const out = fs.openSync(outFile, 'w');
		const child = spawn(binary, ['execute', `--id=${id}`, '--rawOutput'], { env: n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: String(await freePort()) }), stdio: ['ignore', out, 'pipe'] });
		handle.pid = child.pid;
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), EXECUTE_LIMIT_MS);
		const status = await new Promise((resolve) => child.on('exit', resolve));
		const timedOut = child.signalCode === 'SIGKILL' && Date.now() - started >= EXECUTE_LIMIT_MS;
		clearTimeout(timer);
		fs.closeSync(out);
		if (timedOut) throw new Error(`n8n execute --id=${id} did not finish within ${EXECUTE_LIMIT_MS / 60_000} min; it printed:\n${stderr.slice(-3000)}`);
		const stdout = fs.readFileSync(outFile, 'utf8');
		fs.rmSync(path.dirname(outFile), { recursive: true, force: true });
		return parseExecuteOutput(id, stdout, stderr, status, started);
	})();
	return handle;
}

/** Whether process `pid` has `file` open (Linux: /proc/<pid>/fd). */
function hasFileOpen(pid, file) {
	try {
		return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
			try {
				return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
			} catch {
				return false;
			}
		});
	} catch {
		return false;
	}
}

/** Takes an SQLite database's write lock (BEGIN IMMEDIATE) until release(): every writer waits meanwhile. */
async function holdSqliteWriteLock(file) {
	const sqlite3 = fromN8n('sqlite3');
	const database = await new Promise((resolve, reject) => {
		const opened = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(opened)));
	});
	const exec = (sql) => new Promise((resolve, reject) => database.exec(sql, (error) => (error ? reject(error) : resolve())));
	await exec('PRAGMA busy_timeout = 10000');
	await exec('BEGIN IMMEDIATE');
	return {
		async release() {
			await exec('ROLLBACK');
			await new Promise((resolve) => database.close(resolve));
		},
	};
}

function parseExecuteOutput(id, stdout, stderr, status, started) {
	const seconds = (Date.now() - started) / 1000;
	const start = stdout.search(/^\{/m);
	if (start < 0) {
		throw new Error(`n8n execute --id=${id} printed no result (exit ${status}):\n${stdout}\n${stderr}`);
	}
	// Log lines can follow the JSON too: it ends at the last line that is a lone "}".
	const end = stdout.lastIndexOf('\n}');
	const json = stdout.slice(start, end > start ? end + 2 : undefined);
	try {
		return { run: JSON.parse(json), exitCode: status, seconds, stderr };
	} catch (error) {
		const at = Number(/position (\d+)/.exec(error.message)?.[1] ?? 0);
		throw new Error(`n8n execute --id=${id} printed a result that is not JSON (${error.message}) near: ${JSON.stringify(json.slice(Math.max(0, at - 200), at + 200))}`);
	}
}

/** Items of every output of a node's first run. */
function nodeOutputs(run, nodeName) {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs) return undefined;
	return (runs[0].data?.main ?? []).map((items) => items ?? []);
}

/** Makes a webhook-triggered workflow live: n8n 2 "publishes" a version instead of activating. */
/** Makes a workflow active, as a user publishes it: n8n 2.x publishes, n8n 1.x activates. */
function publishWorkflow(binary, userFolder, id) {
	const args = N8N_MAJOR >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
	run(binary, args, {
		env: n8nEnv(userFolder),
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

/**
 * Starts `n8n start` (editor, REST API and production webhooks) and resolves once it answers
 * its readiness check. The task-runner broker gets the port after the HTTP port, so this
 * server never collides with a CLI execution on the default broker port. Quiet, its output is
 * kept rather than shown, and told if it stops before it is ready; a server that stopped on
 * starting is started once more (n8n start, not our nodes: a test should not fail on it).
 */
async function startServer(binary, userFolder, port, { quiet = false, env = {} } = {}) {
	for (let attempt = 1; ; attempt += 1) {
		const child = spawn(binary, ['start'], {
			env: n8nEnv(userFolder, { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(port + 1), ...env }),
			stdio: quiet ? ['ignore', 'pipe', 'inherit'] : 'inherit',
		});
		try {
			await untilReady(child, 'n8n start', port);
			return child;
		} catch (error) {
			if (attempt === 2 || !/exited before it was ready/.test(error.message)) throw error;
			log(`${error.message}; starting it once more`);
		}
	}
}

/**
 * Starts `n8n worker` (queue mode: it takes executions from Redis); resolves once its health
 * server answers. `port` is its health-check port, the task-runner broker gets the next one.
 */
async function startWorker(binary, userFolder, port, { concurrency = 10, env = {} } = {}) {
	const child = spawn(binary, ['worker', `--concurrency=${concurrency}`], {
		env: n8nEnv(userFolder, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(port + 1), ...env }),
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	await untilReady(child, 'n8n worker', port);
	return child;
}

/** Resolves once `child` answers its readiness check; a piped stdout is drained, its last lines kept for the error. */
async function untilReady(child, what, port) {
	let printed = '';
	child.stdout?.on('data', (chunk) => (printed = (printed + chunk).slice(-4000)));
	let exited;
	child.on('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `exit code ${code}`));
	const said = () => (child.stdout ? `; it printed:\n${printed.trim() || '(nothing)'}` : '');
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`${what} exited before it was ready (${exited}; port ${port})${said()}`);
		try {
			const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`, { signal: AbortSignal.timeout(5000) });
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	child.kill('SIGKILL');
	throw new Error(`${what} did not become ready on port ${port} within 120 s${said()}`);
}

async function stopServer(child) {
	// Gone already: exited, or killed by a signal (a crash test's SIGKILL).
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.on('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	await exited;
	clearTimeout(timer);
}

/**
 * Calls a production webhook the way a source system would. A freshly started n8n may
 * register its webhooks a moment after it reports ready, so a 404 is retried briefly.
 */
async function callWebhook(port, { path: webhookPath, method = 'POST', body }) {
	const started = Date.now();
	for (;;) {
		const response = await fetch(`http://127.0.0.1:${port}/webhook/${webhookPath}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (response.status === 404 && Date.now() - started < 15_000) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			continue;
		}
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, body: json, text, seconds: (Date.now() - started) / 1000 };
	}
}

/**
 * Saves a sample Streamtime export into the watched folder the way an office does: the file
 * appears under its own name with the time it was saved, and the trigger decides when it has
 * finished writing.
 */
function dropExport(exportFolder, sampleName, asName = sampleName) {
	const target = path.join(exportFolder, asName);
	fs.copyFileSync(path.join(ROOT, 'workflows', 'samples', 'streamtime', sampleName), target);
	return target;
}

/** Every file in a folder (not in its subfolders), or none when it does not exist yet. */
function filesIn(folder) {
	if (!fs.existsSync(folder)) return [];
	return fs
		.readdirSync(folder, { withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => entry.name)
		.sort();
}

/** Every file under a folder, subfolders too (a run's own folder), as paths relative to it; none when it does not exist yet. */
function filesUnder(folder, prefix = '') {
	if (!fs.existsSync(folder)) return [];
	return fs
		.readdirSync(folder, { withFileTypes: true })
		.flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(folder, entry.name), path.join(prefix, entry.name)) : entry.isFile() ? [path.join(prefix, entry.name)] : []))
		.sort();
}

/**
 * The executions n8n recorded for a workflow, read from its SQLite database with the driver
 * n8n itself ships (the server may keep running: SQLite serves readers alongside it).
 */
async function executionsOf(userFolder, workflowId) {
	const sqlite3 = require(path.join(CACHE, 'node_modules', 'sqlite3'));
	const database = new sqlite3.Database(path.join(userFolder, '.n8n', 'database.sqlite'), sqlite3.OPEN_READONLY);
	try {
		return await new Promise((resolve, reject) =>
			database.all(
				'SELECT id, status, mode, finished, startedAt, stoppedAt FROM execution_entity WHERE workflowId = ? ORDER BY id',
				[workflowId],
				(error, rows) => (error ? reject(error) : resolve(rows)),
			),
		);
	} finally {
		database.close();
	}
}

/**
 * One execution's run data as n8n stored it (flatted JSON, parsed with the flatted n8n ships),
 * shaped like `n8n execute --rawOutput` prints it, so the same printers and checks read both.
 */
async function executionRun(userFolder, executionId) {
	const sqlite3 = require(path.join(CACHE, 'node_modules', 'sqlite3'));
	const flatted = require(path.join(CACHE, 'node_modules', 'flatted'));
	const database = new sqlite3.Database(path.join(userFolder, '.n8n', 'database.sqlite'), sqlite3.OPEN_READONLY);
	try {
		const row = await new Promise((resolve, reject) =>
			database.get('SELECT data FROM execution_data WHERE executionId = ?', [executionId], (error, found) => (error ? reject(error) : resolve(found))),
		);
		if (!row) throw new Error(`n8n has no data for execution ${executionId}`);
		return { data: flatted.parse(row.data) };
	} finally {
		database.close();
	}
}

/** Polls `probe` until it returns a value other than undefined, or fails after the deadline. */
async function waitFor(description, probe, { timeoutMs = 60_000, intervalMs = 500 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${description}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/**
 * Drops sample exports into a published folder workflow's watched folder and waits until n8n
 * has handled every one: each gone from the folder, and one more finished execution apiece.
 * Returns the runs and the files each left in processed/ and failed/, for the expectation.
 */
async function runFolderCase(userFolder, workflowId, { exportFolder, drop, timeoutMs = 60_000 }) {
	const started = Date.now();
	const before = (await executionsOf(userFolder, workflowId)).length;
	const outcomes = ['processed', 'failed'];
	const listing = () => Object.fromEntries(outcomes.map((name) => [name, filesIn(path.join(exportFolder, name))]));
	const beforeListing = listing();
	const dropped = drop.map((entry) => (typeof entry === 'string' ? { sample: entry } : entry)).map(({ sample, as }) => dropExport(exportFolder, sample, as));
	let runs = [];
	try {
		await waitFor(`${drop.length} export(s) to be handled`, async () => {
			runs = (await executionsOf(userFolder, workflowId)).slice(before);
			const finished = runs.filter((run) => run.stoppedAt).length;
			return finished >= drop.length && dropped.every((file) => !fs.existsSync(file)) ? true : undefined;
		}, { timeoutMs });
	} catch (error) {
		const left = dropped.filter((file) => fs.existsSync(file)).map((file) => path.basename(file));
		throw new Error(`${error.message}; executions: ${JSON.stringify(runs)}; still in the folder: ${left.join(', ') || 'none'}`);
	}
	const afterListing = listing();
	const added = Object.fromEntries(outcomes.map((name) => [name, afterListing[name].filter((file) => !beforeListing[name].includes(file))]));
	return { executions: runs, added, seconds: (Date.now() - started) / 1000 };
}

function readJson(relativePath) {
	return JSON.parse(fs.readFileSync(path.resolve(ROOT, relativePath), 'utf8'));
}

/** A package n8n ships (flatted, sqlite3…), from the pinned n8n install. */
function fromN8n(name) {
	return require(path.join(CACHE, 'node_modules', name));
}

module.exports = {
	ROOT,
	N8N_MAJOR,
	fromN8n,
	PACKAGE_NAME,
	N8N_VERSION,
	ensureN8n,
	installPinned,
	installPackage,
	importWorkflows,
	importCredentials,
	executeWorkflow,
	executeWorkflowAsync,
	hasFileOpen,
	holdSqliteWriteLock,
	nodeOutputs,
	publishWorkflow,
	createSandboxCredentials,
	odbcStack,
	startExactEmulator,
	startConnectWiseEmulator,
	stopEmulator,
	startServer,
	startWorker,
	stopServer,
	callWebhook,
	dropExport,
	filesIn,
	filesUnder,
	executionsOf,
	executionRun,
	waitFor,
	runFolderCase,
	readJson,
	workflowFiles,
	log,
	n8nEnv,
};

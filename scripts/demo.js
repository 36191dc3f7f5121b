#!/usr/bin/env node
/**
 * The sandbox demo: builds the package, installs it into a real n8n (pinned, cached), imports
 * the sample workflows (and sandbox credentials, when there are any), runs each once on its
 * bundled sample data, prints what each produced, and leaves the n8n editor running on
 * http://localhost:5678. Webhook flows are called over HTTP; folder flows get sample exports
 * saved into their watched folder. With --once, or when CI is set, it stops after the run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const n8n = require('./lib/n8n');
const { startSmtpCatcher } = require('./lib/services');

const PORT = Number(process.env.N8N_PORT || 5678);
const EXACT_PORT = Number(process.env.LEDGER_BRIDGE_EXACT_PORT || 5700);
const CONNECTWISE_PORT = Number(process.env.LEDGER_BRIDGE_CONNECTWISE_PORT || 5701);
const ONCE = process.argv.includes('--once') || Boolean(process.env.CI);
const SANDBOX = path.join(n8n.ROOT, '.sandbox');
const OUTPUT = path.join(SANDBOX, 'output');
const EXPORT_FOLDER = path.join(SANDBOX, 'streamtime-exports');
// Saved together, as an office exporting June's and July's invoices would: each gets its own run.
const FOLDER_SAMPLES = ['june-invoices.txt', 'july-invoices.txt'];
/**
 * The output names of one of our nodes as the editor shows them for this node's settings:
 * read from the built node's description (an `outputs` expression is evaluated the way n8n
 * does, with $parameter).
 */
function outputNames(node) {
	const manifest = require(path.join(n8n.ROOT, 'package.json'));
	const file = manifest.n8n.nodes.find((entry) => path.basename(entry, '.node.js').toLowerCase() === node.type.split('.').pop().toLowerCase());
	if (!file) return undefined;
	const className = path.basename(file, '.node.js');
	const { description } = new (require(path.join(n8n.ROOT, file))[className])();
	if (typeof description.outputs !== 'string') return description.outputNames;
	const expression = description.outputs.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$parameter', `return ${expression}`)(node.parameters).map((output) => output.displayName);
}

async function main() {
	const started = Date.now();
	await assertPortsFree([
		[PORT, 'the n8n editor', 'N8N_PORT'],
		[PORT + 1, "n8n's task runner broker", 'N8N_PORT'],
		[EXACT_PORT, 'the Exact Online emulator', 'LEDGER_BRIDGE_EXACT_PORT'],
		[CONNECTWISE_PORT, 'the ConnectWise Manage emulator', 'LEDGER_BRIDGE_CONNECTWISE_PORT'],
	]);
	step('Building the package');
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: n8n.ROOT, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);

	step(`Preparing n8n ${n8n.N8N_VERSION}`);
	const binary = n8n.ensureN8n();
	// A fresh sandbox each run, so the demo always starts from the same state.
	fs.rmSync(SANDBOX, { recursive: true, force: true });
	fs.mkdirSync(OUTPUT, { recursive: true });
	n8n.installPackage(SANDBOX);

	step('Importing the sample workflows');
	// Without a working ODBC stack the Sage samples cannot run; every other sample still does.
	const odbc = n8n.odbcStack();
	const needsSage = (file) => fs.readFileSync(file, 'utf8').includes('"sageOdbcApi"');
	const files = n8n.workflowFiles().filter((file) => odbc.ready || !needsSage(file));
	if (!odbc.ready) {
		const skipped = n8n.workflowFiles().filter(needsSage).map((file) => JSON.parse(fs.readFileSync(file, 'utf8')).name);
		n8n.log(`Skipping ${skipped.length} Sage samples (${skipped.join('; ')}): ${odbc.why}.`);
		n8n.log('  To run them: as root, npm run setup (Debian/Ubuntu: apt-get install unixodbc unixodbc-dev libsqliteodbc g++ make, then npm ci).');
	}
	// The Exact emulator stands in for Exact Online; it stays up as long as the demo does.
	// The Exact and ConnectWise emulators stand in for the real services; they stay up as long as the demo does.
	const exact = await n8n.startExactEmulator(EXACT_PORT);
	const connectWise = await n8n.startConnectWiseEmulator(CONNECTWISE_PORT);
	process.on('exit', () => [exact, connectWise].forEach(n8n.stopEmulator));
	n8n.log(`Exact Online emulator on ${exact.url} (sandbox division 1234567); ConnectWise Manage emulator on ${connectWise.url} (company ledgerbridge)`);
	// The error-workflow sample e-mails a person about each failed run: here, to a mail catcher.
	const mail = await startSmtpCatcher();
	await n8n.createSandboxCredentials(binary, SANDBOX, { exactUrl: exact.url, connectWiseUrl: connectWise.url, smtpPort: mail.port, sage: odbc.ready });
	n8n.importWorkflows(binary, SANDBOX, files, {
		operaFolder: path.join(OUTPUT, 'opera-import'),
		sageFolder: path.join(OUTPUT, 'sage-imports'),
		streamtimeSamples: EXPORT_FOLDER,
		exportFolder: EXPORT_FOLDER,
	});

	let failures = 0;
	const webhookWorkflows = [];
	const folderWorkflows = [];
	const errorWorkflows = [];
	for (const file of files) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
		if (webhook) {
			webhookWorkflows.push({ workflow, webhook });
			continue;
		}
		if (workflow.nodes.some((node) => node.type === `${n8n.PACKAGE_NAME}.importFolderTrigger`)) {
			folderWorkflows.push(workflow);
			continue;
		}
		// Error workflows run when another run fails (n8n 2: once published); their e-mails are shown at the end.
		if (workflow.nodes.some((node) => node.type === 'n8n-nodes-base.errorTrigger')) {
			errorWorkflows.push(workflow);
			continue;
		}
		step(`Running "${workflow.name}"`);
		const { run, seconds } = await n8n.executeWorkflow(binary, SANDBOX, workflow.id);
		// A sample that rejected documents ends as a failed execution on purpose (its Stop and Error node).
		const rejected = run.status !== 'success' && run.data.resultData.lastNodeExecuted === 'Stop: documents were rejected';
		if (run.status !== 'success' && !rejected) failures += 1;
		n8n.log(rejected ? `failed as it should, in ${seconds.toFixed(1)} s: ${run.data.resultData.error?.message}` : `status: ${run.status} in ${seconds.toFixed(1)} s`);
		printRun(workflow, run);
	}

	// Webhook and folder flows run as they would in production: published and served by n8n,
	// called over HTTP or fed through their watched folder. The same server then stays up as the editor.
	// n8n 2 runs only a published error workflow; n8n 1 runs it as saved.
	for (const workflow of [...webhookWorkflows.map(({ workflow }) => workflow), ...folderWorkflows, ...(n8n.N8N_MAJOR >= 2 ? errorWorkflows : [])]) n8n.publishWorkflow(binary, SANDBOX, workflow.id);
	step(`Starting n8n on http://localhost:${PORT}`);
	// The editor on this machine only, unless asked otherwise (N8N_LISTEN_ADDRESS=0.0.0.0).
	const server = await n8n.startServer(binary, SANDBOX, PORT, { quiet: ONCE, env: { N8N_LISTEN_ADDRESS: process.env.N8N_LISTEN_ADDRESS || '127.0.0.1' } });
	const requests = n8n.readJson('workflows/samples/requests.json');
	for (const { workflow, webhook } of webhookWorkflows) {
		const sample = requests[workflow.id];
		if (!sample) continue;
		const webhookPath = webhook.parameters.path;
		step(`Calling "${workflow.name}": POST /webhook/${webhookPath} with workflows/samples/${sample}`);
		const response = await n8n.callWebhook(PORT, { path: webhookPath, body: n8n.readJson(path.join('workflows', 'samples', sample)) });
		if (response.status >= 500) failures += 1;
		n8n.log(`HTTP ${response.status} in ${response.seconds.toFixed(1)} s`);
		n8n.log(JSON.stringify(response.body ?? response.text, null, 2));
	}
	for (const workflow of folderWorkflows) {
		if (!(await runFolderWorkflow(workflow))) failures += 1;
	}
	// Error workflows run a moment after the failure they report.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	step(`E-mails the error workflow sent (${mail.messages.length}, caught on 127.0.0.1:${mail.port})`);
	for (const message of mail.messages) {
		const subject = /^Subject: (.*)$/m.exec(message.text)?.[1] ?? '(no subject)';
		const attachment = /filename=([^\r\n;]+)/.exec(message.data)?.[1];
		n8n.log(`  ✉ to ${message.to.join(', ')}: ${subject}${attachment ? ` — attached: ${attachment}` : ''}`);
	}
	n8n.log(`\nDemo run finished in ${((Date.now() - started) / 1000).toFixed(1)} s; files written to ${path.relative(process.cwd(), OUTPUT) || OUTPUT}`);

	if (ONCE) {
		await n8n.stopServer(server);
		process.exit(failures > 0 ? 1 : 0);
	}
	n8n.log(`\nThe n8n editor is running on http://localhost:${PORT} (Ctrl+C stops it).`);
	n8n.log('Create the owner account on the first visit; the sample workflows are under Overview.');
	if (folderWorkflows.length > 0) {
		n8n.log(`Save a Streamtime export into ${path.relative(process.cwd(), EXPORT_FOLDER)}/ and it is imported within about 20 s.`);
	}
	const stop = () => server.kill('SIGTERM');
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	server.on('exit', (code) => process.exit(code ?? 0));
}

/**
 * Saves the sample exports into the watched folder, waits for n8n's runs, prints each run as
 * n8n recorded it, then what a bookkeeper finds on disk: the Sage import files, where each
 * export went, and the import log beside it.
 */
async function runFolderWorkflow(workflow) {
	const sageFolder = path.join(OUTPUT, 'sage-imports');
	const sageBefore = n8n.filesIn(sageFolder);
	const where = path.relative(process.cwd(), EXPORT_FOLDER);
	step(`Saving ${FOLDER_SAMPLES.join(' and ')} into ${where}/, watched by "${workflow.name}"`);
	let handled;
	try {
		handled = await n8n.runFolderCase(SANDBOX, workflow.id, { exportFolder: EXPORT_FOLDER, drop: FOLDER_SAMPLES, timeoutMs: 120_000 });
	} catch (error) {
		n8n.log(`not handled: ${error.message}`);
		return false;
	}
	n8n.log(`handled in ${handled.seconds.toFixed(1)} s: ${handled.executions.map((run) => `execution ${run.id} ${run.status}`).join(', ')}`);
	let allAsExpected = true;
	const moveNode = workflow.nodes.find((node) => node.type === `${n8n.PACKAGE_NAME}.importFolder`);
	for (const execution of handled.executions) {
		const run = await n8n.executionRun(SANDBOX, execution.id);
		// An export with rejects ends as a failed execution on purpose, once Import Folder has moved it.
		if (execution.status !== 'success' && run.data.resultData.lastNodeExecuted !== moveNode?.name) allAsExpected = false;
		const triggerNode = workflow.nodes.find((node) => node.type === `${n8n.PACKAGE_NAME}.importFolderTrigger`);
		const trigger = n8n.nodeOutputs(run, triggerNode.name)?.[0]?.[0];
		n8n.log(`\n-- ${trigger?.json.fileName ?? `execution ${execution.id}`}`);
		printRun(workflow, run);
	}
	n8n.log('\nOn disk:');
	for (const name of n8n.filesIn(sageFolder).filter((file) => !sageBefore.includes(file))) {
		n8n.log(`  ⎙ Sage import file ${path.relative(process.cwd(), path.join(sageFolder, name))}`);
	}
	for (const [outcome, names] of Object.entries(handled.added)) {
		for (const name of names.filter((file) => !file.endsWith('.import-log.csv'))) {
			n8n.log(`  ${outcome === 'failed' ? '✗' : '✓'} export moved to ${path.join(where, outcome, name)}`);
			const log = `${path.parse(name).name}.import-log.csv`;
			if (!names.includes(log)) continue;
			const failures = fs.readFileSync(path.join(EXPORT_FOLDER, outcome, log), 'utf8').split('\r\n').filter((row) => /^\d+,/.test(row)).length;
			n8n.log(`  ⎙ import log beside it: ${path.join(where, outcome, log)} (${failures} failure${failures === 1 ? '' : 's'} listed; opens in Excel)`);
		}
	}
	return allAsExpected;
}

function printRun(workflow, run) {
	const runData = run.data.resultData.runData;
	if (run.data.resultData.error) n8n.log(`error: ${run.data.resultData.error.message}`);
	for (const node of workflow.nodes) {
		const runs = runData[node.name];
		if (!runs) continue;
		const outputs = (runs[0].data?.main ?? []).map((items) => items ?? []);
		const names = (node.type.startsWith(n8n.PACKAGE_NAME) && outputNames(node)) || outputs.map((_, index) => (outputs.length > 1 ? `output ${index + 1}` : 'out'));
		const counts = outputs.map((items, index) => `${names[index]}: ${items.length}`).join(', ');
		n8n.log(`\n▸ ${node.name}  (${counts || 'no output'})`);
		if (runs[0].error) n8n.log(`  error: ${runs[0].error.message}`);
		if (!node.type.startsWith(n8n.PACKAGE_NAME)) continue;
		outputs.forEach((items) => items.forEach((item) => printItem(item)));
	}
}

/** "1 duplicate", "2 duplicates". */
function count(value, one, many = `${one}s`) {
	return `${value} ${Number(value) === 1 ? one : many}`;
}

/**
 * A port the demo needs that something else holds: said plainly before anything starts, rather
 * than n8n dying later or the demo quietly talking to another process's emulator.
 */
async function assertPortsFree(ports) {
	const net = require('node:net');
	for (const [port, what, variable] of ports) {
		const taken = await new Promise((resolve) => {
			const probe = net.createServer();
			probe.once('error', (error) => resolve(error.code === 'EADDRINUSE'));
			probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
		});
		if (taken) {
			n8n.log(`Port ${port} (${what}) is already in use — another n8n or an earlier demo still running? Stop it, or run with ${variable}=<another port>.`);
			process.exit(1);
		}
	}
}

function printItem(item) {
	const { json } = item;
	if (json.kind === 'rejected') {
		n8n.log(`  ✗ ${json.document}`);
		for (const failure of json.failures) n8n.log(`      ${failure.code}: ${failure.message}`);
	} else if (json.kind === 'importLog') {
		const target = path.join(OUTPUT, item.binary.importLog.fileName);
		fs.writeFileSync(target, binaryBuffer(item.binary.importLog));
		n8n.log(`  ⎙ import log (${json.rejected} rejected of ${json.documents}) saved to ${path.relative(process.cwd(), target)}`);
	} else if (json.status === 'written' || json.status === 'posted' || json.status === 'duplicate') {
		n8n.log(`  ${json.status === 'duplicate' ? '=' : '✓'} ${json.document}: ${json.status}${json.message ? ` — ${json.message}` : ''}`);
	} else if (json.kind === 'runSummary' && json.target === 'exactOnline') {
		n8n.log(`  Σ division ${json.division}: ${json.imported} posted, ${count(json.duplicates, 'duplicate')}, ${json.rejected} rejected; accounts created: ${json.createdAccounts.join(', ') || 'none'}; ${json.httpRequests} HTTP requests (${json.lookupRequests} for look-ups)`);
	} else if (json.kind === 'runSummary' && json.files) {
		n8n.log(`  Σ ${json.imported} imported, ${count(json.duplicates, 'duplicate')}, ${json.rejected} rejected, ${count(json.odbcQueries, 'ODBC query', 'ODBC queries')}; files: ${json.files.map((file) => file.fileName).join(', ') || 'none'}`);
	} else if (json.kind === 'batchResult') {
		n8n.log(`  Σ ${json.summary}`);
	} else if (json.kind === 'glExportSummary') {
		n8n.log(`  Σ batch ${json.batchIdentifier}: ${count(json.documents, 'document')}, ${json.rejected} rejected${json.stopped ? ' (whole batch stopped)' : ''}, ${count(json.glEntryIds, 'GL entry', 'GL entries')}, ${count(json.manageRequests, 'Manage request')}`);
	} else if (json.kind === 'paymentSyncSummary') {
		n8n.log(`  Σ ${count(json.invoices, 'invoice')}: ${count(json.created, 'payment')} created, ${json.updated} changed, ${json.removed} removed, ${json.unchanged} unchanged, ${json.notInLedger} not in the ledger; ${json.manageRequests} Manage requests`);
	} else if (json.kind === 'paymentSyncStart') {
		n8n.log(`  start date ${json.startDate}: ${json.explanation}`);
	} else if (json.action) {
		n8n.log(`  ${['create', 'update', 'remove'].includes(json.action) ? '✓' : '·'} ${json.invoiceNumber}: ${json.message}`);
	} else if (json.invoiceNumber && json.found !== undefined) {
		n8n.log(`  ${json.found ? `${json.invoiceNumber}: ${json.amountPaid} paid of ${json.amount}${json.fullyPaid ? ' (paid in full)' : ''}` : `${json.invoiceNumber}: not in the ledger`}`);
	} else if (json.invoiceNumber && json.balance !== undefined) {
		n8n.log(`  ${json.invoiceNumber}: total ${json.total}, paid ${json.payments ?? 0}, balance ${json.balance}`);
	} else if (json.kind === 'streamtimeSummary') {
		n8n.log(`  Σ ${json.fileName}: ${json.type === 'salesInvoices' ? 'an invoice list' : 'a purchase-order list'} (${json.encoding}), ${count(json.documentCount, 'document')} from ${count(json.lineCount, 'line')}, ${count(json.rejectedCount, 'row')} rejected`);
	} else if (json.kind) {
		// Other summaries: their plain facts, as words and numbers.
		const facts = Object.entries(json).filter(([key, value]) => key !== 'kind' && ['string', 'number', 'boolean'].includes(typeof value));
		n8n.log(`  Σ ${json.kind.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${facts.map(([key, value]) => `${key.replace(/([A-Z])/g, ' $1').toLowerCase()} ${value}`).join(', ')}`);
	} else if (json.from && json.to) {
		n8n.log(`  ${json.rejected ? '✗' : '✓'} moved ${path.basename(json.from)} to ${path.relative(process.cwd(), path.dirname(json.to))}/${json.importLog ? `, import log ${path.basename(json.importLog)} beside it` : ''}`);
	} else if (json.type && !json.kind) {
		const id = json.header?.number ?? json.party?.code;
		const gross = json.totals?.gross !== undefined ? `  gross ${json.totals.gross} ${json.header?.currency ?? ''}` : '';
		n8n.log(`  ✓ ${json.type} ${id}  account ${json.party?.code}${gross}`);
		for (const change of json.report?.mapped ?? []) n8n.log(`      mapped ${change.field}: ${change.from} → ${change.to}`);
		for (const change of json.report?.cleaned ?? []) n8n.log(`      cleaned ${change.field}: ${change.detail}`);
	}
}

function binaryBuffer(binaryData) {
	if (binaryData.id) {
		const relative = binaryData.id.split(':')[1];
		return fs.readFileSync(path.join(SANDBOX, '.n8n', 'storage', relative));
	}
	return Buffer.from(binaryData.data, 'base64');
}

function step(message) {
	n8n.log(`\n== ${message}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

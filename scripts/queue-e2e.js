#!/usr/bin/env node
/**
 * Queue mode end to end: the built package in a real n8n main process and two real workers,
 * with Redis and PostgreSQL started here (Debian's redis-server and postgresql, 127.0.0.1
 * only), n8n's own database and the posting journal on that PostgreSQL.
 *
 * 1. Concurrency: every sample posting flow — Opera, Sage 50 UK files, Sage 100, Exact Online,
 *    ConnectWise payment sync — is called LEDGER_BRIDGE_QUEUE_CALLS (100) times at once, every
 *    body at least twice. Afterwards no transaction, entry or payment is in its target twice,
 *    every call was answered, every execution reported each of its documents (posted, a
 *    duplicate or rejected, the same rejections in every execution) and none is left running.
 * 2. Faults: the Exact emulator loses the answer to a POST, then goes down; every document of
 *    that run ends on an output and in the journal, and the rerun posts each once.
 * 3. Crashes: a worker is killed (SIGKILL) in the middle of an Opera write, a Sage 50 file
 *    write and an Exact run; after a restart and a rerun every document is in its target once
 *    and no partial or temporary file is left in an import folder.
 *
 * Manually started sample flows are called through a webhook here (their Manual Trigger
 * becomes a Webhook), the way a schedule or another system starts them in production.
 * Prints "queue e2e: N passed, N failed".
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const services = require('./lib/services');
const { CUSTOMERS, numbered, streamtimeExport } = require('./lib/streamtimeExports');

require('ts-node').register({ transpileOnly: true });
const { Client } = require('pg');
const { startExactEmulator } = require('../test/emulators/exactOnline');
const { postSampleReceivables } = require('../test/emulators/exactOnline/receivables');
const { startConnectWiseEmulator } = require('../test/emulators/connectwise');
const { readDbfWithDbfread } = require('../test/unit/opera/readers');

const CALLS = Number(process.env.LEDGER_BRIDGE_QUEUE_CALLS || 100);
const WORKERS = 2;
const JOURNAL_CREDENTIAL = { id: 'lbJournalQueue1', name: 'Ledger Bridge journal (queue-mode PostgreSQL)' };
const POSTING_NODES = new Set(['operaLedger', 'sageImport', 'exactOnline', 'connectWiseManage']);
const SAMPLES = path.join(n8n.ROOT, 'workflows', 'samples');
const DOCUMENT_FILE_FLOW = 'lbStreamSageF1';

let passed = 0;
let failed = 0;
function record(ok, message) {
	if (ok) passed += 1;
	else failed += 1;
	n8n.log(message);
}

// LEDGER_BRIDGE_QUEUE_ONLY=Opera,Exact runs just the checks whose names start so (while working on them).
const ONLY = (process.env.LEDGER_BRIDGE_QUEUE_ONLY || '').split(',').filter(Boolean);

async function check(name, work) {
	if (ONLY.length > 0 && !ONLY.some((prefix) => name.startsWith(prefix))) return;
	const started = Date.now();
	try {
		const result = await work();
		record(true, `✓ ${name} — ${result} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	} catch (error) {
		record(false, `✗ ${name}: ${error.stack ?? error}`);
	}
}

function assert(condition, message) {
	if (!condition) throw new Error(message);
}

/**
 * A sample workflow as a queue-mode installation runs it: every posting node on the PostgreSQL
 * journal, a Manual Trigger turned into a Webhook (path queue/<id>), and a Streamtime file path
 * the call may replace with `{"file": …}`.
 */
/** The nodes at the end of a sample that fail a run with rejects (Stop and Error and its gate); see stripFailureGate. */
const FAILURE_GATE = new Set(['Everything rejected', 'Rejected documents', 'Anything rejected?', 'Stop: documents were rejected', 'Anything not posted?', 'Stop: documents were not posted', 'Payments Manage refused', 'Stop: payments were refused']);

/**
 * Without the end that fails a run with rejects: these bursts are about concurrency, and their
 * flows answer with their last node, which would then be the Stop and Error (e2e checks the gate).
 */
function stripFailureGate(workflow) {
	workflow.nodes = workflow.nodes.filter((node) => !FAILURE_GATE.has(node.name));
	for (const name of FAILURE_GATE) delete workflow.connections[name];
	for (const outputs of Object.values(workflow.connections)) {
		for (const targets of outputs.main ?? []) if (targets) targets.splice(0, targets.length, ...targets.filter((target) => !FAILURE_GATE.has(target.node)));
	}
	delete workflow.settings?.errorWorkflow;
}

function forQueueMode(workflow) {
	const copy = structuredClone(workflow);
	stripFailureGate(copy);
	for (const node of copy.nodes) {
		const type = node.type.replace(`${n8n.PACKAGE_NAME}.`, '');
		if (POSTING_NODES.has(type)) {
			node.parameters.postingJournal = 'postgres';
			node.credentials = { ...(node.credentials ?? {}), ledgerBridgeJournalApi: JOURNAL_CREDENTIAL };
		}
		if (type === 'streamtimeFile' && node.parameters.source === 'path') {
			const sample = path.join(SAMPLES, 'streamtime', path.basename(node.parameters.filePath));
			node.parameters.filePath = `={{ $json.body.file || ${JSON.stringify(sample)} }}`;
		}
		if (node.type === 'n8n-nodes-base.manualTrigger') {
			node.type = 'n8n-nodes-base.webhook';
			node.typeVersion = 2;
			node.webhookId = crypto.randomUUID();
			node.parameters = { httpMethod: 'POST', path: `queue/${copy.id}`, responseMode: 'lastNode', responseData: 'allEntries', options: {} };
		}
	}
	return copy;
}

/** The Streamtime → Sage 50 flow with its documents travelling as one document file (the large-export shape). */
function documentFileVariant(workflow) {
	const variant = forQueueMode({ ...workflow, id: DOCUMENT_FILE_FLOW, name: `${workflow.name} (document file)` });
	for (const node of variant.nodes) if (node.type === `${n8n.PACKAGE_NAME}.streamtimeFile`) node.parameters.output = 'file';
	return variant;
}

/** The calls of one burst: `bodies` repeated round-robin to `CALLS` calls, so each is sent CALLS / bodies.length times. */
function burst(bodies) {
	return Array.from({ length: CALLS }, (_, index) => bodies[index % bodies.length]);
}

/** The Opera sample with its transactions renumbered for variant k (SI-5001 → SI-5001-Q7); customers stay the same. */
function operaVariant(k) {
	const documents = n8n.readJson(path.join(SAMPLES, 'opera-sales.json'));
	return documents.map((document) => (document.header?.number ? { ...document, header: { ...document.header, number: `${document.header.number}-Q${k}` } } : document));
}

async function main() {
	const started = Date.now();
	const binary = n8n.ensureN8n();
	const postgres = await services.startPostgres({ databases: ['n8n'] });
	const redis = await services.startRedis();
	const children = [];
	const emulators = [];
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-queue-'));
	const stopAll = async () => {
		for (const child of children) await n8n.stopServer(child).catch(() => undefined);
		for (const emulator of emulators) await emulator.close().catch(() => undefined);
		await redis.stop();
		postgres.stop();
	};
	process.on('SIGINT', () => stopAll().finally(() => process.exit(130)));
	try {
		Object.assign(process.env, {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// A killed worker's executions are noticed within seconds, not the default half minute.
			QUEUE_WORKER_LOCK_DURATION: '15000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			N8N_PAYLOAD_SIZE_MAX: '64',
		});
		n8n.installPackage(userFolder);
		const exact = await startExactEmulator({ port: await services.freePort(), minutelyLimit: 100_000, dailyLimit: 10_000_000 });
		emulators.push(exact);
		await postSampleReceivables(exact);
		const connectWise = await startConnectWiseEmulator({ port: await services.freePort() });
		emulators.push(connectWise);
		await n8n.createSandboxCredentials(binary, userFolder, { exactUrl: exact.url, connectWiseUrl: connectWise.url });
		const credentialFile = path.join(userFolder, 'journal-credential.json');
		fs.writeFileSync(
			credentialFile,
			JSON.stringify([
				{
					...JOURNAL_CREDENTIAL,
					type: 'ledgerBridgeJournalApi',
					// The database n8n itself uses, the journal in a schema of its own.
					data: { host: postgres.host, port: postgres.port, database: 'n8n', user: postgres.user, password: postgres.password, schema: 'ledger_bridge', ssl: 'disable' },
				},
			]),
		);
		n8n.importCredentials(binary, userFolder, credentialFile);
		fs.rmSync(credentialFile);

		const operaFolder = path.join(userFolder, 'opera-import');
		const sageFolder = path.join(userFolder, 'sage-imports');
		const ids = ['lbOperaSales01', 'lbStreamSage01', 'lbSage100Hook01', 'lbStreamExact01', 'lbExactPayCw01', DOCUMENT_FILE_FLOW];
		const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-queue-workflows-'));
		for (const file of n8n.workflowFiles()) {
			const workflow = n8n.readJson(file);
			if (ids.includes(workflow.id)) fs.writeFileSync(path.join(stage, path.basename(file)), JSON.stringify(forQueueMode(workflow)));
			if (workflow.id === 'lbStreamSage01') fs.writeFileSync(path.join(stage, 'document-file.json'), JSON.stringify(documentFileVariant(workflow)));
		}
		n8n.importWorkflows(binary, userFolder, fs.readdirSync(stage).map((name) => path.join(stage, name)), { operaFolder, sageFolder });
		fs.rmSync(stage, { recursive: true, force: true });
		for (const id of ids) n8n.publishWorkflow(binary, userFolder, id);

		const port = await services.freePort();
		children.push(await n8n.startServer(binary, userFolder, port, { quiet: true, env: { N8N_RUNNERS_BROKER_PORT: String(await services.freePort()) } }));
		const workers = [];
		const startWorker = async () => {
			const worker = await n8n.startWorker(binary, userFolder, await services.freePort(), { env: { N8N_RUNNERS_BROKER_PORT: String(await services.freePort()) } });
			children.push(worker);
			workers.push(worker);
			return worker;
		};
		for (let index = 0; index < WORKERS; index++) await startWorker();
		n8n.log(`queue mode: n8n ${n8n.N8N_VERSION} main on port ${port}, ${WORKERS} workers, Redis ${redis.port}, PostgreSQL ${postgres.port}; ${CALLS} calls per flow`);

		const db = new Client({ host: postgres.host, port: postgres.port, database: 'n8n', user: postgres.user, password: postgres.password });
		await db.connect();
		const context = { binary, userFolder, port, db, exact, connectWise, operaFolder, sageFolder, workers, children, startWorker };
		try {
			await concurrencyChecks(context);
			await faultChecks(context);
			await crashChecks(context);
		} finally {
			await db.end();
		}
	} finally {
		await stopAll();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	n8n.log(`queue e2e time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	n8n.log(`queue e2e: ${passed} passed, ${failed} failed`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

// ---- n8n's executions, read from its PostgreSQL database

let flatted;
/** The executions of a workflow since `sinceId`, with the run summary of its posting node. */
async function executions(db, workflowId, sinceId = 0) {
	const { rows } = await db.query('SELECT id, status, mode, finished FROM execution_entity WHERE "workflowId" = $1 AND id > $2 ORDER BY id', [workflowId, sinceId]);
	return rows;
}

async function lastExecutionId(db) {
	const { rows } = await db.query('SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity');
	return Number(rows[0].id);
}

/** The outputs of `nodeName` in an execution, as n8n stored them. */
async function nodeOutputs(db, executionId, nodeName) {
	flatted ??= n8n.fromN8n('flatted');
	const { rows } = await db.query('SELECT data FROM execution_data WHERE "executionId" = $1', [executionId]);
	if (rows.length === 0) return undefined;
	const data = flatted.parse(rows[0].data);
	const runs = data.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	return (runs[0].data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
}

/** Waits until no execution is new or running (the queue is drained). */
async function drained(db) {
	return await n8n.waitFor(
		'every execution to finish',
		async () => {
			const { rows } = await db.query("SELECT COUNT(*)::int AS n FROM execution_entity WHERE status IN ('new', 'running', 'waiting')");
			return rows[0].n === 0 ? true : undefined;
		},
		{ timeoutMs: 300_000, intervalMs: 1000 },
	);
}

async function callAll(port, calls) {
	return await Promise.all(
		calls.map(async ({ path: webhookPath, body }) => {
			try {
				return await n8n.callWebhook(port, { path: webhookPath, body });
			} catch (error) {
				return { status: 0, text: String(error) };
			}
		}),
	);
}

/**
 * Every execution of the burst finished successfully and its posting node reported every
 * document on exactly one of Posted, Duplicates and Rejected — and the same rejections in
 * every execution of the same body: a concurrent run must not turn a document away.
 */
async function everyDocumentReported(db, workflowId, sinceId, nodeName, { calls, counts }) {
	const runs = await executions(db, workflowId, sinceId);
	assert(runs.length === calls, `${calls} executions expected, ${runs.length} found`);
	const statuses = {};
	for (const run of runs) statuses[run.status] = (statuses[run.status] ?? 0) + 1;
	assert(runs.every((run) => run.status === 'success'), `every execution succeeds: ${JSON.stringify(statuses)}`);
	const shapes = new Map();
	let inProgress = 0;
	for (const run of runs) {
		const outputs = await nodeOutputs(db, run.id, nodeName);
		assert(outputs, `execution ${run.id} has no data for ${nodeName}`);
		const { documents, reported, rejected, waited } = counts(outputs);
		assert(documents === reported, `execution ${run.id}: ${documents} documents, ${reported} reported`);
		inProgress += waited;
		const shape = JSON.stringify({ documents, rejected });
		if (!shapes.has(shape)) shapes.set(shape, { execution: run.id, reported: outputs.slice(0, 3).flat().map((item) => `${item.document}: ${item.status ?? 'rejected'} — ${item.message}`) });
	}
	assert(shapes.size === 1, `executions disagree on what is rejected: ${[...shapes].map(([shape, example]) => `${shape} (e.g. execution ${example.execution}: ${example.reported.join(' | ')})`).join('\n / ')}`);
	return { executions: runs.length, inProgress };
}

/** Posted, Duplicates, Rejected and Run Summary of a posting node. */
function postingCounts([posted = [], duplicates = [], rejected = [], [summary] = []]) {
	return {
		documents: summary?.documents ?? posted.length + duplicates.length + rejected.length,
		reported: posted.length + duplicates.length + rejected.length,
		rejected: rejected.map((item) => `${item.document}:${(item.failureCodes ?? []).join('+')}`).sort(),
		waited: duplicates.filter((item) => item.status === 'inProgress').length,
	};
}

function answered(responses) {
	const bad = responses.filter((response) => ![200, 422].includes(response.status) || response.text === '');
	assert(bad.length === 0, `${bad.length} of ${responses.length} calls were not answered properly, e.g. HTTP ${bad[0]?.status} ${bad[0]?.text?.slice(0, 300)}`);
	return responses.length;
}

function filesUnder(folder) {
	return n8n.filesUnder(folder).map((name) => path.join(folder, name));
}

/** Nothing hidden or temporary in an import folder: no `.…tmp` run folder, no half-written file. */
function noTemporaryFiles(folder) {
	const hidden = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.startsWith('.')) : [];
	assert(hidden.length === 0, `temporary files left in ${folder}: ${hidden.join(', ')}`);
}

// ---- Targets, read independently

/** ST_TRREF of every STRAN record in every published Opera run folder. */
function operaTransactions(operaFolder) {
	return filesUnder(operaFolder)
		.filter((file) => /^STRAN_.*\.dbf$/i.test(path.basename(file)))
		.flatMap((file) => readDbfWithDbfread(file).records.map((record) => String(record.ST_TRREF).trim()));
}

function operaCustomers(operaFolder) {
	return filesUnder(operaFolder)
		.filter((file) => /^SNAME_.*\.dbf$/i.test(path.basename(file)))
		.flatMap((file) => readDbfWithDbfread(file).records.map((record) => String(record.SN_ACCOUNT).trim()));
}

/** Invoice references of every Sage 50 audit-trail import file, one entry per file that holds it. */
function sageAuditReferences(sageFolder) {
	return filesUnder(sageFolder)
		.filter((file) => /^AUDIT_.*\.csv$/.test(path.basename(file)))
		// Type, Account Reference, Nominal A/C Ref, Department Code, Date, Reference, …: no commas before Reference.
		.flatMap((file) => [...new Set(fs.readFileSync(file, 'latin1').split(/\r?\n/).map((row) => (row.split(',')[5] ?? '').replace(/"/g, '').trim()).filter((reference) => reference && reference !== 'Reference'))]);
}

function twice(values) {
	const seen = new Set();
	return [...new Set(values.filter((value) => (seen.has(value) ? true : (seen.add(value), false))))];
}

async function sage100Lines(userFolder) {
	const odbc = require('odbc');
	const connection = await odbc.connect(`Driver=SQLite3;Database=${path.join(userFolder, 'sage100-sandbox', 'ATELIER.mae')}`);
	try {
		return [...(await connection.query("SELECT EC_RefPiece, CT_Num FROM F_ECRITUREC WHERE JO_Num = 'VTE'"))];
	} finally {
		await connection.close();
	}
}

function exactEntries(exact) {
	return exact.state.current.entries.map((entry) => String(entry.YourRef ?? ''));
}

// ---- 1. Concurrency

async function concurrencyChecks({ port, db, exact, connectWise, operaFolder, sageFolder, userFolder }) {
	const variants = Array.from({ length: Math.max(1, Math.floor(CALLS / 4)) }, (_, k) => operaVariant(k));
	await check(`Opera: ${CALLS} concurrent calls, ${variants.length} bodies each sent ${CALLS / variants.length} times`, async () => {
		const since = await lastExecutionId(db);
		const responses = await callAll(port, burst(variants).map((body) => ({ path: 'ledger-bridge/opera/sales', body })));
		await drained(db);
		const calls = answered(responses);
		for (const response of responses) {
			const { written, duplicates, rejected } = response.body;
			assert(written + duplicates + rejected === 7, `an answer accounts for ${written + duplicates + rejected} of 7 documents: ${response.text.slice(0, 300)}`);
		}
		const references = operaTransactions(operaFolder);
		assert(twice(references).length === 0, `STRAN transactions written twice: ${twice(references).slice(0, 10).join(', ')}`);
		const perVariant = new Set(variants.map((_, k) => references.filter((reference) => reference.endsWith(`-Q${k}`)).map((reference) => reference.replace(/-Q\d+$/, '')).sort().join(',')));
		assert(perVariant.size === 1 && [...perVariant][0] !== '', `every body's transactions are written, the same ones: ${[...perVariant].join(' / ')}`);
		const customers = operaCustomers(operaFolder);
		assert(twice(customers).length === 0, `customers written twice: ${twice(customers).join(', ')}`);
		// The bodies differ only in their numbers: with those taken out, every execution rejects the same documents.
		const counts = (outputs) => {
			const result = postingCounts(outputs);
			return { ...result, rejected: result.rejected.map((label) => label.replace(/-Q\d+/, '')) };
		};
		const { inProgress } = await everyDocumentReported(db, 'lbOperaSales01', since, 'Opera Ledger', { calls, counts });
		noTemporaryFiles(operaFolder);
		return `${calls} answered; ${references.length} STRAN transactions, each once; ${customers.length} customer(s) once; ${inProgress} reported as in progress in another run`;
	});

	await check(`Sage 50 UK files: ${CALLS} concurrent runs of the same Streamtime export`, async () => {
		const since = await lastExecutionId(db);
		const responses = await callAll(port, burst([{}]).map((body) => ({ path: 'queue/lbStreamSage01', body })));
		await drained(db);
		const calls = answered(responses);
		const references = sageAuditReferences(sageFolder);
		assert(references.length > 0 && twice(references).length === 0, `invoices in two audit-trail files: ${twice(references).join(', ')} (of ${references.length})`);
		await everyDocumentReported(db, 'lbStreamSage01', since, 'Sage Import', { calls, counts: postingCounts });
		noTemporaryFiles(sageFolder);
		return `${calls} answered; ${references.length} invoices written, each in one audit-trail file (${references.sort().join(', ')})`;
	});

	const fileCalls = Math.max(2, Math.floor(CALLS / 4));
	await check(`Sage 50 UK files, documents as one document file: ${fileCalls} concurrent runs of the same 40-invoice export`, async () => {
		const since = await lastExecutionId(db);
		const numbers = numbered('QF', 40);
		const exportFile = streamtimeExport(path.join(userFolder, 'document-file-export.txt'), numbers, SAGE_CUSTOMER);
		const responses = await callAll(port, Array.from({ length: fileCalls }, () => ({ path: `queue/${DOCUMENT_FILE_FLOW}`, body: { file: exportFile } })));
		await drained(db);
		const calls = answered(responses);
		const references = sageAuditReferences(sageFolder).filter((reference) => reference.startsWith('QF-'));
		assert(twice(references).length === 0, `invoices in two audit-trail files: ${twice(references).join(', ')}`);
		assert(references.length === numbers.length, `${references.length} of ${numbers.length} invoices written: missing ${numbers.filter((number) => !references.includes(number)).join(', ')}`);
		const runs = await executions(db, DOCUMENT_FILE_FLOW, since);
		assert(runs.length === calls && runs.every((run) => run.status === 'success'), `${calls} successful executions expected: ${runs.map((run) => run.status).join(', ')}`);
		let imported = 0;
		for (const run of runs) {
			const { summary, reported, rejected } = await sageImportReport(db, run.id);
			assert(summary?.documents === numbers.length && reported === numbers.length, `execution ${run.id}: ${summary?.documents} documents, ${reported} reported`);
			assert(rejected.length === 0, `execution ${run.id} rejected ${rejected.map((item) => item.document).join(', ')}`);
			imported += summary.imported;
		}
		assert(imported === numbers.length, `the executions imported ${imported} invoices between them, not ${numbers.length}`);
		noTemporaryFiles(sageFolder);
		return `${calls} answered; ${references.length} invoices, each in one audit-trail file, ${imported} imported across the runs`;
	});

	await check(`Sage 100: ${CALLS} concurrent calls with the sample body`, async () => {
		const since = await lastExecutionId(db);
		const body = n8n.readJson(path.join(SAMPLES, 'sage100-sync.json'));
		const responses = await callAll(port, burst([body]).map(() => ({ path: 'ledger-bridge/sage100/sync', body })));
		await drained(db);
		const calls = answered(responses);
		const lines = await sage100Lines(userFolder);
		const customerLines = lines.filter((line) => line.CT_Num).map((line) => line.EC_RefPiece);
		assert(customerLines.length > 0 && twice(customerLines).length === 0, `invoices posted twice in VTE: ${twice(customerLines).join(', ')}`);
		const statuses = new Set(responses.map((response) => JSON.stringify(response.body.invoices.map((entry) => [entry.key, entry.synchronised]))));
		assert(statuses.size === 1, `every answer ticks the same invoices as synchronised: ${[...statuses].join(' / ')}`);
		await everyDocumentReported(db, 'lbSage100Hook01', since, 'Sage 100', { calls, counts: postingCounts });
		return `${calls} answered; ${customerLines.length} invoices in VTE, each once (${lines.length} lines)`;
	});

	await check(`Exact Online: ${CALLS} concurrent runs of the same Streamtime export`, async () => {
		const since = await lastExecutionId(db);
		const before = exactEntries(exact).length;
		const responses = await callAll(port, burst([{}]).map((body) => ({ path: 'queue/lbStreamExact01', body })));
		await drained(db);
		const calls = answered(responses);
		const entries = exactEntries(exact).slice(before);
		assert(entries.length > 0 && twice(entries).length === 0, `entries posted twice (YourRef): ${twice(entries).join(', ')}`);
		const codes = exact.state.current.accounts.map((account) => String(account.Code).trim());
		assert(twice(codes).length === 0, `accounts created twice: ${twice(codes).join(', ')}`);
		const { inProgress } = await everyDocumentReported(db, 'lbStreamExact01', since, 'Exact Online', { calls, counts: postingCounts });
		return `${calls} answered; ${entries.length} entries (${entries.join(', ')}), each once; ${inProgress} reported as in progress in another run`;
	});

	await check(`ConnectWise payment sync: ${CALLS} concurrent runs`, async () => {
		const since = await lastExecutionId(db);
		const writesBefore = connectWise.state.countRequests({ method: 'POST', path: /payments/ });
		const responses = await callAll(port, burst([{}]).map((body) => ({ path: 'queue/lbExactPayCw01', body })));
		await drained(db);
		const calls = answered(responses);
		const payments = connectWise.state.payments.map((payment) => payment.invoiceId);
		assert(payments.length > 0 && twice(payments).length === 0, `invoices paid twice: ${twice(payments).join(', ')}`);
		const writes = connectWise.state.countRequests({ method: 'POST', path: /payments/ }) - writesBefore;
		assert(writes === payments.length, `${writes} payment POSTs for ${payments.length} payments`);
		const runs = await executions(db, 'lbExactPayCw01', since);
		assert(runs.length === calls && runs.every((run) => run.status === 'success'), `every execution succeeds: ${runs.map((run) => run.status).join(', ')}`);
		return `${calls} answered; ${payments.length} payments, each invoice paid once`;
	});
}

// ---- Streamtime exports and bodies made up for a run

const EXACT_CUSTOMER = CUSTOMERS.exact;
const SAGE_CUSTOMER = CUSTOMERS.sage;

/** The Opera sample's first sales invoice, `count` times under new numbers. */
function operaInvoices(prefix, count) {
	const template = n8n.readJson(path.join(SAMPLES, 'opera-sales.json')).find((document) => document.type === 'salesInvoice');
	return numbered(prefix, count).map((number) => ({ ...template, header: { ...template.header, number } }));
}

async function journalEntries(db, system, prefix) {
	const { rows } = await db.query('SELECT document_number, state, failure_codes FROM ledger_bridge.lb_documents WHERE system = $1 AND document_number LIKE $2', [system, `${prefix}-%`]);
	return rows;
}

// ---- 2. Faults in the target

async function faultChecks({ port, db, exact, userFolder }) {
	await check('Exact Online: the answer to a POST lost, then the emulator unreachable: every document on an output and in the journal; the rerun posts each once', async () => {
		const numbers = numbered('FLT', 8);
		const file = streamtimeExport(path.join(userFolder, 'exact-faults.txt'), numbers, EXACT_CUSTOMER);
		const since = await lastExecutionId(db);
		// Reference data is read first (GETs pass the POST fault at the head of the queue); the first
		// POST is carried out and its answer lost, then every call fails to connect.
		exact.faults.dropConnections(1, { method: 'POST', afterProcessing: true }).dropConnections(10_000);
		let response;
		try {
			response = await n8n.callWebhook(port, { path: 'queue/lbStreamExact01', body: { file } });
		} finally {
			exact.faults.clear();
		}
		assert(response.status === 200, `the run is answered: HTTP ${response.status} ${response.text.slice(0, 300)}`);
		await drained(db);
		const [run] = await executions(db, 'lbStreamExact01', since);
		const outputs = await nodeOutputs(db, run.id, 'Exact Online');
		const [posted, duplicates, rejected] = outputs;
		assert(posted.length + duplicates.length + rejected.length === numbers.length, `every document on an output: ${posted.length} posted, ${duplicates.length} duplicates, ${rejected.length} rejected of ${numbers.length}`);
		const codes = rejected.flatMap((item) => item.failureCodes ?? []);
		assert(codes.includes('POSTING_UNCONFIRMED'), `the lost answer is reported unconfirmed: ${codes.join(', ')}`);
		const journal = await journalEntries(db, 'exactOnline', 'FLT');
		assert(journal.length === numbers.length, `every document in the journal: ${journal.length} of ${numbers.length}`);
		assert(journal.every((entry) => ['unconfirmed', 'notSent'].includes(entry.state)), `none is marked as posted: ${journal.map((entry) => entry.state).join(', ')}`);
		const inExactBefore = exactEntries(exact).filter((reference) => reference.startsWith('FLT-')).length;

		const again = await n8n.callWebhook(port, { path: 'queue/lbStreamExact01', body: { file } });
		assert(again.status === 200, `the rerun is answered: HTTP ${again.status}`);
		await drained(db);
		const entries = exactEntries(exact).filter((reference) => reference.startsWith('FLT-'));
		assert(entries.length === numbers.length && twice(entries).length === 0, `each invoice in Exact once: ${entries.length} entries for ${numbers.length} invoices, twice: ${twice(entries).join(', ')}`);
		const states = (await journalEntries(db, 'exactOnline', 'FLT')).map((entry) => entry.state);
		assert(states.every((state) => state === 'posted'), `the journal has every one posted: ${states.join(', ')}`);
		return `first run: ${posted.length} posted, ${rejected.length} on Rejected (${[...new Set(codes)].join(', ')}), ${inExactBefore} in Exact; rerun: ${entries.length} entries, each once`;
	});
}

// ---- 3. Crashes

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `webhook` with `body(attempt)`; once the posting node's run is registered in the journal
 * (which worker process holds it), watches closely for the moment `ready` describes and kills
 * that worker with SIGKILL there, starts a new worker and calls the same webhook again. A run
 * that finished before the moment came is tried again with new documents (up to three times).
 */
async function crashAndRerun({ db, port, workers, children, startWorker }, { webhook, body, nodeName, ready }) {
	for (let attempt = 1; ; attempt++) {
		const since = Date.now();
		const payload = body(attempt);
		const first = n8n.callWebhook(port, { path: webhook, body: payload }).catch((error) => ({ status: 0, text: String(error) }));
		const run = await n8n.waitFor(
			`${nodeName} to start`,
			async () => {
				const { rows } = await db.query('SELECT run_id, pid FROM ledger_bridge.lb_runs WHERE node_name = $1 AND started_at >= $2 ORDER BY started_at LIMIT 1', [nodeName, since - 1_000]);
				return rows[0];
			},
			{ timeoutMs: 180_000, intervalMs: 20 },
		);
		const worker = workers.find((candidate) => candidate.pid === Number(run.pid));
		assert(worker, `the run's process ${run.pid} is one of the workers (${workers.map((candidate) => candidate.pid).join(', ')})`);
		let state;
		let finished = false;
		let checked = Date.now();
		while (!state && !finished) {
			state = ready();
			if (state) break;
			if (Date.now() - checked > 100) {
				checked = Date.now();
				const { rows } = await db.query('SELECT finished_at FROM ledger_bridge.lb_runs WHERE run_id = $1', [run.run_id]);
				finished = rows[0]?.finished_at !== null;
			} else {
				await sleep(1);
			}
		}
		if (!state) {
			await first;
			assert(attempt < 3, `${nodeName} finished three times before the moment to kill it came`);
			continue;
		}
		const exited = new Promise((resolve) => worker.once('exit', resolve));
		process.kill(worker.pid, 'SIGKILL');
		await exited;
		workers.splice(workers.indexOf(worker), 1);
		children.splice(children.indexOf(worker), 1);
		const answer = await Promise.race([first, sleep(90_000).then(() => ({ status: 'none within 90 s', text: '' }))]);
		await startWorker();
		const again = await n8n.callWebhook(port, { path: webhook, body: payload });
		assert([200, 422].includes(again.status), `the rerun is answered: HTTP ${again.status} ${again.text.slice(0, 300)}`);
		return { killedAt: state, firstAnswer: answer.status, again, attempts: attempt };
	}
}

/** What one execution's Sage Import reported: its summary, and how many documents its outputs account for. */
async function sageImportReport(db, executionId) {
	const [posted = [], duplicates = [], rejected = [], [summary] = []] = (await nodeOutputs(db, executionId, 'Sage Import')) ?? [];
	// Posted and Duplicates are one item each holding a JSON-lines file, with the count of its lines.
	const reported = [...posted, ...duplicates].reduce((sum, item) => sum + (/File$/.test(item.kind) ? item.documents : 1), 0) + rejected.length;
	return { summary, reported, rejected };
}

function temporaryFolder(folder) {
	for (const entry of fs.readdirSync(folder)) {
		if (!entry.startsWith('.') || !entry.endsWith('.tmp')) continue;
		const files = fs.readdirSync(path.join(folder, entry));
		if (files.length > 0) return `its temporary run folder holding ${files.join(', ')}`;
	}
	return undefined;
}

async function crashChecks(context) {
	const { operaFolder, sageFolder, exact, userFolder, db } = context;
	const COUNT = Number(process.env.LEDGER_BRIDGE_QUEUE_CRASH_DOCUMENTS || 3000);

	await check(`Opera: a worker killed in the middle of writing ${COUNT} invoices, then the same call again`, async () => {
		const { killedAt, firstAnswer, again, attempts } = await crashAndRerun(context, {
			webhook: 'ledger-bridge/opera/sales',
			body: (attempt) => operaInvoices(`OCR${attempt}`, COUNT),
			nodeName: 'Opera Ledger',
			ready: () => temporaryFolder(operaFolder),
		});
		const references = operaTransactions(operaFolder).filter((reference) => reference.startsWith('OCR'));
		assert(references.length === COUNT * attempts && twice(references).length === 0, `each invoice in STRAN once: ${references.length} records for ${COUNT * attempts} invoices, ${twice(references).length} twice`);
		noTemporaryFiles(operaFolder);
		return `killed with ${killedAt} (attempt ${attempts}); the killed call answered ${firstAnswer}; the rerun wrote ${again.body.written}, found ${again.body.duplicates} already written; ${references.length} STRAN records, each once; no temporary folder left`;
	});

	await check(`Sage 50 UK files: a worker killed in the middle of writing ${COUNT} invoices, then the same call again`, async () => {
		const { killedAt, firstAnswer, attempts } = await crashAndRerun(context, {
			webhook: 'queue/lbStreamSage01',
			body: (attempt) => ({ file: streamtimeExport(path.join(userFolder, `sage-crash-${attempt}.txt`), numbered(`SCR${attempt}`, COUNT), SAGE_CUSTOMER) }),
			nodeName: 'Sage Import',
			ready: () => temporaryFolder(sageFolder),
		});
		const references = sageAuditReferences(sageFolder).filter((reference) => reference.startsWith('SCR'));
		assert(references.length === COUNT * attempts && twice(references).length === 0, `each invoice in one audit-trail file: ${references.length} for ${COUNT * attempts} invoices, ${twice(references).length} in two`);
		noTemporaryFiles(sageFolder);
		return `killed with ${killedAt} (attempt ${attempts}); the killed call answered ${firstAnswer}; after the rerun ${references.length} invoices, each in one audit-trail file; no temporary folder left`;
	});

	await check(`Sage 50 UK files, documents as one document file: a worker killed in the middle of writing ${COUNT} invoices, then the same call again`, async () => {
		const since = await lastExecutionId(db);
		const { killedAt, firstAnswer, attempts } = await crashAndRerun(context, {
			webhook: `queue/${DOCUMENT_FILE_FLOW}`,
			body: (attempt) => ({ file: streamtimeExport(path.join(userFolder, `file-crash-${attempt}.txt`), numbered(`FCR${attempt}`, COUNT), SAGE_CUSTOMER) }),
			nodeName: 'Sage Import',
			ready: () => temporaryFolder(sageFolder),
		});
		const references = sageAuditReferences(sageFolder).filter((reference) => reference.startsWith('FCR'));
		assert(references.length === COUNT * attempts && twice(references).length === 0, `each invoice in one audit-trail file: ${references.length} for ${COUNT * attempts} invoices, ${twice(references).length} in two`);
		noTemporaryFiles(sageFolder);
		// The rerun accounts for the killed call's invoices: each one posted or found already posted, none missing.
		const rerun = (await executions(db, DOCUMENT_FILE_FLOW, since)).filter((run) => run.status === 'success').at(-1);
		assert(rerun, 'the rerun is a successful execution');
		const { summary, reported, rejected } = await sageImportReport(db, rerun.id);
		assert(summary?.documents === COUNT && reported === COUNT && rejected.length === 0, `the rerun reports ${reported} of ${COUNT} invoices (${summary?.imported} imported, ${summary?.duplicates} duplicates, ${rejected.length} rejected)`);
		return `killed with ${killedAt} (attempt ${attempts}); the killed call answered ${firstAnswer}; the rerun imported ${summary.imported} and found ${summary.duplicates} already written; ${references.length} invoices, each in one audit-trail file; no temporary folder left`;
	});

	const EXACT_COUNT = Number(process.env.LEDGER_BRIDGE_QUEUE_CRASH_EXACT || 300);
	await check(`Exact Online: a worker killed while posting ${EXACT_COUNT} invoices, then the same call again`, async () => {
		const posted = (prefix) => exactEntries(exact).filter((reference) => reference.startsWith(prefix)).length;
		let prefix;
		const { killedAt, firstAnswer, attempts } = await crashAndRerun(context, {
			webhook: 'queue/lbStreamExact01',
			body: (attempt) => {
				prefix = `ECR${attempt}`;
				return { file: streamtimeExport(path.join(userFolder, `exact-crash-${attempt}.txt`), numbered(prefix, EXACT_COUNT), EXACT_CUSTOMER) };
			},
			nodeName: 'Exact Online',
			ready: () => (posted(prefix) >= 20 ? `${posted(prefix)} of ${EXACT_COUNT} invoices in Exact` : undefined),
		});
		const entries = exactEntries(exact).filter((reference) => reference.startsWith('ECR'));
		assert(entries.length === EXACT_COUNT * attempts && twice(entries).length === 0, `each invoice in Exact once: ${entries.length} entries for ${EXACT_COUNT * attempts} invoices, twice: ${twice(entries).slice(0, 10).join(', ')}`);
		return `killed with ${killedAt} (attempt ${attempts}); the killed call answered ${firstAnswer}; after the rerun ${entries.length} entries, each once`;
	});
}

main().catch((error) => {
	n8n.log(`queue e2e: could not run: ${error.stack ?? error}`);
	n8n.log('queue e2e: 0 passed, 1 failed');
	process.exit(1);
});

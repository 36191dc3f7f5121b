#!/usr/bin/env node
/**
 * End to end: the built package installed into a real n8n (pinned, cached between runs),
 * every workflow in workflows/ imported and checked against test/e2e/expectations.js.
 * Manually triggered workflows run with `n8n execute`; webhook workflows are published,
 * served by `n8n start`, and called over HTTP with their sample request; folder workflows are
 * published on the same server, and sample exports are saved into their watched folder.
 * Prints "e2e: N passed, N failed".
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const http = require('node:http');

const n8n = require('./lib/n8n');
const { startSmtpCatcher } = require('./lib/services');
const { CUSTOMERS, numbered, streamtimeExport } = require('./lib/streamtimeExports');
const expectations = require('../test/e2e/expectations');

const PORT = Number(process.env.LEDGER_BRIDGE_E2E_PORT || 5690);
const EXACT_PORT = Number(process.env.LEDGER_BRIDGE_E2E_EXACT_PORT || 5712);
const CONNECTWISE_PORT = Number(process.env.LEDGER_BRIDGE_E2E_CONNECTWISE_PORT || 5713);
// The overlap case holds the journal's write lock while two `n8n execute` processes boot (about 20 s
// here, more on a loaded machine); scheduled runs waiting meanwhile must not give up at 30 s.
process.env.LEDGER_BRIDGE_JOURNAL_LOCK_WAIT_SECONDS ??= '180';
// An export a killed run left in the watched folder is handed out again after this (the
// sample's 10 minutes would make the crash case wait that long).
const LEASE_MINUTES = 0.5;
const KILLED_INVOICES = 10_000;

async function main() {
	const started = Date.now();
	const binary = n8n.ensureN8n();
	n8n.log(`e2e: n8n ${n8n.N8N_VERSION} on Node.js ${process.versions.node}`);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-e2e-'));
	n8n.installPackage(userFolder);
	// LEDGER_BRIDGE_E2E_ONLY=lbCwSageBatch01,lbExactPayCw01 runs just those workflows (while working on them).
	const only = (process.env.LEDGER_BRIDGE_E2E_ONLY || '').split(',').filter(Boolean);
	const files = n8n.workflowFiles().filter((file) => only.length === 0 || only.includes(JSON.parse(fs.readFileSync(file, 'utf8')).id));
	const operaFolder = path.join(userFolder, 'opera-import');
	const sageFolder = path.join(userFolder, 'sage-imports');
	const exact = await n8n.startExactEmulator(EXACT_PORT);
	const connectWise = await n8n.startConnectWiseEmulator(CONNECTWISE_PORT);
	// A run that ends early (an uncaught error) still takes its emulators with it.
	process.on('exit', () => [exact, connectWise].forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL')));
	// The error-workflow samples tell a person: by e-mail (a mail catcher here) and in a chat channel (a webhook catcher).
	const mail = await startSmtpCatcher();
	const chat = await startChatCatcher();
	const sageCompany = await n8n.createSandboxCredentials(binary, userFolder, { exactUrl: exact.url, connectWiseUrl: connectWise.url, smtpPort: mail.port });
	const exportFolder = path.join(userFolder, 'streamtime-exports');
	// The watched-folder flow posts into a Sage company of its own, with its own import folder: the
	// June export it is fed is the one the Streamtime → Sage sample has already written for the
	// sandbox company, and the journal rightly writes nothing twice for one company.
	const isFolderFlow = (file) => Boolean(expectations[JSON.parse(fs.readFileSync(file, 'utf8')).id]?.folder);
	const folderSageFolder = path.join(userFolder, 'sage-imports-folder');
	const folderFlows = await withOwnSageCompany(binary, userFolder, files.filter(isFolderFlow));
	for (const [subset, folder] of [
		[files.filter((file) => !isFolderFlow(file)), sageFolder],
		[folderFlows.files, folderSageFolder],
	]) {
		if (subset.length > 0) {
			n8n.importWorkflows(binary, userFolder, subset, {
				operaFolder,
				sageFolder: folder,
				streamtimeSamples: exportFolder,
				exportFolder,
				leaseMinutes: LEASE_MINUTES,
				chatUrl: chat.url,
				// The chat variant is tried on the mapping webhook's failed runs; every other sample e-mails.
				errorWorkflows: { lbMapWebhook01: 'lbErrorChat01' },
			});
		}
	}
	folderFlows.remove();

	let passed = 0;
	let failed = 0;
	const record = (ok, message) => {
		if (ok) passed += 1;
		else failed += 1;
		n8n.log(message);
	};

	const webhookChecks = [];
	const folderChecks = [];
	const errorWorkflowChecks = [];
	for (const file of files) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		const expectation = expectations[workflow.id];
		const label = `${path.basename(file)} (${workflow.id})`;
		if (!expectation) {
			record(false, `✗ ${label}: no expectation in test/e2e/expectations.js`);
		} else if (expectation.webhook) {
			webhookChecks.push({ workflow, expectation, label });
		} else if (expectation.folder) {
			folderChecks.push({ workflow, expectation, label });
		} else if (expectation.errorWorkflow) {
			errorWorkflowChecks.push({ workflow, expectation, label });
		} else {
			try {
				const { run, seconds, stderr } = await n8n.executeWorkflow(binary, userFolder, workflow.id);
				const result = await expectation.check({
					run,
					sageFolder,
					sageCompany,
					outputs: (node) => {
						const outputs = n8n.nodeOutputs(run, node);
						if (!outputs) {
							throw new Error(`node "${node}" did not run; run error: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`);
						}
						return outputs;
					},
					binaryText: (binaryData) => binaryText(userFolder, binaryData),
				});
				record(true, `✓ ${expectation.name} — ${result} (${seconds.toFixed(1)} s)`);
			} catch (error) {
				record(false, `✗ ${label}: ${error.stack ?? error}`);
			}
			if (expectation.rerun) {
				// The same workflow on the same input again, as a user re-running a file would.
				try {
					const { run, seconds } = await n8n.executeWorkflow(binary, userFolder, workflow.id);
					const result = await expectation.rerun.check({ run, outputs: (node) => n8n.nodeOutputs(run, node) ?? [] });
					record(true, `✓ ${expectation.rerun.name} — ${result} (${seconds.toFixed(1)} s)`);
				} catch (error) {
					record(false, `✗ ${label} / rerun: ${error.stack ?? error}`);
				}
			}
		}
	}

	// LEDGER_BRIDGE_E2E_ONLY=overlap runs the overlapping-runs case (alone, or with the workflows named).
	const overlap = only.length === 0 || only.includes('overlap') ? stageOverlap(binary, userFolder) : undefined;

	if (webhookChecks.length > 0 || folderChecks.length > 0 || errorWorkflowChecks.length > 0 || overlap) {
		// n8n 2 runs only a published error workflow; n8n 1 runs it as saved, and activating it would make it its own error workflow.
		const published = [...webhookChecks, ...folderChecks, ...(n8n.N8N_MAJOR >= 2 ? errorWorkflowChecks : [])];
		for (const { workflow } of published) n8n.publishWorkflow(binary, userFolder, workflow.id);
		let server = await n8n.startServer(binary, userFolder, PORT, { quiet: true });
		try {
			// Folder workflows first: their polls keep running while the webhooks are called, which
			// is the time the "handled once" check afterwards needs.
			let lastHandled = Date.now();
			for (const { workflow, expectation, label } of folderChecks) {
				for (const folderCase of expectation.folder.cases) {
					try {
						const sageBefore = n8n.filesUnder(folderSageFolder);
						const handled = await n8n.runFolderCase(userFolder, workflow.id, { exportFolder, drop: folderCase.drop });
						lastHandled = Date.now();
						const sageFiles = n8n.filesUnder(folderSageFolder).filter((name) => !sageBefore.includes(name));
						const result = await folderCase.check({ ...handled, exportFolder, sageFolder: folderSageFolder, sageFiles });
						record(true, `✓ ${folderCase.name} — ${result} (${handled.seconds.toFixed(1)} s)`);
					} catch (error) {
						record(false, `✗ ${label} / ${folderCase.name}: ${error.stack ?? error}`);
					}
				}
			}
			for (const { workflow, expectation, label } of webhookChecks) {
				// One workflow may be called several times: each call is its own case.
				const calls = Array.isArray(expectation.webhook) ? expectation.webhook : [{ name: expectation.name, check: expectation.check, ...expectation.webhook }];
				const before = (await n8n.executionsOf(userFolder, workflow.id)).length;
				const answered = [];
				for (const call of calls) {
					try {
						const body = call.bodyFile ? n8n.readJson(call.bodyFile) : call.body;
						const response = await n8n.callWebhook(PORT, { ...call, body });
						answered.push(response.status);
						const result = await call.check({ response, userFolder, operaFolder });
						record(true, `✓ ${call.name} — ${result} (${response.seconds.toFixed(1)} s)`);
					} catch (error) {
						record(false, `✗ ${label} / ${call.name}: ${error.stack ?? error}`);
					}
				}
				// A call answered with rejects (422, or 503 when the ledger was out of reach) is a failed
				// execution in the executions list, once the caller has its answer; a clean one a success.
				try {
					const statuses = await n8n.waitFor('the executions to finish', async () => {
						const runs = (await n8n.executionsOf(userFolder, workflow.id)).slice(before);
						return runs.length >= answered.length && runs.every((run) => run.stoppedAt) ? runs.map((run) => run.status) : undefined;
					});
					assert.deepEqual(statuses, answered.map((status) => (status >= 400 ? 'error' : 'success')), `answers ${answered.join(', ')}`);
					record(true, `✓ ${label}: every call answered with rejects is a failed execution, the others succeeded (${statuses.join(', ')})`);
				} catch (error) {
					record(false, `✗ ${label} / execution statuses: ${error.stack ?? error}`);
				}
			}
			if (overlap) {
				try {
					const result = await overlapCase(binary, userFolder, overlap);
					record(true, `✓ ${overlap.name} — ${result}`);
				} catch (error) {
					record(false, `✗ ${overlap.name}: ${error.stack ?? error}`);
				}
			}
			for (const { workflow, expectation, label } of folderChecks) {
				const { afterwards } = expectation.folder;
				if (!afterwards) continue;
				try {
					const quietMs = afterwards.quietSeconds * 1000 - (Date.now() - lastHandled);
					if (quietMs > 0) await new Promise((resolve) => setTimeout(resolve, quietMs));
					const executions = await n8n.executionsOf(userFolder, workflow.id);
					const dropped = expectation.folder.cases.reduce((count, folderCase) => count + folderCase.drop.length, 0);
					const result = await afterwards.check({ executions, dropped, exportFolder });
					record(true, `✓ ${afterwards.name} — ${result}`);
				} catch (error) {
					record(false, `✗ ${label} / ${afterwards.name}: ${error.stack ?? error}`);
				}
			}
			for (const { workflow } of folderChecks) {
				const name = `export folder → Sage: n8n killed (SIGKILL) in the middle of a ${KILLED_INVOICES}-invoice export; after a restart the export is handed out again and every invoice is written once`;
				try {
					const restart = async () => (server = await n8n.startServer(binary, userFolder, PORT, { quiet: true }));
					const result = await killedRunCase(userFolder, workflow.id, { server, restart, exportFolder, sageFolder: folderSageFolder });
					record(true, `✓ ${name} — ${result}`);
				} catch (error) {
					record(false, `✗ ${name}: ${error.stack ?? error}`);
				}
			}
			// Last, once the failed runs above have had their error workflow run.
			for (const { workflow, expectation, label } of errorWorkflowChecks) {
				try {
					const result = await expectation.errorWorkflow.check({ mail, chat, executions: () => n8n.executionsOf(userFolder, workflow.id), waitFor: n8n.waitFor });
					record(true, `✓ ${expectation.errorWorkflow.name} — ${result}`);
				} catch (error) {
					record(false, `✗ ${label}: ${error.stack ?? error}`);
				}
			}
		} finally {
			await n8n.stopServer(server);
		}
	}
	await mail.close();
	await chat.close();

	await Promise.all([exact, connectWise].map(n8n.stopEmulator));
	fs.rmSync(userFolder, { recursive: true, force: true });
	n8n.log(`e2e time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	n8n.log(`e2e: ${passed} passed, ${failed} failed`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

/**
 * Copies of `files` whose Sage nodes use a second sandbox Sage 50 UK company (same data, its own
 * credential and database), so what they post is not what the other samples posted.
 */
async function withOwnSageCompany(binary, userFolder, files) {
	const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-own-company-'));
	const remove = () => fs.rmSync(stage, { recursive: true, force: true });
	if (files.length === 0) return { files, remove };
	require('ts-node').register({ transpileOnly: true });
	const { createSageCompany } = require('../test/fixtures/sageCompany.ts');
	const credential = { id: 'lbSageFolderCo01', name: 'Sage 50 sandbox company for the watched folder (SQLite over ODBC)' };
	const connection = await createSageCompany(path.join(userFolder, 'sage-folder-company.db'));
	const credentialFile = path.join(stage, 'credentials.json');
	fs.writeFileSync(credentialFile, JSON.stringify([{ ...credential, type: 'sageOdbcApi', data: { edition: 'sage50uk', connection, user: 'MANAGER', password: '', dataPath: '' } }]));
	n8n.importCredentials(binary, userFolder, credentialFile);
	const staged = files.map((file) => {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		for (const node of workflow.nodes) if (node.credentials?.sageOdbcApi) node.credentials.sageOdbcApi = credential;
		const copy = path.join(stage, path.basename(file));
		fs.writeFileSync(copy, JSON.stringify(workflow));
		return copy;
	});
	return { files: staged, remove };
}

/** Stands in for a Slack or Teams incoming webhook: keeps every JSON body posted to it. */
async function startChatCatcher() {
	const posts = [];
	const server = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			try {
				posts.push(JSON.parse(body));
			} catch {
				posts.push({ unreadable: body });
			}
			response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}/services/T000/B000/catcher`, posts, close: () => new Promise((resolve) => (server.close(() => resolve()), server.closeAllConnections())) };
}

/**
 * A month-end export whose run is killed with n8n itself (kill -9 while the run reads or writes)
 * stays in the watched folder; the restarted n8n hands it out again once its lease runs out, and
 * the journal sees to it that what the killed run wrote is not written a second time.
 */
async function killedRunCase(userFolder, workflowId, { server, restart, exportFolder, sageFolder }) {
	const before = (await n8n.executionsOf(userFolder, workflowId)).length;
	const sageBefore = n8n.filesUnder(sageFolder);
	const numbers = numbered('KIL', KILLED_INVOICES);
	const exportFile = path.join(exportFolder, 'month-end-invoices.txt');
	const staged = path.join(exportFolder, '.month-end-invoices.txt.partial');
	streamtimeExport(staged, numbers, CUSTOMERS.sage);
	fs.renameSync(staged, exportFile);
	const started = Date.now();
	await n8n.waitFor('the run of the month-end export to start', async () => {
		const runs = (await n8n.executionsOf(userFolder, workflowId)).slice(before);
		return runs.some((run) => run.status === 'running') ? true : undefined;
	}, { timeoutMs: 60_000, intervalMs: 100 });
	// Killed while it writes the Sage import files: its hidden run folder is there, not yet published.
	const writing = () => fs.readdirSync(sageFolder).some((name) => name.endsWith('.ledger-bridge.tmp'));
	await n8n.waitFor('the run to write its import files', async () => (writing() ? true : undefined), { timeoutMs: 120_000, intervalMs: 10 });
	const exited = new Promise((resolve) => server.on('exit', resolve));
	server.kill('SIGKILL');
	await exited;
	const killedAfterMs = Date.now() - started;
	assert.ok(fs.existsSync(exportFile), 'the export is still in the watched folder after the kill');
	await restart();
	let runs = [];
	await n8n.waitFor('the export to be handed out again, moved, and that run to finish', async () => {
		runs = (await n8n.executionsOf(userFolder, workflowId)).slice(before);
		return !fs.existsSync(exportFile) && runs.length >= 2 && runs.at(-1).stoppedAt ? true : undefined;
	}, { timeoutMs: 180_000 });
	const finished = runs.filter((run) => run.status === 'success');
	assert.ok(finished.length >= 1, `a later run finished: ${JSON.stringify(runs)}`);
	assert.ok(runs.length >= 2, `the killed run and the one after the restart: ${JSON.stringify(runs)}`);
	assert.deepEqual(n8n.filesIn(path.join(exportFolder, 'processed')).filter((name) => name.startsWith('month-end-invoices')), ['month-end-invoices.txt'], 'the export ends in processed/');
	const audits = n8n.filesUnder(sageFolder).filter((name) => !sageBefore.includes(name) && /^AUDIT_.*\.csv$/.test(path.basename(name)));
	const written = new Map();
	for (const audit of audits) {
		for (const number of new Set(fs.readFileSync(path.join(sageFolder, audit), 'latin1').match(/KIL-\d{5}/g) ?? [])) written.set(number, (written.get(number) ?? 0) + 1);
	}
	assert.equal(written.size, numbers.length, `every invoice is in an audit-trail file (${written.size} of ${numbers.length})`);
	const twice = [...written].filter(([, files]) => files > 1);
	assert.deepEqual(twice, [], 'no invoice is in two audit-trail files');
	const leftovers = fs.readdirSync(sageFolder).filter((name) => name.endsWith('.tmp'));
	assert.deepEqual(leftovers, [], 'no temporary file or folder of the killed run is left in the import folder');
	return `killed while writing the import files, ${(killedAfterMs / 1000).toFixed(1)} s after the export landed; ${runs.map((run) => run.status).join(' → ')}; ${numbers.length} invoices in ${audits.length} audit-trail file(s), none twice`;
}

const OVERLAP_ID = 'lbOverlapSage01';
const OVERLAP_INVOICES = 1000;

/**
 * The Streamtime → Sage 50 sample, scheduled every second, on an export of its own that is empty
 * until the case starts, writing into an import folder of its own, with the embedded journal:
 * published on the server, while the same workflow is also run by hand from the command line —
 * separate processes, one journal file.
 */
function stageOverlap(binary, userFolder) {
	const workflow = n8n.readJson('workflows/streamtime-to-sage.json');
	workflow.id = OVERLAP_ID;
	workflow.name = 'Ledger Bridge – Streamtime → Sage 50, scheduled every second (overlap test)';
	const exportFile = streamtimeExport(path.join(userFolder, 'overlap-invoices.txt'), [], CUSTOMERS.sage);
	const file = workflow.nodes.find((node) => node.type.endsWith('.streamtimeFile'));
	file.parameters.filePath = exportFile;
	workflow.nodes.push({
		id: '0e7e71a9-0000-4000-8000-000000000001',
		name: 'Every second',
		type: 'n8n-nodes-base.scheduleTrigger',
		typeVersion: 1.2,
		position: [0, 300],
		parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 1 }] } },
	});
	workflow.connections['Every second'] = { main: [[{ node: file.name, type: 'main', index: 0 }]] };
	const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-overlap-'));
	const staged = path.join(stage, 'overlap.json');
	fs.writeFileSync(staged, JSON.stringify(workflow));
	const sageFolder = path.join(userFolder, 'sage-imports-overlap');
	n8n.importWorkflows(binary, userFolder, [staged], { sageFolder });
	fs.rmSync(stage, { recursive: true, force: true });
	n8n.publishWorkflow(binary, userFolder, OVERLAP_ID);
	return {
		name: `regular mode, embedded journal: two manual runs and the runs scheduled every second, all let loose on the same ${OVERLAP_INVOICES} new invoices at the same moment`,
		exportFile,
		sageFolder,
	};
}

/**
 * The moment is made, not hoped for: the test holds the journal's write lock while the export
 * fills and two `n8n execute` processes start; once both have the journal open (and a scheduled
 * run has started), the lock is let go and every run claims at once.
 */
async function overlapCase(binary, userFolder, { exportFile, sageFolder }) {
	const executions = () => n8n.executionsOf(userFolder, OVERLAP_ID);
	const journalFile = path.join(userFolder, '.n8n', 'ledger-bridge', 'posting-journal.sqlite');
	if (!fs.existsSync(journalFile)) {
		// Nothing has posted yet (the export was empty): create the journal as the first run would.
		const { openJournal, closeJournals } = require('../dist/lib/posting/journal/open');
		await openJournal({ kind: 'embedded', file: journalFile });
		await closeJournals();
	}
	const lock = await n8n.holdSqliteWriteLock(journalFile);
	let manual;
	let held = 0;
	let released = false;
	const release = async () => {
		if (!released) await lock.release();
		released = true;
	};
	try {
		const filled = Date.now();
		const staged = `${exportFile}.tmp`;
		streamtimeExport(staged, numbered('OVL', OVERLAP_INVOICES), CUSTOMERS.sage);
		fs.renameSync(staged, exportFile);
		manual = [0, 1].map(() => n8n.executeWorkflowAsync(binary, userFolder, OVERLAP_ID));
		let seen = '';
		await n8n
			.waitFor(
				'both manual runs and a scheduled one to reach the journal',
				async () => {
					const open = manual.map((run) => Boolean(run.pid && n8n.hasFileOpen(run.pid, journalFile)));
					const recent = (await executions()).filter((run) => run.mode === 'trigger' && Date.parse(run.startedAt) >= filled - 1000);
					const scheduled = recent.some((run) => run.status === 'running' && Date.parse(run.startedAt) >= filled);
					seen = `manual runs with the journal open: ${JSON.stringify(open)}; scheduled runs since the export filled: ${recent.map((run) => `${run.startedAt} ${run.status}`).join(', ')}`;
					return open.every(Boolean) && scheduled ? true : undefined;
				},
				{ timeoutMs: 150_000, intervalMs: 100 },
			)
			.catch((error) => {
				throw new Error(`${error.message} (${seen})`);
			});
		held = Date.now() - filled;
	} finally {
		await release();
	}
	const manualRuns = await Promise.all(manual.map((run) => run.result));
	const manualFinished = Date.now();
	await n8n.waitFor('two more scheduled runs', async () => ((await executions()).filter((run) => run.mode === 'trigger' && Date.parse(run.startedAt) > manualFinished && run.status === 'success').length >= 2 ? true : undefined), { timeoutMs: 60_000 });

	const outcomes = manualRuns.map((run) => {
		const outputs = n8n.nodeOutputs(run.run, 'Sage Import');
		if (!outputs) throw new Error(`a manual run did not reach Sage Import: ${JSON.stringify(run.run.data.resultData.error)}`);
		const [posted, duplicates, rejected] = outputs;
		if (posted.length + duplicates.length + rejected.length !== OVERLAP_INVOICES) throw new Error(`a manual run reported ${posted.length + duplicates.length + rejected.length} of ${OVERLAP_INVOICES} invoices`);
		if (rejected.length > 0) throw new Error(`a manual run rejected ${rejected.length} invoices: ${rejected[0].json.message}`);
		const inProgress = duplicates.filter((item) => item.json.status === 'inProgress').length;
		return `${posted.length} written, ${duplicates.length - inProgress} already written${inProgress ? `, ${inProgress} in progress elsewhere` : ''}`;
	});
	const failures = (await executions()).filter((run) => ['error', 'crashed', 'canceled'].includes(run.status));
	if (failures.length > 0) throw new Error(`executions that did not succeed: ${failures.map((run) => `${run.id} ${run.mode} ${run.status}`).join(', ')}`);
	const perFile = n8n
		.filesUnder(sageFolder)
		.filter((name) => /^AUDIT_.*\.csv$/.test(path.basename(name)))
		.map((name) => new Set(fs.readFileSync(path.join(sageFolder, name), 'latin1').match(/OVL-\d{5}/g) ?? []));
	const seen = new Map();
	for (const references of perFile) for (const reference of references) seen.set(reference, (seen.get(reference) ?? 0) + 1);
	const twice = [...seen].filter(([, count]) => count > 1).map(([reference]) => reference);
	if (twice.length > 0) throw new Error(`invoices written into two audit-trail files: ${twice.slice(0, 10).join(', ')} (${twice.length} in all)`);
	if (seen.size !== OVERLAP_INVOICES) throw new Error(`${seen.size} of ${OVERLAP_INVOICES} invoices were written`);
	return `all runs let go after ${(held / 1000).toFixed(1)} s; manual runs: ${outcomes.join('; ')}; ${perFile.length} audit-trail file(s), each invoice in exactly one; later scheduled runs write nothing (the files are not imported yet)`;
}

/** Binary data comes back inline (base64) or as a reference to n8n's file store. */
function binaryText(userFolder, binaryData) {
	if (binaryData.id) {
		const [, relative] = binaryData.id.split(':');
		return fs.readFileSync(path.join(userFolder, '.n8n', 'storage', relative), 'utf8');
	}
	return Buffer.from(binaryData.data, 'base64').toString('utf8');
}

main().catch((error) => {
	n8n.log(`e2e: could not run: ${error.stack ?? error}`);
	n8n.log('e2e: 0 passed, 1 failed');
	process.exit(1);
});

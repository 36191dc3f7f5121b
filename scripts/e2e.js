#!/usr/bin/env node
/**
 * End to end: the built package installed into a real n8n (pinned, cached between runs),
 * every workflow in workflows/ imported and checked against test/e2e/expectations.js.
 * Manually triggered workflows run with `n8n execute`; webhook workflows are published,
 * served by `n8n start`, and called over HTTP with their sample request; folder workflows are
 * published on the same server, and sample exports are saved into their watched folder.
 * Prints "e2e: N passed, N failed".
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const expectations = require('../test/e2e/expectations');

const PORT = Number(process.env.LEDGER_BRIDGE_E2E_PORT || 5690);
const EXACT_PORT = Number(process.env.LEDGER_BRIDGE_E2E_EXACT_PORT || 5712);
const CONNECTWISE_PORT = Number(process.env.LEDGER_BRIDGE_E2E_CONNECTWISE_PORT || 5713);

async function main() {
	const started = Date.now();
	const binary = n8n.ensureN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-e2e-'));
	n8n.installPackage(userFolder);
	// LEDGER_BRIDGE_E2E_ONLY=lbCwSageBatch01,lbExactPayCw01 runs just those workflows (while working on them).
	const only = (process.env.LEDGER_BRIDGE_E2E_ONLY || '').split(',').filter(Boolean);
	const files = n8n.workflowFiles().filter((file) => only.length === 0 || only.includes(JSON.parse(fs.readFileSync(file, 'utf8')).id));
	const operaFolder = path.join(userFolder, 'opera-import');
	const sageFolder = path.join(userFolder, 'sage-imports');
	const exact = await n8n.startExactEmulator(EXACT_PORT);
	const connectWise = await n8n.startConnectWiseEmulator(CONNECTWISE_PORT);
	process.on('exit', () => [exact, connectWise].forEach(n8n.stopEmulator));
	const sageCompany = await n8n.createSandboxCredentials(binary, userFolder, { exactUrl: exact.url, connectWiseUrl: connectWise.url });
	const exportFolder = path.join(userFolder, 'streamtime-exports');
	n8n.importWorkflows(binary, userFolder, files, { operaFolder, sageFolder, streamtimeSamples: exportFolder, exportFolder });

	let passed = 0;
	let failed = 0;
	const record = (ok, message) => {
		if (ok) passed += 1;
		else failed += 1;
		n8n.log(message);
	};

	const webhookChecks = [];
	const folderChecks = [];
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
		} else {
			try {
				const { run, seconds, stderr } = n8n.executeWorkflow(binary, userFolder, workflow.id);
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
					const { run, seconds } = n8n.executeWorkflow(binary, userFolder, workflow.id);
					const result = await expectation.rerun.check({ run, outputs: (node) => n8n.nodeOutputs(run, node) ?? [] });
					record(true, `✓ ${expectation.rerun.name} — ${result} (${seconds.toFixed(1)} s)`);
				} catch (error) {
					record(false, `✗ ${label} / rerun: ${error.stack ?? error}`);
				}
			}
		}
	}

	if (webhookChecks.length > 0 || folderChecks.length > 0) {
		for (const { workflow } of [...webhookChecks, ...folderChecks]) n8n.publishWorkflow(binary, userFolder, workflow.id);
		const server = await n8n.startServer(binary, userFolder, PORT, { quiet: true });
		try {
			// Folder workflows first: their polls keep running while the webhooks are called, which
			// is the time the "handled once" check afterwards needs.
			let lastHandled = Date.now();
			for (const { workflow, expectation, label } of folderChecks) {
				for (const folderCase of expectation.folder.cases) {
					try {
						const sageBefore = n8n.filesUnder(sageFolder);
						const handled = await n8n.runFolderCase(userFolder, workflow.id, { exportFolder, drop: folderCase.drop });
						lastHandled = Date.now();
						const sageFiles = n8n.filesUnder(sageFolder).filter((name) => !sageBefore.includes(name));
						const result = await folderCase.check({ ...handled, exportFolder, sageFolder, sageFiles });
						record(true, `✓ ${folderCase.name} — ${result} (${handled.seconds.toFixed(1)} s)`);
					} catch (error) {
						record(false, `✗ ${label} / ${folderCase.name}: ${error.stack ?? error}`);
					}
				}
			}
			for (const { expectation, label } of webhookChecks) {
				// One workflow may be called several times: each call is its own case.
				const calls = Array.isArray(expectation.webhook) ? expectation.webhook : [{ name: expectation.name, check: expectation.check, ...expectation.webhook }];
				for (const call of calls) {
					try {
						const body = call.bodyFile ? n8n.readJson(call.bodyFile) : call.body;
						const response = await n8n.callWebhook(PORT, { ...call, body });
						const result = await call.check({ response, userFolder, operaFolder });
						record(true, `✓ ${call.name} — ${result} (${response.seconds.toFixed(1)} s)`);
					} catch (error) {
						record(false, `✗ ${label} / ${call.name}: ${error.stack ?? error}`);
					}
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
		} finally {
			await n8n.stopServer(server);
		}
	}

	[exact, connectWise].forEach(n8n.stopEmulator);
	fs.rmSync(userFolder, { recursive: true, force: true });
	n8n.log(`e2e time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	n8n.log(`e2e: ${passed} passed, ${failed} failed`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
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

#!/usr/bin/env node
/**
 * End to end: the built package installed into a real n8n (pinned, cached between runs),
 * every workflow in workflows/ imported and executed with `n8n execute`, and its results
 * checked against test/e2e/expectations.js. Prints "e2e: N passed, N failed".
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const expectations = require('../test/e2e/expectations');

function main() {
	const started = Date.now();
	const binary = n8n.ensureN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-e2e-'));
	n8n.installPackage(userFolder);
	const files = n8n.workflowFiles();
	n8n.importWorkflows(binary, userFolder, files);

	let passed = 0;
	let failed = 0;
	for (const file of files) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		const expectation = expectations[workflow.id];
		const label = `${path.basename(file)} (${workflow.id})`;
		if (!expectation) {
			failed += 1;
			n8n.log(`✗ ${label}: no expectation in test/e2e/expectations.js`);
			continue;
		}
		try {
			const { run, seconds, stderr } = n8n.executeWorkflow(binary, userFolder, workflow.id);
			const result = expectation.check({
				run,
				outputs: (node) => {
					const outputs = n8n.nodeOutputs(run, node);
					if (!outputs) throw new Error(`node "${node}" did not run; run error: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`);
					return outputs;
				},
				binaryText: (binaryData) => binaryText(userFolder, binaryData),
			});
			passed += 1;
			n8n.log(`✓ ${expectation.name} — ${result} (${seconds.toFixed(1)} s)`);
		} catch (error) {
			failed += 1;
			n8n.log(`✗ ${label}: ${error.stack ?? error}`);
		}
	}
	fs.rmSync(userFolder, { recursive: true, force: true });
	n8n.log(`e2e time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	n8n.log(`e2e: ${passed} passed, ${failed} failed`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

/** Binary data comes back inline (base64) or as a reference to n8n's file store. */
function binaryText(userFolder, binaryData) {
	if (binaryData.id) {
		const [, relative] = binaryData.id.split(':');
		const file = path.join(userFolder, '.n8n', 'storage', relative);
		const legacy = path.join(userFolder, '.n8n', 'binaryData', relative);
		return fs.readFileSync(fs.existsSync(file) ? file : legacy, 'utf8');
	}
	return Buffer.from(binaryData.data, 'base64').toString('utf8');
}

main();

/**
 * The package as n8n installs it, on a machine without a working ODBC stack: run by
 * scripts/package-check.js against the packed tarball installed into a fresh folder (without
 * install scripts, as n8n installs community packages; or with them and no compiler), with the
 * driver manager hidden. Every node loads from the installed files; the Sage node stops with
 * ODBC_NOT_INSTALLED and says what to install. The other nodes' engine tests run beside this
 * one against the same installed copy.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { NODES_FROM, nodeWorkflow, runWorkflow } from '../engine/harness';
import { salesInvoice } from '../unit/fixtures';

const installed = process.env.LEDGER_BRIDGE_ENGINE_PACKAGE;

let folder: string;
beforeAll(() => {
	if (!installed) throw new Error('Run by scripts/package-check.js (npm run test:package), which installs the packed package and names it in LEDGER_BRIDGE_ENGINE_PACKAGE.');
	folder = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-no-odbc-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('the nodes are the installed package’s built files', () => {
	expect(NODES_FROM).toBe(installed);
	expect(path.isAbsolute(NODES_FROM)).toBe(true);
});

test.each(['sage50uk', 'sage50us', 'generic', 'sage100fr'])('Sage Import (%s) without the ODBC stack stops before writing anything and says what to install', async (edition) => {
	const imports = path.join(folder, edition);
	// Sage 100 synchronises a project platform's records; the others post documents.
	const parameters = edition === 'sage100fr' ? { operation: 'synchronise' } : { operation: 'post', importFolder: imports };
	const workflow = nodeWorkflow('sageImport', 'Sage Import', [salesInvoice()], parameters);
	workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage' } };
	const result = await runWorkflow(workflow, { sageOdbcApi: { edition, connection: 'DSN=SageLine50v29', user: 'MANAGER', password: 'Hunter2!', companyFile: 'C:\\Sage\\ATELIER.mae' } });
	const error = result.run.data.resultData.runData['Sage Import'][0].error as unknown as { message: string; description?: string };
	expect(error.message).toMatch(/^ODBC_NOT_INSTALLED: the Sage nodes talk to Sage through ODBC, and /);
	expect(error.description).toContain('apt-get install unixodbc unixodbc-dev');
	expect(error.description).toContain('apk add unixodbc unixodbc-dev');
	expect(error.description).toContain('dnf install unixODBC unixODBC-devel');
	expect(error.description).toContain('brew install unixodbc');
	expect(error.description).toContain('npm install odbc@2.6.0');
	expect(JSON.stringify(result.run)).not.toContain('Hunter2!');
	expect(() => readdirSync(imports)).toThrow(/ENOENT/);
	// eslint-disable-next-line no-console
	console.log(`${edition}: ${error.message}`);
});

/**
 * n8n's file-access rules inside the engine, as a user configures them: N8N_RESTRICT_FILE_ACCESS_TO
 * names the folders n8n may use, and n8n's own folder is always off limits. Every node that reads
 * or writes files refuses a path outside them with FILE_ACCESS_BLOCKED before reading or writing
 * anything, and works inside them. (n8n reads the setting once per process: this file sets it
 * before the engine starts.)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-file-access-'));
const allowed = path.join(root, 'srv');
const outside = path.join(root, 'elsewhere');
const userFolder = path.join(root, 'n8n-user');
for (const folder of [allowed, outside, path.join(userFolder, '.n8n')]) mkdirSync(folder, { recursive: true });
process.env.N8N_USER_FOLDER = userFolder;
// The allowed folders include n8n's user folder: n8n's own .n8n inside it stays refused all the same.
process.env.N8N_RESTRICT_FILE_ACCESS_TO = `${allowed};${userFolder}`;

import type { INodeParameters } from 'n8n-workflow';

import { createSageCompany } from '../fixtures/sageCompany';
import { nodeWorkflow, pollTrigger, runWorkflow } from './harness';

afterAll(() => rmSync(root, { recursive: true, force: true }));

const invoice = {
	type: 'salesInvoice',
	header: { number: 'INV-1001', date: '2026-03-31', currency: 'GBP' },
	party: { code: 'ACME01', name: 'Acme Ltd' },
	lines: [{ description: 'Design work', net: '100.00', taxCode: 'T1', taxAmount: '20.00', account: '4000' }],
	totals: { net: '100.00', tax: '20.00', gross: '120.00' },
};
const EXPORT = 'Invoice Number\tInvoice Date\tClient Code\tClient Name\tDescription\tAmount\tTax Code\tTax Amount\tAccount Code\r\nINV-1\t31/03/2026\tacme\tAcme\tDesign\t10.00\tS\t2.00\t4000\r\n';

function folderIn(parent: string, name: string): string {
	const folder = path.join(parent, name);
	mkdirSync(folder, { recursive: true });
	return folder;
}

async function nodeError(nodeType: string, nodeName: string, parameters: INodeParameters, credentials: Record<string, Record<string, unknown>> = {}) {
	const workflow = nodeWorkflow(nodeType, nodeName, [invoice], parameters);
	if (credentials.sageOdbcApi) workflow.nodes[1].credentials = { sageOdbcApi: { id: '1', name: 'Sage' } };
	const result = await runWorkflow(workflow, credentials as never);
	return result.run.data.resultData.runData[nodeName][0].error as unknown as { message: string; description?: string } | undefined;
}

function expectRefused(error: { message: string; description?: string } | undefined, what: string, target: string) {
	expect(error?.message).toBe(`FILE_ACCESS_BLOCKED: n8n may not use ${what} "${target}".`);
	expect(error?.description).toContain('N8N_RESTRICT_FILE_ACCESS_TO');
	expect(error?.description).toContain('Nothing was read or written.');
}

describe('Opera Ledger', () => {
	test('an import folder outside the allowed folders is refused and stays empty; one inside gets the files', async () => {
		const refused = folderIn(outside, 'opera');
		expectRefused(await nodeError('operaLedger', 'Opera Ledger', { format: 'dbf', outputFolder: refused }), 'the import folder', refused);
		expect(readdirSync(refused)).toEqual([]);

		const imports = folderIn(allowed, 'opera');
		const result = await runWorkflow(nodeWorkflow('operaLedger', 'Opera Ledger', [{ ...invoice, lines: [{ ...invoice.lines[0], taxCode: '1', account: 'DESIGN' }] }], { format: 'dbf', outputFolder: imports }));
		const [, , , [summary]] = result.output('Opera Ledger');
		expect((summary.json.files as unknown[]).length).toBeGreaterThan(0);
		expect(readdirSync(imports).length).toBe(1);
	});

	test("a folder inside n8n's own .n8n folder is refused even though the user folder is allowed", async () => {
		const own = folderIn(path.join(userFolder, '.n8n'), 'opera');
		expectRefused(await nodeError('operaLedger', 'Opera Ledger', { format: 'dbf', outputFolder: own }), 'the import folder', own);
		expect(readdirSync(own)).toEqual([]);
	});
});

describe('Sage Import', () => {
	test('an import folder outside the allowed folders is refused before any file is written', async () => {
		const connection = await createSageCompany(path.join(allowed, 'company.db'));
		const refused = folderIn(outside, 'sage');
		expectRefused(
			await nodeError('sageImport', 'Sage Import', { operation: 'post', importFolder: refused }, { sageOdbcApi: { edition: 'sage50uk', connection, user: 'MANAGER', password: '' } }),
			'the import folder',
			refused,
		);
		expect(readdirSync(refused)).toEqual([]);
	});
});

describe('Streamtime File by path', () => {
	test('an export outside is refused, so is a link inside the allowed folder that leads out; one inside is read', async () => {
		const away = path.join(outside, 'june.txt');
		writeFileSync(away, EXPORT);
		expectRefused(await nodeError('streamtimeFile', 'Streamtime File', { source: 'path', filePath: away, type: 'auto' }), 'the Streamtime export', away);
		const link = path.join(allowed, 'june-link.txt');
		symlinkSync(away, link);
		expectRefused(await nodeError('streamtimeFile', 'Streamtime File', { source: 'path', filePath: link, type: 'auto' }), 'the Streamtime export', link);

		const inside = path.join(allowed, 'june.txt');
		writeFileSync(inside, EXPORT);
		const result = await runWorkflow(nodeWorkflow('streamtimeFile', 'Streamtime File', [{}], { source: 'path', filePath: inside, type: 'auto' }));
		const [, , [summary]] = result.output('Streamtime File');
		expect(summary.json.fileName).toBe('june.txt');
	});
});

describe('Import Folder and its trigger', () => {
	test('a move to a folder outside is refused and the export stays where it was', async () => {
		const exports = folderIn(allowed, 'exports');
		const file = path.join(exports, 'june.txt');
		writeFileSync(file, EXPORT);
		const refused = path.join(outside, 'archive');
		expectRefused(await nodeError('importFolder', 'Import Folder', { filePath: file, destination: 'custom', folder: refused }), 'the folder to move the export to', refused);
		expect(existsSync(file)).toBe(true);
		expect(existsSync(refused)).toBe(false);

		await runWorkflow(nodeWorkflow('importFolder', 'Import Folder', [{}], { filePath: file, destination: 'processed' }));
		expect(readdirSync(path.join(exports, 'processed'))).toEqual(['june.txt']);
	});

	test('watching a folder outside is refused; a folder inside gives its finished export', async () => {
		const away = folderIn(outside, 'watched');
		await expect(pollTrigger('importFolderTrigger', { folder: away, pattern: '*.txt', settleSeconds: 0 })).rejects.toThrow(`FILE_ACCESS_BLOCKED: n8n may not use the watched folder "${away}".`);

		const watched = folderIn(allowed, 'watched');
		const file = path.join(watched, 'june.txt');
		writeFileSync(file, EXPORT);
		const minuteAgo = (Date.now() - 60_000) / 1000;
		utimesSync(file, minuteAgo, minuteAgo);
		const first = await pollTrigger('importFolderTrigger', { folder: watched, pattern: '*.txt', settleSeconds: 0 });
		const second = await pollTrigger('importFolderTrigger', { folder: watched, pattern: '*.txt', settleSeconds: 0 }, { staticData: first.staticData });
		expect([...(first.items ?? []), ...(second.items ?? [])].map((item) => item.json.fileName)).toEqual(['june.txt']);
	});
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { nodeWorkflow, pollTrigger, runWorkflow } from './harness';

let folder: string;
beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'import-folder-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const MINUTE_AGO = (Date.now() - 60_000) / 1000;

/** An export file as Streamtime leaves it: finished writing a minute ago. */
function dropExport(name: string, content = 'Invoice Number\tAmount\r\nINV-1\t10.00\r\n', mtime = MINUTE_AGO) {
	const file = path.join(folder, name);
	writeFileSync(file, content);
	utimesSync(file, mtime, mtime);
	return file;
}

const parameters = () => ({ folder, pattern: '*.{txt,tab}', settleSeconds: 10 });

/** Polls like an active workflow: each poll starts from the static data the last one saved. */
async function pollTwice(staticData: IDataObject = {}) {
	const first = await pollTrigger('importFolderTrigger', parameters(), { staticData });
	const second = await pollTrigger('importFolderTrigger', parameters(), { staticData: first.staticData });
	return { first, second };
}

describe('Import Folder Trigger polling inside n8n-core', () => {
	test('a finished export is emitted once, as binary with its path, after two polls saw it unchanged', async () => {
		dropExport('June Invoices.txt');
		const { first, second } = await pollTwice();
		expect(first.items).toBeNull();
		expect(second.items).toHaveLength(1);
		const [item] = second.items!;
		expect(item.json).toMatchObject({ fileName: 'June Invoices.txt', path: path.join(folder, 'June Invoices.txt'), size: 36 });
		expect(item.binary?.data.fileName).toBe('June Invoices.txt');
		const third = await pollTrigger('importFolderTrigger', parameters(), { staticData: second.staticData });
		expect(third.items).toBeNull();
	});

	test('two exports arriving together are both emitted, oldest first; other files are ignored', async () => {
		dropExport('orders.tab', 'PO Number\r\n', MINUTE_AGO - 30);
		dropExport('invoices.TXT');
		dropExport('notes.docx');
		dropExport('.~lock.invoices.txt');
		const { second } = await pollTwice();
		expect(second.items?.map((item) => item.json.fileName)).toEqual(['orders.tab', 'invoices.TXT']);
	});

	test('a file still being written (size changing between polls) waits until it stops growing', async () => {
		const file = dropExport('June Invoices.txt', 'Invoice Number\r\n');
		const first = await pollTrigger('importFolderTrigger', parameters());
		writeFileSync(file, 'Invoice Number\tAmount\r\nINV-1\t10.00\r\nINV-2\t20.00\r\n');
		utimesSync(file, MINUTE_AGO, MINUTE_AGO); // a network copy can keep the old time
		const second = await pollTrigger('importFolderTrigger', parameters(), { staticData: first.staticData });
		expect(second.items).toBeNull();
		const third = await pollTrigger('importFolderTrigger', parameters(), { staticData: second.staticData });
		expect(third.items?.[0].json.size).toBe(49);
	});

	test('a file written seconds ago is not taken until the settle time has passed', async () => {
		dropExport('June Invoices.txt', 'x', Date.now() / 1000);
		const { second } = await pollTwice();
		expect(second.items).toBeNull();
	});

	test('after a restart (static data reloaded from the database) nothing is emitted twice; a new export under the same name is', async () => {
		dropExport('June Invoices.txt');
		const { second } = await pollTwice();
		expect(second.items).toHaveLength(1);
		const restarted = await pollTwice(JSON.parse(JSON.stringify(second.staticData)));
		expect(restarted.first.items).toBeNull();
		expect(restarted.second.items).toBeNull();
		dropExport('June Invoices.txt', 'Invoice Number\tAmount\r\nINV-9\t99.00\r\n', MINUTE_AGO + 5);
		const after = await pollTwice(restarted.second.staticData);
		expect(after.second.items?.map((item) => item.json.fileName)).toEqual(['June Invoices.txt']);
	});

	test('"Fetch test event" in the editor shows the newest file without using it up', async () => {
		dropExport('old.txt', 'a', MINUTE_AGO - 100);
		dropExport('new.txt', 'b');
		const manual = await pollTrigger('importFolderTrigger', parameters(), { mode: 'manual' });
		expect(manual.items?.map((item) => item.json.fileName)).toEqual(['new.txt']);
		expect(manual.staticData).toEqual({});
	});

	test('a folder that does not exist is a clear error naming it', async () => {
		await expect(pollTrigger('importFolderTrigger', { ...parameters(), folder: path.join(folder, 'missing') })).rejects.toThrow(
			`Cannot watch ${path.join(folder, 'missing')}: the folder does not exist.`,
		);
	});
});

describe('Import Folder moving the export after the run', () => {
	test('the export moves to processed/ once, however many documents it held; a same-named file there is kept', async () => {
		const file = dropExport('June Invoices.txt');
		mkdirSync(path.join(folder, 'processed'));
		writeFileSync(path.join(folder, 'processed', 'June Invoices.txt'), 'last year');
		const result = await runWorkflow(
			nodeWorkflow('importFolder', 'Import Folder', [{ n: 1 }, { n: 2 }, { n: 3 }], { filePath: file, destination: 'processed' }),
		);
		const [moved] = result.output('Import Folder');
		expect(moved).toHaveLength(1);
		expect(moved[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(readdirSync(folder).sort()).toEqual(['processed']);
		const names = readdirSync(path.join(folder, 'processed')).sort();
		expect(names).toEqual(['June Invoices.txt', expect.stringMatching(/^June Invoices_\d{8}T\d{6}Z\.txt$/)]);
		expect(readFileSync(path.join(folder, 'processed', 'June Invoices.txt'), 'utf8')).toBe('last year');
		expect(moved[0].json.to).toBe(path.join(folder, 'processed', names[1]));
	});

	test('failed/ is the other destination', async () => {
		const file = dropExport('bad.txt');
		await runWorkflow(nodeWorkflow('importFolder', 'Import Folder', [{}], { filePath: file, destination: 'failed' }));
		expect(readdirSync(path.join(folder, 'failed'))).toEqual(['bad.txt']);
	});
});

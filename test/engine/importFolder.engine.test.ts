import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IConnection, IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { FAILURE_CODES } from '../../lib/report/failureCodes';
import { createSageCompany } from '../fixtures/sageCompany';
import { nodeWorkflow, onCallback, pollTrigger as pollAt, runWorkflow, type WorkflowJson } from './harness';

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

/** Each poll 10 seconds after the one before, as a trigger polling every 10 seconds. */
let clock = Date.now();
const pollTrigger = (...[type, parameters, options = {}]: Parameters<typeof pollAt>) => pollAt(type, parameters, { ...options, nowMs: (clock += 10_000) });

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

	test('with All Ready Files Together, two exports arriving together are emitted in one run, oldest first; other files are ignored', async () => {
		dropExport('orders.tab', 'PO Number\r\n', MINUTE_AGO - 30);
		dropExport('invoices.TXT');
		dropExport('notes.docx');
		dropExport('.~lock.invoices.txt');
		const first = await pollTrigger('importFolderTrigger', { ...parameters(), filesPerRun: 'all' });
		const second = await pollTrigger('importFolderTrigger', { ...parameters(), filesPerRun: 'all' }, { staticData: first.staticData });
		expect(second.items?.map((item) => item.json.fileName)).toEqual(['orders.tab', 'invoices.TXT']);
	});

	test('by default each export gets its own run: exports saved together follow one per poll, oldest first, with no second wait', async () => {
		dropExport('JuneOrders.tab', 'PO Number\r\n', MINUTE_AGO - 30);
		dropExport('June Invoices.txt');
		const { second } = await pollTwice();
		expect(second.items?.map((item) => item.json.fileName)).toEqual(['JuneOrders.tab']);
		const third = await pollTrigger('importFolderTrigger', parameters(), { staticData: second.staticData });
		expect(third.items?.map((item) => item.json.fileName)).toEqual(['June Invoices.txt']);
		const fourth = await pollTrigger('importFolderTrigger', parameters(), { staticData: third.staticData });
		expect(fourth.items).toBeNull();
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
		dropExport('June Invoices.txt', 'x', (clock + 15_000) / 1000);
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

const SAMPLES = path.join(__dirname, '..', '..', 'workflows', 'samples', 'streamtime');
const PACKAGE = 'n8n-nodes-ledger-bridge';

/** A sample export saved into the watched folder. */
function dropSample(name: string): string {
	const file = path.join(folder, name);
	copyFileSync(path.join(SAMPLES, name), file);
	return file;
}

/**
 * The production flow without its trigger and Merge (neither runs in this harness): the
 * export read from its path, mapped for Sage 50 UK, posted to a sandbox company, and the
 * node at the end fed from one chosen output.
 */
async function runFolderFlow(
	file: string,
	end: { from: 'Streamtime File' | 'Ledger Mapping' | 'Sage Import'; output: number | number[] },
	importFolder: INodeParameters = {},
	mapping: INodeParameters = {},
) {
	const company = await createSageCompany(path.join(folder, 'company.db'));
	mkdirSync(path.join(folder, 'sage-imports'));
	const node = (name: string, type: string, parameters: INodeParameters, x: number): INode => ({ id: name, name, type, typeVersion: 1, position: [x, 0], parameters });
	const sage = node('Sage Import', `${PACKAGE}.sageImport`, { operation: 'post', importFolder: path.join(folder, 'sage-imports'), createMissingAccounts: true, maxDocuments: 0 }, 600);
	sage.credentials = { sageOdbcApi: { id: '1', name: 'Sage sandbox company' } };
	const workflow: WorkflowJson = {
		nodes: [
			node('Documents', 'test.testItems', { items: '[{}]' }, 0),
			node('Streamtime File', `${PACKAGE}.streamtimeFile`, { source: 'path', filePath: file, type: 'auto', options: { defaultCurrency: 'GBP' } }, 200),
			node('Ledger Mapping', `${PACKAGE}.ledgerMapping`, {
				targetProfile: 'sage50uk',
				batchMode: 'perDocument',
				mappings: { row: [{ table: 'taxCode', from: 'S', to: 'T1' }, { table: 'taxCode', from: 'Z', to: 'T0' }] },
				documentsField: '',
				...mapping,
			}, 400),
			sage,
			// What each output carries is the subject here; failing the run is tested on its own below.
			node('Import Folder', `${PACKAGE}.importFolder`, { filePath: file, destination: 'outcome', failOnRejection: false, ...importFolder }, 800),
		],
		connections: {
			Documents: { main: [[{ node: 'Streamtime File', type: 'main', index: 0 }]] },
			'Streamtime File': { main: [[{ node: 'Ledger Mapping', type: 'main', index: 0 }]] },
			'Ledger Mapping': { main: [[{ node: 'Sage Import', type: 'main', index: 0 }]] },
		},
	};
	const outputs: IConnection[][] = [[], [], [], []];
	(workflow.connections[end.from]?.main ?? []).forEach((connections, index) => (outputs[index] = [...(connections ?? [])]));
	if (Array.isArray(end.output)) {
		// Several outputs reach Import Folder through one Merge, as in the folder sample.
		workflow.nodes.push(node('Everything the run reported', 'test.testMerge', {}, 700));
		end.output.forEach((output, index) => outputs[output].push({ node: 'Everything the run reported', type: 'main', index }));
		workflow.connections['Everything the run reported'] = { main: [[{ node: 'Import Folder', type: 'main', index: 0 }]] };
	} else {
		outputs[end.output].push({ node: 'Import Folder', type: 'main', index: 0 });
	}
	workflow.connections[end.from] = { main: outputs };
	return await runWorkflow(workflow, { sageOdbcApi: { edition: 'sage50uk', connection: company, user: 'MANAGER', password: '' } });
}

const logOf = (result: Awaited<ReturnType<typeof runFolderFlow>>, node: string, output: number) =>
	result.binaryText(result.output(node)[output].find((item) => item.binary?.importLog)!.binary!.importLog);

describe('Import Folder ending a folder-triggered import', () => {
	test('an export Sage rejected invoices from moves to failed/ with the import log beside it, named after the export', async () => {
		const file = dropSample('june-invoices.txt');
		const result = await runFolderFlow(file, { from: 'Sage Import', output: 3 });
		const [[moved]] = result.output('Import Folder');
		expect(moved.json).toEqual({
			from: file,
			to: path.join(folder, 'failed', 'june-invoices.txt'),
			rejected: true,
			importLog: path.join(folder, 'failed', 'june-invoices.import-log.csv'),
		});
		expect(readdirSync(path.join(folder, 'failed'))).toEqual(['june-invoices.import-log.csv', 'june-invoices.txt']);
		const log = readFileSync(path.join(folder, 'failed', 'june-invoices.import-log.csv'), 'utf8');
		expect(log).toBe(await logOf(result, 'Sage Import', 3));
		expect(log).toMatch(/INV-2045.*SAGE_NOMINAL_MISSING/);
		expect(readdirSync(folder)).not.toContain('june-invoices.txt');
	});

	test('an export whose invoices were all written or already in Sage goes to processed/ with no log; "Always" writes Sage\'s log there too', async () => {
		const file = dropSample('july-invoices.txt');
		const clean = await runFolderFlow(file, { from: 'Sage Import', output: 3 });
		const [[moved]] = clean.output('Import Folder');
		const [posted, duplicates, , [summary]] = clean.output('Sage Import');
		expect([posted.map((item) => item.json.documentNumber), duplicates.map((item) => item.json.documentNumber), summary.json.rejected]).toEqual([
			['INV-3010', 'INV-3011'],
			['INV-0990'],
			0,
		]);
		expect(moved.json).toMatchObject({ to: path.join(folder, 'processed', 'july-invoices.txt'), rejected: false, importLog: null });
		expect(readdirSync(path.join(folder, 'processed'))).toEqual(['july-invoices.txt']);

		rmSync(path.join(folder, 'company.db'));
		rmSync(path.join(folder, 'sage-imports'), { recursive: true });
		dropSample('july-invoices.txt');
		const always = await runFolderFlow(file, { from: 'Sage Import', output: 3 }, { writeImportLog: 'always' });
		const [[second]] = always.output('Import Folder');
		expect(second.json.to).toMatch(/processed[/\\]july-invoices_\d{8}T\d{6}Z\.txt$/);
		expect(second.json.importLog).toBe((second.json.to as string).replace(/\.txt$/, '.import-log.csv'));
		expect(readFileSync(second.json.importLog as string, 'utf8')).toMatch(/^\uFEFFLedger Bridge import log\r\n.*\r\nRejected,0\r\n/s);
	});

	test('documents Ledger Mapping rejects send the export to failed/ with Ledger Mapping\'s log', async () => {
		const file = dropSample('june-invoices.txt');
		// Only T1 is in the table and unmapped tax codes are rejected: the EUR invoice's T4 is not.
		// Rejected and Import Log both lead to Import Folder through a Merge, as in the folder sample.
		const result = await runFolderFlow(file, { from: 'Ledger Mapping', output: [1, 2] }, {}, {
			mappings: { row: [{ table: 'taxCode', from: 'T1', to: 'T1' }] },
			policies: { policy: [{ table: 'taxCode', policy: 'reject' }] },
		});
		const [[moved]] = result.output('Import Folder');
		const [, rejected, log] = result.output('Ledger Mapping');
		expect(rejected.map((item) => [item.json.kind, item.json.documentNumber])).toEqual([['rejected', 'INV-2043']]);
		expect(log.map((item) => [item.json.kind, item.json.fileName])).toEqual([['importLog', expect.stringMatching(/\.csv$/)]]);
		expect(rejected[0].json.failureCodes).toEqual(['TAX_CODE_UNMAPPED']);
		expect(moved.json).toMatchObject({ to: path.join(folder, 'failed', 'june-invoices.txt'), rejected: true });
		expect(readFileSync(moved.json.importLog as string, 'utf8')).toBe(await logOf(result, 'Ledger Mapping', 2));
	});

	test('only Ledger Mapping\'s Rejected output wired to Import Folder: the log beside the export still lists each reject with its code and message', async () => {
		const file = dropSample('june-invoices.txt');
		const result = await runFolderFlow(file, { from: 'Ledger Mapping', output: 1 }, {}, {
			mappings: { row: [{ table: 'taxCode', from: 'T1', to: 'T1' }] },
			policies: { policy: [{ table: 'taxCode', policy: 'reject' }] },
		});
		const [[moved]] = result.output('Import Folder');
		expect(moved.json).toMatchObject({ to: path.join(folder, 'failed', 'june-invoices.txt'), rejected: true });
		const rows = readFileSync(moved.json.importLog as string, 'utf8').split('\r\n');
		expect(rows.slice(0, 2)).toEqual(['\uFEFFDocuments of june-invoices.txt that were rejected', 'Document,Failure code,Field,Message']);
		expect(rows[2]).toBe('sales invoice INV-2043,TAX_CODE_UNMAPPED,lines[0].taxCode,"Sales invoice INV-2043: line 1 tax code ""T4"" is not in the Tax Code mapping table."');
		expect(rows).toContain('FAILURE CODE TABLE');
	});

	test('rows Streamtime File could not read are listed in the log beside the export, ending with the failure code table', async () => {
		const file = dropSample('july-invoices-messy.txt');
		const result = await runFolderFlow(file, { from: 'Streamtime File', output: 1 });
		const [[moved]] = result.output('Import Folder');
		expect(moved.pairedItem).toHaveLength(9);
		expect(moved.json).toMatchObject({ to: path.join(folder, 'failed', 'july-invoices-messy.txt'), rejected: true });
		const log = readFileSync(moved.json.importLog as string, 'utf8').split('\r\n');
		expect(log[0]).toBe('\uFEFFRows of july-invoices-messy.txt that were not imported');
		expect(log[1]).toBe('Line,Document number,Failure code,Column,Message,Row as in the file');
		expect(log.slice(2, 11).map((row) => row.split(',').slice(0, 3).join(','))).toEqual([
			'4,INV-3002,STREAMTIME_DATE_INVALID',
			'5,INV-3002,STREAMTIME_DOCUMENT_INCOMPLETE',
			'6,,STREAMTIME_ROW_MALFORMED',
			'7,INV-3003,STREAMTIME_AMOUNT_INVALID',
			'8,INV-3004,STREAMTIME_ROW_MALFORMED',
			'10,INV-3006,STREAMTIME_DOCUMENT_INCONSISTENT',
			'11,INV-3006,STREAMTIME_DOCUMENT_INCONSISTENT',
			'12,INV-3007,STREAMTIME_ROW_MALFORMED',
			'13,INV-3007,STREAMTIME_ROW_MALFORMED',
		]);
		expect(log.filter((row) => row === 'FAILURE CODE TABLE')).toHaveLength(1);
		for (const code of Object.keys(FAILURE_CODES)) expect(log.slice(log.indexOf('FAILURE CODE TABLE')).some((row) => row.startsWith(`${code},`))).toBe(true);
	});

	test('a file that is not a Streamtime export (Streamtime File set to continue) goes to failed/ with a log saying why', async () => {
		const file = path.join(folder, 'notes.txt');
		writeFileSync(file, 'Name\tPhone\r\nAnn\t123\r\n');
		const workflow = nodeWorkflow('streamtimeFile', 'Streamtime File', [{}], { source: 'path', filePath: file, type: 'auto' });
		workflow.nodes[1].onError = 'continueRegularOutput';
		workflow.nodes.push({ id: '3', name: 'Import Folder', type: `${PACKAGE}.importFolder`, typeVersion: 1, position: [400, 0], parameters: { filePath: file, destination: 'outcome', failOnRejection: false } });
		workflow.connections['Streamtime File'] = { main: [[], [{ node: 'Import Folder', type: 'main', index: 0 }]] };
		const result = await runWorkflow(workflow);
		const [[moved]] = result.output('Import Folder');
		expect(moved.json).toMatchObject({ to: path.join(folder, 'failed', 'notes.txt'), rejected: true });
		const log = readFileSync(moved.json.importLog as string, 'utf8').split('\r\n');
		expect(log[2]).toMatch(/^,,STREAMTIME_TYPE_UNKNOWN,,".*Name.*Phone/);
	});

	test('a run that rejected documents fails once the export is in failed/, naming where it went and each reject with its code', async () => {
		const file = dropSample('june-invoices.txt');
		const result = await runFolderFlow(file, { from: 'Sage Import', output: 2 }, { failOnRejection: true });
		const error = result.run.data.resultData.runData['Import Folder'][0].error!;
		expect(error.message).toBe(
			`june-invoices.txt was moved to ${path.join(folder, 'failed', 'june-invoices.txt')} with its import log ${path.join(folder, 'failed', 'june-invoices.import-log.csv')}. 2 rejected: INV-2043 (FIELD_MANDATORY_MISSING), INV-2045 (SAGE_NOMINAL_MISSING).`,
		);
		expect(result.run.data.resultData.error?.message).toBe(error.message);
		// Only Rejected was wired here, so the log is made from the rejects themselves.
		expect(readdirSync(path.join(folder, 'failed')).sort()).toEqual(['june-invoices.import-log.csv', 'june-invoices.txt']);
	});

	test('a log already in failed/ is never replaced: the new one gets a suffix; "Never" writes none', async () => {
		mkdirSync(path.join(folder, 'failed'));
		writeFileSync(path.join(folder, 'failed', 'june-invoices.import-log.csv'), 'a bookkeeper\'s notes');
		const file = dropSample('june-invoices.txt');
		const result = await runFolderFlow(file, { from: 'Sage Import', output: 3 });
		const [[moved]] = result.output('Import Folder');
		expect(moved.json.importLog).toBe(path.join(folder, 'failed', 'june-invoices.import-log-2.csv'));
		expect(readFileSync(path.join(folder, 'failed', 'june-invoices.import-log.csv'), 'utf8')).toBe('a bookkeeper\'s notes');
		expect(readdirSync(path.join(folder, 'failed')).filter((name) => name.startsWith('.'))).toEqual([]);

		rmSync(path.join(folder, 'company.db'));
		rmSync(path.join(folder, 'sage-imports'), { recursive: true });
		const again = dropSample('june-invoices.txt');
		const never = await runFolderFlow(again, { from: 'Sage Import', output: 3 }, { writeImportLog: 'never' });
		const [[second]] = never.output('Import Folder');
		expect(second.json).toMatchObject({ rejected: true, importLog: null });
		expect(readdirSync(path.join(folder, 'failed')).filter((name) => name.endsWith('.csv'))).toHaveLength(2);
	});
});

describe('an export left behind by a run that failed or died', () => {
	const leased = () => ({ ...parameters(), leaseMinutes: 10, maxAttempts: 3 });
	/** The state as n8n kept it, with the last hand-out's lease made older than it is. */
	const leaseRunOut = (staticData: IDataObject, minutes: number) => {
		const state = (staticData['node:Trigger'] as IDataObject).folderState as { taken: Record<string, { leasedAtMs: number }> };
		for (const taken of Object.values(state.taken)) taken.leasedAtMs -= minutes * 60_000;
		return staticData;
	};

	test('is handed to a new run once the lease runs out, with the same content hash, as attempt 2; after attempt 3 it stays in the folder', async () => {
		dropExport('June Invoices.txt');
		const first = await pollTrigger('importFolderTrigger', leased());
		const second = await pollTrigger('importFolderTrigger', leased(), { staticData: first.staticData });
		expect(second.items?.[0].json).toMatchObject({ fileName: 'June Invoices.txt', attempt: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
		const stillRunning = await pollTrigger('importFolderTrigger', leased(), { staticData: leaseRunOut(second.staticData, 9) });
		expect(stillRunning.items).toBeNull();
		const handedBack = await pollTrigger('importFolderTrigger', leased(), { staticData: leaseRunOut(stillRunning.staticData, 2) });
		expect(handedBack.items?.map((item) => item.json.attempt)).toEqual([2]);
		expect(handedBack.items?.[0].json.sha256).toBe(second.items?.[0].json.sha256);
		const third = await pollTrigger('importFolderTrigger', leased(), { staticData: leaseRunOut(handedBack.staticData, 11) });
		expect(third.items?.map((item) => item.json.attempt)).toEqual([3]);
		const givenUp = await pollTrigger('importFolderTrigger', leased(), { staticData: leaseRunOut(third.staticData, 11) });
		expect(givenUp.items).toBeNull();
		expect(readdirSync(folder)).toEqual(['June Invoices.txt']);
	});
});

describe('Import Folder after the trigger read the export', () => {
	/** Import Folder Trigger → (something mid-run) → Import Folder, as a run started by the trigger. */
	function triggeredRun(midRun: () => void) {
		onCallback('Meanwhile', midRun);
		const node = (name: string, type: string, parameters: INodeParameters, x: number): INode => ({ id: name, name, type, typeVersion: 1, position: [x, 0], parameters });
		return runWorkflow({
			nodes: [
				node('Streamtime export folder', `${PACKAGE}.importFolderTrigger`, { folder, pattern: '*.txt', settleSeconds: 0 }, 0),
				node('Meanwhile', 'test.testCallback', {}, 200),
				node('Import Folder', `${PACKAGE}.importFolder`, { filePath: "={{ $('Streamtime export folder').first().json.path }}", destination: 'processed' }, 400),
			],
			connections: {
				'Streamtime export folder': { main: [[{ node: 'Meanwhile', type: 'main', index: 0 }]] },
				Meanwhile: { main: [[{ node: 'Import Folder', type: 'main', index: 0 }]] },
			},
		});
	}

	test('an export that changed after it was read stays in the watched folder and the run fails with EXPORT_CHANGED_WHILE_IMPORTING naming it', async () => {
		const file = dropExport('june-invoices.txt', 'Invoice Number\tAmount\r\nINV-2042\t10.00\r\n');
		const result = await triggeredRun(() => writeFileSync(file, 'Invoice Number\tAmount\r\nINV-2042\t10.00\r\nINV-2042\t5.00\r\nINV-2044\t7.00\r\n'));
		expect(() => result.output('Import Folder')).toThrow(
			'EXPORT_CHANGED_WHILE_IMPORTING: june-invoices.txt changed after it was read (39 bytes then, 69 now), so it stays in the watched folder.',
		);
		expect(readdirSync(folder)).toEqual(['june-invoices.txt']);
	});

	test('the same size but other bytes is a change too; an unchanged export is moved', async () => {
		const file = dropExport('june-invoices.txt', 'Invoice Number\tAmount\r\nINV-2042\t10.00\r\n');
		const changed = await triggeredRun(() => writeFileSync(file, 'Invoice Number\tAmount\r\nINV-2042\t19.00\r\n'));
		expect(() => changed.output('Import Folder')).toThrow(/^EXPORT_CHANGED_WHILE_IMPORTING: june-invoices.txt changed after it was read \(39 bytes then, 39 now\)/);
		const unchanged = await triggeredRun(() => undefined);
		expect(unchanged.output('Import Folder')[0][0].json).toMatchObject({ from: file, to: path.join(folder, 'processed', 'june-invoices.txt') });
		expect(readdirSync(folder)).toEqual(['processed']);
	});

	test('an export another run already moved is a clear error, not a crash', async () => {
		const file = dropExport('june-invoices.txt');
		const result = await triggeredRun(() => rmSync(file));
		expect(() => result.output('Import Folder')).toThrow(`EXPORT_ALREADY_MOVED: june-invoices.txt is no longer in ${folder}, so it was not moved.`);
	});
});

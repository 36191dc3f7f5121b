/**
 * Large exports through n8n: Streamtime File → Ledger Mapping → Sage Import with the documents
 * in one document file (JSON lines) instead of one item each. Every document still ends up
 * posted, a duplicate, or rejected with its reason, and a rerun posts nothing twice.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { createSageCompany } from '../fixtures/sageCompany';
import { runWorkflow, type RunResult, type WorkflowJson } from './harness';

const PACKAGE = 'n8n-nodes-ledger-bridge';

let folder: string;
let companyConnection: string;
beforeEach(async () => {
	folder = mkdtempSync(path.join(tmpdir(), 'document-file-'));
	companyConnection = await createSageCompany(path.join(folder, 'company.db'));
	mkdirSync(path.join(folder, 'imports'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const HEADINGS = ['Invoice Number', 'Invoice Date', 'Client Code', 'Client Name', 'Description', 'Amount', 'Tax Code', 'Tax Amount', 'Account Code'];

/** Four invoices: one with a date that does not exist, one with a tax code nobody mapped. */
function writeExport(rows = [
	['INV-1001', '31/03/2026', 'ACME01', 'Acme Ltd', 'Design', '1,200.00', 'S', '240.00', '4000'],
	['INV-1001', '31/03/2026', 'ACME01', 'Acme Ltd', 'Print', '350.00', 'S', '70.00', '4010'],
	['INV-1002', '31/02/2026', 'GLOB01', 'Globex Corporation', 'Consulting', '500.00', 'S', '100.00', '4000'],
	['INV-1003', '01/04/2026', 'GLOB01', 'Globex Corporation', 'Hosting', '99.99', 'S', '20.00', '4000'],
	['INV-1004', '01/04/2026', 'GLOB01', 'Globex Corporation', 'Postage', '10.00', 'X', '2.00', '4010'],
]): string {
	const file = path.join(folder, 'June Invoices.txt');
	writeFileSync(file, [HEADINGS, ...rows].map((row) => row.join('\t')).join('\r\n') + '\r\n', 'latin1');
	return file;
}

function chain(file: string, streamtime: INodeParameters): WorkflowJson {
	const node = (id: string, name: string, type: string, parameters: INodeParameters, x: number) => ({ id, name, type, typeVersion: 1, position: [x, 0] as [number, number], parameters });
	const sage = node('4', 'Sage Import', `${PACKAGE}.sageImport`, { operation: 'post', importFolder: path.join(folder, 'imports') }, 600);
	return {
		nodes: [
			node('1', 'Start', 'test.testItems', { items: '[{}]' }, 0),
			node('2', 'Streamtime File', `${PACKAGE}.streamtimeFile`, { source: 'path', filePath: file, type: 'auto', ...streamtime }, 200),
			node('3', 'Ledger Mapping', `${PACKAGE}.ledgerMapping`, { targetProfile: 'sage50uk', batchMode: 'perDocument', mappings: { row: [{ table: 'taxCode', from: 'S', to: 'T1' }] } }, 400),
			{ ...sage, credentials: { sageOdbcApi: { id: '1', name: 'Sage test company' } } },
		],
		connections: {
			Start: { main: [[{ node: 'Streamtime File', type: 'main', index: 0 }]] },
			'Streamtime File': { main: [[{ node: 'Ledger Mapping', type: 'main', index: 0 }]] },
			'Ledger Mapping': { main: [[{ node: 'Sage Import', type: 'main', index: 0 }]] },
		},
	};
}

async function run(file: string, streamtime: INodeParameters): Promise<RunResult> {
	const result = await runWorkflow(chain(file, streamtime), { sageOdbcApi: { edition: 'sage50uk', connection: companyConnection, user: 'MANAGER', password: '' } });
	for (const [name, [node]] of Object.entries(result.run.data.resultData.runData)) {
		if (node.error) throw new Error(`${name}: ${node.error.message} ${node.error.description ?? ''}`);
	}
	return result;
}

async function jsonLines(result: RunResult, item: INodeExecutionData): Promise<IDataObject[]> {
	const text = await result.binaryText(item.binary!.documents as IBinaryData);
	return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as IDataObject);
}

const numbers = (documents: IDataObject[]) => documents.map((document) => (document.header as { number: string } | undefined)?.number ?? document.documentNumber);

describe('a document file through Streamtime File, Ledger Mapping and Sage Import', () => {
	test('the documents travel as one item each step, every one is posted or rejected with its reason, and a rerun posts nothing twice', async () => {
		const file = writeExport();
		const result = await run(file, { output: 'file' });

		const [fileItems, rejectedRows, [readSummary]] = result.output('Streamtime File');
		expect(fileItems.map((item) => item.json)).toEqual([{ kind: 'documentFile', documents: 3, fileName: 'June Invoices.txt', documentFile: 'June Invoices.documents.jsonl' }]);
		expect(fileItems[0].binary!.documents).toMatchObject({ fileName: 'June Invoices.documents.jsonl', mimeType: 'application/x-ndjson' });
		expect(rejectedRows.map((item) => [item.json.line, item.json.code])).toEqual([[4, 'STREAMTIME_DATE_INVALID']]);
		expect(readSummary.json).toMatchObject({ documentCount: 3, rejectedCount: 1, output: 'documentFile' });

		// The file holds exactly the documents the items would have been.
		const asItems = await runWorkflow({ ...chain(file, { output: 'items' }), connections: { Start: { main: [[{ node: 'Streamtime File', type: 'main', index: 0 }]] } } });
		expect(await jsonLines(result, fileItems[0])).toEqual(asItems.output('Streamtime File')[0].map((item) => item.json));

		const [validItems, mappingRejects] = result.output('Ledger Mapping');
		expect(validItems.map((item) => item.json)).toEqual([{ kind: 'documentFile', documents: 2 }]);
		expect(numbers(await jsonLines(result, validItems[0]))).toEqual(['INV-1001', 'INV-1003']);
		expect(mappingRejects.map((item) => [item.json.documentNumber, item.json.failureCodes])).toEqual([['INV-1004', ['TAX_CODE_NOT_ALLOWED']]]);

		const [posted, duplicates, rejected, [summary]] = result.output('Sage Import');
		expect(posted.map((item) => item.json)).toEqual([{ kind: 'postedFile', documents: 2 }]);
		expect((await jsonLines(result, posted[0])).map((outcome) => [outcome.documentNumber, outcome.status])).toEqual([
			['INV-1001', 'written'],
			['INV-1003', 'written'],
		]);
		expect(duplicates).toEqual([]);
		expect(rejected).toEqual([]);
		expect(summary.json).toMatchObject({ documents: 2, imported: 2, duplicates: 0, rejected: 0 });
		const [run1] = readdirSync(path.join(folder, 'imports'));
		const auditTrail = readdirSync(path.join(folder, 'imports', run1)).find((name) => name.startsWith('AUDIT'))!;
		const rows = readFileSync(path.join(folder, 'imports', run1, auditTrail), 'latin1').trim().split('\r\n').slice(1);
		expect(rows.map((row) => row.split(',')[5])).toEqual(['INV-1001', 'INV-1001', 'INV-1003']);

		const again = await run(file, { output: 'file' });
		const [postedAgain, duplicatesAgain] = again.output('Sage Import');
		expect(postedAgain).toEqual([]);
		expect(duplicatesAgain.map((item) => item.json)).toEqual([{ kind: 'duplicatesFile', documents: 2 }]);
		expect((await jsonLines(again, duplicatesAgain[0])).map((outcome) => [outcome.documentNumber, outcome.status])).toEqual([
			['INV-1001', 'duplicate'],
			['INV-1003', 'duplicate'],
		]);
		expect(readdirSync(path.join(folder, 'imports'))).toEqual([run1]);
	});

	test('"Items, or a Document File" gives items for a small export and a document file past the limit', async () => {
		const file = writeExport();
		const small = await run(file, { output: 'auto', documentFileAbove: 3 });
		expect(numbers(small.output('Streamtime File')[0].map((item) => item.json))).toEqual(['INV-1001', 'INV-1003', 'INV-1004']);
		expect(small.output('Sage Import')[0].map((item) => item.json.documentNumber)).toEqual(['INV-1001', 'INV-1003']);

		rmSync(path.join(folder, 'company.db'));
		companyConnection = await createSageCompany(path.join(folder, 'company-2.db'));
		const large = await run(file, { output: 'auto', documentFileAbove: 2 });
		expect(large.output('Streamtime File')[0].map((item) => item.json.kind)).toEqual(['documentFile']);
		expect(large.output('Sage Import')[0].map((item) => item.json)).toEqual([{ kind: 'postedFile', documents: 2 }]);
	});

	test("a re-sorted export whose invoice's lines are apart still gives the whole invoice in the file", async () => {
		const file = writeExport([
			['INV-1001', '31/03/2026', 'ACME01', 'Acme Ltd', 'Design', '1,200.00', 'S', '240.00', '4000'],
			['INV-1003', '01/04/2026', 'GLOB01', 'Globex Corporation', 'Hosting', '99.99', 'S', '20.00', '4000'],
			['INV-1001', '31/03/2026', 'ACME01', 'Acme Ltd', 'Print', '350.00', 'S', '70.00', '4010'],
		]);
		const result = await run(file, { output: 'file' });
		const [[fileItem]] = result.output('Streamtime File');
		const documents = await jsonLines(result, fileItem);
		expect(documents.map((document) => [numbers([document])[0], (document.totals as { gross: string }).gross])).toEqual(
			expect.arrayContaining([
				['INV-1001', '1860.00'],
				['INV-1003', '119.99'],
			]),
		);
		expect(documents).toHaveLength(2);
		expect(result.output('Sage Import')[3][0].json).toMatchObject({ imported: 2 });
	});
});

describe('two runs of the same document file at once', () => {
	test('a manual run overlapping the schedule: every invoice is in exactly one AUDIT file, and each run reports all 60 as posted or a duplicate', async () => {
		const invoiceNumbers = Array.from({ length: 60 }, (_, index) => `INV-${3000 + index}`);
		const file = writeExport(invoiceNumbers.flatMap((number) => [
			[number, '31/03/2026', 'ACME01', 'Acme Ltd', 'Design', '100.00', 'S', '20.00', '4000'],
			[number, '31/03/2026', 'ACME01', 'Acme Ltd', 'Print', '10.00', 'S', '2.00', '4010'],
		]));
		const runs = await Promise.all([run(file, { output: 'file' }), run(file, { output: 'file' })]);

		const reported = await Promise.all(runs.map(async (result) => {
			const [posted, duplicates, rejected, [summary]] = result.output('Sage Import');
			const outcomes = [...posted, ...duplicates].map((item) => jsonLines(result, item));
			expect(rejected).toEqual([]);
			expect(summary.json).toMatchObject({ documents: 60 });
			return (await Promise.all(outcomes)).flat().map((outcome) => [outcome.documentNumber, outcome.status] as const);
		}));
		for (const outcomes of reported) expect(outcomes.map(([number]) => number).sort()).toEqual(invoiceNumbers);
		const written = reported.flat().filter(([, status]) => status === 'written').map(([number]) => number);
		expect(written.sort()).toEqual(invoiceNumbers);

		const audited = readdirSync(path.join(folder, 'imports')).flatMap((runFolder) =>
			readdirSync(path.join(folder, 'imports', runFolder))
				.filter((name) => name.startsWith('AUDIT'))
				.flatMap((name) => readFileSync(path.join(folder, 'imports', runFolder, name), 'latin1').trim().split('\r\n').slice(1).map((row) => row.split(',')[5])),
		);
		expect(audited.filter((_, index) => index % 2 === 0).sort()).toEqual(invoiceNumbers);
		expect(audited).toHaveLength(120);
	});
});

describe('Ledger Mapping reads large document files a chunk at a time', () => {
	test('two exports, 2,500 invoices: an invoice of the second that the first already had is the run\'s duplicate, and every other invoice is valid or rejected with its reason', async () => {
		const row = (number: string, taxCode = 'S') => [number, '31/03/2026', 'ACME01', 'Acme Ltd', 'Design', '100.00', taxCode, '20.00', '4000'];
		const first = Array.from({ length: 1_500 }, (_, index) => row(`INV-${10_000 + index}`, index === 1_200 ? 'X' : 'S'));
		const second = Array.from({ length: 1_000 }, (_, index) => row(index === 400 ? 'INV-10500' : `INV-${11_500 + index}`));
		const files = [writeExport(first), path.join(folder, 'July Invoices.txt')];
		writeFileSync(files[1], [HEADINGS, ...second].map((cells) => cells.join('\t')).join('\r\n') + '\r\n', 'latin1');
		const workflow = chain('={{ $json.file }}', { output: 'file' });
		workflow.nodes[0].parameters = { items: JSON.stringify(files.map((file) => ({ file }))) };
		const result = await runWorkflow(workflow, { sageOdbcApi: { edition: 'sage50uk', connection: companyConnection, user: 'MANAGER', password: '' } });

		expect(result.output('Streamtime File')[0].map((item) => item.json.documents)).toEqual([1_500, 1_000]);
		const [[valid], rejected, [log]] = result.output('Ledger Mapping');
		expect(valid.json).toMatchObject({ kind: 'documentFile', documents: 2_498 });
		const written = numbers(await jsonLines(result, valid));
		expect(new Set(written).size).toBe(2_498);
		expect(written).not.toContain('INV-11200');
		expect(rejected.map((item) => [item.json.documentNumber, item.json.failureCodes])).toEqual([
			['INV-11200', ['TAX_CODE_NOT_ALLOWED']],
			['INV-10500', ['DUPLICATE_IN_BATCH']],
		]);
		expect(rejected[1].json.message).toContain('items 501 and 1901');
		expect(rejected[1].pairedItem).toEqual({ item: 1 });
		expect(log.json).toMatchObject({ documents: 2_500, valid: 2_498, rejected: 2 });
	});
});

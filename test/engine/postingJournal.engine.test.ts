import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { nodeWorkflow, runWorkflow, type WorkflowJson } from './harness';

const invoice = (number: string, net = '100.00') => ({
	type: 'salesInvoice',
	header: { number, date: '2026-03-31', currency: 'GBP' },
	party: { code: 'ACME01', name: 'Acme Ltd' },
	lines: [{ description: 'Design', net, taxCode: '1', taxAmount: (Number(net) / 5).toFixed(2), account: 'DESIGN' }],
	totals: { net, tax: (Number(net) / 5).toFixed(2), gross: (Number(net) * 1.2).toFixed(2) },
});

let folder: string;
beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'journal-engine-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function writeForOpera(documents: unknown[]) {
	const result = await runWorkflow(nodeWorkflow('operaLedger', 'Opera Ledger', documents, { format: 'dbf', outputFolder: folder }));
	const [posted, duplicates, rejected] = result.output('Opera Ledger');
	return { posted, duplicates, rejected };
}

async function find(parameters: INodeParameters) {
	const result = await runWorkflow(nodeWorkflow('postingJournal', 'Posting Journal', [{}], { operation: 'find', ...parameters }));
	return result.output('Posting Journal')[0];
}

/** Find Documents, then Forget Documents on what it found: how a user wires it in the editor. */
function findThenForget(documentNumber: string): WorkflowJson {
	const workflow = nodeWorkflow('postingJournal', 'Find', [{}], { operation: 'find', documentNumber });
	workflow.nodes.push({ id: '3', name: 'Forget', type: 'n8n-nodes-ledger-bridge.postingJournal', typeVersion: 1, position: [400, 0], parameters: { operation: 'forget' } });
	workflow.connections.Find = { main: [[{ node: 'Forget', type: 'main', index: 0 }]] };
	return workflow;
}

describe('Posting Journal node inside the n8n engine', () => {
	test('Find Documents says where a written invoice is, when and by which execution; an unknown number finds nothing', async () => {
		await writeForOpera([invoice('JRN-1001'), invoice('JRN-1002')]);
		const [found, ...more] = await find({ documentNumber: 'jrn-1001' });
		expect(more).toEqual([]);
		expect(found.json).toMatchObject({ document: 'sales invoice JRN-1001', documentNumber: 'JRN-1001', accountCode: 'ACME01', state: 'written', target: 'Opera 3', executionId: 'test-execution', system: 'opera3' });
		expect(found.json.message).toMatch(/^Sales invoice JRN-1001 was written for Opera 3 on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, by execution test-execution\.$/);
		expect(String((found.json.reference as { folder: string }).folder)).toContain(folder);
		expect(await find({ documentNumber: 'JRN-9999' })).toEqual([]);
		const written = await find({ system: 'opera3', states: ['written'], limit: 10_000 });
		expect(written.map((item) => item.json.documentNumber)).toEqual(expect.arrayContaining(['JRN-1001', 'JRN-1002']));
		expect(await find({ system: 'exactOnline', documentNumber: 'JRN-1001' })).toEqual([]);
	});

	test('a rejected document is found with its failure codes, and is written once corrected', async () => {
		// Opera's own check (a reference wider than ST_CUSREF): the document was claimed, then turned away.
		const bad = { ...invoice('JRN-2001'), header: { ...invoice('JRN-2001').header, reference: 'PURCHASE ORDER 2026-03-31 FOR THE SPRING CAMPAIGN' } };
		const first = await writeForOpera([bad]);
		expect(first.rejected).toHaveLength(1);
		const [found] = await find({ documentNumber: 'JRN-2001' });
		expect(found.json.state).toBe('rejected');
		expect(found.json.failureCodes).toEqual(first.rejected[0].json.failureCodes);
		expect(found.json.message).toMatch(/^Sales invoice JRN-2001 was rejected by Opera 3 on .*: /);
		expect((await writeForOpera([invoice('JRN-2001')])).posted).toHaveLength(1);
	});

	test('forgetting a written invoice (its import file thrown away) lets the next run write it again; forgetting twice says there is nothing to forget', async () => {
		await writeForOpera([invoice('JRN-3001')]);
		expect((await writeForOpera([invoice('JRN-3001')])).duplicates).toHaveLength(1);
		for (const runFolder of readdirSync(folder)) rmSync(path.join(folder, runFolder), { recursive: true });
		const forgot = (await runWorkflow(findThenForget('JRN-3001'))).output('Forget')[0];
		expect(forgot.map((item) => [item.json.status, item.json.identity])).toEqual([['forgotten', 'sales:salesInvoice|JRN-3001']]);
		expect(forgot[0].json.message).toMatch(/no longer in the posting journal for Opera 3: the next run sends it to Opera 3 again/);
		const again = await writeForOpera([invoice('JRN-3001')]);
		expect(again.posted.map((item) => item.json.documentNumber)).toEqual(['JRN-3001']);
		expect(readdirSync(folder)).toHaveLength(1);
		// Items from elsewhere feed the same fields; an identity the journal does not hold there is said so.
		const forget = await runWorkflow(nodeWorkflow('postingJournal', 'Forget', [{ system: 'opera3', scope: 'import folder /nowhere', identity: 'sales:salesInvoice|JRN-3001' }], { operation: 'forget' }));
		expect(forget.output('Forget')[0].map((item) => [item.json.status, item.json.message])).toEqual([
			['notInJournal', 'sales:salesInvoice|JRN-3001 is not in the posting journal for Opera 3 (import folder /nowhere); nothing to forget.'],
		]);
	});

	test('Forget Documents without the fields of a Find Documents item stops with the reason', async () => {
		const result = await runWorkflow(nodeWorkflow('postingJournal', 'Forget', [{ unrelated: true }], { operation: 'forget' }));
		expect(result.run.data.resultData.error?.message).toBe('Item 1 does not say which document to forget.');
		expect((result.run.data.resultData.error as { description?: string }).description).toMatch(/connect Find Documents before Forget Documents/);
	});
});

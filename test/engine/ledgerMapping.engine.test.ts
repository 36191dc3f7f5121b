import type { INodeParameters } from 'n8n-workflow';

import { mappingWorkflow, runWorkflow, type WorkflowJson } from './harness';

const invoice = (number: string, overrides: Record<string, unknown> = {}) => ({
	type: 'salesInvoice',
	header: { number, date: '2026-03-31', currency: 'GBP', source: { system: 'streamtime', id: number } },
	party: { code: 'acme', name: 'Acme Ltd' },
	lines: [{ description: 'Design work', net: '100.00', taxCode: 'S', taxAmount: '20.00', account: 'Design' }],
	totals: { net: '100.00', tax: '20.00', gross: '120.00' },
	...overrides,
});

const tablesAndPolicies: INodeParameters = {
	targetProfile: 'generic',
	batchMode: 'perDocument',
	mappings: {
		row: [
			{ table: 'customerCode', from: 'acme', to: 'ACME01' },
			{ table: 'account', from: 'Design', to: '4000' },
			{ table: 'taxCode', from: 'S', to: 'T1' },
		],
	},
	policies: { policy: [{ table: 'taxCode', policy: 'reject' }] },
};

async function runMapping(documents: unknown[], parameters: INodeParameters = tablesAndPolicies) {
	const result = await runWorkflow(mappingWorkflow(documents, parameters));
	const [valid, rejected, logs] = result.output('Ledger Mapping');
	return { result, valid, rejected, logs, documents: rejected.filter((item) => item.json.kind === 'rejected') };
}

describe('Ledger Mapping inside the n8n engine', () => {
	test('valid documents leave by the Valid output mapped, each paired with its input item', async () => {
		const { valid, rejected } = await runMapping([invoice('INV-1001'), invoice('INV-1002')]);
		expect(rejected).toHaveLength(0);
		expect(valid.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(valid[0].json).toMatchObject({
			party: { code: 'ACME01' },
			lines: [{ account: '4000', taxCode: 'T1' }],
			report: { mapped: expect.arrayContaining([{ table: 'customerCode', field: 'party.code', from: 'acme', to: 'ACME01', how: 'mapped' }]) },
		});
	});

	test('an invoice with an unmapped tax code goes to Rejected with TAX_CODE_UNMAPPED; the others still pass', async () => {
		const bad = invoice('INV-1002', {
			lines: [{ description: 'Consulting', net: '100.00', taxCode: 'X', taxAmount: '20.00', account: 'Design' }],
		});
		const { valid, documents } = await runMapping([invoice('INV-1001'), bad, invoice('INV-1003')]);
		expect(valid.map((item) => item.json.header)).toEqual([
			expect.objectContaining({ number: 'INV-1001' }),
			expect.objectContaining({ number: 'INV-1003' }),
		]);
		expect(documents).toHaveLength(1);
		expect(documents[0].pairedItem).toEqual({ item: 1 });
		expect(documents[0].json).toMatchObject({
			kind: 'rejected',
			documentNumber: 'INV-1002',
			failureCodes: ['TAX_CODE_UNMAPPED'],
			failures: [{ code: 'TAX_CODE_UNMAPPED', field: 'lines[0].taxCode' }],
		});
		expect(documents[0].json.message).toContain('Sales invoice INV-1002: line 1 tax code "X"');
		// Nothing is lost: the rejected item carries the document exactly as it came in, as JSON text.
		expect(JSON.parse(documents[0].json.inputJson as string)).toEqual(bad);
	});

	test('the import log is a CSV binary on its own output, listing the reject and the failure-code table; Rejected holds only the reject', async () => {
		const { result, rejected, logs } = await runMapping([invoice('INV-1001'), invoice('INV-1002', { party: { name: 'No Code Ltd' } })]);
		expect(rejected.map((item) => item.json.kind)).toEqual(['rejected']);
		expect(logs).toHaveLength(1);
		const [log] = logs;
		expect(log?.json).toMatchObject({ kind: 'importLog', documents: 2, valid: 1, rejected: 1 });
		expect(log?.pairedItem).toEqual([{ item: 1 }]);
		expect(log?.binary?.importLog.mimeType).toBe('text/csv');
		expect(log?.binary?.importLog.fileName).toMatch(/^ledger-bridge-import-log-.*\.csv$/);
		const csv = await result.binaryText(log!.binary!.importLog);
		const rows = csv.split('\r\n');
		expect(rows).toContain('2,sales invoice,INV-1002,,No Code Ltd,streamtime INV-1002,CUSTOMER_CODE_MISSING,party.code,Sales invoice INV-1002: customer account code is empty; Generic Ledger (No Length Limits) requires it.');
		expect(rows.indexOf('FAILURE CODE TABLE')).toBeGreaterThan(rows.findIndex((row) => row.includes('INV-1002')));
	});

	test('no import log item when nothing is rejected, or when the log is switched off', async () => {
		const clean = await runMapping([invoice('INV-1001')]);
		expect([clean.rejected, clean.logs]).toEqual([[], []]);
		const off = await runMapping([invoice('INV-1002', { party: { name: 'x' } })], {
			...tablesAndPolicies,
			options: { importLog: false },
		});
		expect(off.rejected).toHaveLength(1);
		expect(off.logs).toEqual([]);
	});

	test('whole-batch mode: one rejected invoice stops the batch and nothing reaches Valid', async () => {
		const { valid, documents } = await runMapping(
			[invoice('INV-1001'), invoice('INV-1002', { totals: { net: '100.00', tax: '20.00', gross: '121.00' } }), invoice('INV-1003')],
			{ ...tablesAndPolicies, batchMode: 'wholeBatch' },
		);
		expect(valid).toHaveLength(0);
		expect(documents.map((item) => [item.json.documentNumber, item.json.failureCodes])).toEqual([
			['INV-1001', ['BATCH_STOPPED']],
			['INV-1002', ['TOTALS_GROSS_MISMATCH']],
			['INV-1003', ['BATCH_STOPPED']],
		]);
		expect(documents[0].json.message).toContain('sales invoice INV-1002 was rejected');
		expect(documents.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('documents inside a webhook body list are read one by one and paired with the webhook item', async () => {
		const webhookItem = { headers: {}, body: [invoice('INV-1001'), invoice('INV-1002'), { type: 'nonsense' }] };
		const { valid, documents } = await runMapping([webhookItem], { ...tablesAndPolicies, documentsField: 'body' });
		expect(valid).toHaveLength(2);
		expect(documents).toHaveLength(1);
		expect(documents[0].json.failureCodes).toEqual(['DOCUMENT_TYPE_UNKNOWN']);
		expect([...valid, ...documents].every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	test('mapping tables can be fed from a previous node by an expression', async () => {
		const workflow = mappingWorkflow([invoice('INV-1001', { lines: [{ net: '100.00', taxCode: 'Z', taxAmount: '20.00', account: '4000' }] })], {
			targetProfile: 'generic',
			batchMode: 'perDocument',
			mappingTablesJson: "={{ $('Sage tables').first().json }}",
		});
		const withTables: WorkflowJson = {
			nodes: [
				{
					id: '0',
					name: 'Sage tables',
					type: 'test.testItems',
					typeVersion: 1,
					position: [-200, 0],
					parameters: { items: JSON.stringify([{ taxCode: { Z: 'T0' }, customerCode: [{ from: 'acme', to: 'ACME01' }] }]) },
				},
				...workflow.nodes,
			],
			connections: { ...workflow.connections, 'Sage tables': { main: [[{ node: 'Documents', type: 'main', index: 0 }]] } },
		};
		const result = await runWorkflow(withTables);
		const [valid] = result.output('Ledger Mapping');
		expect(valid[0].json).toMatchObject({ party: { code: 'ACME01' }, lines: [{ taxCode: 'T0' }] });
	});

	test('a broken custom profile stops the node with a message naming the setting', async () => {
		const result = await runWorkflow(
			mappingWorkflow([invoice('INV-1001')], { targetProfile: 'custom', customProfile: '{"fields": [{"maxLength": 8}]}', batchMode: 'perDocument' }),
		);
		expect(result.run.status).toBe('error');
		const error = result.run.data.resultData.runData['Ledger Mapping'][0].error;
		expect(error?.message).toBe('Custom Profile field 1 has no "path".');
		expect(error?.description).toContain('no document was processed');
	});

	test('with "continue on fail" a settings error becomes an item on the Rejected output', async () => {
		const workflow = mappingWorkflow([invoice('INV-1001'), invoice('INV-1002')], {
			targetProfile: 'generic',
			batchMode: 'perDocument',
			mappingTablesJson: '{"taxCodes": {"S": "T1"}}',
		});
		workflow.nodes[1].onError = 'continueRegularOutput';
		const result = await runWorkflow(workflow);
		expect(result.run.status).toBe('success');
		const [valid, rejected] = result.output('Ledger Mapping');
		expect(valid).toHaveLength(0);
		expect(rejected).toHaveLength(1);
		expect(rejected[0].json.error).toContain('"taxCodes" is not a mapping table');
		expect(rejected[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a custom profile shortens over-long text and reports it on the item; the input is untouched', async () => {
		const long = 'Brand design work for the spring campaign, including three rounds of amends';
		const document = invoice('INV-1001', {
			lines: [{ description: `${long}\r\nSee PO *77*`, net: '100.00', taxCode: 'T1', taxAmount: '20.00', account: '4000' }],
		});
		const profile = {
			name: 'Test ledger',
			text: { allowedCharacters: "A-Za-z0-9 .,'()/-" },
			fields: [{ path: 'lines[].description', label: 'details', maxLength: 60 }],
		};
		const { valid } = await runMapping([document], {
			targetProfile: 'custom',
			customProfile: JSON.stringify(profile),
			batchMode: 'perDocument',
		});
		const line = (valid[0].json.lines as Array<{ description: string }>)[0];
		expect(line.description).toBe(long.slice(0, 60).trimEnd());
		const cleaned = (valid[0].json.report as { cleaned: Array<{ action: string; field: string }> }).cleaned;
		expect(cleaned.map((change) => change.action)).toEqual(['whitespaceCleaned', 'charactersRemoved', 'truncated']);
		expect(cleaned.every((change) => change.field === 'lines[0].description')).toBe(true);
		expect((document.lines as Array<{ description: string }>)[0].description).toContain('\r\n');
	});
});

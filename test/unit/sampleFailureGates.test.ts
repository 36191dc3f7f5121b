/**
 * The ends of the ConnectWise samples that turn a run with documents left unposted, or payments
 * Manage refused, into a failed execution: each sample's own Code node, run on what our nodes
 * put out (planBatch's result, reject items), as n8n's Code node runs it ($input.all/first).
 * The e2e run checks the same samples end green when nothing was rejected.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { planBatch } from '../../lib/sources/connectwise/batch';
import { rejectedItem } from '../../nodes/shared/items';

interface SampleNode {
	name: string;
	type: string;
	parameters: { jsCode?: string; errorMessage?: string };
}
interface Sample {
	nodes: SampleNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

function sample(file: string): Sample {
	return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'workflows', file), 'utf8')) as Sample;
}

/** The Code node of a sample, run on these items as n8n would, with what it hands to Stop and Error. */
function gate(workflow: Sample, codeNode: string, items: Array<{ json: unknown }>): Array<{ json: { message: string } }> {
	const node = workflow.nodes.find((candidate) => candidate.name === codeNode)!;
	expect(node.type).toBe('n8n-nodes-base.code');
	const next = workflow.connections[codeNode].main[0].map((target) => workflow.nodes.find((candidate) => candidate.name === target.node)!);
	expect(next.map((target) => [target.type, target.parameters.errorMessage])).toEqual([['n8n-nodes-base.stopAndError', '={{ $json.message }}']]);
	const $input = { all: () => items, first: () => items[0] };
	return new Function('$input', node.parameters.jsCode!)($input);
}

describe('ConnectWise Manage → Sage 50: the batch run fails when documents were left unposted', () => {
	const workflow = sample('connectwise-to-sage.json');
	const batchResult = (plan: ReturnType<typeof planBatch>, inProgressElsewhere: string[] = []) => ({ json: { kind: 'batchResult', ...plan, inProgressElsewhere } });

	test('it follows Create batch in Manage and stays quiet when every document reached the ledger', () => {
		expect(workflow.connections['Create batch in Manage'].main[0].map((target) => target.node)).toEqual(['Anything not posted?']);
		const plan = planBatch('20260630LB-I', [{ document: 'sales invoice INV-1001', glEntryIds: [1, 2], status: 'written' }]);
		expect(gate(workflow, 'Anything not posted?', [batchResult(plan)])).toEqual([]);
	});

	test('a rejected and a held invoice: one message naming both with their reasons and the follow-up batch', () => {
		const plan = planBatch('20260630LB-I', [
			{ document: 'sales invoice INV-1001', glEntryIds: [1, 2], status: 'written' },
			{ document: 'sales invoice INV-1002', glEntryIds: [3], status: 'rejected', reason: 'Sales invoice INV-1002: line 1 tax code "X" is not in the Tax Code mapping table.' },
			{ document: 'sales invoice INV-1004', glEntryIds: [4], status: 'rejected', reason: 'INV-1004 totals 0.00: held for review.' },
		]);
		const [stop] = gate(workflow, 'Anything not posted?', [batchResult(plan)]);
		expect(stop.json.message).toBe(
			'2 documents were not posted: sales invoice INV-1002 (Sales invoice INV-1002: line 1 tax code "X" is not in the Tax Code mapping table.); sales invoice INV-1004 (INV-1004 totals 0.00: held for review.). ' +
				'The batch completed with errors: batch 20260630LB-I holds the 1 document that reached the ledger; 2 stay unposted in Manage — correct them and run them as batch 20260630LB-I-1.',
		);
	});

	test('documents another run is posting at the same moment are not failures of this run', () => {
		const plan = planBatch('20260630LB-I', [
			{ document: 'sales invoice INV-1001', glEntryIds: [1], status: 'written' },
			{ document: 'sales invoice INV-1003', glEntryIds: [5], status: 'rejected', reason: 'another run is posting it' },
		]);
		expect(gate(workflow, 'Anything not posted?', [batchResult(plan, ['sales invoice INV-1003'])])).toEqual([]);
	});
});

describe.each([['sage-payments-to-connectwise.json'], ['exact-payments-to-connectwise.json']])('%s: the payment sync fails when Manage refused a payment', (file) => {
	const workflow = sample(file);

	test("it hangs off Sync payments into Manage's Rejected output and names each invoice, its code and Manage's reason", () => {
		expect(workflow.connections['Sync payments into Manage'].main[1].map((target) => target.node)).toEqual(['Payments Manage refused']);
		const refused = rejectedItem({ invoiceNumber: 'INV-1002' }, [{ code: 'CONNECTWISE_PAYMENT_REFUSED', message: 'Manage refused the payment: the invoice is closed.' }], 1);
		const [stop] = gate(workflow, 'Payments Manage refused', [{ json: { ...refused.json, document: 'invoice INV-1002', invoiceNumber: 'INV-1002' } }]);
		expect(stop.json.message).toBe(
			'Manage refused the payment of 1 invoice: INV-1002 (CONNECTWISE_PAYMENT_REFUSED: Manage refused the payment: the invoice is closed.). The other payments were set; the next sync tries these again.',
		);
	});
});

/**
 * The line under each node on the canvas, as n8n's expression engine renders it, reads as a
 * sentence for every operation (or profile, or file type) a user can choose: never a raw
 * parameter value such as "exportBatch" or "sage50us".
 */
import { Workflow, type INodeProperties, type INodeType, type INodeTypes } from 'n8n-workflow';

import { ConnectWiseManage } from '../../nodes/ConnectWiseManage/ConnectWiseManage.node';
import { ExactOnline } from '../../nodes/ExactOnline/ExactOnline.node';
import { ImportFolder } from '../../nodes/ImportFolder/ImportFolder.node';
import { ImportFolderTrigger } from '../../nodes/ImportFolderTrigger/ImportFolderTrigger.node';
import { LedgerMapping } from '../../nodes/LedgerMapping/LedgerMapping.node';
import { OperaLedger } from '../../nodes/OperaLedger/OperaLedger.node';
import { PostingJournal } from '../../nodes/PostingJournal/PostingJournal.node';
import { SageImport } from '../../nodes/SageImport/SageImport.node';
import { StreamtimeFile } from '../../nodes/StreamtimeFile/StreamtimeFile.node';

/** The parameter whose choices change the subtitle, per node. */
const nodes: Array<[INodeType, string]> = [
	[new ConnectWiseManage(), 'operation'],
	[new ExactOnline(), 'operation'],
	[new SageImport(), 'operation'],
	[new PostingJournal(), 'operation'],
	[new LedgerMapping(), 'targetProfile'],
	[new StreamtimeFile(), 'type'],
	[new OperaLedger(), 'format'],
	[new ImportFolder(), 'destination'],
	[new ImportFolderTrigger(), 'folder'],
];

function subtitle(type: INodeType, parameters: Record<string, unknown>): string {
	const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node = { id: '1', name: 'Node', type: 'test.node', typeVersion: 1, position: [0, 0] as [number, number], parameters: parameters as never };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return String(workflow.expression.getSimpleParameterValue(node, type.description.subtitle as string, 'internal', {}));
}

test.each(nodes.map(([type, parameter]) => [type.description.displayName, type, parameter] as const))('%s: a sentence for every choice', (_name, type, parameter) => {
	const property = type.description.properties.find((entry: INodeProperties) => entry.name === parameter);
	const choices = property?.options?.map((option) => (option as { value: string }).value) ?? ['/srv/exports/streamtime'];
	const defaults = Object.fromEntries(type.description.properties.map((entry: INodeProperties) => [entry.name, entry.default]));
	for (const choice of choices) {
		const text = subtitle(type, { ...defaults, [parameter]: choice, lookUp: 'customers', pattern: '*.txt' });
		expect({ choice, text }).toEqual({ choice, text: expect.stringMatching(/^[A-Z][a-z-]+ [^{}]+$/) });
		expect(text).not.toContain('undefined');
		if (choice.length > 3 && /[a-z][A-Z]|\d/.test(choice)) expect(text).not.toContain(choice);
	}
});

describe('nodes an AI agent can call as tools', () => {
	// Every node with a look-up, a status or a journal operation; each operation says what it does in an action an agent reads.
	const withOperations = nodes.filter(([node]) => node.description.properties.some((property) => property.name === 'operation')).map(([node]) => [node.description.displayName, node] as const);
	test.each(withOperations)('%s is usable as a tool, and each of its operations describes its action', (_name, node) => {
		expect(node.description.usableAsTool).toBe(true);
		const operations = node.description.properties.filter((property) => property.name === 'operation').flatMap((property) => property.options ?? []);
		for (const option of operations as Array<{ name: string; action?: string; description?: string }>) {
			expect({ operation: option.name, action: typeof option.action === 'string' && option.action.length > 10 }).toEqual({ operation: option.name, action: true });
		}
	});
});

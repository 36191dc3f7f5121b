/**
 * Runs workflow JSON through n8n-core's real WorkflowExecute with this package's nodes,
 * the way n8n's own (unpublished) node test harness does. Nothing about the engine is
 * mocked: parameters, expressions, pairedItem, binary data and continueOnFail behave as in n8n.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'ledger-bridge-engine-'));
// n8n 2.x allows file access only inside ~/.n8n-files unless told otherwise: the tests use
// temporary folders and the sample exports, as a user allows their import folders.
process.env.N8N_RESTRICT_FILE_ACCESS_TO ??= `${tmpdir()};${path.join(__dirname, '..', '..', 'workflows', 'samples')}`;

import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type IBinaryData,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeParameters,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { LedgerMapping } from '../../nodes/LedgerMapping/LedgerMapping.node';
import { ImportFolder } from '../../nodes/ImportFolder/ImportFolder.node';
import { ImportFolderTrigger } from '../../nodes/ImportFolderTrigger/ImportFolderTrigger.node';
import { OperaLedger } from '../../nodes/OperaLedger/OperaLedger.node';
import { PostingJournal } from '../../nodes/PostingJournal/PostingJournal.node';
import { SageImport } from '../../nodes/SageImport/SageImport.node';
import { ConnectWiseManage } from '../../nodes/ConnectWiseManage/ConnectWiseManage.node';
import { ExactOnline } from '../../nodes/ExactOnline/ExactOnline.node';
import { StreamtimeFile } from '../../nodes/StreamtimeFile/StreamtimeFile.node';

const PACKAGE = 'n8n-nodes-ledger-bridge';

/** Emits the items of its "items" parameter: the test's stand-in for a source or trigger. */
class TestItems implements INodeType {
	description = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Test Items' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json' as const, default: '[]' }],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

const CALLBACKS = new Map<string, () => Promise<void> | void>();

/** What a test.callback node named `name` does when it runs: something happening mid-run (a writer going on with a file). */
export function onCallback(name: string, callback: () => Promise<void> | void): void {
	CALLBACKS.set(name, callback);
}

/** Runs the test's callback of its name, then passes its items on. */
class TestCallback implements INodeType {
	description = {
		displayName: 'Test Callback',
		name: 'testCallback',
		group: ['transform'],
		version: 1,
		description: 'Runs a callback of the test',
		defaults: { name: 'Test Callback' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		await CALLBACKS.get(this.getNode().name)?.();
		return [this.getInputData()];
	}
}

/** Appends the items of its two inputs, as n8n's Merge node (Append) does in the samples. */
class TestMerge implements INodeType {
	description = {
		displayName: 'Test Merge',
		name: 'testMerge',
		group: ['transform'],
		version: 1,
		description: 'Appends its inputs',
		defaults: { name: 'Test Merge' },
		inputs: ['main', 'main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[...this.getInputData(0), ...this.getInputData(1)]];
	}
}

/**
 * The nodes under test: from the source, or — with LEDGER_BRIDGE_ENGINE_PACKAGE naming an
 * installed copy of the package (scripts/package-check.js) — the built files n8n would load
 * from it, listed in its package.json.
 */
function packageNodeTypes(): Record<string, INodeType> {
	const installed = process.env.LEDGER_BRIDGE_ENGINE_PACKAGE;
	if (!installed) {
		return {
			[`${PACKAGE}.ledgerMapping`]: new LedgerMapping(),
			[`${PACKAGE}.operaLedger`]: new OperaLedger(),
			[`${PACKAGE}.importFolderTrigger`]: new ImportFolderTrigger(),
			[`${PACKAGE}.importFolder`]: new ImportFolder(),
			[`${PACKAGE}.sageImport`]: new SageImport(),
			[`${PACKAGE}.streamtimeFile`]: new StreamtimeFile(),
			[`${PACKAGE}.exactOnline`]: new ExactOnline(),
			[`${PACKAGE}.connectWiseManage`]: new ConnectWiseManage(),
			[`${PACKAGE}.postingJournal`]: new PostingJournal(),
		};
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const manifest = require(path.join(installed, 'package.json')) as { n8n: { nodes: string[] } };
	const types: Record<string, INodeType> = {};
	for (const file of manifest.n8n.nodes) {
		const className = path.basename(file, '.node.js');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const NodeClass = (require(path.join(installed, file)) as Record<string, new () => INodeType>)[className];
		const node = new NodeClass();
		types[`${PACKAGE}.${node.description.name}`] = node;
	}
	return types;
}

const NODE_TYPES: Record<string, INodeType> = { ...packageNodeTypes(), 'test.testItems': new TestItems(), 'test.testCallback': new TestCallback(), 'test.testMerge': new TestMerge() };

/** Where the nodes under test were loaded from. */
export const NODES_FROM = process.env.LEDGER_BRIDGE_ENGINE_PACKAGE ?? 'source';

class PackageNodeTypes implements INodeTypes {
	getByName(type: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(type);
	}

	getByNameAndVersion(type: string): INodeType {
		const nodeType = NODE_TYPES[type];
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return nodeType;
	}

	getKnownTypes() {
		return {};
	}
}

let binaryDataReady: Promise<void> | undefined;
function initBinaryData() {
	binaryDataReady ??= Container.get(BinaryDataService).init();
	return binaryDataReady;
}

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
}

export interface RunResult {
	run: IRun;
	/** Items of each output of a node in its first run: output(name)[0] is the first output. */
	output(nodeName: string): INodeExecutionData[][];
	binaryText(data: IBinaryData): Promise<string>;
	binaryBuffer(data: IBinaryData): Promise<Buffer>;
}

async function binaryBuffer(data: IBinaryData): Promise<Buffer> {
	return data.id ? await Container.get(BinaryDataService).getAsBuffer(data) : Buffer.from(data.data, 'base64');
}

/**
 * Credentials as n8n hands them to a node after decrypting them; the test gives the data
 * by credential type.
 */
function credentialsHelper(credentials: Record<string, IDataObject>) {
	return {
		getDecrypted: async (_additionalData: unknown, _nodeCredentials: unknown, type: string) => {
			const data = credentials[type];
			if (!data) throw new Error(`No test credentials of type ${type}`);
			return data;
		},
		getParentTypes: () => [],
		// n8n-core 2.41 asks before every getCredentials; none of our credential types is restricted to some nodes.
		isCredentialUsableByNode: () => true,
		authenticate: async (_credentials: unknown, _type: string, request: unknown) => request,
		preAuthentication: async () => undefined,
		updateCredentials: async () => undefined,
		// Like n8n: a refreshed OAuth2 token is stored, and the next getDecrypted returns it.
		updateCredentialsOauthTokenData: async (_nodeCredentials: unknown, type: string, data: IDataObject) => {
			credentials[type] = { ...credentials[type], oauthTokenData: data.oauthTokenData };
		},
		getCredentialsProperties: () => [],
	};
}

export async function runWorkflow(workflowJson: WorkflowJson, credentials: Record<string, IDataObject> = {}): Promise<RunResult> {
	await initBinaryData();
	const nodeTypes = new PackageNodeTypes();
	const workflow = new Workflow({
		id: 'test',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		nodeTypes,
		active: false,
		settings: {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', { id: 'test' } as never);
	// A plain promise: n8n-workflow 2.41 no longer exports its deferred-promise helper.
	let finish!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finish(fullRunData));

	const additionalData = new Proxy({ hooks, executionId: 'test-execution', credentialsHelper: credentialsHelper(credentials) } as Record<string, unknown>, {
		get: (target, key: string) => target[key],
	}) as unknown as IWorkflowExecuteAdditionalData;

	// A polling trigger as the start runs as "Fetch test event" does in the editor.
	const startNode = workflowJson.nodes.find((node) => node.type === 'test.testItems' || node.type.endsWith('Trigger'));
	if (!startNode) throw new Error('A test workflow starts with a test.testItems node or a trigger');
	const runExecutionData = {
		version: 1,
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished;

	return {
		run,
		output(nodeName: string) {
			const nodeRuns = run.data.resultData.runData[nodeName];
			if (!nodeRuns) throw new Error(`Node "${nodeName}" did not run: ${JSON.stringify(run.data.resultData.error)}`);
			const first = nodeRuns[0];
			if (first.error) throw first.error;
			return (first.data?.main ?? []).map((items) => items ?? []);
		},
		async binaryText(data: IBinaryData) {
			return (await binaryBuffer(data)).toString('utf8');
		},
		binaryBuffer,
	};
}

/**
 * The outputs a node shows on the canvas for these parameters, worked out as n8n's editor and
 * engine do (NodeHelpers.getNodeOutputs, which evaluates an `outputs` expression): their names.
 */
export function nodeOutputNames(nodeType: string, parameters: INodeParameters): string[] {
	const type = NODE_TYPES[`${PACKAGE}.${nodeType}`];
	const withDefaults = NodeHelpers.getNodeParameters(type.description.properties, parameters, true, false, null, type.description) ?? parameters;
	const node: INode = { id: 'outputs', name: 'Outputs', type: `${PACKAGE}.${nodeType}`, typeVersion: 1, position: [0, 0], parameters: withDefaults };
	const workflow = new Workflow({ id: 'outputs', nodes: [node], connections: {}, nodeTypes: new PackageNodeTypes(), active: false, settings: {} });
	return NodeHelpers.getNodeOutputs(workflow, node, type.description).map((output, index) =>
		typeof output === 'string' ? (type.description.outputNames?.[index] ?? output) : (output.displayName ?? output.type),
	);
}

/**
 * A sample workflow without n8n's own nodes (Merge, Code, Stop and Error at its end), which this
 * harness does not have: the e2e suite runs the samples whole in real n8n.
 */
export function withoutN8nNodes(workflow: WorkflowJson): void {
	const ours = workflow.nodes.filter((node) => !node.type.startsWith('n8n-nodes-base.'));
	workflow.nodes = ours;
	for (const [name, outputs] of Object.entries(workflow.connections)) {
		if (!ours.some((node) => node.name === name)) delete workflow.connections[name];
		else outputs.main = (outputs.main ?? []).map((targets) => (targets ?? []).filter((target) => ours.some((node) => node.name === target.node)));
	}
}

/** A two-node workflow: fixed documents into one of this package's nodes with these parameters. */
export function nodeWorkflow(nodeType: string, nodeName: string, documents: unknown[], parameters: INodeParameters): WorkflowJson {
	return {
		nodes: [
			{
				id: '1',
				name: 'Documents',
				type: 'test.testItems',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(documents) },
			},
			{
				id: '2',
				name: nodeName,
				type: `${PACKAGE}.${nodeType}`,
				typeVersion: 1,
				position: [200, 0],
				parameters,
			},
		],
		connections: { Documents: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
	};
}

export function mappingWorkflow(documents: unknown[], parameters: INodeParameters): WorkflowJson {
	return nodeWorkflow('ledgerMapping', 'Ledger Mapping', documents, parameters);
}

export interface PollResult {
	items: INodeExecutionData[] | null;
	/** The workflow's static data after the poll, as n8n saves it to its database. */
	staticData: IDataObject;
}

/**
 * One poll of a polling trigger through n8n-core's real PollContext, in an active
 * ("trigger") or editor ("manual") run. Static data goes in and comes out as plain JSON,
 * the way n8n stores it between polls and across restarts.
 */
export async function pollTrigger(
	nodeType: string,
	parameters: INodeParameters,
	{ staticData = {}, mode = 'trigger', nowMs }: { staticData?: IDataObject; mode?: 'trigger' | 'manual'; nowMs?: number } = {},
): Promise<PollResult> {
	await initBinaryData();
	const node: INode = {
		id: '1',
		name: 'Trigger',
		type: `${PACKAGE}.${nodeType}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: new PackageNodeTypes(),
		active: true,
		settings: {},
		staticData: JSON.parse(JSON.stringify(staticData)),
	});
	const additionalData = new Proxy({ executionId: 'poll' } as Record<string, unknown>, {
		get: (target, key: string) => target[key],
	}) as unknown as IWorkflowExecuteAdditionalData;
	const context = new PollContext(workflow, node, additionalData, mode, 'activate');
	const nodeType_ = NODE_TYPES[node.type];
	// The poll's clock, when the test sets it: a settle time or a lease passes without waiting for it.
	const realNow = Date.now;
	if (nowMs !== undefined) Date.now = () => nowMs;
	let output;
	try {
		output = await nodeType_.poll!.call(context);
	} finally {
		Date.now = realNow;
	}
	return { items: output ? output[0] : null, staticData: JSON.parse(JSON.stringify(workflow.staticData)) };
}

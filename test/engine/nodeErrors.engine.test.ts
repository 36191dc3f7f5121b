/**
 * What the editor and the executions list show when a node fails: the node's own sentence
 * naming the service, host, file and what to do — not the generic one n8n puts in place of any
 * message that mentions ECONNREFUSED or ENOENT ("The service refused the connection - perhaps
 * it is offline", "The file or directory does not exist").
 */
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { NodeError } from 'n8n-workflow';

import { SAMPLE_KEYS } from '../emulators/connectwise';
import { SAMPLE_CLIENT, SAMPLE_DIVISION, startExactEmulator } from '../emulators/exactOnline';
import { nodeWorkflow, runWorkflow } from './harness';

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** The failed node's error as n8n keeps it for the editor. */
async function shownError(nodeType: string, nodeName: string, parameters: Record<string, unknown>, credentials: Record<string, Record<string, unknown>> = {}): Promise<NodeError> {
	const workflow = nodeWorkflow(nodeType, nodeName, [{}], parameters as never);
	if (Object.keys(credentials).length > 0) workflow.nodes[1].credentials = Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: '1', name: type }]));
	const result = await runWorkflow(workflow, credentials as never);
	const error = result.run.data.resultData.runData[nodeName]?.[0]?.error as NodeError | undefined;
	if (!error) throw new Error(`${nodeName} did not fail`);
	expect(result.run.data.resultData.error?.message).toBe(error.message);
	return error;
}

test('ConnectWise Manage out of reach: the message names Manage, the host, the call and the attempts', async () => {
	const port = await closedPort();
	const error = await shownError(
		'connectWiseManage',
		'ConnectWise Manage',
		{ operation: 'exportBatch', kinds: ['invoices'], batchIdMode: 'custom', batchIdentifier: '20260630JD-I', summarizeInvoices: 'Default', wholeBatch: true },
		{ connectWiseManageApi: { site: 'custom', host: `http://127.0.0.1:${port}`, ...SAMPLE_KEYS, apiVersion: '2025.1' } },
	);
	expect(error.message).toMatch(new RegExp(`^Could not reach ConnectWise Manage at 127\\.0\\.0\\.1:${port} for GET .* \\(ECONNREFUSED\\) after \\d+ attempts\\.$`));
	expect(error.message).not.toMatch(/perhaps it is offline/);
	expect(error.name).toBe('NodeApiError');
}, 60_000);

test('a Streamtime export that is not there: the message names the file', async () => {
	const folder = mkdtempSync(path.join(tmpdir(), 'node-errors-'));
	try {
		const missing = path.join(folder, 'june-invoices.txt');
		const error = await shownError('streamtimeFile', 'Streamtime File', { source: 'path', filePath: missing, type: 'auto' });
		expect(error.message).toBe(`Cannot read the Streamtime export ${missing}: it does not exist.`);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
});

const SALES_INVOICE = {
	type: 'salesInvoice',
	header: { number: 'INV-3101', date: '2026-06-30', currency: 'EUR' },
	party: { code: '1001', name: 'Klant BV' },
	lines: [{ description: 'Design', net: '100.00', taxCode: '2', taxAmount: '21.00', account: '8000' }],
	totals: { net: '100.00', tax: '21.00', gross: '121.00' },
};

describe('On Error set to continue: a run that fails as a whole comes out as one item naming the failure, and the workflow goes on', () => {
	async function continued(nodeType: string, nodeName: string, parameters: Record<string, unknown>, credentials: Record<string, Record<string, unknown>>, onError: 'continueRegularOutput' | 'continueErrorOutput') {
		const workflow = nodeWorkflow(nodeType, nodeName, [SALES_INVOICE], parameters as never);
		workflow.nodes[1].credentials = Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: '1', name: type }]));
		workflow.nodes[1].onError = onError;
		const result = await runWorkflow(workflow, credentials as never);
		expect(result.run.data.resultData.error).toBeUndefined();
		return result.output(nodeName).map((items) => items.map((item) => item.json));
	}

	test('ConnectWise Manage out of reach, "Continue": the Summary output holds the failure; Results and Rejected are empty', async () => {
		const port = await closedPort();
		const [results, rejected, summary] = await continued(
			'connectWiseManage',
			'ConnectWise Manage',
			{ operation: 'exportBatch', kinds: ['invoices'], batchIdMode: 'custom', batchIdentifier: '20260630JD-I', summarizeInvoices: 'Default', wholeBatch: true },
			{ connectWiseManageApi: { site: 'custom', host: `http://127.0.0.1:${port}`, ...SAMPLE_KEYS, apiVersion: '2025.1' } },
			'continueRegularOutput',
		);
		expect([results, rejected]).toEqual([[], []]);
		expect(summary).toEqual([{ error: expect.stringMatching(/^Could not reach ConnectWise Manage at 127\.0\.0\.1:\d+ for GET /) }]);
	}, 60_000);

	test('Exact Online refusing the division, "Continue (using error output)": the failure comes out of the Error output, the posting outputs stay empty', async () => {
		const emulator = await startExactEmulator();
		try {
			const outputs = await continued(
				'exactOnline',
				'Exact Online',
				{ operation: 'post', division: String(SAMPLE_DIVISION.inaccessibleDivision), salesJournal: '70', purchaseJournal: '60' },
				{ exactOnlineOAuth2Api: { region: 'custom', baseUrl: emulator.url, clientId: SAMPLE_CLIENT.clientId, clientSecret: SAMPLE_CLIENT.clientSecret, oauthTokenData: { ...emulator.issueTokens(), token_type: 'bearer' } } },
				'continueErrorOutput',
			);
			// Posted, Duplicates, Rejected, Run Summary, and the Error output n8n adds.
			expect(outputs).toHaveLength(5);
			expect(outputs.slice(0, 4)).toEqual([[], [], [], []]);
			expect(outputs[4]).toEqual([{ error: expect.stringContaining(String(SAMPLE_DIVISION.inaccessibleDivision)) }]);
			expect(emulator.state.countRequests({ method: 'POST' })).toBe(0);
		} finally {
			await emulator.close();
		}
	}, 60_000);
});

import {
	NodeConnectionTypes,
	NodeOperationError,
	type NodeApiError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ManageClient } from '../../lib/sources/connectwise/transport/client';
import { ManageApiError } from '../../lib/sources/connectwise/transport/errors';
import { createBatch } from './actions/createBatch.operation';
import { exportBatch } from './actions/exportBatch.operation';
import { getInvoices } from './actions/getInvoices.operation';
import { getUnposted } from './actions/getUnposted.operation';
import { reExportBatch } from './actions/reExportBatch.operation';
import { syncPayments } from './actions/syncPayments.operation';
import { syncStart } from './actions/syncStart.operation';
import { connectWiseManageProperties } from './description';
import { ledgerBridgeJournalTest, openNodeJournal, postingError } from '../shared/posting';
import { CREDENTIAL, manageClient, manageSettings } from './transport';
import { operationError, serviceError } from '../shared/errors';
import { failedRunOutputs } from '../shared/outputs';

const CONNECTWISE_OUTPUTS = ['Results', 'Rejected', 'Summary'] as const;

export class ConnectWiseManage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ConnectWise Manage',
		name: 'connectWiseManage',
		icon: { light: 'file:connectWise.svg', dark: 'file:connectWise.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { createBatch: "Create a batch in Manage", exportBatch: "Export unposted transactions", getInvoices: "Get invoices from Manage", syncStart: "Get the payment sync start date", getUnposted: "List unposted transactions", reExportBatch: "Re-export a batch", syncPayments: "Sync invoice payments into Manage" }[$parameter["operation"]] }}',
		description: 'Export unposted invoices, expenses and procurement as ledger documents, batch what reached the ledger, and sync invoice payments back',
		defaults: { name: 'ConnectWise Manage' },
		// An AI agent may call it as a tool: look-ups and statuses read; a posting it asks for goes through the journal like any other.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: [...CONNECTWISE_OUTPUTS],
		credentials: [{ name: 'connectWiseManageApi', required: true, testedBy: 'connectWiseConnectionTest' }, { name: 'ledgerBridgeJournalApi', required: true, displayOptions: { show: { postingJournal: ['postgres'] } }, testedBy: 'ledgerBridgeJournalTest' }],
		properties: connectWiseManageProperties,
	};

	methods = {
		credentialTest: {
			ledgerBridgeJournalTest,
			/** A real call: codebase discovery, then one authenticated request that needs the keys and the clientId. */
			async connectWiseConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				try {
					const client = new ManageClient({ settings: manageSettings(credential.data ?? {}), maxRetries: 1 });
					const info = await client.companyInfo();
					await client.get('company/companies', { pageSize: 1, fields: 'id' });
					return { status: 'OK', message: `Connected to ${info.CompanyName ?? 'ConnectWise Manage'} (${info.Codebase})` };
				} catch (error) {
					return { status: 'Error', message: (error as Error).message };
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		try {
			if (operation === 'syncStart') return [...(await syncStart.call(this)), [], []];
			const client = await manageClient(this);
			const settings = manageSettings(await this.getCredentials(CREDENTIAL));
			// The Manage company, as the posting journal keeps companies apart.
			const scope = `${settings.site === 'custom' ? (settings.host ?? '') : settings.site}/${settings.companyId}`;
			switch (operation) {
				case 'getInvoices':
					return await getInvoices.call(this, client);
				case 'getUnposted':
					return await getUnposted.call(this, client);
				case 'exportBatch':
					return await exportBatch.call(this, client);
				case 'reExportBatch':
					return await reExportBatch.call(this, client);
				case 'createBatch':
					return [...(await createBatch.call(this, client, await openNodeJournal(this), scope)), [], []];
				case 'syncPayments':
					return await syncPayments.call(this, client, await openNodeJournal(this), scope);
				default:
					throw operationError(this.getNode(), `Unknown operation ${operation}`);
			}
		} catch (error) {
			const failure = asNodeError(this, error);
			if (this.continueOnFail()) return failedRunOutputs(this, failure, CONNECTWISE_OUTPUTS, 'Summary');
			throw failure;
		}
	}
}

function asNodeError(context: IExecuteFunctions, error: unknown): NodeApiError | NodeOperationError {
	const posting = postingError(context, error);
	if (posting) return posting;
	if (error instanceof NodeOperationError) return error;
	const description =
		error instanceof ManageApiError && error.kind === 'unauthorized'
			? 'Check the company ID, the API member keys and the clientId in the ConnectWise Manage credential.'
			: error instanceof ManageApiError && error.outcomeUnknown
				? 'Manage did not confirm the last change; check the batch or payment in Manage before running again.'
				: undefined;
	if (error instanceof ManageApiError) return serviceError(context.getNode(), error, { description });
	return operationError(context.getNode(), error as Error, { description });
}

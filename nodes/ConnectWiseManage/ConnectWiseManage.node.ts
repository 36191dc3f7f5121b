import { NodeConnectionTypes, type ICredentialsDecrypted, type ICredentialTestFunctions, type IExecuteFunctions, type INodeCredentialTestResult, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { ManageClient } from '../../lib/sources/connectwise/transport/client';
import { connectWiseManageProperties } from './description';
import { ledgerBridgeJournalTest } from '../shared/posting';
import { manageSettings } from './transport';
import { router, CONNECTWISE_OUTPUTS } from './actions/router';

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
		return await router.call(this);
	}
}

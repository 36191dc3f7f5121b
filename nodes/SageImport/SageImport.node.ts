import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { outputsByOperation } from '../shared/outputs';
import { ledgerBridgeJournalTest } from '../shared/posting';
import { sageImportProperties } from './description';
import { sageConnectionTest } from './methods/credentialTest';
import { loadOptions } from './methods/loadOptions';
import { router, SAGE_OUTPUTS } from './actions/router';

export class SageImport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage Import',
		name: 'sageImport',
		icon: { light: 'file:sageImport.svg', dark: 'file:sageImport.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ { post: "Post documents", paymentStatus: "Get payment status", lookUp: "Look up " + $parameter["lookUp"], syncCustomers: "Sync customers", syncProjects: "Sync projects", checkInvoices: "Check invoices", postInvoices: "Post invoices", synchronise: "Synchronise all" }[$parameter["operation"]] }}',
		description: 'Post ledger documents to Sage 50 (UK/US), Sage 100 (France) or a writable ODBC ledger, and read Sage codes and payment status over ODBC',
		defaults: { name: 'Sage Import' },
		// An AI agent may call it as a tool: look-ups and statuses read; a posting it asks for goes through the journal like any other.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsByOperation(SAGE_OUTPUTS),
		credentials: [{ name: 'sageOdbcApi', required: true, testedBy: 'sageConnectionTest' }, { name: 'ledgerBridgeJournalApi', required: true, displayOptions: { show: { postingJournal: ['postgres'] } }, testedBy: 'ledgerBridgeJournalTest' }],
		properties: sageImportProperties,
	};

	methods = { loadOptions, credentialTest: { ledgerBridgeJournalTest, sageConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

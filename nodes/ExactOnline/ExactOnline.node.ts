import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { exactOnlineProperties } from './description';
import { loadOptions } from './methods/loadOptions';
import { ledgerBridgeJournalTest } from '../shared/posting';
import { CREDENTIAL } from './transport';
import { outputsByOperation } from '../shared/outputs';
import { router, EXACT_OUTPUTS } from './actions/router';

export class ExactOnline implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Exact Online',
		name: 'exactOnline',
		icon: { light: 'file:exactOnline.svg', dark: 'file:exactOnline.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ { post: $parameter["dryRun"] ? "Post entries (dry run)" : "Post entries", paymentStatus: "Get payment status", lookUp: "Look up " + $parameter["lookUp"] }[$parameter["operation"]] }}',
		description: 'Post sales and purchase entries to Exact Online without duplicates, read payment status and look up codes',
		defaults: { name: 'Exact Online' },
		// An AI agent may call it as a tool: look-ups and statuses read; a posting it asks for goes through the journal like any other.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsByOperation(EXACT_OUTPUTS),
		credentials: [{ name: CREDENTIAL, required: true }, { name: 'ledgerBridgeJournalApi', required: true, displayOptions: { show: { postingJournal: ['postgres'] } }, testedBy: 'ledgerBridgeJournalTest' }],
		properties: exactOnlineProperties,
	};

	methods = { loadOptions, credentialTest: { ledgerBridgeJournalTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

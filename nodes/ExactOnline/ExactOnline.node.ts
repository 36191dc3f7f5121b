import { NodeConnectionTypes, NodeOperationError, type NodeApiError, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { lookUp } from './actions/lookUp.operation';
import { paymentStatus } from './actions/paymentStatus.operation';
import { postEntries } from './actions/post.operation';
import { exactOnlineProperties } from './description';
import { loadOptions } from './methods/loadOptions';
import { ledgerBridgeJournalTest, openNodeJournal, postingError } from '../shared/posting';
import { baseUrlOf, CREDENTIAL, errorDescription, exactClient } from './transport';
import { ExactApiError } from '../../lib/targets/exactOnline/transport/errors';
import { operationError, serviceError } from '../shared/errors';
import { failedRunOutputs, outputNamesFor, outputsByOperation } from '../shared/outputs';

/** Look-ups and payment statuses come out of an output named for them; postings have the four posting outputs. */
export const EXACT_OUTPUTS = { lookUp: ['Codes'], paymentStatus: ['Payment Status'] };

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
		const operation = this.getNodeParameter('operation', 0) as string;
		const division = this.getNodeParameter('division', 0, '') as string;
		// Every operation: the journal is also where workers sharing the credential take turns to refresh its token.
		const journal = await openNodeJournal(this);
		const client = await exactClient(this, division, {}, journal);
		try {
			if (operation === 'lookUp') return await lookUp.call(this, client);
			if (operation === 'paymentStatus') return await paymentStatus.call(this, client);
			const credentials = await this.getCredentials(CREDENTIAL);
			return await postEntries.call(this, client, journal, new URL(baseUrlOf(credentials)).host);
		} catch (error) {
			const failure = asNodeError(this, error, division);
			if (this.continueOnFail()) return failedRunOutputs(this, failure, outputNamesFor(EXACT_OUTPUTS, operation), 'Run Summary');
			throw failure;
		}
	}
}

function asNodeError(context: IExecuteFunctions, error: unknown, division: string): NodeApiError | NodeOperationError {
	const posting = postingError(context, error);
	if (posting) return posting;
	if (error instanceof NodeOperationError) return error;
	if (error instanceof ExactApiError) return serviceError(context.getNode(), error, { description: errorDescription(error, division) });
	return operationError(context.getNode(), error as Error, { description: errorDescription(error, division) });
}

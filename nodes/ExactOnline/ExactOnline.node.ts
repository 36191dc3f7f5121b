import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { lookUp } from './actions/lookUp.operation';
import { paymentStatus } from './actions/paymentStatus.operation';
import { postEntries } from './actions/post.operation';
import { exactOnlineProperties } from './description';
import { loadOptions } from './methods/loadOptions';
import { CREDENTIAL, errorDescription, exactClient } from './transport';

export class ExactOnline implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Exact Online',
		name: 'exactOnline',
		icon: 'file:exactOnline.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{ { post: "Post entries", paymentStatus: "Get payment status", lookUp: "Look up " + $parameter["lookUp"] }[$parameter["operation"]] }}',
		description: 'Post sales and purchase entries to Exact Online without duplicates, read payment status and look up codes',
		defaults: { name: 'Exact Online' },
		inputs: ['main'],
		outputs: ['main', 'main', 'main', 'main'],
		outputNames: ['Posted', 'Duplicates', 'Rejected', 'Run Summary'],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties: exactOnlineProperties,
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const division = this.getNodeParameter('division', 0, '') as string;
		const client = await exactClient(this, division);
		try {
			if (operation === 'lookUp') return await lookUp.call(this, client);
			if (operation === 'paymentStatus') return await paymentStatus.call(this, client);
			return await postEntries.call(this, client);
		} catch (error) {
			if (error instanceof NodeOperationError) throw error;
			throw new NodeOperationError(this.getNode(), error as Error, { description: errorDescription(error, division) });
		}
	}
}

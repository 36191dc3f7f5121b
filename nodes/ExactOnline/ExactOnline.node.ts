import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { ExactApiError } from '../../lib/targets/exactOnline/transport/errors';
import { ExactAuthError } from '../../lib/targets/exactOnline/transport/tokens';
import { lookUp } from './actions/lookUp.operation';
import { paymentStatus } from './actions/paymentStatus.operation';
import { postEntries } from './actions/post.operation';
import { exactOnlineProperties } from './description';
import { loadOptions } from './methods/loadOptions';
import { CREDENTIAL, exactClient } from './transport';

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
		const client = await exactClient(this, this.getNodeParameter('division', 0, '') as string);
		try {
			if (operation === 'lookUp') return await lookUp.call(this, client);
			if (operation === 'paymentStatus') return await paymentStatus.call(this, client);
			return await postEntries.call(this, client);
		} catch (error) {
			if (error instanceof NodeOperationError) throw error;
			const description =
				error instanceof ExactAuthError
					? 'Open the Exact Online credential and reconnect it. Documents posted before this error are skipped as duplicates on the next run.'
					: error instanceof ExactApiError
						? 'Nothing is posted twice: run again once Exact Online answers; documents it already holds are skipped.'
						: undefined;
			throw new NodeOperationError(this.getNode(), error as Error, { description });
		}
	}
}

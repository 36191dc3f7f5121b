import { NodeOperationError, type NodeApiError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { lookUp } from './lookUp.operation';
import { paymentStatus } from './paymentStatus.operation';
import { postEntries } from './post.operation';
import { openNodeJournal, postingError } from '../../shared/posting';
import { baseUrlOf, CREDENTIAL, errorDescription, exactClient } from '../transport';
import { ExactApiError } from '../../../lib/targets/exactOnline/transport/errors';
import { operationError, serviceError } from '../../shared/errors';
import { failedRunOutputs, outputNamesFor } from '../../shared/outputs';

/** Look-ups and payment statuses come out of an output named for them; postings have the four posting outputs. */
export const EXACT_OUTPUTS = { lookUp: ['Codes'], paymentStatus: ['Payment Status'] };

/** Runs the operation chosen, in the division the node names, with the journal every operation shares. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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

function asNodeError(context: IExecuteFunctions, error: unknown, division: string): NodeApiError | NodeOperationError {
	const posting = postingError(context, error);
	if (posting) return posting;
	if (error instanceof NodeOperationError) return error;
	if (error instanceof ExactApiError) return serviceError(context.getNode(), error, { description: errorDescription(error, division) });
	return operationError(context.getNode(), error as Error, { description: errorDescription(error, division) });
}

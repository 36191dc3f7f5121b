import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationError } from '../../shared/errors';
import { failedRunOutputs } from '../../shared/outputs';
import { openNodeJournal, postingError } from '../../shared/posting';
import { findOperation } from './find.operation';
import { forgetOperation } from './forget.operation';

/** Runs the operation chosen, Find Documents or Forget Documents, on the journal the node names. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	try {
		const journal = await openNodeJournal(this);
		return operation === 'find' ? await findOperation.call(this, journal) : await forgetOperation.call(this, journal);
	} catch (error) {
		// postingError passes a NodeOperationError through as it is.
		const failure = postingError(this, error) ?? operationError(this.getNode(), error as Error);
		if (this.continueOnFail()) return failedRunOutputs(this, failure, ['Documents'], 'Documents');
		throw failure;
	}
}

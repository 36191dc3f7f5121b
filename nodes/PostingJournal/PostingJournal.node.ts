import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { operationError } from '../shared/errors';
import { failedRunOutputs } from '../shared/outputs';
import { ledgerBridgeJournalTest, openNodeJournal, postingError } from '../shared/posting';
import { findOperation } from './actions/find.operation';
import { forgetOperation } from './actions/forget.operation';
import { postingJournalProperties } from './description';

/**
 * The posting journal as n8n users see it: look up whether a document was posted, where and by
 * which execution (also as a tool for an AI agent), and forget documents deleted from the ledger
 * by hand so that the next run posts them again.
 */
export class PostingJournal implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Posting Journal',
		name: 'postingJournal',
		icon: { light: 'file:postingJournal.svg', dark: 'file:postingJournal.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "forget" ? "Forget documents" : "Find documents"}}',
		description: 'Look up what Ledger Bridge posted, wrote or rejected, and forget documents removed from the ledger by hand',
		defaults: { name: 'Posting Journal' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ledgerBridgeJournalApi', required: true, displayOptions: { show: { postingJournal: ['postgres'] } }, testedBy: 'ledgerBridgeJournalTest' }],
		properties: postingJournalProperties,
	};

	methods = { credentialTest: { ledgerBridgeJournalTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
}

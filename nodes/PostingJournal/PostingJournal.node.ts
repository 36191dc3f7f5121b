import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { ledgerBridgeJournalTest } from '../shared/posting';
import { postingJournalProperties } from './description';
import { router } from './actions/router';

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
		return await router.call(this);
	}
}

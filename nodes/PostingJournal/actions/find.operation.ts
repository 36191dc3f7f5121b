import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { JournalEntry, JournalState, PostingJournal } from '../../../lib/posting/journal/types';
import { forOperation } from '../../shared/descriptions';
import { journal, STATES, TARGET_LABELS, TARGETS } from './common.descriptions';

const iso = (at: number | null) => (at ? new Date(at).toISOString() : null);
const when = (at: number | null) => (at ? `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'an unknown time');

/** One sentence on where a document stands, as the Duplicates output would say it. */
function standing(entry: JournalEntry): string {
	const target = TARGET_LABELS.get(entry.system) ?? entry.system;
	const by = entry.executionId ? `, by execution ${entry.executionId}${entry.workflowName ? ` of "${entry.workflowName}"` : ''}` : '';
	const name = entry.document.charAt(0).toUpperCase() + entry.document.slice(1);
	switch (entry.state) {
		case 'posted':
			return `${name} was posted to ${target} on ${when(entry.postedAt)}${by}.`;
		case 'written':
			return `${name} was written for ${target} on ${when(entry.postedAt)}${by}.`;
		case 'rejected':
			return `${name} was rejected by ${target} on ${when(entry.updatedAt)}${by}: ${entry.message ?? (entry.failureCodes ?? []).join(', ')}`;
		case 'skipped':
			return `${name} was skipped for ${target} on ${when(entry.updatedAt)}${by}: ${entry.message ?? (entry.failureCodes ?? []).join(', ')}`;
		case 'unconfirmed':
			return `${name} was sent to ${target} on ${when(entry.updatedAt)}${by}, which did not confirm it; the next run looks in ${target} before sending it again.`;
		case 'notSent':
			return `${name} was not sent to ${target}: the run${by.replace(/^, by/, '')} stopped first; the next run sends it.`;
		case 'claimed':
			return `${name} was taken by a run on ${when(entry.claimedAt)}${by}, which is sending it or stopped while sending it; the next run looks in ${target} before sending it.`;
	}
}

export function entryItem(entry: JournalEntry, pairedItem: number): INodeExecutionData {
	return {
		json: {
			document: entry.document,
			documentNumber: entry.documentNumber,
			accountCode: entry.accountCode,
			state: entry.state,
			message: standing(entry),
			target: TARGET_LABELS.get(entry.system) ?? entry.system,
			reference: entry.targetReference as IDataObject | null,
			postedAt: iso(entry.postedAt),
			updatedAt: iso(entry.updatedAt),
			executionId: entry.executionId,
			workflowId: entry.workflowId,
			workflowName: entry.workflowName,
			nodeName: entry.nodeName,
			failureCodes: entry.failureCodes,
			lastMessage: entry.message,
			source: entry.source as IDataObject | null,
			// What Forget Documents takes, so a Find can be followed by a Forget.
			system: entry.system,
			scope: entry.scope,
			identity: entry.identity,
		},
		pairedItem: { item: pairedItem },
	};
}

/** Find Documents: what the journal holds, for each input item's filters. */
export async function findOperation(this: IExecuteFunctions, journal: PostingJournal): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let index = 0; index < Math.max(1, items.length); index++) {
		const entries = await journal.find({
			documentNumber: (this.getNodeParameter('documentNumber', index, '') as string).trim() || undefined,
			system: (this.getNodeParameter('system', index, '') as string) || undefined,
			states: this.getNodeParameter('states', index, []) as JournalState[],
			executionId: String(this.getNodeParameter('executionId', index, '') ?? '').trim() || undefined,
			limit: this.getNodeParameter('limit', index, 50) as number,
		});
		out.push(...entries.map((entry) => entryItem(entry, index)));
	}
	return [out];
}

/** What the editor shows for Find Documents. */
export const description: INodeProperties[] = forOperation('find', [
	journal,
	{
		displayName: 'Document Number',
		name: 'documentNumber',
		type: 'string',
		default: '',
		placeholder: 'INV-1001',
		description: "The invoice, credit note or record number as the source gave it, or a source system's ID; empty for every document",
	},
	{
		displayName: 'Target',
		name: 'system',
		type: 'options',
		options: [{ name: 'Any', value: '' }, ...TARGETS],
		default: '',
		description: 'Which ledger the document was sent to',
	},
	{
		displayName: 'States',
		name: 'states',
		type: 'multiOptions',
		options: STATES,
		default: [],
		description: 'Only documents in these states; none for all',
	},
	{
		displayName: 'Execution ID',
		name: 'executionId',
		type: 'string',
		default: '',
		description: 'Only documents this execution sent (the ID in the Executions list)',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
]);

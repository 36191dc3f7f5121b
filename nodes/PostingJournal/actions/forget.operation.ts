import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { JournalTarget, PostingJournal } from '../../../lib/posting/journal/types';
import { operationError } from '../../shared/errors';
import { forOperation } from '../../shared/descriptions';
import { journal, TARGET_LABELS } from './common.descriptions';

/** Forget Documents: one transaction per target, every item answered. */
export async function forgetOperation(this: IExecuteFunctions, journal: PostingJournal): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const text = (name: string, index: number) => String(this.getNodeParameter(name, index, '') ?? '').trim();
	const requests = items.map((_, index) => ({
		index,
		target: { system: text('forgetSystem', index), scope: text('forgetScope', index) } satisfies JournalTarget,
		identity: text('forgetIdentity', index),
	}));
	const missing = requests.find((request) => !request.target.system || !request.target.scope || !request.identity);
	if (missing) {
		throw operationError(this.getNode(), `Item ${missing.index + 1} does not say which document to forget.`, {
			description: 'Target System, Company and Document Identity are the system, scope and identity fields of a Find Documents item: connect Find Documents before Forget Documents.',
			itemIndex: missing.index,
		});
	}
	const byTarget = new Map<string, typeof requests>();
	for (const request of requests) {
		const key = JSON.stringify(request.target);
		byTarget.set(key, [...(byTarget.get(key) ?? []), request]);
	}
	const answers = new Map<number, IDataObject>();
	for (const group of byTarget.values()) {
		const { target } = group[0];
		const { forgotten, held } = await journal.forget(target, group.map((request) => request.identity));
		const label = TARGET_LABELS.get(target.system) ?? target.system;
		for (const request of group) {
			const status = forgotten.includes(request.identity) ? 'forgotten' : held.includes(request.identity) ? 'held' : 'notInJournal';
			const message =
				status === 'forgotten'
					? `${request.identity} is no longer in the posting journal for ${label}: the next run sends it to ${label} again.`
					: status === 'held'
						? `${request.identity} was not forgotten: a run holds it (it is being sent, or its run stopped and the next run looks in ${label} first). Try again once no run is sending it.`
						: `${request.identity} is not in the posting journal for ${label} (${target.scope}); nothing to forget.`;
			answers.set(request.index, { status, identity: request.identity, system: target.system, scope: target.scope, message });
		}
	}
	return [requests.map((request) => ({ json: answers.get(request.index)!, pairedItem: { item: request.index } }))];
}

/** What the editor shows for Forget Documents. */
export const description: INodeProperties[] = forOperation('forget', [
	journal,
	{
		displayName:
			'Forget only documents you have deleted from the ledger (or whose import file you discarded): the next run posts them again. Feed this operation the items of Find Documents.',
		name: 'forgetNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Target System',
		name: 'forgetSystem',
		type: 'string',
		default: '={{ $json.system }}',
		required: true,
		description: 'The journal\'s name for the ledger (the "system" field of Find Documents)',
	},
	{
		displayName: 'Company, Division or Folder',
		name: 'forgetScope',
		type: 'string',
		default: '={{ $json.scope }}',
		required: true,
		description: 'Which company of the ledger (the "scope" field of Find Documents)',
	},
	{
		displayName: 'Document Identity',
		name: 'forgetIdentity',
		type: 'string',
		default: '={{ $json.identity }}',
		required: true,
		description: 'The document as the journal knows it (the "identity" field of Find Documents)',
	},
]);

import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { JournalEntry, JournalState, JournalTarget } from '../../lib/posting/journal/types';
import { journalProperty, ledgerBridgeJournalTest, openNodeJournal, postingError } from '../shared/posting';
import { operationError } from '../shared/errors';

/** The targets as the journal names them, with the words a bookkeeper knows them by. */
const TARGETS: Array<{ name: string; value: string }> = [
	{ name: 'ConnectWise Manage Batches', value: 'connectWiseBatches' },
	{ name: 'ConnectWise Manage Payments', value: 'connectWisePayments' },
	{ name: 'Exact Online', value: 'exactOnline' },
	{ name: 'Opera 3', value: 'opera3' },
	{ name: 'Sage 100 (France)', value: 'sage100fr' },
	{ name: 'Sage 50 (UK)', value: 'sage50uk' },
	{ name: 'Sage 50 (US)', value: 'sage50us' },
	{ name: 'Writable ODBC Database', value: 'generic' },
];
const TARGET_LABELS = new Map(TARGETS.map(({ name, value }) => [value, name]));

const STATES: Array<{ name: string; value: JournalState; description: string }> = [
	{ name: 'Claimed', value: 'claimed', description: 'A run is sending it now, or stopped while sending; the next run looks in the target first' },
	{ name: 'Not Sent', value: 'notSent', description: 'A run claimed it and stopped before sending it' },
	{ name: 'Posted', value: 'posted', description: 'In the ledger: the target confirmed it' },
	{ name: 'Rejected', value: 'rejected', description: 'Turned away with a reason; it is sent once corrected' },
	{ name: 'Skipped', value: 'skipped', description: 'Left out on purpose, e.g. dated before the ledger\'s period; a later run decides again' },
	{ name: 'Unconfirmed', value: 'unconfirmed', description: 'Sent, but the target did not confirm it; the next run looks before sending again' },
	{ name: 'Written', value: 'written', description: 'In an import file published for the target (Sage 50, Opera)' },
];

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

function entryItem(entry: JournalEntry, pairedItem: number): INodeExecutionData {
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
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Find Documents',
						value: 'find',
						action: 'Find documents in the posting journal',
						description: 'Whether a document was posted, written or rejected, when, where and by which execution',
					},
					{
						name: 'Forget Documents',
						value: 'forget',
						action: 'Forget documents in the posting journal',
						description: 'Remove documents deleted from the ledger by hand, so that the next run posts them again',
					},
				],
				default: 'find',
			},
			journalProperty(),
			{
				displayName: 'Document Number',
				name: 'documentNumber',
				type: 'string',
				default: '',
				placeholder: 'INV-1001',
				description: "The invoice, credit note or record number as the source gave it, or a source system's ID; empty for every document",
				displayOptions: { show: { operation: ['find'] } },
			},
			{
				displayName: 'Target',
				name: 'system',
				type: 'options',
				options: [{ name: 'Any', value: '' }, ...TARGETS],
				default: '',
				description: 'Which ledger the document was sent to',
				displayOptions: { show: { operation: ['find'] } },
			},
			{
				displayName: 'States',
				name: 'states',
				type: 'multiOptions',
				options: STATES,
				default: [],
				description: 'Only documents in these states; none for all',
				displayOptions: { show: { operation: ['find'] } },
			},
			{
				displayName: 'Execution ID',
				name: 'executionId',
				type: 'string',
				default: '',
				description: 'Only documents this execution sent (the ID in the Executions list)',
				displayOptions: { show: { operation: ['find'] } },
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { operation: ['find'] } },
			},
			{
				displayName:
					'Forget only documents you have deleted from the ledger (or whose import file you discarded): the next run posts them again. Feed this operation the items of Find Documents.',
				name: 'forgetNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { operation: ['forget'] } },
			},
			{
				displayName: 'Target System',
				name: 'forgetSystem',
				type: 'string',
				default: '={{ $json.system }}',
				required: true,
				description: 'The journal\'s name for the ledger (the "system" field of Find Documents)',
				displayOptions: { show: { operation: ['forget'] } },
			},
			{
				displayName: 'Company, Division or Folder',
				name: 'forgetScope',
				type: 'string',
				default: '={{ $json.scope }}',
				required: true,
				description: 'Which company of the ledger (the "scope" field of Find Documents)',
				displayOptions: { show: { operation: ['forget'] } },
			},
			{
				displayName: 'Document Identity',
				name: 'forgetIdentity',
				type: 'string',
				default: '={{ $json.identity }}',
				required: true,
				description: 'The document as the journal knows it (the "identity" field of Find Documents)',
				displayOptions: { show: { operation: ['forget'] } },
			},
		],
	};

	methods = { credentialTest: { ledgerBridgeJournalTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const items = this.getInputData();
		try {
			const journal = await openNodeJournal(this);
			const out: INodeExecutionData[] = [];
			if (operation === 'find') {
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
			// Forget: one transaction per target, every item answered.
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
		} catch (error) {
			throw postingError(this, error) ?? error;
		}
	}
}

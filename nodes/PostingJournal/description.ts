import type { INodeProperties } from 'n8n-workflow';

import type { JournalState } from '../../lib/posting/journal/types';
import { journalProperty } from '../shared/posting';

/** The targets as the journal names them, with the words a bookkeeper knows them by. */
export const TARGETS: Array<{ name: string; value: string }> = [
	{ name: 'ConnectWise Manage Batches', value: 'connectWiseBatches' },
	{ name: 'ConnectWise Manage Payments', value: 'connectWisePayments' },
	{ name: 'Exact Online', value: 'exactOnline' },
	{ name: 'Opera 3', value: 'opera3' },
	{ name: 'Sage 100 (France)', value: 'sage100fr' },
	{ name: 'Sage 50 (UK)', value: 'sage50uk' },
	{ name: 'Sage 50 (US)', value: 'sage50us' },
	{ name: 'Writable ODBC Database', value: 'generic' },
];
export const TARGET_LABELS = new Map(TARGETS.map(({ name, value }) => [value, name]));

const STATES: Array<{ name: string; value: JournalState; description: string }> = [
	{ name: 'Claimed', value: 'claimed', description: 'A run is sending it now, or stopped while sending; the next run looks in the target first' },
	{ name: 'Not Sent', value: 'notSent', description: 'A run claimed it and stopped before sending it' },
	{ name: 'Posted', value: 'posted', description: 'In the ledger: the target confirmed it' },
	{ name: 'Rejected', value: 'rejected', description: 'Turned away with a reason; it is sent once corrected' },
	{ name: 'Skipped', value: 'skipped', description: 'Left out on purpose, e.g. dated before the ledger\'s period; a later run decides again' },
	{ name: 'Unconfirmed', value: 'unconfirmed', description: 'Sent, but the target did not confirm it; the next run looks before sending again' },
	{ name: 'Written', value: 'written', description: 'In an import file published for the target (Sage 50, Opera)' },
];

export const postingJournalProperties: INodeProperties[] = [
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
];

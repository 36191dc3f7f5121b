import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { PostingJournal } from '../../../lib/posting/journal/types';
import type { NewAccountDefaults } from '../../../lib/targets/exactOnline/checks';
import { ExactAdapter } from '../../../lib/targets/exactOnline/post';
import type { ExactClient } from '../../../lib/targets/exactOnline/transport/client';
import { readIncoming } from '../../shared/items';
import { postIncoming, postingOutputs } from '../../shared/posting';
import { documentsFieldProperty, forOperation } from '../../shared/descriptions';
import { divisionProperty, dryRunProperty, exactJournalProperty } from './common.descriptions';

/**
 * Post Entries: every document through the posting pipeline with the Exact adapter — matched
 * against Exact's reference data, skipped where Exact or the journal already has it, claimed,
 * posted. Outputs: Posted, Duplicates, Rejected, Run Summary.
 */
export async function postEntries(this: IExecuteFunctions, client: ExactClient, journal: PostingJournal, host: string): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { incoming, fromFile } = await readIncoming(this, items, this.getNodeParameter('documentsField', 0, '') as string);
	const division = await client.division();
	const adapter = new ExactAdapter(
		client,
		{
			salesJournal: this.getNodeParameter('salesJournal', 0, '') as string,
			purchaseJournal: this.getNodeParameter('purchaseJournal', 0, '') as string,
			createMissingAccounts: this.getNodeParameter('createMissingAccounts', 0, true) as boolean,
			createMissingGlAccounts: this.getNodeParameter('createMissingGlAccounts', 0, false) as boolean,
			newAccounts: this.getNodeParameter('newAccounts', 0, {}) as NewAccountDefaults,
			scope: `${host}/${division}`,
		},
		division,
	);
	const options = { dryRun: this.getNodeParameter('dryRun', 0, false) as boolean, maxDocuments: this.getNodeParameter('maxDocuments', 0, 0) as number };
	return await postIncoming(this, journal, adapter, incoming, options, (result) =>
		postingOutputs(this, result, {
			itemOf: (index) => incoming[index].item,
			asFiles: fromFile,
			itemCount: items.length,
			logTarget: `Exact Online (division ${division})`,
			logName: 'exact-import-log',
			extra: (entry) => {
				const reference = entry.kind === 'posted' || entry.kind === 'duplicate' ? (entry.reference ?? {}) : {};
				return {
					entryId: (reference.entryId as string | undefined) ?? null,
					entryNumber: (reference.entryNumber as number | undefined) ?? null,
				};
			},
			summary: {
				division,
				createdAccounts: adapter.createdAccounts,
				createdGlAccounts: adapter.createdGlAccounts,
				httpRequests: client.stats.requests,
				lookupRequests: adapter.lookupRequests,
				rateLimitWaits: client.stats.rateLimitWaits,
				retries: client.stats.retries,
			},
		}),
	);
}

/** What the editor shows for Post Entries. */
export const description: INodeProperties[] = forOperation('post', [
	divisionProperty,
	{ ...documentsFieldProperty },
	exactJournalProperty,
	{ ...dryRunProperty },
	{
		displayName: 'Sales Journal Name or ID',
		name: 'salesJournal',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSalesJournals', loadOptionsDependsOn: ['division'] },
		default: '',
		description:
			'The journal code for sales entries (e.g. 70) — the code, not a GUID. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Purchase Journal Name or ID',
		name: 'purchaseJournal',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPurchaseJournals', loadOptionsDependsOn: ['division'] },
		default: '',
		description:
			'The journal code for purchase entries (e.g. 60). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Create Missing Accounts',
		name: 'createMissingAccounts',
		type: 'boolean',
		default: true,
		description:
			'Whether a customer or supplier code Exact does not have yet is created (with its name, VAT number, country and payment condition). A document without a code is always rejected.',
	},
	{
		displayName: 'Create Missing G/L Accounts',
		name: 'createMissingGlAccounts',
		type: 'boolean',
		default: false,
		description:
			'Whether a line G/L account code Exact does not have is created (as a revenue account for sales, a cost account for purchases). Off: such documents are rejected with EXACT_GL_ACCOUNT_MISSING, which is usually what you want.',
	},
	{
		displayName: 'New Accounts',
		name: 'newAccounts',
		type: 'collection',
		placeholder: 'Add Default',
		default: {},
		displayOptions: { show: { createMissingAccounts: [true] } },
		description: 'Defaults for customers and suppliers the node creates, where the document carries none — as the Streamtime setup asks for the customer and supplier G/L accounts',
		options: [
			{
				displayName: 'Currency Name or ID',
				name: 'currency',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCurrencies', loadOptionsDependsOn: ['division'] },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Payables G/L Account (Suppliers) Name or ID',
				name: 'payablesGlAccount',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPayablesGlAccounts', loadOptionsDependsOn: ['division'] },
				default: '',
				description: 'The creditors account new suppliers post to (Exact: GLAP). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Payment Condition Name or ID',
				name: 'paymentCondition',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPaymentConditions', loadOptionsDependsOn: ['division'] },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Receivables G/L Account (Customers) Name or ID',
				name: 'receivablesGlAccount',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getReceivablesGlAccounts', loadOptionsDependsOn: ['division'] },
				default: '',
				description: 'The debtors account new customers post to (Exact: GLAR). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'VAT Code Name or ID',
				name: 'vatCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getVatCodes', loadOptionsDependsOn: ['division'] },
				default: '',
				description: 'The default sales VAT code of new customers and purchase VAT code of new suppliers. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	{
		displayName: 'Maximum Documents per Run',
		name: 'maxDocuments',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Stop after this many documents; the rest wait for the next run. 0 means no limit.',
	},
]);

import type { INodeProperties } from 'n8n-workflow';

import { postingProperties } from '../../shared/posting';

/** The fields several ConnectWise Manage operations show; each operation's file lists what it shows, in order. */

export const kindsProperty: INodeProperties = {
	displayName: 'Transactions',
	name: 'kinds',
	type: 'multiOptions',
	options: [
		{ name: 'Invoices', value: 'invoices' },
		{ name: 'Expenses', value: 'expenses' },
		{ name: 'Procurement (Inventory)', value: 'procurement' },
	],
	default: ['invoices'],
	description: 'Manage recommends a separate batch for invoices, expenses and procurement (seed: -I, -E, -P)',
};

export const locationProperty: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'number',
	default: 0,
	description: 'Only transactions of this office location; 0 means all locations',
};

export const thruDateProperty: INodeProperties = {
	displayName: 'Through Date',
	name: 'thruDate',
	type: 'string',
	default: '',
	placeholder: '2026-06-30',
	description: 'Only transactions up to this date (YYYY-MM-DD); empty means today',
};

export const summarizeInvoicesProperty: INodeProperties = {
	displayName: 'Invoice Detail Level',
	name: 'summarizeInvoices',
	type: 'options',
	options: [
		{ name: 'Default', value: 'Default', description: 'A line such as "Service"' },
		{ name: 'Condensed', value: 'Condensed', description: 'Brief details per line' },
		{ name: 'Detailed', value: 'Detailed', description: 'Extensive details per line' },
	],
	default: 'Default',
};

export const includedIdsProperty: INodeProperties = {
	displayName: 'Include Only IDs',
	name: 'includedIds',
	type: 'string',
	default: '',
	placeholder: '1042, 1043',
	description: 'Comma-separated Manage record IDs to include (of the chosen kind); empty means all',
};

export const excludedIdsProperty: INodeProperties = {
	displayName: 'Exclude IDs',
	name: 'excludedIds',
	type: 'string',
	default: '',
	placeholder: '1044',
	description: 'Comma-separated Manage record IDs to leave out of this batch',
};

export const batchIdModeProperty: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchIdMode',
	type: 'options',
	options: [
		{ name: 'Date, Initials and Kind (e.g. 20260630JD-I)', value: 'generate' },
		{ name: 'Custom', value: 'custom' },
	],
	default: 'generate',
};

export const initialsProperty: INodeProperties = {
	displayName: 'Initials',
	name: 'initials',
	type: 'string',
	default: '',
	placeholder: 'JD',
	displayOptions: { show: { batchIdMode: ['generate'] } },
	description: 'Of the person the batch is run for',
};

export const batchIdentifierProperty: INodeProperties = {
	displayName: 'Batch Identifier',
	name: 'batchIdentifier',
	type: 'string',
	default: '',
	placeholder: '20260630JD-I',
	displayOptions: { show: { batchIdMode: ['custom'] } },
	description: 'At most 50 characters. Set it by expression from the Export GL Batch summary to reuse the same ID.',
};

export const wholeBatchProperty: INodeProperties = {
	displayName: 'Whole Batch or Nothing',
	name: 'wholeBatch',
	type: 'boolean',
	default: true,
	description: 'Whether one transaction that cannot be mapped (a customer without an account number, a member without a vendor number…) stops the whole batch before anything is posted, as seed 003 does',
};

export const unusualInvoicesProperty: INodeProperties = {
	displayName: 'Zero and Negative Invoices',
	name: 'unusualInvoices',
	type: 'options',
	options: [
		{
			name: 'Hold for Review',
			value: 'hold',
			description: 'Left out of this batch (INVOICE_HELD_FOR_REVIEW on the Rejected output); they stay unexported in Manage and come again with the next export, and the rest of the batch goes on',
		},
		{ name: 'Reject', value: 'reject', description: 'Refused with INVOICE_AMOUNT_UNUSUAL; with Whole Batch or Nothing the batch stops' },
		{ name: 'Post', value: 'post', description: 'Posted as any invoice' },
	],
	default: 'hold',
	description: 'What to do with an invoice whose total is zero, or an INVOICE whose total is negative (a credit entered as an invoice): neither is an ordinary sale',
};

export const postingFields: INodeProperties[] = postingProperties();

/** Which unposted transactions to read: Get Unposted lists them, Export GL Batch exports them. */
export const unpostedSelection: INodeProperties[] = [kindsProperty, locationProperty, thruDateProperty, summarizeInvoicesProperty, includedIdsProperty, excludedIdsProperty];

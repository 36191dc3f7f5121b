import type { INodeProperties } from 'n8n-workflow';

import { documentsFieldProperty } from '../../shared/descriptions';
import { postingProperties } from '../../shared/posting';

/** The fields several Sage Import operations show; each operation's file lists what it shows, in order. */

export const documentsField: INodeProperties = { ...documentsFieldProperty };

export const postingFields: INodeProperties[] = postingProperties();

export const maxDocumentsProperty: INodeProperties = {
	displayName: 'Maximum Documents per Run',
	name: 'maxDocuments',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: 'Stop after this many documents; the rest wait for the next run. 0 means no limit. While an integration beds in, 10 is a good start.',
};

export const sage100OptionsProperty: INodeProperties = {
	displayName: 'Sage 100 Options',
	name: 'sage100Options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Collective Account for New Customers Name or ID',
			name: 'customerAccount',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getNominalAccounts' },
			default: '',
			description:
				'The general account (CG_NumPrinc) of customers the run creates, where their invoices are debited; 411000 when empty. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Company Currency',
			name: 'companyCurrency',
			type: 'string',
			default: 'EUR',
			description: 'The currency the company keeps its books in; invoices in another currency need an exchange rate and sales accounts set up for that currency',
		},
		{
			displayName: 'Sales Account Currency Check',
			name: 'salesAccountCurrency',
			type: 'options',
			options: [
				{
					name: 'Foreign-Currency Invoices',
					value: 'foreignCurrency',
					description: "An invoice in another currency needs sales accounts associated with that currency in Sage",
				},
				{
					name: 'Every Invoice',
					value: 'always',
					description: 'Every sales account used needs an associated currency, as the platform\'s own connector asks',
				},
				{ name: 'Never', value: 'never', description: 'No currency check on sales accounts' },
			],
			default: 'foreignCurrency',
			description:
				'When "the sales account has no associated currency" stops an invoice. The seed names the error without saying when it applies, so choose what your Sage company expects.',
		},
		{
			displayName: 'Update Existing Customers',
			name: 'updateExistingCustomers',
			type: 'boolean',
			default: false,
			description: 'Whether a customer Sage already has gets the name, address and identifiers the platform sends (off: Sage keeps its own record and the difference is reported)',
		},
	],
};

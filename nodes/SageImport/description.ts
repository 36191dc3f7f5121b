import type { INodeProperties } from 'n8n-workflow';

import { documentsFieldProperty } from '../shared/descriptions';

export const sageImportProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Post Documents',
				value: 'post',
				action: 'Post documents to sage',
				description: 'Post invoices, credit notes and purchase invoices; skip what Sage already has',
			},
			{
				name: 'Look Up',
				value: 'lookUp',
				action: 'Look up sage codes',
				description: 'Read customers, suppliers, nominal accounts, tax codes or departments',
			},
		],
		default: 'post',
	},
	{
		displayName: 'What to Look Up',
		name: 'lookUp',
		type: 'options',
		options: [
			{ name: 'Customers', value: 'customers' },
			{ name: 'Departments', value: 'departments' },
			{ name: 'Mapping Tables for Ledger Mapping', value: 'mappingTables', description: 'One item that Ledger Mapping can use as its Mapping Tables (JSON)' },
			{ name: 'Nominal Accounts', value: 'nominalAccounts' },
			{ name: 'Suppliers', value: 'suppliers' },
			{ name: 'Tax Codes', value: 'taxCodes' },
		],
		default: 'nominalAccounts',
		displayOptions: { show: { operation: ['lookUp'] } },
	},
	{ ...documentsFieldProperty, displayOptions: { show: { operation: ['post'] } } },
	{
		displayName: 'Import Folder',
		name: 'importFolder',
		type: 'string',
		default: '',
		placeholder: 'C:\\SageImports',
		displayOptions: { show: { operation: ['post'] } },
		description:
			"Sage 50 editions only: where the import files are written (Sage 50's ODBC driver cannot post). Files appear complete or not at all, under new names.",
	},
	{
		displayName: 'Create Missing Customers and Suppliers',
		name: 'createMissingAccounts',
		type: 'boolean',
		default: true,
		displayOptions: { show: { operation: ['post'] } },
		description: 'Whether an account code Sage does not have yet is created (a document without a code is always rejected)',
	},
	{
		displayName: 'Maximum Documents per Run',
		name: 'maxDocuments',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { operation: ['post'] } },
		description: 'Stop after this many documents; the rest wait for the next run. 0 means no limit. While an integration beds in, 10 is a good start.',
	},
];

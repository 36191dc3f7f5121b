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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: ['post'] } },
		options: [
			{
				displayName: 'Default Department Name or ID',
				name: 'defaultDepartment',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getDepartments' },
				default: '',
				description:
					'Department of lines that have none (and whose document has none). Sage 50 UK and generic only: Sage 50 US has no departments. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Default Purchase Nominal Code Name or ID',
				name: 'defaultPurchaseNominalCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getNominalAccounts' },
				default: '',
				description:
					'Nominal (G/L) account of purchase, expense and item-receipt lines that have none; also the default account of suppliers the run creates. A line\'s own account is never replaced. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Default Sales Nominal Code Name or ID',
				name: 'defaultSalesNominalCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getNominalAccounts' },
				default: '',
				description:
					'Nominal (G/L) account of sales invoice and credit note lines that have none; also the default account of customers the run creates. A line\'s own account is never replaced. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Default Tax Code Name or ID',
				name: 'defaultTaxCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTaxCodes' },
				default: '',
				description:
					'Tax code of lines that have none; without it Sage 50 UK and generic reject such lines (Sage would read a blank as T0) and Sage 50 US writes no Sales Tax ID. Also the default tax code of accounts the run creates. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Sage 50 US Amount Signs',
				name: 'usAmountSigns',
				type: 'options',
				options: [
					{
						name: 'Debit Positive, Credit Negative',
						value: 'debitPositive',
						description: "Sales lines negative, purchase lines positive, credit memos the other way round: the General Journal's documented rule",
					},
					{
						name: 'As on the Document',
						value: 'asDocument',
						description: 'Invoices and credit memos both positive; the Credit Memo column alone gives the direction',
					},
				],
				default: 'debitPositive',
				description:
					"How amounts are signed in the Sales and Purchases Journal files. Sage documents the sign for its General Journal import only, so check one invoice and one credit memo in a test company before choosing.",
			},
			{
				displayName: 'Sage 50 US Purchase Tax G/L Account Name or ID',
				name: 'usPurchaseTaxAccount',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getNominalAccounts' },
				default: '',
				description:
					'G/L account of the tax row of a purchase with tax; without it such purchases are rejected. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Sage 50 US Sales Tax Agency ID',
				name: 'usSalesTaxAgencyId',
				type: 'string',
				default: '',
				description: 'Sales Tax Agency ID written on the sales tax row',
			},
			{
				displayName: 'Sage 50 US Sales Tax G/L Account Name or ID',
				name: 'usSalesTaxAccount',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getNominalAccounts' },
				default: '',
				description:
					'G/L account of the sales tax row of an invoice with tax; without it such invoices are rejected. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

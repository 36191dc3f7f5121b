import type { INodeProperties } from 'n8n-workflow';

import { documentsFieldProperty } from '../shared/descriptions';
import { postingProperties } from '../shared/posting';

/** The operations for a Sage 100 (France) company; the others are for Sage 50 and generic ODBC. */
export const SAGE100_OPERATIONS = ['syncCustomers', 'syncProjects', 'checkInvoices', 'postInvoices', 'synchronise'] as const;
export type Sage100OperationName = (typeof SAGE100_OPERATIONS)[number];

export const sageImportProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Check Invoices (Sage 100)',
				value: 'checkInvoices',
				action: 'Check invoices for sage 100',
				description: 'Find every reason Sage 100 would refuse each invoice, without posting anything',
			},
			{
				name: 'Get Payment Status',
				value: 'paymentStatus',
				action: 'Get payment status of sales invoices',
				description: 'Sage 50 UK and generic ODBC: whether posted sales invoices are paid — amount, amount paid, outstanding',
			},
			{
				name: 'Look Up',
				value: 'lookUp',
				action: 'Look up sage codes',
				description: 'Read customers, suppliers, nominal accounts, tax codes, departments, journals or projects',
			},
			{
				name: 'Post Documents',
				value: 'post',
				action: 'Post documents to sage',
				description: 'Sage 50 and generic ODBC: post invoices, credit notes and purchase invoices; skip what Sage already has',
			},
			{
				name: 'Post Invoices (Sage 100)',
				value: 'postInvoices',
				action: 'Post invoices to sage 100',
				description: 'Post sales invoices and credit notes to the sales journal with their project; skip what Sage already has',
			},
			{
				name: 'Sync Customers (Sage 100)',
				value: 'syncCustomers',
				action: 'Sync customers to sage 100',
				description: 'Create customers Sage 100 does not have yet; each needs a unique code',
			},
			{
				name: 'Sync Projects (Sage 100)',
				value: 'syncProjects',
				action: 'Sync projects to sage 100',
				description: 'Create projects as sections of the analytic plan for projects',
			},
			{
				name: 'Synchronise All (Sage 100)',
				value: 'synchronise',
				action: 'Synchronise customers projects and invoices with sage 100',
				description: 'Customers, then projects, then invoices checked and posted, in one run with a status for each',
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
			{ name: 'Journals (Sage 100)', value: 'journals' },
			{ name: 'Mapping Tables for Ledger Mapping', value: 'mappingTables', description: 'One item that Ledger Mapping can use as its Mapping Tables (JSON)' },
			{ name: 'Nominal Accounts', value: 'nominalAccounts' },
			{ name: 'Projects (Sage 100)', value: 'projects', description: 'The sections of the analytic plan for projects' },
			{ name: 'Suppliers', value: 'suppliers' },
			{ name: 'Tax Codes', value: 'taxCodes' },
		],
		default: 'nominalAccounts',
		displayOptions: { show: { operation: ['lookUp'] } },
	},
	{ ...documentsFieldProperty, displayOptions: { show: { operation: ['post', ...SAGE100_OPERATIONS] } } },
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		default: '={{ $json.invoiceNumber }}',
		displayOptions: { show: { operation: ['paymentStatus'] } },
		description: 'The sales invoice number as posted to Sage (the audit trail\'s reference), one per input item, e.g. from ConnectWise Manage\'s Get Invoices',
	},
	{
		displayName: 'Projects',
		name: 'projects',
		type: 'json',
		default: '[]',
		displayOptions: { show: { operation: ['synchronise'] } },
		description:
			'The projects to create before the invoices are posted, as a list of {"code", "name"}: usually an expression that reads body.projects from the Webhook node\'s item. Projects are not ledger documents, so they do not pass through Ledger Mapping.',
	},
	{
		displayName: 'Import Folder',
		name: 'importFolder',
		type: 'string',
		default: '',
		placeholder: 'C:\\SageImports',
		displayOptions: { show: { operation: ['post'] } },
		description:
			"Sage 50 editions only: where the import files are written (Sage 50's ODBC driver cannot post). Each run's files appear together in a folder of their own, or not at all.",
	},
	...postingProperties({ operation: ['post', 'postInvoices', 'synchronise', 'syncCustomers', 'syncProjects'] }),
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
		displayOptions: { show: { operation: ['post', 'checkInvoices', 'postInvoices', 'synchronise'] } },
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
				displayName: 'Credit Limit Handling',
				name: 'creditLimitHandling',
				type: 'options',
				options: [
					{ name: 'Ignore', value: 'ignore', description: 'Post whatever the customer owes (as before this option existed)' },
					{
						name: 'Warn Over Limit',
						value: 'warnOverLimit',
						description: 'Post, with a warning on the Posted item when the invoice takes the customer over its credit limit',
					},
					{
						name: 'Hold Over Limit',
						value: 'holdOverLimit',
						description: 'Do not post an invoice that takes the customer over its credit limit: it is rejected with SAGE_CREDIT_LIMIT_HOLD and waits for a later run',
					},
					{
						name: "Use Each Customer's Credit Status",
						value: 'customerStatus',
						description:
							'No Credit Limit, Notify Over Limit, Always Notify, Hold Over Limit or Always Hold, read from a CREDIT_STATUS column of SALES_LEDGER (not confirmed in Sage 50\'s schema)',
					},
				],
				default: 'ignore',
				description:
					"Sage 50 UK and generic ODBC, sales invoices only: compare each customer's balance in Sage plus this run's invoices with its credit limit (a limit of 0 means none is set)",
			},
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
				typeOptions: { loadOptionsMethod: 'getLineNominalAccounts' },
				default: '',
				description:
					'Nominal (G/L) account of purchase, expense and item-receipt lines that have none; also the default account of suppliers the run creates. A line\'s own account is never replaced. The list leaves out the control accounts (debtors, creditors, VAT, bank). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Default Sales Nominal Code Name or ID',
				name: 'defaultSalesNominalCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getLineNominalAccounts' },
				default: '',
				description:
					'Nominal (G/L) account of sales invoice and credit note lines that have none; also the default account of customers the run creates. A line\'s own account is never replaced. The list leaves out the control accounts (debtors, creditors, VAT, bank). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
		],
	},
	{
		displayName: 'Sage 100 Options',
		name: 'sage100Options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: [...SAGE100_OPERATIONS] } },
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
	},
];

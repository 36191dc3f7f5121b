import type { INodeProperties } from 'n8n-workflow';

import { documentsFieldProperty } from '../shared/descriptions';
import { postingProperties } from '../shared/posting';

const [journalProperty, dryRunProperty] = postingProperties();

const post = { show: { operation: ['post'] } };

export const exactOnlineProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Post Entries',
				value: 'post',
				action: 'Post sales and purchase entries',
				description: 'Post invoices and credit notes as sales or purchase entries; skip what Exact already has',
			},
			{
				name: 'Get Payment Status',
				value: 'paymentStatus',
				action: 'Get payment status of sales entries',
				description: 'Whether posted sales invoices are paid: amount paid, outstanding, last payment date',
			},
			{
				name: 'Look Up',
				value: 'lookUp',
				action: 'Look up exact online codes',
				description: 'Read divisions, journals, G/L accounts, VAT codes, payment conditions or currencies',
			},
		],
		default: 'post',
	},
	{
		displayName: 'Division Name or ID',
		name: 'division',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDivisions' },
		default: '',
		description:
			'The Exact company (division) to work in. Empty means the connected user\'s current division, which follows the last company picked in Exact\'s web screens — choose one explicitly for scheduled runs. By expression, use the division code the API uses (e.g. 1234567), NOT the small number Exact\'s company list shows under "Code" (that is the HID). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'What to Look Up',
		name: 'lookUp',
		type: 'options',
		options: [
			{ name: 'Currencies', value: 'currencies' },
			{ name: 'Divisions', value: 'divisions' },
			{ name: 'G/L Accounts', value: 'glAccounts' },
			{ name: 'Journals', value: 'journals' },
			{ name: 'Mapping Tables for Ledger Mapping', value: 'mappingTables', description: 'One item that Ledger Mapping can use as its Mapping Tables (JSON)' },
			{ name: 'Payment Conditions', value: 'paymentConditions' },
			{ name: 'VAT Codes', value: 'vatCodes' },
		],
		default: 'glAccounts',
		displayOptions: { show: { operation: ['lookUp'] } },
	},
	{ ...documentsFieldProperty, displayOptions: post },
	{
		...journalProperty,
		description:
			'Where Ledger Bridge records what it sent, so that a rerun, a run overlapping another, or a second worker never posts an entry twice; workers sharing the Exact credential also take turns there to refresh its one-time token',
	},
	{ ...dryRunProperty, displayOptions: post },
	{
		displayName: 'Sales Journal Name or ID',
		name: 'salesJournal',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSalesJournals', loadOptionsDependsOn: ['division'] },
		default: '',
		displayOptions: post,
		description:
			'The journal code for sales entries (e.g. 70) — the code, not a GUID. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Purchase Journal Name or ID',
		name: 'purchaseJournal',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPurchaseJournals', loadOptionsDependsOn: ['division'] },
		default: '',
		displayOptions: post,
		description:
			'The journal code for purchase entries (e.g. 60). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Create Missing Accounts',
		name: 'createMissingAccounts',
		type: 'boolean',
		default: true,
		displayOptions: post,
		description:
			'Whether a customer or supplier code Exact does not have yet is created (with its name, VAT number, country and payment condition). A document without a code is always rejected.',
	},
	{
		displayName: 'Create Missing G/L Accounts',
		name: 'createMissingGlAccounts',
		type: 'boolean',
		default: false,
		displayOptions: post,
		description:
			'Whether a line G/L account code Exact does not have is created (as a revenue account for sales, a cost account for purchases). Off: such documents are rejected with EXACT_GL_ACCOUNT_MISSING, which is usually what you want.',
	},
	{
		displayName: 'New Accounts',
		name: 'newAccounts',
		type: 'collection',
		placeholder: 'Add Default',
		default: {},
		displayOptions: { show: { operation: ['post'], createMissingAccounts: [true] } },
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
		displayOptions: post,
		description: 'Stop after this many documents; the rest wait for the next run. 0 means no limit.',
	},
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		default: '={{ $json.documentNumber ?? $json.header?.number }}',
		displayOptions: { show: { operation: ['paymentStatus'] } },
		description: 'The source invoice number posted as YourRef, one per input item',
	},
];

import type { INodeProperties } from 'n8n-workflow';

export const streamtimeFileProperties: INodeProperties[] = [
	{
		displayName: 'Read From',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'The file an Import Folder Trigger, e-mail or upload passed on' },
			{ name: 'File Path', value: 'path', description: 'A file on the n8n machine' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'File Path',
		name: 'filePath',
		type: 'string',
		default: '',
		placeholder: '/srv/exports/June Invoices.txt',
		displayOptions: { show: { source: ['path'] } },
	},
	{
		displayName: 'Export Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Detect From the Headings', value: 'auto' },
			{ name: 'Invoice List (Sales)', value: 'salesInvoices' },
			{ name: 'Purchase Order List', value: 'purchaseOrders' },
		],
		default: 'auto',
	},
	{
		displayName: 'Output Documents As',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'Items (One per Document)', value: 'items', description: 'Every document is an item you can open in the editor' },
			{
				name: 'Items, or a Document File for Large Exports',
				value: 'auto',
				description: 'Items up to the number below; above it, one document file, so a month-end export does not fill the memory',
			},
			{
				name: 'Document File',
				value: 'file',
				description: 'One item holding every document as a JSON-lines file; Ledger Mapping and the posting nodes read it as they read items',
			},
		],
		default: 'items',
		description: 'How the documents reach the next node. n8n keeps every item of a run in memory (about 90 KiB per invoice); a document file keeps one.',
	},
	{
		displayName: 'Document File Above',
		name: 'documentFileAbove',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 5000,
		description: 'Up to this many documents come out as items; more come out as one document file',
		displayOptions: { show: { output: ['auto'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Column Names (JSON)',
				name: 'columns',
				type: 'json',
				default: '{}',
				description:
					'Your export\'s headings where they differ from the defaults, e.g. {"salesInvoices": {"documentNumber": "Inv No"}} (see the README)',
			},
			{
				displayName: 'Date Order',
				name: 'dateOrder',
				type: 'options',
				options: [
					{ name: 'Day/Month/Year', value: 'dmy' },
					{ name: 'Month/Day/Year', value: 'mdy' },
				],
				default: 'dmy',
			},
			{
				displayName: 'Decimal Separator',
				name: 'decimalSeparator',
				type: 'options',
				options: [
					{ name: 'Dot (1,234.50)', value: '.' },
					{ name: 'Comma (1.234,50)', value: ',' },
				],
				default: '.',
			},
			{
				displayName: 'Default Currency',
				name: 'defaultCurrency',
				type: 'string',
				default: '',
				placeholder: 'GBP',
				description: 'Currency of documents whose rows name none',
			},
			{
				displayName: 'Encoding',
				name: 'encoding',
				type: 'options',
				options: [
					{ name: 'Detect', value: 'auto' },
					{ name: 'Mac Roman', value: 'macintosh' },
					{ name: 'UTF-16 BE', value: 'utf-16be' },
					{ name: 'UTF-16 LE', value: 'utf-16le' },
					{ name: 'UTF-8', value: 'utf-8' },
					{ name: 'Windows-1252', value: 'windows-1252' },
				],
				default: 'auto',
			},
		],
	},
];

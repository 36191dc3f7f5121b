import type { INodeProperties } from 'n8n-workflow';

import { documentsFieldProperty } from '../shared/descriptions';
import { postingProperties } from '../shared/posting';

export const operaLedgerProperties: INodeProperties[] = [
	{
		displayName:
			'Writes the files the Opera 3 Importer reads: SNAME/STRAN/SANAL for customers and sales, PNAME/PTRAN/PANAL for suppliers and purchases. Check documents with Ledger Mapping (target profile "Pegasus Opera 3") first.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'File Format',
		name: 'format',
		type: 'options',
		options: [
			{
				name: 'DBF (FoxPro Compatible)',
				value: 'dbf',
				description: 'A dBase III file with the Windows-1252 code-page mark; the only format that carries matched receipts',
			},
			{ name: 'CSV with Column Headings', value: 'csv', description: 'Windows-1252 text, one heading row of Opera field names' },
		],
		default: 'dbf',
	},
	documentsFieldProperty,
	{
		displayName: 'Import Folder',
		name: 'outputFolder',
		type: 'string',
		default: '',
		placeholder: '/srv/opera/import',
		description:
			"Also write the files into this folder, where the Importer picks them up: each run's files appear together in a folder of their own, or not at all. Leave empty for binary output only.",
	},
	...postingProperties(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Cashbook Type for Receipts and Payments',
				name: 'cashbookType',
				type: 'string',
				default: '',
				placeholder: 'R2',
				description: 'ST_CBTYPE/PT_CBTYPE on receipts and payments; blank lets Opera use its default',
			},
			{
				displayName: 'Credit Note and Receipt Sign',
				name: 'creditSign',
				type: 'options',
				options: [
					{ name: 'Negative (As Opera Stores Them)', value: 'negative' },
					{ name: 'Positive', value: 'positive' },
				],
				default: 'negative',
				description:
					'Opera holds credit notes, receipts and payments as negative values; switch to positive if your Importer set-up expects that',
			},
			{
				displayName: 'CSV Date Layout',
				name: 'dateLayout',
				type: 'options',
				options: [
					{ name: 'Day/Month/Year (31/03/2026)', value: 'dd/MM/yyyy' },
					{ name: 'Year-Month-Day (2026-03-31)', value: 'yyyy-MM-dd' },
				],
				default: 'dd/MM/yyyy',
				description: 'How dates are written in CSV files; DBF files always hold dates as dates',
			},
			{
				displayName: 'Default Supplier Payment Method',
				name: 'defaultPaymentMethod',
				type: 'string',
				default: 'C',
				description: 'PN_PAYMETH for suppliers without a payment method (B BACS, C cheque, H other)',
			},
			{
				displayName: 'Opera Data Folder',
				name: 'dataFolder',
				type: 'string',
				default: '',
				placeholder: 'X:\\Opera3\\Data\\A',
				description:
					"The company's own data folder (with STRAN.DBF, PTRAN.DBF, SNAME.DBF, PNAME.DBF), read only, so that what Opera already holds is not written again — also documents imported by hand or by another tool",
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'The binary property each file is put in',
			},
			{
				displayName: 'VAT Country Type',
				name: 'vatCountryType',
				type: 'string',
				default: 'H',
				description: 'SA_VATCTRY/PA_VATCTRY of every analysis line (H: home)',
			},
		],
	},
];

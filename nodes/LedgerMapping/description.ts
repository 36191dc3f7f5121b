import type { INodeProperties } from 'n8n-workflow';

import { MAPPING_TABLES, MAPPING_TABLE_NAMES } from '../../lib/mapping/tables';
import { CONSTRAINT_PROFILES } from '../../lib/profiles';
import { documentsFieldProperty } from '../shared/descriptions';

const tableOptions = MAPPING_TABLE_NAMES.map((table) => ({ name: MAPPING_TABLES[table].label, value: table }));

export const ledgerMappingProperties: INodeProperties[] = [
	{
		displayName: 'Target Profile',
		name: 'targetProfile',
		type: 'options',
		options: [
			...CONSTRAINT_PROFILES.map((profile) => ({
				name: profile.name,
				value: profile.id,
				description: profile.description,
			})),
			{ name: 'Custom (JSON)', value: 'custom', description: 'Your own field limits, mandatory fields and tax codes' },
		],
		// The options come from the profile registry, which the rule cannot read.
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options
		default: 'generic',
		description: 'The ledger the documents are going to: its field lengths, characters, mandatory fields and tax codes',
	},
	{
		displayName: 'Custom Profile',
		name: 'customProfile',
		type: 'json',
		default:
			'{\n  "name": "My ledger",\n  "text": { "allowedCharacters": "A-Za-z0-9 .,\'()/-", "tooLong": "truncate" },\n  "fields": [\n    { "path": "party.code", "label": "account code", "maxLength": 8, "mandatory": true },\n    { "path": "lines[].description", "maxLength": 60 }\n  ],\n  "taxCodes": { "pattern": "T[0-9]{1,2}" }\n}',
		displayOptions: { show: { targetProfile: ['custom'] } },
		description: 'Same shape as the built-in profiles; see the README section "Constraint profiles"',
	},
	{
		displayName: 'Batch Mode',
		name: 'batchMode',
		type: 'options',
		options: [
			{
				name: 'Per Document',
				value: 'perDocument',
				description: 'Valid documents go on; rejected ones go to the Rejected output',
			},
			{
				name: 'Whole Batch',
				value: 'wholeBatch',
				description: 'One rejected document stops the whole batch: nothing goes to the Valid output',
			},
		],
		default: 'perDocument',
	},
	documentsFieldProperty,
	{
		displayName: 'Mappings',
		name: 'mappings',
		placeholder: 'Add Mapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description: 'Source code → target code, one row per code',
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Table', name: 'table', type: 'options', options: tableOptions, default: 'account' },
					{ displayName: 'From (Source Code)', name: 'from', type: 'string', default: '' },
					{ displayName: 'To (Target Code)', name: 'to', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Unmapped Values',
		name: 'policies',
		placeholder: 'Add Policy',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'What happens to a code a table does not list. Tables without a policy pass codes through unchanged.',
		options: [
			{
				displayName: 'Policy',
				name: 'policy',
				values: [
					{ displayName: 'Table', name: 'table', type: 'options', options: tableOptions, default: 'account' },
					{
						displayName: 'When Not in Table',
						name: 'policy',
						type: 'options',
						options: [
							{ name: 'Reject the Document', value: 'reject' },
							{ name: 'Pass the Code Through', value: 'passThrough' },
							{ name: 'Use a Default Code', value: 'default' },
						],
						default: 'reject',
					},
					{
						displayName: 'Default Code',
						name: 'defaultValue',
						type: 'string',
						default: '',
						displayOptions: { show: { policy: ['default'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Mapping Tables (JSON)',
		name: 'mappingTablesJson',
		type: 'json',
		default: '{}',
		description:
			'More tables, e.g. fed from a previous node with an expression: {"taxCode": {"S": "T1"}, "policies": {"taxCode": "reject"}}. Added to the rows above.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ignore Case When Matching Codes',
				name: 'ignoreCase',
				type: 'boolean',
				default: false,
				description: 'Whether "acme" in a document matches "ACME" in a table',
			},
			{
				displayName: 'Import Log',
				name: 'importLog',
				type: 'boolean',
				default: true,
				description:
					'Whether to put out a CSV import log (opens in Excel) on the Import Log output when anything was rejected',
			},
			{
				displayName: 'Import Log File Name',
				name: 'importLogFileName',
				type: 'string',
				default: '',
				placeholder: 'ledger-bridge-import-log.csv',
				description: 'Leave empty for a name with the date and time of the run',
			},
		],
	},
];

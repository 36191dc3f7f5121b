import type { INodeProperties } from 'n8n-workflow';

export const importFolderProperties: INodeProperties[] = [
	{
		displayName: 'File Path',
		name: 'filePath',
		type: 'string',
		default: "={{ $('Import Folder Trigger').first().json.path }}",
		required: true,
		description: 'The export file to move, usually the path the Import Folder Trigger emitted',
	},
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'options',
		options: [
			{
				name: 'By the Run\'s Outcome',
				value: 'outcome',
				description:
					'"failed" beside the file when an incoming item reports a rejected document or row, otherwise "processed" (duplicates count as imported)',
			},
			{ name: 'Processed Folder', value: 'processed', description: 'A "processed" folder beside the file' },
			{ name: 'Failed Folder', value: 'failed', description: 'A "failed" folder beside the file' },
			{ name: 'Other Folder', value: 'custom' },
		],
		default: 'processed',
	},
	{
		displayName: 'Folder',
		name: 'folder',
		type: 'string',
		default: '',
		displayOptions: { show: { destination: ['custom'] } },
		description: 'Where to move the file',
	},
	{
		displayName: 'Write Import Log',
		name: 'writeImportLog',
		type: 'options',
		options: [
			{
				name: 'When Something Was Rejected',
				value: 'rejected',
				description: 'Beside the moved file, e.g. failed/june-invoices.import-log.csv',
			},
			{ name: 'Always', value: 'always', description: 'Also beside exports that imported cleanly' },
			{ name: 'Never', value: 'never' },
		],
		default: 'rejected',
		description:
			'Writes the import logs of the incoming items (Ledger Mapping, Sage Import) and the rows Streamtime File could not read into one CSV beside the moved export; an existing log is never replaced',
	},
	{
		displayName: 'Fail the Run When Something Was Rejected',
		name: 'failOnRejection',
		type: 'boolean',
		default: true,
		description:
			'Whether a run that rejected a document, a row or the file ends as a failed execution — after the export was moved and its import log written — so it shows red in the executions list and starts the error workflow',
	},
	{
		displayName: 'Import Log Field',
		name: 'importLogField',
		type: 'string',
		default: 'importLog',
		displayOptions: { hide: { writeImportLog: ['never'] } },
		description: 'The binary property the import logs are in',
	},
];

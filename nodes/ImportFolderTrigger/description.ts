import type { INodeProperties } from 'n8n-workflow';

export const importFolderTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Folder',
		name: 'folder',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/srv/exports/streamtime',
		description: 'The folder exports are saved into (a local path or a mounted share)',
	},
	{
		displayName: 'File Pattern',
		name: 'pattern',
		type: 'string',
		default: '*.{txt,tab,tsv}',
		description: 'Which files to take: * and ? within a name, {a,b} for alternatives; case is ignored',
	},
	{
		displayName: 'Settle Time (Seconds)',
		name: 'settleSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10,
		description:
			'A file is taken once the polls saw it unchanged (size and time) for this long, so half-saved exports are never read; raise it for copies over a slow network share',
	},
	{
		displayName: 'Retry Unmoved Export After (Minutes)',
		name: 'leaseMinutes',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 10,
		description:
			'An export stays in the folder until Import Folder moves it at the end of the run. One still there this long after its run started belongs to a run that failed or was stopped, and starts a new run; documents already posted are skipped as duplicates. Set it above your longest run; 0 never retries (for workflows that leave exports in the folder).',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3,
		displayOptions: { hide: { leaseMinutes: [0] } },
		description: 'How many runs one export gets at most; after the last the export stays in the folder (saving it again starts over) and n8n\'s log says so',
	},
	{
		displayName: 'Files per Run',
		name: 'filesPerRun',
		type: 'options',
		options: [
			{
				name: 'One Export per Run',
				value: 'one',
				description:
					'Each export gets its own run, outcome, import log and destination; exports saved together follow on the next polls, oldest first',
			},
			{ name: 'All Ready Files Together', value: 'all', description: 'One run with an item per file' },
		],
		default: 'one',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'The binary property the file is put in',
	},
];

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';

import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { fileErrorReason } from '../../lib/files/reason';
import { emptyFolderState, globToRegExp, pollFolder, unsettle, type FolderState, type ReadyFile } from '../../lib/sources/folder/watch';
import { assertFileAccess } from '../shared/fileAccess';
import { operationError } from '../shared/errors';

/**
 * n8n 2 disables its own Local File Trigger by default; this one polls instead of watching,
 * which also works on network shares where file events never arrive.
 */
export class ImportFolderTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Import Folder Trigger',
		name: 'importFolderTrigger',
		icon: { light: 'file:importFolderTrigger.svg', dark: 'file:importFolderTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Watch " + $parameter["folder"] + " for " + $parameter["pattern"] }}',
		description: 'Starts the workflow when a finished export file lands in a folder',
		defaults: { name: 'Import Folder Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
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
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const folder = (this.getNodeParameter('folder') as string).trim();
		const pattern = (this.getNodeParameter('pattern') as string).trim() || '*';
		const settleMs = Math.max(0, Number(this.getNodeParameter('settleSeconds', 10))) * 1000;
		const binaryProperty = (this.getNodeParameter('binaryPropertyName', 'data') as string) || 'data';
		const filesPerRun = this.getNodeParameter('filesPerRun', 'one') as 'one' | 'all';
		try {
			globToRegExp(pattern);
		} catch (error) {
			throw operationError(this.getNode(), (error as Error).message);
		}
		// n8n's file-access rules: a polling trigger gets no check from n8n, so the same rule is applied here.
		await assertFileAccess(this, [{ path: folder || '.', what: 'the watched folder' }]);
		try {
			await readdir(folder);
		} catch (error) {
			// n8n rewrites messages that mention ENOENT and friends into generic ones that lose
			// the path, so the reason is put in words here and the raw error in the description.
			const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not exist' : fileErrorReason(error);
			throw operationError(this.getNode(), `Cannot watch ${folder || '(no folder set)'}: ${reason}.`, {
				description: `Check the folder path and that n8n may read it; for a share, that it is mounted. (${(error as Error).message})`,
			});
		}

		if (this.getMode() === 'manual') {
			// "Fetch test event" in the editor: the newest matching file, without remembering it,
			// so building the workflow does not use up the next real export.
			const newest = await newestFile(folder, pattern);
			if (!newest) return null;
			await assertFileAccess(this, [{ path: newest.path, what: 'the export' }]);
			const item = await fileItem.call(this, newest, binaryProperty);
			return item ? [[item]] : null;
		}

		const staticData = this.getWorkflowStaticData('node') as IDataObject & { folderState?: FolderState };
		const nowMs = Date.now();
		const { ready, state, givenUp } = await pollFolder(folder, pattern, staticData.folderState ?? emptyFolderState(), {
			nowMs,
			settleMs,
			maxFiles: filesPerRun === 'all' ? undefined : 1,
			leaseMs: Math.max(0, Number(this.getNodeParameter('leaseMinutes', 10))) * 60_000,
			maxAttempts: Math.max(1, Number(this.getNodeParameter('maxAttempts', 3))),
		});
		for (const file of givenUp) {
			this.logger.warn(
				`Import Folder Trigger: ${file.name} is still in ${folder} after ${file.attempt} runs and is not tried again; look at those runs in the executions list, then save the export again (or move it) to start over.`,
			);
		}
		// Checked before the folder state is saved: a refused file (a link leading out of the allowed folders) is not taken.
		await assertFileAccess(this, ready.map((file) => ({ path: file.path, what: 'the export' })));
		const items: INodeExecutionData[] = [];
		for (const file of ready) {
			const item = await fileItem.call(this, file, binaryProperty);
			if (item) items.push(item);
			else unsettle(state, file, nowMs);
		}
		staticData.folderState = state;
		if (items.length === 0) return null;
		for (const item of items) {
			if ((item.json.attempt as number) > 1) this.logger.info(`Import Folder Trigger: ${item.json.fileName} was left in the folder by an earlier run; attempt ${item.json.attempt}.`);
		}
		return [items];
	}
}

/**
 * The export as a binary item, with the SHA-256 of exactly the bytes read, so Import Folder can
 * refuse to move a file that changed after it was read. Undefined when the bytes read are not
 * the size the poll saw: the file is still changing.
 */
async function fileItem(this: IPollFunctions, file: ReadyFile, binaryProperty: string): Promise<INodeExecutionData | undefined> {
	const hash = createHash('sha256');
	let bytes = 0;
	const hashing = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			hash.update(chunk);
			bytes += chunk.length;
			done(null, chunk);
		},
	});
	const binary = await this.helpers.prepareBinaryData(createReadStream(file.path).pipe(hashing), file.name);
	if (bytes !== file.size) return undefined;
	return {
		json: {
			fileName: file.name,
			path: file.path,
			folder: path.dirname(file.path),
			size: file.size,
			modifiedAt: new Date(file.mtimeMs).toISOString(),
			sha256: hash.digest('hex'),
			attempt: file.attempt,
		},
		binary: { [binaryProperty]: binary },
	};
}

async function newestFile(folder: string, pattern: string): Promise<ReadyFile | undefined> {
	const matcher = globToRegExp(pattern);
	let newest: ReadyFile | undefined;
	for (const entry of await readdir(folder, { withFileTypes: true })) {
		if (!entry.isFile() || entry.name.startsWith('.') || !matcher.test(entry.name)) continue;
		const info = await stat(path.join(folder, entry.name));
		if (!newest || info.mtimeMs > newest.mtimeMs) {
			newest = { name: entry.name, path: path.join(folder, entry.name), size: info.size, mtimeMs: Math.trunc(info.mtimeMs), attempt: 1 };
		}
	}
	return newest;
}

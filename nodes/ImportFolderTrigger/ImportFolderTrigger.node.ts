import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { emptyFolderState, globToRegExp, pollFolder, type FolderState, type ReadyFile } from '../../lib/sources/folder/watch';
import { assertFileAccess } from '../shared/fileAccess';

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
					'A file is taken once two polls in a row saw the same size and it has not been written to for this long, so half-saved exports are never read',
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
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}
		// n8n's file-access rules: a polling trigger gets no check from n8n, so the same rule is applied here.
		await assertFileAccess(this, [{ path: folder || '.', what: 'the watched folder' }]);
		try {
			await readdir(folder);
		} catch (error) {
			// n8n rewrites messages that mention ENOENT and friends into generic ones that lose
			// the path, so the reason is put in words here and the raw error in the description.
			const code = (error as NodeJS.ErrnoException).code;
			const reason =
				code === 'ENOENT' ? 'the folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'n8n may not read it' : code === 'ENOTDIR' ? 'it is not a folder' : 'it cannot be read';
			throw new NodeOperationError(this.getNode(), `Cannot watch ${folder || '(no folder set)'}: ${reason}.`, {
				description: `Check the folder path and that n8n may read it; for a share, that it is mounted. (${(error as Error).message})`,
			});
		}

		if (this.getMode() === 'manual') {
			// "Fetch test event" in the editor: the newest matching file, without remembering it,
			// so building the workflow does not use up the next real export.
			const newest = await newestFile(folder, pattern);
			if (!newest) return null;
			await assertFileAccess(this, [{ path: newest.path, what: 'the export' }]);
			return [[await fileItem.call(this, newest, binaryProperty)]];
		}

		const staticData = this.getWorkflowStaticData('node') as IDataObject & { folderState?: FolderState };
		const { ready, state } = await pollFolder(folder, pattern, staticData.folderState ?? emptyFolderState(), {
			nowMs: Date.now(),
			settleMs,
			maxFiles: filesPerRun === 'all' ? undefined : 1,
		});
		// Checked before the folder state is saved: a refused file (a link leading out of the allowed folders) is not taken.
		await assertFileAccess(this, ready.map((file) => ({ path: file.path, what: 'the export' })));
		staticData.folderState = state;
		if (ready.length === 0) return null;
		return [await Promise.all(ready.map((file) => fileItem.call(this, file, binaryProperty)))];
	}
}

async function fileItem(this: IPollFunctions, file: ReadyFile, binaryProperty: string): Promise<INodeExecutionData> {
	return {
		json: { fileName: file.name, path: file.path, folder: path.dirname(file.path), size: file.size, modifiedAt: new Date(file.mtimeMs).toISOString() },
		binary: { [binaryProperty]: await this.helpers.prepareBinaryData(createReadStream(file.path), file.name) },
	};
}

async function newestFile(folder: string, pattern: string): Promise<ReadyFile | undefined> {
	const matcher = globToRegExp(pattern);
	let newest: ReadyFile | undefined;
	for (const entry of await readdir(folder, { withFileTypes: true })) {
		if (!entry.isFile() || entry.name.startsWith('.') || !matcher.test(entry.name)) continue;
		const info = await stat(path.join(folder, entry.name));
		if (!newest || info.mtimeMs > newest.mtimeMs) {
			newest = { name: entry.name, path: path.join(folder, entry.name), size: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
		}
	}
	return newest;
}

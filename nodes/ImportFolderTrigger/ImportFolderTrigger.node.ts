import { readdir } from 'node:fs/promises';

import { NodeConnectionTypes, type IDataObject, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { fileErrorReason } from '../../lib/files/reason';
import { emptyFolderState, globToRegExp, pollFolder, unsettle, type FolderState } from '../../lib/sources/folder/watch';
import { assertFileAccess } from '../shared/fileAccess';
import { operationError } from '../shared/errors';
import { importFolderTriggerProperties } from './description';
import { fileItem, newestFile } from './files';

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
		properties: importFolderTriggerProperties,
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

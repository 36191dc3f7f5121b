import path from 'node:path';

import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { reportsRejection } from '../../lib/sources/folder/importLog';
import { moveWithoutOverwrite } from '../../lib/sources/folder/move';
import { operationError } from '../shared/errors';
import { assertFileAccess } from '../shared/fileAccess';
import { importFolderProperties } from './description';
import { asOperationError, assertUnchangedSinceRead, rejectionError, writeLog } from './helpers';

/** The end of a folder-triggered run: the export goes to processed/ or failed/ beside it. */
export class ImportFolder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Import Folder',
		name: 'importFolder',
		icon: { light: 'file:importFolder.svg', dark: 'file:importFolder.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["destination"] === "outcome" ? "Move to processed or failed" : "Move to " + $parameter["destination"]}}',
		description: 'Move an imported export file to the processed or failed folder after the run',
		defaults: { name: 'Import Folder' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: importFolderProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// Every item of one export (its documents, rejects, summaries) belongs to one move.
		const byFile = new Map<string, number[]>();
		const results: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			try {
				const source = (this.getNodeParameter('filePath', index) as string).trim();
				if (!source) throw operationError(this.getNode(), 'Set the file to move.', { itemIndex: index });
				byFile.set(source, [...(byFile.get(source) ?? []), index]);
			} catch (error) {
				if (!this.continueOnFail()) throw asOperationError(this, error, index);
				results.push({ json: { error: (error as Error).message }, pairedItem: [{ item: index }] });
			}
		}
		for (const [source, indexes] of byFile) {
			const first = indexes[0];
			const pairedItem = indexes.map((item) => ({ item }));
			try {
				const rejected = indexes.some((index) => reportsRejection(items[index].json));
				const destination = this.getNodeParameter('destination', first) as string;
				const folder =
					destination === 'custom'
						? (this.getNodeParameter('folder', first) as string).trim()
						: path.join(path.dirname(source), destination === 'outcome' ? (rejected ? 'failed' : 'processed') : destination);
				if (!folder) throw operationError(this.getNode(), `Set the folder to move ${path.basename(source)} to.`, { itemIndex: first });
				await assertFileAccess(
					this,
					[
						{ path: source, what: 'the export' },
						{ path: folder, what: 'the folder to move the export to' },
					],
					first,
				);
				await assertUnchangedSinceRead.call(this, source, first);
				const target = await moveWithoutOverwrite(source, folder);
				const importLog = await writeLog.call(this, indexes, source, target, rejected);
				results.push({ json: { from: source, to: target, rejected, importLog: importLog ?? null }, pairedItem });
			} catch (error) {
				if (!this.continueOnFail()) throw asOperationError(this, error, first);
				results.push({ json: { from: source, error: (error as Error).message }, pairedItem });
			}
		}
		const failed = results.filter((result) => result.json.rejected === true);
		if (failed.length > 0 && this.getNodeParameter('failOnRejection', 0, true) && !this.continueOnFail()) {
			throw rejectionError(this.getNode(), failed.map((result) => result.json), items);
		}
		return [results];
	}
}

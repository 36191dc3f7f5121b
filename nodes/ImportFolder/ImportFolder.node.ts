import path from 'node:path';

import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { moveWithoutOverwrite } from '../../lib/sources/folder/move';

/** The end of a folder-triggered run: the export goes to processed/ or failed/ beside it. */
export class ImportFolder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Import Folder',
		name: 'importFolder',
		icon: 'file:importFolder.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{"Move to " + $parameter["destination"]}}',
		description: 'Move an imported export file to the processed or failed folder after the run',
		defaults: { name: 'Import Folder' },
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		properties: [
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
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const moved = new Map<string, INodeExecutionData>();
		for (let index = 0; index < items.length; index++) {
			try {
				const source = (this.getNodeParameter('filePath', index) as string).trim();
				// Every document of one export arrives here: the file moves once.
				const already = moved.get(source);
				if (already) {
					(already.pairedItem as Array<{ item: number }>).push({ item: index });
					continue;
				}
				const destination = this.getNodeParameter('destination', index) as string;
				const folder =
					destination === 'custom'
						? (this.getNodeParameter('folder', index) as string).trim()
						: path.join(path.dirname(source), destination);
				if (!source || !folder) throw new NodeOperationError(this.getNode(), 'Set the file to move and where to move it.', { itemIndex: index });
				const target = await moveWithoutOverwrite(source, folder);
				moved.set(source, { json: { from: source, to: target }, pairedItem: [{ item: index }] });
			} catch (error) {
				if (this.continueOnFail()) {
					moved.set(`error-${index}`, { json: { error: (error as Error).message }, pairedItem: [{ item: index }] });
					continue;
				}
				if (error instanceof NodeOperationError) throw error;
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: index });
			}
		}
		return [[...moved.values()]];
	}
}

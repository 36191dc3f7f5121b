import { createReadStream } from 'node:fs';
import path from 'node:path';

import { NodeConnectionTypes, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { runStamp } from '../../lib/files/runFolder';
import { runOutput } from '../../lib/posting/fileTargets';
import { OperaAdapter } from '../../lib/targets/opera/adapter';
import type { OperaFileFormat } from '../../lib/targets/opera/output';
import { assertFolder, readIncoming } from '../shared/items';
import { ledgerBridgeJournalTest, openNodeJournal, postIncoming, postingError, postingOutputs } from '../shared/posting';
import { operaLedgerProperties } from './description';
import { operaOptions } from './options';
import { operationError } from '../shared/errors';
import { failedRunOutputs, POSTING_OUTPUT_NAMES } from '../shared/outputs';

export class OperaLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Opera Ledger',
		name: 'operaLedger',
		icon: { light: 'file:operaLedger.svg', dark: 'file:operaLedger.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"Write " + $parameter["format"].toUpperCase() + " import files" + ($parameter["dryRun"] ? " (dry run)" : "")}}',
		description: 'Write customers, suppliers and ledger transactions as Pegasus Opera 3 Importer files (DBF or CSV), each document once',
		defaults: { name: 'Opera Ledger' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: [...POSTING_OUTPUT_NAMES],
		credentials: [{ name: 'ledgerBridgeJournalApi', required: true, displayOptions: { show: { postingJournal: ['postgres'] } }, testedBy: 'ledgerBridgeJournalTest' }],
		properties: operaLedgerProperties,
	};

	methods = { credentialTest: { ledgerBridgeJournalTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const format = this.getNodeParameter('format', 0) as OperaFileFormat;
		const importFolder = (this.getNodeParameter('outputFolder', 0, '') as string).trim();
		const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
		const { posting, dateLayout, binaryProperty, dataFolder } = operaOptions(this, format);

		if (importFolder) await assertFolder(this, importFolder);
		if (dataFolder) await assertFolder(this, dataFolder, "Opera's data folder");
		const { incoming, fromFile } = await readIncoming(this, items, this.getNodeParameter('documentsField', 0, '') as string);
		const stamp = runStamp();
		const workflow = (() => {
			try {
				return this.getWorkflow();
			} catch {
				return { id: undefined };
			}
		})();
		// The company the journal keeps apart: its data folder, else the folder Opera imports from.
		const scope = dataFolder ? path.resolve(dataFolder) : importFolder ? path.resolve(importFolder) : `workflow ${workflow.id ?? '?'} / ${this.getNode().name}`;
		const adapter = new OperaAdapter({ format, importFolder, dataFolder, posting, dateLayout, stamp, scope });

		const journal = await openNodeJournal(this);
		try {
			return await postIncoming(this, journal, adapter, incoming, { dryRun, output: runOutput(importFolder, stamp) }, async (result) => {
				const binary: INodeExecutionData['binary'] = {};
				for (const [position, file] of adapter.files.entries()) {
					binary[position === 0 ? binaryProperty : `${binaryProperty}${position + 1}`] = await this.helpers.prepareBinaryData(
						createReadStream(file.path),
						file.fileName,
						format === 'dbf' ? 'application/x-dbf' : 'text/csv',
					);
				}
				return await postingOutputs(this, result, {
					itemOf: (index) => incoming[index].item,
					asFiles: fromFile,
					itemCount: items.length,
					logTarget: adapter.label,
					logName: 'opera-import-log',
					binary,
					summary: {
						format,
						importFolder: importFolder || null,
						runFolder: importFolder && adapter.files.length > 0 ? path.join(importFolder, stamp) : null,
						files: adapter.files.map((file) => ({
							file: file.file,
							fileName: file.fileName,
							records: file.recordCount,
							bytes: file.bytes,
							path: file.published ? file.path : null,
							documents: file.documents.length,
						})) as unknown as IDataObject[],
						operaTablesRead: dataFolder ? dataFolder : null,
					},
				});
			});
		} catch (error) {
			const failure = postingError(this, error) ?? operationError(this.getNode(), error as Error, { description: 'No file was written: each run\'s files appear together or not at all. Fix the cause and run again.' });
			if (this.continueOnFail()) return failedRunOutputs(this, failure, POSTING_OUTPUT_NAMES, 'Run Summary');
			throw failure;
		} finally {
			await adapter.cleanUp();
		}
	}
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';

import { importLogBesideExport, rejectedWithoutLog, unloggedRejections } from '../../lib/sources/folder/importLog';
import { writeWithoutOverwrite } from '../../lib/sources/folder/move';
import { operationError } from '../shared/errors';

export type LogPolicy = 'rejected' | 'always' | 'never';

/**
 * The run fails once everything is in place, in words a bookkeeper acts on: which export, where
 * it went, where its log is, and the first documents turned away with their codes.
 */
export function rejectionError(node: INode, moved: IDataObject[], items: INodeExecutionData[]) {
	const rejects = items.map((item) => item.json).filter((json) => json.kind === 'rejected' || json.kind === 'rejectedRow' || json.kind === 'rejectedFile');
	const named = rejects.slice(0, 10).map((json) => {
		const codes = Array.isArray(json.failureCodes) ? (json.failureCodes as string[]) : json.code ? [String(json.code)] : [];
		const what = String(json.documentNumber ?? json.document ?? (json.line !== undefined ? `line ${String(json.line)}` : json.fileName ?? 'the file'));
		return codes.length > 0 ? `${what} (${codes.join(', ')})` : what;
	});
	const more = rejects.length > named.length ? ` and ${rejects.length - named.length} more` : '';
	const files = moved.map((json) => `${path.basename(String(json.from))} was moved to ${String(json.to)}${json.importLog ? ` with its import log ${String(json.importLog)}` : ''}`).join('; ');
	const counted = rejects.length > 0 ? `${rejects.length} rejected: ${named.join(', ')}${more}` : 'something was rejected';
	return operationError(node, `${files}. ${counted}.`, {
		description: 'Nothing else is lost: what could be posted was posted. Open the import log for the reasons, correct them in the source, and save the export into the watched folder again — documents already posted are skipped.',
	});
}

/**
 * The log goes beside the moved file and takes its name, so "June Invoices_20260701T…Z.txt"
 * (a second June export) gets its own log rather than a neighbour's.
 */
export async function writeLog(this: IExecuteFunctions, indexes: number[], source: string, movedTo: string, rejected: boolean): Promise<string | undefined> {
	const policy = this.getNodeParameter('writeImportLog', indexes[0], 'rejected') as LogPolicy;
	if (policy === 'never' || (policy === 'rejected' && !rejected)) return undefined;
	const field = (this.getNodeParameter('importLogField', indexes[0], 'importLog') as string).trim() || 'importLog';
	const items = this.getInputData();
	const logs: string[] = [];
	for (const index of indexes) {
		if (!items[index].binary?.[field]) continue;
		logs.push((await this.helpers.getBinaryDataBuffer(index, field)).toString('utf8'));
	}
	const reported = indexes.map((index) => items[index].json as IDataObject);
	const { name } = path.parse(movedTo);
	const content = importLogBesideExport(path.basename(source), logs, reported.filter(unloggedRejections), rejectedWithoutLog(reported, logs));
	if (content === undefined) return undefined;
	return await writeWithoutOverwrite(path.dirname(movedTo), `${name}.import-log.csv`, content);
}

export function asOperationError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	return operationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * A file that changed after the Import Folder Trigger read it (a network copy that stalled,
 * then went on) was imported incomplete: it is not moved, so the trigger takes it again once
 * it stops changing, and the run fails saying so. Nothing is checked for a file no trigger of
 * this workflow read in this run.
 */
export async function assertUnchangedSinceRead(this: IExecuteFunctions, source: string, itemIndex: number): Promise<void> {
	const read = readByTrigger.call(this, source, itemIndex);
	let current;
	try {
		current = await stat(source);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		const name = path.basename(source);
		if (!read) {
			throw operationError(this.getNode(), `EXPORT_NOT_FOUND: there is no file ${source} to move.`, { itemIndex, description: 'Check the File Path.' });
		}
		throw operationError(this.getNode(), `EXPORT_ALREADY_MOVED: ${name} is no longer in ${path.dirname(source)}, so it was not moved.`, {
			itemIndex,
			description: `Another run of this export moved it already (look for ${name} in processed/ and failed/ beside it); its documents were posted at most once either way.`,
		});
	}
	if (!read) return;
	const hash = createHash('sha256');
	if (current.size === read.size) await pipeline(createReadStream(source), hash);
	if (current.size !== read.size || hash.digest('hex') !== read.sha256) {
		const name = path.basename(source);
		throw operationError(
			this.getNode(),
			`EXPORT_CHANGED_WHILE_IMPORTING: ${name} changed after it was read (${read.size.toLocaleString('en-GB')} bytes then, ${current.size.toLocaleString('en-GB')} now), so it stays in the watched folder.`,
			{
				itemIndex,
				description: `It was probably still being saved or copied. It is imported again once it stops changing; documents already posted from it are not posted twice, and one that changed in between is rejected as DOCUMENT_CHANGED_AFTER_POSTING. To avoid this, raise the trigger's Settle Time.`,
			},
		);
	}
}

/** What an Import Folder Trigger before this node emitted for `source` in this run. */
export function readByTrigger(this: IExecuteFunctions, source: string, itemIndex: number): { size: number; sha256: string } | undefined {
	const triggers = this.getParentNodes(this.getNode().name).filter((node) => node.type.endsWith('.importFolderTrigger') && !node.disabled);
	for (const trigger of triggers) {
		let emitted: unknown;
		try {
			// n8n adds the leading "=" itself.
			emitted = this.evaluateExpression(`{{ $(${JSON.stringify(trigger.name)}).all().map((item) => item.json) }}`, itemIndex);
		} catch {
			continue; // the trigger did not run in this execution
		}
		if (!Array.isArray(emitted)) continue;
		const file = (emitted as IDataObject[]).find((json) => json.path === source && typeof json.sha256 === 'string');
		if (file) return { size: Number(file.size), sha256: file.sha256 as string };
	}
	return undefined;
}

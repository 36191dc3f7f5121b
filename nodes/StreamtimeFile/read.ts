import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fileErrorReason } from '../../lib/files/reason';
import type { LedgerDocument } from '../../lib/model/document';
import { parseStreamtimeExport, type RejectedRow, type StreamtimeParseOptions, type StreamtimeParseSummary } from '../../lib/sources/streamtime/parse';
import { readStreamtimeExport } from '../../lib/sources/streamtime/stream';
import { binaryStream, documentFileItem, JsonLinesWriter } from '../shared/documentFile';
import { assertFileAccess } from '../shared/fileAccess';
import { operationError } from '../shared/errors';

export type OutputShape = 'items' | 'auto' | 'file';

/** What one export gave: its documents (as items, or one document file item), its rejected rows, its summary. */
export interface ExportOutputs {
	fileName: string;
	documents: INodeExecutionData[];
	rejected: RejectedRow[];
	summary: StreamtimeParseSummary & IDataObject;
}

/** Where the export's bytes come from: a file on the n8n machine, or an input item's binary field. */
interface ExportSource {
	fileName: string;
	bytes(): Promise<Uint8Array>;
	open(): AsyncIterable<Uint8Array>;
}

async function exportSource(context: IExecuteFunctions, index: number): Promise<ExportSource> {
	if (context.getNodeParameter('source', index) === 'path') {
		const filePath = (context.getNodeParameter('filePath', index) as string).trim();
		await assertFileAccess(context, [{ path: filePath, what: 'the Streamtime export' }], index);
		const unreadable = (error: unknown) =>
			operationError(context.getNode(), `Cannot read the Streamtime export ${filePath || '(no File Path set)'}: ${fileErrorReason(error)}.`, { itemIndex: index });
		return {
			fileName: path.basename(filePath),
			bytes: async () => await readFile(filePath).catch((error) => Promise.reject(unreadable(error))),
			open: async function* () {
				try {
					yield* createReadStream(filePath, { highWaterMark: 64 * 1024 });
				} catch (error) {
					throw unreadable(error);
				}
			},
		};
	}
	const property = context.getNodeParameter('binaryPropertyName', index) as string;
	const binary = context.helpers.assertBinaryData(index, property);
	return {
		fileName: binary.fileName ?? 'export.txt',
		bytes: async () => await context.helpers.getBinaryDataBuffer(index, property),
		open: async function* () {
			yield* await binaryStream(context, index, property);
		},
	};
}

/**
 * Reads one export. As items, the whole file is parsed at once and each document is an item, as
 * always. As a document file (or automatically, past `fileAbove` documents) the export is read
 * as it streams and each document goes to disk as soon as its last line is read, so memory
 * holds one document, not the export.
 */
export async function readExport(
	context: IExecuteFunctions,
	index: number,
	options: StreamtimeParseOptions,
	shape: OutputShape,
	fileAbove: number,
): Promise<ExportOutputs> {
	const source = await exportSource(context, index);
	const parseOptions = { ...options, fileName: source.fileName };
	const pairedItem = { item: index };
	if (shape === 'items') {
		const result = parseStreamtimeExport(await source.bytes(), parseOptions);
		const documents = result.documents.map((document) => ({ json: document as unknown as IDataObject, pairedItem }));
		return { fileName: source.fileName, documents, rejected: result.rejected, summary: { ...result.summary } };
	}

	const limit = shape === 'file' ? 0 : Math.max(0, fileAbove);
	let held: LedgerDocument[] = [];
	let writer: JsonLinesWriter | undefined;
	let rejected: RejectedRow[] = [];
	const fileName = `${source.fileName.replace(/\.[^.]*$/, '')}.documents.jsonl`;
	try {
		const streamed = await readStreamtimeExport(source.open, parseOptions, {
			document: async (document) => {
				if (!writer && held.length < limit) {
					held.push(document);
					return;
				}
				if (!writer) {
					writer = new JsonLinesWriter(fileName);
					for (const earlier of held) await writer.write(earlier);
					held = [];
				}
				await writer.write(document);
			},
			rejected: (row) => {
				rejected.push(row);
			},
			// A re-sorted export is read twice (see readStreamtimeExport): what the first reading gave is dropped.
			restart: async () => {
				held = [];
				rejected = [];
				await writer?.discard();
				writer = undefined;
			},
		});
		// How the reading went (readings, documents held) is for tests and benches, not for the bookkeeper.
		const summary = { ...streamed } as StreamtimeParseSummary & IDataObject;
		for (const internal of ['readings', 'mostDocumentsHeld', 'mostRowsHeld']) delete summary[internal];
		rejected.sort((first, second) => first.line - second.line);
		if (!writer) {
			return { fileName: source.fileName, documents: held.map((document) => ({ json: document as unknown as IDataObject, pairedItem })), rejected, summary };
		}
		const item = await documentFileItem(context, writer, { fileName: source.fileName, documentFile: fileName }, pairedItem);
		return { fileName: source.fileName, documents: [item], rejected, summary: { ...summary, output: 'documentFile' } };
	} catch (error) {
		await (writer as JsonLinesWriter | undefined)?.discard();
		throw error;
	}
}

/**
 * The Document File: ledger documents as one JSON-lines file (one document per line) travelling
 * between Ledger Bridge nodes on a single n8n item, instead of one n8n item per document.
 *
 * n8n keeps every item of a run in memory, with its paired items and a copy in the execution
 * data: about 91 KiB per invoice measured through Streamtime File → Ledger Mapping → Sage
 * Import on n8n 2.8.4, so a 100,000-invoice month-end export needed about 9 GB. A document
 * file is written to disk as it is made and handed to n8n as binary data, which n8n 2.x keeps
 * in its filesystem store (N8N_DEFAULT_BINARY_DATA_MODE=filesystem; database in queue mode),
 * so the execution holds one item and a file reference. The README's "Large exports" section
 * has the measurements and the choice against Loop Over Items.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { operationError } from './errors';

export const DOCUMENT_FILE_KIND = 'documentFile';
/** The binary field a document file travels in. */
export const DOCUMENT_FILE_FIELD = 'documents';
export const JSON_LINES_MIME = 'application/x-ndjson';

/** Whether an input item carries a document file rather than a document. */
export function isDocumentFile(item: INodeExecutionData): boolean {
	return item.json?.kind === DOCUMENT_FILE_KIND && item.binary?.[DOCUMENT_FILE_FIELD] !== undefined;
}

/**
 * Writes values as JSON lines to a file of its own in the system's temporary folder, waiting
 * whenever the disk falls behind, so memory holds a buffer, not the file.
 */
export class JsonLinesWriter {
	count = 0;
	private folder?: string;
	private stream?: WriteStream;
	private filePath?: string;

	constructor(readonly fileName: string) {}

	async write(value: unknown): Promise<void> {
		if (!this.stream) {
			this.folder = await mkdtemp(path.join(tmpdir(), 'ledger-bridge-'));
			this.filePath = path.join(this.folder, this.fileName);
			this.stream = createWriteStream(this.filePath);
		}
		this.count++;
		if (!this.stream.write(`${JSON.stringify(value)}\n`)) await once(this.stream, 'drain');
	}

	/** Hands the file to n8n's binary data store and removes the temporary copy. */
	async toBinary(context: IExecuteFunctions): Promise<IBinaryData> {
		try {
			if (!this.stream) return await context.helpers.prepareBinaryData(Buffer.alloc(0), this.fileName, JSON_LINES_MIME);
			this.stream.end();
			await once(this.stream, 'close');
			return await context.helpers.prepareBinaryData(createReadStream(this.filePath!), this.fileName, JSON_LINES_MIME);
		} finally {
			await this.discard();
		}
	}

	async discard(): Promise<void> {
		if (this.stream && !this.stream.closed) {
			this.stream.destroy();
			await once(this.stream, 'close').catch(() => undefined);
		}
		if (this.folder) await rm(this.folder, { recursive: true, force: true });
		this.folder = undefined;
		this.stream = undefined;
	}
}

/** One item holding a document file: what it holds in `json`, the file in `binary.documents`. */
export async function documentFileItem(
	context: IExecuteFunctions,
	writer: JsonLinesWriter,
	json: IDataObject,
	pairedItem: IPairedItemData | IPairedItemData[],
): Promise<INodeExecutionData> {
	const documents = writer.count;
	const binary = await writer.toBinary(context);
	return { json: { kind: DOCUMENT_FILE_KIND, documents, ...json }, binary: { [DOCUMENT_FILE_FIELD]: binary }, pairedItem };
}

/**
 * Output items gathered into one document file item (Ledger Mapping's Valid, a posting node's
 * Posted and Duplicates), paired with every input item they came from: memory holds the pairs,
 * not the items.
 */
export class ItemsFile {
	private readonly writer: JsonLinesWriter;
	private readonly sources = new Set<number>();

	constructor(fileName: string) {
		this.writer = new JsonLinesWriter(fileName);
	}

	async add(item: INodeExecutionData): Promise<void> {
		for (const paired of [item.pairedItem ?? []].flat()) this.sources.add(typeof paired === 'number' ? paired : paired.item);
		await this.writer.write(item.json);
	}

	/** The one item, `json` beside the count of its documents; none when nothing was added. */
	async toItems(context: IExecuteFunctions, json: IDataObject = {}): Promise<INodeExecutionData[]> {
		if (this.writer.count === 0) {
			await this.writer.discard();
			return [];
		}
		return [await documentFileItem(context, this.writer, json, [...this.sources].map((item) => ({ item })))];
	}

	async discard(): Promise<void> {
		await this.writer.discard();
	}
}

/** The bytes of an item's binary field as a stream, from n8n's store or from the item itself. */
export async function binaryStream(context: IExecuteFunctions, itemIndex: number, field: string): Promise<Readable> {
	const binary = context.helpers.assertBinaryData(itemIndex, field);
	if (binary.id) return await context.helpers.getBinaryStream(binary.id);
	return Readable.from([Buffer.from(binary.data, 'base64')]);
}

/** The documents of an input item's document file, one at a time. */
export async function* readDocumentFile(context: IExecuteFunctions, itemIndex: number): AsyncGenerator<unknown> {
	const lines = createInterface({ input: await binaryStream(context, itemIndex, DOCUMENT_FILE_FIELD), crlfDelay: Infinity });
	let line = 0;
	for await (const text of lines) {
		line++;
		if (text.trim() === '') continue;
		try {
			yield JSON.parse(text);
		} catch (error) {
			lines.close();
			throw operationError(context.getNode(), `Line ${line} of the document file on input item ${itemIndex + 1} is not a JSON document (${(error as Error).message}).`, {
				itemIndex,
				description: 'A document file is written by Streamtime File or Ledger Mapping with Output set to Document File; pass it on unchanged. Nothing was posted.',
			});
		}
	}
}

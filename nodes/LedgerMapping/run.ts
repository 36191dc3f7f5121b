import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { MappingRun, processBatch, type BatchOptions, type DocumentOutcome } from '../../lib/mapping/pipeline';
import type { Failure } from '../../lib/report/failureCodes';
import { isDocumentFile, ItemsFile } from '../shared/documentFile';
import { incomingDocuments, readIncoming, type IncomingDocument } from '../shared/items';
import { outcomeToItem } from './helpers';

/** What a run of Ledger Mapping gives: its outputs, and what the import log needs. */
export interface MappedRun {
	/** One item per valid document, or one document file item holding them. */
	valid: INodeExecutionData[];
	rejected: INodeExecutionData[];
	documentCount: number;
	validCount: number;
	rejections: Array<{ item: number; input: unknown; failures: Failure[] }>;
}

/** Documents of a document file mapped at a time: memory holds this many, not the file. */
export const MAPPING_CHUNK = 1000;

/**
 * Maps the documents of the input items. A document file in per-document mode is read, mapped
 * and written out a chunk at a time, its valid documents going straight into the output file,
 * so a 100,000-invoice export is never held whole; in whole-batch mode one reject anywhere
 * stops every document, so the run is mapped whole.
 */
export async function mapIncoming(context: IExecuteFunctions, items: INodeExecutionData[], field: string, options: BatchOptions): Promise<MappedRun> {
	if (options.mode === 'perDocument' && items.some(isDocumentFile)) return await mapDocumentFile(context, items, field, options);
	const { incoming, fromFile } = await readIncoming(context, items, field);
	const run = emptyRun();
	run.documentCount = incoming.length;
	const validItems: INodeExecutionData[] = [];
	for (const outcome of processBatch(incoming.map((entry) => entry.document), options)) {
		const item = take(run, outcome, incoming[outcome.index].item);
		if (item) validItems.push(item);
	}
	if (!fromFile) run.valid = validItems;
	else run.valid = await validFile(context, async (file) => {
		for (const item of validItems) await file.add(item);
	});
	return run;
}

async function mapDocumentFile(context: IExecuteFunctions, items: INodeExecutionData[], field: string, options: BatchOptions): Promise<MappedRun> {
	const mapping = new MappingRun(options);
	const run = emptyRun();
	run.valid = await validFile(context, async (file) => {
		let chunk: IncomingDocument[] = [];
		const mapChunk = async () => {
			const first = run.documentCount - chunk.length;
			for (const outcome of mapping.process(chunk.map((entry) => entry.document))) {
				const item = take(run, outcome, chunk[outcome.index - first].item);
				if (item) await file.add(item);
			}
			chunk = [];
		};
		for await (const entry of incomingDocuments(context, items, field)) {
			chunk.push(entry);
			run.documentCount++;
			if (chunk.length === MAPPING_CHUNK) await mapChunk();
		}
		await mapChunk();
	});
	return run;
}

function emptyRun(): MappedRun {
	return { valid: [], rejected: [], documentCount: 0, validCount: 0, rejections: [] };
}

/** Files an outcome under the run: a reject at once, a valid document handed back as its item. */
function take(run: MappedRun, outcome: DocumentOutcome, sourceItem: number): INodeExecutionData | undefined {
	const item = outcomeToItem(outcome, sourceItem);
	if (outcome.status === 'rejected') {
		run.rejected.push(item);
		run.rejections.push({ item: outcome.index + 1, input: outcome.input, failures: outcome.failures });
		return undefined;
	}
	run.validCount++;
	return item;
}

/**
 * The valid documents `fill` adds, as one document file item paired with every input item
 * they came from; none when there are none. The file is removed when filling it fails.
 */
async function validFile(context: IExecuteFunctions, fill: (file: ItemsFile) => Promise<void>): Promise<INodeExecutionData[]> {
	const file = new ItemsFile('valid-documents.jsonl');
	try {
		await fill(file);
	} catch (error) {
		await file.discard();
		throw error;
	}
	return await file.toItems(context);
}

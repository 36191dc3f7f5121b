import { stat } from 'node:fs/promises';

import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type IPairedItemData } from 'n8n-workflow';

import { describeDocument, type LedgerDocument } from '../../lib/model/document';
import { assertFileAccess } from './fileAccess';
import { failureSummary, type Failure } from '../../lib/report/failureCodes';
import { isDocumentFile, readDocumentFile } from './documentFile';
import { operationError } from './errors';

export interface IncomingDocument {
	document: unknown;
	/** The input item the document came from, for pairedItem. */
	item: number;
}

/**
 * Takes the documents out of the input items: the whole item, or a field of it (a Webhook
 * node's "body"). A field holding a list gives one document per element.
 */
export function readDocuments(items: INodeExecutionData[], field: string): IncomingDocument[] {
	const path = field.trim();
	return items.flatMap((item, index) => {
		if (!path) return [{ document: item.json, item: index }];
		const value = path.split('.').reduce<unknown>((node, key) => (node as IDataObject | undefined)?.[key], item.json);
		if (Array.isArray(value)) return value.map((document) => ({ document, item: index }));
		return [{ document: value, item: index }];
	});
}

/**
 * readDocuments, and the documents of every document file among the items (Streamtime File or
 * Ledger Mapping with Output set to Document File). `fromFile` says whether any came in a file:
 * a posting node then writes its Posted and Duplicates outputs as files too.
 */
export async function readIncoming(context: IExecuteFunctions, items: INodeExecutionData[], field: string): Promise<{ incoming: IncomingDocument[]; fromFile: boolean }> {
	if (!items.some(isDocumentFile)) return { incoming: readDocuments(items, field), fromFile: false };
	const incoming: IncomingDocument[] = [];
	for await (const entry of incomingDocuments(context, items, field)) incoming.push(entry);
	return { incoming, fromFile: true };
}

/** The documents readIncoming gives, one at a time: a document file is read as it is needed, never held whole. */
export async function* incomingDocuments(context: IExecuteFunctions, items: INodeExecutionData[], field: string): AsyncGenerator<IncomingDocument> {
	for (let index = 0; index < items.length; index++) {
		if (!isDocumentFile(items[index])) {
			for (const entry of readDocuments([items[index]], field)) yield { document: entry.document, item: index };
			continue;
		}
		for await (const document of readDocumentFile(context, index)) yield { document, item: index };
	}
}

/**
 * The document exactly as it came in, as one line of JSON text: n8n's table draws an object as a
 * tree with every key opened, which made each reject a screen tall (1,340 px in the browser
 * test); text wraps in its column instead. `JSON.parse($json.inputJson)` gives the document back.
 */
export function inputJson(input: unknown): string {
	return JSON.stringify(input ?? null);
}

/** What a node knows of a reject beyond its input and failures. */
export interface RejectDetails {
	/**
	 * How the document is named, when its input is not a ledger document (a ConnectWise GL
	 * record): its type, number and account are then left empty rather than guessed from it.
	 */
	document?: string;
	/** Fields particular to the node (a payment's invoice number, a batch's GL entry IDs), after the common ones. */
	extra?: IDataObject;
}

/**
 * A rejected document as every Ledger Bridge node outputs it: what it is, its failure codes,
 * one sentence to act on, and the document exactly as it came in, so nothing is lost.
 * `source` is the input item it came from, or the items a whole-input step (a batch) came from.
 */
export function rejectedItem(input: unknown, failures: Failure[], source: number | IPairedItemData[], details: RejectDetails = {}): INodeExecutionData {
	const document = (details.document === undefined && input && typeof input === 'object' ? input : {}) as Partial<LedgerDocument>;
	return {
		// In this order because n8n's table shows the fields left to right: what, why, what to do first.
		json: {
			document: details.document ?? describeDocument(document),
			failureCodes: [...new Set(failures.map((failure) => failure.code))],
			message: failureSummary(failures),
			kind: 'rejected',
			documentType: document.type ?? null,
			documentNumber: document.header?.number ?? null,
			accountCode: document.party?.code ?? null,
			failures: failures as unknown as IDataObject[],
			...details.extra,
			inputJson: inputJson(input),
		},
		pairedItem: typeof source === 'number' ? { item: source } : source,
	};
}

/** A mistyped import folder must stop the run, not quietly create a folder nobody imports from. */
export async function assertFolder(context: IExecuteFunctions, folder: string, what = 'The import folder'): Promise<void> {
	// n8n's file-access rules first: a refused folder is not even looked at.
	await assertFileAccess(context, [{ path: folder, what: `${what.charAt(0).toLowerCase()}${what.slice(1)}` }]);
	const info = await stat(folder).catch(() => undefined);
	if (!info?.isDirectory()) {
		throw operationError(context.getNode(), `${what.charAt(0).toUpperCase()}${what.slice(1)} ${folder} does not exist or is not a folder.`, {
			description: 'Create it, or correct the path (for a share, check it is mounted). Nothing was written.',
		});
	}
}


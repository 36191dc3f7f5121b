import { stat } from 'node:fs/promises';

import { type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { describeDocument, type LedgerDocument } from '../../lib/model/document';
import { assertFileAccess } from './fileAccess';
import type { Failure } from '../../lib/report/failureCodes';
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
 * A rejected document as every Ledger Bridge node outputs it: what it is, its failure codes,
 * one sentence to act on, where it came from, and the document exactly as it came in, so
 * nothing is lost (attachRejectInputs moves that to a file before the node returns).
 */
export function rejectedItem(input: unknown, failures: Failure[], sourceItem: number): INodeExecutionData {
	const document = (input && typeof input === 'object' ? input : {}) as Partial<LedgerDocument>;
	return {
		// In this order because n8n's table shows the fields left to right: what, why, what to do first.
		json: {
			document: describeDocument(document),
			failureCodes: [...new Set(failures.map((failure) => failure.code))],
			message: failures.map((failure) => failure.message).join(' '),
			kind: 'rejected',
			documentType: document.type ?? null,
			documentNumber: document.header?.number ?? null,
			accountCode: document.party?.code ?? null,
			source: (document.header?.source ?? null) as IDataObject | null,
			failures: failures as unknown as IDataObject[],
			input: (input ?? null) as IDataObject,
		},
		pairedItem: { item: sourceItem },
	};
}

const SAFE_FILE_NAME = /[^A-Za-z0-9._-]+/g;

/**
 * Each reject's untouched input document goes from its JSON into a JSON file on the same item
 * (binary property `input`, e.g. INV-2043.json): n8n's table draws a nested document as a tree,
 * which made every reject row taller than the screen (1,340 and 1,452 px for the June export's
 * two rejects), while the file keeps it whole, to open, download or read back with Extract From
 * File. The item stays paired with its input item, so `$('Node').item.json` also reaches it.
 */
export async function attachRejectInputs(context: IExecuteFunctions, outputs: INodeExecutionData[][]): Promise<INodeExecutionData[][]> {
	for (const items of outputs) {
		for (const item of items ?? []) {
			if (item.json.kind !== 'rejected' || !('input' in item.json)) continue;
			const { input, ...rest } = item.json;
			item.json = rest;
			if (input === null || input === undefined) continue;
			const name = String(rest.documentNumber ?? rest.invoiceNumber ?? rest.document ?? 'document').replace(SAFE_FILE_NAME, '-').slice(0, 80) || 'document';
			item.binary = { ...item.binary, input: await context.helpers.prepareBinaryData(Buffer.from(JSON.stringify(input, null, 2), 'utf8'), `${name}.json`, 'application/json') };
		}
	}
	return outputs;
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


import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { describeDocument } from '../../../lib/model/document';
import { batchIdentifier, followUpBatchIdentifier, type BatchKind } from '../../../lib/sources/connectwise/batch';
import { documentsFromGlExport, glEntryIdsOf, type ConnectWiseDocumentsResult, type GlExport, type GlExportOptions } from '../../../lib/sources/connectwise/glExport';
import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';
import { conditionString } from '../../../lib/sources/connectwise/transport/conditions';
import { rejectedItem } from '../../shared/items';
import { forOperation } from '../../shared/descriptions';
import { batchIdentifierProperty, batchIdModeProperty, initialsProperty, unpostedSelection, unusualInvoicesProperty, wholeBatchProperty } from './common.descriptions';

type Kind = 'invoices' | 'expenses' | 'procurement';
const KIND_LETTER: Record<Kind, BatchKind> = { invoices: 'I', expenses: 'E', procurement: 'P' };

/** "1042, 1043" → [1042, 1043]; anything that is not a whole number is a settings mistake. */
export function idList(text: string, label: string): number[] {
	const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
	const bad = parts.filter((part) => !/^\d+$/.test(part));
	if (bad.length > 0) throw new Error(`${label}: "${bad.join('", "')}" is not a Manage record ID (a whole number).`);
	return parts.map(Number);
}

/**
 * The batch ID: set by hand, or the seed's date + initials + kind. A generated ID Manage
 * already has (a second run the same day) becomes the next follow-up, "20260630JD-I-1", so
 * the export and the batch that follows it agree without anyone typing an ID.
 */
export async function batchIdFrom(context: IExecuteFunctions, kind: BatchKind, client: ManageClient): Promise<string> {
	if (context.getNodeParameter('batchIdMode', 0, 'generate') === 'custom') {
		const id = String(context.getNodeParameter('batchIdentifier', 0, '')).trim();
		if (!id) throw new Error('Set the Batch Identifier (e.g. 20260630JD-I).');
		if (id.length > 50) throw new Error(`The batch identifier ${id} is longer than Manage's 50 characters.`);
		return id;
	}
	const initials = String(context.getNodeParameter('initials', 0, '')).trim();
	if (!initials) throw new Error('Set the Initials for the batch ID (seed 003: date, initials and kind, e.g. 20260630JD-I).');
	const base = batchIdentifier(new Date(), initials, kind);
	const taken = new Set(
		(await client.getAll<{ batchIdentifier: string }>('finance/accounting/batches', { conditions: `batchIdentifier like ${conditionString(`${base}*`)}`, fields: 'id,batchIdentifier' })).map(
			(batch) => batch.batchIdentifier,
		),
	);
	let id = base;
	while (taken.has(id)) id = followUpBatchIdentifier(id);
	return id;
}

/** Export GL Batch: Manage's accounting export (nothing is marked posted) as canonical ledger documents. */
export async function exportBatch(this: IExecuteFunctions, client: ManageClient): Promise<INodeExecutionData[][]> {
	const kinds = this.getNodeParameter('kinds', 0, ['invoices']) as Kind[];
	if (kinds.length === 0) throw new Error('Choose at least one kind of transaction: Manage refuses an export of nothing.');
	const batchId = await batchIdFrom(this, KIND_LETTER[kinds[0]], client);
	const included = idList(this.getNodeParameter('includedIds', 0, '') as string, 'Include Only IDs');
	const excluded = idList(this.getNodeParameter('excludedIds', 0, '') as string, 'Exclude IDs');
	const thruDate = String(this.getNodeParameter('thruDate', 0, '')).trim();
	if (thruDate && !/^\d{4}-\d{2}-\d{2}$/.test(thruDate)) throw new Error(`Through Date "${thruDate}" is not a date (YYYY-MM-DD).`);
	const locationId = this.getNodeParameter('locationId', 0, 0) as number;
	const ids = (kind: Kind, list: number[]) => (kinds.includes(kind) && list.length > 0 ? list : undefined);
	const request: IDataObject = {
		batchIdentifier: batchId,
		summarizeInvoices: this.getNodeParameter('summarizeInvoices', 0, 'Default'),
		exportInvoicesFlag: kinds.includes('invoices'),
		exportExpensesFlag: kinds.includes('expenses'),
		exportProductsFlag: kinds.includes('procurement'),
		...(thruDate ? { thruDate: `${thruDate}T23:59:59Z` } : {}),
		...(locationId > 0 ? { locationId } : {}),
		includedInvoiceIds: ids('invoices', included),
		excludedInvoiceIds: ids('invoices', excluded),
		includedExpenseIds: ids('expenses', included),
		excludedExpenseIds: ids('expenses', excluded),
		// Product ids are strings in the export request (reference §3).
		includedProductIds: ids('procurement', included)?.map(String),
		excludedProductIds: ids('procurement', excluded)?.map(String),
	};
	const exported = await client.post<GlExport>('finance/accounting/export', request);
	return documentOutputs.call(this, documentsFromGlExport(exported, glExportOptions(this)), batchId, client, { operation: 'export' });
}

export function glExportOptions(context: IExecuteFunctions): GlExportOptions {
	return { unusualInvoices: context.getNodeParameter('unusualInvoices', 0, 'hold') as GlExportOptions['unusualInvoices'] };
}

/**
 * Outputs Documents, Rejected and Summary. With "whole batch or nothing" (seed 003), one
 * record that cannot be mapped holds back every document: nothing is posted until it is fixed.
 */
export function documentOutputs(
	this: IExecuteFunctions,
	result: ConnectWiseDocumentsResult,
	batchId: string,
	client: ManageClient,
	extra: IDataObject,
): INodeExecutionData[][] {
	const wholeBatch = this.getNodeParameter('wholeBatch', 0, true) as boolean;
	const pairedItem = this.getInputData().map((_, item) => ({ item }));
	const stopped = wholeBatch && result.rejected.length > 0;
	const rejectedItems: INodeExecutionData[] = [...result.rejected, ...result.held].map((record) =>
		rejectedItem(record.raw, [{ code: record.code, message: record.message }], pairedItem, { document: record.source, extra: { glEntryIds: record.glEntryIds } }),
	);
	if (stopped) {
		const reason = `the batch stopped: ${result.rejected.length} transaction(s) in it cannot be mapped (${result.rejected.map((record) => record.source).join(', ')})`;
		for (const document of result.documents) {
			const message = `${describeDocument(document)} was not sent because ${reason}. Fix those and run the batch again.`;
			rejectedItems.push(rejectedItem(document, [{ code: 'BATCH_STOPPED', message }], pairedItem, { extra: { glEntryIds: glEntryIdsOf(document) } }));
		}
	}
	const documents = stopped ? [] : result.documents.map((document) => ({ json: document as unknown as IDataObject, pairedItem }));
	const summary: INodeExecutionData = {
		json: {
			kind: 'glExportSummary',
			batchIdentifier: batchId,
			...extra,
			documents: documents.length,
			rejected: rejectedItems.length - result.held.length,
			heldForReview: result.held.length,
			stopped,
			glEntryIds: result.glEntryIds.length,
			manageRequests: client.stats.requests,
		},
		pairedItem,
	};
	return [documents, rejectedItems, [summary]];
}

/** What the editor shows for Export GL Batch. */
export const description: INodeProperties[] = forOperation('exportBatch', [
	...unpostedSelection,
	batchIdModeProperty,
	initialsProperty,
	batchIdentifierProperty,
	wholeBatchProperty,
	unusualInvoicesProperty,
]);

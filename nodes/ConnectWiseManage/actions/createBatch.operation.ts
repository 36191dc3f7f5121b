import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { planBatch, type BatchKind, type ExportedDocumentResult } from '../../../lib/sources/connectwise/batch';
import { parseGlEntryIds } from '../../../lib/sources/connectwise/glExport';
import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';
import { conditionString } from '../../../lib/sources/connectwise/transport/conditions';
import { ManageApiError } from '../../../lib/sources/connectwise/transport/errors';
import { batchIdFrom } from './exportBatch.operation';

const FLAGS: Record<BatchKind, IDataObject> = {
	I: { exportInvoicesFlag: true, exportExpensesFlag: false, exportProductsFlag: false },
	E: { exportInvoicesFlag: false, exportExpensesFlag: true, exportProductsFlag: false },
	P: { exportInvoicesFlag: false, exportExpensesFlag: false, exportProductsFlag: true },
};

function resultOf(json: IDataObject, glEntryIds: number[]): ExportedDocumentResult | undefined {
	const document = String(json.document ?? json.documentNumber ?? 'document');
	if (json.kind === 'rejected') return { document, glEntryIds, status: 'rejected', reason: String(json.message ?? (json.failureCodes as string[] | undefined)?.join(', ') ?? 'rejected') };
	if (json.status === 'posted' || json.status === 'written' || json.status === 'duplicate') return { document, glEntryIds, status: json.status };
	// Run summaries, import logs and other items carry no document.
	return undefined;
}

/**
 * Create Batch: from the results of the posting node (Posted, Duplicates and Rejected merged),
 * one Manage batch of the GL entries that reached the ledger — seed 003's three results.
 */
export async function createBatch(this: IExecuteFunctions, client: ManageClient): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const kind = (this.getNodeParameter('batchKind', 0, 'I') as BatchKind) ?? 'I';
	const batchId = await batchIdFrom(this, kind, client);
	const results: ExportedDocumentResult[] = [];
	const withoutEntries: string[] = [];
	items.forEach((item, index) => {
		const raw = this.getNodeParameter('glEntryIds', index, '') as string | number[];
		const glEntryIds = parseGlEntryIds(Array.isArray(raw) ? raw : String(raw ?? ''));
		const result = resultOf(item.json, glEntryIds);
		if (!result) return;
		if (result.status !== 'rejected' && glEntryIds.length === 0) withoutEntries.push(result.document);
		results.push(result);
	});
	const plan = planBatch(batchId, results);
	let manageBatchId: number | undefined;
	if (plan.glEntryIds.length > 0) {
		const findBatch = async () =>
			(await client.getAll<{ id: number }>('finance/accounting/batches', { conditions: `batchIdentifier = ${conditionString(batchId)}`, fields: 'id,batchIdentifier' }))[0]?.id;
		try {
			// Manage answers the batch's GL export, not the batch (reference §3): its id is looked up after.
			await client.post<IDataObject>('finance/accounting/batches', { batchIdentifier: batchId, ...FLAGS[kind], processedRecordIds: plan.glEntryIds });
		} catch (error) {
			// An answer lost on the way: the batch may exist all the same. Anything else is Manage refusing it.
			if (!(error instanceof ManageApiError && error.outcomeUnknown) || (await findBatch()) === undefined) {
				if (error instanceof ManageApiError && error.errors.some((detail) => detail.code === 'ObjectExists' && detail.field === 'batchIdentifier')) {
					throw new ManageApiError(`Manage already has a batch ${batchId}: choose another batch ID (e.g. ${plan.followUpBatchIdentifier ?? `${batchId}-1`}).`, { kind: 'validation', errors: error.errors });
				}
				throw error;
			}
		}
		manageBatchId = await findBatch();
	}
	return [
		[
			{
				json: {
					kind: 'batchResult',
					outcome: plan.outcome,
					batchIdentifier: batchId,
					manageBatchId: manageBatchId ?? null,
					glEntries: plan.glEntryIds.length,
					documentsInBatch: results.filter((result) => result.status !== 'rejected').length,
					notPosted: plan.notPosted as unknown as IDataObject[],
					followUpBatchIdentifier: plan.followUpBatchIdentifier ?? null,
					// Posted documents whose GL entries are unknown cannot be batched: Manage keeps listing them.
					postedWithoutGlEntries: withoutEntries,
					summary: plan.summary,
					manageRequests: client.stats.requests,
				},
				pairedItem: items.map((_, item) => ({ item })),
			},
		],
	];
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { PostingJournal } from '../../../lib/posting/journal/types';
import { runPosting } from '../../../lib/posting/pipeline';
import { BatchAdapter, planBatch, type BatchEntryInput, type BatchKind, type ExportedDocumentResult } from '../../../lib/sources/connectwise/batch';
import { parseGlEntryIds } from '../../../lib/sources/connectwise/glExport';
import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';
import { conditionString } from '../../../lib/sources/connectwise/transport/conditions';
import { ManageApiError } from '../../../lib/sources/connectwise/transport/errors';
import { postingRun } from '../../shared/posting';
import { batchIdFrom } from './exportBatch.operation';
import { forOperation } from '../../shared/descriptions';
import { batchIdentifierProperty, batchIdModeProperty, initialsProperty, postingFields } from './common.descriptions';

const FLAGS: Record<BatchKind, IDataObject> = {
	I: { exportInvoicesFlag: true, exportExpensesFlag: false, exportProductsFlag: false },
	E: { exportInvoicesFlag: false, exportExpensesFlag: true, exportProductsFlag: false },
	P: { exportInvoicesFlag: false, exportExpensesFlag: false, exportProductsFlag: true },
};

type Result = ExportedDocumentResult | (Omit<ExportedDocumentResult, 'status'> & { status: 'inProgress' });

function resultOf(json: IDataObject, glEntryIds: number[]): Result | undefined {
	const document = String(json.document ?? json.documentNumber ?? 'document');
	if (json.kind === 'rejected') return { document, glEntryIds, status: 'rejected', reason: String(json.message ?? (json.failureCodes as string[] | undefined)?.join(', ') ?? 'rejected') };
	if (json.status === 'posted' || json.status === 'written' || json.status === 'duplicate') return { document, glEntryIds, status: json.status };
	// Another run is writing it to the ledger right now: not batched before it got there.
	if (json.status === 'inProgress') return { document, glEntryIds, status: 'inProgress', reason: String(json.message ?? 'another run is posting it') };
	// Run summaries, import logs and other items carry no document.
	return undefined;
}

/**
 * Create Batch: from the results of the posting node (Posted, Duplicates and Rejected merged),
 * one Manage batch of the GL entries that reached the ledger — seed 003's three results. Each
 * GL entry is claimed in the journal first, so it goes into one batch only.
 */
export async function createBatch(this: IExecuteFunctions, client: ManageClient, journal: PostingJournal, scope: string): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const kind = (this.getNodeParameter('batchKind', 0, 'I') as BatchKind) ?? 'I';
	const batchId = await batchIdFrom(this, kind, client);
	const results: Result[] = [];
	const withoutEntries: string[] = [];
	items.forEach((item, index) => {
		const raw = this.getNodeParameter('glEntryIds', index, '') as string | number[];
		const glEntryIds = parseGlEntryIds(Array.isArray(raw) ? raw : String(raw ?? ''));
		const result = resultOf(item.json, glEntryIds);
		if (!result) return;
		if (result.status !== 'rejected' && result.status !== 'inProgress' && glEntryIds.length === 0) withoutEntries.push(result.document);
		results.push(result);
	});
	const findBatch = async (identifier: string) =>
		(await client.getAll<{ id: number }>('finance/accounting/batches', { conditions: `batchIdentifier = ${conditionString(identifier)}`, fields: 'id,batchIdentifier' }))[0]?.id;
	const adapter = new BatchAdapter(
		{
			create: async (glEntryIds) => {
				try {
					// Manage answers the batch's GL export, not the batch (reference §3): its id is looked up after.
					await client.post<IDataObject>('finance/accounting/batches', { batchIdentifier: batchId, ...FLAGS[kind], processedRecordIds: glEntryIds });
				} catch (error) {
					if (error instanceof ManageApiError && error.errors.some((detail) => detail.code === 'ObjectExists' && detail.field === 'batchIdentifier')) {
						throw new ManageApiError(`Manage already has a batch ${batchId}: choose another batch ID (e.g. ${batchId}-1).`, { kind: 'validation', errors: error.errors });
					}
					throw error;
				}
				return await findBatch(batchId);
			},
			find: findBatch,
		},
		batchId,
		scope,
	);
	// Only what reached the ledger (posted, written, already there) goes into a batch.
	const inLedger = results.filter((result) => result.status !== 'rejected' && result.status !== 'inProgress');
	const entries: BatchEntryInput[] = inLedger.flatMap((result) => result.glEntryIds.map((glEntryId) => ({ glEntryId, document: result.document })));
	const run = postingRun(this, journal, this.getNodeParameter('dryRun', 0, false) as boolean);
	await run.start(batchId);
	let outcome;
	try {
		outcome = await runPosting(run, adapter, entries.map((input, index) => ({ index, input })));
	} finally {
		await run.finish('done');
	}
	const already = new Map<number, string>();
	for (const entry of outcome.outcomes) {
		if (entry.kind === 'duplicate') already.set((entry.document as BatchEntryInput).glEntryId, String(entry.reference?.batchIdentifier ?? 'an earlier batch'));
	}
	const waiting = results.filter((result): result is Result & { status: 'inProgress' } => result.status === 'inProgress');
	const plan = planBatch(
		batchId,
		results.map((result) => (result.status === 'inProgress' ? { ...result, status: 'rejected' as const } : result)),
	);
	const alreadyBatched = entries.length > 0 && adapter.batched.length === 0 && already.size === new Set(entries.map((entry) => entry.glEntryId)).size;
	const unconfirmed = outcome.counts.unconfirmed > 0;
	return [
		[
			{
				json: {
					kind: 'batchResult',
					outcome: alreadyBatched ? 'alreadyBatched' : unconfirmed ? 'unconfirmed' : outcome.dryRun ? 'preview' : plan.outcome,
					batchIdentifier: batchId,
					manageBatchId: adapter.manageBatchId ?? null,
					glEntries: adapter.batched.length,
					glEntriesAlreadyInABatch: already.size,
					documentsInBatch: inLedger.length,
					notPosted: plan.notPosted as unknown as IDataObject[],
					// Being written to the ledger by another run: batched by that run, or by the next batch.
					inProgressElsewhere: waiting.map((result) => result.document),
					followUpBatchIdentifier: plan.followUpBatchIdentifier ?? null,
					// Posted documents whose GL entries are unknown cannot be batched: Manage keeps listing them.
					postedWithoutGlEntries: withoutEntries,
					summary: alreadyBatched
						? `Every GL entry of these documents is already in a batch (${[...new Set(already.values())].join(', ')}); no new batch was created.`
						: unconfirmed
							? `Manage did not confirm batch ${batchId}; the next run looks for it before batching these entries again.`
							: plan.summary,
					manageRequests: client.stats.requests,
				},
				pairedItem: items.map((_, item) => ({ item })),
			},
		],
	];
}

/** What the editor shows for Create Batch. */
export const description: INodeProperties[] = forOperation('createBatch', [
	batchIdModeProperty,
	initialsProperty,
	batchIdentifierProperty,
	{
		displayName: 'Batch Kind',
		name: 'batchKind',
		type: 'options',
		options: [
			{ name: 'Invoices (I)', value: 'I' },
			{ name: 'Expenses (E)', value: 'E' },
			{ name: 'Procurement (P)', value: 'P' },
		],
		default: 'I',
		displayOptions: { show: { batchIdMode: ['generate'] } },
	},
	{
		displayName: 'GL Entry IDs',
		name: 'glEntryIds',
		type: 'string',
		default: '={{ $json.glEntryIds ?? $json.source?.ids?.glEntryIds ?? $json.header?.source?.ids?.glEntryIds ?? ($json.inputJson ? JSON.parse($json.inputJson).header?.source?.ids?.glEntryIds : undefined) ?? "" }}',
		description: 'Of each incoming result: the GL entries its document came from (Export GL Batch puts them on every document; a reject has them in its inputJson)',
	},
	...postingFields,
]);

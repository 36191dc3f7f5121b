import { type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { describeDocument, type LedgerDocument } from '../../../lib/model/document';
import { validateDocument } from '../../../lib/model/validate';
import type { Failure } from '../../../lib/report/failureCodes';
import { buildImportLog } from '../../../lib/report/importLog';
import type { NewAccountDefaults } from '../../../lib/targets/exactOnline/checks';
import { postToExact, type RejectedOutcome } from '../../../lib/targets/exactOnline/post';
import type { ExactClient } from '../../../lib/targets/exactOnline/transport/client';
import { readDocuments, rejectedItem } from '../../shared/items';

/**
 * Post Entries: validate each document, match it against Exact's reference data, skip what
 * Exact already holds, post the rest. Outputs: Posted, Duplicates, Rejected, Run Summary.
 */
export async function postEntries(this: IExecuteFunctions, client: ExactClient): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const incoming = readDocuments(items, this.getNodeParameter('documentsField', 0, '') as string);
	const valid: Array<{ index: number; document: LedgerDocument }> = [];
	const rejected: Array<Pick<RejectedOutcome, 'index' | 'input' | 'failures'>> = [];
	incoming.forEach(({ document }, index) => {
		const validation = validateDocument(document);
		if (validation.document && validation.failures.length === 0) valid.push({ index, document: validation.document });
		else rejected.push({ index, input: document, failures: validation.failures as Failure[] });
	});

	const run = await postToExact(client, valid, {
		salesJournal: this.getNodeParameter('salesJournal', 0, '') as string,
		purchaseJournal: this.getNodeParameter('purchaseJournal', 0, '') as string,
		createMissingAccounts: this.getNodeParameter('createMissingAccounts', 0, true) as boolean,
		createMissingGlAccounts: this.getNodeParameter('createMissingGlAccounts', 0, false) as boolean,
		maxDocuments: this.getNodeParameter('maxDocuments', 0, 0) as number,
		newAccounts: this.getNodeParameter('newAccounts', 0, {}) as NewAccountDefaults,
	});

	const posted: INodeExecutionData[] = [];
	const duplicates: INodeExecutionData[] = [];
	for (const outcome of run.outcomes) {
		if (outcome.status === 'rejected') {
			rejected.push(outcome);
			continue;
		}
		const json = {
			status: outcome.status,
			document: describeDocument(outcome.document),
			documentNumber: outcome.document.header?.number ?? null,
			accountCode: outcome.document.party?.code ?? null,
			entryId: outcome.entryId ?? null,
			entryNumber: outcome.entryNumber ?? null,
			// The source's own ids (e.g. ConnectWise GL entry ids), so the next step can mark what reached Exact.
			source: (outcome.document.header?.source ?? null) as IDataObject | null,
			...(outcome.status === 'posted' ? { accountCreated: outcome.accountCreated ?? false } : {}),
			message: outcome.message,
		};
		(outcome.status === 'posted' ? posted : duplicates).push({ json, pairedItem: { item: incoming[outcome.index].item } });
	}
	rejected.sort((a, b) => a.index - b.index);

	const runAt = new Date();
	const division = await client.division();
	const log = buildImportLog({
		runAt,
		target: `Exact Online (division ${division})`,
		documentCount: incoming.length,
		validCount: posted.length,
		rejections: rejected.map(({ index, input, failures }) => ({ item: index + 1, input, failures })),
	});
	const summary: INodeExecutionData = {
		json: {
			kind: 'runSummary',
			target: 'exactOnline',
			division,
			documents: incoming.length,
			imported: posted.length,
			duplicates: duplicates.length,
			rejected: rejected.length,
			createdAccounts: run.createdAccounts,
			createdGlAccounts: run.createdGlAccounts,
			httpRequests: client.stats.requests,
			lookupRequests: run.lookupRequests,
			rateLimitWaits: client.stats.rateLimitWaits,
			retries: client.stats.retries,
		},
		binary: {
			importLog: await this.helpers.prepareBinaryData(Buffer.from(log, 'utf8'), `exact-import-log-${runAt.toISOString().replace(/[:.]/g, '-')}.csv`, 'text/csv'),
		},
		pairedItem: items.map((_, item) => ({ item })),
	};
	const rejectedItems = rejected.map(({ index, input, failures }) => rejectedItem(input, failures, incoming[index].item));
	return [posted, duplicates, rejectedItems, [summary]];
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { PostingJournal } from '../../../lib/posting/journal/types';
import type { NewAccountDefaults } from '../../../lib/targets/exactOnline/checks';
import { ExactAdapter } from '../../../lib/targets/exactOnline/post';
import type { ExactClient } from '../../../lib/targets/exactOnline/transport/client';
import { readIncoming } from '../../shared/items';
import { postIncoming, postingOutputs } from '../../shared/posting';

/**
 * Post Entries: every document through the posting pipeline with the Exact adapter — matched
 * against Exact's reference data, skipped where Exact or the journal already has it, claimed,
 * posted. Outputs: Posted, Duplicates, Rejected, Run Summary.
 */
export async function postEntries(this: IExecuteFunctions, client: ExactClient, journal: PostingJournal, host: string): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { incoming, fromFile } = await readIncoming(this, items, this.getNodeParameter('documentsField', 0, '') as string);
	const division = await client.division();
	const adapter = new ExactAdapter(
		client,
		{
			salesJournal: this.getNodeParameter('salesJournal', 0, '') as string,
			purchaseJournal: this.getNodeParameter('purchaseJournal', 0, '') as string,
			createMissingAccounts: this.getNodeParameter('createMissingAccounts', 0, true) as boolean,
			createMissingGlAccounts: this.getNodeParameter('createMissingGlAccounts', 0, false) as boolean,
			newAccounts: this.getNodeParameter('newAccounts', 0, {}) as NewAccountDefaults,
			scope: `${host}/${division}`,
		},
		division,
	);
	const options = { dryRun: this.getNodeParameter('dryRun', 0, false) as boolean, maxDocuments: this.getNodeParameter('maxDocuments', 0, 0) as number };
	return await postIncoming(this, journal, adapter, incoming, options, (result) =>
		postingOutputs(this, result, {
			itemOf: (index) => incoming[index].item,
			asFiles: fromFile,
			itemCount: items.length,
			logTarget: `Exact Online (division ${division})`,
			logName: 'exact-import-log',
			extra: (entry) => {
				const reference = entry.kind === 'posted' || entry.kind === 'duplicate' ? (entry.reference ?? {}) : {};
				return {
					entryId: (reference.entryId as string | undefined) ?? null,
					entryNumber: (reference.entryNumber as number | undefined) ?? null,
				};
			},
			summary: {
				division,
				createdAccounts: adapter.createdAccounts,
				createdGlAccounts: adapter.createdGlAccounts,
				httpRequests: client.stats.requests,
				lookupRequests: adapter.lookupRequests,
				rateLimitWaits: client.stats.rateLimitWaits,
				retries: client.stats.retries,
			},
		}),
	);
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { documentsFromGlExport, type GlExport } from '../../../lib/sources/connectwise/glExport';
import type { ManageClient } from '../../../lib/sources/connectwise/transport/client';
import { conditionString } from '../../../lib/sources/connectwise/transport/conditions';
import { ManageApiError } from '../../../lib/sources/connectwise/transport/errors';
import { documentOutputs, glExportOptions } from './exportBatch.operation';
import { forOperation } from '../../shared/descriptions';
import { unusualInvoicesProperty, wholeBatchProperty } from './common.descriptions';

/** Re-Export Batch: the payload of an earlier batch again (Manage's "RecreateBatch"). */
export async function reExportBatch(this: IExecuteFunctions, client: ManageClient): Promise<INodeExecutionData[][]> {
	const identifier = String(this.getNodeParameter('existingBatch', 0, '')).trim();
	if (!identifier) throw new Error('Set the Existing Batch Identifier to export again.');
	const [batch] = await client.getAll<{ id: number; batchIdentifier: string }>('finance/accounting/batches', {
		conditions: `batchIdentifier = ${conditionString(identifier)}`,
		fields: 'id,batchIdentifier',
	});
	if (!batch) throw new ManageApiError(`Manage has no accounting batch ${identifier}: check the identifier under Finance → Accounting Interface → Batches.`, { kind: 'notFound' });
	const exported = await client.post<GlExport>(`finance/accounting/batches/${batch.id}/export`, {});
	return documentOutputs.call(this, documentsFromGlExport(exported, glExportOptions(this)), identifier, client, { operation: 'reExport', batchId: batch.id });
}

/** What the editor shows for Re-Export Batch. */
export const description: INodeProperties[] = forOperation('reExportBatch', [
	wholeBatchProperty,
	unusualInvoicesProperty,
	{
		displayName: 'Existing Batch Identifier',
		name: 'existingBatch',
		type: 'string',
		default: '',
		placeholder: '20260630JD-I',
		description: 'The batch to export again. The ledger side still skips what it already holds, so nothing is posted twice (the seed warns its own rerun duplicates).',
	},
]);

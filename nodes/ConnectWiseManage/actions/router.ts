import { NodeOperationError, type NodeApiError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { ManageApiError } from '../../../lib/sources/connectwise/transport/errors';
import { createBatch } from './createBatch.operation';
import { exportBatch } from './exportBatch.operation';
import { getInvoices } from './getInvoices.operation';
import { getUnposted } from './getUnposted.operation';
import { reExportBatch } from './reExportBatch.operation';
import { syncPayments } from './syncPayments.operation';
import { syncStart } from './syncStart.operation';
import { openNodeJournal, postingError } from '../../shared/posting';
import { CREDENTIAL, manageClient, manageSettings } from '../transport';
import { operationError, serviceError } from '../../shared/errors';
import { failedRunOutputs } from '../../shared/outputs';

export const CONNECTWISE_OUTPUTS = ['Results', 'Rejected', 'Summary'] as const;

/** Runs the operation chosen against the Manage company of the credential. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	try {
		if (operation === 'syncStart') return [...(await syncStart.call(this)), [], []];
		const client = await manageClient(this);
		const settings = manageSettings(await this.getCredentials(CREDENTIAL));
		// The Manage company, as the posting journal keeps companies apart.
		const scope = `${settings.site === 'custom' ? (settings.host ?? '') : settings.site}/${settings.companyId}`;
		switch (operation) {
			case 'getInvoices':
				return await getInvoices.call(this, client);
			case 'getUnposted':
				return await getUnposted.call(this, client);
			case 'exportBatch':
				return await exportBatch.call(this, client);
			case 'reExportBatch':
				return await reExportBatch.call(this, client);
			case 'createBatch':
				return [...(await createBatch.call(this, client, await openNodeJournal(this), scope)), [], []];
			case 'syncPayments':
				return await syncPayments.call(this, client, await openNodeJournal(this), scope);
			default:
				throw operationError(this.getNode(), `Unknown operation ${operation}`);
		}
	} catch (error) {
		const failure = asNodeError(this, error);
		if (this.continueOnFail()) return failedRunOutputs(this, failure, CONNECTWISE_OUTPUTS, 'Summary');
		throw failure;
	}
}

function asNodeError(context: IExecuteFunctions, error: unknown): NodeApiError | NodeOperationError {
	const posting = postingError(context, error);
	if (posting) return posting;
	if (error instanceof NodeOperationError) return error;
	const description =
		error instanceof ManageApiError && error.kind === 'unauthorized'
			? 'Check the company ID, the API member keys and the clientId in the ConnectWise Manage credential.'
			: error instanceof ManageApiError && error.outcomeUnknown
				? 'Manage did not confirm the last change; check the batch or payment in Manage before running again.'
				: undefined;
	if (error instanceof ManageApiError) return serviceError(context.getNode(), error, { description });
	return operationError(context.getNode(), error as Error, { description });
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { connect, type SageConnection, type SageConnectionSettings, type SageEdition } from '../../../lib/odbc/connection';
import { checkCompanyFile } from '../../../lib/targets/sage100/settings';
import { operationError } from '../../shared/errors';
import { failedRunOutputs, outputNamesFor } from '../../shared/outputs';
import { lookUpOperation } from './lookUp.operation';
import { assertPaymentStatusAvailable, paymentStatusOperation } from './paymentStatus.operation';
import { postOperation } from './post.operation';
import { sage100Operation } from './sage100.operation';
import { SAGE100_OPERATIONS, type Sage100OperationName } from '../description';
import { SAGE_CREDENTIAL, settingsFrom } from '../transport';
import { asNodeError } from '../transport/errors';

export const EDITION_NAMES: Record<SageConnectionSettings['edition'], string> = {
	sage50uk: 'Sage 50 Accounts (UK)',
	sage50us: 'Sage 50 (US)',
	sage100fr: 'Sage 100 Comptabilité (France)',
	generic: 'generic ODBC',
};

/** Look-ups and payment statuses come out of outputs named for them; postings (Sage 50 and 100) have the four posting outputs. */
export const SAGE_OUTPUTS = { lookUp: ['Codes'], paymentStatus: ['Payment Status', 'Run Summary'] };

export function isSage100Operation(operation: string): operation is Sage100OperationName {
	return (SAGE100_OPERATIONS as readonly string[]).includes(operation);
}

/** Runs the operation chosen, after checking it suits the credential's edition; the connection is closed whatever happens. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credential = (await this.getCredentials(SAGE_CREDENTIAL)) as IDataObject;
	const settings = settingsFrom(credential);
	const operation = this.getNodeParameter('operation', 0) as string;
	let connection: SageConnection | undefined;
	try {
		const sage100 = settings.edition === 'sage100fr';
		if (sage100 && operation === 'post') {
			throw operationError(this.getNode(), 'Post Documents is for Sage 50 and generic ODBC; the credential is for a Sage 100 company.', {
				description: 'Choose Sync Customers, Sync Projects, Check Invoices, Post Invoices or Synchronise All (Sage 100). Nothing was sent to Sage.',
			});
		}
		if (!sage100 && isSage100Operation(operation)) {
			throw operationError(this.getNode(), `This operation is for Sage 100 (France); the credential is for ${EDITION_NAMES[settings.edition]}.`, {
				description: 'Choose Post Documents, or a Sage ODBC credential whose edition is Sage 100 Comptabilité (France). Nothing was sent to Sage.',
			});
		}
		if (operation === 'paymentStatus') assertPaymentStatusAvailable.call(this, settings.edition);
		if (sage100) checkCompanyFile(settings.companyFile ?? '');
		connection = await connect(settings);
		if (operation === 'lookUp') return [await lookUpOperation.call(this, connection, settings, credential)];
		if (operation === 'paymentStatus') return await paymentStatusOperation.call(this, connection, settings.edition);
		if (sage100 && isSage100Operation(operation)) return await sage100Operation.call(this, operation, connection, credential);
		return await postOperation.call(this, connection, settings as SageConnectionSettings & { edition: SageEdition }, credential);
	} catch (error) {
		const failure = asNodeError.call(this, error, connection === undefined);
		if (!this.continueOnFail()) throw failure;
		return failedRunOutputs(this, failure, outputNamesFor(SAGE_OUTPUTS, operation), 'Run Summary');
	} finally {
		await connection?.close();
	}
}

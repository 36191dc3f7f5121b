import { type IDataObject, type ILoadOptionsFunctions, type INodePropertyOptions } from 'n8n-workflow';

import type { Sage100LookupKind } from '../../../lib/targets/sage100/reference';
import { connect, type SageConnection, type SageConnectionSettings } from '../../../lib/odbc/connection';
import { lineNominalAccounts } from '../../../lib/odbc/lookups';
import { SAGE_CREDENTIAL, sageCodes as readCodes, settingsFrom } from '../transport';
import { operationError } from '../../shared/errors';

/**
 * Sage's own codes as "CODE — Name" with the code as value, read over ODBC when the list is
 * opened (one connection, one query). The messages come from connection.ts, which never lets
 * the password through; the original driver error is not attached, as it may echo the
 * connection string.
 */
async function sageCodes(context: ILoadOptionsFunctions, kind: Sage100LookupKind): Promise<INodePropertyOptions[]> {
	return await sageList(context, async (connection, settings, credential) => await readCodes(connection, settings, credential, kind));
}

type CodeReader = (connection: SageConnection, settings: SageConnectionSettings, credential: IDataObject) => Promise<Array<{ code: string; name: string }>>;

async function sageList(context: ILoadOptionsFunctions, read: CodeReader): Promise<INodePropertyOptions[]> {
	const credential = (await context.getCredentials(SAGE_CREDENTIAL)) as IDataObject;
	const settings = settingsFrom(credential);
	let connection: SageConnection;
	try {
		connection = await connect(settings);
	} catch (error) {
		throw operationError(context.getNode(), (error as Error).message, {
			description: 'The list is read from Sage: check the Sage ODBC credential (Test shows the same error), or type the code by expression.',
		});
	}
	try {
		const entries = await read(connection, settings, credential);
		return entries.map(({ code, name }) => ({ name: name ? `${code} — ${name}` : code, value: code }));
	} catch (error) {
		throw operationError(context.getNode(), (error as Error).message, { description: 'Sage answered the connection but not the query for the list.' });
	} finally {
		await connection.close();
	}
}

export const loadOptions = {
	async getCustomers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await sageCodes(this, 'customers');
	},
	async getSuppliers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await sageCodes(this, 'suppliers');
	},
	async getNominalAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await sageCodes(this, 'nominalAccounts');
	},
	/**
	 * For the default accounts of sales and purchase lines: the nominal accounts without the
	 * company's control accounts (debtors, creditors, VAT, bank…), which no line belongs on.
	 */
	async getLineNominalAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await sageList(this, async (connection, settings, credential) =>
			settings.edition === 'sage100fr' ? await readCodes(connection, settings, credential, 'nominalAccounts') : await lineNominalAccounts(connection, settings.edition),
		);
	},
	async getTaxCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await sageCodes(this, 'taxCodes');
	},
	/** Sage 50 US has no department table (reference §2): the list is empty there. */
	async getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await sageCodes(this, 'departments');
	},
};

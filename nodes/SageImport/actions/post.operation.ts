import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runStamp } from '../../../lib/files/runFolder';
import { companyScope, type SageConnection, type SageConnectionSettings, type SageEdition } from '../../../lib/odbc/connection';
import { runOutput } from '../../../lib/posting/fileTargets';
import type { UsAmountSigns } from '../../../lib/targets/sage50/usJournal';
import type { CreditLimitHandling } from '../../../lib/odbc/credit';
import { SageAdapter } from '../../../lib/targets/sage50/post';
import { operationError } from '../../shared/errors';
import { assertFolder, readIncoming } from '../../shared/items';
import { openNodeJournal, postIncoming, postingOutputs } from '../../shared/posting';

/**
 * Sage 50 US's journal settings are the company's, kept in the credential. (They were node
 * options once; n8n drops unknown options when it loads a workflow, so an old workflow's
 * tax accounts are gone and its taxed documents are rejected saying where to set them.)
 */
function usJournalSettings(credential: IDataObject) {
	const setting = (name: string) => {
		const value = credential[name];
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	};
	return {
		amountSigns: (setting('usAmountSigns') as UsAmountSigns | undefined) ?? 'debitPositive',
		salesTaxAccount: setting('usSalesTaxAccount'),
		purchaseTaxAccount: setting('usPurchaseTaxAccount'),
		salesTaxAgencyId: setting('usSalesTaxAgencyId'),
	};
}

export async function postOperation(this: IExecuteFunctions, connection: SageConnection, settings: SageConnectionSettings & { edition: SageEdition }, credential: IDataObject): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const folder = (this.getNodeParameter('importFolder', 0, '') as string).trim();
	if (settings.edition !== 'generic' && !folder) {
		throw operationError(this.getNode(), "Set the Import Folder: Sage 50 cannot be posted to over ODBC, so the node writes Sage's import files there.", { itemIndex: 0 });
	}
	if (folder) await assertFolder(this, folder);
	const { incoming, fromFile } = await readIncoming(this, items, this.getNodeParameter('documentsField', 0, '') as string);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
	const code = (name: string) => {
		const value = options[name];
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	};
	const stamp = runStamp();
	const adapter = new SageAdapter(connection, {
		edition: settings.edition,
		importFolder: folder,
		createMissingAccounts: this.getNodeParameter('createMissingAccounts', 0, true) as boolean,
		defaults: {
			salesNominalCode: code('defaultSalesNominalCode'),
			purchaseNominalCode: code('defaultPurchaseNominalCode'),
			taxCode: code('defaultTaxCode'),
			department: code('defaultDepartment'),
		},
		usJournal: usJournalSettings(credential),
		creditLimitHandling: (code('creditLimitHandling') as CreditLimitHandling | undefined) ?? 'ignore',
		stamp,
		scope: companyScope(settings),
	});
	const journal = await openNodeJournal(this);
	const output = settings.edition === 'generic' ? undefined : runOutput(folder, stamp);
	return await postIncoming(this, journal, adapter, incoming, { dryRun, output, maxDocuments: this.getNodeParameter('maxDocuments', 0, 0) as number }, async (result) => {
		const binary: INodeExecutionData['binary'] = {};
		for (const [position, file] of adapter.files.entries()) {
			binary[`file${position + 1}`] = await this.helpers.prepareBinaryData(await readFile(file.path), file.fileName, 'text/csv');
		}
		const queries = adapter.queries;
		return await postingOutputs(this, result, {
			itemOf: (index) => incoming[index].item,
			itemCount: items.length,
			logTarget: `Sage (${settings.edition})`,
			logName: 'sage-import-log',
			binary,
			asFiles: fromFile,
			summary: {
				edition: settings.edition,
				accountsCreated: adapter.accountsCreated.map(({ side, code: accountCode }) => ({ side, code: accountCode })),
				// In the order to import them: customer/supplier records before the transactions that name them.
				files: adapter.files.map((file, position) => ({ order: position + 1, path: file.path, fileName: file.fileName, rows: file.rows, importIn: file.importIn })),
				runFolder: adapter.files.length > 0 ? path.dirname(adapter.files[0].path) : null,
				odbcQueries: queries.referenceData + queries.duplicateCheck + queries.posting,
				odbcQueriesByPurpose: { ...queries },
				creditLimit: { ...adapter.credit },
			},
		});
	});
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runStamp } from '../../../lib/files/runFolder';
import { companyScope, type SageConnection, type SageConnectionSettings, type SageEdition } from '../../../lib/odbc/connection';
import { runOutput } from '../../../lib/posting/fileTargets';
import type { UsAmountSigns } from '../../../lib/targets/sage50/usJournal';
import type { CreditLimitHandling } from '../../../lib/odbc/credit';
import { SageAdapter } from '../../../lib/targets/sage50/post';
import { operationError } from '../../shared/errors';
import { assertFolder, readIncoming } from '../../shared/items';
import { openNodeJournal, postIncoming, postingOutputs } from '../../shared/posting';
import { forOperation } from '../../shared/descriptions';
import { documentsField, maxDocumentsProperty, postingFields } from './common.descriptions';

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

/** What the editor shows for Post Documents. */
export const description: INodeProperties[] = forOperation('post', [
	documentsField,
	{
		displayName: 'Import Folder',
		name: 'importFolder',
		type: 'string',
		default: '',
		placeholder: 'C:\\SageImports',
		description:
			"Sage 50 editions only: where the import files are written (Sage 50's ODBC driver cannot post). Each run's files appear together in a folder of their own, or not at all.",
	},
	...postingFields,
	{
		displayName: 'Create Missing Customers and Suppliers',
		name: 'createMissingAccounts',
		type: 'boolean',
		default: true,
		description: 'Whether an account code Sage does not have yet is created (a document without a code is always rejected)',
	},
	maxDocumentsProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Credit Limit Handling',
				name: 'creditLimitHandling',
				type: 'options',
				options: [
					{ name: 'Ignore', value: 'ignore', description: 'Post whatever the customer owes (as before this option existed)' },
					{
						name: 'Warn Over Limit',
						value: 'warnOverLimit',
						description: 'Post, with a warning on the Posted item when the invoice takes the customer over its credit limit',
					},
					{
						name: 'Hold Over Limit',
						value: 'holdOverLimit',
						description: 'Do not post an invoice that takes the customer over its credit limit: it is rejected with SAGE_CREDIT_LIMIT_HOLD and waits for a later run',
					},
					{
						name: "Use Each Customer's Credit Status",
						value: 'customerStatus',
						description:
							'No Credit Limit, Notify Over Limit, Always Notify, Hold Over Limit or Always Hold, read from a CREDIT_STATUS column of SALES_LEDGER (not confirmed in Sage 50\'s schema)',
					},
				],
				default: 'ignore',
				description:
					"Sage 50 UK and generic ODBC, sales invoices only: compare each customer's balance in Sage plus this run's invoices with its credit limit (a limit of 0 means none is set)",
			},
			{
				displayName: 'Default Department Name or ID',
				name: 'defaultDepartment',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getDepartments' },
				default: '',
				description:
					'Department of lines that have none (and whose document has none). Sage 50 UK and generic only: Sage 50 US has no departments. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Default Purchase Nominal Code Name or ID',
				name: 'defaultPurchaseNominalCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getLineNominalAccounts' },
				default: '',
				description:
					'Nominal (G/L) account of purchase, expense and item-receipt lines that have none; also the default account of suppliers the run creates. A line\'s own account is never replaced. The list leaves out the control accounts (debtors, creditors, VAT, bank). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Default Sales Nominal Code Name or ID',
				name: 'defaultSalesNominalCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getLineNominalAccounts' },
				default: '',
				description:
					'Nominal (G/L) account of sales invoice and credit note lines that have none; also the default account of customers the run creates. A line\'s own account is never replaced. The list leaves out the control accounts (debtors, creditors, VAT, bank). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Default Tax Code Name or ID',
				name: 'defaultTaxCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTaxCodes' },
				default: '',
				description:
					'Tax code of lines that have none; without it Sage 50 UK and generic reject such lines (Sage would read a blank as T0) and Sage 50 US writes no Sales Tax ID. Also the default tax code of accounts the run creates. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
]);

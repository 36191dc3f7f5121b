import { readFile } from 'node:fs/promises';
import path from 'node:path';

import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { Sage50FileError } from '../../lib/targets/sage50/errors';
import type { UsAmountSigns } from '../../lib/targets/sage50/usJournal';
import { checkSage100Settings, loadSage100Reference, type Sage100LookupKind } from '../../lib/targets/sage100/reference';
import { checkCompanyFile, companyName } from '../../lib/targets/sage100/settings';
import { OdbcUnavailableError } from '../../lib/odbc/driverManager';
import { companyScope, connect, SageConnectionError, type SageConnection, type SageConnectionSettings, type SageEdition } from '../../lib/odbc/connection';
import type { CreditLimitHandling } from '../../lib/targets/sageOdbc/credit';
import type { LookupKind } from '../../lib/targets/sageOdbc/lookups';
import { SageAdapter } from '../../lib/targets/sageOdbc/post';
import { runStamp } from '../../lib/files/runFolder';
import { runOutput } from '../../lib/posting/fileTargets';
import { runPosting } from '../../lib/posting/pipeline';
import { assertFolder, readDocuments } from '../shared/items';
import { ledgerBridgeJournalTest, openNodeJournal, postingError, postingOutputs, postingRun } from '../shared/posting';
import { assertPaymentStatusAvailable, paymentStatusOperation } from './actions/paymentStatus.operation';
import { sage100Operation } from './actions/sage100.operation';
import { SAGE100_OPERATIONS, sageImportProperties, type Sage100OperationName } from './description';
import { loadOptions } from './methods/loadOptions';
import { SAGE_CREDENTIAL, sage100SettingsFrom, sageCodes, settingsFrom } from './transport';
import { operationError } from '../shared/errors';
import { failedRunOutputs, outputNamesFor, outputsByOperation } from '../shared/outputs';

const EDITION_NAMES: Record<SageConnectionSettings['edition'], string> = {
	sage50uk: 'Sage 50 Accounts (UK)',
	sage50us: 'Sage 50 (US)',
	sage100fr: 'Sage 100 Comptabilité (France)',
	generic: 'generic ODBC',
};

/** Look-ups and payment statuses come out of outputs named for them; postings (Sage 50 and 100) have the four posting outputs. */
export const SAGE_OUTPUTS = { lookUp: ['Codes'], paymentStatus: ['Payment Status', 'Run Summary'] };

function isSage100Operation(operation: string): operation is Sage100OperationName {
	return (SAGE100_OPERATIONS as readonly string[]).includes(operation);
}

export class SageImport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage Import',
		name: 'sageImport',
		icon: { light: 'file:sageImport.svg', dark: 'file:sageImport.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ { post: "Post documents", paymentStatus: "Get payment status", lookUp: "Look up " + $parameter["lookUp"], syncCustomers: "Sync customers", syncProjects: "Sync projects", checkInvoices: "Check invoices", postInvoices: "Post invoices", synchronise: "Synchronise all" }[$parameter["operation"]] }}',
		description: 'Post ledger documents to Sage 50 (UK/US), Sage 100 (France) or a writable ODBC ledger, and read Sage codes and payment status over ODBC',
		defaults: { name: 'Sage Import' },
		// An AI agent may call it as a tool: look-ups and statuses read; a posting it asks for goes through the journal like any other.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsByOperation(SAGE_OUTPUTS),
		credentials: [{ name: 'sageOdbcApi', required: true, testedBy: 'sageConnectionTest' }, { name: 'ledgerBridgeJournalApi', required: true, displayOptions: { show: { postingJournal: ['postgres'] } }, testedBy: 'ledgerBridgeJournalTest' }],
		properties: sageImportProperties,
	};

	methods = {
		loadOptions,
		credentialTest: {
			ledgerBridgeJournalTest,
			async sageConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				try {
					const data = credential.data as IDataObject;
					const settings = settingsFrom(data);
					if (settings.edition === 'sage100fr') checkCompanyFile(settings.companyFile ?? '');
					const connection = await connect(settings);
					try {
						if (settings.edition !== 'sage100fr') return { status: 'OK', message: 'Connected to the Sage company' };
						// The journal and plan are the seed's own checklist (Structure > log code, Analytical plan).
						const sage100 = sage100SettingsFrom(data, {}, 0);
						checkSage100Settings(await loadSage100Reference(connection, sage100), sage100, { journal: true, customerAccount: false });
						return { status: 'OK', message: `Connected to ${companyName(sage100.companyFile)}: journal ${sage100.salesJournal} and analytic plan ${sage100.analyticPlan} found` };
					} finally {
						await connection.close();
					}
				} catch (error) {
					return { status: 'Error', message: (error as Error).message };
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
			if (operation === 'lookUp') return [await lookUpItems.call(this, connection, settings, credential)];
			if (operation === 'paymentStatus') return await paymentStatusOperation.call(this, connection, settings.edition);
			if (sage100 && isSage100Operation(operation)) return await sage100Operation.call(this, operation, connection, credential);
			return await postDocuments.call(this, connection, settings as SageConnectionSettings & { edition: SageEdition }, credential);
		} catch (error) {
			const failure = asNodeError.call(this, error, connection === undefined);
			if (!this.continueOnFail()) throw failure;
			return failedRunOutputs(this, failure, outputNamesFor(SAGE_OUTPUTS, operation), 'Run Summary');
		} finally {
			await connection?.close();
		}
	}
}

/**
 * Domain errors as n8n errors, built from their messages only: an ODBC error object can
 * carry the connection string, and connection.ts has already taken the password out of the
 * message.
 */
function asNodeError(this: IExecuteFunctions, error: unknown, beforeConnecting: boolean): NodeOperationError {
	const posting = postingError(this, error);
	if (posting) return posting;
	if (error instanceof OdbcUnavailableError) return operationError(this.getNode(), error.summary, { description: error.fix });
	if (error instanceof SageConnectionError) {
		return operationError(this.getNode(), error.message, {
			description: beforeConnecting ? 'No document was posted.' : 'Sage stopped answering during the run; files already written stay in the import folder.',
		});
	}
	if (error instanceof Sage50FileError) return operationError(this.getNode(), error.message, { itemIndex: 0 });
	return operationError(this.getNode(), error as Error);
}

async function lookUpItems(this: IExecuteFunctions, connection: SageConnection, settings: SageConnectionSettings, credential: IDataObject): Promise<INodeExecutionData[]> {
	const what = this.getNodeParameter('lookUp', 0) as Sage100LookupKind | 'mappingTables';
	const pairedItem = this.getInputData().map((_, item) => ({ item }));
	if (what !== 'mappingTables') {
		return (await sageCodes(connection, settings, credential, what)).map((entry) => ({ json: { ...entry }, pairedItem }));
	}
	// Identity tables with "reject": Ledger Mapping then turns away any code Sage does not
	// have, before anything reaches this node.
	const identity = async (kind: LookupKind) =>
		Object.fromEntries((await sageCodes(connection, settings, credential, kind)).map((entry) => [entry.code, entry.code]));
	return [
		{
			json: {
				customerCode: await identity('customers'),
				supplierCode: await identity('suppliers'),
				account: await identity('nominalAccounts'),
				taxCode: await identity('taxCodes'),
				policies: { account: 'reject', taxCode: 'reject' },
			},
			pairedItem,
		},
	];
}

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

async function postDocuments(this: IExecuteFunctions, connection: SageConnection, settings: SageConnectionSettings & { edition: SageEdition }, credential: IDataObject): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const folder = (this.getNodeParameter('importFolder', 0, '') as string).trim();
	if (settings.edition !== 'generic' && !folder) {
		throw operationError(this.getNode(), "Set the Import Folder: Sage 50 cannot be posted to over ODBC, so the node writes Sage's import files there.", { itemIndex: 0 });
	}
	if (folder) await assertFolder(this, folder);
	const incoming = readDocuments(items, this.getNodeParameter('documentsField', 0, '') as string);
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
	const run = postingRun(this, journal, dryRun);
	let outcome = 'failed';
	try {
		await run.start(settings.edition === 'generic' ? undefined : runOutput(folder, stamp));
		const result = await runPosting(
			run,
			adapter,
			incoming.map(({ document }, index) => ({ index, input: document })),
			{ maxDocuments: this.getNodeParameter('maxDocuments', 0, 0) as number },
		);
		outcome = result.fault ? 'stopped' : 'done';
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
	} finally {
		await run.finish(outcome);
	}
}

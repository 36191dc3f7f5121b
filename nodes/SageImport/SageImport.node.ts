import { readFile } from 'node:fs/promises';
import path from 'node:path';

import {
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

import { describeDocument, type LedgerDocument } from '../../lib/model/document';
import { validateDocument } from '../../lib/model/validate';
import { buildImportLog } from '../../lib/report/importLog';
import type { Failure } from '../../lib/report/failureCodes';
import { checkAuditTrailDocuments, DEFAULT_AUDIT_TRAIL_OPTIONS, writeAuditTrailFile } from '../../lib/targets/sage50/auditTrail';
import { checkRecordDocuments, writeRecordsFile } from '../../lib/targets/sage50/records';
import { checkUsJournalDocuments, DEFAULT_US_JOURNAL_OPTIONS, usJournalFor, writeUsJournalFile } from '../../lib/targets/sage50/usJournal';
import { runStamp } from '../../lib/targets/opera/output';
import { connect, type SageConnection, type SageConnectionSettings } from '../../lib/targets/sageOdbc/connection';
import { insertAccount, insertTransaction, nextTransactionNumber } from '../../lib/targets/sageOdbc/insert';
import { loadReferenceData, lookUp, postedReferences, type LookupKind } from '../../lib/targets/sageOdbc/lookups';
import { planPosting, referencesToCheck, type PlannedDocument } from '../../lib/targets/sageOdbc/plan';
import { assertFolder, readDocuments, rejectedItem } from '../shared/items';
import { sageImportProperties } from './description';

const CREDENTIAL = 'sageOdbcApi';

export class SageImport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage Import',
		name: 'sageImport',
		icon: 'file:sageImport.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "post" ? "Post documents" : "Look up " + $parameter["lookUp"]}}',
		description: 'Post ledger documents to Sage 50 (UK/US) or a writable ODBC ledger, and read Sage codes over ODBC',
		defaults: { name: 'Sage Import' },
		inputs: ['main'],
		outputs: ['main', 'main', 'main', 'main'],
		outputNames: ['Posted', 'Duplicates', 'Rejected', 'Run Summary'],
		credentials: [{ name: CREDENTIAL, required: true, testedBy: 'sageConnectionTest' }],
		properties: sageImportProperties,
	};

	methods = {
		credentialTest: {
			async sageConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				try {
					const connection = await connect(settingsFrom(credential.data as IDataObject));
					await connection.close();
					return { status: 'OK', message: 'Connected to the Sage company' };
				} catch (error) {
					return { status: 'Error', message: (error as Error).message };
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const settings = settingsFrom((await this.getCredentials(CREDENTIAL)) as IDataObject);
		const operation = this.getNodeParameter('operation', 0) as string;
		let connection: SageConnection;
		try {
			connection = await connect(settings);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), error as Error, { description: 'No document was posted.' });
		}
		try {
			if (operation === 'lookUp') return [await lookUpItems.call(this, connection, settings), [], [], []];
			return await postDocuments.call(this, connection, settings);
		} catch (error) {
			if (error instanceof NodeOperationError) throw error;
			throw new NodeOperationError(this.getNode(), error as Error);
		} finally {
			await connection.close();
		}
	}
}

function settingsFrom(data: IDataObject): SageConnectionSettings {
	return {
		connection: String(data.connection ?? ''),
		user: data.user ? String(data.user) : undefined,
		password: data.password ? String(data.password) : '',
		dataPath: data.dataPath ? String(data.dataPath) : undefined,
		edition: (data.edition as SageConnectionSettings['edition']) ?? 'sage50uk',
	};
}

async function lookUpItems(this: IExecuteFunctions, connection: SageConnection, settings: SageConnectionSettings): Promise<INodeExecutionData[]> {
	const what = this.getNodeParameter('lookUp', 0) as LookupKind | 'mappingTables';
	const pairedItem = this.getInputData().map((_, item) => ({ item }));
	if (what !== 'mappingTables') {
		return (await lookUp(connection, settings.edition, what)).map((entry) => ({ json: { ...entry }, pairedItem }));
	}
	// Identity tables with "reject": Ledger Mapping then turns away any code Sage does not
	// have, before anything reaches this node.
	const identity = async (kind: LookupKind) =>
		Object.fromEntries((await lookUp(connection, settings.edition, kind)).map((entry) => [entry.code, entry.code]));
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

async function postDocuments(this: IExecuteFunctions, connection: SageConnection, settings: SageConnectionSettings): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const folder = (this.getNodeParameter('importFolder', 0, '') as string).trim();
	if (settings.edition !== 'generic' && !folder) {
		throw new NodeOperationError(this.getNode(), 'Set the Import Folder: Sage 50 cannot be posted to over ODBC, so the node writes Sage\'s import files there.');
	}
	if (folder) await assertFolder(this, folder);
	const incoming = readDocuments(items, this.getNodeParameter('documentsField', 0, '') as string);
	const valid: Array<{ index: number; document: LedgerDocument }> = [];
	const rejected: Array<{ index: number; input: unknown; failures: Failure[] }> = [];
	incoming.forEach(({ document }, index) => {
		const validation = validateDocument(document);
		if (validation.document && validation.failures.length === 0) valid.push({ index, document: validation.document });
		else rejected.push({ index, input: document, failures: validation.failures });
	});

	const queriesBefore = connection.queryCount;
	const reference = await loadReferenceData(connection, settings.edition);
	const posted = await postedReferences(connection, settings.edition, referencesToCheck(valid));
	const plan = planPosting(valid, reference, posted, {
		edition: settings.edition,
		// Sage 50 US customer and vendor imports are not written yet: unknown accounts are rejected.
		createMissingAccounts: settings.edition !== 'sage50us' && (this.getNodeParameter('createMissingAccounts', 0, true) as boolean),
		maxDocuments: this.getNodeParameter('maxDocuments', 0, 0) as number,
	});
	rejected.push(...plan.rejected);

	const written: PlannedDocument[] = [];
	const files: Array<{ path: string; rows: number }> = [];
	if (settings.edition === 'generic') {
		let next = await nextTransactionNumber(connection);
		for (const entry of plan.post) {
			try {
				// One transaction per document: it is in the ledger whole, or not at all.
				await connection.transaction(async (inner) => {
					for (const account of plan.newAccounts.filter((candidate) => candidate.document === entry.document)) {
						await insertAccount(inner, account.side, account.document);
					}
					if (entry.document.type !== 'customer' && entry.document.type !== 'supplier') {
						const inserted = await insertTransaction(inner, entry.document, next);
						next += Math.max(1, inserted.splits);
					}
				});
				written.push(entry);
			} catch (error) {
				rejected.push({ index: entry.index, input: entry.document, failures: [{ code: 'FIELD_INVALID', message: `${describeDocument(entry.document)}: Sage refused it: ${(error as Error).message}` }] });
			}
		}
	} else {
		const stamp = runStamp();
		const transactions = plan.post.filter(({ document }) => document.type !== 'customer' && document.type !== 'supplier');
		const transactionsToWrite: PlannedDocument[] = [];
		const keep = (entries: PlannedDocument[], failuresOf: (position: number) => Failure[]) => {
			entries.forEach((entry, position) => {
				const failures = failuresOf(position);
				if (failures.length > 0) rejected.push({ index: entry.index, input: entry.document, failures });
				else transactionsToWrite.push(entry);
			});
		};
		if (settings.edition === 'sage50us') {
			for (const journal of ['sales', 'purchases'] as const) {
				const entries = transactions.filter(({ document }) => usJournalFor(document) === journal);
				const checks = checkUsJournalDocuments(journal, entries.map(({ document }) => document));
				keep(entries, (position) => checks[position].failures);
			}
		} else {
			const checks = checkAuditTrailDocuments(transactions.map(({ document }) => document));
			keep(transactions, (position) => checks[position].failures);
		}
		for (const side of ['customer', 'supplier'] as const) {
			const accounts = plan.newAccounts.filter((account) => account.side === side);
			if (accounts.length === 0) continue;
			const records = accounts.map(({ document }) => ({ ...document, type: side }) as LedgerDocument);
			const recordChecks = checkRecordDocuments(side, records);
			const good = records.filter((_, position) => recordChecks[position].failures.length === 0);
			recordChecks.forEach((check, position) => {
				if (check.failures.length === 0) return;
				const source = plan.post.find((entry) => entry.document === accounts[position].document);
				if (source) rejected.push({ index: source.index, input: source.document, failures: check.failures });
			});
			if (good.length > 0) {
				const file = await writeRecordsFile(folder, side, good, { stamp });
				files.push({ path: file.path, rows: file.rowCount });
			}
		}
		const rejectedIndexes = new Set(rejected.map((entry) => entry.index));
		const finalTransactions = transactionsToWrite.filter((entry) => !rejectedIndexes.has(entry.index));
		if (settings.edition === 'sage50us') {
			for (const journal of ['sales', 'purchases'] as const) {
				const documents = finalTransactions.filter(({ document }) => usJournalFor(document) === journal).map(({ document }) => document);
				if (documents.length === 0) continue;
				const file = await writeUsJournalFile(folder, journal, documents, { ...DEFAULT_US_JOURNAL_OPTIONS, stamp });
				files.push({ path: file.path, rows: file.rowCount });
			}
		} else if (finalTransactions.length > 0) {
			const file = await writeAuditTrailFile(folder, finalTransactions.map(({ document }) => document), { ...DEFAULT_AUDIT_TRAIL_OPTIONS, stamp });
			files.push({ path: file.path, rows: file.rowCount });
		}
		written.push(...plan.post.filter((entry) => !rejectedIndexes.has(entry.index)));
	}

	const postedItems = written.map(({ index, document }) => ({
		json: { status: settings.edition === 'generic' ? 'posted' : 'written', document: describeDocument(document), documentNumber: document.header?.number ?? null, accountCode: document.party?.code ?? null },
		pairedItem: { item: incoming[index].item },
	}));
	const duplicateItems = plan.duplicates.map(({ index, document, reason }) => ({
		json: { status: 'duplicate', document: describeDocument(document), documentNumber: document.header?.number ?? null, message: reason },
		pairedItem: { item: incoming[index].item },
	}));
	rejected.sort((a, b) => a.index - b.index);
	const rejectedItems = rejected.map(({ index, input, failures }) => rejectedItem(input, failures, incoming[index].item));

	const runAt = new Date();
	const log = buildImportLog({
		runAt,
		target: `Sage (${settings.edition})`,
		documentCount: incoming.length,
		validCount: written.length,
		rejections: rejected.map(({ index, input, failures }) => ({ item: index + 1, input, failures })),
	});
	const binary: Record<string, Awaited<ReturnType<typeof this.helpers.prepareBinaryData>>> = {
		importLog: await this.helpers.prepareBinaryData(Buffer.from(log, 'utf8'), `sage-import-log-${runAt.toISOString().replace(/[:.]/g, '-')}.csv`, 'text/csv'),
	};
	for (const [position, file] of files.entries()) {
		binary[`file${position + 1}`] = await this.helpers.prepareBinaryData(await readFile(file.path), path.basename(file.path), 'text/csv');
	}
	const summary: INodeExecutionData = {
		json: {
			kind: 'runSummary',
			edition: settings.edition,
			documents: incoming.length,
			imported: written.length,
			duplicates: plan.duplicates.length,
			rejected: rejected.length,
			files: files.map((file) => ({ path: file.path, fileName: path.basename(file.path), rows: file.rows })),
			odbcQueries: connection.queryCount - queriesBefore,
		},
		binary,
		pairedItem: items.map((_, item) => ({ item })),
	};
	return [postedItems, duplicateItems, rejectedItems, [summary]];
}

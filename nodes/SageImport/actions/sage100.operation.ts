/**
 * The Sage 100 (France) operations — Sync Customers, Sync Projects, Check Invoices, Post
 * Invoices and Synchronise All — are steps of one run (lib/targets/sage100/post.ts), so they
 * share this glue: read the records, run the steps, and give every record its status on the
 * outputs Posted (created, updated, ready, posted), Duplicates (already in Sage, or skipped
 * before the period start), Rejected, and one Run Summary with the statuses the platform
 * shows as its "synchronised" tick.
 */
import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { describeDocument, type LedgerDocument } from '../../../lib/model/document';
import { buildImportLog } from '../../../lib/report/importLog';
import { describeProject } from '../../../lib/targets/sage100/projects';
import { runSage100, sortDocuments, type Sage100Input, type Sage100Status } from '../../../lib/targets/sage100/post';
import { companyName } from '../../../lib/targets/sage100/settings';
import type { SageConnection } from '../../../lib/odbc/connection';
import { readDocuments, rejectedItem } from '../../shared/items';
import { openNodeJournal, postingRun } from '../../shared/posting';
import type { Sage100OperationName } from '../description';
import { sage100SettingsFrom } from '../transport';
import { operationError } from '../../shared/errors';
import { forOperation } from '../../shared/descriptions';
import { documentsField, maxDocumentsProperty, postingFields, sage100OptionsProperty } from './common.descriptions';

const OUTPUT: Record<Sage100Status['status'], 0 | 1 | 2> = {
	created: 0,
	updated: 0,
	ready: 0,
	posted: 0,
	alreadyInSage: 1,
	alreadyPosted: 1,
	inProgress: 1,
	skipped: 1,
	rejected: 2,
};

/** n8n's one empty item after a node set to "Always Output Data": not a record, and not a reject. */
function isEmptyItem(document: unknown): boolean {
	return Boolean(document) && typeof document === 'object' && !Array.isArray(document) && Object.keys(document as object).length === 0;
}

function readProjects(context: IExecuteFunctions): unknown[] {
	const value = context.getNodeParameter('projects', 0, '[]') as unknown;
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return [];
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw operationError(context.getNode(), `Projects is not valid JSON: ${(error as Error).message}`, { itemIndex: 0, description: 'Give a list such as [{"code": "P2026-014", "name": "Médiathèque"}], or an expression.' });
		}
	}
	if (parsed === null || parsed === undefined) return [];
	return Array.isArray(parsed) ? parsed : [parsed];
}

export async function sage100Operation(
	this: IExecuteFunctions,
	operation: Sage100OperationName,
	connection: SageConnection,
	credential: IDataObject,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const incoming = readDocuments(items, this.getNodeParameter('documentsField', 0, '') as string).filter(({ document }) => !isEmptyItem(document));
	const settings = sage100SettingsFrom(
		credential,
		this.getNodeParameter('sage100Options', 0, {}) as IDataObject,
		operation === 'syncCustomers' || operation === 'syncProjects' ? 0 : (this.getNodeParameter('maxDocuments', 0, 0) as number),
	);

	// Records are numbered in one sequence: the documents read, then projects from the parameter.
	const documents = incoming.map(({ document }, index) => ({ index, input: document }));
	const sourceItem = (index: number) => (index < incoming.length ? incoming[index].item : 0);
	let input: Sage100Input;
	if (operation === 'syncCustomers') input = { customers: documents };
	else if (operation === 'syncProjects') input = { projects: documents };
	else if (operation === 'synchronise') {
		const projects = readProjects(this).map((project, position) => ({ index: incoming.length + position, input: project }));
		input = { ...sortDocuments(documents), projects };
	} else input = { invoices: documents };

	// Check Invoices is Post Invoices stopped just before writing; Dry Run does the same for the others.
	const dryRun = operation === 'checkInvoices' || (this.getNodeParameter('dryRun', 0, false) as boolean);
	const journal = await openNodeJournal(this);
	const run = postingRun(this, journal, dryRun);
	let result: Awaited<ReturnType<typeof runSage100>>;
	await run.start();
	try {
		result = await runSage100(connection, operation, input, settings, run);
	} finally {
		await run.finish('done');
	}

	const outputs: INodeExecutionData[][] = [[], [], []];
	for (const entry of result.statuses) {
		const pairedItem = { item: sourceItem(entry.index) };
		const common = { kind: 'sage100Status', record: entry.record, status: entry.status, synchronised: entry.synchronised };
		if (entry.status === 'rejected') {
			const item = rejectedItem(entry.input, entry.failures, pairedItem.item);
			item.json = {
				...item.json,
				...common,
				kind: 'rejected',
				...(entry.record === 'project' ? { document: describeProject(entry.input), documentType: 'project', projectCode: entry.key } : {}),
			};
			outputs[2].push(item);
			continue;
		}
		const document = entry.input as Partial<LedgerDocument>;
		outputs[OUTPUT[entry.status]].push({
			json: {
				...common,
				document: entry.record === 'project' ? describeProject(entry.input) : describeDocument(document),
				...(entry.record === 'invoice' ? { documentNumber: entry.key, accountCode: document.party?.code ?? null } : {}),
				...(entry.record === 'customer' ? { accountCode: entry.key } : {}),
				...(entry.record === 'project' ? { projectCode: entry.key } : {}),
				message: entry.message,
				...(entry.failures.length > 0 ? { failureCodes: entry.failures.map((failure) => failure.code) } : {}),
				...(entry.adjusted.length > 0 ? { adjusted: entry.adjusted } : {}),
				...(entry.entry ? { sage: entry.entry as unknown as IDataObject } : {}),
				// The platform's own ids ride along, so the answer can tick the right invoice.
				...(document.header?.source ? { source: document.header.source as unknown as IDataObject } : {}),
			},
			pairedItem,
		});
	}

	const count = (record: Sage100Status['record'], status: Sage100Status['status']) => result.statuses.filter((entry) => entry.record === record && entry.status === status).length;
	const rejections = result.statuses.filter((entry) => entry.status === 'rejected');
	const runAt = new Date();
	const log = buildImportLog({
		runAt,
		target: `Sage 100 (${companyName(settings.companyFile)})`,
		documentCount: result.statuses.length,
		validCount: result.statuses.length - rejections.length,
		rejections: rejections.map((entry) => ({ item: entry.index + 1, input: entry.input, failures: entry.failures })),
	});
	const summary: INodeExecutionData = {
		json: {
			kind: 'runSummary',
			edition: 'sage100fr',
			operation,
			company: companyName(settings.companyFile),
			journal: settings.salesJournal,
			analyticPlan: settings.analyticPlan,
			periodStart: settings.periodStart ?? null,
			customers: { created: count('customer', 'created'), updated: count('customer', 'updated'), alreadyInSage: count('customer', 'alreadyInSage'), rejected: count('customer', 'rejected') },
			projects: { created: count('project', 'created'), alreadyInSage: count('project', 'alreadyInSage'), rejected: count('project', 'rejected') },
			invoices: {
				ready: count('invoice', 'ready'),
				posted: count('invoice', 'posted'),
				alreadyPosted: count('invoice', 'alreadyPosted'),
				skipped: count('invoice', 'skipped'),
				rejected: count('invoice', 'rejected'),
			},
			// The answer for the platform: one line per record, with its "synchronised" tick.
			statuses: result.statuses.map((entry) => ({
				record: entry.record,
				key: entry.key,
				status: entry.status,
				synchronised: entry.synchronised,
				...(entry.failures.length > 0 ? { failureCodes: [...new Set(entry.failures.map((failure) => failure.code))] } : {}),
				message: entry.message,
				...(entry.entry ? { piece: entry.entry.piece, total: entry.entry.total, currency: entry.entry.currency } : {}),
			})),
			// The same counters as the other editions' summaries, for nodes that read any Sage run.
			documents: result.statuses.length,
			imported: result.statuses.filter((entry) => ['created', 'updated', 'posted'].includes(entry.status)).length,
			duplicates: result.statuses.filter((entry) => entry.status === 'alreadyInSage' || entry.status === 'alreadyPosted').length,
			skipped: result.statuses.filter((entry) => entry.status === 'skipped').length,
			rejected: rejections.length,
			files: [],
			odbcQueries: result.queries.total,
			odbcQueriesByPurpose: { referenceData: result.queries.referenceData, duplicateCheck: result.queries.duplicateCheck, writing: result.queries.writing },
		},
		binary: {
			importLog: await this.helpers.prepareBinaryData(Buffer.from(log, 'utf8'), `sage100-import-log-${runAt.toISOString().replace(/[:.]/g, '-')}.csv`, 'text/csv'),
		},
		pairedItem: items.map((_, item) => ({ item })),
	};
	return [...outputs, [summary]];
}

/** What the editor shows for Check Invoices (Sage 100). */
export const checkInvoicesDescription: INodeProperties[] = forOperation('checkInvoices', [
	documentsField,
	maxDocumentsProperty,
	sage100OptionsProperty,
]);

/** What the editor shows for Post Invoices (Sage 100). */
export const postInvoicesDescription: INodeProperties[] = forOperation('postInvoices', [
	documentsField,
	...postingFields,
	maxDocumentsProperty,
	sage100OptionsProperty,
]);

/** What the editor shows for Sync Customers (Sage 100). */
export const syncCustomersDescription: INodeProperties[] = forOperation('syncCustomers', [
	documentsField,
	...postingFields,
	sage100OptionsProperty,
]);

/** What the editor shows for Sync Projects (Sage 100). */
export const syncProjectsDescription: INodeProperties[] = forOperation('syncProjects', [
	documentsField,
	...postingFields,
	sage100OptionsProperty,
]);

/** What the editor shows for Synchronise All (Sage 100). */
export const synchroniseDescription: INodeProperties[] = forOperation('synchronise', [
	documentsField,
	{
		displayName: 'Projects',
		name: 'projects',
		type: 'json',
		default: '[]',
		description:
			'The projects to create before the invoices are posted, as a list of {"code", "name"}: usually an expression that reads body.projects from the Webhook node\'s item. Projects are not ledger documents, so they do not pass through Ledger Mapping.',
	},
	...postingFields,
	maxDocumentsProperty,
	sage100OptionsProperty,
]);

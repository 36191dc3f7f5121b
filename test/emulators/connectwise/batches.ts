/**
 * The accounting interface's write side (§3): `POST finance/accounting/export` reads what is
 * unposted without changing anything; `POST finance/accounting/batches` puts exactly the GL
 * entries named in `processedRecordIds` in a batch, which takes them off the unposted lists;
 * `DELETE batches/{id}` puts them back; `POST batches/{id}/export` re-exports a batch's payload
 * (the Mobius guide's "Rerunning an Existing Batch").
 */
import { buildGlExport, type ExportSelection } from './glExport';
import { invalidField, ManageError, notFound } from './http';
import type { ManageState } from './state';
import type { Batch, GlEntry, SummarizeOption } from './types';
import { parseDate } from './values';
import type { ViewContext } from './views';

const EXPORT_RESOURCE = 'exportAccountingBatchRequest';
const BATCH_RESOURCE = 'accountingBatch';
const SUMMARIZE_OPTIONS: SummarizeOption[] = ['Default', 'Condensed', 'Detailed'];

/** What `POST finance/accounting/batches` answers: the spec says a GLExport (§3); some servers may answer the batch. */
export type BatchCreateResponse = 'glExport' | 'accountingBatch';

function asObject(body: unknown, resource: string): Record<string, unknown> {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ManageError(400, 'InvalidObject', `${resource} object is invalid: send a JSON object.`);
	return body as Record<string, unknown>;
}

function flag(body: Record<string, unknown>, name: string, resource: string): boolean | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw invalidField(resource, name, `${name} must be true or false.`);
	return value;
}

function integerList(body: Record<string, unknown>, name: string, resource: string): number[] | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((item) => !Number.isInteger(item))) throw invalidField(resource, name, `${name} must be an array of integer ids.`);
	return value as number[];
}

/** includedProductIds are strings in the spec (§3); numbers are accepted too, as a JSON deserialiser would. */
function productIdList(body: Record<string, unknown>, name: string, resource: string): string[] | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' && !Number.isInteger(item))) throw invalidField(resource, name, `${name} must be an array of unpostedProductId strings.`);
	return value.map(String);
}

function batchIdentifierOf(body: Record<string, unknown>, resource: string, required: boolean): string | undefined {
	const value = body.batchIdentifier;
	if (value === undefined || value === null || value === '') {
		if (required) throw invalidField(resource, 'batchIdentifier', 'batchIdentifier is required.', 'MissingRequiredField');
		return undefined;
	}
	if (typeof value !== 'string') throw invalidField(resource, 'batchIdentifier', 'batchIdentifier must be a string.');
	if (value.length > 50) throw invalidField(resource, 'batchIdentifier', `batchIdentifier may be at most 50 characters; '${value}' has ${value.length}.`);
	return value;
}

function existingBatch(state: ManageState, identifier: string): Batch | undefined {
	// SQL Server compares case-insensitively, so "20250131-I" and "20250131-i" are the same batch.
	return state.batches.find((batch) => batch.batchIdentifier.toLowerCase() === identifier.toLowerCase());
}

function identifierInUse(identifier: string, resource: string): ManageError {
	return new ManageError(400, 'InvalidObject', `${resource} object is invalid`, [
		{ code: 'ObjectExists', message: `The batch identifier '${identifier}' is already in use.`, resource, field: 'batchIdentifier' },
	]);
}

function keep<T>(items: T[], id: (item: T) => string | number, included: Array<string | number> | undefined, excluded: Array<string | number> | undefined): T[] {
	return items.filter((item) => (!included || included.length === 0 || included.includes(id(item))) && !(excluded ?? []).includes(id(item)));
}

/** POST finance/accounting/export: the unposted documents the request selects, as a GLExport. Nothing is posted. */
export function exportUnposted(context: ViewContext, rawBody: unknown): object {
	const { state } = context;
	const body = asObject(rawBody, EXPORT_RESOURCE);
	const batchIdentifier = batchIdentifierOf(body, EXPORT_RESOURCE, false);
	const invoices = flag(body, 'exportInvoicesFlag', EXPORT_RESOURCE) ?? false;
	const expenses = flag(body, 'exportExpensesFlag', EXPORT_RESOURCE) ?? false;
	const products = flag(body, 'exportProductsFlag', EXPORT_RESOURCE) ?? false;
	if (!invoices && !expenses && !products) {
		throw new ManageError(400, 'InvalidObject', 'Batch export must include invoices, expenses, or products (procurement)', [
			{ code: 'InvalidObject', message: 'Set exportInvoicesFlag, exportExpensesFlag or exportProductsFlag to true.', resource: EXPORT_RESOURCE, field: 'exportInvoicesFlag' },
		]);
	}
	if (batchIdentifier && existingBatch(state, batchIdentifier)) throw identifierInUse(batchIdentifier, EXPORT_RESOURCE);
	const summarize = body.summarizeInvoices ?? state.accountingPackageSetup.invoiceFormat;
	if (!SUMMARIZE_OPTIONS.includes(summarize as SummarizeOption)) {
		throw invalidField(EXPORT_RESOURCE, 'summarizeInvoices', `summarizeInvoices must be one of ${SUMMARIZE_OPTIONS.join(', ')}.`);
	}
	// [ZYNK]: without a thruDate ConnectWise exports up to the current date.
	let thru = state.now();
	if (body.thruDate !== undefined && body.thruDate !== null) {
		const parsed = parseDate(body.thruDate);
		if (!parsed) throw invalidField(EXPORT_RESOURCE, 'thruDate', `thruDate '${String(body.thruDate)}' is not a date (use 2025-01-31T00:00:00Z).`);
		thru = parsed.getTime();
	}
	const locationId = body.locationId;
	if (locationId !== undefined && locationId !== null && !Number.isInteger(locationId)) throw invalidField(EXPORT_RESOURCE, 'locationId', 'locationId must be an integer.');
	const inScope = (date: string, location: number) => Date.parse(date) <= thru && (locationId === undefined || locationId === null || location === locationId);

	const selection: ExportSelection = {
		invoices: invoices
			? keep(
					state.unpostedInvoices().filter((invoice) => inScope(invoice.date, invoice.locationId)),
					(invoice) => invoice.id,
					integerList(body, 'includedInvoiceIds', EXPORT_RESOURCE),
					integerList(body, 'excludedInvoiceIds', EXPORT_RESOURCE),
				)
			: [],
		expenses: expenses
			? keep(
					state.unpostedExpenses().filter((expense) => inScope(expense.date, expense.locationId)),
					(expense) => expense.id,
					integerList(body, 'includedExpenseIds', EXPORT_RESOURCE),
					integerList(body, 'excludedExpenseIds', EXPORT_RESOURCE),
				)
			: [],
		receipts: [],
		adjustments: [],
	};
	if (products) {
		const included = productIdList(body, 'includedProductIds', EXPORT_RESOURCE);
		const excluded = productIdList(body, 'excludedProductIds', EXPORT_RESOURCE);
		selection.receipts = keep(
			state.unpostedReceipts().filter(({ order, receipt }) => inScope(receipt.date, order.locationId)),
			({ receipt }) => String(receipt.id),
			included,
			excluded,
		);
		selection.adjustments = keep(
			state.unpostedAdjustments().filter((adjustment) => inScope(adjustment.date, adjustment.locationId)),
			(adjustment) => String(adjustment.id),
			included,
			excluded,
		);
	}
	if (batchIdentifier) state.exportedWith.set(batchIdentifier.toLowerCase(), summarize as SummarizeOption);
	return buildGlExport(context, selection, { summarizeInvoices: summarize as SummarizeOption, includeEntry: (entry) => entry.batchId === undefined });
}

/** The documents behind a set of GL entries, for a batch's GLExport. */
function selectionOf(state: ManageState, entries: GlEntry[]): ExportSelection {
	const ids = (source: GlEntry['source']) => new Set(entries.filter((entry) => entry.source === source).map((entry) => entry.documentId));
	const invoiceIds = ids('invoice');
	const expenseIds = ids('expense');
	const receiptIds = ids('receipt');
	const adjustmentIds = ids('adjustment');
	return {
		invoices: state.invoices.filter((invoice) => invoiceIds.has(invoice.id)),
		expenses: state.expenses.filter((expense) => expenseIds.has(expense.id)),
		receipts: state.procurement.purchaseOrders.flatMap((order) => order.receipts.filter((receipt) => receiptIds.has(receipt.id)).map((receipt) => ({ order, receipt }))),
		adjustments: state.procurement.adjustments.filter((adjustment) => adjustmentIds.has(adjustment.id)),
	};
}

export function batchExport(context: ViewContext, batch: Batch): object {
	const entries = batch.glEntryIds.flatMap((id) => context.state.glEntry(id) ?? []);
	return buildGlExport(context, selectionOf(context.state, entries), { summarizeInvoices: batch.summarizeInvoices, includeEntry: (entry) => entry.batchId === batch.id });
}

/**
 * POST finance/accounting/batches (§3 CreateAccountingBatchRequest). All or nothing: an
 * identifier already used → ObjectExists on batchIdentifier; an unknown GL entry id, or one
 * already in a batch → 400 on processedRecordIds, and nothing is batched.
 */
export function createBatch(context: ViewContext, rawBody: unknown): Batch {
	const { state } = context;
	const body = asObject(rawBody, BATCH_RESOURCE);
	const batchIdentifier = batchIdentifierOf(body, BATCH_RESOURCE, true) as string;
	if (existingBatch(state, batchIdentifier)) throw identifierInUse(batchIdentifier, BATCH_RESOURCE);
	const ids = body.processedRecordIds;
	if (!Array.isArray(ids) || ids.length === 0) {
		throw invalidField(BATCH_RESOURCE, 'processedRecordIds', 'processedRecordIds is required: the GL entry ids (glEntryIds split at the commas) to put in the batch.', 'MissingRequiredField');
	}
	if (ids.some((id) => !Number.isInteger(id))) {
		throw invalidField(BATCH_RESOURCE, 'processedRecordIds', 'processedRecordIds must be integers: split glEntryIds ("10001,10002") into [10001, 10002].');
	}
	const unique = [...new Set(ids as number[])];
	const unknown = unique.filter((id) => !state.glEntry(id));
	if (unknown.length > 0) throw invalidField(BATCH_RESOURCE, 'processedRecordIds', `GL entries ${unknown.join(', ')} do not exist.`, 'InvalidObject');
	const taken = unique.map((id) => state.glEntry(id) as GlEntry).filter((entry) => entry.batchId !== undefined);
	if (taken.length > 0) {
		const names = taken.map((entry) => `${entry.id} (batch '${state.batch(entry.batchId as number)?.batchIdentifier}')`);
		throw invalidField(BATCH_RESOURCE, 'processedRecordIds', `GL entries already in a batch: ${names.join(', ')}.`, 'ObjectExists');
	}
	const entries = unique.map((id) => state.glEntry(id) as GlEntry);
	const has = (source: GlEntry['source'][]) => entries.some((entry) => source.includes(entry.source));
	return state.addBatch({
		batchIdentifier,
		exportInvoicesFlag: flag(body, 'exportInvoicesFlag', BATCH_RESOURCE) ?? has(['invoice']),
		exportExpensesFlag: flag(body, 'exportExpensesFlag', BATCH_RESOURCE) ?? has(['expense']),
		exportProductsFlag: flag(body, 'exportProductsFlag', BATCH_RESOURCE) ?? has(['receipt', 'adjustment']),
		// A batch re-exports in the shape of the export that carried its identifier, if there was one.
		summarizeInvoices: state.exportedWith.get(batchIdentifier.toLowerCase()) ?? state.accountingPackageSetup.invoiceFormat,
		glEntryIds: unique,
	});
}

export function batchOr404(state: ManageState, idText: string): Batch {
	const batch = state.batch(Number(idText));
	if (!batch) throw notFound(`Accounting batch with id ${idText} was not found.`);
	return batch;
}

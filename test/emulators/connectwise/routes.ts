/**
 * The endpoint table under /{codebase}apis/3.0 (§3). Paths match case-insensitively, as on
 * ConnectWise's IIS (`unpostedPayments/count` and `unpostedpayments` both exist in the spec);
 * `:id` matches digits only.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { issueImpersonationKeys, type Credentials } from './auth';
import { batchExport, batchOr404, createBatch, exportUnposted, type BatchCreateResponse } from './batches';
import { notFound } from './http';
import { createPayment, deletePayment, invoiceOr404, patchPayment, paymentOr404, replacePayment } from './payments';
import { countRows, listRows, rowById, rowsSource, type Source } from './query';
import type { ApiKey, ManageState } from './state';
import type { Expense, InventoryAdjustment, Invoice } from './types';
import {
	accountingPackageSetupView,
	batchEntryView,
	batchView,
	billingTermsView,
	catalogItemView,
	companyView,
	invoiceView,
	memberView,
	paymentView,
	productTypeView,
	taxCodeView,
	taxCodeXRefView,
	unpostedAdjustmentView,
	unpostedExpenseView,
	unpostedInvoiceTaxableLevels,
	unpostedInvoiceView,
	unpostedReceiptView,
	type ViewContext,
} from './views';

export interface RouteRequest {
	method: string;
	params: URLSearchParams;
	headers: IncomingHttpHeaders;
	/** Absolute URL of the request without its query, for Link headers. */
	selfUrl: string;
	/** The request body parsed as JSON (400 if it is not). */
	json(resource: string): Promise<unknown>;
	/** The caller; absent only on routes that authenticate themselves. */
	key?: ApiKey;
}

export interface RouteParts {
	context: ViewContext;
	credentials: Credentials;
	batchResponse: BatchCreateResponse;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface Route {
	method: string;
	pattern: string[];
	/** The tokens route signs with an integrator login, so it checks credentials itself. */
	selfAuthenticated?: boolean;
	handle(request: RouteRequest, params: Record<string, string>, parts: RouteParts): Reply | Promise<Reply>;
}

function route(method: string, path: string, handle: Route['handle'], selfAuthenticated = false): Route {
	return { method, pattern: path.split('/'), handle, selfAuthenticated };
}

const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });

/** Records with ids, shown through `view`. */
function records<T extends { id: number }>(list: T[], view: (record: T) => object): Source<T> {
	return { records: list, id: (record) => record.id, view };
}

/** list, /count and /{id} for a collection. */
function collection<T>(path: string, resource: string, source: (parts: RouteParts, params: Record<string, string>) => Source<T>): Route[] {
	return [
		route('GET', path, (request, params, parts) => {
			const answer = listRows(source(parts, params), { params: request.params, selfUrl: request.selfUrl, paginationType: String(request.headers['pagination-type'] ?? ''), resource });
			return ok(answer.rows, answer.headers);
		}),
		route('GET', `${path}/count`, (request, params, parts) => ok(countRows(source(parts, params), request.params, resource))),
		route('GET', `${path}/:id`, (request, params, parts) => ok(rowById(source(parts, params), params.id, request.params, resource))),
	];
}

function caller(request: RouteRequest): string {
	return request.key?.memberIdentifier ?? 'integration';
}

function unpostedInvoice(state: ManageState, idText: string): Invoice {
	const invoice = state.unpostedInvoices().find((candidate) => candidate.id === Number(idText));
	if (!invoice) throw notFound(`Unposted invoice with id ${idText} was not found.`);
	return invoice;
}

export const ROUTES: Route[] = [
	// ---- Master data
	...collection('company/companies', 'company', ({ context }) => records(context.state.companies, (company) => companyView(context, company))),
	...collection('system/members', 'member', ({ context }) => records(context.state.members, (member) => memberView(context, member))),
	route(
		'POST',
		'system/members/:identifier/tokens',
		(request, params, parts) => ({ status: 200, body: issueImpersonationKeys(request.headers, parts.context.state, parts.credentials, decodeURIComponent(params.identifier)) }),
		true,
	),
	...collection('finance/taxCodes', 'taxCode', ({ context }) => records(context.state.taxCodes, (taxCode) => taxCodeView(context, taxCode))),
	...collection('finance/taxCodes/:taxCodeId/taxCodeXRefs', 'taxCodeXRef', ({ context }, params) => {
		const taxCode = context.state.taxCode(Number(params.taxCodeId));
		if (!taxCode) throw notFound(`Tax code with id ${params.taxCodeId} was not found.`);
		return rowsSource([taxCodeXRefView(context, taxCode)]);
	}),
	...collection('finance/billingTerms', 'billingTerm', ({ context }) => records(context.state.billingTerms, billingTermsView)),
	...collection('procurement/catalog', 'catalogItem', ({ context }) => records(context.state.products, (product) => catalogItemView(context, product))),
	...collection('procurement/types', 'productType', ({ context }) => records(context.state.productTypes, productTypeView)),
	...collection('finance/accountingPackageSetup', 'accountingPackageSetup', ({ context }) => rowsSource([accountingPackageSetupView(context)])),

	// ---- The accounting interface (§3)
	...collection('finance/accounting/unpostedinvoices', 'unpostedInvoice', ({ context }) => records(context.state.unpostedInvoices(), (invoice) => unpostedInvoiceView(context, invoice))),
	...collection('finance/accounting/unpostedinvoices/:parentId/taxableLevels', 'unpostedInvoiceTaxableLevel', ({ context }, params) =>
		rowsSource(unpostedInvoiceTaxableLevels(context, unpostedInvoice(context.state, params.parentId))),
	),
	...collection('finance/accounting/unpostedexpenses', 'unpostedExpense', ({ context }) => records(context.state.unpostedExpenses(), (expense: Expense) => unpostedExpenseView(context, expense))),
	...collection('finance/accounting/unpostedexpenses/:parentId/taxableLevels', 'unpostedExpenseTaxableLevel', ({ context }, params) => {
		if (!context.state.unpostedExpenses().some((expense) => expense.id === Number(params.parentId))) throw notFound(`Unposted expense with id ${params.parentId} was not found.`);
		return rowsSource([]);
	}),
	...collection('finance/accounting/unpostedprocurement', 'unpostedProcurement', ({ context }) =>
		rowsSource([
			...context.state.unpostedReceipts().map((receipt) => unpostedReceiptView(context, receipt)),
			...context.state.unpostedAdjustments().map((adjustment: InventoryAdjustment) => unpostedAdjustmentView(context, adjustment)),
		]),
	),
	...collection('finance/accounting/unpostedprocurement/:parentId/taxableLevels', 'unpostedProcurementTaxableLevel', ({ context }, params) => {
		const id = Number(params.parentId);
		if (!context.state.unpostedReceipts().some(({ receipt }) => receipt.id === id) && !context.state.unpostedAdjustments().some((adjustment) => adjustment.id === id)) {
			throw notFound(`Unposted procurement with id ${params.parentId} was not found.`);
		}
		return rowsSource([]);
	}),
	// New in 2025.x (§3). Payments reach ConnectWise from the accounting package here, so none wait to be posted.
	...collection('finance/accounting/unpostedpayments', 'unpostedPayment', () => rowsSource([])),
	route('POST', 'finance/accounting/export', async (request, _params, parts) => ok(exportUnposted(parts.context, await request.json('exportAccountingBatchRequest')))),
	...collection('finance/accounting/batches', 'accountingBatch', ({ context }) => records(context.state.batches, (batch) => batchView(context, batch))),
	route('POST', 'finance/accounting/batches', async (request, _params, parts) => {
		const batch = createBatch(parts.context, await request.json('accountingBatch'));
		const location = `${parts.context.apiBase}/finance/accounting/batches/${batch.id}`;
		// The spec types this answer as a GLExport (§3); `batchResponse: 'accountingBatch'` plays a server that answers the batch.
		const body = parts.batchResponse === 'accountingBatch' ? batchView(parts.context, batch) : batchExport(parts.context, batch);
		return { status: 201, body, headers: { Location: location } };
	}),
	route('DELETE', 'finance/accounting/batches/:id', (_request, params, parts) => {
		const batch = batchOr404(parts.context.state, params.id);
		parts.context.state.deleteBatch(batch.id);
		return { status: 204 };
	}),
	route('POST', 'finance/accounting/batches/:id/export', (_request, params, parts) => ok(batchExport(parts.context, batchOr404(parts.context.state, params.id)))),
	...collection('finance/accounting/batches/:batchId/entries', 'batchEntry', ({ context }, params) => {
		const batch = batchOr404(context.state, params.batchId);
		return records(
			batch.glEntryIds.flatMap((id) => context.state.glEntry(id) ?? []),
			(entry) => batchEntryView(context, entry),
		);
	}),

	// ---- Invoices and payments
	...collection('finance/invoices', 'invoice', ({ context }) => records(context.state.invoices, (invoice) => invoiceView(context, invoice))),
	...collection('finance/invoices/:invoiceId/payments', 'invoicePayment', ({ context }, params) => {
		const invoice = invoiceOr404(context.state, params.invoiceId);
		return records(
			context.state.payments.filter((payment) => payment.invoiceId === invoice.id),
			(payment) => paymentView(context, payment),
		);
	}),
	route('POST', 'finance/invoices/:invoiceId/payments', async (request, params, parts) => {
		const { state } = parts.context;
		const invoice = invoiceOr404(state, params.invoiceId);
		const payment = createPayment(state, invoice, await request.json('invoicePayment'), caller(request));
		return { status: 201, body: paymentView(parts.context, payment) };
	}),
	route('PUT', 'finance/invoices/:invoiceId/payments/:id', async (request, params, parts) => {
		const { state } = parts.context;
		const invoice = invoiceOr404(state, params.invoiceId);
		const payment = paymentOr404(state, invoice, params.id);
		return ok(paymentView(parts.context, replacePayment(state, invoice, payment, await request.json('invoicePayment'), caller(request))));
	}),
	route('PATCH', 'finance/invoices/:invoiceId/payments/:id', async (request, params, parts) => {
		const { state } = parts.context;
		const invoice = invoiceOr404(state, params.invoiceId);
		const payment = paymentOr404(state, invoice, params.id);
		return ok(paymentView(parts.context, patchPayment(state, invoice, payment, await request.json('invoicePayment'), caller(request))));
	}),
	route('DELETE', 'finance/invoices/:invoiceId/payments/:id', (_request, params, parts) => {
		const { state } = parts.context;
		const invoice = invoiceOr404(state, params.invoiceId);
		deletePayment(state, paymentOr404(state, invoice, params.id));
		return { status: 204 };
	}),
];

/** Routes whose path matches, whatever their method, with the path parameters. */
export function matchRoutes(segments: string[]): Array<{ route: Route; params: Record<string, string> }> {
	const found: Array<{ route: Route; params: Record<string, string> }> = [];
	for (const candidate of ROUTES) {
		if (candidate.pattern.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const fits = candidate.pattern.every((part, index) => {
			const segment = segments[index];
			if (!part.startsWith(':')) return part.toLowerCase() === segment.toLowerCase();
			// :id, :invoiceId… are record ids (digits); :identifier is a member identifier.
			const numeric = part === ':id' || part.endsWith('Id');
			if (numeric ? !/^\d+$/.test(segment) : segment.length === 0) return false;
			params[part.slice(1)] = segment;
			return true;
		});
		if (fits) found.push({ route: candidate, params });
	}
	return found;
}

/**
 * Everything the emulator knows, kept in memory: master data, documents, the GL entries closing
 * them wrote, batches and payments, plus the request log tests read. The unposted lists are not
 * stored: they are whatever closed documents still have GL entries outside a batch (§3).
 */
import { adjustmentEntries, expenseEntries, GL_ID_FLOORS, GlEntryIds, invoiceAmounts, invoiceEntries, receiptEntries, type InvoiceAmounts, type LedgerLookups } from './ledger';
import { GENERATED_INVOICE_BASE, generatedData } from './seed';
import type {
	AccountingPackageSetup,
	Batch,
	BillingTerms,
	Company,
	CompanyInfo,
	Department,
	Expense,
	GlEntry,
	GlSetup,
	GlSource,
	InventoryAdjustment,
	Invoice,
	InvoiceInput,
	Location,
	ManageSeed,
	Member,
	Payment,
	Procurement,
	Product,
	ProductType,
	PurchaseOrder,
	Receipt,
	SummarizeOption,
	TaxCode,
} from './types';
import { addDays, lineCents, toIsoDate } from './values';
import { countRequests } from '../shared';

export interface RequestRecord {
	method: string;
	/** Path without the query, e.g. /v2025_1/apis/3.0/finance/invoices. */
	path: string;
	/** The raw query string without '?', still percent-encoded. */
	query: string;
	/** 0 while in flight, and for connections the emulator dropped on purpose. */
	status: number;
	at: number;
}

/** Keys that sign API calls: the sample API member's, and member impersonation tokens (§1). */
export interface ApiKey {
	publicKey: string;
	privateKey: string;
	/** The member the calls act as. */
	memberIdentifier: string;
	/** Epoch ms; absent for API member keys, which do not expire. */
	expiresAt?: number;
}

export interface UnpostedReceipt {
	order: PurchaseOrder;
	receipt: Receipt;
}

export class ManageState implements LedgerLookups {
	readonly requests: RequestRecord[] = [];
	readonly apiKeys: ApiKey[] = [];

	companyInfo!: CompanyInfo;
	glSetup!: GlSetup;
	accountingPackageSetup!: AccountingPackageSetup;
	locations: Location[] = [];
	departments: Department[] = [];
	billingTerms: BillingTerms[] = [];
	taxCodes: TaxCode[] = [];
	productTypes: ProductType[] = [];
	products: Product[] = [];
	companies: Company[] = [];
	members: Member[] = [];
	invoices: Invoice[] = [];
	expenses: Expense[] = [];
	procurement: Procurement = { purchaseOrders: [], adjustments: [] };
	glEntries: GlEntry[] = [];
	batches: Batch[] = [];
	payments: Payment[] = [];
	/** summarizeInvoices of the last export per batchIdentifier, so the batch re-exports alike. */
	readonly exportedWith = new Map<string, SummarizeOption>();

	private ids = new GlEntryIds();
	private entriesByDocument = new Map<string, GlEntry[]>();
	private entryById = new Map<number, GlEntry>();
	private invoiceIndex = new Map<number | string, Invoice>();
	private nextBatchId = 1;
	private nextPaymentId = 9001;

	constructor(
		private readonly seed: ManageSeed,
		private readonly generated: { invoices?: number; customers?: number } | undefined,
		readonly now: () => number,
		private readonly onReset: () => void = () => undefined,
	) {
		this.load();
	}

	private load(): void {
		const seed = structuredClone(this.seed);
		this.companyInfo = seed.companyInfo;
		this.glSetup = seed.glSetup;
		this.accountingPackageSetup = seed.accountingPackageSetup;
		this.locations = seed.locations;
		this.departments = seed.departments;
		this.billingTerms = seed.billingTerms;
		this.taxCodes = seed.taxCodes;
		this.productTypes = seed.productTypes;
		this.products = seed.products;
		this.companies = seed.companies;
		this.members = seed.members;
		this.invoices = seed.invoices.map((invoice) => this.withDefaults(invoice));
		this.expenses = seed.expenses;
		this.procurement = { purchaseOrders: seed.purchaseOrders, adjustments: seed.adjustments };
		this.glEntries = [];
		this.batches = [];
		this.payments = [];
		this.exportedWith.clear();
		this.ids = new GlEntryIds();
		this.entriesByDocument.clear();
		this.entryById.clear();
		this.invoiceIndex.clear();
		for (const invoice of this.invoices) this.index(invoice);
		this.nextBatchId = 1;
		this.nextPaymentId = 9001;

		// Each kind of seeded document gets its own id range, so SAMPLE_MANAGE's ids hold whatever else is added.
		for (const invoice of this.invoices.filter((candidate) => candidate.status === 'Closed')) {
			this.record(invoiceEntries(invoice, this, this.ids, GL_ID_FLOORS.invoice));
		}
		for (const expense of this.expenses.filter((candidate) => candidate.dateClosed)) {
			this.record(expenseEntries(expense, this.glSetup, this.ids, GL_ID_FLOORS.expense));
		}
		for (const order of this.procurement.purchaseOrders) {
			for (const receipt of order.receipts.filter((candidate) => candidate.dateClosed)) this.record(receiptEntries(receipt, this, this.ids, GL_ID_FLOORS.receipt));
		}
		for (const adjustment of this.procurement.adjustments.filter((candidate) => candidate.dateClosed)) {
			this.record(adjustmentEntries(adjustment, this.glSetup, this.ids, GL_ID_FLOORS.adjustment));
		}
		if (this.generated) {
			const bulk = generatedData(this.generated);
			this.companies.push(...bulk.companies);
			for (const generatedInvoice of bulk.invoices) {
				const invoice = this.withDefaults(generatedInvoice);
				this.invoices.push(invoice);
				this.index(invoice);
				this.record(invoiceEntries(invoice, this, this.ids, GL_ID_FLOORS.later));
			}
		}
	}

	private withDefaults(invoice: Invoice): Invoice {
		const company = this.company(invoice.companyId);
		return { ...invoice, billingTermsId: invoice.billingTermsId ?? company?.billingTermsId, taxCodeId: invoice.taxCodeId ?? company?.taxCodeId };
	}

	private index(invoice: Invoice): void {
		this.invoiceIndex.set(invoice.id, invoice);
		this.invoiceIndex.set(invoice.invoiceNumber, invoice);
	}

	private record(entries: GlEntry[]): void {
		for (const entry of entries) {
			this.glEntries.push(entry);
			this.entryById.set(entry.id, entry);
			const key = `${entry.source}:${entry.documentId}`;
			const list = this.entriesByDocument.get(key) ?? [];
			list.push(entry);
			this.entriesByDocument.set(key, list);
		}
	}

	// ---- Lookups (also LedgerLookups)

	private readonly byId = new Map<string, { list: Array<{ id: number }>; length: number; map: Map<number, { id: number }> }>();

	/** Finds by id through an index that is rebuilt whenever the list was replaced or grew, so tests may push to the lists. */
	private find<T extends { id: number }>(name: string, list: T[], id: number | undefined): T | undefined {
		if (id === undefined) return undefined;
		let cache = this.byId.get(name);
		if (!cache || cache.list !== list || cache.length !== list.length) {
			cache = { list, length: list.length, map: new Map(list.map((item) => [item.id, item])) };
			this.byId.set(name, cache);
		}
		return cache.map.get(id) as T | undefined;
	}

	company(id: number | undefined): Company | undefined {
		return this.find('companies', this.companies, id);
	}

	member(id: number | undefined): Member | undefined {
		return this.find('members', this.members, id);
	}

	product(id: number | undefined): Product | undefined {
		return this.find('products', this.products, id);
	}

	productType(id: number | undefined): ProductType | undefined {
		return this.find('productTypes', this.productTypes, id);
	}

	taxCode(id: number | undefined): TaxCode | undefined {
		return this.find('taxCodes', this.taxCodes, id);
	}

	billingTerm(id: number | undefined): BillingTerms | undefined {
		return this.find('billingTerms', this.billingTerms, id);
	}

	location(id: number | undefined): Location | undefined {
		return this.find('locations', this.locations, id);
	}

	department(id: number | undefined): Department | undefined {
		return this.find('departments', this.departments, id);
	}

	/** By id, or by invoice number ("INV-1001"). */
	invoice(idOrNumber: number | string): Invoice | undefined {
		const indexed = this.invoiceIndex.get(idOrNumber);
		if (indexed) return indexed;
		// A test may have pushed to `invoices` directly; find it the slow way.
		return this.invoices.find((invoice) => invoice.id === idOrNumber || invoice.invoiceNumber === idOrNumber);
	}

	glEntry(id: number): GlEntry | undefined {
		return this.entryById.get(id);
	}

	entriesOf(source: GlSource, documentId: number): GlEntry[] {
		return this.entriesByDocument.get(`${source}:${documentId}`) ?? [];
	}

	amounts(invoice: Invoice): InvoiceAmounts {
		return invoiceAmounts(invoice, this);
	}

	/** Due date from the invoice's billing terms. */
	dueDate(invoice: Invoice): string {
		return addDays(invoice.date, this.billingTerm(invoice.billingTermsId)?.dueDays ?? 0);
	}

	paymentOf(invoiceId: number): Payment | undefined {
		return this.payments.find((payment) => payment.invoiceId === invoiceId);
	}

	/** Signed: negative for a credit memo. */
	totalCents(invoice: Invoice): number {
		const amounts = this.amounts(invoice);
		return amounts.sign * amounts.totalCents;
	}

	paidCents(invoice: Invoice): number {
		const payment = this.paymentOf(invoice.id);
		return payment ? lineCents(1, payment.amount) : 0;
	}

	// ---- The accounting interface's unposted lists (§3)

	private hasUnbatched(source: GlSource, documentId: number): boolean {
		return this.entriesOf(source, documentId).some((entry) => entry.batchId === undefined);
	}

	/** Closed invoices with at least one GL entry outside a batch; an open invoice has no entries, so never appears. */
	unpostedInvoices(): Invoice[] {
		return this.invoices.filter((invoice) => invoice.status === 'Closed' && this.hasUnbatched('invoice', invoice.id));
	}

	unpostedExpenses(): Expense[] {
		return this.expenses.filter((expense) => this.hasUnbatched('expense', expense.id));
	}

	unpostedReceipts(): UnpostedReceipt[] {
		return this.procurement.purchaseOrders.flatMap((order) => order.receipts.filter((receipt) => this.hasUnbatched('receipt', receipt.id)).map((receipt) => ({ order, receipt })));
	}

	unpostedAdjustments(): InventoryAdjustment[] {
		return this.procurement.adjustments.filter((adjustment) => this.hasUnbatched('adjustment', adjustment.id));
	}

	// ---- Batches

	batch(id: number): Batch | undefined {
		return this.batches.find((batch) => batch.id === id);
	}

	/** Puts exactly these GL entries in a new batch. Callers validate first (batches.ts). */
	addBatch(fields: Omit<Batch, 'id' | 'createdAt' | 'closedFlag'>): Batch {
		const batch: Batch = { ...fields, id: this.nextBatchId++, closedFlag: false, createdAt: toIsoDate(new Date(this.now())) };
		this.batches.push(batch);
		for (const id of batch.glEntryIds) {
			const entry = this.entryById.get(id) as GlEntry;
			entry.batchId = batch.id;
			if (entry.source === 'invoice') (this.invoice(entry.documentId) as Invoice).glBatchId = batch.id;
		}
		return batch;
	}

	/** Deleting a batch puts its entries back on the unposted lists (Mobius guide "Un-posting Transactions"). */
	deleteBatch(id: number): void {
		const index = this.batches.findIndex((batch) => batch.id === id);
		if (index < 0) return;
		this.batches.splice(index, 1);
		for (const entry of this.glEntries.filter((candidate) => candidate.batchId === id)) {
			entry.batchId = undefined;
			if (entry.source === 'invoice') this.refreshGlBatch(entry.documentId);
		}
	}

	private refreshGlBatch(invoiceId: number): void {
		const invoice = this.invoice(invoiceId);
		if (!invoice) return;
		const batchIds = this.entriesOf('invoice', invoiceId).flatMap((entry) => (entry.batchId === undefined ? [] : [entry.batchId]));
		invoice.glBatchId = batchIds.length > 0 ? Math.max(...batchIds) : undefined;
	}

	// ---- Helpers for tests: what a user would do in the ConnectWise UI

	/**
	 * Adds an invoice as if keyed in ConnectWise. It stays open (no GL entries, not unposted)
	 * unless `status: 'Closed'`. Missing ids follow the largest existing ones.
	 */
	addInvoice(input: InvoiceInput): Invoice {
		if (!this.company(input.companyId)) throw new Error(`Company ${input.companyId} is not in the emulator`);
		const id = input.id ?? Math.max(0, ...this.invoices.filter((invoice) => invoice.id < GENERATED_INVOICE_BASE).map((invoice) => invoice.id)) + 1;
		if (this.invoice(id)) throw new Error(`Invoice id ${id} already exists`);
		const invoiceNumber = input.invoiceNumber ?? `INV-${id + 700}`;
		if (this.invoices.some((invoice) => invoice.invoiceNumber === invoiceNumber)) throw new Error(`Invoice number ${invoiceNumber} already exists`);
		const invoice = this.withDefaults({
			id,
			invoiceNumber,
			type: input.type ?? 'Standard',
			status: 'Open',
			companyId: input.companyId,
			date: toIsoDate(input.date ?? new Date(this.now())),
			billingTermsId: input.billingTermsId,
			taxCodeId: input.taxCodeId,
			locationId: input.locationId ?? this.locations[0]?.id ?? 1,
			departmentId: input.departmentId ?? this.departments[0]?.id ?? 1,
			reference: input.reference,
			lines: input.lines.map((line, index) => ({ ...line, id: line.id ?? id * 10 + index + 1 })),
		});
		this.invoices.push(invoice);
		this.index(invoice);
		if (input.status === 'Closed') this.closeInvoice(invoice.id);
		return invoice;
	}

	/** Closes an open invoice: it gets its GL entries and joins the unposted list (§3 [ZYNK]). */
	closeInvoice(idOrNumber: number | string): Invoice {
		const invoice = this.invoice(idOrNumber);
		if (!invoice) throw new Error(`No invoice has id or number '${idOrNumber}'`);
		if (invoice.status === 'Closed') throw new Error(`Invoice ${invoice.invoiceNumber} is already closed`);
		invoice.status = 'Closed';
		invoice.closedBy = 'emulator';
		invoice.dateClosed = toIsoDate(new Date(this.now()));
		this.record(invoiceEntries(invoice, this, this.ids, GL_ID_FLOORS.later));
		return invoice;
	}

	/**
	 * The invoice screen's "More > Un-batch" (Mobius guide "Un-posting Transactions"): its entries
	 * leave their batches and it is unposted again. REST has no such endpoint (§3 "Un-batching").
	 */
	unbatchInvoice(idOrNumber: number | string): Invoice {
		const invoice = this.invoice(idOrNumber);
		if (!invoice) throw new Error(`No invoice has id or number '${idOrNumber}'`);
		for (const entry of this.entriesOf('invoice', invoice.id)) {
			if (entry.batchId === undefined) continue;
			const batch = this.batch(entry.batchId);
			if (batch) batch.glEntryIds = batch.glEntryIds.filter((id) => id !== entry.id);
			entry.batchId = undefined;
		}
		invoice.glBatchId = undefined;
		return invoice;
	}

	takePaymentId(): number {
		return this.nextPaymentId++;
	}

	/** How many logged requests match, e.g. countRequests({ method: 'POST', path: /accounting\/batches$/ }). */
	countRequests(filter: { method?: string; path?: string | RegExp; status?: number } = {}): number {
		return countRequests(this.requests, filter);
	}

	/** Back to the seed (and the generated data): documents, entries, batches, payments, the request log and the rate-limit window. Impersonation tokens stay valid. */
	reset(): void {
		this.load();
		this.requests.length = 0;
		this.onReset();
	}
}

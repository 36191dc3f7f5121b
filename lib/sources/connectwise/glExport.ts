/**
 * A ConnectWise Manage GLExport (reference §6) → canonical ledger documents, the way Mobius
 * Connect takes it into Sage 50 US (seed 003):
 *
 * - `customers[]` → `customer` records and `vendors[]` → `supplier` records, first, so a
 *   target can create the accounts before the journals name them (seed: "Create Customers",
 *   "Create Vendors").
 * - `transactions[]` (glTypeId "AR") → a `salesInvoice` per invoice (standard, agreement,
 *   miscellaneous and down payment invoices alike) and a `salesCredit` per credit memo.
 * - `expenseBills[]` → an `expense` per bill from the member's vendor ("Transfer with Expense as
 *   Bill", the only expense option the seed supports; `expenses[]` are refused unless
 *   `expensesAsBills` is false).
 * - `purchaseTransactions[]` (packing slips) → a `purchaseInvoice` when the vendor invoice
 *   number is filled in, else an `itemReceipt` ("Waiting on Bill").
 * - `adjustmentTransactions[]` → an `inventoryAdjustment`; `inventoryTransfers[]` are refused
 *   (seed: not available for Sage 50 US).
 *
 * Every document carries the GL entry ids it stands for in `header.source.ids.glEntryIds`
 * ("1010,1011"), which is what a batch is later made of (reference §3: processedRecordIds).
 * A record that cannot become a document is returned in `rejected` with its GL entry ids, a
 * failure code and a sentence, never dropped, so each GL entry id of the export ends up in
 * exactly one document or rejection.
 *
 * Signs: the export is credit-signed. An invoice's detail totals and quantities are negative
 * (revenue and sales tax are credits) and the header `total` positive ([ZYNK] samples: total
 * 42.00 from details −35.00 and −7.00); a packing slip's details are negative too against a
 * positive total. Documents carry invoice amounts positive, so those totals are turned round;
 * a credit memo's details come the other way and are kept. Expense bill details are already
 * positive (legacy sample: 2.45 + 31.50 = 33.95).
 */
import { Decimal } from '../../model/decimal';
import type { DocumentHeader, DocumentLine, LedgerDocument, Party } from '../../model/document';
import { capitalise, currencyDecimals, validateDocument } from '../../model/validate';
import { failureSummary, type FailureCode } from '../../report/failureCodes';
import type {
	CwReference,
	GlExport,
	GlExportAdjustmentTransaction,
	GlExportCustomer,
	GlExportExpense,
	GlExportExpenseBill,
	GlExportInventoryTransfer,
	GlExportPurchaseTransaction,
	GlExportPurchaseTransactionDetail,
	GlExportTransaction,
	GlExportTransactionDetail,
	GlExportVendor,
} from './glExportTypes';
import {
	apportion,
	currencyCodeOf,
	exportDate,
	glEntryId,
	identifierOf,
	nameOf,
	normalise,
	parseGlEntryIds,
	readGlEntryIds,
	sageItemClassFor,
	textOf,
	ValueReader,
	type RecordProblem,
} from './glExportValues';

export type * from './glExportTypes';
export { parseGlEntryIds, SAGE_ITEM_CLASS_FOR_PRODUCT_TYPE, sageItemClassFor, type ConnectWiseProductType, type SageItemClass } from './glExportValues';

/** What a document was in ConnectWise, in `header.source.ids.transactionType`. */
export type ConnectWiseTransactionType = 'invoice' | 'creditMemo' | 'expenseBill' | 'expense' | 'itemReceipt' | 'apInvoice' | 'inventoryAdjustment';

/** The invoice types of seed 003's feature list, in `header.source.ids.invoiceType`. */
export type ConnectWiseInvoiceType = 'standard' | 'agreement' | 'miscellaneous' | 'downPayment';

export interface GlExportOptions {
	/**
	 * true (the default): reimbursable expenses arrive as `expenseBills[]`, one bill per member,
	 * and stray `expenses[]` entries are refused — seed 003 supports only "Transfer with Expense
	 * as Bill". false: each `expenses[]` entry becomes an expense document of its own.
	 */
	expensesAsBills?: boolean;
	/** ISO currency of records whose `currency` names none (the ledger's base currency when unset). */
	currency?: string;
	/**
	 * Which ConnectWise field is the Sage Vendor ID of a company vendor, for `vendors[]` and
	 * purchase transactions alike, so the supplier record and its purchases name one account.
	 * 'vendorNumber' (the default): the company's Vendor XRef, which seed 003 says must match the
	 * Sage Vendor ID; the account number is used when it is empty. 'accountNumber': the other way
	 * round ([ZYNK]: "Procurement needs the vendor's account reference"). A member's vendor is
	 * always its vendor number ("Vendor Nbr", seed 003).
	 */
	vendorCode?: 'vendorNumber' | 'accountNumber';
	/**
	 * G/L account of the freight line of a packing slip. The export has no field for it: the
	 * account is the "Purchase Order Freight" account of Manage's GL Setup table (seed 003,
	 * "Freight"). Unset, the freight line has no account and Ledger Mapping or the target
	 * profile asks for one.
	 */
	freightAccount?: string;
	/**
	 * A zero-value invoice, or an INVOICE whose total is negative (a credit entered as an
	 * invoice), is not an ordinary sale. 'hold' (the default): left out of this batch and
	 * reported as INVOICE_HELD_FOR_REVIEW, so it stays unexported in Manage and comes again with
	 * the next export; the rest of the batch goes on. 'reject': refused as INVOICE_AMOUNT_UNUSUAL
	 * (with Whole Batch or Nothing, the batch stops). 'post': posted as any invoice.
	 */
	unusualInvoices?: 'hold' | 'reject' | 'post';
}

export interface ConnectWiseRejectedRecord {
	/** The record as a person names it: "invoice 1042", "expense bill 1132Admin1", "vendor CW0001". */
	source: string;
	code: FailureCode;
	/** A sentence naming the record, what is wrong and what to do. */
	message: string;
	/** The record's GL entry ids (not claimed by an earlier record), to leave out of the batch. */
	glEntryIds: number[];
	/** The record as the export has it. */
	raw: unknown;
}

export interface ConnectWiseDocumentsResult {
	documents: LedgerDocument[];
	rejected: ConnectWiseRejectedRecord[];
	/** Invoices held back for a person to look at (unusualInvoices 'hold'): not in this batch, not a failure of it. */
	held: ConnectWiseRejectedRecord[];
	/** Every GL entry id of the export, once each, in the order they appear. */
	glEntryIds: number[];
}

/** The GL entry ids a document stands for (its `header.source.ids.glEntryIds`); none when it has none. */
export function glEntryIdsOf(document: LedgerDocument): number[] {
	const value = document.header?.source?.ids?.glEntryIds;
	if (typeof value === 'number') return [value];
	return parseGlEntryIds(value);
}

/** A record read: a document, or what keeps it from being one. */
interface Outcome {
	source: string;
	/** Its own GL entry ids, once each. */
	ids: number[];
	raw: unknown;
	problems: RecordProblem[];
	/** What a refusal tells the person to do; by default, to correct the record in Manage and export it again. */
	fix?: string;
	/** Why it is held back for review rather than imported (it can be read). */
	held?: string;
	build?: () => LedgerDocument;
}

export function documentsFromGlExport(exportData: GlExport, options: GlExportOptions = {}): ConnectWiseDocumentsResult {
	const context = contextOf(options);
	const outcomes: Outcome[] = [];
	const each = <T>(records: T[] | null | undefined, read: (record: T, index: number) => Outcome) => {
		if (!Array.isArray(records)) return;
		records.forEach((record, index) => outcomes.push(isObject(record) ? read(record, index) : notAnObject(record, index)));
	};
	const data: GlExport = isObject(exportData) ? exportData : {};
	each(data.customers, (record, index) => customerOutcome(record, index, context));
	each(data.vendors, (record, index) => vendorOutcome(record, index, context));
	each(data.transactions, (record, index) => arOutcome(record, index, context));
	each(data.expenseBills, (record, index) => expenseBillOutcome(record, index, context));
	each(data.expenses, (record, index) => expenseOutcome(record, index, context));
	each(data.purchaseTransactions, (record, index) => purchaseOutcome(record, index, context));
	each(data.adjustmentTransactions, (record, index) => adjustmentOutcome(record, index, context));
	each(data.inventoryTransfers, (record, index) => transferOutcome(record, index));

	const result: ConnectWiseDocumentsResult = { documents: [], rejected: [], held: [], glEntryIds: [] };
	/** Which record each GL entry id went to. */
	const claimed = new Map<number, string>();
	for (const outcome of outcomes) {
		const fresh = outcome.ids.filter((id) => !claimed.has(id));
		const taken = outcome.ids.filter((id) => claimed.has(id));
		for (const id of fresh) {
			claimed.set(id, outcome.source);
			result.glEntryIds.push(id);
		}
		const reject = (code: FailureCode, message: string) => result.rejected.push({ source: outcome.source, code, message, glEntryIds: fresh, raw: outcome.raw });
		if (outcome.problems.length > 0 || !outcome.build) {
			reject(...refusal(outcome));
			continue;
		}
		if (taken.length > 0) {
			// One GL entry in two records would go into the batch twice or be posted twice.
			const owners = [...new Set(taken.map((id) => claimed.get(id)))].join(', ');
			reject(
				'DUPLICATE_IN_BATCH',
				`${capitalise(outcome.source)}: GL ${taken.length > 1 ? 'entries' : 'entry'} ${taken.join(', ')} ${taken.length > 1 ? 'are' : 'is'} also in ${owners}, earlier in the same export. ${capitalise(outcome.source)} is not imported; check both in ConnectWise Manage (Finance > Accounting Interface) and export again.`,
			);
			continue;
		}
		if (outcome.held) {
			result.held.push({ source: outcome.source, code: 'INVOICE_HELD_FOR_REVIEW', message: outcome.held, glEntryIds: fresh, raw: outcome.raw });
			continue;
		}
		const document = outcome.build();
		const { failures } = validateDocument(document);
		if (failures.length > 0) {
			reject(failures[0].code, `${failureSummary(failures)} ${capitalise(outcome.source)} is not imported.`);
			continue;
		}
		result.documents.push(document);
	}
	return result;
}

interface Context {
	expensesAsBills: boolean;
	currency?: string;
	vendorCode: 'vendorNumber' | 'accountNumber';
	freightAccount?: string;
	unusualInvoices: 'hold' | 'reject' | 'post';
}

function contextOf(options: GlExportOptions): Context {
	const currency = textOf(options.currency)?.toUpperCase();
	if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
		throw new Error(`The currency "${options.currency}" is not a three-letter currency code such as USD.`);
	}
	return {
		expensesAsBills: options.expensesAsBills ?? true,
		currency,
		vendorCode: options.vendorCode ?? 'vendorNumber',
		freightAccount: textOf(options.freightAccount),
		unusualInvoices: options.unusualInvoices ?? 'hold',
	};
}

function isObject(value: unknown): value is object {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Each record of a transaction's detail list; an entry that is not one is a problem of the transaction, named "<label> line n". */
function forEachRecord<T>(details: readonly T[], label: string, reader: ValueReader, read: (detail: T & object, lineIndex: number) => void): void {
	details.forEach((detail, lineIndex) => {
		if (isObject(detail)) read(detail, lineIndex);
		else reader.problem('FIELD_INVALID', `${label} line ${lineIndex + 1} is not a record`);
	});
}

function notAnObject(record: unknown, index: number): Outcome {
	return {
		source: `record ${index + 1}`,
		ids: [],
		raw: record,
		problems: [{ code: 'FIELD_INVALID', detail: `the export holds ${JSON.stringify(record)} where a record (a JSON object) belongs` }],
	};
}

/** The failure of a refused record: the first problem's code, and every problem in one sentence. */
function refusal({ source, problems: found, fix }: Outcome): [FailureCode, string] {
	const problems = found.length > 0 ? found : [{ code: 'FIELD_INVALID' as const, detail: 'it cannot be read' }];
	const details = problems.map((problem) => problem.detail);
	const joined = details.length > 1 ? `${details.slice(0, -1).join(', ')} and ${details[details.length - 1]}` : details[0];
	const name = capitalise(source);
	return [problems[0].code, `${name}: ${joined}. ${fix ?? `${name} is not imported; correct it in ConnectWise Manage and export it again.`}`];
}

/** The record's currency (or the default), and a reader for its amounts at that currency's decimals. */
function readerFor(currencyReference: Parameters<typeof currencyCodeOf>[0], context: Context): { reader: ValueReader; currency?: string } {
	const reader = new ValueReader(2);
	let currency = context.currency;
	const written = currencyCodeOf(currencyReference);
	if (written !== undefined) {
		if (/^[A-Za-z]{3}$/.test(written)) currency = written.toUpperCase();
		else reader.problem('FIELD_INVALID', `the currency "${written}" is not a three-letter currency code such as USD`);
	}
	reader.places = currencyDecimals(currency);
	return { reader, currency };
}

/** Ids once each, in order. */
function unique(ids: number[]): number[] {
	return [...new Set(ids)];
}

/** The detail line's GL entry id, or a problem when it is there but not one. */
function lineGlEntryId(value: unknown, reader: ValueReader, what: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	const id = glEntryId(value);
	if (id === undefined) reader.problem('FIELD_INVALID', `${what} has the id ${JSON.stringify(value)}, which is not a GL entry number`);
	return id;
}

function sourceIds(ids: number[], transactionType: ConnectWiseTransactionType, more: Record<string, string | number | undefined> = {}): Record<string, string | number> {
	const result: Record<string, string | number> = {};
	if (ids.length > 0) result.glEntryIds = ids.join(',');
	result.transactionType = transactionType;
	for (const [key, value] of Object.entries(more)) if (value !== undefined) result[key] = value;
	return result;
}

/** Drops the keys whose value is undefined, so documents hold only what the export said. */
function defined<T extends Record<string, unknown>>(value: T): T {
	for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
	return value;
}

/** Keeps a unit price only when quantity × price is the line's net exactly, so the two never disagree. */
function unitPriceFor(quantity: Decimal | undefined, price: Decimal | undefined, net: Decimal): string | undefined {
	if (!quantity || !price || quantity.isZero()) return undefined;
	return quantity.times(price).equals(net) ? price.toFixed() : undefined;
}

function totalsOf(net: Decimal, tax: Decimal, places: number): { net: string; tax: string; gross: string } {
	return { net: net.toFixed(places), tax: tax.toFixed(places), gross: net.plus(tax).toFixed(places) };
}

// ---------------------------------------------------------------------------------------
// Customers and vendors
// ---------------------------------------------------------------------------------------

function customerOutcome(customer: GlExportCustomer, index: number, context: Context): Outcome {
	const name = nameOf(customer.company);
	const { reader, currency } = readerFor(customer.currency, context);
	// Seed 003: the company's "Account" (Finance > Company Finance) must match the Sage Customer ID.
	const code = reader.required(customer.accountNumber, 'CUSTOMER_CODE_MISSING', `${name ?? 'the company'} has no account number (Finance > Company Finance "Account"), which must match the Sage 50 Customer ID`);
	if (code !== undefined && name === undefined) reader.problem('FIELD_REQUIRED', 'the company has no name');
	const taxCodeXrefs = defined({
		state: textOf(customer.stateTaxXref),
		county: textOf(customer.countyTaxXref),
		city: textOf(customer.cityTaxXref),
		country: textOf(customer.countryTaxXref),
		composite: textOf(customer.compositeTaxXref),
	});
	return {
		source: `customer ${code ?? name ?? index + 1}`,
		ids: [],
		raw: customer,
		problems: reader.problems,
		build: () => {
			const party: Party = defined({
				code: code!,
				name: name!,
				contact: nameOf(customer.contact),
				paymentTerms: textOf(customer.billingTermsXref) ?? nameOf(customer.billingTerms),
				currency,
			});
			// A party has no tax code of its own in the model: the customer's tax code and xrefs ride along for the target.
			const extra = defined({
				companyIdentifier: textOf(customer.company?.identifier),
				taxable: customer.taxable ?? undefined,
				taxCode: nameOf(customer.taxCode),
				taxCodeXrefs: Object.keys(taxCodeXrefs).length > 0 ? taxCodeXrefs : undefined,
				taxAgencyXref: textOf(customer.taxAgencyXref),
				dueDays: textOf(customer.dueDays),
				site: nameOf(customer.site),
			});
			if (Object.keys(extra).length > 0) party.extra = extra;
			return { schemaVersion: 1, type: 'customer', header: { source: { system: 'connectwise', id: code! } }, party };
		},
	};
}

/** The Sage Vendor ID of a company vendor, by the `vendorCode` option. */
function companyVendorCode(vendorNumber: unknown, accountNumber: unknown, context: Context): string | undefined {
	return context.vendorCode === 'vendorNumber' ? textOf(vendorNumber) ?? textOf(accountNumber) : textOf(accountNumber) ?? textOf(vendorNumber);
}

function vendorOutcome(vendor: GlExportVendor, index: number, context: Context): Outcome {
	const member = vendor.member ?? undefined;
	// A member's vendor is the member's "Vendor Nbr"; a company's follows the vendorCode option.
	const code = member ? textOf(vendor.vendorNumber) : companyVendorCode(vendor.vendorNumber, vendor.accountNumber, context);
	const name = nameOf(vendor.vendor) ?? nameOf(vendor.company) ?? nameOf(member);
	const reader = new ValueReader(2);
	if (code === undefined) {
		reader.problem(
			'SUPPLIER_CODE_MISSING',
			member
				? `member ${identifierOf(member)} has no vendor number ("Vendor Nbr" on Setup > Members), which must match the Sage 50 Vendor ID`
				: `${name ?? 'the vendor'} has no vendor number or account number (the "Vendor XRef" on Finance > Company Finance must match the Sage 50 Vendor ID)`,
		);
	} else if (name === undefined) {
		reader.problem('FIELD_REQUIRED', 'the vendor has no name');
	}
	return {
		source: code ? `vendor ${code}` : member ? `vendor of member ${identifierOf(member) ?? name ?? index + 1}` : `vendor ${name ?? index + 1}`,
		ids: [],
		raw: vendor,
		problems: reader.problems,
		build: () => {
			const party: Party = defined({ code: code!, name: name!, contact: nameOf(vendor.contact), paymentTerms: nameOf(vendor.billingTerms) });
			const extra = defined({
				member: identifierOf(member),
				companyIdentifier: textOf(vendor.company?.identifier),
				accountNumber: textOf(vendor.accountNumber),
				vendorNumber: textOf(vendor.vendorNumber),
				taxCode: nameOf(vendor.taxCode),
				dueDays: textOf(vendor.dueDays),
				site: nameOf(vendor.site),
			});
			if (Object.keys(extra).length > 0) party.extra = extra;
			return { schemaVersion: 1, type: 'supplier', header: { source: { system: 'connectwise', id: code! } }, party };
		},
	};
}

// ---------------------------------------------------------------------------------------
// AR transactions: invoices and credit memos
// ---------------------------------------------------------------------------------------

/**
 * What kind of AR document a transaction is. `documentType` is "INVOICE" for every invoice
 * ([ZYNK] samples) and names a credit memo otherwise; `billingType` tells the invoice types
 * apart ("Miscellaneous" in both samples; "Standard", "Agreement" and "Down Payment" as
 * Manage's invoice types are written). `agreementPrePaymentFlag` marks an agreement billed in
 * advance. A billing type Manage adds later (e.g. "Progress") posts as a standard invoice;
 * the export's own value is kept in `extra.billingType`.
 */
function arKind(transaction: GlExportTransaction): { kind: 'invoice' | 'creditMemo'; invoiceType?: ConnectWiseInvoiceType } | { unknown: string } {
	const documentType = normalise(textOf(transaction.documentType) ?? '');
	const billingType = normalise(textOf(transaction.billingType) ?? '');
	if (documentType.includes('credit') || billingType.includes('credit')) return { kind: 'creditMemo' };
	if (documentType !== 'invoice') return { unknown: textOf(transaction.documentType) ?? '' };
	if (billingType === 'agreement') return { kind: 'invoice', invoiceType: 'agreement' };
	if (billingType === 'miscellaneous') return { kind: 'invoice', invoiceType: 'miscellaneous' };
	if (billingType === 'downpayment') return { kind: 'invoice', invoiceType: 'downPayment' };
	if (billingType === 'standard') return { kind: 'invoice', invoiceType: 'standard' };
	return { kind: 'invoice', invoiceType: transaction.agreementPrePaymentFlag === true ? 'agreement' : 'standard' };
}

interface RevenueLine {
	detail: GlExportTransactionDetail;
	net: Decimal;
	quantity?: Decimal;
	price?: Decimal;
	id?: number;
}

interface TaxEntry {
	detail: GlExportTransactionDetail;
	amount: Decimal;
	id?: number;
}

function arOutcome(transaction: GlExportTransaction, index: number, context: Context): Outcome {
	const { reader, currency } = readerFor(transaction.currency, context);
	const places = reader.places;
	const kind = arKind(transaction);
	const credit = 'kind' in kind && kind.kind === 'creditMemo';
	const number = textOf(transaction.documentNumber);
	const label = credit ? 'credit memo' : 'invoice';
	const source = number ? `${label} ${number}` : `${label} (transaction ${textOf(transaction.id) ?? index + 1})`;

	const header = readGlEntryIds(transaction.glEntryIds);
	if (header.junk.length > 0) reader.problem('FIELD_INVALID', `glEntryIds "${String(transaction.glEntryIds)}" holds ${header.junk.map((piece) => `"${piece}"`).join(', ')}, which ${header.junk.length > 1 ? 'are not GL entry numbers' : 'is not a GL entry number'}`);
	const ids = [...header.ids];

	if ('unknown' in kind) reader.problem('FIELD_INVALID', kind.unknown ? `the documentType "${kind.unknown}" is neither INVOICE nor a credit memo` : 'the documentType is empty (INVOICE or a credit memo expected)');
	const glTypeId = textOf(transaction.glTypeId);
	if (glTypeId !== undefined && glTypeId.toUpperCase() !== 'AR') reader.problem('FIELD_INVALID', `the glTypeId is "${glTypeId}" where AR (accounts receivable) is expected`);
	reader.required(transaction.documentNumber, 'FIELD_REQUIRED', 'the documentNumber (invoice number) is empty');
	const date = reader.date(transaction.documentDate, 'the documentDate', true);
	const dueDate = reader.date(transaction.dueDate, 'the dueDate', false);
	const companyName = nameOf(transaction.company);
	// Seed 003: the company's "Account" must match the Sage 50 Customer ID.
	const customerCode = reader.required(
		transaction.companyAccountNumber,
		'CUSTOMER_CODE_MISSING',
		`${companyName ?? 'the company'} has no account number (Finance > Company Finance "Account"), which must match the Sage 50 Customer ID`,
	);

	// Credit-signed export: an invoice's revenue and tax details are negative, a credit memo's positive.
	const toDocument = (amount: Decimal) => (credit ? amount : amount.negated());
	const revenue: RevenueLine[] = [];
	const taxes: TaxEntry[] = [];
	const details = Array.isArray(transaction.detail) ? transaction.detail : [];
	forEachRecord(details, 'detail', reader, (detail, lineIndex) => {
		const what = `detail line ${lineIndex + 1}${typeof detail.id === 'number' ? ` (GL entry ${detail.id})` : ''}`;
		const id = lineGlEntryId(detail.id, reader, what);
		if (id !== undefined) ids.push(id);
		const total = reader.money(detail.total, `the total of ${what}`, true);
		if (!total) return;
		if ((textOf(detail.glTypeId) ?? '').toUpperCase() === 'ST') {
			taxes.push({ detail, amount: toDocument(total), id });
			return;
		}
		const quantity = reader.number(detail.quantity, `the quantity of ${what}`, false);
		revenue.push({ detail, net: toDocument(total), quantity: quantity && toDocument(quantity), price: reader.number(detail.itemPrice, `the itemPrice of ${what}`, false), id });
	});
	if (details.length === 0) reader.problem('LINES_MISSING', 'it has no detail lines');
	else if (revenue.length === 0 && reader.problems.length === 0) reader.problem('LINES_MISSING', 'it has only sales tax lines (glTypeId ST), no revenue lines');

	const net = Decimal.sum(revenue.map((line) => line.net));
	const tax = Decimal.sum(taxes.map((entry) => entry.amount));
	const gross = net.plus(tax);
	if (reader.problems.length === 0) {
		// The export's own totals must agree with its lines: a difference is reported, never adjusted.
		// Whether a credit memo's header amounts are signed is not documented, so either sign is taken.
		const agrees = (written: Decimal, computed: Decimal) => written.equals(computed) || (credit && written.equals(computed.negated()));
		const salesTax = reader.money(transaction.salesTax, 'the salesTax', false);
		const total = reader.money(transaction.total, 'the total', false);
		if (salesTax && !agrees(salesTax, tax)) {
			reader.problem('TOTALS_TAX_MISMATCH', `the sales tax lines (glTypeId ST) add up to ${tax.toFixed(places)} but the ${label}'s salesTax is ${salesTax.toFixed(places)}`);
		} else if (total && !agrees(total, gross)) {
			reader.problem(
				'TOTALS_GROSS_MISMATCH',
				`the detail lines add up to ${gross.toFixed(places)} (${net.toFixed(places)} + ${tax.toFixed(places)} sales tax) but the ${label}'s total is ${total.toFixed(places)}`,
			);
		}
	}

	let held: string | undefined;
	if (reader.problems.length === 0 && !credit && context.unusualInvoices !== 'post' && (gross.isZero() || gross.isNegative())) {
		const what = gross.isZero()
			? `its total is ${gross.toFixed(places)}: a zero-value invoice`
			: `it is an INVOICE with a negative total (${gross.toFixed(places)}), which reads like a credit memo entered as an invoice`;
		if (context.unusualInvoices === 'reject') reader.problem('INVOICE_AMOUNT_UNUSUAL', what);
		else {
			held = `${capitalise(source)} is held back for a person to look at: ${what}. It is not in this batch and stays unexported in ConnectWise Manage, so it comes again with the next export; to post such invoices as they are, set Zero and Negative Invoices to Post.`;
		}
	}

	return {
		source,
		ids: unique(ids),
		raw: transaction,
		problems: reader.problems,
		held,
		build: () => {
			// Sage 50 US's Sales Journal posts an invoice's sales tax as one distribution of the sum
			// of the lines' tax (lib/targets/sage50/usJournal.ts), so the ST lines are shared out over
			// the taxable lines by their net, to the cent and adding up exactly. The ST lines
			// themselves (account, agency, level) stay in extra.salesTax for targets that want them.
			const taxable = revenue.filter((line) => line.detail.taxableFlag === true);
			const bearers = taxable.length > 0 ? taxable : revenue;
			const shares = apportion(tax, bearers.map((line) => line.net), places);
			const taxOf = new Map(bearers.map((line, position) => [line, shares[position]]));
			const lines = revenue.map((line) => arLine(line, taxOf.get(line) ?? Decimal.ZERO, places, transaction));
			const invoiceType = 'kind' in kind ? kind.invoiceType : undefined;
			const documentHeader: DocumentHeader = defined({
				number: number!,
				date: date!,
				dueDate,
				reference: nameOf(transaction.purchaseOrder),
				description: textOf(transaction.memo),
				currency,
				paymentTerms: textOf(transaction.billingTermsXref) ?? nameOf(transaction.billingTerms),
				project: nameOf(transaction.project),
				source: {
					system: 'connectwise',
					id: number!,
					ids: sourceIds(unique(ids), credit ? 'creditMemo' : 'invoice', { invoiceType, transactionId: transaction.id ?? undefined }),
				},
			});
			const party: Party = defined({ code: customerCode!, name: companyName });
			const extra = defined({
				billingType: textOf(transaction.billingType),
				receivablesAccount: textOf(transaction.accountNumber),
				taxAccountNumber: textOf(transaction.taxAccountNumber),
				taxAgencyXref: textOf(transaction.taxAgencyXref),
				taxCode: nameOf(transaction.taxCode),
				salesRep: textOf(transaction.salesRepName) ?? textOf(transaction.salesRepId),
				salesTax:
					taxes.length > 0
						? taxes.map((entry) =>
								defined({
									amount: entry.amount.toFixed(places),
									account: textOf(entry.detail.accountNumber),
									taxCodeXref: textOf(entry.detail.taxCodeXref),
									taxAgencyXref: textOf(entry.detail.taxAgencyXref),
									description: textOf(entry.detail.description),
									glEntryId: entry.id,
								}),
							)
						: undefined,
			});
			const document: LedgerDocument = {
				schemaVersion: 1,
				type: credit ? 'salesCredit' : 'salesInvoice',
				header: documentHeader,
				party,
				lines,
				totals: totalsOf(net, tax, places),
			};
			if (Object.keys(extra).length > 0) document.extra = extra;
			return document;
		},
	};
}

/**
 * One revenue detail as a document line. The Default, Condensed and Detailed summary options
 * (seed 003, "Invoice" dropdown) only change how many details there are and how much their
 * memo says; a condensed detail has no item, and its quantity and price are kept only where
 * they multiply to the net.
 */
function arLine(line: RevenueLine, taxAmount: Decimal, places: number, transaction: GlExportTransaction): DocumentLine {
	const { detail } = line;
	const itemCode = identifierOf(detail.item) ?? textOf(detail.glItemId) ?? identifierOf(detail.product);
	const itemType = textOf(detail.itemTypeXref);
	const item = itemCode || itemType ? defined({ code: itemCode, type: itemType, description: textOf(detail.itemDescription) }) : undefined;
	const extra = defined({
		glEntryId: line.id,
		glTypeId: textOf(detail.glTypeId),
		glDescription: textOf(detail.description),
		taxable: detail.taxableFlag ?? undefined,
		cost: textOf(detail.cost),
		costAccountNumber: textOf(detail.costAccountNumber),
		inventoryAccountNumber: textOf(detail.inventoryAccountNumber),
		salesCode: textOf(detail.salesCode),
		itemPrice: line.price?.toFixed(),
		unitOfMeasure: nameOf(detail.unitOfMeasure),
		invoiceSummaryOption: textOf(detail.invoiceSummaryOption),
		sageItemClass: itemType ? sageItemClassFor(itemType) : undefined,
	});
	return defined({
		// The memo is what the customer reads ("10ft Patch Cat5E Cable"); the description names the GL bucket ("Taxable Products").
		description: textOf(detail.memo) ?? textOf(detail.salesDescription) ?? textOf(detail.description),
		quantity: line.quantity?.toFixed(),
		unitPrice: unitPriceFor(line.quantity, line.price, line.net),
		net: line.net.toFixed(places),
		taxCode: textOf(detail.taxCodeXref),
		taxAmount: taxAmount.toFixed(places),
		account: textOf(detail.accountNumber),
		item,
		project: nameOf(transaction.project),
		extra: Object.keys(extra).length > 0 ? extra : undefined,
	});
}

// ---------------------------------------------------------------------------------------
// Expenses
// ---------------------------------------------------------------------------------------

/** Seed 003, "Members": each member with an expense needs a Sage vendor, whose ID is the member's "Vendor Nbr". */
function memberVendorProblem(member: CwReference | null | undefined): string {
	const who = identifierOf(member);
	const name = textOf(member?.name);
	return `member ${who ?? '(not named)'}${name && name !== who ? ` (${name})` : ''} has no vendor number: set "Vendor Nbr" on Setup > Members to the member's Sage 50 Vendor ID`;
}

function expenseBillOutcome(bill: GlExportExpenseBill, index: number, context: Context): Outcome {
	const { reader, currency } = readerFor(bill.currency, context);
	const places = reader.places;
	const number = textOf(bill.documentNumber) ?? textOf(bill.id);
	const source = `expense bill ${number ?? index + 1}`;
	const member = bill.member ?? undefined;
	const vendorCode = textOf(bill.vendorNumber);
	if (vendorCode === undefined) reader.problem('SUPPLIER_CODE_MISSING', memberVendorProblem(member));
	if (number === undefined) reader.problem('FIELD_REQUIRED', 'the documentNumber is empty');
	const date = reader.date(bill.documentDate, 'the documentDate', true);

	const ids: number[] = [];
	const lines: Array<{ line: DocumentLine; net: Decimal }> = [];
	const details = Array.isArray(bill.detail) ? bill.detail : [];
	forEachRecord(details, 'detail', reader, (detail, lineIndex) => {
		const what = `detail line ${lineIndex + 1}`;
		// An expense bill detail's id is an int array: the GL entries of that expense (reference §6).
		const lineIds = readGlEntryIds(detail.id);
		if (lineIds.junk.length > 0) reader.problem('FIELD_INVALID', `${what} has the id ${JSON.stringify(detail.id)}, which is not a list of GL entry numbers`);
		ids.push(...lineIds.ids);
		const net = reader.money(detail.total, `the total of ${what}`, true);
		if (!net) return;
		const extra = defined({
			glEntryIds: lineIds.ids.length > 0 ? lineIds.ids.join(',') : undefined,
			glTypeId: textOf(detail.glTypeId),
			billable: detail.billable ?? undefined,
			reimbursable: detail.reimbursable ?? undefined,
			companyAdvance: detail.companyAdvance ?? undefined,
			company: nameOf(detail.company),
			expenseClass: nameOf(detail.expenseClass),
			documentDate: exportDate(textOf(detail.documentDate) ?? '') ?? textOf(detail.documentDate),
		});
		lines.push({
			net,
			line: defined({ description: textOf(detail.memo), net: net.toFixed(places), account: textOf(detail.accountNumber), extra: Object.keys(extra).length > 0 ? extra : undefined }),
		});
	});
	if (details.length === 0) reader.problem('LINES_MISSING', 'it has no detail lines');
	const net = Decimal.sum(lines.map((entry) => entry.net));
	if (reader.problems.length === 0) {
		const total = reader.money(bill.total, 'the total', false);
		if (total && !total.equals(net)) reader.problem('TOTALS_NET_MISMATCH', `the detail lines add up to ${net.toFixed(places)} but the bill's total is ${total.toFixed(places)}`);
	}
	return {
		source,
		ids: unique(ids),
		raw: bill,
		problems: reader.problems,
		build: () => {
			const document: LedgerDocument = {
				schemaVersion: 1,
				type: 'expense',
				header: defined({
					number: number!,
					date: date!,
					description: textOf(bill.memo),
					currency,
					member: identifierOf(member),
					source: { system: 'connectwise', id: number!, ids: sourceIds(unique(ids), 'expenseBill', { expenseBillId: bill.id ?? undefined }) },
				}),
				party: defined({ code: vendorCode!, name: nameOf(member) }),
				lines: lines.map((entry) => entry.line),
				totals: totalsOf(net, Decimal.ZERO, places),
			};
			const extra = defined({ payablesAccount: textOf(bill.apAccountNumber), documentType: textOf(bill.documentType) });
			if (Object.keys(extra).length > 0) document.extra = extra;
			return document;
		},
	};
}

/** A single expense entry, exported when "Transfer Expense as a Bill" is off; its id is its GL entry. */
function expenseOutcome(expense: GlExportExpense, index: number, context: Context): Outcome {
	const { reader, currency } = readerFor(expense.currency, context);
	const places = reader.places;
	const id = lineGlEntryId(expense.id, reader, 'the expense');
	const number = textOf(expense.id);
	const source = `expense ${number ?? index + 1}`;
	const ids = id === undefined ? [] : [id];
	if (context.expensesAsBills) {
		return {
			source,
			ids,
			raw: expense,
			problems: [
				{
					code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
					detail: 'it was exported as a journal entry, not in a bill: the Accounting Package\'s "Transfer Expense as a Bill" is off, and the Sage 50 US integration supports expenses only as bills (seed 003)',
				},
			],
			fix: `${capitalise(source)} is not imported; tick "Transfer Expense as a Bill" (System > Setup Tables > Accounting Package) and export it again, or set the expensesAsBills option to false for a ledger that takes single expenses.`,
		};
	}
	const member = expense.member ?? undefined;
	const vendorCode = textOf(expense.vendorNumber);
	if (vendorCode === undefined) reader.problem('SUPPLIER_CODE_MISSING', memberVendorProblem(member));
	if (number === undefined) reader.problem('FIELD_REQUIRED', 'the expense has no id');
	const date = reader.date(expense.documentDate, 'the documentDate', true);
	const net = reader.money(expense.total, 'the total', true);
	return {
		source,
		ids,
		raw: expense,
		problems: reader.problems,
		build: () => {
			const extra = defined({ glTypeId: textOf(expense.glTypeId), company: nameOf(expense.company), companyAccountNumber: textOf(expense.companyAccountNumber) });
			const document: LedgerDocument = {
				schemaVersion: 1,
				type: 'expense',
				header: defined({
					number: number!,
					date: date!,
					description: textOf(expense.description),
					currency,
					project: nameOf(expense.project),
					member: identifierOf(member),
					source: { system: 'connectwise', id: number!, ids: sourceIds(ids, 'expense') },
				}),
				party: defined({ code: vendorCode!, name: nameOf(member) }),
				lines: [
					defined({
						description: textOf(expense.memo) ?? textOf(expense.description),
						net: net!.toFixed(places),
						account: textOf(expense.accountNumber),
						project: nameOf(expense.project),
						extra: Object.keys(extra).length > 0 ? extra : undefined,
					}),
				],
				totals: totalsOf(net!, Decimal.ZERO, places),
			};
			const documentExtra = defined({ payablesAccount: textOf(expense.apAccountNumber), periodStartDate: textOf(expense.periodStartDate), periodEndDate: textOf(expense.periodEndDate) });
			if (Object.keys(documentExtra).length > 0) document.extra = documentExtra;
			return document;
		},
	};
}

// ---------------------------------------------------------------------------------------
// Procurement: packing slips as AP invoices or item receipts
// ---------------------------------------------------------------------------------------

/**
 * The account a purchase line is debited to, by product type (seed 003, "GL Entries"): an
 * Inventory Part goes to inventory; Non-Inventory Parts and Services to their cost account
 * (Sage's "Salaries/Wages" account of Non-Stock and Service items); Other Charges, and lines
 * with no type, to cost of sales — the detail's cost account. The detail's `accountNumber` is
 * its product (revenue) account ([ZYNK] sample: 4001 beside cost and inventory 1111), used only
 * when the export gives neither.
 */
function purchaseAccount(detail: GlExportPurchaseTransactionDetail): string | undefined {
	const inventory = sageItemClassFor(detail.itemTypeXref) === 'Inventory';
	return (inventory ? textOf(detail.inventoryAccountNumber) : textOf(detail.costAccountNumber)) ?? textOf(detail.costAccountNumber) ?? textOf(detail.inventoryAccountNumber) ?? textOf(detail.accountNumber);
}

interface PurchaseLine {
	line: DocumentLine;
	net: Decimal;
	taxable: boolean;
}

function purchaseOutcome(purchase: GlExportPurchaseTransaction, index: number, context: Context): Outcome {
	const { reader, currency } = readerFor(purchase.currency, context);
	const places = reader.places;
	const vendorInvoiceNumber = textOf(purchase.vendorInvoiceNumber);
	const purchaseOrder = textOf(purchase.documentNumber);
	const packingSlip = textOf(purchase.packingSlip);
	// Seed 003, "Item Receipts": with the vendor invoice number filled in, the packing slip is an
	// AP invoice; without it an item receipt ("Waiting on Bill") numbered by the PO, which Sage 50 US
	// keeps in "Customer Invoice No.".
	const apInvoice = vendorInvoiceNumber !== undefined;
	const number = apInvoice ? vendorInvoiceNumber : (purchaseOrder ?? packingSlip);
	const source = apInvoice ? `AP invoice ${number}` : `item receipt ${number ?? textOf(purchase.id) ?? index + 1}`;
	const vendorName = nameOf(purchase.company);
	const vendorCode = companyVendorCode(purchase.vendorNumber, purchase.vendorAccountNumber, context);
	if (vendorCode === undefined) {
		reader.problem('SUPPLIER_CODE_MISSING', `${vendorName ?? 'the vendor'} has no vendor number or vendor account number (the "Vendor XRef" on Finance > Company Finance must match the Sage 50 Vendor ID)`);
	}
	if (number === undefined) reader.problem('FIELD_REQUIRED', 'the documentNumber (PO number) and packingSlip are empty');
	// An AP invoice is dated by the vendor's invoice (seed 003: "update the Date with the Invoice Date").
	const dateField = apInvoice && textOf(purchase.vendorInvoiceDate) ? 'vendorInvoiceDate' : textOf(purchase.documentDate) || !textOf(purchase.purchaseDate) ? 'documentDate' : 'purchaseDate';
	const date = reader.date(purchase[dateField], `the ${dateField}`, true);

	const ids: number[] = [];
	const lines: PurchaseLine[] = [];
	const details = Array.isArray(purchase.purchaseDetail) ? purchase.purchaseDetail : [];
	forEachRecord(details, 'purchase detail', reader, (detail, lineIndex) => {
		const what = `purchase detail line ${detail.lineNumber ?? lineIndex + 1}${typeof detail.id === 'number' ? ` (GL entry ${detail.id})` : ''}`;
		const id = lineGlEntryId(detail.id, reader, what);
		if (id !== undefined) ids.push(id);
		const total = reader.money(detail.total, `the total of ${what}`, true);
		const written = reader.number(detail.quantity, `the quantity of ${what}`, false);
		const cost = reader.number(detail.itemCost, `the itemCost of ${what}`, false);
		if (!total) return;
		// Credit-signed like an invoice's details ([ZYNK] sample: quantity −50, total −12.50 for a 12.50 packing slip).
		const net = total.negated();
		const quantity = written?.negated();
		const itemCode = identifierOf(detail.item) ?? textOf(detail.glItemId);
		const itemType = textOf(detail.itemTypeXref);
		const taxable = detail.taxable ?? detail.taxableFlag;
		const extra = defined({
			glEntryId: id,
			lineNumber: detail.lineNumber ?? undefined,
			glTypeId: textOf(detail.glTypeId),
			accountNumber: textOf(detail.accountNumber),
			costAccountNumber: textOf(detail.costAccountNumber),
			inventoryAccountNumber: textOf(detail.inventoryAccountNumber),
			taxable: taxable ?? undefined,
			unitOfMeasure: nameOf(detail.unitOfMeasure),
			warehouse: nameOf(detail.warehouseSite),
			serialNumbers: textOf(detail.serialNumbers),
			sageItemClass: itemType ? sageItemClassFor(itemType) : undefined,
		});
		lines.push({
			net,
			taxable: taxable === true,
			line: defined({
				description: textOf(detail.memo) ?? textOf(detail.itemDescription) ?? textOf(detail.description),
				quantity: quantity?.toFixed(),
				unitPrice: unitPriceFor(quantity, cost, net),
				net: net.toFixed(places),
				taxCode: textOf(detail.taxCodeXref),
				taxAmount: Decimal.ZERO.toFixed(places),
				account: purchaseAccount(detail),
				item: itemCode || itemType ? defined({ code: itemCode, type: itemType, description: textOf(detail.itemDescription) }) : undefined,
				extra: Object.keys(extra).length > 0 ? extra : undefined,
			}),
		});
	});
	if (details.length === 0) reader.problem('LINES_MISSING', 'it has no purchase detail lines');

	const freight = reader.money(purchase.freightAmount, 'the freightAmount', false);
	if (freight && !freight.isZero()) {
		lines.push({
			net: freight,
			taxable: purchase.purchaseHeaderFreightTaxableFlag === true,
			line: defined({
				description: 'Freight',
				net: freight.toFixed(places),
				taxAmount: Decimal.ZERO.toFixed(places),
				account: context.freightAccount,
				extra: defined({ freight: true, packingSlip: textOf(purchase.freightPackingSlip) }),
			}),
		});
	}

	const taxes: Decimal[] = [];
	(Array.isArray(purchase.purchaseDetailTax) ? purchase.purchaseDetailTax : []).forEach((entry, taxIndex) => {
		if (!isObject(entry)) return;
		const what = `purchase tax line ${taxIndex + 1}${typeof entry.id === 'number' ? ` (GL entry ${entry.id})` : ''}`;
		const id = lineGlEntryId(entry.id, reader, what);
		if (id !== undefined) ids.push(id);
		const total = reader.money(entry.total, `the total of ${what}`, true);
		// Assumed credit-signed like the purchase details beside it (no sample shows one).
		if (total) taxes.push(total.negated());
	});

	const net = Decimal.sum(lines.map((entry) => entry.net));
	const tax = Decimal.sum(taxes);
	if (reader.problems.length === 0) {
		const total = reader.money(purchase.total, 'the total', false);
		// Whether `total` includes the freight is not documented; it must match one reading exactly.
		const withoutFreight = freight ? net.plus(tax).minus(freight) : undefined;
		if (total && !total.equals(net.plus(tax)) && !(withoutFreight && total.equals(withoutFreight))) {
			reader.problem(
				'TOTALS_GROSS_MISMATCH',
				`the purchase detail lines add up to ${net.plus(tax).toFixed(places)}${freight && !freight.isZero() ? ` (freight ${freight.toFixed(places)} included)` : ''}${tax.isZero() ? '' : ` with ${tax.toFixed(places)} tax`} but the packing slip's total is ${total.toFixed(places)}`,
			);
		}
	}

	return {
		source,
		ids: unique(ids),
		raw: purchase,
		problems: reader.problems,
		build: () => {
			const taxable = lines.filter((entry) => entry.taxable);
			const bearers = taxable.length > 0 ? taxable : lines;
			const shares = apportion(tax, bearers.map((entry) => entry.net), places);
			bearers.forEach((entry, position) => (entry.line.taxAmount = shares[position].toFixed(places)));
			const document: LedgerDocument = {
				schemaVersion: 1,
				type: apInvoice ? 'purchaseInvoice' : 'itemReceipt',
				header: defined({
					number: number!,
					date: date!,
					reference: apInvoice ? purchaseOrder : packingSlip !== number ? packingSlip : undefined,
					description: textOf(purchase.memo) ?? textOf(purchase.description),
					currency,
					paymentTerms: textOf(purchase.billingTermsXref) ?? nameOf(purchase.billingTerms),
					source: {
						system: 'connectwise',
						id: textOf(purchase.id) ?? number!,
						ids: sourceIds(unique(ids), apInvoice ? 'apInvoice' : 'itemReceipt', { purchaseOrder, packingSlip }),
					},
				}),
				party: defined({ code: vendorCode!, name: vendorName, contact: nameOf(purchase.contact) }),
				lines: lines.map((entry) => entry.line),
				totals: totalsOf(net, tax, places),
			};
			const extra = defined({
				payablesAccount: textOf(purchase.apAccountNumber),
				purchaseDate: exportDate(textOf(purchase.purchaseDate) ?? '') ?? textOf(purchase.purchaseDate),
				dropship: purchase.dropshipFlag ?? undefined,
				taxGroup: textOf(purchase.purchaseHeaderTaxGroup),
			});
			if (Object.keys(extra).length > 0) document.extra = extra;
			return document;
		},
	};
}

// ---------------------------------------------------------------------------------------
// Inventory adjustments and transfers
// ---------------------------------------------------------------------------------------

/**
 * An inventory adjustment (seed 003 feature 11b) as an `inventoryAdjustment` document: one
 * line per item with the quantity added (+) or removed (−), its value as `net`, and as
 * `account` the G/L account the value goes to — the detail's account, else the adjustment's
 * (Sage 50 US's Inventory Adjustments take the "G/L Source Account" per line and the item's own
 * inventory account; the inventory and cost accounts ride in `extra`). The export's sign of an
 * adjustment's `total` is not documented, so the value takes the direction of the quantity.
 * Adjustment details carry no GL entry id (reference §6): when the adjustment's own `id` (text)
 * is a comma-separated list of numbers, as `glEntryIds` is, those are its GL entry ids — the
 * repository's Manage emulator sends them so; any other id ("ADJ-17") names the adjustment
 * only, and the document then has no GL entry ids to batch.
 */
function adjustmentOutcome(adjustment: GlExportAdjustmentTransaction, index: number, context: Context): Outcome {
	const { reader, currency } = readerFor(undefined, context);
	const places = reader.places;
	const number = textOf(adjustment.id);
	const source = `inventory adjustment ${number ?? index + 1}`;
	if (number === undefined) reader.problem('FIELD_REQUIRED', 'the adjustment has no id');
	const ids = number !== undefined && /^[\d\s,]+$/.test(number) ? readGlEntryIds(number).ids : [];
	const date = reader.date(adjustment.documentDate, 'the documentDate', true);
	const lines: Array<{ line: DocumentLine; net: Decimal }> = [];
	const details = Array.isArray(adjustment.adjustmentDetail) ? adjustment.adjustmentDetail : [];
	forEachRecord(details, 'adjustment', reader, (detail, lineIndex) => {
		const what = `adjustment line ${lineIndex + 1}`;
		const itemCode = identifierOf(detail.item);
		if (itemCode === undefined) reader.problem('FIELD_REQUIRED', `${what} names no item`);
		const quantity = reader.number(detail.quantity, `the quantity of ${what}`, true);
		const total = reader.money(detail.total, `the total of ${what}`, true);
		const cost = reader.number(detail.cost, `the cost of ${what}`, false);
		if (!quantity || !total || itemCode === undefined) return;
		const net = quantity.isZero() ? total : quantity.isNegative() ? total.abs().negated() : total.abs();
		const extra = defined({
			glClass: textOf(detail.glClass),
			cost: cost?.toFixed(),
			inventoryAccountNumber: textOf(detail.inventoryAccountNumber),
			costAccountNumber: textOf(detail.costAccountNumber),
			productAccountNumber: textOf(detail.productAccountNumber),
		});
		lines.push({
			net,
			line: defined({
				description: textOf(detail.description) ?? textOf(detail.memo),
				quantity: quantity.toFixed(),
				unitPrice: unitPriceFor(quantity, cost, net),
				net: net.toFixed(places),
				account: textOf(detail.accountNumber) ?? textOf(adjustment.accountNumber),
				item: { code: itemCode },
				extra: Object.keys(extra).length > 0 ? extra : undefined,
			}),
		});
	});
	if (details.length === 0) reader.problem('LINES_MISSING', 'it has no adjustment lines');
	const net = Decimal.sum(lines.map((entry) => entry.net));
	return {
		source,
		ids: unique(ids),
		raw: adjustment,
		problems: reader.problems,
		build: () => {
			const document: LedgerDocument = {
				schemaVersion: 1,
				type: 'inventoryAdjustment',
				header: defined({
					number: number!,
					date: date!,
					reference: textOf(adjustment.memo),
					description: textOf(adjustment.adjustmentDescription),
					currency,
					source: { system: 'connectwise', id: number!, ids: sourceIds(unique(ids), 'inventoryAdjustment') },
				}),
				lines: lines.map((entry) => entry.line),
				totals: totalsOf(net, Decimal.ZERO, places),
			};
			const extra = defined({ glTypeID: textOf(adjustment.glTypeID), accountNumber: textOf(adjustment.accountNumber), documentType: textOf(adjustment.documentType) });
			if (Object.keys(extra).length > 0) document.extra = extra;
			return document;
		},
	};
}

function transferOutcome(transfer: GlExportInventoryTransfer, index: number): Outcome {
	return {
		source: `inventory transfer ${textOf(transfer.id) ?? textOf(transfer.transferId) ?? index + 1}`,
		ids: [],
		raw: transfer,
		problems: [
			{
				code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
				detail: 'inventory transfers between warehouses are not available for Sage 50 US (seed 003, feature 11c)',
			},
		],
		fix: 'It is not imported; record the transfer in Sage by hand, and leave its GL entries out of the batch.',
	};
}

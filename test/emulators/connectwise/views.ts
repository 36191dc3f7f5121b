/**
 * Stored records → the JSON ConnectWise sends. References are `{id, identifier|name, _info}`,
 * amounts are dollars, dates ISO UTC, and fields without a value are left out rather than sent
 * as null, as ConnectWise leaves them out (§3 [ETL] samples: no stateTaxXref when there is none).
 */
import type { ManageState, UnpostedReceipt } from './state';
import type { Batch, BillingTerms, Company, Expense, GlEntry, InventoryAdjustment, Invoice, Member, Payment, Product, ProductType, TaxCode, TaxLevel } from './types';
import { fromCents, lineCents, sum } from './values';

export interface ViewContext {
	state: ManageState;
	/** e.g. http://127.0.0.1:5701/v2025_1/apis/3.0 */
	apiBase: string;
	/** References built once per request: one GL export may name the same company thousands of times. */
	refs?: Map<string, object>;
}

function remembered(context: ViewContext, key: string, build: () => object): object {
	if (!context.refs) return build();
	let ref = context.refs.get(key);
	if (!ref) {
		ref = build();
		context.refs.set(key, ref);
	}
	return ref;
}

// Fields without a value are left as undefined: JSON.stringify leaves them out, as ConnectWise does.

export const LEVEL_NAMES = ['state', 'county', 'city', 'country', 'composite', 'levelSix'] as const;
const LEVEL_WORDS = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];

export const USD = { id: 7, currencyCode: 'USD', name: 'US Dollars' };

export function currencyRef(context: ViewContext): object {
	return remembered(context, 'currency', () => ({ ...USD, _info: { currency_href: `${context.apiBase}/finance/currencies/${USD.id}` } }));
}

export function companyRef(context: ViewContext, company: Company | undefined): object | undefined {
	if (!company) return undefined;
	return remembered(context, `company:${company.id}`, () => ({ id: company.id, identifier: company.identifier, name: company.name, _info: { company_href: `${context.apiBase}/company/companies/${company.id}` } }));
}

export function siteRef(context: ViewContext, company: Company | undefined): object | undefined {
	if (!company) return undefined;
	// One "Main" site per company; its id is derived so it is stable.
	const id = company.id * 10 + 1;
	return remembered(context, `site:${id}`, () => ({ id, name: company.siteName ?? 'Main', _info: { site_href: `${context.apiBase}/company/companies/${company.id}/sites/${id}` } }));
}

export function memberRef(context: ViewContext, member: Member | undefined): object | undefined {
	if (!member) return undefined;
	return remembered(context, `member:${member.id}`, () => ({ id: member.id, identifier: member.identifier, name: `${member.firstName} ${member.lastName}`, _info: { member_href: `${context.apiBase}/system/members/${member.id}` } }));
}

export function taxCodeRef(context: ViewContext, taxCode: TaxCode | undefined): object | undefined {
	if (!taxCode) return undefined;
	return remembered(context, `taxCode:${taxCode.id}`, () => ({ id: taxCode.id, name: taxCode.identifier, _info: { taxCode_href: `${context.apiBase}/finance/taxCodes/${taxCode.id}` } }));
}

export function termsRef(context: ViewContext, terms: BillingTerms | undefined): object | undefined {
	if (!terms) return undefined;
	return remembered(context, `terms:${terms.id}`, () => ({ id: terms.id, name: terms.name, _info: { billingTerms_href: `${context.apiBase}/finance/billingTerms/${terms.id}` } }));
}

export function itemRef(context: ViewContext, product: Product | undefined): object | undefined {
	if (!product) return undefined;
	return remembered(context, `item:${product.id}`, () => ({ id: product.id, identifier: product.identifier, _info: { item_href: `${context.apiBase}/procurement/catalog/${product.id}` } }));
}

function namedRef(context: ViewContext, kind: string, path: string, entity: { id: number; name: string } | undefined): object | undefined {
	if (!entity) return undefined;
	return remembered(context, `${kind}:${entity.id}`, () => ({ id: entity.id, name: entity.name, _info: { [`${kind}_href`]: `${context.apiBase}/${path}/${entity.id}` } }));
}

export function companyTypeRef(company: Company | undefined): object | undefined {
	if (!company) return undefined;
	return company.isVendorFlag ? { id: 6, name: 'Vendor' } : { id: 1, name: 'Client' };
}

export function unitOfMeasureRef(name: string): object {
	return { id: name === 'Each' ? 13 : name === 'Hour' ? 2 : 14, name };
}

// ---- Master data

export function companyView(context: ViewContext, company: Company): object {
	const { state } = context;
	return {
		id: company.id,
		identifier: company.identifier,
		name: company.name,
		status: { id: 1, name: 'Active' },
		types: [companyTypeRef(company)],
		isVendorFlag: company.isVendorFlag,
		accountNumber: company.accountNumber,
		vendorIdentifier: company.vendorIdentifier,
		taxIdentifier: company.taxIdentifier,
		taxCode: taxCodeRef(context, state.taxCode(company.taxCodeId)),
		billingTerms: termsRef(context, state.billingTerm(company.billingTermsId)),
		currency: currencyRef(context),
		invoiceToEmailAddress: company.invoiceToEmailAddress,
		billingSite: siteRef(context, company),
		_info: { lastUpdated: '2025-01-02T15:00:00Z', updatedBy: 'jsmith' },
	};
}

export function memberView(context: ViewContext, member: Member): object {
	return {
		id: member.id,
		identifier: member.identifier,
		firstName: member.firstName,
		lastName: member.lastName,
		officeEmail: member.officeEmail,
		inactiveFlag: member.inactiveFlag ?? false,
		vendorNumber: member.vendorNumber,
		employeeIdentifer: member.employeeIdentifer,
		_info: { lastUpdated: '2025-01-02T15:00:00Z', updatedBy: 'jsmith', image_href: `${context.apiBase}/system/members/${member.id}/image` },
	};
}

export function taxCodeView(context: ViewContext, taxCode: TaxCode): object {
	const levels: Record<string, unknown> = {};
	taxCode.levels.forEach((level, index) => {
		if (!level) return;
		const prefix = `level${LEVEL_WORDS[index]}`;
		Object.assign(levels, {
			[`${prefix}Rate`]: level.rate,
			[`${prefix}RateType`]: 'Percent',
			[`${prefix}Caption`]: level.caption,
			[`${prefix}TaxCodeXref`]: level.taxCodeXref,
			[`${prefix}AgencyXref`]: level.agencyXref,
			[`${prefix}ServicesFlag`]: level.servicesFlag,
			[`${prefix}ExpensesFlag`]: level.expensesFlag,
			[`${prefix}ProductsFlag`]: level.productsFlag,
		});
	});
	return {
		id: taxCode.id,
		identifier: taxCode.identifier,
		description: taxCode.description,
		invoiceCaption: taxCode.invoiceCaption,
		avalaraTaxFlag: taxCode.avalaraFlag ?? false,
		...levels,
		_info: { lastUpdated: '2025-01-02T15:00:00Z', updatedBy: 'jsmith', taxCodeXRefs_href: `${context.apiBase}/finance/taxCodes/${taxCode.id}/taxCodeXRefs` },
	};
}

/**
 * TaxCodeXRef (§3): one per tax code in the emulator, named after its level-one xref, with
 * levelOne…levelSix true where the code taxes (the reference lists the fields, not their meaning).
 */
export function taxCodeXRefView(context: ViewContext, taxCode: TaxCode): object {
	const flags = Object.fromEntries(LEVEL_WORDS.map((word, index) => [`level${word}`, Boolean(taxCode.levels[index] && (taxCode.levels[index] as TaxLevel).rate > 0)]));
	const first = taxCode.levels.find((level): level is TaxLevel => level !== undefined);
	return {
		id: taxCode.id * 100 + 1,
		description: first?.taxCodeXref ?? taxCode.identifier,
		defaultFlag: true,
		...flags,
		taxCode: taxCodeRef(context, taxCode),
		taxableLevels: taxCode.levels.flatMap((level, index) => (level && level.rate > 0 ? [index + 1] : [])),
		_info: { lastUpdated: '2025-01-02T15:00:00Z', updatedBy: 'jsmith' },
	};
}

export function billingTermsView(terms: BillingTerms): object {
	return { id: terms.id, name: terms.name, dueDays: terms.dueDays, termsXref: terms.termsXref, defaultFlag: terms.defaultFlag ?? false, _info: { lastUpdated: '2025-01-02T15:00:00Z', updatedBy: 'jsmith' } };
}

export function productTypeView(type: ProductType): object {
	return { id: type.id, name: type.name, inactiveFlag: type.inactiveFlag ?? false, typeXref: type.typeXref, defaultFlag: type.defaultFlag ?? false, _info: { lastUpdated: '2025-01-02T15:00:00Z', updatedBy: 'jsmith' } };
}

export function catalogItemView(context: ViewContext, product: Product): object {
	const { state } = context;
	const type = state.productType(product.typeId);
	return {
		id: product.id,
		identifier: product.identifier,
		description: product.description,
		customerDescription: product.customerDescription,
		inactiveFlag: false,
		subcategory: product.subcategory ? { id: product.id + 20, name: product.subcategory } : undefined,
		type: type ? { id: type.id, name: type.name, _info: { type_href: `${context.apiBase}/procurement/types/${type.id}` } } : undefined,
		productClass: type?.typeXref === 'Inventory Part' ? 'Inventory' : type?.typeXref === 'Service' ? 'Service' : 'NonInventory',
		serializedFlag: false,
		unitOfMeasure: unitOfMeasureRef(product.unitOfMeasure),
		price: product.price,
		cost: product.cost,
		taxableFlag: product.taxableFlag,
		vendor: companyRef(context, state.company(product.vendorCompanyId)),
		vendorSku: product.vendorSku,
		integrationXRef: product.integrationXRef,
		_info: { lastUpdated: '2025-01-02T15:00:00Z', updatedBy: 'jsmith' },
	};
}

export function accountingPackageSetupView(context: ViewContext): object {
	const setup = context.state.accountingPackageSetup;
	return {
		id: setup.id,
		accountingPackage: { id: 6, identifier: setup.accountingPackage, name: setup.accountingPackage, _info: { accountingPackage_href: `${context.apiBase}/finance/accountingPackages/6` } },
		directTransferFlag: false,
		includeInvoicesFlag: true,
		invoiceFormat: setup.invoiceFormat,
		includeExpensesFlag: true,
		transferExpensesAsBillFlag: setup.transferExpensesAsBillFlag,
		expenseFormat: 'Default',
		includeItemsFlag: true,
		syncPaymentInfoFlag: setup.syncPaymentInfoFlag,
		includeSalesTaxFlag: setup.includeSalesTaxFlag,
		enableTaxGroupsFlag: false,
		includeCogsEntriesFlag: setup.includeCogsEntriesFlag,
		inventorySOHFlag: setup.inventorySOHFlag,
		_info: { lastUpdated: '2025-01-02T15:00:00Z', updatedBy: 'jsmith' },
	};
}

// ---- Invoices

export function invoiceView(context: ViewContext, invoice: Invoice): object {
	const { state } = context;
	const company = state.company(invoice.companyId);
	const amounts = state.amounts(invoice);
	const signed = (cents: number) => fromCents(amounts.sign * cents);
	const byKind = (kinds: string[]) => signed(sum(amounts.lines.filter((priced) => kinds.includes(priced.line.kind)).map((priced) => priced.cents)));
	const totalCents = amounts.sign * amounts.totalCents;
	const paidCents = state.paidCents(invoice);
	const batch = invoice.glBatchId === undefined ? undefined : state.batch(invoice.glBatchId);
	return {
		id: invoice.id,
		invoiceNumber: invoice.invoiceNumber,
		type: invoice.type,
		status: invoice.status === 'Closed' ? { id: 13, name: 'Closed', isClosed: true } : { id: 1, name: 'New', isClosed: false },
		company: companyRef(context, company),
		billToCompany: companyRef(context, company),
		shipToCompany: companyRef(context, company),
		accountNumber: company?.accountNumber,
		attention: invoice.attention ?? company?.attention,
		billingSite: siteRef(context, company),
		billingTerms: termsRef(context, state.billingTerm(invoice.billingTermsId)),
		reference: invoice.reference,
		date: invoice.date,
		dueDate: state.dueDate(invoice),
		locationId: invoice.locationId,
		location: namedRef(context, 'location', 'system/locations', state.location(invoice.locationId)),
		departmentId: invoice.departmentId,
		department: namedRef(context, 'department', 'system/departments', state.department(invoice.departmentId)),
		taxableFlag: amounts.levels.length > 0,
		taxCode: taxCodeRef(context, state.taxCode(invoice.taxCodeId)),
		currency: currencyRef(context),
		serviceTotal: byKind(['service', 'misc']),
		productTotal: byKind(['product']),
		expenseTotal: byKind(['expense']),
		agreementAmount: byKind(['agreement']),
		downpaymentApplied: 0,
		subtotal: signed(amounts.subtotalCents),
		salesTax: signed(amounts.taxCents),
		total: fromCents(totalCents),
		closedBy: invoice.closedBy,
		payments: fromCents(paidCents),
		credits: 0,
		balance: fromCents(totalCents - paidCents),
		glBatch: batch ? { id: batch.id, name: batch.batchIdentifier, _info: { batch_href: `${context.apiBase}/finance/accounting/batches/${batch.id}` } } : undefined,
		_info: { lastUpdated: invoice.dateClosed ?? invoice.date, updatedBy: invoice.closedBy ?? 'jsmith', payments_href: `${context.apiBase}/finance/invoices/${invoice.id}/payments` },
	};
}

export function paymentView(context: ViewContext, payment: Payment): object {
	const { state } = context;
	const invoice = state.invoice(payment.invoiceId) as Invoice;
	const totalCents = state.totalCents(invoice);
	const balance = fromCents(totalCents - state.paidCents(invoice));
	return {
		id: payment.id,
		type: payment.type,
		invoice: { id: invoice.id, identifier: invoice.invoiceNumber, _info: { invoice_href: `${context.apiBase}/finance/invoices/${invoice.id}` } },
		amount: payment.amount,
		balance,
		invoiceBalance: balance,
		invoiceTotal: fromCents(totalCents),
		paymentDate: payment.paymentDate,
		appliedBy: payment.appliedBy,
		_info: { lastUpdated: payment.lastUpdated, updatedBy: payment.appliedBy },
	};
}

// ---- The accounting interface's unposted lists (§3)

function levelFields(values: Array<{ level: number; flag: boolean; xref?: string; amount: number }>): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	LEVEL_NAMES.forEach((name, index) => {
		const value = values.find((candidate) => candidate.level === index + 1);
		fields[`${name}TaxFlag`] = value?.flag ?? false;
		if (value?.xref) fields[`${name}TaxXref`] = value.xref;
		fields[`${name}TaxAmount`] = value?.amount ?? 0;
	});
	return fields;
}

export function unpostedInvoiceView(context: ViewContext, invoice: Invoice): object {
	const { state } = context;
	const company = state.company(invoice.companyId);
	const amounts = state.amounts(invoice);
	const terms = state.billingTerm(invoice.billingTermsId);
	const taxCode = state.taxCode(invoice.taxCodeId);
	const signed = (cents: number) => fromCents(amounts.sign * cents);
	return {
		id: invoice.id,
		billingLogId: invoice.id + 39000,
		locationId: invoice.locationId,
		location: namedRef(context, 'location', 'system/locations', state.location(invoice.locationId)),
		departmentId: invoice.departmentId,
		department: namedRef(context, 'department', 'system/departments', state.department(invoice.departmentId)),
		company: companyRef(context, company),
		accountNumber: company?.accountNumber,
		billToCompany: companyRef(context, company),
		billToSite: siteRef(context, company),
		shipToCompany: companyRef(context, company),
		shipToSite: siteRef(context, company),
		invoiceNumber: invoice.invoiceNumber,
		invoiceDate: invoice.date,
		invoiceType: invoice.type,
		description: 'Accounts Receivable',
		billingTerms: termsRef(context, terms),
		// A string in real responses ([ETL] UnpostedInvoice.json: "dueDays": "20"), unlike GLExport's integer.
		dueDays: String(terms?.dueDays ?? 0),
		dueDate: state.dueDate(invoice),
		currency: currencyRef(context),
		subTotal: signed(amounts.subtotalCents),
		total: signed(amounts.totalCents),
		hasTime: amounts.lines.some((priced) => priced.line.kind === 'service'),
		hasExpenses: amounts.lines.some((priced) => priced.line.kind === 'expense'),
		hasProducts: amounts.lines.some((priced) => priced.line.kind === 'product'),
		invoiceTaxableFlag: amounts.levels.length > 0,
		taxCode: taxCodeRef(context, taxCode),
		avalaraTaxFlag: taxCode?.avalaraFlag ?? false,
		itemTaxableFlag: amounts.lines.some((priced) => priced.line.taxable),
		salesTaxAmount: signed(amounts.taxCents),
		...levelFields(amounts.levels.map((level) => ({ level: level.level, flag: level.taxableCents !== 0, xref: level.config.taxCodeXref, amount: signed(level.taxCents) }))),
		createdBy: invoice.closedBy,
		dateClosed: invoice.dateClosed,
		_info: { taxableLevels_href: `${context.apiBase}/finance/accounting/unpostedinvoices/${invoice.id}/taxableLevels` },
	};
}

export function unpostedInvoiceTaxableLevels(context: ViewContext, invoice: Invoice): object[] {
	const amounts = context.state.amounts(invoice);
	return amounts.levels.map((level) => ({ id: level.level, taxLevel: level.level, taxCodeXref: level.config.taxCodeXref, taxAmount: fromCents(amounts.sign * level.taxCents) }));
}

export function unpostedExpenseView(context: ViewContext, expense: Expense): object {
	const { state } = context;
	const company = state.company(expense.companyId);
	const entry = state.entriesOf('expense', expense.id)[0] as GlEntry | undefined;
	return {
		id: expense.id,
		locationId: expense.locationId,
		departmentId: expense.departmentId,
		company: companyRef(context, company),
		accountNumber: entry?.accountNumber ?? expense.accountNumber ?? state.glSetup.expense,
		creditAccount: state.glSetup.accountsPayable,
		expenseDetailId: expense.id,
		expenseType: { id: expense.typeName.length, name: expense.typeName },
		classification: expense.reimbursable ? 'Reimbursable' : 'NonReimbursable',
		glType: 'EE',
		member: memberRef(context, state.member(expense.memberId)),
		dateExpense: expense.date,
		chargeDescription: expense.description,
		inPolicy: true,
		paymentMethod: { id: 1, name: expense.paymentMethod },
		currency: currencyRef(context),
		total: expense.amount,
		billableAmount: expense.billable ? expense.amount : 0,
		nonBillableAmount: expense.billable ? 0 : expense.amount,
		avalaraTaxFlag: false,
		itemTaxableFlag: false,
		salesTaxAmount: 0,
		dateClosed: expense.dateClosed,
		_info: { expense_href: `${context.apiBase}/expense/entries/${expense.id}` },
	};
}

export function receiptTotalCents(receipt: { lines: Array<{ quantity: number; unitCost: number }> }): number {
	return sum(receipt.lines.map((line) => lineCents(line.quantity, line.unitCost)));
}

/**
 * UnpostedProcurement (§3): one per packing slip and one per inventory adjustment. Its
 * `unpostedProductId` is what ExportAccountingBatchRequest.includedProductIds/excludedProductIds
 * name; the emulator makes it the record's id as a string (README "Choices").
 */
export function unpostedReceiptView(context: ViewContext, { order, receipt }: UnpostedReceipt): object {
	const { state } = context;
	const vendor = state.company(order.vendorCompanyId);
	return {
		id: receipt.id,
		description: `PO #${order.poNumber}, Packing Slip: ${receipt.packingSlip}`,
		unpostedProductId: String(receipt.id),
		locationId: order.locationId,
		departmentId: order.departmentId,
		procurementType: 'PurchaseOrder',
		purchaseOrder: { id: order.id, identifier: order.poNumber, _info: { purchaseOrder_href: `${context.apiBase}/procurement/purchaseorders/${order.id}` } },
		purchaseDate: order.date,
		trackingNumber: receipt.trackingNumber,
		billingTerms: termsRef(context, state.billingTerm(order.billingTermsId)),
		currency: currencyRef(context),
		total: fromCents(receiptTotalCents(receipt)),
		avalaraTaxFlag: false,
		itemTaxableFlag: false,
		purchaseOrderTaxableFlag: false,
		taxTotal: 0,
		vendor: companyRef(context, vendor),
		vendorAccountNumber: vendor?.accountNumber,
		vendorInvoiceNumber: receipt.vendorInvoiceNumber,
		vendorInvoiceDate: receipt.vendorInvoiceDate,
		freightCost: 0,
		dateClosed: receipt.dateClosed,
	};
}

export function unpostedAdjustmentView(context: ViewContext, adjustment: InventoryAdjustment): object {
	return {
		id: adjustment.id,
		description: `${adjustment.identifier} - ${adjustment.description}`,
		unpostedProductId: String(adjustment.id),
		locationId: adjustment.locationId,
		procurementType: 'InventoryAdjustment',
		purchaseDate: adjustment.date,
		currency: currencyRef(context),
		total: fromCents(receiptTotalCents({ lines: adjustment.details })),
		taxTotal: 0,
		dateClosed: adjustment.dateClosed,
	};
}

// ---- Batches

export function batchView(context: ViewContext, batch: Batch): object {
	return {
		id: batch.id,
		batchIdentifier: batch.batchIdentifier,
		exportInvoicesFlag: batch.exportInvoicesFlag,
		exportExpensesFlag: batch.exportExpensesFlag,
		exportProductsFlag: batch.exportProductsFlag,
		closedFlag: batch.closedFlag,
		_info: { lastUpdated: batch.createdAt, updatedBy: 'integration', entries_href: `${context.apiBase}/finance/accounting/batches/${batch.id}/entries` },
	};
}

/** BatchEntry (§3): one per GL entry in the batch. */
export function batchEntryView(context: ViewContext, entry: GlEntry): object {
	const { state } = context;
	const base = {
		id: entry.id,
		accountType: entry.glTypeId,
		accountNumber: entry.accountNumber,
		debit: fromCents(entry.debit),
		credit: fromCents(entry.credit),
	};
	switch (entry.source) {
		case 'invoice': {
			const invoice = state.invoice(entry.documentId) as Invoice;
			const line = invoice.lines.find((candidate) => candidate.id === entry.lineId);
			const product = state.product(line?.productId);
			return {
				...base,
				name: entry.glTypeId === 'AR' ? 'Accounts Receivable' : entry.glTypeId === 'ST' ? `Level ${entry.taxLevel} Sales Tax` : line?.description,
				cost: line?.unitCost === undefined ? undefined : fromCents(lineCents(line.quantity, line.unitCost)),
				item: itemRef(context, product),
				salesCode: entry.glTypeId === 'RP' ? entry.accountNumber : undefined,
				costOfGoodsSoldAccountNumber: product ? state.glSetup.costOfGoodsSold : undefined,
				invoice: { id: invoice.id, identifier: invoice.invoiceNumber, _info: { invoice_href: `${context.apiBase}/finance/invoices/${invoice.id}` } },
				lineItem: line ? { id: line.id } : undefined,
			};
		}
		case 'expense':
			return { ...base, name: state.expenses.find((expense) => expense.id === entry.documentId)?.description, expense: { id: entry.documentId, _info: { expense_href: `${context.apiBase}/expense/entries/${entry.documentId}` } } };
		case 'receipt': {
			const found = state.procurement.purchaseOrders.flatMap((order) => order.receipts.map((receipt) => ({ order, receipt }))).find((candidate) => candidate.receipt.id === entry.documentId);
			const line = found?.receipt.lines.find((candidate) => candidate.id === entry.lineId);
			const product = state.product(line?.productId);
			return {
				...base,
				name: product?.description,
				cost: line ? fromCents(lineCents(line.quantity, line.unitCost)) : undefined,
				item: itemRef(context, product),
				purchaseOrder: found ? { id: found.order.id, identifier: found.order.poNumber } : undefined,
				lineItem: line ? { id: line.id } : undefined,
			};
		}
		case 'adjustment': {
			const adjustment = state.procurement.adjustments.find((candidate) => candidate.id === entry.documentId);
			const detail = adjustment?.details.find((candidate) => candidate.id === entry.lineId);
			return { ...base, name: adjustment?.description, item: itemRef(context, state.product(detail?.productId)), adjustmentDetail: detail ? { id: detail.id, name: adjustment?.identifier } : undefined };
		}
	}
}

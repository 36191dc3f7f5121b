/**
 * Builds a `GLExport` (§6) from GL entries: the payload `POST finance/accounting/export` answers
 * with, and that a batch re-exports. Field names are the spec's, including its quirks:
 * `glEntryIds` is a comma-separated string, expense-bill detail `id` is an int array,
 * adjustments spell `glTypeID`. Detail lines carry the credit sign: an invoice's revenue and
 * tax lines have negative quantity and total (Zynk's REST sample), a credit memo's positive.
 *
 * Where the batchable GL entry ids travel (README "GL entries"):
 *   transactions[].glEntryIds (all of the invoice's), transactions[].detail[].id (that line's);
 *   expenseBills[].detail[].id (one per expense); expenses[].id;
 *   purchaseTransactions[].purchaseDetail[].id; adjustmentTransactions[].id (comma-separated).
 */
import type { UnpostedReceipt } from './state';
import type { Expense, GlEntry, InventoryAdjustment, Invoice, InvoiceLine, Member, SummarizeOption, TaxCode } from './types';
import { fromCents, lineCents, sum } from './values';
import {
	companyRef,
	companyTypeRef,
	currencyRef,
	itemRef,
	LEVEL_NAMES,
	memberRef,
	receiptTotalCents,
	siteRef,
	taxCodeRef,
	termsRef,
	unitOfMeasureRef,
	type ViewContext,
} from './views';

export interface ExportSelection {
	invoices: Invoice[];
	expenses: Expense[];
	receipts: UnpostedReceipt[];
	adjustments: InventoryAdjustment[];
}

export interface ExportOptions {
	summarizeInvoices: SummarizeOption;
	/** Which GL entries travel: those outside any batch for an export, the batch's own for a re-export. */
	includeEntry(entry: GlEntry): boolean;
}

/** GLExportTransactionDetail.invoiceSummaryOption: Zynk's sample shows "0" for the default; 1 and 2 are the emulator's guess. */
const SUMMARY_OPTION_CODES: Record<SummarizeOption, string> = { Default: '0', Condensed: '1', Detailed: '2' };

const KIND_LABELS: Record<InvoiceLine['kind'], string> = {
	service: 'Service',
	product: 'Product',
	agreement: 'Agreement',
	misc: 'Miscellaneous',
	downPayment: 'Down Payment',
	expense: 'Expense',
};

function taxLevelsOf(taxCode: TaxCode | undefined): Array<{ level: number; rate: number; taxCodeXref: string; agencyXref: string }> {
	return (taxCode?.levels ?? []).flatMap((level, index) => (level && level.rate > 0 ? [{ level: index + 1, rate: level.rate, taxCodeXref: level.taxCodeXref, agencyXref: level.agencyXref }] : []));
}

// ---- Invoices → transactions[]

interface LineGroup {
	entries: GlEntry[];
	lines: InvoiceLine[];
	accountNumber: string;
}

/**
 * Default: one line per product line and one per kind of other work and account ("Service");
 * Condensed: one line per GL account; Detailed: one line per invoice line with its full text
 * (Mobius guide "Setting up the Batch"; the brief's "condensed = one line per GL account").
 */
function groupLines(entries: GlEntry[], invoice: Invoice, option: SummarizeOption): LineGroup[] {
	const groups = new Map<string, LineGroup>();
	for (const entry of entries) {
		const line = invoice.lines.find((candidate) => candidate.id === entry.lineId) as InvoiceLine;
		const key = option === 'Detailed' ? `line:${entry.id}` : option === 'Condensed' ? `account:${entry.accountNumber}` : line.kind === 'product' ? `line:${entry.id}` : `${line.kind}:${entry.accountNumber}`;
		const group = groups.get(key) ?? { entries: [], lines: [], accountNumber: entry.accountNumber };
		group.entries.push(entry);
		group.lines.push(line);
		groups.set(key, group);
	}
	return [...groups.values()];
}

function detailLine(context: ViewContext, invoice: Invoice, group: LineGroup, option: SummarizeOption, exportSign: number, taxLevels: ReturnType<typeof taxLevelsOf>): object {
	const { state } = context;
	const [first] = group.lines;
	const cents = sum(group.entries.map((entry) => entry.debit + entry.credit));
	const single = group.lines.length === 1;
	const sameItem = group.lines.every((line) => line.kind === first.kind && line.productId === first.productId && line.unitPrice === first.unitPrice);
	const quantity = single || sameItem ? sum(group.lines.map((line) => line.quantity)) : 1;
	const itemPrice = single || sameItem ? first.unitPrice : fromCents(cents);
	const product = sameItem ? state.product(first.productId) : undefined;
	const type = state.productType(product?.typeId);
	const costCents = sum(group.lines.map((line) => (line.unitCost === undefined ? 0 : lineCents(line.quantity, line.unitCost))));
	const kinds = [...new Set(group.lines.map((line) => KIND_LABELS[line.kind]))];
	const text = option === 'Detailed' || first.kind === 'product' ? (single || sameItem ? first.description : kinds.join(', ')) : kinds.length === 1 ? kinds[0] : 'Sales';
	const taxable = group.lines.every((line) => line.taxable);
	const setup = state.glSetup;
	return {
		id: group.entries[0].id,
		documentDate: invoice.date,
		documentType: invoice.type === 'CreditMemo' ? 'CREDIT MEMO' : 'INVOICE',
		accountNumber: group.accountNumber,
		glTypeId: 'RP',
		invoiceSummaryOption: SUMMARY_OPTION_CODES[option],
		cost: fromCents(costCents),
		salesCode: group.accountNumber,
		memo: text,
		description: text,
		quantity: exportSign * quantity,
		total: fromCents(exportSign * cents),
		currency: currencyRef(context),
		timeEntry: option === 'Detailed' && first.timeEntryId !== undefined ? { id: first.timeEntryId, _info: { timeEntry_href: `${context.apiBase}/time/entries/${first.timeEntryId}` } } : undefined,
		costAccountNumber: product ? setup.costOfGoodsSold : undefined,
		inventoryAccountNumber: type?.typeXref === 'Inventory Part' ? setup.inventory : undefined,
		productAccountNumber: group.accountNumber,
		taxCode: taxCodeRef(context, state.taxCode(invoice.taxCodeId)),
		taxCodeXref: taxLevels[0]?.taxCodeXref,
		taxAgencyXref: taxLevels[0]?.agencyXref,
		taxRate: 0,
		taxRatePercent: 0,
		taxableFlag: taxable,
		taxable2Flag: taxable && taxLevels.some((level) => level.level === 2),
		taxable3Flag: taxable && taxLevels.some((level) => level.level === 3),
		taxable4Flag: taxable && taxLevels.some((level) => level.level === 4),
		taxable5Flag: taxable && taxLevels.some((level) => level.level === 5),
		item: itemRef(context, product),
		product: product && single ? { id: first.id, _info: { product_href: `${context.apiBase}/procurement/products/${first.id}` } } : undefined,
		itemTaxableFlag: product?.taxableFlag,
		itemPrice,
		itemCost: product ? first.unitCost ?? product.cost : undefined,
		itemDescription: product?.description,
		salesDescription: product?.customerDescription,
		unitOfMeasure: unitOfMeasureRef(product?.unitOfMeasure ?? (first.kind === 'service' ? 'Hour' : 'Each')),
		subCategory: product?.subcategory ? { id: product.id + 20, name: product.subcategory } : undefined,
		serializedFlag: false,
		dropShippedFlag: false,
		itemTypeXref: type?.typeXref,
		inventoryXref: type?.typeXref === 'Inventory Part' ? setup.inventory : undefined,
		cogsXref: product ? setup.costOfGoodsSold : undefined,
		locationXref: 'DEFAULT',
		taxLevels: taxLevels.map((level) => ({ taxLevel: level.level, taxableFlag: taxable })),
	};
}

function transaction(context: ViewContext, invoice: Invoice, options: ExportOptions): object | undefined {
	const { state } = context;
	const entries = state.entriesOf('invoice', invoice.id).filter((entry) => options.includeEntry(entry));
	if (entries.length === 0) return undefined;
	const amounts = state.amounts(invoice);
	const company = state.company(invoice.companyId);
	const terms = state.billingTerm(invoice.billingTermsId);
	const taxCode = state.taxCode(invoice.taxCodeId);
	const taxLevels = taxLevelsOf(taxCode);
	const signed = (cents: number) => fromCents(amounts.sign * cents);
	// Revenue and tax are credits on an invoice, so they travel negative; a credit memo's travel positive.
	const exportSign = -amounts.sign;
	const documentType = invoice.type === 'CreditMemo' ? 'CREDIT MEMO' : 'INVOICE';
	const revenue = groupLines(entries.filter((entry) => entry.glTypeId === 'RP'), invoice, options.summarizeInvoices);
	const taxes = entries
		.filter((entry) => entry.glTypeId === 'ST')
		.map((entry) => {
			const level = amounts.levels.find((candidate) => candidate.level === entry.taxLevel);
			return {
				id: entry.id,
				documentDate: invoice.date,
				documentType,
				accountNumber: entry.accountNumber,
				glTypeId: 'ST',
				invoiceSummaryOption: SUMMARY_OPTION_CODES[options.summarizeInvoices],
				cost: 0,
				memo: 'Sales Tax',
				description: `Level ${entry.taxLevel} Sales Tax`,
				quantity: 0,
				total: fromCents(exportSign * (entry.debit + entry.credit)),
				currency: currencyRef(context),
				productAccountNumber: state.glSetup.serviceRevenue,
				taxCode: taxCodeRef(context, taxCode),
				taxCodeXref: level?.config.taxCodeXref,
				taxAgencyXref: level?.config.agencyXref,
				taxNote: 'AUTOSTAX',
				taxRate: level ? level.config.rate / 100 : 0,
				taxRatePercent: level?.config.rate ?? 0,
				taxableFlag: false,
				itemPrice: 0,
				itemCost: 0,
				locationXref: 'DEFAULT',
			};
		});
	const levelAmount = (level: number) => amounts.levels.find((candidate) => candidate.level === level);
	const taxable = (level: number) => signed(levelAmount(level)?.taxableCents ?? 0);
	return {
		id: invoice.id,
		glTypeId: 'AR',
		documentDate: invoice.date,
		documentNumber: invoice.invoiceNumber,
		documentType,
		memo: invoice.reference,
		description: 'Accounts Receivable',
		attention: invoice.attention ?? company?.attention,
		salesTerritory: state.location(invoice.locationId)?.name,
		company: companyRef(context, company),
		companyType: companyTypeRef(company),
		// Left out when the company has none: the client must refuse it (Mobius guide "Customers").
		companyAccountNumber: company?.accountNumber,
		site: siteRef(context, company),
		billingTerms: termsRef(context, terms),
		billingTermsXref: terms?.termsXref,
		dueDays: terms?.dueDays ?? 0,
		dueDate: state.dueDate(invoice),
		emailDeliveryFlag: Boolean(company?.invoiceToEmailAddress),
		printDeliveryFlag: !company?.invoiceToEmailAddress,
		agreementPrePaymentFlag: false,
		accountNumber: state.glSetup.accountsReceivable,
		billingType: invoice.type,
		glEntryIds: entries.map((entry) => entry.id).join(','),
		currency: currencyRef(context),
		total: signed(amounts.totalCents),
		taxable: amounts.levels.length > 0,
		taxableTotal: signed(amounts.taxableCents),
		taxCode: taxCodeRef(context, taxCode),
		taxGroupRate: sum(taxLevels.map((level) => level.rate)) / 100,
		piggyBackFlag: false,
		taxAccountNumber: state.glSetup.salesTax,
		salesTax: signed(amounts.taxCents),
		stateTax: signed(levelAmount(1)?.taxCents ?? 0),
		countyTax: signed(levelAmount(2)?.taxCents ?? 0),
		cityTax: signed(levelAmount(3)?.taxCents ?? 0),
		taxableAmount1: taxable(1),
		taxableAmount2: taxable(2),
		taxableAmount3: taxable(3),
		taxableAmount4: taxable(4),
		taxableAmount5: taxable(5),
		taxAgencyXref: taxLevels[0]?.agencyXref,
		stateTaxXref: taxLevels.find((level) => level.level === 1)?.taxCodeXref,
		countyTaxXref: taxLevels.find((level) => level.level === 2)?.taxCodeXref,
		taxId: company?.taxIdentifier,
		taxDpAppliedFlag: false,
		useAvalaraFlag: taxCode?.avalaraFlag ?? false,
		sendAvalaraTaxFlag: false,
		shipToCompany: companyRef(context, company),
		shipToCompanyAccountNumber: company?.accountNumber,
		shipToCompanyType: companyTypeRef(company),
		shipSite: siteRef(context, company),
		detail: [...revenue.map((group) => detailLine(context, invoice, group, options.summarizeInvoices, exportSign, taxLevels)), ...taxes],
		taxLevels: amounts.levels.map((level) => ({ taxLevel: level.level, taxCodeXref: level.config.taxCodeXref, taxAmount: signed(level.taxCents), taxableAmount: signed(level.taxableCents) })),
	};
}

function customer(context: ViewContext, companyId: number): object {
	const { state } = context;
	const company = state.company(companyId);
	const terms = state.billingTerm(company?.billingTermsId);
	const taxCode = state.taxCode(company?.taxCodeId);
	const levels = taxLevelsOf(taxCode);
	const byLevel: Record<string, unknown> = {};
	LEVEL_NAMES.slice(0, 5).forEach((name, index) => {
		const level = levels.find((candidate) => candidate.level === index + 1);
		byLevel[`${name}TaxXref`] = level?.taxCodeXref ?? '';
		byLevel[`${name}TaxRate`] = level?.rate ?? 0;
		byLevel[`${name}TaxAgencyXref`] = level?.agencyXref ?? '';
	});
	return {
		company: companyRef(context, company),
		companyType: companyTypeRef(company),
		contact: company?.attention ? { id: (company.id % 1000) + 20, name: company.attention } : undefined,
		site: siteRef(context, company),
		accountNumber: company?.accountNumber,
		billingTerms: termsRef(context, terms),
		billingTermsXref: terms?.termsXref,
		dueDays: terms?.dueDays ?? 0,
		taxable: levels.length > 0,
		taxCode: taxCodeRef(context, taxCode),
		currency: currencyRef(context),
		...byLevel,
		taxGroupRate: sum(levels.map((level) => level.rate)) / 100,
		taxAgencyXref: levels[0]?.agencyXref,
		taxLevels: levels.map((level) => ({ agencyXref: level.agencyXref, taxCodeXref: level.taxCodeXref, taxLevel: level.level, taxRate: level.rate })),
	};
}

// ---- Expenses → expenseBills[] (or expenses[])

function vendorNumberOf(member: Member | undefined): string | undefined {
	return member?.vendorNumber;
}

function expenseBills(context: ViewContext, expenses: Array<{ expense: Expense; entry: GlEntry }>): object[] {
	const { state } = context;
	const reports = new Map<number, Array<{ expense: Expense; entry: GlEntry }>>();
	for (const item of expenses) reports.set(item.expense.reportId, [...(reports.get(item.expense.reportId) ?? []), item]);
	return [...reports.values()].map((items) => {
		const [first] = items;
		const member = state.member(first.expense.memberId);
		const lastDate = items.map((item) => item.expense.date).sort().at(-1) as string;
		const lines = new Map<string, Array<{ expense: Expense; entry: GlEntry }>>();
		for (const item of items) {
			// One line per account, billable flag and company: expenses that share them merge, so the line's id is an array.
			const key = `${item.entry.accountNumber}|${item.expense.billable}|${item.expense.companyId ?? ''}`;
			lines.set(key, [...(lines.get(key) ?? []), item]);
		}
		return {
			id: first.expense.reportId,
			documentDate: lastDate,
			documentType: 'GENERAL JOURNAL',
			documentNumber: first.expense.reportIdentifier,
			memo: `Expenses ${first.expense.reportIdentifier}${member ? ` - ${member.firstName} ${member.lastName}` : ''}`,
			apAccountNumber: state.glSetup.accountsPayable,
			member: memberRef(context, member),
			// Left out when the member has none: the client must refuse the bill (Mobius guide "Members").
			vendorNumber: vendorNumberOf(member),
			currency: currencyRef(context),
			total: fromCents(sum(items.map((item) => item.entry.debit - item.entry.credit))),
			detail: [...lines.values()].map((group) => {
				const expense = group[0].expense;
				return {
					accountNumber: group[0].entry.accountNumber,
					billable: expense.billable,
					company: companyRef(context, state.company(expense.companyId)),
					companyAdvance: false,
					currency: currencyRef(context),
					documentDate: group.map((item) => item.expense.date).sort().at(-1),
					expenseClass: expense.reimbursable ? 'Reimbursable' : 'NonReimbursable',
					glTypeId: 'EE',
					id: group.map((item) => item.entry.id),
					memo: group.map((item) => item.expense.description).join('; '),
					reimbursable: expense.reimbursable,
					total: fromCents(sum(group.map((item) => item.entry.debit - item.entry.credit))),
				};
			}),
		};
	});
}

function expenseRecords(context: ViewContext, expenses: Array<{ expense: Expense; entry: GlEntry }>): object[] {
	const { state } = context;
	return expenses.map(({ expense, entry }) => {
		const member = state.member(expense.memberId);
		const company = state.company(expense.companyId);
		const report = state.expenses.filter((candidate) => candidate.reportId === expense.reportId).map((candidate) => candidate.date).sort();
		return {
			id: entry.id,
			documentDate: expense.date,
			documentType: 'EXPENSE',
			apAccountNumber: state.glSetup.accountsPayable,
			accountNumber: entry.accountNumber,
			glTypeId: 'EE',
			memo: expense.description,
			description: expense.typeName,
			periodStartDate: report[0],
			periodEndDate: report.at(-1),
			member: memberRef(context, member),
			vendorNumber: vendorNumberOf(member),
			company: companyRef(context, company),
			companyAccountNumber: company?.accountNumber,
			currency: currencyRef(context),
			total: fromCents(entry.debit - entry.credit),
		};
	});
}

// ---- Procurement → purchaseTransactions[], adjustmentTransactions[]

function purchaseTransaction(context: ViewContext, { order, receipt }: UnpostedReceipt, options: ExportOptions): object | undefined {
	const { state } = context;
	const entries = state.entriesOf('receipt', receipt.id).filter((entry) => options.includeEntry(entry));
	if (entries.length === 0) return undefined;
	const vendor = state.company(order.vendorCompanyId);
	const terms = state.billingTerm(order.billingTermsId ?? vendor?.billingTermsId);
	const setup = state.glSetup;
	return {
		id: `PO #${order.poNumber}, Packing Slip: ${receipt.packingSlip}`,
		documentDate: receipt.date,
		documentNumber: order.poNumber,
		description: 'Purchase',
		apAccountNumber: setup.accountsPayable,
		purchaseDate: order.date,
		company: companyRef(context, vendor),
		companyType: companyTypeRef(vendor),
		site: siteRef(context, vendor),
		freightAmount: 0,
		freightPackingSlip: receipt.packingSlip,
		packingSlip: receipt.packingSlip,
		dropshipFlag: false,
		currency: currencyRef(context),
		total: fromCents(receiptTotalCents(receipt)),
		billingTerms: termsRef(context, terms),
		billingTermsXref: terms?.termsXref,
		dueDays: terms?.dueDays ?? 0,
		vendorNumber: vendor?.vendorIdentifier,
		vendorAccountNumber: vendor?.accountNumber,
		// Only when the vendor's invoice has arrived; otherwise Sage 50 gets an item receipt (Mobius guide "Item Receipts").
		vendorInvoiceDate: receipt.vendorInvoiceDate,
		vendorInvoiceNumber: receipt.vendorInvoiceNumber,
		useAvalaraTaxFlag: false,
		purchaseHeaderTaxableFlag: false,
		purchaseHeaderFreightTaxableFlag: false,
		taxLevels: [],
		purchaseDetail: entries.map((entry) => {
			const line = receipt.lines.find((candidate) => candidate.id === entry.lineId) as (typeof receipt.lines)[number];
			const product = state.product(line.productId);
			const type = state.productType(product?.typeId);
			const cents = lineCents(line.quantity, line.unitCost);
			return {
				id: entry.id,
				documentDate: receipt.date,
				glTypeId: 'RP',
				glItemId: product?.identifier,
				salesCode: product?.revenueAccount ?? setup.productRevenue,
				description: 'Purchase',
				cost: fromCents(cents),
				memo: product?.description,
				vendorNumber: vendor?.vendorIdentifier,
				accountNumber: entry.accountNumber,
				costAccountNumber: setup.costOfGoodsSold,
				inventoryAccountNumber: setup.inventory,
				vendorAccountNumber: vendor?.accountNumber,
				item: itemRef(context, product),
				itemDescription: product?.description,
				salesDescription: product?.customerDescription,
				taxableFlag: product?.taxableFlag ?? false,
				itemPrice: product?.price,
				itemCost: line.unitCost,
				unitOfMeasure: unitOfMeasureRef(product?.unitOfMeasure ?? 'Each'),
				quantity: -line.quantity,
				total: fromCents(-cents),
				serializedFlag: false,
				dropShippedFlag: false,
				lineNumber: line.lineNumber,
				subCategory: product?.subcategory ? { id: product.id + 20, name: product.subcategory } : undefined,
				itemTypeXref: type?.typeXref,
				inventoryXref: setup.inventory,
				cogsXref: setup.costOfGoodsSold,
				uomScheduleXref: 'DEFAULT',
				priceLevelXref: 'DEFAULT',
				locationXref: 'DEFAULT',
			};
		}),
		purchaseDetailTax: [],
	};
}

function adjustmentTransaction(context: ViewContext, adjustment: InventoryAdjustment, options: ExportOptions): object | undefined {
	const { state } = context;
	const entries = state.entriesOf('adjustment', adjustment.id).filter((entry) => options.includeEntry(entry));
	if (entries.length === 0) return undefined;
	const setup = state.glSetup;
	return {
		// GLExportAdjustmentTransactionDetail has no id, so the batchable ids travel here, comma-separated like glEntryIds.
		id: entries.map((entry) => entry.id).join(','),
		documentType: 'INVENTORY ADJUSTMENT',
		documentDate: adjustment.date,
		// Spelled with a capital ID in the spec, unlike every other glTypeId (§6).
		glTypeID: 'IA',
		accountNumber: adjustment.accountNumber ?? setup.costOfGoodsSold,
		memo: adjustment.reason,
		adjustmentDescription: `${adjustment.identifier} - ${adjustment.description}`,
		adjustmentDetail: entries.map((entry) => {
			const detail = adjustment.details.find((candidate) => candidate.id === entry.lineId) as InventoryAdjustment['details'][number];
			const product = state.product(detail.productId);
			return {
				description: product?.description,
				memo: adjustment.reason,
				item: itemRef(context, product),
				quantity: Math.trunc(detail.quantity),
				total: fromCents(lineCents(detail.quantity, detail.unitCost)),
				cost: detail.unitCost,
				costAccountNumber: setup.costOfGoodsSold,
				inventoryAccountNumber: setup.inventory,
				accountNumber: entry.accountNumber,
				productAccountNumber: product?.revenueAccount ?? setup.productRevenue,
			};
		}),
	};
}

function vendorOfCompany(context: ViewContext, companyId: number): object {
	const { state } = context;
	const vendor = state.company(companyId);
	const terms = state.billingTerm(vendor?.billingTermsId);
	return {
		vendor: companyRef(context, vendor),
		vendorNumber: vendor?.vendorIdentifier,
		company: companyRef(context, vendor),
		accountNumber: vendor?.accountNumber,
		billingTerms: termsRef(context, terms),
		dueDays: terms?.dueDays ?? 0,
		site: siteRef(context, vendor),
		taxCode: taxCodeRef(context, state.taxCode(vendor?.taxCodeId)),
	};
}

function vendorOfMember(context: ViewContext, memberId: number): object {
	const member = context.state.member(memberId);
	return { member: memberRef(context, member), vendorNumber: vendorNumberOf(member) };
}

export function buildGlExport(context: ViewContext, selection: ExportSelection, options: ExportOptions): object {
	const { state } = context;
	const transactions = selection.invoices.flatMap((invoice) => transaction(context, invoice, options) ?? []);
	const expenseItems = selection.expenses.flatMap((expense) =>
		state
			.entriesOf('expense', expense.id)
			.filter((entry) => options.includeEntry(entry))
			.map((entry) => ({ expense, entry })),
	);
	const purchaseTransactions = selection.receipts.flatMap((receipt) => purchaseTransaction(context, receipt, options) ?? []);
	const adjustmentTransactions = selection.adjustments.flatMap((adjustment) => adjustmentTransaction(context, adjustment, options) ?? []);
	const asBills = state.accountingPackageSetup.transferExpensesAsBillFlag;

	const customerIds = [...new Set(transactions.map((item) => (item as { company: { id: number } }).company.id))];
	const vendorCompanyIds = [...new Set(selection.receipts.filter(({ receipt }) => state.entriesOf('receipt', receipt.id).some((entry) => options.includeEntry(entry))).map(({ order }) => order.vendorCompanyId))];
	const memberIds = [...new Set(expenseItems.map((item) => item.expense.memberId))];
	return {
		exportSettings: {},
		vendors: [...vendorCompanyIds.map((id) => vendorOfCompany(context, id)), ...memberIds.map((id) => vendorOfMember(context, id))],
		customers: customerIds.map((id) => customer(context, id)),
		transactions,
		expenses: asBills ? [] : expenseRecords(context, expenseItems),
		expenseBills: asBills ? expenseBills(context, expenseItems) : [],
		purchaseTransactions,
		adjustmentTransactions,
		inventoryTransfers: [],
	};
}

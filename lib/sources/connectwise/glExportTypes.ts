/**
 * The `GLExport` that ConnectWise Manage returns from `POST /finance/accounting/export`,
 * `POST /finance/accounting/batches` and `POST /finance/accounting/batches/{id}/export`
 * (../shared/reference/connectwise-manage.md §3 and §6), typed with the field names exactly
 * as the spec writes them ([GO] `model_gl_export*.go`, API version 2025.8).
 *
 * Every field is optional and may be null, as in the spec. Amounts are JSON numbers (floats);
 * a string is accepted too, and both are read with `Decimal.parse`, never added as floats.
 * Quirks worth knowing:
 * - `glEntryIds` on an AR transaction is ONE comma-separated string, "1010,1011,1012".
 * - an expense bill detail's `id` is an int ARRAY (its GL entries), every other `id` one number
 *   or, on purchase transactions, adjustments and transfers, a descriptive string.
 * - the adjustment transaction spells its type `glTypeID` (capital ID), unlike everywhere else.
 * - detail totals and quantities of invoices and purchases are credit-signed (negative).
 */

/** A decimal amount as the export carries it: a JSON number, or text. */
export type GlAmount = number | string;

/** `_info` and the other hypermedia fields ConnectWise adds to references. */
type Info = Record<string, unknown>;

/** CompanyReference, MemberReference, IvItemReference, ProductReference…: `{id, identifier, name}` in some combination. */
export interface CwReference {
	id?: number | null;
	identifier?: string | null;
	name?: string | null;
	_info?: Info | null;
}

/** CurrencyReference: `currencyCode` in current specs, `isoCode` in older ones ([RUBY]). */
export interface CwCurrencyReference {
	id?: number | null;
	symbol?: string | null;
	currencyCode?: string | null;
	isoCode?: string | null;
	currencyIdentifier?: string | null;
	decimalSeparator?: string | null;
	numberOfDecimals?: number | null;
	thousandsSeparator?: string | null;
	negativeParenthesesFlag?: boolean | null;
	displaySymbolFlag?: boolean | null;
	displayIdFlag?: boolean | null;
	rightAlign?: boolean | null;
	name?: string | null;
	_info?: Info | null;
}

export interface GlExportTransactionTaxLevel {
	taxLevel?: number | null;
	taxCodeXref?: string | null;
	taxAmount?: GlAmount | null;
	taxableAmount?: GlAmount | null;
}

export interface GlExportTransactionDetailTaxLevel {
	taxLevel?: number | null;
	taxableFlag?: boolean | null;
}

/** One line of an AR transaction: revenue ("RP"), sales tax ("ST") and so on. */
export interface GlExportTransactionDetail {
	id?: number | null;
	documentDate?: string | null;
	documentType?: string | null;
	accountNumber?: string | null;
	glClass?: string | null;
	glTypeId?: string | null;
	glItemId?: string | null;
	invoiceSummaryOption?: string | number | null;
	cost?: GlAmount | null;
	salesCode?: string | null;
	memo?: string | null;
	description?: string | null;
	quantity?: GlAmount | null;
	total?: GlAmount | null;
	currency?: CwCurrencyReference | null;
	timeEntry?: CwReference | null;
	costAccountNumber?: string | null;
	inventoryAccountNumber?: string | null;
	productAccountNumber?: string | null;
	taxCode?: CwReference | null;
	taxCodeXref?: string | null;
	taxAgencyXref?: string | null;
	taxNote?: string | null;
	taxRate?: GlAmount | null;
	taxRatePercent?: GlAmount | null;
	taxableFlag?: boolean | null;
	taxable2Flag?: boolean | null;
	taxable3Flag?: boolean | null;
	taxable4Flag?: boolean | null;
	taxable5Flag?: boolean | null;
	item?: CwReference | null;
	product?: CwReference | null;
	itemTaxableFlag?: boolean | null;
	itemPrice?: GlAmount | null;
	itemCost?: GlAmount | null;
	itemDescription?: string | null;
	salesDescription?: string | null;
	unitOfMeasure?: CwReference | null;
	subCategory?: CwReference | null;
	serializedFlag?: boolean | null;
	serialNumbers?: string | null;
	warehouseSite?: CwReference | null;
	warehouseBin?: CwReference | null;
	shipmentMethod?: CwReference | null;
	dropShippedFlag?: boolean | null;
	itemTypeXref?: string | null;
	inventoryXref?: string | null;
	cogsXref?: string | null;
	uomScheduleXref?: string | null;
	priceLevelXref?: string | null;
	locationXref?: string | null;
	taxLevels?: GlExportTransactionDetailTaxLevel[] | null;
}

/** One AR invoice or credit memo (`glTypeId` "AR"). */
export interface GlExportTransaction {
	id?: number | null;
	glClass?: string | null;
	glTypeId?: string | null;
	documentDate?: string | null;
	documentNumber?: string | null;
	documentType?: string | null;
	memo?: string | null;
	description?: string | null;
	attention?: string | null;
	salesTerritory?: string | null;
	company?: CwReference | null;
	companyType?: CwReference | null;
	companyAccountNumber?: string | null;
	site?: CwReference | null;
	billingTerms?: CwReference | null;
	billingTermsXref?: string | null;
	dueDays?: number | string | null;
	dueDate?: string | null;
	emailDeliveryFlag?: boolean | null;
	printDeliveryFlag?: boolean | null;
	agreementPrePaymentFlag?: boolean | null;
	accountNumber?: string | null;
	billingType?: string | null;
	/** "1010,1011,1012": one string, not an array (reference §6). */
	glEntryIds?: string | null;
	purchaseOrder?: CwReference | null;
	project?: CwReference | null;
	currency?: CwCurrencyReference | null;
	total?: GlAmount | null;
	salesRepId?: string | null;
	salesRepName?: string | null;
	taxable?: boolean | null;
	taxableTotal?: GlAmount | null;
	taxCode?: CwReference | null;
	taxGroupRate?: GlAmount | null;
	piggyBackFlag?: boolean | null;
	taxAccountNumber?: string | null;
	salesTax?: GlAmount | null;
	stateTax?: GlAmount | null;
	countyTax?: GlAmount | null;
	cityTax?: GlAmount | null;
	taxableAmount1?: GlAmount | null;
	taxableAmount2?: GlAmount | null;
	taxableAmount3?: GlAmount | null;
	taxableAmount4?: GlAmount | null;
	taxableAmount5?: GlAmount | null;
	taxAgencyXref?: string | null;
	stateTaxXref?: string | null;
	countyTaxXref?: string | null;
	taxId?: string | null;
	taxDpAppliedFlag?: boolean | null;
	useAvalaraFlag?: boolean | null;
	sendAvalaraTaxFlag?: boolean | null;
	shipToCompany?: CwReference | null;
	shipToCompanyAccountNumber?: string | null;
	shipToCompanyType?: CwReference | null;
	shipToTaxId?: string | null;
	shipSite?: CwReference | null;
	shipContact?: string | CwReference | null;
	detail?: GlExportTransactionDetail[] | null;
	taxLevels?: GlExportTransactionTaxLevel[] | null;
}

export interface GlExportCustomerTaxLevel {
	agencyXref?: string | null;
	taxCodeXref?: string | null;
	taxLevel?: number | null;
	taxRate?: GlAmount | null;
}

export interface GlExportCustomer {
	company?: CwReference | null;
	companyType?: CwReference | null;
	contact?: CwReference | null;
	site?: CwReference | null;
	accountNumber?: string | null;
	billingTerms?: CwReference | null;
	billingTermsXref?: string | null;
	dueDays?: number | string | null;
	taxable?: boolean | null;
	taxCode?: CwReference | null;
	currency?: CwCurrencyReference | null;
	stateTaxXref?: string | null;
	countyTaxXref?: string | null;
	cityTaxXref?: string | null;
	countryTaxXref?: string | null;
	compositeTaxXref?: string | null;
	stateTaxRate?: GlAmount | null;
	countyTaxRate?: GlAmount | null;
	cityTaxRate?: GlAmount | null;
	countryTaxRate?: GlAmount | null;
	compositeTaxRate?: GlAmount | null;
	taxGroupRate?: GlAmount | null;
	taxAgencyXref?: string | null;
	stateTaxAgencyXref?: string | null;
	countyTaxAgencyXref?: string | null;
	cityTaxAgencyXref?: string | null;
	countryTaxAgencyXref?: string | null;
	compositeTaxAgencyXref?: string | null;
	taxLevels?: GlExportCustomerTaxLevel[] | null;
}

/** A vendor: a company flagged as vendor, or a member whose expenses become bills ("Vendor Can be either Member or Company Reference"). */
export interface GlExportVendor {
	member?: CwReference | null;
	vendor?: CwReference | null;
	vendorNumber?: string | null;
	company?: CwReference | null;
	contact?: CwReference | null;
	accountNumber?: string | null;
	billingTerms?: CwReference | null;
	dueDays?: number | string | null;
	site?: CwReference | null;
	taxCode?: CwReference | null;
}

export interface GlExportExpenseOffset {
	accountNumber?: string | null;
	glClass?: string | null;
	glTypeId?: string | null;
	total?: GlAmount | null;
	[field: string]: unknown;
}

/** One expense entry when the Accounting Package's "Transfer Expense as a Bill" is off (`glTypeId` "EE"). */
export interface GlExportExpense {
	id?: number | null;
	documentDate?: string | null;
	documentType?: string | null;
	apAccountNumber?: string | null;
	apClass?: string | null;
	accountNumber?: string | null;
	glClass?: string | null;
	glTypeId?: string | null;
	memo?: string | null;
	description?: string | null;
	periodStartDate?: string | null;
	periodEndDate?: string | null;
	member?: CwReference | null;
	vendorNumber?: string | null;
	company?: CwReference | null;
	companyAccountNumber?: string | null;
	project?: CwReference | null;
	currency?: CwCurrencyReference | null;
	total?: GlAmount | null;
	offset?: GlExportExpenseOffset | null;
}

export interface GlExportExpenseBillDetail {
	/** The GL entries of this line: an int array, unlike every other `id` (reference §6). */
	id?: number[] | null;
	documentDate?: string | null;
	glTypeId?: string | null;
	memo?: string | null;
	company?: CwReference | null;
	accountNumber?: string | null;
	expenseClass?: CwReference | null;
	currency?: CwCurrencyReference | null;
	total?: GlAmount | null;
	billable?: boolean | null;
	reimbursable?: boolean | null;
	companyAdvance?: boolean | null;
}

/** A member's reimbursable expenses as one bill from the member's vendor (seed 003, "Transfer with Expense as Bill"). */
export interface GlExportExpenseBill {
	id?: number | null;
	documentDate?: string | null;
	documentType?: string | null;
	documentNumber?: string | null;
	memo?: string | null;
	glClass?: string | null;
	apAccountNumber?: string | null;
	member?: CwReference | null;
	vendorNumber?: string | null;
	currency?: CwCurrencyReference | null;
	total?: GlAmount | null;
	detail?: GlExportExpenseBillDetail[] | null;
}

export interface GlExportPurchaseTransactionTaxLevel {
	taxCodeXref?: string | null;
	taxLevel?: number | null;
}

export interface GlExportPurchaseTransactionDetail {
	id?: number | null;
	documentDate?: string | null;
	glClass?: string | null;
	glTypeId?: string | null;
	glItemId?: string | null;
	salesCode?: string | null;
	description?: string | null;
	cost?: GlAmount | null;
	memo?: string | null;
	taxNote?: string | null;
	vendorNumber?: string | null;
	accountNumber?: string | null;
	costAccountNumber?: string | null;
	inventoryAccountNumber?: string | null;
	vendorAccountNumber?: string | null;
	item?: CwReference | null;
	itemDescription?: string | null;
	salesDescription?: string | null;
	taxable?: boolean | null;
	/** Not in the spec for purchase details (its detail-tax sibling has it); read when `taxable` is missing. */
	taxableFlag?: boolean | null;
	itemPrice?: GlAmount | null;
	itemCost?: GlAmount | null;
	unitOfMeasure?: CwReference | null;
	quantity?: GlAmount | null;
	total?: GlAmount | null;
	currency?: CwCurrencyReference | null;
	serializedFlag?: boolean | null;
	serialNumbers?: string | null;
	dropShippedFlag?: boolean | null;
	lineNumber?: number | null;
	warehouseBin?: CwReference | null;
	warehouseSite?: CwReference | null;
	subCategory?: CwReference | null;
	shipmentMethod?: CwReference | null;
	itemTypeXref?: string | null;
	inventoryXref?: string | null;
	cogsXref?: string | null;
	uomScheduleXref?: string | null;
	priceLevelXref?: string | null;
	locationXref?: string | null;
	taxCode?: CwReference | null;
	purchaseHeaderTaxGroup?: string | null;
	taxCodeXref?: string | null;
	taxRate?: GlAmount | null;
	taxAgencyXref?: string | null;
}

/** A purchase tax entry of a packing slip; shaped like a detail line ([GO] GLExportPurchaseTransactionDetailTax). */
export interface GlExportPurchaseTransactionDetailTax {
	id?: number | null;
	documentDate?: string | null;
	accountNumber?: string | null;
	glClass?: string | null;
	cost?: GlAmount | null;
	salesCode?: string | null;
	glTypeId?: string | null;
	glItemId?: string | null;
	memo?: string | null;
	vendorNumber?: string | null;
	vendorAccountNumber?: string | null;
	costAccountNumber?: string | null;
	inventoryAccountNumber?: string | null;
	itemTypeXref?: string | null;
	item?: CwReference | null;
	taxableFlag?: boolean | null;
	quantity?: GlAmount | null;
	total?: GlAmount | null;
	currency?: CwCurrencyReference | null;
	lineNumber?: number | null;
	taxCode?: CwReference | null;
	taxRate?: GlAmount | null;
	taxRatePercent?: GlAmount | null;
	taxAgencyXref?: string | null;
	taxNote?: string | null;
	purchaseHeaderTaxGroup?: string | null;
}

/** One packing slip of a purchase order: an AP invoice when it has a vendor invoice number, else an item receipt (seed 003). */
export interface GlExportPurchaseTransaction {
	/** Descriptive text, e.g. "PO #COMPANYBPO, Packing Slip: COMPANYBPO" (reference §6). */
	id?: string | null;
	documentDate?: string | null;
	documentNumber?: string | null;
	description?: string | null;
	memo?: string | null;
	apAccountNumber?: string | null;
	purchaseDate?: string | null;
	company?: CwReference | null;
	companyType?: CwReference | null;
	contact?: CwReference | null;
	site?: CwReference | null;
	purchaseClass?: string | null;
	freightAmount?: GlAmount | null;
	freightPackingSlip?: string | null;
	packingSlip?: string | null;
	dropshipFlag?: boolean | null;
	currency?: CwCurrencyReference | null;
	total?: GlAmount | null;
	billingTerms?: CwReference | null;
	billingTermsXref?: string | null;
	dueDays?: number | string | null;
	vendorNumber?: string | null;
	vendorAccountNumber?: string | null;
	vendorInvoiceDate?: string | null;
	vendorInvoiceNumber?: string | null;
	taxAgencyXref?: string | null;
	stateTaxXref?: string | null;
	countyTaxXref?: string | null;
	cityTaxXref?: string | null;
	shipToCompany?: CwReference | null;
	shipToCompanyAccountNumber?: string | null;
	shipToCompanyType?: CwReference | null;
	shipToContact?: CwReference | null;
	shipToSite?: CwReference | null;
	shipToTaxGroup?: string | null;
	taxCode?: CwReference | null;
	taxGroupRate?: GlAmount | null;
	useAvalaraTaxFlag?: boolean | null;
	purchaseHeaderTaxGroup?: string | null;
	purchaseHeaderTaxableFlag?: boolean | null;
	purchaseHeaderFreightTaxableFlag?: boolean | null;
	taxLevels?: GlExportPurchaseTransactionTaxLevel[] | null;
	purchaseDetail?: GlExportPurchaseTransactionDetail[] | null;
	purchaseDetailTax?: GlExportPurchaseTransactionDetailTax[] | null;
}

export interface GlExportAdjustmentTransactionDetail {
	glClass?: string | null;
	description?: string | null;
	memo?: string | null;
	item?: CwReference | null;
	/** Whole units, signed: positive adds stock, negative removes it. */
	quantity?: number | string | null;
	total?: GlAmount | null;
	cost?: GlAmount | null;
	costAccountNumber?: string | null;
	inventoryAccountNumber?: string | null;
	accountNumber?: string | null;
	productAccountNumber?: string | null;
}

export interface GlExportAdjustmentTransaction {
	/** Text. Its details have no id, so when it is a comma-separated list of numbers it is read as the GL entry ids. */
	id?: string | null;
	documentType?: string | null;
	documentDate?: string | null;
	/** Spelt with a capital ID here only (reference §6). */
	glTypeID?: string | null;
	accountNumber?: string | null;
	memo?: string | null;
	glClass?: string | null;
	adjustmentDescription?: string | null;
	adjustmentDetail?: GlExportAdjustmentTransactionDetail[] | null;
}

/** Moves stock between warehouses; not supported for Sage 50 US (seed 003 feature 11c), so only what a rejection names is typed. */
export interface GlExportInventoryTransfer {
	id?: string | null;
	documentType?: string | null;
	documentDate?: string | null;
	transferId?: number | null;
	item?: CwReference | null;
	quantity?: GlAmount | null;
	total?: GlAmount | null;
	[field: string]: unknown;
}

export interface GlExport {
	/** An empty object in the spec. */
	exportSettings?: Record<string, unknown> | null;
	vendors?: GlExportVendor[] | null;
	customers?: GlExportCustomer[] | null;
	transactions?: GlExportTransaction[] | null;
	expenses?: GlExportExpense[] | null;
	expenseBills?: GlExportExpenseBill[] | null;
	purchaseTransactions?: GlExportPurchaseTransaction[] | null;
	adjustmentTransactions?: GlExportAdjustmentTransaction[] | null;
	inventoryTransfers?: GlExportInventoryTransfer[] | null;
}

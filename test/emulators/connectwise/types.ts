/**
 * The records the emulator keeps and the seed that fills them. Records are stored normalised
 * (ids, dollars, ISO dates) and only take ConnectWise's JSON shape in views.ts, so one fact
 * has one home: a company's account number lives on the company, and every invoice, unposted
 * list and GL export reads it from there (../../../../shared/reference/connectwise-manage.md §3, §6).
 */

/** ConnectWise's invoice types (Invoice.type, UnpostedInvoice.invoiceType, GLExportTransaction.billingType). */
export type InvoiceType = 'Standard' | 'Agreement' | 'Miscellaneous' | 'DownPayment' | 'CreditMemo' | 'Progress';

/** What an invoice line bills; decides its default revenue account and its text in the GL export. */
export type InvoiceLineKind = 'service' | 'product' | 'agreement' | 'misc' | 'downPayment' | 'expense';

/** Sage 50's item type follows this (Mobius guide "Product Item Type"). */
export type ProductTypeXref = 'Inventory Part' | 'Non-Inventory Part' | 'Other Charge' | 'Service';

/** §3 ExportAccountingBatchRequest.summarizeInvoices. */
export type SummarizeOption = 'Default' | 'Condensed' | 'Detailed';

/**
 * The GL types the export carries (§6): AR invoice header, RP revenue/product line, ST sales tax,
 * EE expense. 'IA' for inventory adjustments is the emulator's own choice (README "Choices").
 */
export type GlTypeId = 'AR' | 'RP' | 'ST' | 'EE' | 'IA';

export interface Location {
	id: number;
	name: string;
}

export interface Department {
	id: number;
	name: string;
}

export interface BillingTerms {
	id: number;
	name: string;
	dueDays: number;
	/** What the accounting package calls these terms (GLExport billingTermsXref). */
	termsXref: string;
	defaultFlag?: boolean;
}

/** One level of a tax code (§3 TaxCode: levelOne … levelSix). Level 1 is "state", 2 county, 3 city, 4 country, 5 composite, 6 level six. */
export interface TaxLevel {
	/** Percent: 6.25 means 6.25 %. */
	rate: number;
	caption: string;
	/** Sage 50's "Sales Tax Code" (Mobius guide "Tax Codes"). */
	taxCodeXref: string;
	/** Sage 50's "Sales Tax Agency ID". */
	agencyXref: string;
	servicesFlag: boolean;
	expensesFlag: boolean;
	productsFlag: boolean;
}

export interface TaxCode {
	id: number;
	identifier: string;
	description: string;
	invoiceCaption: string;
	avalaraFlag?: boolean;
	/** Index 0 is levelOne; an absent level is not configured. */
	levels: Array<TaxLevel | undefined>;
}

export interface ProductType {
	id: number;
	name: string;
	typeXref: ProductTypeXref;
	inactiveFlag?: boolean;
	defaultFlag?: boolean;
}

export interface Product {
	id: number;
	/** The "Product ID" that must match Sage 50's Item ID (Mobius guide "Products"). */
	identifier: string;
	description: string;
	customerDescription: string;
	typeId: number;
	price: number;
	cost: number;
	taxableFlag: boolean;
	unitOfMeasure: string;
	subcategory?: string;
	vendorCompanyId?: number;
	vendorSku?: string;
	integrationXRef?: string;
	/** Revenue account when sold; defaults to the GL setup's product revenue. */
	revenueAccount?: string;
}

export interface Company {
	id: number;
	identifier: string;
	name: string;
	/** Must match Sage 50's Customer ID (Mobius guide "Customers"); one seed customer has none. */
	accountNumber?: string;
	/** The "Vendor XRef": must match Sage 50's Vendor ID (Mobius guide "Vendors"). */
	vendorIdentifier?: string;
	isVendorFlag: boolean;
	taxCodeId?: number;
	billingTermsId?: number;
	taxIdentifier?: string;
	invoiceToEmailAddress?: string;
	/** The main site's name. */
	siteName?: string;
	attention?: string;
}

export interface Member {
	id: number;
	identifier: string;
	firstName: string;
	lastName: string;
	/** "Vendor Nbr": expenses post to the Sage 50 vendor with this ID (Mobius guide "Members"). */
	vendorNumber?: string;
	/** Spelled as the spec spells it (§3 Member). */
	employeeIdentifer?: string;
	officeEmail?: string;
	inactiveFlag?: boolean;
}

export interface InvoiceLine {
	id: number;
	kind: InvoiceLineKind;
	/** Short text, e.g. a product description or "Ticket #4512 - Set up laptop for new hire". */
	description: string;
	productId?: number;
	quantity: number;
	unitPrice: number;
	/** Revenue (or down-payment liability) account; defaults by kind from the GL setup. */
	accountNumber?: string;
	taxable: boolean;
	/** Unit cost, for products. */
	unitCost?: number;
	/** Time entry behind a service line, shown on "Detailed" exports. */
	timeEntryId?: number;
}

export interface Invoice {
	id: number;
	invoiceNumber: string;
	type: InvoiceType;
	/** §3 [ZYNK]: only closed invoices reach the unposted list. */
	status: 'Open' | 'Closed';
	companyId: number;
	/** ISO date-time, e.g. 2025-01-10T00:00:00Z. */
	date: string;
	billingTermsId?: number;
	taxCodeId?: number;
	locationId: number;
	departmentId: number;
	reference?: string;
	attention?: string;
	lines: InvoiceLine[];
	closedBy?: string;
	dateClosed?: string;
	/** Set by batching (§3 Invoice.glBatch); the last batch that took any of its GL entries. */
	glBatchId?: number;
}

export interface Expense {
	id: number;
	memberId: number;
	/** Expenses of one member and period travel as one expense bill (§6 GLExportExpenseBill). */
	reportId: number;
	reportIdentifier: string;
	date: string;
	typeName: string;
	description: string;
	amount: number;
	accountNumber?: string;
	billable: boolean;
	reimbursable: boolean;
	companyId?: number;
	paymentMethod: string;
	locationId: number;
	departmentId: number;
	dateClosed?: string;
}

export interface ReceiptLine {
	id: number;
	lineNumber: number;
	productId: number;
	quantity: number;
	unitCost: number;
}

/** A packing slip: what Sage 50 receives as an item receipt or AP invoice (Mobius guide "Item Receipts"). */
export interface Receipt {
	id: number;
	packingSlip: string;
	date: string;
	/** Present only when the vendor's invoice has arrived: then Sage 50 gets an AP invoice. */
	vendorInvoiceNumber?: string;
	vendorInvoiceDate?: string;
	trackingNumber?: string;
	lines: ReceiptLine[];
	dateClosed?: string;
}

export interface PurchaseOrder {
	id: number;
	poNumber: string;
	vendorCompanyId: number;
	date: string;
	locationId: number;
	departmentId: number;
	billingTermsId?: number;
	receipts: Receipt[];
}

export interface AdjustmentDetail {
	id: number;
	productId: number;
	/** Negative for stock written off. */
	quantity: number;
	unitCost: number;
}

export interface InventoryAdjustment {
	id: number;
	identifier: string;
	description: string;
	reason: string;
	date: string;
	locationId: number;
	/** The offset account (shrinkage/COGS); defaults to the GL setup's cost of goods sold. */
	accountNumber?: string;
	details: AdjustmentDetail[];
	dateClosed?: string;
}

export interface Procurement {
	purchaseOrders: PurchaseOrder[];
	adjustments: InventoryAdjustment[];
}

export type GlSource = 'invoice' | 'expense' | 'receipt' | 'adjustment';

/**
 * One GL entry: the unit the accounting interface tracks. Batching marks entries, not documents
 * (§3 CreateAccountingBatchRequest.processedRecordIds are "GL Entry RecIDs").
 */
export interface GlEntry {
	id: number;
	source: GlSource;
	/** Invoice, expense, receipt (packing slip) or adjustment id. */
	documentId: number;
	/** Invoice line, receipt line or adjustment detail id; absent on an invoice's AR entry. */
	lineId?: number;
	/** Tax level (1–6) of an ST entry. */
	taxLevel?: number;
	glTypeId: GlTypeId;
	accountNumber: string;
	/** Whole cents. */
	debit: number;
	credit: number;
	date: string;
	batchId?: number;
}

export interface Batch {
	id: number;
	batchIdentifier: string;
	exportInvoicesFlag: boolean;
	exportExpensesFlag: boolean;
	exportProductsFlag: boolean;
	closedFlag: boolean;
	/** Remembered so that a re-export has the shape of the original export. */
	summarizeInvoices: SummarizeOption;
	glEntryIds: number[];
	createdAt: string;
}

export interface Payment {
	id: number;
	invoiceId: number;
	amount: number;
	paymentDate: string;
	type: string;
	appliedBy: string;
	lastUpdated: string;
}

/** The GL setup table: accounts ConnectWise stamps on entries when a document is closed (Mobius guide "Configuration of GL Accounts"). */
export interface GlSetup {
	accountsReceivable: string;
	accountsPayable: string;
	salesTax: string;
	inventory: string;
	costOfGoodsSold: string;
	serviceRevenue: string;
	productRevenue: string;
	agreementRevenue: string;
	downPayment: string;
	expense: string;
}

export interface AccountingPackageSetup {
	id: number;
	accountingPackage: 'QB99' | 'Mas200' | 'GPlains' | 'SBA' | 'Mas200v4' | 'Other';
	invoiceFormat: SummarizeOption;
	/** Expenses leave as expenseBills[] when true, as expenses[] when false (§6). */
	transferExpensesAsBillFlag: boolean;
	includeSalesTaxFlag: boolean;
	includeCogsEntriesFlag: boolean;
	syncPaymentInfoFlag: boolean;
	inventorySOHFlag: boolean;
}

export interface CompanyInfo {
	companyName: string;
	/** e.g. 'v2025.1' */
	versionCode: string;
	versionNumber: string;
	isCloud: boolean;
}

export interface ManageSeed {
	companyInfo: CompanyInfo;
	glSetup: GlSetup;
	accountingPackageSetup: AccountingPackageSetup;
	locations: Location[];
	departments: Department[];
	billingTerms: BillingTerms[];
	taxCodes: TaxCode[];
	productTypes: ProductType[];
	products: Product[];
	companies: Company[];
	members: Member[];
	invoices: Invoice[];
	expenses: Expense[];
	purchaseOrders: PurchaseOrder[];
	adjustments: InventoryAdjustment[];
}

/** What `addInvoice` takes: ids, numbers and line ids are filled in when missing. */
export interface InvoiceInput {
	id?: number;
	invoiceNumber?: string;
	type?: InvoiceType;
	status?: 'Open' | 'Closed';
	companyId: number;
	date?: string;
	billingTermsId?: number;
	taxCodeId?: number;
	locationId?: number;
	departmentId?: number;
	reference?: string;
	lines: Array<Omit<InvoiceLine, 'id'> & { id?: number }>;
}

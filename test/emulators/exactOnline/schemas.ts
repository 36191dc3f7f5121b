/**
 * The properties each resource exposes, with their OData types, in the order they are
 * written out. A $filter, $select or $orderby on any other name is refused, and so is a
 * POST that sends one: WCF rejects properties its type does not define.
 * Names follow Exact's reference pages as quoted by PI (§3).
 */
import type { Schema } from './odata';

export const DIVISION: Schema = {
	Code: 'Edm.Int32',
	Description: 'Edm.String',
	Hid: 'Edm.Int64',
	Current: 'Edm.Boolean',
	Status: 'Edm.Int32',
	Country: 'Edm.String',
	Currency: 'Edm.String',
	DivisionMoveDate: 'Edm.DateTime',
};

export const ME: Schema = {
	CurrentDivision: 'Edm.Int32',
	UserID: 'Edm.Guid',
	UserName: 'Edm.String',
	FullName: 'Edm.String',
	Email: 'Edm.String',
	LanguageCode: 'Edm.String',
};

export const JOURNAL: Schema = {
	Code: 'Edm.String',
	ID: 'Edm.Guid',
	Division: 'Edm.Int32',
	Description: 'Edm.String',
	Type: 'Edm.Int32',
	AllowVAT: 'Edm.Boolean',
	AllowVariableCurrency: 'Edm.Boolean',
	Currency: 'Edm.String',
};

export const GL_ACCOUNT: Schema = {
	ID: 'Edm.Guid',
	Division: 'Edm.Int32',
	Code: 'Edm.String',
	Description: 'Edm.String',
	Type: 'Edm.Int32',
	TypeDescription: 'Edm.String',
	BalanceType: 'Edm.String',
	IsBlocked: 'Edm.Boolean',
	VATCode: 'Edm.String',
	UseCostcenter: 'Edm.Byte',
	UseCostunit: 'Edm.Byte',
};

export const VAT_CODE: Schema = {
	ID: 'Edm.Guid',
	Division: 'Edm.Int32',
	Code: 'Edm.String',
	Description: 'Edm.String',
	Percentage: 'Edm.Double',
	Type: 'Edm.String',
	VATTransactionType: 'Edm.String',
	IsBlocked: 'Edm.Boolean',
};

export const PAYMENT_CONDITION: Schema = {
	ID: 'Edm.Guid',
	Division: 'Edm.Int32',
	Code: 'Edm.String',
	Description: 'Edm.String',
	PaymentDays: 'Edm.Int32',
};

export const CURRENCY: Schema = {
	Code: 'Edm.String',
	Description: 'Edm.String',
	AmountPrecision: 'Edm.Double',
};

export const COST_CENTER: Schema = {
	ID: 'Edm.Guid',
	Division: 'Edm.Int32',
	Code: 'Edm.String',
	Description: 'Edm.String',
	Active: 'Edm.Boolean',
};

export const ACCOUNT: Schema = {
	ID: 'Edm.Guid',
	Division: 'Edm.Int32',
	Code: 'Edm.String',
	Name: 'Edm.String',
	Status: 'Edm.String',
	IsSupplier: 'Edm.Boolean',
	IsSales: 'Edm.Boolean',
	Blocked: 'Edm.Boolean',
	VATNumber: 'Edm.String',
	Country: 'Edm.String',
	City: 'Edm.String',
	Email: 'Edm.String',
	PaymentConditionSales: 'Edm.String',
	PaymentConditionPurchase: 'Edm.String',
	SalesCurrency: 'Edm.String',
	PurchaseCurrency: 'Edm.String',
	SalesVATCode: 'Edm.String',
	PurchaseVATCode: 'Edm.String',
	GLAR: 'Edm.Guid',
	GLAP: 'Edm.Guid',
	Created: 'Edm.DateTime',
	Modified: 'Edm.DateTime',
};

const ENTRY_LINE: Schema = {
	ID: 'Edm.Guid',
	EntryID: 'Edm.Guid',
	Division: 'Edm.Int32',
	LineNumber: 'Edm.Int32',
	GLAccount: 'Edm.Guid',
	GLAccountCode: 'Edm.String',
	GLAccountDescription: 'Edm.String',
	AmountFC: 'Edm.Double',
	AmountDC: 'Edm.Double',
	VATCode: 'Edm.String',
	VATPercentage: 'Edm.Double',
	VATAmountFC: 'Edm.Double',
	VATAmountDC: 'Edm.Double',
	Description: 'Edm.String',
	CostCenter: 'Edm.String',
	CostUnit: 'Edm.String',
	Quantity: 'Edm.Double',
	Project: 'Edm.Guid',
};

export const SALES_ENTRY_LINE: Schema = ENTRY_LINE;

export const PURCHASE_ENTRY_LINE: Schema = {
	...ENTRY_LINE,
	VATNonDeductiblePercentage: 'Edm.Double',
	PrivateUsePercentage: 'Edm.Double',
};

const ENTRY_HEAD: Schema = {
	EntryID: 'Edm.Guid',
	Division: 'Edm.Int32',
	Journal: 'Edm.String',
	JournalDescription: 'Edm.String',
	EntryNumber: 'Edm.Int32',
	InvoiceNumber: 'Edm.Int32',
	EntryDate: 'Edm.DateTime',
	DueDate: 'Edm.DateTime',
};

const ENTRY_TAIL: Schema = {
	YourRef: 'Edm.String',
	Description: 'Edm.String',
	PaymentReference: 'Edm.String',
	Currency: 'Edm.String',
	Rate: 'Edm.Double',
	PaymentCondition: 'Edm.String',
	PaymentConditionDescription: 'Edm.String',
	AmountFC: 'Edm.Double',
	AmountDC: 'Edm.Double',
	VATAmountFC: 'Edm.Double',
	VATAmountDC: 'Edm.Double',
	Status: 'Edm.Int16',
	StatusDescription: 'Edm.String',
	Type: 'Edm.Int32',
	TypeDescription: 'Edm.String',
	ReportingYear: 'Edm.Int16',
	ReportingPeriod: 'Edm.Int16',
	Created: 'Edm.DateTime',
	Modified: 'Edm.DateTime',
};

export const SALES_ENTRY: Schema = { ...ENTRY_HEAD, Customer: 'Edm.Guid', CustomerName: 'Edm.String', ...ENTRY_TAIL };
export const PURCHASE_ENTRY: Schema = { ...ENTRY_HEAD, Supplier: 'Edm.Guid', SupplierName: 'Edm.String', ...ENTRY_TAIL };

/** cashflow/Receivables and cashflow/Payments (§3 "Reading payments back"). */
export const TERM: Schema = {
	ID: 'Edm.Guid',
	Division: 'Edm.Int32',
	Account: 'Edm.Guid',
	AccountCode: 'Edm.String',
	AccountName: 'Edm.String',
	AmountFC: 'Edm.Double',
	AmountDC: 'Edm.Double',
	AmountPaidFC: 'Edm.Double',
	AmountPaidDC: 'Edm.Double',
	TransactionAmountFC: 'Edm.Double',
	TransactionAmountDC: 'Edm.Double',
	Currency: 'Edm.String',
	Description: 'Edm.String',
	DueDate: 'Edm.DateTime',
	EntryDate: 'Edm.DateTime',
	InvoiceDate: 'Edm.DateTime',
	EntryNumber: 'Edm.Int32',
	InvoiceNumber: 'Edm.Int32',
	GLAccount: 'Edm.Guid',
	GLAccountCode: 'Edm.String',
	Journal: 'Edm.String',
	JournalDescription: 'Edm.String',
	IsFullyPaid: 'Edm.Boolean',
	LastPaymentDate: 'Edm.DateTime',
	EndDate: 'Edm.DateTime',
	PaymentCondition: 'Edm.String',
	PaymentDays: 'Edm.Int32',
	Status: 'Edm.Int16',
	TransactionEntryID: 'Edm.Guid',
	TransactionType: 'Edm.Int32',
	YourRef: 'Edm.String',
};

/** read/financial/ReceivablesList and PayablesList: outstanding items only, keyed by an Int64 HID (§3). */
export const OUTSTANDING_ITEM: Schema = {
	HID: 'Edm.Int64',
	AccountId: 'Edm.Guid',
	AccountCode: 'Edm.String',
	AccountName: 'Edm.String',
	Amount: 'Edm.Double',
	CurrencyCode: 'Edm.String',
	Description: 'Edm.String',
	DueDate: 'Edm.DateTime',
	EntryNumber: 'Edm.Int32',
	InvoiceDate: 'Edm.DateTime',
	InvoiceNumber: 'Edm.Int32',
	JournalCode: 'Edm.String',
	JournalDescription: 'Edm.String',
	YourRef: 'Edm.String',
};

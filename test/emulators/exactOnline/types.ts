/**
 * The records the emulator keeps, named and shaped as Exact Online names them
 * (../../../../shared/reference/exact-online.md §3), and the seed that fills them.
 * Dates are held as Date objects and only become `/Date(ms)/` on the wire (§4).
 */

export type Guid = string;

export interface Division {
	Code: number;
	Description: string;
	/** The number the customer sees in the UI's "Code" column; not the one URLs take (§1 "Code vs HID"). */
	Hid: number;
	Current: boolean;
	/** 0 inactive, 1 active, 2 archived (§2). */
	Status: number;
	Country: string;
	Currency: string;
	DivisionMoveDate: Date | null;
}

export interface Journal {
	ID: Guid;
	Division: number;
	Code: string;
	Description: string;
	/** 10 cash, 12 bank, 20 sales, 21 sales credit, 22 purchase, 23 purchase credit, 90 general (§3). */
	Type: number;
	AllowVAT: boolean;
	AllowVariableCurrency: boolean;
	Currency: string;
}

export interface GLAccount {
	ID: Guid;
	Division: number;
	/** Not padded, unlike account codes (§3 "Reference endpoints"). */
	Code: string;
	Description: string;
	/** Exact's G/L type numbers: 12 bank, 20 receivable, 22 payable, 24 VAT, 110 revenue, 111 cost of goods, 121 general costs. */
	Type: number;
	TypeDescription: string;
	/** B balance sheet, W profit and loss. */
	BalanceType: string;
	IsBlocked: boolean;
	/** Default VAT code used when a line leaves VATCode empty (§3 SalesEntryLines). */
	VATCode: string;
	/** 0 optional, 1 mandatory, 2 not allowed (§3). */
	UseCostcenter: number;
	UseCostunit: number;
}

export interface VATCode {
	ID: Guid;
	Division: number;
	/** Padded to 3 characters: '2  ' (§3 "Line edits"). */
	Code: string;
	Description: string;
	/** A fraction (0.21), not a percentage. */
	Percentage: number;
	/** B 0% base amount only, E excluding, I including, N no VAT. */
	Type: string;
	/** B both, P purchase, S sales. */
	VATTransactionType: string;
	IsBlocked: boolean;
}

export interface PaymentCondition {
	ID: Guid;
	Division: number;
	Code: string;
	Description: string;
	PaymentDays: number;
}

export interface Currency {
	Code: string;
	Description: string;
	/** Emulator's flag for "inactive in this division": an inactive currency is refused on entries and blanked on accounts (§3 crm/Accounts). */
	Active: boolean;
	AmountPrecision: number;
}

export interface CostCenter {
	ID: Guid;
	Division: number;
	Code: string;
	Description: string;
	Active: boolean;
}

export type CostUnit = CostCenter;

export interface Account {
	ID: Guid;
	Division: number;
	/** Always 18 characters, numeric codes right-aligned with leading spaces (§3 crm/Accounts). */
	Code: string;
	Name: string;
	/** C customer, P prospect, S suspect, A none. Only a 'C' may be the Customer of a sales entry. */
	Status: string;
	IsSupplier: boolean;
	/** GET only: true for customers. */
	IsSales: boolean;
	Blocked: boolean;
	VATNumber: string | null;
	/** Padded to 3 like Exact's sample ('NL ', §3). */
	Country: string | null;
	City: string | null;
	Email: string | null;
	PaymentConditionSales: string | null;
	PaymentConditionPurchase: string | null;
	SalesCurrency: string | null;
	PurchaseCurrency: string | null;
	SalesVATCode: string | null;
	PurchaseVATCode: string | null;
	GLAR: Guid | null;
	GLAP: Guid | null;
	Created: Date;
	Modified: Date;
}

export interface EntryLine {
	ID: Guid;
	EntryID: Guid;
	Division: number;
	LineNumber: number;
	GLAccount: Guid;
	GLAccountCode: string;
	GLAccountDescription: string;
	/** Excluding VAT (§3). */
	AmountFC: number;
	AmountDC: number;
	/** '' when the client sent a code Exact does not know: the line then carries no VAT (the silent trap). */
	VATCode: string;
	VATPercentage: number;
	VATAmountFC: number;
	VATAmountDC: number;
	Description: string | null;
	CostCenter: string | null;
	CostUnit: string | null;
	Quantity: number | null;
	Project: Guid | null;
	VATNonDeductiblePercentage?: number | null;
	PrivateUsePercentage?: number | null;
}

/** A sales or purchase entry as posted. Sales entries carry Customer, purchase entries Supplier. */
export interface StoredEntry {
	kind: 'sales' | 'purchase';
	EntryID: Guid;
	Division: number;
	Journal: string;
	JournalDescription: string;
	EntryNumber: number;
	InvoiceNumber: number;
	EntryDate: Date;
	DueDate: Date;
	Customer?: Guid;
	CustomerName?: string;
	Supplier?: Guid;
	SupplierName?: string;
	YourRef: string | null;
	Description: string | null;
	PaymentReference: string | null;
	Currency: string;
	Rate: number;
	PaymentCondition: string | null;
	PaymentConditionDescription: string | null;
	/** Totals including VAT. */
	AmountFC: number;
	AmountDC: number;
	VATAmountFC: number;
	VATAmountDC: number;
	/** 20 open, 50 processed (purchase also 5 rejected). */
	Status: number;
	StatusDescription: string;
	/** Sales 20 entry / 21 credit note; purchase 30 / 31. */
	Type: number;
	TypeDescription: string;
	ReportingYear: number;
	ReportingPeriod: number;
	Created: Date;
	Modified: Date;
	Lines: EntryLine[];
}

/**
 * An outstanding item: cashflow/Receivables for a sales entry, cashflow/Payments for a purchase
 * entry (§3 "Reading payments back"). AmountFC/DC is the term's amount; AmountPaidFC/DC are the
 * emulator's running total of receipts registered with state.pay().
 */
export interface Term {
	ID: Guid;
	Division: number;
	Account: Guid;
	AccountCode: string;
	AccountName: string;
	AmountFC: number;
	AmountDC: number;
	AmountPaidFC: number;
	AmountPaidDC: number;
	TransactionAmountFC: number;
	TransactionAmountDC: number;
	Currency: string;
	Description: string | null;
	DueDate: Date;
	EntryDate: Date;
	InvoiceDate: Date;
	EntryNumber: number;
	InvoiceNumber: number;
	GLAccount: Guid | null;
	GLAccountCode: string | null;
	Journal: string;
	JournalDescription: string;
	IsFullyPaid: boolean;
	LastPaymentDate: Date | null;
	/** The date the term was fully matched. */
	EndDate: Date | null;
	PaymentCondition: string | null;
	PaymentDays: number;
	/** 20 open, 30 selected, 40 processed, 50 matched. */
	Status: number;
	TransactionEntryID: Guid;
	TransactionType: number;
	YourRef: string | null;
}

export interface Me {
	CurrentDivision: number;
	UserID: Guid;
	UserName: string;
	FullName: string;
	Email: string;
	LanguageCode: string;
}

// ---- Seed: what a test may pass in. Missing IDs are derived from division + code so they are stable.

export type JournalSeed = Pick<Journal, 'Code' | 'Description' | 'Type'> & Partial<Journal>;
export type GLAccountSeed = Pick<GLAccount, 'Code' | 'Description' | 'Type'> & Partial<GLAccount>;
export type VATCodeSeed = Pick<VATCode, 'Code' | 'Description' | 'Percentage'> & Partial<VATCode>;
export type PaymentConditionSeed = Pick<PaymentCondition, 'Code' | 'Description' | 'PaymentDays'> & Partial<PaymentCondition>;
export type CurrencySeed = Pick<Currency, 'Code' | 'Description'> & Partial<Currency>;
export type CostCenterSeed = Pick<CostCenter, 'Code' | 'Description'> & Partial<CostCenter>;
/** Code may be given unpadded ('1001'); it is stored padded to 18. */
export type AccountSeed = Pick<Account, 'Code' | 'Name'> & Partial<Omit<Account, 'Created' | 'Modified'>>;

export interface DivisionSeed {
	Code: number;
	Hid: number;
	Description: string;
	Country?: string;
	Currency?: string;
	Status?: number;
}

export interface EmulatorSeed {
	/** The app registered with Exact. */
	client: { clientId: string; clientSecret: string; redirectUri?: string };
	user: Omit<Me, 'CurrentDivision'>;
	/** The user's current division: the one every seed list below belongs to. */
	division: DivisionSeed;
	/** Other divisions the user can open. They get the same journals, G/Ls, VAT codes etc. under their own GUIDs, and no accounts. */
	otherDivisions: DivisionSeed[];
	journals: JournalSeed[];
	glAccounts: GLAccountSeed[];
	vatCodes: VATCodeSeed[];
	paymentConditions: PaymentConditionSeed[];
	currencies: CurrencySeed[];
	costCenters: CostCenterSeed[];
	costUnits: CostCenterSeed[];
	accounts: AccountSeed[];
	/** Division currency per unit of foreign currency, used when an entry sends no Rate. */
	exchangeRates: Record<string, number>;
	/** Entries dated before this ISO date fail with "Period is closed" (§6). Undefined: all periods open. */
	periodsClosedBefore?: string;
}

/**
 * The Sage 50 import files Ledger Bridge writes, column by column. This is the one home of
 * Sage 50's column names, kinds and widths: the file writers (auditTrail.ts, records.ts,
 * usJournal.ts, usRecords.ts) and the constraint profiles (profileUk.ts,
 * profileUs.ts) all read this table, so a width changes here and nowhere else.
 *
 * Sources (../shared/reference/sage-and-opera.md §1 and §2, seeds 000 and 003):
 * - 'sageKb': Sage's own knowledge-base tables (audit-trail transaction import
 *   k2dockey=250321114601443, customer record import k2dockey=250321114620507);
 * - 'sageHelp': the Sage 50 US help's Import/Export field lists (Sales Journal, Purchases
 *   Journal, General Journal, Cash Receipts, Customer List, Vendor List), which print "Up to
 *   N characters";
 * - 'sageCommunity': the current audit-trail headings quoted in a Sage community thread;
 * - 'odbcSchema': a width read from the Sage 50 UK ODBC table (SALES_LEDGER.E_MAIL(255)…);
 * - 'thirdParty': a Sage reseller's column list (makingithappen.co.uk) where Sage's own
 *   table stops;
 * - 'analogy': the same as a documented column of another file (supplier records are laid
 *   out like customer records; the US journals share the General Journal's G/L widths);
 * - 'assumed': our guess where every source is silent. The writers reject a value that does
 *   not fit rather than cutting it, so a guess that is too narrow shows up as a clear error,
 *   never as a shortened code in the ledger.
 */

export const SAGE50_LAYOUTS = ['ukAuditTrail', 'ukCustomer', 'ukSupplier', 'usSalesJournal', 'usPurchasesJournal', 'usCustomer', 'usVendor'] as const;
export type Sage50Layout = (typeof SAGE50_LAYOUTS)[number];

/** How people name each file in messages. */
export const SAGE50_LAYOUT_LABELS: Readonly<Record<Sage50Layout, string>> = {
	ukAuditTrail: 'Sage 50 audit-trail transaction import',
	ukCustomer: 'Sage 50 customer record import',
	ukSupplier: 'Sage 50 supplier record import',
	usSalesJournal: 'Sage 50 US Sales Journal import',
	usPurchasesJournal: 'Sage 50 US Purchases Journal import',
	usCustomer: 'Sage 50 US Customer List import',
	usVendor: 'Sage 50 US Vendor List import',
};

/**
 * Where in Sage each file is imported, for the person doing it. US: the Select
 * Import/Export window (reference §2; the help's Customer List and Vendor List pages). UK:
 * the File > Import wizard, whose data types are named after the Sage KB tables (§1).
 */
export const SAGE50_IMPORT_STEPS: Readonly<Record<Sage50Layout, string>> = {
	ukAuditTrail: 'Sage 50 Accounts: File > Import, audit trail transactions',
	ukCustomer: 'Sage 50 Accounts: File > Import, customer records',
	ukSupplier: 'Sage 50 Accounts: File > Import, supplier records',
	usSalesJournal: 'Sage 50 US: File > Select Import/Export > Accounts Receivable > Sales Journal',
	usPurchasesJournal: 'Sage 50 US: File > Select Import/Export > Accounts Payable > Purchase Journal',
	usCustomer: 'Sage 50 US: File > Select Import/Export > Accounts Receivable > Customer List',
	usVendor: 'Sage 50 US: File > Select Import/Export > Accounts Payable > Vendor List',
};

export type Sage50FieldType = 'text' | 'integer' | 'amount' | 'date' | 'boolean';

/** UK dates are day first with a four-digit year; US journals take ##/##/## (month/day/yr). */
export type Sage50DateLayout = 'dd/MM/yyyy' | 'MM/dd/yy';

export type Sage50Source = 'sageKb' | 'sageHelp' | 'sageCommunity' | 'odbcSchema' | 'thirdParty' | 'analogy' | 'assumed';

export interface Sage50Field {
	/** The heading exactly as Sage prints it; the heading row of the file uses it. */
	name: string;
	/** The spreadsheet column Sage's tables give it (A, B, … AA): files keep Sage's column order. */
	column: string;
	type: Sage50FieldType;
	/** Text: the most characters (Windows-1252, one byte each). */
	width?: number;
	/** Text: the characters the column takes, as the inside of a regular-expression class. */
	characters?: string;
	/** Text: the whole value must match this (anchored) pattern. */
	pattern?: string;
	/** Integer: the smallest and largest value. */
	range?: { min: number; max: number };
	/** Amount: digits before the point (the sign is not counted) and after it. */
	wholeDigits?: number;
	decimals?: number;
	/** Amount: always written with all `decimals` places ("100.00"), not as short as possible ("1"). */
	padDecimals?: boolean;
	dateLayout?: Sage50DateLayout;
	/**
	 * A row without it is refused: Sage needs it, or (noted in `description`) Sage would fill
	 * the blank with a guess of its own, such as T0 for a tax code or today for a date.
	 */
	mandatory: boolean;
	description: string;
	source: Sage50Source;
}

/** Characters of an account, nominal or cost code: "just the letters A to Z and the numbers 0 to 9, no spaces". */
export const SAGE50_UK_CODE_CHARACTERS = 'A-Z0-9';

/**
 * Sage 50 UK tax codes T0–T99 (TAX_CODE_ID 0–99, reference §1), written without leading
 * zeros: T01 is not a code.
 */
export const SAGE50_UK_TAX_CODE_PATTERN = 'T([0-9]|[1-9][0-9])';

/**
 * The characters Ledger Bridge lets through into Sage 50 UK text (names, details,
 * references). Seed 000's export "looks for special characters (*&! etc) and
 * carriage/tab returns" before Sage sees them; the list of which punctuation counts as
 * special is not published, so this one is ours: letters (with the accented letters
 * Windows-1252 has), digits, space and the punctuation invoices and addresses need.
 * Everything else (* & ! " ^ ~ ` | \ < > [ ] { }, emoji…) is removed by the profile and the
 * removal reported.
 */
export const SAGE50_UK_TEXT_CHARACTERS = [
	'A-Za-z0-9 ',
	// À–ÿ without × (U+00D7) and ÷ (U+00F7), plus the cp1252-only letters Š š Œ œ Ž ž Ÿ.
	'\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff\\u0160\\u0161\\u0152\\u0153\\u017d\\u017e\\u0178',
	// . , - ' / ( ) : ; # + @ ? % = _ £ € $
	".,\\-'/():;#+@?%=_\\u00a3\\u20ac$",
	// ‘ ’ “ ” – —: text pasted from Word or Outlook; all one byte in Windows-1252.
	'\\u2018\\u2019\\u201c\\u201d\\u2013\\u2014',
].join('');

interface Options {
	width?: number;
	characters?: string;
	pattern?: string;
	range?: { min: number; max: number };
	wholeDigits?: number;
	decimals?: number;
	padDecimals?: boolean;
	dateLayout?: Sage50DateLayout;
	mandatory?: boolean;
}

type Spec = Omit<Sage50Field, 'column'>;

function spec(name: string, type: Sage50FieldType, source: Sage50Source, description: string, options: Options = {}): Spec {
	const { mandatory = false, ...rest } = options;
	return { name, type, mandatory, description, source, ...rest };
}

const text = (name: string, width: number, source: Sage50Source, description: string, options: Options = {}) =>
	spec(name, 'text', source, description, { width, ...options });

/** Sage 50 UK money: "Decimal 11, 8 digits + 2 decimal places" in every KB table. */
const ukMoney = (name: string, description: string, options: Options = {}, source: Sage50Source = 'sageKb') =>
	spec(name, 'amount', source, description, { wholeDigits: 8, decimals: 2, padDecimals: true, ...options });

/**
 * Sage 50 US amounts are "Numeric (Real)" with no printed limit. A Real holds 15
 * significant digits exactly, so 13 whole digits and the cents are the most that arrive
 * unchanged; beyond that the writer refuses rather than let the cents drift.
 */
const usMoney = (name: string, description: string, options: Options = {}) =>
	spec(name, 'amount', 'assumed', description, { wholeDigits: 13, decimals: 2, padDecimals: true, ...options });

/** A, B, … Z, AA, AB …: the column letters Sage's tables use. */
function columnLetter(index: number): string {
	let letters = '';
	for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
		letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
	}
	return letters;
}

const lettered = (specs: Spec[]): Sage50Field[] => specs.map((entry, index) => ({ ...entry, column: columnLetter(index) }));

/**
 * Audit-trail transaction import (reference §1 table, columns A–O), headed with the names
 * Sage itself uses today so its import wizard pairs every column with its field. The
 * current headings also carry "Country of VAT, Report Type, Fund" after Cost Code Refn;
 * Ledger Bridge leaves those three off: the reference gives no values for them, and being
 * last, leaving them off moves no other column.
 */
const UK_AUDIT_TRAIL: Spec[] = [
	text('Type', 2, 'sageKb', 'SI sales invoice, SC sales credit, PI purchase invoice, PC purchase credit, SA/PA payment on account; also BP BR CP CR VP VR JC JD SP PR', {
		pattern: 'BP|BR|CP|CR|VP|VR|JC|JD|SI|SC|SA|SP|PI|PC|PA|PR',
		mandatory: true,
	}),
	text('Account Reference', 8, 'sageKb', 'Customer or supplier A/C; must exist in Sage (blank only on JC/JD, which Ledger Bridge does not write)', {
		characters: SAGE50_UK_CODE_CHARACTERS,
		mandatory: true,
	}),
	text('Nominal A/C Ref', 8, 'sageKb', 'Nominal code of the line (the bank nominal for SA/PA); must exist in Sage; text, so leading zeros stay', {
		characters: SAGE50_UK_CODE_CHARACTERS,
		mandatory: true,
	}),
	spec('Department Code', 'integer', 'sageKb', 'Department number 0–999', { range: { min: 0, max: 999 } }),
	spec('Date', 'date', 'sageKb', 'DD/MM/YYYY; Sage fills a blank with the program date, so Ledger Bridge always writes one', {
		dateLayout: 'dd/MM/yyyy',
		mandatory: true,
	}),
	text('Reference', 30, 'sageKb', 'Invoice, credit note or receipt number; with Type, Account and Date it groups rows under one header, so Ledger Bridge always writes one', {
		mandatory: true,
	}),
	text('Details', 60, 'sageKb', 'Line description'),
	ukMoney('Net Amount', 'Net of the line (the gross receipt or payment for SA/PA)', { mandatory: true }),
	text('Tax Code', 3, 'sageKb', 'T0–T99; Sage reads a blank as T0, so Ledger Bridge refuses a blank rather than let Sage guess', {
		pattern: SAGE50_UK_TAX_CODE_PATTERN,
		mandatory: true,
	}),
	ukMoney('Tax Amount', 'VAT of the line; Sage reads a blank as 0.00, Ledger Bridge always writes it', { mandatory: true }),
	// Width and decimals assumed: Sage shows exchange rates with six decimals.
	spec('Exchange Rate', 'amount', 'assumed', '1 for the base currency, else the rate of the foreign currency', { wholeDigits: 8, decimals: 6 }),
	text('Extra Reference', 30, 'sageKb', "The customer's order number or the supplier's invoice number"),
	text('User Name', 32, 'sageKb', 'The Sage user the transactions are recorded against'),
	text('Project Refn', 12, 'sageKb', 'Project reference; on a PI Sage also needs a cost code'),
	text('Cost Code Refn', 8, 'sageKb', 'Project cost code'),
];

/**
 * Customer record import (Sage KB 250321114620507, columns A–W). Columns X–AA are in the
 * same order in a Sage reseller's list of Sage's layout; their widths come from the ODBC
 * SALES_LEDGER table or are assumed. The KB's VAT Number is 30 wide although
 * SALES_LEDGER.VAT_REG_NUMBER is 20: this is the import file, so its own table wins.
 */
function ukRecord(party: 'customer' | 'supplier'): Spec[] {
	const source = (documented: Sage50Source): Sage50Source => (party === 'customer' ? documented : 'analogy');
	return [
		text('A/C', 8, source('sageKb'), `${party === 'customer' ? 'Customer' : 'Supplier'} account reference: up to 8 characters, no spaces`, {
			characters: SAGE50_UK_CODE_CHARACTERS,
			mandatory: true,
		}),
		text('Name', 60, source('sageKb'), 'Account name'),
		...[1, 2, 3, 4, 5].map((line) =>
			text(`Address Line ${line}`, 60, source('sageKb'), ['Street 1', 'Street 2', 'Town', 'County', 'Post code'][line - 1]),
		),
		text('Contact Name', 30, source('sageKb'), 'Contact name'),
		text('Telephone', 30, source('sageKb'), 'Telephone'),
		text('Fax', 30, source('sageKb'), 'Fax'),
		...[1, 2, 3].map((number) => text(`Analysis ${number}`, 30, source('sageKb'), `Analysis field ${number}`)),
		spec('Department', 'integer', source('sageKb'), 'Default department 0–999', { range: { min: 0, max: 999 } }),
		text('VAT Number', 30, source('sageKb'), 'VAT registration number'),
		ukMoney('M.T.D.', 'Month-to-date turnover (not written: Sage keeps it)', {}, source('sageKb')),
		ukMoney('Y.T.D.', 'Year-to-date turnover (not written: Sage keeps it)', {}, source('sageKb')),
		ukMoney('Prior Y.T.D.', 'Prior year turnover (not written: Sage keeps it)', {}, source('sageKb')),
		ukMoney('Credit Limit', 'Credit limit', {}, source('sageKb')),
		text('Trading Terms Text', 30, source('sageKb'), 'Terms text printed on documents'),
		spec('Settlement Due Days', 'integer', source('sageKb'), 'Days the settlement discount applies, 0–365', { range: { min: 0, max: 365 } }),
		spec('Sett. Discount (%)', 'amount', source('sageKb'), 'Settlement discount 0–99.99', { wholeDigits: 2, decimals: 2 }),
		text('Default Nominal Code', 8, source('sageKb'), 'Nominal code transactions on the account default to', { characters: SAGE50_UK_CODE_CHARACTERS }),
		text('Tax Code', 3, 'thirdParty', 'Default tax code T0–T99 (SALES_LEDGER.DEF_TAX_CODE VARCHAR(3))', { pattern: SAGE50_UK_TAX_CODE_PATTERN }),
		text('Trade Contact', 30, 'assumed', 'Trade contact'),
		text('Telephone 2', 30, 'assumed', 'Second telephone'),
		text('E-mail', 255, 'odbcSchema', 'E-mail address (SALES_LEDGER.E_MAIL(255))'),
	];
}

/** A transaction of the US Sales Journal holds at most 154 distributions, of the other journals 160 (US help, Import/Export tips). */
export const SAGE50_US_MAX_DISTRIBUTIONS = { usSalesJournal: 154, usPurchasesJournal: 160 } as const;

/**
 * The sign of a US journal amount is documented for the General Journal only ("a positive
 * amount denotes a debit", reference §2); the Sales and Purchases Journal pages say nothing.
 * usJournal.ts therefore takes the convention as an option (amountSigns), debit-positive by
 * default, and the node offers it as "Sage 50 US Amount Signs".
 */
const US_AMOUNT = 'Amount of the distribution; its sign follows the amountSigns option (default debit positive, credit negative: the General Journal rule, unconfirmed for this journal)';

/**
 * Sage 50 US Sales Journal (SALES.CSV). Sage matches columns to the order chosen under
 * "Show" on the import's Fields tab, so this order is what to select there, with "First
 * Row Contains Headings" ticked. Widths are the help's "Up to N characters".
 */
const US_SALES_JOURNAL: Spec[] = [
	text('Customer ID', 20, 'sageHelp', 'Customer ID, required', { mandatory: true }),
	text('Invoice/CM #', 20, 'sageHelp', 'Invoice or credit memo number'),
	spec('Credit Memo', 'boolean', 'analogy', 'TRUE for a credit memo (the Purchases Journal documents the same flag)'),
	spec('Date', 'date', 'sageHelp', '##/##/## (month/day/yr), required', { dateLayout: 'MM/dd/yy', mandatory: true }),
	spec('Date Due', 'date', 'sageHelp', 'Without it Sage does not calculate a due date and the aging reports are wrong', { dateLayout: 'MM/dd/yy' }),
	text('Customer PO', 20, 'assumed', "The customer's purchase order number"),
	text('Accounts Receivable Account', 15, 'analogy', 'A/R account; blank leaves the customer default (G/L account width)'),
	text('Sales Tax ID', 8, 'sageHelp', 'Sales tax code of the invoice (Cash Receipts help: up to 8 characters)'),
	spec('Number of Distributions', 'integer', 'sageHelp', 'How many rows the transaction has', {
		range: { min: 1, max: SAGE50_US_MAX_DISTRIBUTIONS.usSalesJournal },
		mandatory: true,
	}),
	spec('Invoice/CM Distribution', 'integer', 'assumed', 'Line number of the distribution; 0 on the sales tax row', {
		range: { min: 0, max: SAGE50_US_MAX_DISTRIBUTIONS.usSalesJournal },
		mandatory: true,
	}),
	text('Description', 160, 'analogy', 'Line description (General Journal help: up to 160 characters)'),
	text('G/L Account', 15, 'analogy', 'G/L account of the line (General Journal help: up to 15 characters)', { mandatory: true }),
	usMoney('Amount', US_AMOUNT, { mandatory: true }),
	text('Job ID', 20, 'analogy', 'Job of the line (General Journal help: up to 20 characters)'),
	text('Sales Tax Agency ID', 8, 'assumed', 'Agency of the sales tax row'),
];

/** Sage 50 US Purchases Journal (PURCHASE.CSV); the same rules as the Sales Journal. */
const US_PURCHASES_JOURNAL: Spec[] = [
	text('Vendor ID', 20, 'sageHelp', 'Vendor ID, required', { mandatory: true }),
	text('Invoice #', 20, 'sageHelp', "The vendor's invoice or credit memo number; blank on an item receipt"),
	spec('Credit Memo', 'boolean', 'sageHelp', 'TRUE for a credit memo'),
	spec('Date', 'date', 'sageHelp', '##/##/## (month/day/yr), required', { dateLayout: 'MM/dd/yy', mandatory: true }),
	spec('Date Due', 'date', 'sageHelp', 'Without it Sage does not calculate a due date and the aging reports are wrong', { dateLayout: 'MM/dd/yy' }),
	spec('Waiting on Bill', 'boolean', 'assumed', 'TRUE for an item receipt whose bill has not come (seed 003)'),
	text('Customer Invoice #', 20, 'assumed', 'The purchase order number (seed 003: PO Number becomes "Customer Invoice No.")'),
	text('Accounts Payable Account', 15, 'analogy', 'A/P account; blank leaves the vendor default (G/L account width)'),
	spec('Number of Distributions', 'integer', 'sageHelp', 'How many rows the transaction has', {
		range: { min: 1, max: SAGE50_US_MAX_DISTRIBUTIONS.usPurchasesJournal },
		mandatory: true,
	}),
	spec('Invoice/CM Distribution', 'integer', 'assumed', 'Line number of the distribution', {
		range: { min: 1, max: SAGE50_US_MAX_DISTRIBUTIONS.usPurchasesJournal },
		mandatory: true,
	}),
	text('Description', 160, 'analogy', 'Line description (General Journal help: up to 160 characters)'),
	text('G/L Account', 15, 'analogy', 'G/L account of the line (General Journal help: up to 15 characters)', { mandatory: true }),
	usMoney('Amount', US_AMOUNT, { mandatory: true }),
	text('Job ID', 20, 'analogy', 'Job of the line (General Journal help: up to 20 characters)'),
];

/**
 * Sage 50 US Customer List (File > Select Import/Export > Accounts Receivable > Customer
 * List; Sage's default file name CUSTOMER.CSV). Headings and widths marked 'sageHelp' are
 * the help's "Customer List Fields (Import/Export)" table (help.sage50.na.sage.com, 2017);
 * the page was read only as far as Bill to Sales Tax ID, so the headings of the last three
 * columns are NOT confirmed (see each). Sage reads the columns in the order of the fields
 * ticked under "Show" in the import template, not by heading (reference §2), so the
 * template must tick these fields in this order whatever their exact wording; set it once
 * and save it. Only the columns a document can fill are written.
 *
 * Not written: the contact (Sage splits it into "Bill to Contact First Name" 15 and "Last
 * Name" 20, and a full name cannot be split without guessing) and a tax ID (the list has a
 * "Resale Number", which a VAT number is not).
 */
const US_CUSTOMER_LIST: Spec[] = [
	text('Customer ID', 20, 'sageHelp', 'Customer ID, required; the ID the Sales Journal rows name', { mandatory: true }),
	text('Customer Name', 39, 'sageHelp', 'Bill-to name'),
	spec('Prospect', 'boolean', 'sageHelp', 'FALSE: the record is a customer (TRUE would make it a prospect)'),
	text('Bill to Address-Line One', 30, 'sageHelp', 'Bill-to address, line one'),
	text('Bill to Address-Line Two', 30, 'sageHelp', 'Bill-to address, line two (further street lines joined with ", ")'),
	text('Bill to City', 20, 'sageHelp', 'Bill-to city'),
	text('Bill to State', 2, 'sageHelp', 'Two-letter state abbreviation'),
	text('Bill to Zip', 12, 'sageHelp', 'ZIP code'),
	text('Bill to Country', 15, 'sageHelp', 'Country'),
	text('Bill to Sales Tax ID', 8, 'sageHelp', "The customer's default sales tax code"),
	// Heading unconfirmed: a third-party Peachtree guide lists "Telephone 1"; width from the Vendor List's Telephone 1.
	text('Telephone 1', 20, 'analogy', 'Telephone (heading and width unconfirmed: as the Vendor List)'),
	// Heading unconfirmed: "Customer Email" in a third-party Peachtree guide and, for vendors, "Vendor Email" in Sage's 2019 help; older help may print "Customer E-mail". Width from Vendor Email.
	text('Customer Email', 64, 'analogy', 'E-mail address (heading and width unconfirmed: as the Vendor List)'),
	// Heading unconfirmed (by analogy with the Vendor List's "G/L Purchase Account"); Peachtree will not save a customer without a default sales account.
	text('G/L Sales Account', 15, 'analogy', 'Default G/L sales (income) account of the customer (heading unconfirmed)'),
];

/**
 * Sage 50 US Vendor List (File > Select Import/Export > Accounts Payable > Vendor List;
 * VENDOR.CSV). Headings and widths from the help's "Vendor List Fields (Import/Export)"
 * (help-sage50.na.sage.com, 2019), except where noted.
 */
const US_VENDOR_LIST: Spec[] = [
	text('Vendor ID', 20, 'sageHelp', 'Vendor ID, required; the ID the Purchases Journal rows name', { mandatory: true }),
	text('Vendor Name', 39, 'sageHelp', 'Vendor name, printed on checks'),
	text('Contact', 20, 'sageHelp', 'Vendor contact name'),
	text('Address-Line 1', 30, 'sageHelp', 'Address, line one'),
	text('Address-Line 2', 30, 'sageHelp', 'Address, line two (further street lines joined with ", ")'),
	// The import table says 15, the Maintain Vendors window 20: the wider is taken so a city Sage can hold is not refused here.
	text('City', 20, 'sageHelp', 'City (import help: 15; Maintain Vendors: 20)'),
	text('State', 2, 'sageHelp', 'Two-letter state abbreviation'),
	text('Zip Code', 12, 'sageHelp', 'ZIP code'),
	text('Country', 15, 'sageHelp', 'Country'),
	text('Telephone 1', 20, 'sageHelp', 'Telephone'),
	text('Vendor Email', 64, 'sageHelp', 'E-mail address'),
	text('G/L Purchase Account', 15, 'sageHelp', 'Default G/L purchase (expense) account; must exist in the chart of accounts'),
	// The heading is Sage's; its width was not in the part of the table read: 20 lets an EIN or SSN (10–11 with dashes) and a foreign VAT number through.
	text('Tax ID Number', 20, 'assumed', "The vendor's tax ID (1099 reporting); width unconfirmed"),
];

export const SAGE50_FIELDS: Readonly<Record<Sage50Layout, readonly Sage50Field[]>> = {
	ukAuditTrail: lettered(UK_AUDIT_TRAIL),
	ukCustomer: lettered(ukRecord('customer')),
	ukSupplier: lettered(ukRecord('supplier')),
	usSalesJournal: lettered(US_SALES_JOURNAL),
	usPurchasesJournal: lettered(US_PURCHASES_JOURNAL),
	usCustomer: lettered(US_CUSTOMER_LIST),
	usVendor: lettered(US_VENDOR_LIST),
};

const FIELDS_BY_NAME = new Map<Sage50Layout, ReadonlyMap<string, Sage50Field>>(
	SAGE50_LAYOUTS.map((layout) => [layout, new Map(SAGE50_FIELDS[layout].map((field) => [field.name, field]))]),
);

export function sage50Field(layout: Sage50Layout, name: string): Sage50Field | undefined {
	return FIELDS_BY_NAME.get(layout)?.get(name);
}

/** The headings of one file, in file order. */
export function sage50Headings(layout: Sage50Layout): string[] {
	return SAGE50_FIELDS[layout].map((field) => field.name);
}

/**
 * The canonical ledger document: what every source emits and every target accepts.
 * The published contract is `ledger-document.schema.json` beside this file; these types
 * mirror it for the code.
 */
export const TRANSACTION_TYPES = [
	'salesInvoice',
	'salesCredit',
	'purchaseInvoice',
	'purchaseCredit',
	'expense',
	'itemReceipt',
] as const;
export const PAYMENT_TYPES = ['receipt', 'supplierPayment'] as const;
export const MASTER_TYPES = ['customer', 'supplier'] as const;
/**
 * Stock movements with no customer or supplier: an inventory adjustment names items,
 * quantities and the G/L account the value goes to (seed 003, "Inventory Adjustments").
 */
export const INVENTORY_TYPES = ['inventoryAdjustment'] as const;
export const DOCUMENT_TYPES = [...TRANSACTION_TYPES, ...PAYMENT_TYPES, ...MASTER_TYPES, ...INVENTORY_TYPES] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A JSON number or a decimal string; read with `Decimal.parse`, never summed as a float. */
export type Amount = number | string;

export interface Address {
	type?: 'billing' | 'delivery' | 'other';
	lines?: string[];
	city?: string;
	region?: string;
	postcode?: string;
	country?: string;
}

export interface Party {
	code?: string;
	name?: string;
	addresses?: Address[];
	contact?: string;
	email?: string;
	phone?: string;
	vatNumber?: string;
	iban?: string;
	bic?: string;
	paymentMethod?: string;
	paymentTerms?: string;
	currency?: string;
	extra?: Record<string, unknown>;
}

export interface DocumentLine {
	description?: string;
	quantity?: Amount;
	unitPrice?: Amount;
	net: Amount;
	taxCode?: string;
	taxAmount?: Amount;
	/** Line VAT if the first (and second) prompt-payment discount is taken. */
	promptPaymentVat?: Amount[];
	account?: string;
	item?: { code?: string; type?: string; description?: string };
	costCentre?: string;
	project?: string;
	department?: string;
	extra?: Record<string, unknown>;
}

export interface DocumentHeader {
	number?: string;
	date?: string;
	taxDate?: string;
	dueDate?: string;
	reference?: string;
	description?: string;
	currency?: string;
	exchangeRate?: Amount;
	paymentTerms?: string;
	project?: string;
	department?: string;
	location?: string;
	member?: string;
	/** Receipts and payments: the target ledger's bank account; missing means its default bank. */
	bank?: { account?: string; costCentre?: string };
	/** Settled when raised (point of sale): the target generates the matching receipt or refund. */
	paidInFull?: { cashbookType?: string; narrative?: string; cash?: boolean };
	/** Document VAT if the first (and second) prompt-payment discount is taken. */
	promptPaymentVat?: Amount[];
	source?: { system: string; id?: string; ids?: Record<string, string | number> };
}

export interface DocumentTotals {
	net?: Amount;
	tax?: Amount;
	gross?: Amount;
}

export interface LedgerDocument {
	schemaVersion?: 1;
	type: DocumentType;
	header?: DocumentHeader;
	party?: Party;
	lines?: DocumentLine[];
	totals?: DocumentTotals;
	report?: Record<string, unknown>;
	extra?: Record<string, unknown>;
}

const CUSTOMER_SIDE: ReadonlySet<DocumentType> = new Set(['salesInvoice', 'salesCredit', 'receipt', 'customer']);

/** Sales-side documents name a customer; all others a supplier (a member's vendor for expenses). */
export function partySide(type: DocumentType): 'customer' | 'supplier' {
	return CUSTOMER_SIDE.has(type) ? 'customer' : 'supplier';
}

export function isTransaction(type: DocumentType): boolean {
	return (TRANSACTION_TYPES as readonly string[]).includes(type);
}

export function isMasterRecord(type: DocumentType): boolean {
	return (MASTER_TYPES as readonly string[]).includes(type);
}

/** How a person names the document in messages: "sales invoice INV-1001". */
export function describeDocument(document: Partial<LedgerDocument>): string {
	const label = DOCUMENT_TYPE_LABELS[document.type as DocumentType] ?? 'document';
	const id =
		document.header?.number ??
		(document.type && isMasterRecord(document.type) ? document.party?.code : undefined);
	return id ? `${label} ${id}` : `${label} (no number)`;
}

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
	salesInvoice: 'sales invoice',
	salesCredit: 'sales credit note',
	purchaseInvoice: 'purchase invoice',
	purchaseCredit: 'purchase credit note',
	expense: 'expense',
	itemReceipt: 'item receipt',
	receipt: 'customer receipt',
	supplierPayment: 'supplier payment',
	customer: 'customer',
	supplier: 'supplier',
	inventoryAdjustment: 'inventory adjustment',
};

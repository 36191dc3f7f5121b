/**
 * What closing a document writes to the general ledger, and the sums behind it. ConnectWise
 * stamps GL entries with the accounts of the GL setup table at the moment a document closes
 * (Mobius guide, "Setting up the Batch"); the accounting interface then lists documents that
 * have entries not yet in a batch (§3 "Documented posting workflow").
 *
 * Entries per document (the emulator's model, README "GL entries"):
 *   invoice:     one AR entry (the receivable), one RP entry per line, one ST entry per
 *                configured tax level; a credit memo swaps debit and credit;
 *   expense:     one EE entry (the expense account); the AP side travels on the expense bill;
 *   receipt:     one RP entry per received line (inventory or cost account);
 *   adjustment:  one IA entry per detail (inventory account).
 */
import type { Expense, GlEntry, GlSetup, InvoiceLine, Invoice, InventoryAdjustment, Product, ProductType, Receipt, TaxCode, TaxLevel } from './types';
import { lineCents, sum, taxCents } from './values';

export interface PricedLine {
	line: InvoiceLine;
	/** Unsigned: a credit memo's lines are positive here and negative on the invoice. */
	cents: number;
	accountNumber: string;
}

export interface LevelTax {
	/** 1–6. */
	level: number;
	config: TaxLevel;
	taxableCents: number;
	taxCents: number;
}

export interface InvoiceAmounts {
	/** -1 for a credit memo: its totals are negative (§3 Invoice). */
	sign: 1 | -1;
	lines: PricedLine[];
	subtotalCents: number;
	taxableCents: number;
	levels: LevelTax[];
	taxCents: number;
	totalCents: number;
}

export interface LedgerLookups {
	glSetup: GlSetup;
	product(id: number | undefined): Product | undefined;
	productType(id: number | undefined): ProductType | undefined;
	taxCode(id: number | undefined): TaxCode | undefined;
}

export function revenueAccount(line: InvoiceLine, lookups: LedgerLookups): string {
	if (line.accountNumber) return line.accountNumber;
	const setup = lookups.glSetup;
	switch (line.kind) {
		case 'product':
			return lookups.product(line.productId)?.revenueAccount ?? setup.productRevenue;
		case 'agreement':
			return setup.agreementRevenue;
		case 'downPayment':
			return setup.downPayment;
		default:
			return setup.serviceRevenue;
	}
}

/** Whether a tax level applies to this kind of line (TaxCode level…ServicesFlag/ProductsFlag/ExpensesFlag, §3). */
function levelApplies(level: TaxLevel, line: InvoiceLine): boolean {
	if (line.kind === 'product') return level.productsFlag;
	if (line.kind === 'expense') return level.expensesFlag;
	return level.servicesFlag;
}

export function invoiceAmounts(invoice: Invoice, lookups: LedgerLookups): InvoiceAmounts {
	const sign = invoice.type === 'CreditMemo' ? -1 : 1;
	const lines = invoice.lines.map((line) => ({ line, cents: Math.abs(lineCents(line.quantity, line.unitPrice)), accountNumber: revenueAccount(line, lookups) }));
	const taxCode = lookups.taxCode(invoice.taxCodeId);
	const levels: LevelTax[] = [];
	(taxCode?.levels ?? []).forEach((config, index) => {
		if (!config || config.rate <= 0) return;
		const taxableCents = sum(lines.filter((priced) => priced.line.taxable && levelApplies(config, priced.line)).map((priced) => priced.cents));
		levels.push({ level: index + 1, config, taxableCents, taxCents: taxCents(taxableCents, config.rate) });
	});
	const subtotalCents = sum(lines.map((priced) => priced.cents));
	const totalTax = sum(levels.map((level) => level.taxCents));
	return {
		sign,
		lines,
		subtotalCents,
		taxableCents: sum(lines.filter((priced) => priced.line.taxable).map((priced) => priced.cents)),
		levels,
		taxCents: totalTax,
		totalCents: subtotalCents + totalTax,
	};
}

/** Hands out GL entry ids; each kind of seeded document starts at its own round number. */
export class GlEntryIds {
	private next = 1;

	take(floor: number): number {
		this.next = Math.max(this.next, floor);
		return this.next++;
	}

	peek(): number {
		return this.next;
	}
}

export const GL_ID_FLOORS = { invoice: 10001, expense: 20001, receipt: 30001, adjustment: 40001, later: 100001 };

/** The entries closing an invoice writes. `floor` keeps seeded and later entries apart. */
export function invoiceEntries(invoice: Invoice, lookups: LedgerLookups, ids: GlEntryIds, floor: number): GlEntry[] {
	const amounts = invoiceAmounts(invoice, lookups);
	const setup = lookups.glSetup;
	const debitSide = (cents: number) => (amounts.sign > 0 ? { debit: cents, credit: 0 } : { debit: 0, credit: cents });
	const creditSide = (cents: number) => (amounts.sign > 0 ? { debit: 0, credit: cents } : { debit: cents, credit: 0 });
	const base = { source: 'invoice' as const, documentId: invoice.id, date: invoice.date };
	return [
		{ ...base, id: ids.take(floor), glTypeId: 'AR', accountNumber: setup.accountsReceivable, ...debitSide(amounts.totalCents) },
		...amounts.lines.map((priced): GlEntry => ({ ...base, id: ids.take(floor), lineId: priced.line.id, glTypeId: 'RP', accountNumber: priced.accountNumber, ...creditSide(priced.cents) })),
		...amounts.levels.map((level): GlEntry => ({ ...base, id: ids.take(floor), taxLevel: level.level, glTypeId: 'ST', accountNumber: setup.salesTax, ...creditSide(level.taxCents) })),
	];
}

export function expenseEntries(expense: Expense, setup: GlSetup, ids: GlEntryIds, floor: number): GlEntry[] {
	const cents = lineCents(1, expense.amount);
	return [{ id: ids.take(floor), source: 'expense', documentId: expense.id, glTypeId: 'EE', accountNumber: expense.accountNumber ?? setup.expense, debit: cents, credit: 0, date: expense.date }];
}

/** Inventory parts go to stock; everything else bought is a cost (Mobius guide "GL Entries"). */
export function purchaseAccount(type: ProductType | undefined, setup: GlSetup): string {
	return type?.typeXref === 'Inventory Part' ? setup.inventory : setup.costOfGoodsSold;
}

export function receiptEntries(receipt: Receipt, lookups: LedgerLookups, ids: GlEntryIds, floor: number): GlEntry[] {
	return receipt.lines.map((line) => {
		const product = lookups.product(line.productId);
		return {
			id: ids.take(floor),
			source: 'receipt',
			documentId: receipt.id,
			lineId: line.id,
			glTypeId: 'RP',
			accountNumber: purchaseAccount(lookups.productType(product?.typeId), lookups.glSetup),
			debit: lineCents(line.quantity, line.unitCost),
			credit: 0,
			date: receipt.date,
		};
	});
}

export function adjustmentEntries(adjustment: InventoryAdjustment, setup: GlSetup, ids: GlEntryIds, floor: number): GlEntry[] {
	return adjustment.details.map((detail) => {
		const cents = lineCents(detail.quantity, detail.unitCost);
		return {
			id: ids.take(floor),
			source: 'adjustment',
			documentId: adjustment.id,
			lineId: detail.id,
			glTypeId: 'IA',
			accountNumber: setup.inventory,
			debit: cents > 0 ? cents : 0,
			credit: cents < 0 ? -cents : 0,
			date: adjustment.date,
		};
	});
}

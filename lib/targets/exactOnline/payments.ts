/**
 * Payment status of posted sales entries, for the payment sync back to ConnectWise Manage
 * (reference §3 "Reading payments back"). `cashflow/Receivables` says whether an invoice is
 * fully paid and when it was last paid; `read/financial/ReceivablesList` holds only what is
 * still outstanding, so amount paid = invoice amount − outstanding, computed in decimals.
 * Both are asked in OR-filter chunks of invoice numbers (YourRef), not once per invoice.
 */
import { Decimal } from '../../model/decimal';
import { exactCode } from './reference';
import type { ExactClient } from './transport/client';
import { chunkedOrFilters, parseODataDate } from './transport/odata';

interface ReceivableRow {
	TransactionEntryID?: string;
	YourRef?: string;
	InvoiceNumber?: number;
	AmountFC?: number | string;
	Currency?: string;
	IsFullyPaid?: boolean;
	LastPaymentDate?: string;
	DueDate?: string;
}

interface OutstandingRow {
	YourRef?: string;
	Amount?: number | string;
}

export interface PaymentStatus {
	invoiceNumber: string;
	/** false: no sales entry with this YourRef has a receivable in Exact (not posted, or not a sales invoice). */
	found: boolean;
	entryId?: string;
	entryNumber?: number;
	currency?: string;
	amount?: string;
	amountPaid?: string;
	outstanding?: string;
	fullyPaid?: boolean;
	lastPaymentDate?: string;
	dueDate?: string;
}

export async function paymentStatuses(client: ExactClient, invoiceNumbers: string[]): Promise<PaymentStatus[]> {
	const wanted = [...new Set(invoiceNumbers.map(exactCode).filter((number) => number !== ''))];
	const receivables = new Map<string, ReceivableRow[]>();
	const outstanding = new Map<string, Decimal>();
	for (const filter of chunkedOrFilters('YourRef', wanted)) {
		const rows = await client.getAll<ReceivableRow>('cashflow/Receivables', {
			$filter: filter,
			$select: 'TransactionEntryID,YourRef,InvoiceNumber,AmountFC,Currency,IsFullyPaid,LastPaymentDate,DueDate',
		});
		for (const row of rows) {
			const key = exactCode(row.YourRef);
			receivables.set(key, [...(receivables.get(key) ?? []), row]);
		}
		for (const row of await client.getAll<OutstandingRow>('read/financial/ReceivablesList', { $filter: filter, $select: 'YourRef,Amount' })) {
			const key = exactCode(row.YourRef);
			outstanding.set(key, (outstanding.get(key) ?? Decimal.ZERO).plus(Decimal.of(String(row.Amount ?? 0))));
		}
	}
	return invoiceNumbers.map((invoiceNumber) => {
		const key = exactCode(invoiceNumber);
		const rows = receivables.get(key) ?? [];
		if (rows.length === 0) return { invoiceNumber, found: false };
		const amount = Decimal.sum(rows.map((row) => Decimal.of(String(row.AmountFC ?? 0))));
		const fullyPaid = rows.every((row) => row.IsFullyPaid === true);
		const open = fullyPaid ? Decimal.ZERO : (outstanding.get(key) ?? amount);
		const lastPayment = rows.map((row) => parseODataDate(row.LastPaymentDate)).filter((date): date is string => Boolean(date)).sort().pop();
		return {
			invoiceNumber,
			found: true,
			entryId: rows[0].TransactionEntryID,
			entryNumber: rows[0].InvoiceNumber,
			currency: rows[0].Currency,
			amount: amount.toFixed(2),
			amountPaid: amount.minus(open).toFixed(2),
			outstanding: open.toFixed(2),
			fullyPaid,
			lastPaymentDate: lastPayment,
			dueDate: parseODataDate(rows[0].DueDate),
		};
	});
}

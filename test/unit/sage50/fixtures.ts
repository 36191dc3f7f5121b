/**
 * Small, hand-checkable documents for the Sage 50 tests. Each call returns a fresh copy.
 */
import { Decimal } from '../../../lib/model/decimal';
import type { LedgerDocument } from '../../../lib/model/document';

/** Sales invoice SI-1001 to ACME01: design work 100.00 + 20.00 VAT to 4000, printing 50.00 + 10.00 to 4010. */
export function salesInvoice(changes: Partial<LedgerDocument> = {}): LedgerDocument {
	return {
		type: 'salesInvoice',
		header: { number: 'SI-1001', date: '2026-03-31', currency: 'GBP', reference: 'PO 7788' },
		party: { code: 'ACME01', name: 'Acme Ltd' },
		lines: [
			{ description: 'Design work', net: '100.00', taxCode: 'T1', taxAmount: '20.00', account: '4000' },
			{ description: 'Print run', net: '50.00', taxCode: 'T1', taxAmount: '10.00', account: '4010' },
		],
		totals: { net: '150.00', tax: '30.00', gross: '180.00' },
		...changes,
	};
}

/** Purchase invoice PI-2001 from PAPER01: 80.00 + 16.00 VAT of paper to 5000. */
export function purchaseInvoice(changes: Partial<LedgerDocument> = {}): LedgerDocument {
	return {
		type: 'purchaseInvoice',
		header: { number: 'PI-2001', date: '2026-03-28', reference: 'PS-778' },
		party: { code: 'PAPER01', name: 'Paper Supplies Ltd' },
		lines: [{ description: 'A4 paper, 20 reams', net: '80.00', taxCode: 'T1', taxAmount: '16.00', account: '5000' }],
		totals: { net: '80.00', tax: '16.00', gross: '96.00' },
		...changes,
	};
}

/** One line of `net` with `tax`, to nominal 4000 at T1, and totals that add up. */
export function oneLine(type: LedgerDocument['type'], number: string, net: string, tax: string, code = 'ACME01'): LedgerDocument {
	return {
		type,
		header: { number, date: '2026-03-31' },
		party: { code, name: 'Acme Ltd' },
		lines: [{ description: 'Work', net, taxCode: 'T1', taxAmount: tax, account: '4000' }],
		totals: { net, tax, gross: Decimal.of(net).plus(Decimal.of(tax)).toFixed(2) },
	};
}

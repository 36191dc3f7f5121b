/**
 * Small, hand-checkable documents shared by the unit tests. Each call returns a fresh copy,
 * so a test may change it freely.
 */
import type { LedgerDocument } from '../../lib/model/document';
import type { Failure } from '../../lib/report/failureCodes';

/** Sales invoice INV-1001 to Acme Ltd: 100.00 + 50.00 net, 20% VAT, 180.00 gross. */
export function salesInvoice(): LedgerDocument {
	return {
		type: 'salesInvoice',
		header: {
			number: 'INV-1001',
			date: '2026-03-31',
			currency: 'GBP',
			source: { system: 'streamtime', id: '1001' },
		},
		party: { code: 'ACME', name: 'Acme Ltd' },
		lines: [
			{ description: 'Design work', net: '100.00', taxCode: 'S', taxAmount: '20.00', account: '4000' },
			{ description: 'Print run', net: '50.00', taxCode: 'S', taxAmount: '10.00', account: '4010' },
		],
		totals: { net: '150.00', tax: '30.00', gross: '180.00' },
	};
}

/** Purchase invoice PI-2001 from Paper Supplies Ltd: one line of 80.00 net plus 16.00 VAT. */
export function purchaseInvoice(): LedgerDocument {
	return {
		type: 'purchaseInvoice',
		header: { number: 'PI-2001', date: '2026-03-28', currency: 'GBP', reference: 'PS-778' },
		party: { code: 'PAPER', name: 'Paper Supplies Ltd' },
		lines: [{ description: 'A4 paper, 20 reams', net: '80.00', taxCode: 'S', taxAmount: '16.00', account: '5000' }],
		totals: { net: '80.00', tax: '16.00', gross: '96.00' },
	};
}

/** Receipt RC-3001: Acme Ltd pays invoice INV-1001 in full. */
export function customerReceipt(): LedgerDocument {
	return {
		type: 'receipt',
		header: { number: 'RC-3001', date: '2026-04-15', currency: 'GBP', reference: 'INV-1001' },
		party: { code: 'ACME', name: 'Acme Ltd' },
		totals: { gross: '180.00' },
	};
}

/** The customer record for Acme Ltd. */
export function customerRecord(): LedgerDocument {
	return {
		type: 'customer',
		party: {
			code: 'ACME',
			name: 'Acme Ltd',
			addresses: [{ type: 'billing', lines: ['1 High Street'], city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' }],
			paymentTerms: '30 days',
		},
	};
}

/** A copy of a document that the checks may treat as any JSON input. */
export function asInput(document: LedgerDocument): Record<string, unknown> {
	return structuredClone(document) as unknown as Record<string, unknown>;
}

export function codesOf(failures: readonly Failure[]): string[] {
	return failures.map((failure) => failure.code);
}

export function failureWith(failures: readonly Failure[], code: Failure['code']): Failure {
	const found = failures.find((failure) => failure.code === code);
	if (!found) throw new Error(`Expected a ${code} failure, got ${JSON.stringify(failures)}`);
	return found;
}

/** Integer cents as the decimal string a source would send: -1205 → "-12.05". */
export function centsText(cents: bigint): string {
	const negative = cents < 0n;
	const magnitude = negative ? -cents : cents;
	const whole = magnitude / 100n;
	const fraction = (magnitude % 100n).toString().padStart(2, '0');
	return `${negative ? '-' : ''}${whole}.${fraction}`;
}

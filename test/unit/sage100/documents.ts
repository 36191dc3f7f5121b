/**
 * What the project platform sends (seed 002), as canonical documents: small and hand-checkable.
 * Each call returns a fresh copy.
 */
import type { LedgerDocument } from '../../../lib/model/document';

/** Invoice F2026-0042 to the Mairie de Villeurbanne for project P2025-031: 8,000.00 + 250.00 net, 20 % VAT, 9,900.00 gross. */
export function platformInvoice(number = 'F2026-0042', changes: Partial<LedgerDocument> = {}): LedgerDocument {
	return {
		type: 'salesInvoice',
		header: { number, date: '2026-03-31', dueDate: '2026-04-30', currency: 'EUR', project: 'P2025-031', source: { system: 'platform', id: '8812' } },
		party: { code: 'C0001', name: 'Mairie de Villeurbanne' },
		lines: [
			{ description: 'Phase APS – esquisse et avant-projet sommaire', net: '8000.00', taxCode: 'C20', taxAmount: '1600.00', account: '706100' },
			{ description: 'Frais de reprographie', net: '250.00', taxCode: 'C20', taxAmount: '50.00', account: '706000' },
		],
		totals: { net: '8250.00', tax: '1650.00', gross: '9900.00' },
		...changes,
	};
}

/** Credit note AV2026-0003 reversing 1,000.00 + 200.00 VAT of a fee. */
export function platformCreditNote(): LedgerDocument {
	return {
		type: 'salesCredit',
		header: { number: 'AV2026-0003', date: '2026-04-02', currency: 'EUR', project: 'P2025-031' },
		party: { code: 'C0001', name: 'Mairie de Villeurbanne' },
		lines: [{ description: "Avoir sur phase APS (erreur d'honoraires)", net: '1000.00', taxCode: 'C20', taxAmount: '200.00', account: '706100' }],
		totals: { net: '1000.00', tax: '200.00', gross: '1200.00' },
	};
}

export function platformCustomer(code: string | undefined, name: string, changes: Partial<NonNullable<LedgerDocument['party']>> = {}): LedgerDocument {
	return {
		type: 'customer',
		party: {
			...(code === undefined ? {} : { code }),
			name,
			addresses: [{ type: 'billing', lines: ['12 rue de la République'], postcode: '69100', city: 'Villeurbanne', country: 'FR' }],
			email: 'compta@example.fr',
			vatNumber: 'FR40123456789',
			...changes,
		},
	};
}

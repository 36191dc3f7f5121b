import fc from 'fast-check';

import { Decimal } from '../../../lib/model/decimal';
import type { LedgerDocument } from '../../../lib/model/document';
import { buildEntry, divideRounded, isBalanced, type EntryContext } from '../../../lib/targets/sage100/entries';
import { platformCreditNote, platformInvoice } from './documents';

const context: EntryContext = {
	journal: 'VTE',
	customer: { code: 'C0001', account: '411000', name: 'Mairie de Villeurbanne' },
	vatAccount: () => '445710',
};

const lines = (document: LedgerDocument, foreign?: EntryContext['foreign']) =>
	buildEntry(document, { ...context, foreign }).lines.map((line) => [line.role, line.account, line.customer, line.direction === 0 ? 'debit' : 'credit', line.amount.toFixed(2), line.project ?? null]);

describe('an invoice as the balanced entry Sage 100 keeps in its sales journal', () => {
	test('the customer is debited the gross (EC_Sens 0), each line credited to its sales account, the VAT credited per VAT code, sales lines allocated to the project', () => {
		const entry = buildEntry(platformInvoice(), context);
		expect(lines(platformInvoice())).toEqual([
			['customer', '411000', 'C0001', 'debit', '9900.00', null],
			['sales', '706100', null, 'credit', '8000.00', 'P2025-031'],
			['sales', '706000', null, 'credit', '250.00', 'P2025-031'],
			['vat', '445710', null, 'credit', '1650.00', null],
		]);
		expect(entry).toMatchObject({ journal: 'VTE', piece: 'F2026-0042', date: '2026-03-31', period: '2026-03-01', day: 31, currency: 0 });
		expect(entry.lines[0]).toMatchObject({ dueDate: '2026-04-30', counterpart: '706100', label: 'F2026-0042 Mairie de Villeurbanne' });
		expect(entry.lines[1]).toMatchObject({ counterpart: '411000', label: 'Phase APS – esquisse et avant-projet sommaire', vatCode: 'C20' });
		expect(isBalanced(entry)).toBe(true);
	});

	test('a credit note is the same entry the other way round: customer credited, sales and VAT debited', () => {
		expect(lines(platformCreditNote())).toEqual([
			['customer', '411000', 'C0001', 'credit', '1200.00', null],
			['sales', '706100', null, 'debit', '1000.00', 'P2025-031'],
			['vat', '445710', null, 'debit', '200.00', null],
		]);
	});

	test('a discount line (negative net) sits on the debit side with a positive amount, as Sage stores amounts', () => {
		const invoice = platformInvoice('F2026-0050', {
			lines: [
				{ description: 'Mission OPC', net: '1000.00', taxCode: 'C20', taxAmount: '200.00', account: '706100' },
				{ description: 'Remise commerciale', net: '-100.00', taxCode: 'C20', taxAmount: '-20.00', account: '706100' },
			],
			totals: { net: '900.00', tax: '180.00', gross: '1080.00' },
		});
		expect(lines(invoice).map((line) => line.slice(0, 5))).toEqual([
			['customer', '411000', 'C0001', 'debit', '1080.00'],
			['sales', '706100', null, 'credit', '1000.00'],
			['sales', '706100', null, 'debit', '100.00'],
			['vat', '445710', null, 'credit', '180.00'],
		]);
	});

	test('line labels are cut to EC_Intitule\'s 69 characters and the reference to EC_Reference\'s 17, and each cut is reported', () => {
		const invoice = platformInvoice();
		invoice.lines![0].description = 'Phase PRO – projet, dossier de consultation des entreprises et assistance pour la passation des contrats de travaux';
		invoice.header!.reference = 'Bon de commande n° 2026/118-B';
		const entry = buildEntry(invoice, context);
		expect(Array.from(entry.lines[1].label)).toHaveLength(69);
		expect(entry.reference).toBe('Bon de commande n');
		expect(entry.adjusted).toEqual(['EC_Intitule of line 1 shortened from 115 to 69 characters', 'EC_Reference of the reference shortened from 29 to 17 characters']);
	});

	test('a zero line (an option not taken) is left out rather than written as a zero entry line', () => {
		const invoice = platformInvoice();
		invoice.lines!.push({ description: 'Option: maquette', net: '0.00', taxCode: 'C20', taxAmount: '0.00', account: '706000' });
		expect(buildEntry(invoice, context).lines).toHaveLength(4);
	});
});

describe('an invoice in US dollars for a company that keeps its books in euros', () => {
	test('each line is converted once at the rate (USD per 1 EUR) and the customer line is their sum, so the entry balances; the dollar amounts stay in EC_Devise', () => {
		const invoice = platformInvoice('F2026-0060', {
			header: { number: 'F2026-0060', date: '2026-03-31', currency: 'USD', exchangeRate: '1.0850' },
			lines: [
				{ description: 'Concours international', net: '1000.00', taxCode: 'C00', taxAmount: '0.00', account: '706200' },
				{ description: 'Frais de déplacement', net: '333.33', taxCode: 'C00', taxAmount: '0.00', account: '706200' },
			],
			totals: { net: '1333.33', tax: '0.00', gross: '1333.33' },
		});
		const entry = buildEntry(invoice, { ...context, foreign: { index: 1, rate: Decimal.of('1.0850') } });
		expect(entry.currency).toBe(1);
		expect(entry.lines.map((line) => [line.role, line.amount.toFixed(2), line.foreignAmount?.toFixed(2)])).toEqual([
			['customer', '1228.88', '1333.33'],
			['sales', '921.66', '1000.00'],
			['sales', '307.22', '333.33'],
		]);
		expect(isBalanced(entry)).toBe(true);
	});

	test('division is exact and rounds half away from zero: 100 ÷ 3 = 33.33, 2 ÷ 3 = 0.67, −2 ÷ 3 = −0.67, 1.005 ÷ 1 = 1.01', () => {
		expect(divideRounded(Decimal.of('100'), Decimal.of('3'), 2).toFixed(2)).toBe('33.33');
		expect(divideRounded(Decimal.of('2'), Decimal.of('3'), 2).toFixed(2)).toBe('0.67');
		expect(divideRounded(Decimal.of('-2'), Decimal.of('3'), 2).toFixed(2)).toBe('-0.67');
		expect(divideRounded(Decimal.of('1.005'), Decimal.of('1'), 2).toFixed(2)).toBe('1.01');
		expect(divideRounded(Decimal.of('1085.00'), Decimal.of('1.085'), 2).toFixed(2)).toBe('1000.00');
	});

	test('whatever the amounts and the rate, the entry balances to the cent', () => {
		const cents = fc.integer({ min: -500_000, max: 5_000_000 }).map((units) => Decimal.of(`${units}e-2`));
		fc.assert(
			fc.property(fc.array(fc.tuple(cents, cents), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 5_000_000 }), (amounts, rateUnits) => {
				const net = Decimal.sum(amounts.map(([value]) => value));
				const tax = Decimal.sum(amounts.map(([, value]) => value));
				const invoice = platformInvoice('F-PROP', {
					header: { number: 'F-PROP', date: '2026-03-31', currency: 'USD' },
					lines: amounts.map(([lineNet, lineTax], index) => ({ net: lineNet.toFixed(2), taxAmount: lineTax.toFixed(2), taxCode: index % 2 ? 'C20' : 'C10', account: '706200' })),
					totals: { net: net.toFixed(2), tax: tax.toFixed(2), gross: net.plus(tax).toFixed(2) },
				});
				const entry = buildEntry(invoice, { ...context, foreign: { index: 1, rate: Decimal.of(`${rateUnits}e-4`) } });
				return isBalanced(entry) && entry.lines.every((line) => !line.amount.isNegative());
			}),
			{ numRuns: 300 },
		);
	});
});

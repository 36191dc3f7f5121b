import { processBatch } from '../../../lib/mapping/pipeline';
import { MappingTables } from '../../../lib/mapping/tables';
import { findProfile } from '../../../lib/profiles';
import { sage100Profile } from '../../../lib/targets/sage100/profile';
import { SAGE100_FIELDS } from '../../../lib/targets/sage100/fields';
import { platformCreditNote, platformCustomer, platformInvoice } from './documents';

function map(documents: unknown[]) {
	return processBatch(documents, { tables: new MappingTables(), profile: sage100Profile, mode: 'perDocument' });
}

describe('the Sage 100 (France) profile in Ledger Mapping', () => {
	test('is offered by Ledger Mapping as "Sage 100 Comptabilité (France)"', () => {
		expect(findProfile('sage100fr')).toBe(sage100Profile);
		expect(sage100Profile.name).toBe('Sage 100 Comptabilité (France)');
	});

	test("reads its widths from Sage 100's field table, the one the writers use: piece number 13, customer code 17, name 35, label 69, reference 17", () => {
		const width = (path: string) => sage100Profile.fields.find((rule) => rule.path === path)?.maxLength;
		expect([width('header.number'), width('party.code'), width('party.name'), width('lines[].description'), width('header.reference')]).toEqual([
			SAGE100_FIELDS.piece.width,
			SAGE100_FIELDS.customerCode.width,
			SAGE100_FIELDS.customerName.width,
			SAGE100_FIELDS.entryLabel.width,
			SAGE100_FIELDS.reference.width,
		]);
		expect([width('header.number'), width('party.code'), width('party.name'), width('lines[].description'), width('header.reference')]).toEqual([13, 17, 35, 69, 17]);
	});

	test('the platform\'s invoice, credit note and customer pass unchanged', () => {
		const outcomes = map([platformInvoice(), platformCreditNote(), platformCustomer('C0003', 'Atelier Lumière SARL')]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['valid', 'valid', 'valid']);
		if (outcomes[0].status === 'valid') expect(outcomes[0].cleaned).toEqual([]);
	});

	test('an invoice number over 13 characters is rejected with FIELD_TOO_LONG: a shortened piece number would be another invoice', () => {
		const [outcome] = map([platformInvoice('F-2026-000042B')]);
		expect(outcome.status).toBe('rejected');
		if (outcome.status !== 'rejected') return;
		expect(outcome.failures.map((failure) => [failure.code, failure.field])).toEqual([['FIELD_TOO_LONG', 'header.number']]);
	});

	test('a customer with a blank code is rejected with CUSTOMER_CODE_MISSING, one with no code at all with FIELD_REQUIRED on party.code', () => {
		const [blank, missing] = map([platformCustomer('  ', 'Cabinet Dupont'), platformCustomer(undefined, 'Cabinet Martin')]);
		expect(blank.status === 'rejected' && blank.failures.map((failure) => failure.code)).toEqual(['CUSTOMER_CODE_MISSING']);
		expect(missing.status === 'rejected' && missing.failures.map((failure) => [failure.code, failure.field])).toEqual([['FIELD_REQUIRED', 'party.code']]);
	});

	test('a 48-character name is shortened to CT_Intitule\'s 35 and an emoji removed, each change reported; Latin accents stay', () => {
		const [outcome] = map([platformCustomer('C0013', "Société d'Économie Mixte de la Métropole de Lyon 🏛")]);
		expect(outcome.status).toBe('valid');
		if (outcome.status !== 'valid') return;
		expect(outcome.document.party?.name).toBe("Société d'Économie Mixte de la Métr");
		expect(outcome.cleaned.map((change) => `${change.field} ${change.action}`)).toEqual(['party.name charactersRemoved', 'party.name truncated']);
	});

	test('a line label over 69 characters is shortened to fit EC_Intitule; a sales account over 13 is rejected', () => {
		const invoice = platformInvoice();
		invoice.lines![0].description = 'Phase PRO – projet, dossier de consultation des entreprises et assistance pour la passation des contrats de travaux';
		invoice.lines![1].account = '7060000000000001';
		const [outcome] = map([invoice]);
		expect(outcome.status === 'rejected' && outcome.failures.map((failure) => [failure.code, failure.field])).toEqual([['FIELD_TOO_LONG', 'lines[1].account']]);
		invoice.lines![1].account = '706000';
		const [fixed] = map([invoice]);
		expect(fixed.status === 'valid' && Array.from(fixed.document.lines![0].description!)).toHaveLength(69);
	});

	test('a purchase invoice is not something Sage 100\'s sales journal takes: DOCUMENT_TYPE_NOT_SUPPORTED', () => {
		const [outcome] = map([{ ...platformInvoice(), type: 'purchaseInvoice' }]);
		expect(outcome.status === 'rejected' && outcome.failures.map((failure) => failure.code)).toEqual(['DOCUMENT_TYPE_NOT_SUPPORTED']);
	});
});

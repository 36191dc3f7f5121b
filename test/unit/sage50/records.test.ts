import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { LedgerDocument } from '../../../lib/model/document';
import { Sage50FileError } from '../../../lib/targets/sage50/errors';
import { checkRecordDocuments, recordsCsv, writeRecordsFile } from '../../../lib/targets/sage50/records';
import { salesInvoice } from './fixtures';
import { readSageCsv, temporaryFolder } from './readers';

const HEADINGS = [
	'A/C',
	'Name',
	'Address Line 1',
	'Address Line 2',
	'Address Line 3',
	'Address Line 4',
	'Address Line 5',
	'Contact Name',
	'Telephone',
	'Fax',
	'Analysis 1',
	'Analysis 2',
	'Analysis 3',
	'Department',
	'VAT Number',
	'M.T.D.',
	'Y.T.D.',
	'Prior Y.T.D.',
	'Credit Limit',
	'Trading Terms Text',
	'Settlement Due Days',
	'Sett. Discount (%)',
	'Default Nominal Code',
	'Tax Code',
	'Trade Contact',
	'Telephone 2',
	'E-mail',
];

function customer(changes: Partial<NonNullable<LedgerDocument['party']>> = {}): LedgerDocument {
	return {
		type: 'customer',
		party: {
			code: 'CAFE01',
			name: 'Café Noir, Ltd',
			addresses: [
				{ type: 'delivery', lines: ['Dock 4'], city: 'Hull', postcode: 'HU1 1AA' },
				{ type: 'billing', lines: ['Unit 4', 'Riverside Park', 'Mill Lane'], city: 'Leeds', region: 'West Yorkshire', postcode: 'LS1 4AP' },
			],
			contact: 'Zoë Price',
			phone: '0113 496 0000',
			email: 'accounts@cafenoir.example',
			vatNumber: 'GB123456789',
			paymentTerms: '30 days net',
			...changes,
		},
	};
}

describe('the Sage 50 UK customer and supplier record CSVs', () => {
	test("have the customer record columns in Sage's order (A/C, Name, Address Line 1–5 … E-mail) and one row per account", () => {
		const { headings, byHeading } = readSageCsv(recordsCsv('customer', [customer()], { defaultNominalCode: '4000', defaultTaxCode: 'T1' }));
		expect(headings).toEqual(HEADINGS);
		expect(byHeading).toEqual([
			{
				...Object.fromEntries(HEADINGS.map((heading) => [heading, ''])),
				'A/C': 'CAFE01',
				Name: 'Café Noir, Ltd',
				'Address Line 1': 'Unit 4',
				'Address Line 2': 'Riverside Park, Mill Lane',
				'Address Line 3': 'Leeds',
				'Address Line 4': 'West Yorkshire',
				'Address Line 5': 'LS1 4AP',
				'Contact Name': 'Zoë Price',
				Telephone: '0113 496 0000',
				'VAT Number': 'GB123456789',
				'Trading Terms Text': '30 days net',
				'Default Nominal Code': '4000',
				'Tax Code': 'T1',
				'E-mail': 'accounts@cafenoir.example',
			},
		]);
	});

	test('the billing address is used, not the delivery one; turnover and credit limit stay blank for Sage to keep', () => {
		const [row] = readSageCsv(recordsCsv('customer', [customer()])).byHeading;
		expect(row['Address Line 3']).toBe('Leeds');
		expect([row['M.T.D.'], row['Y.T.D.'], row['Prior Y.T.D.'], row['Credit Limit']]).toEqual(['', '', '', '']);
	});

	test('suppliers go to their own file with the same layout; a document of the other kind is refused', () => {
		const supplier: LedgerDocument = { type: 'supplier', party: { code: 'PAPER01', name: 'Paper Supplies Ltd' } };
		const { headings, byHeading } = readSageCsv(recordsCsv('supplier', [supplier], { defaultNominalCode: '5000' }));
		expect(headings).toEqual(HEADINGS);
		expect([byHeading[0]['A/C'], byHeading[0].Name, byHeading[0]['Default Nominal Code']]).toEqual(['PAPER01', 'Paper Supplies Ltd', '5000']);

		const error = (() => {
			try {
				recordsCsv('supplier', [customer()]);
			} catch (caught) {
				return caught as Sage50FileError;
			}
			throw new Error('no error');
		})();
		expect(error.code).toBe('SAGE_DOCUMENT_NOT_SUPPORTED');
		expect(error.message).toBe('Customer CAFE01: the Sage 50 supplier record import takes supplier records, not customers.');
		expect(checkRecordDocuments('customer', [salesInvoice()])[0].failures.map((failure) => failure.code)).toEqual(['DOCUMENT_TYPE_NOT_SUPPORTED']);
	});

	test('the writer never shortens: a name over 60 or street lines that join to over 60 are errors naming the account', () => {
		const checks = checkRecordDocuments('customer', [
			customer({ name: 'N'.repeat(61) }),
			customer({ code: 'CAFE02', addresses: [{ lines: ['Unit 4', 'R'.repeat(40), 'M'.repeat(20)] }] }),
		]);
		expect(checks.map((check) => check.failures.map((failure) => [failure.code, failure.field]))).toEqual([
			[['FIELD_TOO_LONG', 'Name']],
			[['FIELD_TOO_LONG', 'Address Line 2']],
		]);
		expect(checks[1].failures[0].message).toMatch(/^Customer CAFE02: Sage 50 customer record import column "Address Line 2" "R{40}, M{20}" is 62 characters, but the column holds 60/);
	});

	test('the same A/C twice would overwrite the first record: the second is rejected as DUPLICATE_IN_BATCH', () => {
		const twice = checkRecordDocuments('customer', [customer(), customer({ name: 'Café Noir (new)' })]);
		expect(twice[0].failures).toEqual([]);
		expect(twice[1].failures.map((failure) => failure.code)).toEqual(['DUPLICATE_IN_BATCH']);
		expect(twice[1].failures[0].message).toBe(
			'Customer CAFE01 (item 2) and customer CAFE01 (item 1) have the same A/C CAFE01, so Sage would import them as one; send each account once.',
		);
	});

	test('CUSTOMERS_<stamp>.csv is written atomically in Windows-1252', async () => {
		const { folder, remove } = temporaryFolder();
		try {
			const written = await writeRecordsFile(folder, 'customer', [customer()], { stamp: '20260331T101500_ab12' });
			expect(written.path).toBe(path.join(folder, 'CUSTOMERS_20260331T101500_ab12.csv'));
			expect(written.rowCount).toBe(1);
			const bytes = readFileSync(written.path);
			expect(bytes.includes(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe(true);
			expect(readSageCsv(bytes).byHeading[0]['Contact Name']).toBe('Zoë Price');
		} finally {
			remove();
		}
	});
});

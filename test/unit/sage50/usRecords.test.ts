import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { LedgerDocument } from '../../../lib/model/document';
import { sage50Field, sage50Headings } from '../../../lib/targets/sage50/fields';
import { checkUsRecordDocuments, usRecordsCsv, writeUsRecordsFile } from '../../../lib/targets/sage50/usRecords';
import { readSageCsv, temporaryFolder } from './readers';

const CUSTOMER_HEADINGS = [
	'Customer ID',
	'Customer Name',
	'Prospect',
	'Bill to Address-Line One',
	'Bill to Address-Line Two',
	'Bill to City',
	'Bill to State',
	'Bill to Zip',
	'Bill to Country',
	'Bill to Sales Tax ID',
	'Telephone 1',
	'Customer Email',
	'G/L Sales Account',
];

const VENDOR_HEADINGS = [
	'Vendor ID',
	'Vendor Name',
	'Contact',
	'Address-Line 1',
	'Address-Line 2',
	'City',
	'State',
	'Zip Code',
	'Country',
	'Telephone 1',
	'Vendor Email',
	'G/L Purchase Account',
	'Tax ID Number',
];

/** Customer ACME-CORP, billed at a Tampa suite with a delivery dock elsewhere. */
function customer(changes: Partial<NonNullable<LedgerDocument['party']>> = {}): LedgerDocument {
	return {
		type: 'customer',
		party: {
			code: 'ACME-CORP',
			name: 'Acme Corp, Inc.',
			addresses: [
				{ type: 'delivery', lines: ['Dock 9'], city: 'Orlando', region: 'FL', postcode: '32801' },
				{ type: 'billing', lines: ['4110 George Road', 'Suite 200', 'Building B'], city: 'Tampa', region: 'FL', postcode: '33634', country: 'US' },
			],
			contact: 'Dana Whitfield',
			phone: '813-555-0140',
			email: 'ap@acme.example',
			...changes,
		},
	};
}

function vendor(changes: Partial<NonNullable<LedgerDocument['party']>> = {}): LedgerDocument {
	return {
		type: 'supplier',
		party: {
			code: 'OFFICE-DEPOT',
			name: 'Office Depot',
			addresses: [{ lines: ['6600 N Military Trl'], city: 'Boca Raton', region: 'FL', postcode: '33496', country: 'US' }],
			contact: 'Accounts Receivable',
			phone: '561-438-4800',
			email: 'billing@officedepot.example',
			vatNumber: '59-2663954',
			...changes,
		},
	};
}

describe('the Sage 50 US Customer List and Vendor List CSVs', () => {
	test('a customer is one row under the Customer List headings, billed address in two street lines, Prospect FALSE', () => {
		const { headings, byHeading } = readSageCsv(usRecordsCsv('customer', [customer()], { defaultNominalCode: '40000', defaultTaxCode: 'FL' }));
		expect(headings).toEqual(CUSTOMER_HEADINGS);
		expect(byHeading).toEqual([
			{
				'Customer ID': 'ACME-CORP',
				'Customer Name': 'Acme Corp, Inc.',
				Prospect: 'FALSE',
				'Bill to Address-Line One': '4110 George Road',
				'Bill to Address-Line Two': 'Suite 200, Building B',
				'Bill to City': 'Tampa',
				'Bill to State': 'FL',
				'Bill to Zip': '33634',
				'Bill to Country': 'US',
				'Bill to Sales Tax ID': 'FL',
				'Telephone 1': '813-555-0140',
				'Customer Email': 'ap@acme.example',
				'G/L Sales Account': '40000',
			},
		]);
	});

	test('a vendor is one row under the Vendor List headings, with its contact and tax ID; an account with only an ID and a name is enough', () => {
		const { headings, byHeading } = readSageCsv(usRecordsCsv('supplier', [vendor(), { type: 'supplier', party: { code: 'FEDEX', name: 'FedEx' } }], { defaultNominalCode: '64000' }));
		expect(headings).toEqual(VENDOR_HEADINGS);
		expect(byHeading[0]).toEqual({
			'Vendor ID': 'OFFICE-DEPOT',
			'Vendor Name': 'Office Depot',
			Contact: 'Accounts Receivable',
			'Address-Line 1': '6600 N Military Trl',
			'Address-Line 2': '',
			City: 'Boca Raton',
			State: 'FL',
			'Zip Code': '33496',
			Country: 'US',
			'Telephone 1': '561-438-4800',
			'Vendor Email': 'billing@officedepot.example',
			'G/L Purchase Account': '64000',
			'Tax ID Number': '59-2663954',
		});
		expect(byHeading[1]).toEqual({ ...Object.fromEntries(VENDOR_HEADINGS.map((heading) => [heading, ''])), 'Vendor ID': 'FEDEX', 'Vendor Name': 'FedEx', 'G/L Purchase Account': '64000' });
	});

	test('one field table: the headings are the table\'s, and its widths are those of the Sage help (ID 20, name 39, street 30, state 2)', () => {
		expect(sage50Headings('usCustomer')).toEqual(CUSTOMER_HEADINGS);
		expect(sage50Headings('usVendor')).toEqual(VENDOR_HEADINGS);
		const width = (layout: 'usCustomer' | 'usVendor', name: string) => sage50Field(layout, name)?.width;
		expect([width('usCustomer', 'Customer ID'), width('usCustomer', 'Customer Name'), width('usCustomer', 'Bill to Address-Line One'), width('usCustomer', 'Bill to State')]).toEqual([20, 39, 30, 2]);
		expect([width('usVendor', 'Vendor ID'), width('usVendor', 'Vendor Name'), width('usVendor', 'Contact'), width('usVendor', 'Vendor Email')]).toEqual([20, 39, 20, 64]);
		// The ID is the one column every row needs; the Sales and Purchases Journals name accounts by it.
		expect(sage50Field('usCustomer', 'Customer ID')?.width).toBe(sage50Field('usSalesJournal', 'Customer ID')?.width);
		expect(sage50Field('usVendor', 'Vendor ID')?.width).toBe(sage50Field('usPurchasesJournal', 'Vendor ID')?.width);
	});

	test('headings the Sage help was not seen printing are not passed off as Sage\'s: the table marks them by analogy or assumed', () => {
		const sources = (layout: 'usCustomer' | 'usVendor') => Object.fromEntries(sage50Headings(layout).map((name) => [name, sage50Field(layout, name)?.source]));
		expect(sources('usCustomer')).toMatchObject({ 'Customer ID': 'sageHelp', 'Bill to State': 'sageHelp', 'Telephone 1': 'analogy', 'Customer Email': 'analogy', 'G/L Sales Account': 'analogy' });
		expect(sources('usVendor')).toMatchObject({ 'Vendor ID': 'sageHelp', 'Vendor Email': 'sageHelp', 'Tax ID Number': 'assumed' });
	});

	test('nothing is cut: a 40-character name, a state written out and street lines joined past 30 are errors naming the account', () => {
		const checks = checkUsRecordDocuments('customer', [
			customer({ name: 'Acme Corporation of Greater Tampa Bay FL' }),
			customer({ code: 'ACME-2', addresses: [{ lines: ['1 Main St', 'Suite 200', 'Attn: Accounts Payable'], region: 'Florida' }] }),
		]);
		expect(checks.map((check) => check.failures.map((failure) => [failure.code, failure.field]))).toEqual([
			[['FIELD_TOO_LONG', 'Customer Name']],
			[
				['FIELD_TOO_LONG', 'Bill to Address-Line Two'],
				['FIELD_TOO_LONG', 'Bill to State'],
			],
		]);
		expect(checks[0].failures[0].message).toBe(
			'Customer ACME-CORP: Sage 50 US Customer List import column "Customer Name" "Acme Corporation of Greater Tampa Bay FL" is 40 characters, but the column holds 39; a code must be shortened in the source, other text by the mapping profile (the file writer never cuts text).',
		);
	});

	test('an ID without a code is CUSTOMER_CODE_MISSING; the same ID twice (in any case) is DUPLICATE_IN_BATCH; a vendor is not a customer', () => {
		const checks = checkUsRecordDocuments('customer', [customer({ code: undefined }), customer(), customer({ code: 'acme-corp' }), vendor()]);
		expect(checks.map((check) => check.failures.map((failure) => failure.code))).toEqual([['CUSTOMER_CODE_MISSING'], [], ['DUPLICATE_IN_BATCH'], ['DOCUMENT_TYPE_NOT_SUPPORTED']]);
		expect(checks[3].failures[0].message).toBe('Supplier OFFICE-DEPOT: the Sage 50 US Customer List import takes customer records, not suppliers.');
	});

	test('CUSTOMER_<stamp>.csv and VENDOR_<stamp>.csv are written atomically in Windows-1252, Sage\'s own default names stamped', async () => {
		const { folder, remove } = temporaryFolder();
		try {
			const customers = await writeUsRecordsFile(folder, 'customer', [customer({ name: 'Café Olé, LLC' })], { stamp: '20260331T101500_ab12' });
			const vendors = await writeUsRecordsFile(folder, 'supplier', [vendor()], { stamp: '20260331T101500_ab12' });
			expect([customers.path, vendors.path]).toEqual([path.join(folder, 'CUSTOMER_20260331T101500_ab12.csv'), path.join(folder, 'VENDOR_20260331T101500_ab12.csv')]);
			const bytes = readFileSync(customers.path);
			expect(bytes.includes(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe(true);
			expect(readSageCsv(bytes).byHeading[0]['Customer Name']).toBe('Café Olé, LLC');
			expect(readSageCsv(readFileSync(vendors.path)).rows).toHaveLength(1);
		} finally {
			remove();
		}
	});
});

/**
 * A ConnectWise Manage GLExport (reference §6) read into canonical ledger documents the way
 * Mobius Connect takes it into Sage 50 US (seed 003). The fixtures are small hand-written
 * exports in the spec's shape: glEntryIds as a comma-separated string, credit-signed detail
 * totals, sales tax (ST) lines, and the three invoice summary options.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';

import { Decimal } from '../../../lib/model/decimal';
import type { LedgerDocument } from '../../../lib/model/document';
import { validateDocument } from '../../../lib/model/validate';
import {
	documentsFromGlExport,
	glEntryIdsOf,
	parseGlEntryIds,
	SAGE_ITEM_CLASS_FOR_PRODUCT_TYPE,
	sageItemClassFor,
	type ConnectWiseDocumentsResult,
	type GlExport,
	type GlExportOptions,
} from '../../../lib/sources/connectwise/glExport';
import { apportion } from '../../../lib/sources/connectwise/glExportValues';
import { usJournalFor, usJournalRecords } from '../../../lib/targets/sage50/usJournal';

const fixture = (name: string): GlExport => JSON.parse(readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as GlExport;
const FIXTURES = ['invoices', 'invoice-1050-default', 'invoice-1050-condensed', 'invoice-1050-detailed', 'expenses', 'procurement'];

/** Reads an export and checks what every run must hold: each document valid, each GL entry id accounted for once. */
function read(exportData: GlExport, options?: GlExportOptions): ConnectWiseDocumentsResult {
	const result = documentsFromGlExport(exportData, options);
	for (const document of result.documents) expect({ document: document.header?.number ?? document.party?.code, failures: validateDocument(document).failures }).toEqual({ document: document.header?.number ?? document.party?.code, failures: [] });
	const accounted = [...result.documents.flatMap(glEntryIdsOf), ...[...result.rejected, ...result.held].flatMap((record) => record.glEntryIds)];
	expect([...accounted].sort((a, b) => a - b)).toEqual([...result.glEntryIds].sort((a, b) => a - b));
	return result;
}

const byNumber = (result: ConnectWiseDocumentsResult, number: string): LedgerDocument => {
	const found = result.documents.find((document) => document.header?.number === number);
	if (!found) throw new Error(`no document ${number}; rejected: ${result.rejected.map((rejected) => rejected.message).join(' | ')}`);
	return found;
};
const rejectedAs = (result: ConnectWiseDocumentsResult, source: string) => {
	const found = result.rejected.find((rejected) => rejected.source === source);
	if (!found) throw new Error(`${source} was not rejected; rejected: ${result.rejected.map((rejected) => rejected.source).join(', ')}`);
	return found;
};
const clone = <T>(value: T): T => structuredClone(value);

describe('parseGlEntryIds: the comma-separated glEntryIds of an AR transaction', () => {
	test('"1010,1011,1012" becomes [1010, 1011, 1012], the int array a batch is made of', () => {
		expect(parseGlEntryIds('1010,1011,1012')).toEqual([1010, 1011, 1012]);
	});

	test('spaces and an empty piece are tolerated; nothing is an empty list', () => {
		expect(parseGlEntryIds(' 1010 , 1011,1012, ')).toEqual([1010, 1011, 1012]);
		expect(parseGlEntryIds('')).toEqual([]);
		expect(parseGlEntryIds(undefined)).toEqual([]);
		expect(parseGlEntryIds([1132, 1133])).toEqual([1132, 1133]);
	});

	test('junk is refused with the piece named, never read as another entry', () => {
		expect(() => parseGlEntryIds('1010,abc')).toThrow('"abc" is not a number');
		expect(() => parseGlEntryIds('1010;1011')).toThrow('"1010;1011"');
		expect(() => parseGlEntryIds('1010,-5,1.5,0')).toThrow('"-5", "1.5", "0" are not numbers');
		expect(() => parseGlEntryIds([1010, 2.5])).toThrow('"2.5"');
	});
});

describe('invoices and credit memos (transactions[], glTypeId AR)', () => {
	const result = read(fixture('invoices'));

	test('a standard invoice becomes a sales invoice for the company account number, amounts turned positive', () => {
		const invoice = byNumber(result, '1042');
		expect(invoice).toMatchObject({
			type: 'salesInvoice',
			header: { number: '1042', date: '2026-03-31', dueDate: '2026-04-30', reference: 'PO-7781', currency: 'USD', paymentTerms: 'NET30' },
			party: { code: 'ACME01', name: 'Acme Dental Group' },
			totals: { net: '2749.88', tax: '108.49', gross: '2858.37' },
		});
		expect(invoice.lines).toEqual([
			expect.objectContaining({ description: 'Managed services - March 2026', quantity: '1', unitPrice: '1200', net: '1200.00', taxCode: 'SALES7', account: '4000', item: { code: 'MANAGED-SVC', type: 'Service', description: 'Managed services (per month)' } }),
			expect.objectContaining({ description: 'Dell OptiPlex 7010 desktop', quantity: '2', unitPrice: '749.99', net: '1499.98', account: '4100', item: { code: 'OPTI7010', type: 'Inventory Part', description: 'Dell OptiPlex 7010 SFF' } }),
			expect.objectContaining({ description: '10ft Patch Cat5E Cable', quantity: '10', unitPrice: '4.99', net: '49.90', account: '4100' }),
		]);
	});

	test('the invoice carries every GL entry id it stands for: the header list and each detail line', () => {
		const invoice = byNumber(result, '1042');
		expect(invoice.header?.source).toEqual({
			system: 'connectwise',
			id: '1042',
			ids: { glEntryIds: '1010,1011,1012,1013,1001,1002,1003,1004', transactionType: 'invoice', invoiceType: 'standard', transactionId: 125 },
		});
		expect(glEntryIdsOf(invoice)).toEqual([1010, 1011, 1012, 1013, 1001, 1002, 1003, 1004]);
	});

	test('the sales tax line is shared over the taxable lines to the cent (7% of 1499.98 and 49.90), adding up to the ST total', () => {
		const invoice = byNumber(result, '1042');
		expect(invoice.lines?.map((line) => line.taxAmount)).toEqual(['0.00', '105.00', '3.49']);
		expect(invoice.extra?.salesTax).toEqual([{ amount: '108.49', account: '2310', taxCodeXref: 'SALES7', taxAgencyXref: 'FLDOR', description: 'Level 1 Sales Tax', glEntryId: 1004 }]);
	});

	test('Sage 50 US gets the sales tax as one distribution of 108.49 under the invoice\'s one Sales Tax ID', () => {
		const rows = usJournalRecords('sales', byNumber(result, '1042'), { amountSigns: 'asDocument', salesTaxAccount: '2310', salesTaxAgencyId: 'FLDOR' });
		const taxRow = rows.find((row) => row['Invoice/CM Distribution'] === 0);
		expect((taxRow?.Amount as Decimal).toFixed(2)).toBe('108.49');
		expect(rows.map((row) => row['Sales Tax ID'])).toEqual(['SALES7', 'SALES7', 'SALES7', 'SALES7']);
		expect(rows[0]).toMatchObject({ 'Customer ID': 'ACME01', 'Invoice/CM #': '1042', 'Customer PO': 'PO-7781', 'Credit Memo': false });
	});

	test('the invoice types are told apart by billingType: agreement, down payment, miscellaneous', () => {
		expect(byNumber(result, '1043').header?.source?.ids).toMatchObject({ transactionType: 'invoice', invoiceType: 'agreement' });
		expect(byNumber(result, '1044').header?.source?.ids).toMatchObject({ transactionType: 'invoice', invoiceType: 'downPayment' });
		expect(byNumber(result, '1046').header?.source?.ids).toMatchObject({ transactionType: 'invoice', invoiceType: 'miscellaneous' });
		expect(byNumber(result, '1044')).toMatchObject({ type: 'salesInvoice', header: { project: 'Network Refresh 2026', reference: 'PO-7790' }, lines: [{ net: '2500.00', account: '2450', project: 'Network Refresh 2026' }] });
	});

	test('an agreement invoice billed in advance with no billingType is still an agreement invoice (agreementPrePaymentFlag)', () => {
		const data = clone(fixture('invoices'));
		data.transactions![1].billingType = '';
		expect(byNumber(read(data), '1043').header?.source?.ids?.invoiceType).toBe('agreement');
	});

	test('the glEntryIds "1020, 1021" with a space are read', () => {
		expect(glEntryIdsOf(byNumber(result, '1043'))).toEqual([1020, 1021, 1022, 1023]);
	});

	test('a credit memo becomes a sales credit with positive amounts; its negative header total is taken as the same amount', () => {
		const credit = byNumber(result, '1045');
		expect(credit).toMatchObject({
			type: 'salesCredit',
			party: { code: 'ACME01' },
			lines: [{ description: 'Return: 10ft Patch Cat5E Cable', quantity: '2', unitPrice: '4.99', net: '9.98', taxAmount: '0.70' }],
			totals: { net: '9.98', tax: '0.70', gross: '10.68' },
		});
		expect(credit.header?.source?.ids).toEqual({ glEntryIds: '1100,1101,1102,1103', transactionType: 'creditMemo', transactionId: 128 });
		expect(usJournalRecords('sales', credit, { amountSigns: 'asDocument', salesTaxAccount: '2310' })[0]['Credit Memo']).toBe(true);
	});

	test('customers come first, so a target can create them before the invoices name them', () => {
		expect(result.documents.slice(0, 2).map((document) => [document.type, document.party?.code])).toEqual([
			['customer', 'ACME01'],
			['customer', 'BAYV01'],
		]);
		expect(result.documents[0].party).toMatchObject({ code: 'ACME01', name: 'Acme Dental Group', contact: 'Dana Whitfield', paymentTerms: 'NET30', currency: 'USD', extra: { taxCode: 'Hillsborough FL', taxCodeXrefs: { state: 'SALES7' } } });
		expect(result.rejected).toEqual([]);
	});
});

describe('the invoice summary options (Default, Condensed, Detailed) change only the number of lines', () => {
	const options = ['default', 'condensed', 'detailed'] as const;
	const invoices = Object.fromEntries(options.map((option) => [option, byNumber(read(fixture(`invoice-1050-${option}`)), '1050')]));

	test('each variant gives the same customer, totals and tax; Default has 2 lines, Condensed 4, Detailed 5', () => {
		for (const option of options) {
			expect(invoices[option]).toMatchObject({ type: 'salesInvoice', party: { code: 'ACME01' }, totals: { net: '1678.00', tax: '54.46', gross: '1732.46' } });
		}
		expect(options.map((option) => invoices[option].lines?.length)).toEqual([2, 4, 5]);
	});

	test('the tax lands on the taxable product lines only: all of it on Default\'s "Product" line, 26.46 and 28.00 otherwise', () => {
		expect(invoices.default.lines?.map((line) => [line.description, line.taxAmount])).toEqual([
			['Service', '0.00'],
			['Product', '54.46'],
		]);
		expect(invoices.condensed.lines?.map((line) => line.taxAmount)).toEqual(['0.00', '0.00', '26.46', '28.00']);
		expect(invoices.detailed.lines?.map((line) => line.taxAmount)).toEqual(['0.00', '0.00', '0.00', '26.46', '28.00']);
	});

	test('a Default line with no item and no price keeps its quantity and leaves the unit price out rather than invent one', () => {
		expect(invoices.default.lines?.[1]).toEqual(expect.objectContaining({ description: 'Product', quantity: '3', net: '778.00' }));
		expect(invoices.default.lines?.[1]).not.toHaveProperty('unitPrice');
		expect(invoices.default.lines?.[1]).not.toHaveProperty('item');
		expect(invoices.detailed.lines?.[0]).toEqual(expect.objectContaining({ quantity: '2.5', unitPrice: '150', net: '375.00' }));
	});
});

describe('AR transactions that cannot become documents are rejected, never dropped or adjusted', () => {
	test('an invoice whose company has no account number is rejected with CUSTOMER_CODE_MISSING and its GL entries', () => {
		const data = clone(fixture('invoices'));
		delete data.transactions![0].companyAccountNumber;
		const rejected = rejectedAs(read(data), 'invoice 1042');
		expect(rejected).toMatchObject({ code: 'CUSTOMER_CODE_MISSING', glEntryIds: [1010, 1011, 1012, 1013, 1001, 1002, 1003, 1004] });
		expect(rejected.message).toBe(
			'Invoice 1042: Acme Dental Group has no account number (Finance > Company Finance "Account"), which must match the Sage 50 Customer ID. Invoice 1042 is not imported; correct it in ConnectWise Manage and export it again.',
		);
		expect(rejected.raw).toBe(data.transactions![0]);
	});

	test('an invoice whose total disagrees with its lines by one cent is rejected with TOTALS_GROSS_MISMATCH', () => {
		const data = clone(fixture('invoices'));
		data.transactions![0].total = 2858.38;
		const rejected = rejectedAs(read(data), 'invoice 1042');
		expect(rejected.code).toBe('TOTALS_GROSS_MISMATCH');
		expect(rejected.message).toContain('the detail lines add up to 2858.37 (2749.88 + 108.49 sales tax) but the invoice\'s total is 2858.38');
	});

	test('a salesTax that is not the sum of the ST lines is rejected with TOTALS_TAX_MISMATCH', () => {
		const data = clone(fixture('invoices'));
		data.transactions![0].salesTax = 108.5;
		expect(rejectedAs(read(data), 'invoice 1042')).toMatchObject({ code: 'TOTALS_TAX_MISMATCH' });
	});

	test('float noise in a detail total is refused with AMOUNT_PRECISION rather than rounded', () => {
		const data = clone(fixture('invoices'));
		data.transactions![0].detail![1].total = -1499.9800000000002;
		const rejected = rejectedAs(read(data), 'invoice 1042');
		expect(rejected.code).toBe('AMOUNT_PRECISION');
		expect(rejected.message).toContain('the total of detail line 2 (GL entry 1002) -1499.9800000000002 has more than 2 decimal places');
	});

	test('junk in glEntryIds is FIELD_INVALID, and the ids that can be read are still reported', () => {
		const data = clone(fixture('invoices'));
		data.transactions![0].glEntryIds = '1010,10x1';
		const rejected = rejectedAs(read(data), 'invoice 1042');
		expect(rejected).toMatchObject({ code: 'FIELD_INVALID', glEntryIds: [1010, 1001, 1002, 1003, 1004] });
		expect(rejected.message).toContain('glEntryIds "1010,10x1" holds "10x1", which is not a GL entry number');
	});

	test('an unknown documentType, a missing date and no detail lines each have their code', () => {
		const data = clone(fixture('invoices'));
		data.transactions![0].documentType = 'QUOTE';
		data.transactions![1].documentDate = '2026-02-30T00:00:00Z';
		data.transactions![2].detail = [];
		const result = read(data);
		expect(rejectedAs(result, 'invoice 1042').code).toBe('FIELD_INVALID');
		expect(rejectedAs(result, 'invoice 1042').message).toContain('the documentType "QUOTE" is neither INVOICE nor a credit memo');
		expect(rejectedAs(result, 'invoice 1043')).toMatchObject({ code: 'DATE_INVALID', message: expect.stringContaining('the documentDate "2026-02-30T00:00:00Z" is not a real date') });
		expect(rejectedAs(result, 'invoice 1044')).toMatchObject({ code: 'LINES_MISSING', glEntryIds: [1030] });
	});

	test('a GL entry that two invoices both claim goes to the first; the second is rejected with DUPLICATE_IN_BATCH', () => {
		const data = clone(fixture('invoices'));
		data.transactions![4].glEntryIds = '1110,1013';
		const result = read(data);
		const rejected = rejectedAs(result, 'invoice 1046');
		expect(rejected).toMatchObject({ code: 'DUPLICATE_IN_BATCH', glEntryIds: [1110, 1111] });
		expect(rejected.message).toContain('GL entry 1013 is also in invoice 1042');
		expect(glEntryIdsOf(byNumber(result, '1042'))).toContain(1013);
	});
});

describe('expenses: one bill per member from the member\'s vendor (seed 003, "Transfer with Expense as Bill")', () => {
	const result = read(fixture('expenses'));

	test('a member\'s bill becomes an expense from the member\'s vendor number, lines positive, flags kept', () => {
		const bill = byNumber(result, '2001jdoe');
		expect(bill).toMatchObject({
			type: 'expense',
			header: { number: '2001jdoe', date: '2026-03-15', member: 'jdoe', currency: 'USD', description: 'Expenses for 2026-03-09 - 2026-03-15' },
			party: { code: 'JDOE', name: 'John Doe' },
			totals: { net: '140.45', tax: '0.00', gross: '140.45' },
			extra: { payablesAccount: '2000' },
		});
		expect(bill.lines).toEqual([
			{ description: 'Mileage - Acme Dental on-site (101 mi)', net: '45.45', account: '6400', extra: expect.objectContaining({ glEntryIds: '2002,2003', billable: true, reimbursable: true, company: 'Acme Dental Group' }) },
			{ description: 'Client lunch - Bayview Logistics', net: '95.00', account: '6500', extra: expect.objectContaining({ glEntryIds: '2004,2005', billable: false, reimbursable: true }) },
		]);
	});

	test('the bill\'s GL entry ids are its details\' id arrays', () => {
		expect(byNumber(result, '2001jdoe').header?.source?.ids).toEqual({ glEntryIds: '2002,2003,2004,2005', transactionType: 'expenseBill', expenseBillId: 2001 });
	});

	test('a bill for a member with no vendor number is rejected with SUPPLIER_CODE_MISSING, naming the member', () => {
		const rejected = rejectedAs(result, 'expense bill 2010asmith');
		expect(rejected).toMatchObject({ code: 'SUPPLIER_CODE_MISSING', glEntryIds: [2011, 2012] });
		expect(rejected.message).toBe(
			'Expense bill 2010asmith: member asmith (Alice Smith) has no vendor number: set "Vendor Nbr" on Setup > Members to the member\'s Sage 50 Vendor ID. Expense bill 2010asmith is not imported; correct it in ConnectWise Manage and export it again.',
		);
		expect(rejectedAs(result, 'vendor of member asmith').code).toBe('SUPPLIER_CODE_MISSING');
	});

	test('the member with a vendor number becomes a supplier record under it', () => {
		expect(result.documents[0]).toMatchObject({ type: 'supplier', party: { code: 'JDOE', name: 'John Doe', extra: { member: 'jdoe' } } });
	});

	test('a single expense (no bill) is refused with DOCUMENT_TYPE_NOT_SUPPORTED unless expensesAsBills is false', () => {
		const rejected = rejectedAs(result, 'expense 2020');
		expect(rejected).toMatchObject({ code: 'DOCUMENT_TYPE_NOT_SUPPORTED', glEntryIds: [2020] });
		expect(rejected.message).toContain('tick "Transfer Expense as a Bill"');
		const single = byNumber(read(fixture('expenses'), { expensesAsBills: false }), '2020');
		expect(single).toMatchObject({ type: 'expense', party: { code: 'JDOE' }, header: { member: 'jdoe', source: { ids: { glEntryIds: '2020', transactionType: 'expense' } } }, lines: [{ net: '12.00', account: '6400', description: 'Tolls - I-275' }] });
	});

	test('a bill whose total is not the sum of its lines is rejected with TOTALS_NET_MISMATCH', () => {
		const data = clone(fixture('expenses'));
		data.expenseBills![0].total = 140.54;
		expect(rejectedAs(read(data), 'expense bill 2001jdoe')).toMatchObject({ code: 'TOTALS_NET_MISMATCH', message: expect.stringContaining('add up to 140.45 but the bill\'s total is 140.54') });
	});

	test('Sage 50 US takes the bill in the Purchases Journal from the member\'s vendor', () => {
		const rows = usJournalRecords('purchases', byNumber(result, '2001jdoe'), { amountSigns: 'asDocument' });
		expect(rows.map((row) => [row['Vendor ID'], row['Invoice #'], row['G/L Account'], (row.Amount as Decimal).toFixed(2)])).toEqual([
			['JDOE', '2001jdoe', '6400', '45.45'],
			['JDOE', '2001jdoe', '6500', '95.00'],
		]);
	});
});

describe('procurement: packing slips as AP invoices or item receipts (seed 003, "Item Receipts")', () => {
	const result = read(fixture('procurement'), { freightAccount: '5100' });

	test('a packing slip with a vendor invoice number is a purchase invoice numbered and dated by the vendor\'s invoice', () => {
		expect(byNumber(result, 'INV-88213')).toMatchObject({
			type: 'purchaseInvoice',
			header: { number: 'INV-88213', date: '2026-03-20', reference: '4410', paymentTerms: 'NET30', source: { id: 'PO #4410, Packing Slip: 4410', ids: { glEntryIds: '3001,3002', transactionType: 'apInvoice', purchaseOrder: '4410' } } },
			party: { code: 'INGRAM', name: 'Ingram Micro Inc.' },
			totals: { net: '1525.00', tax: '0.00', gross: '1525.00' },
		});
	});

	test('purchase lines go to inventory for an Inventory Part and to the cost account otherwise; freight is a line of its own', () => {
		expect(byNumber(result, 'INV-88213').lines?.map((line) => [line.description, line.quantity, line.unitPrice, line.net, line.account, line.item?.code, line.item?.type])).toEqual([
			['Dell OptiPlex 7010 desktop', '2', '700', '1400.00', '1400', 'OPTI7010', 'Inventory Part'],
			['10ft Patch Cat5E Cable', '20', '5', '100.00', '5010', 'PATCH10', 'Non-Inventory Part'],
			['Freight', undefined, undefined, '25.00', '5100', undefined, undefined],
		]);
	});

	test('without a vendor invoice number it is an item receipt numbered by the PO, "Waiting on Bill" in Sage 50 US', () => {
		const receipt = byNumber(result, '4411');
		expect(receipt).toMatchObject({
			type: 'itemReceipt',
			header: { number: '4411', date: '2026-03-21', reference: '4411-A', source: { ids: { glEntryIds: '3010,3011', transactionType: 'itemReceipt', packingSlip: '4411-A' } } },
			lines: [{ quantity: '3', unitPrice: '149', net: '447.00', taxAmount: '31.29', account: '1400', item: { code: 'U6-PRO', type: 'Inventory Part' } }],
			totals: { net: '447.00', tax: '31.29', gross: '478.29' },
		});
		const [row] = usJournalRecords('purchases', receipt, { amountSigns: 'asDocument', purchaseTaxAccount: '2320' });
		expect(row).toMatchObject({ 'Vendor ID': 'INGRAM', 'Invoice #': undefined, 'Waiting on Bill': true, 'Customer Invoice #': '4411' });
	});

	test('without freightAccount the freight line has no account, for Ledger Mapping to ask for', () => {
		const freight = byNumber(read(fixture('procurement')), 'INV-88213').lines?.[2];
		expect(freight).toEqual({ description: 'Freight', net: '25.00', taxAmount: '0.00', extra: { freight: true, packingSlip: '4410' } });
	});

	test('vendorCode "accountNumber" names the vendor by its account number on the supplier record and the purchases alike', () => {
		const byAccount = read(fixture('procurement'), { vendorCode: 'accountNumber' });
		expect(byAccount.documents.filter((document) => document.party).map((document) => [document.type, document.party?.code])).toEqual([
			['supplier', 'ING001'],
			['purchaseInvoice', 'ING001'],
			['itemReceipt', 'ING001'],
		]);
		expect(result.documents[0]).toMatchObject({ type: 'supplier', party: { code: 'INGRAM', name: 'Ingram Micro Inc.', contact: 'Rita Alvarez', paymentTerms: 'Net 30' } });
	});

	test('a packing slip whose vendor has neither number is rejected with SUPPLIER_CODE_MISSING and its GL entries', () => {
		const data = clone(fixture('procurement'));
		data.purchaseTransactions![1].vendorNumber = '';
		data.purchaseTransactions![1].vendorAccountNumber = null;
		expect(rejectedAs(read(data), 'item receipt 4411')).toMatchObject({ code: 'SUPPLIER_CODE_MISSING', glEntryIds: [3010, 3011] });
	});

	test('a packing slip total that matches its lines neither with nor without freight is TOTALS_GROSS_MISMATCH', () => {
		const data = clone(fixture('procurement'));
		data.purchaseTransactions![0].total = 1510;
		expect(rejectedAs(read(data), 'AP invoice INV-88213').code).toBe('TOTALS_GROSS_MISMATCH');
		data.purchaseTransactions![0].total = 1500;
		expect(byNumber(read(data), 'INV-88213').totals?.gross).toBe('1525.00');
	});
});

describe('inventory adjustments and transfers', () => {
	const result = read(fixture('procurement'));

	test('an adjustment becomes an inventoryAdjustment: item, signed quantity, value and the adjustment\'s G/L account', () => {
		const adjustment = byNumber(result, 'ADJ-17');
		expect(adjustment).toMatchObject({
			type: 'inventoryAdjustment',
			header: { number: 'ADJ-17', date: '2026-03-31', description: 'Cycle count March 2026', source: { ids: { transactionType: 'inventoryAdjustment' } } },
			totals: { net: '-597.50', tax: '0.00', gross: '-597.50' },
		});
		expect(adjustment.lines?.map((line) => [line.item?.code, line.quantity, line.unitPrice, line.net, line.account])).toEqual([
			['OPTI7010', '-1', '610', '-610.00', '5900'],
			['PATCH10', '5', '2.5', '12.50', '5900'],
		]);
		expect(adjustment).not.toHaveProperty('party');
		expect(glEntryIdsOf(adjustment)).toEqual([]);
		expect(usJournalFor(adjustment)).toBeUndefined();
	});

	test('an adjustment whose id is a list of numbers carries them as its GL entry ids', () => {
		const data = clone(fixture('procurement'));
		data.adjustmentTransactions![0].id = '3101,3102';
		expect(glEntryIdsOf(byNumber(read(data), '3101,3102'))).toEqual([3101, 3102]);
	});

	test('an adjustment line that names no item is rejected with FIELD_REQUIRED', () => {
		const data = clone(fixture('procurement'));
		delete data.adjustmentTransactions![0].adjustmentDetail![1].item;
		expect(rejectedAs(read(data), 'inventory adjustment ADJ-17')).toMatchObject({ code: 'FIELD_REQUIRED', message: expect.stringContaining('adjustment line 2 names no item') });
	});

	test('the canonical schema insists an inventory adjustment line names its item and quantity', () => {
		const adjustment = clone(byNumber(result, 'ADJ-17'));
		delete adjustment.lines![0].quantity;
		expect(validateDocument(adjustment).failures).toEqual([{ code: 'FIELD_REQUIRED', field: 'lines[0].quantity', message: 'Inventory adjustment ADJ-17: lines[0].quantity is required but missing.' }]);
	});

	test('an inventory transfer is refused with DOCUMENT_TYPE_NOT_SUPPORTED (not available for Sage 50 US)', () => {
		expect(rejectedAs(result, 'inventory transfer Transfer #5')).toMatchObject({
			code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
			message: 'Inventory transfer Transfer #5: inventory transfers between warehouses are not available for Sage 50 US (seed 003, feature 11c). It is not imported; record the transfer in Sage by hand, and leave its GL entries out of the batch.',
		});
	});
});

describe('customer and vendor records that cannot be created', () => {
	test('a customer with no account number is CUSTOMER_CODE_MISSING; a company vendor with neither number is SUPPLIER_CODE_MISSING', () => {
		const data: GlExport = {
			customers: [{ company: { identifier: 'Harbor', name: 'Harbor Clinic' }, accountNumber: '' }],
			vendors: [{ vendor: { identifier: 'CONNECTWISE', name: 'ConnectWise' }, company: { identifier: 'CONNECTWISE' }, vendorNumber: '', accountNumber: '' }],
		};
		const result = read(data);
		expect(result.documents).toEqual([]);
		expect(result.rejected.map((rejected) => [rejected.source, rejected.code])).toEqual([
			['customer Harbor Clinic', 'CUSTOMER_CODE_MISSING'],
			['vendor ConnectWise', 'SUPPLIER_CODE_MISSING'],
		]);
	});

	test('a record that is not an object, and an export that is empty, are handled without throwing', () => {
		expect(read({ transactions: [null as never] }).rejected).toMatchObject([{ source: 'record 1', code: 'FIELD_INVALID' }]);
		expect(read({})).toEqual({ documents: [], rejected: [], held: [], glEntryIds: [] });
	});

	test('a currency option that is no ISO code is a mistake in the node settings, thrown at once', () => {
		expect(() => documentsFromGlExport({}, { currency: 'dollars' })).toThrow('"dollars" is not a three-letter currency code');
	});
});

describe('product types (seed 003, "Product Item Type")', () => {
	test('Inventory Part → Inventory, Non-Inventory Part → Non-Stock, Other Charge → Description Only, Service → Service', () => {
		expect(SAGE_ITEM_CLASS_FOR_PRODUCT_TYPE).toEqual({ 'Inventory Part': 'Inventory', 'Non-Inventory Part': 'Non-Stock', 'Other Charge': 'Description Only', Service: 'Service' });
	});

	test('the table is matched loosely, and a missing or unknown type is Description Only', () => {
		expect(sageItemClassFor('inventory part')).toBe('Inventory');
		expect(sageItemClassFor('NON-INVENTORY PART')).toBe('Non-Stock');
		expect(sageItemClassFor(undefined)).toBe('Description Only');
		expect(sageItemClassFor('Bundle')).toBe('Description Only');
	});

	test('documents keep the ConnectWise type on item.type and the Sage class beside it in extra', () => {
		const line = byNumber(read(fixture('invoices')), '1042').lines?.[1];
		expect([line?.item?.type, line?.extra?.sageItemClass]).toEqual(['Inventory Part', 'Inventory']);
	});
});

test('every document made from every fixture passes the canonical document checks', () => {
	for (const name of FIXTURES) {
		const result = documentsFromGlExport(fixture(name), { freightAccount: '5100' });
		expect(result.documents.length).toBeGreaterThan(0);
		for (const document of result.documents) expect(validateDocument(document).failures).toEqual([]);
	}
});

// ---------------------------------------------------------------------------------------
// Properties over generated exports
// ---------------------------------------------------------------------------------------

/** Cents as ConnectWise writes them: a JSON number (12.5 for 12.50). */
const amount = (cents: bigint): number => Number(cents) / 100;
const centsText = (cents: bigint): string => Decimal.of(amount(cents)).toFixed(2);

type Defect = 'none' | 'total' | 'account' | 'duplicate';

interface GeneratedLine {
	cents: bigint;
	quantity: number;
	taxable: boolean;
}

interface GeneratedRecord {
	kind: 'invoice' | 'creditMemo' | 'expenseBill' | 'apInvoice' | 'itemReceipt';
	lines: GeneratedLine[];
	taxCents: bigint[];
	headerIdCount: number;
	spaced: boolean;
	defect: Defect;
}

const lineArbitrary: fc.Arbitrary<GeneratedLine> = fc.record({
	cents: fc.bigInt({ min: -50_000n, max: 100_000_000n }),
	quantity: fc.integer({ min: 1, max: 40 }),
	taxable: fc.boolean(),
});

const recordArbitrary: fc.Arbitrary<GeneratedRecord> = fc.record({
	kind: fc.constantFrom('invoice', 'creditMemo', 'expenseBill', 'apInvoice', 'itemReceipt'),
	lines: fc.array(lineArbitrary, { minLength: 1, maxLength: 6 }),
	taxCents: fc.array(fc.bigInt({ min: 0n, max: 5_000_000n }), { maxLength: 3 }),
	headerIdCount: fc.integer({ min: 1, max: 4 }),
	spaced: fc.boolean(),
	defect: fc.constantFrom<Defect>('none', 'none', 'none', 'total', 'account', 'duplicate'),
});

interface Generated {
	exportData: GlExport;
	/** Per record, in the order the reader takes them: its source, expected code (or none) and gross. */
	expected: Array<{ source: string; code?: string; grossCents: bigint; taxCents: bigint }>;
	allIds: Set<number>;
}

const READING_ORDER: Record<GeneratedRecord['kind'], number> = { invoice: 0, creditMemo: 0, expenseBill: 1, apInvoice: 2, itemReceipt: 2 };

/**
 * An export of AR transactions, expense bills and packing slips, with the ids numbered from
 * 5000. Records are laid out in the order the reader takes them (transactions, expense bills,
 * packing slips), so a duplicated GL entry id always names a record read earlier.
 */
function generate(unordered: GeneratedRecord[]): Generated {
	const records = [...unordered].sort((a, b) => READING_ORDER[a.kind] - READING_ORDER[b.kind]);
	let next = 5000;
	const fresh = () => next++;
	const allIds = new Set<number>();
	const used: number[] = [];
	const take = (id: number) => (allIds.add(id), used.push(id), id);
	const exportData: GlExport = { transactions: [], expenseBills: [], purchaseTransactions: [] };
	const expected = { ar: [] as Generated['expected'], bills: [] as Generated['expected'], purchases: [] as Generated['expected'] };
	records.forEach((record, index) => {
		const number = String(10_000 + index);
		const net = record.lines.reduce((sum, line) => sum + line.cents, 0n);
		const tax = record.kind === 'expenseBill' ? 0n : record.taxCents.reduce((sum, cents) => sum + cents, 0n);
		const gross = net + tax;
		const duplicateOf = record.defect === 'duplicate' && used.length > 0 ? used[index % used.length] : undefined;
		const defect: Defect = record.defect === 'duplicate' && duplicateOf === undefined ? 'none' : record.defect;
		const writtenTotal = amount(defect === 'total' ? gross + 1n : gross);
		if (record.kind === 'invoice' || record.kind === 'creditMemo') {
			const credit = record.kind === 'creditMemo';
			const sign = credit ? 1n : -1n;
			const headerIds = Array.from({ length: record.headerIdCount }, () => take(fresh()));
			const detail = [
				...record.lines.map((line) => ({ id: take(fresh()), glTypeId: 'RP', accountNumber: '4000', memo: 'Work', quantity: credit ? line.quantity : -line.quantity, total: amount(sign * line.cents), taxableFlag: line.taxable, taxCodeXref: 'SALES7' })),
				...record.taxCents.map((cents) => ({ id: take(fresh()), glTypeId: 'ST', accountNumber: '2310', quantity: 0, total: amount(sign * cents) })),
			];
			const ids = duplicateOf === undefined ? headerIds : [...headerIds, duplicateOf];
			exportData.transactions!.push({
				id: index,
				glTypeId: 'AR',
				documentType: credit ? 'CREDIT MEMO' : 'INVOICE',
				documentNumber: number,
				documentDate: '2026-03-31T00:00:00Z',
				companyAccountNumber: defect === 'account' ? '' : 'ACME01',
				company: { name: 'Acme Dental Group' },
				billingType: 'Standard',
				glEntryIds: ids.join(record.spaced ? ', ' : ','),
				currency: { currencyCode: 'USD' },
				total: credit && index % 2 === 0 ? -writtenTotal : writtenTotal,
				salesTax: credit && index % 2 === 0 ? -amount(tax) : amount(tax),
				detail,
			});
			expected.ar.push({ source: `${credit ? 'credit memo' : 'invoice'} ${number}`, code: defectCode(defect, 'CUSTOMER_CODE_MISSING'), grossCents: gross, taxCents: tax });
		} else if (record.kind === 'expenseBill') {
			const detail = record.lines.map((line, lineIndex) => ({
				id: [...Array.from({ length: 1 + (lineIndex % 2) }, () => take(fresh())), ...(lineIndex === 0 && duplicateOf !== undefined ? [duplicateOf] : [])],
				accountNumber: '6400',
				memo: 'Mileage',
				total: amount(line.cents),
				billable: line.taxable,
				reimbursable: true,
			}));
			exportData.expenseBills!.push({
				id: index,
				documentNumber: `${number}jdoe`,
				documentDate: '2026-03-15T00:00:00Z',
				member: { identifier: 'jdoe', name: 'John Doe' },
				vendorNumber: defect === 'account' ? null : 'JDOE',
				currency: { currencyCode: 'USD' },
				total: writtenTotal,
				detail,
			});
			expected.bills.push({ source: `expense bill ${number}jdoe`, code: defect === 'total' ? 'TOTALS_NET_MISMATCH' : defectCode(defect, 'SUPPLIER_CODE_MISSING'), grossCents: gross, taxCents: 0n });
		} else {
			const apInvoice = record.kind === 'apInvoice';
			const purchaseDetail = record.lines.map((line) => ({ id: take(fresh()), glTypeId: 'RP', itemTypeXref: 'Inventory Part', inventoryAccountNumber: '1400', quantity: -line.quantity, total: amount(-line.cents), taxable: line.taxable }));
			if (duplicateOf !== undefined) purchaseDetail.push({ ...purchaseDetail[0], id: duplicateOf, total: 0, quantity: 0 });
			const purchaseDetailTax = record.taxCents.map((cents) => ({ id: take(fresh()), glTypeId: 'ST', accountNumber: '2320', total: amount(-cents) }));
			exportData.purchaseTransactions!.push({
				id: `PO #${number}, Packing Slip: ${number}`,
				documentNumber: number,
				packingSlip: number,
				documentDate: '2026-03-18T00:00:00Z',
				vendorInvoiceNumber: apInvoice ? `V-${number}` : '',
				vendorInvoiceDate: '2026-03-20T00:00:00Z',
				vendorNumber: defect === 'account' ? '' : 'INGRAM',
				company: { name: 'Ingram Micro Inc.' },
				currency: { currencyCode: 'USD' },
				total: writtenTotal,
				purchaseDetail,
				purchaseDetailTax,
			});
			expected.purchases.push({ source: apInvoice ? `AP invoice V-${number}` : `item receipt ${number}`, code: defectCode(defect, 'SUPPLIER_CODE_MISSING'), grossCents: gross, taxCents: tax });
		}
	});
	// The reader takes transactions, then expense bills, then packing slips.
	return { exportData, expected: [...expected.ar, ...expected.bills, ...expected.purchases], allIds };
}

function defectCode(defect: Defect, missingCode: string): string | undefined {
	return { none: undefined, total: 'TOTALS_GROSS_MISMATCH', account: missingCode, duplicate: 'DUPLICATE_IN_BATCH' }[defect];
}

describe('properties over generated exports', () => {
	test('every GL entry id of the export is in exactly one document, rejected record or invoice held for review', () => {
		fc.assert(
			fc.property(fc.array(recordArbitrary, { minLength: 1, maxLength: 12 }), (records) => {
				const { exportData, allIds } = generate(records);
				// The default: zero and negative invoices are held back, which must not lose their GL entries either.
				const result = documentsFromGlExport(exportData);
				const accounted = [
					...result.documents.flatMap(glEntryIdsOf),
					...result.rejected.flatMap((rejected) => rejected.glEntryIds),
					...result.held.flatMap((held) => held.glEntryIds),
				].sort((a, b) => a - b);
				expect(accounted).toEqual([...allIds].sort((a, b) => a - b));
				expect([...result.glEntryIds].sort((a, b) => a - b)).toEqual(accounted);
				expect(result.documents.length + result.rejected.length + result.held.length).toBe(records.length);
			}),
		);
	});

	test('documents are valid and their totals are the generated cents exactly; every defect is rejected with its code', () => {
		fc.assert(
			fc.property(fc.array(recordArbitrary, { minLength: 1, maxLength: 12 }), (records) => {
				const { exportData, expected } = generate(records);
				// Zero and negative invoices posted as they are: what is read is the subject here (their hold is tested above).
				const result = documentsFromGlExport(exportData, { unusualInvoices: 'post' });
				for (const record of expected) {
					if (record.code) {
						expect({ source: record.source, code: result.rejected.find((rejected) => rejected.source === record.source)?.code }).toEqual({ source: record.source, code: record.code });
						continue;
					}
					const document = result.documents.find((candidate) => `${candidate.header?.number}` === record.source.split(' ').pop());
					expect(document).toBeDefined();
					expect(validateDocument(document).failures).toEqual([]);
					expect(document!.totals).toEqual({ net: centsText(record.grossCents - record.taxCents), tax: centsText(record.taxCents), gross: centsText(record.grossCents) });
					const lines = document!.lines ?? [];
					expect(Decimal.sum(lines.map((line) => Decimal.of(line.net))).toFixed(2)).toBe(document!.totals!.net);
					expect(Decimal.sum(lines.map((line) => Decimal.of(line.taxAmount ?? 0))).toFixed(2)).toBe(document!.totals!.tax);
				}
			}),
		);
	});

	test('tax shared over lines adds up to the tax exactly, each share within a cent of its exact proportion', () => {
		const cents = fc.bigInt({ min: 1n, max: 10n ** 10n });
		fc.assert(
			fc.property(fc.bigInt({ min: 0n, max: 10n ** 8n }), fc.array(cents, { minLength: 1, maxLength: 8 }), (taxCents, weightCents) => {
				const tax = Decimal.of(amount(taxCents));
				const weights = weightCents.map((weight) => Decimal.of(amount(weight)));
				const shares = apportion(tax, weights, 2);
				expect(Decimal.sum(shares).equals(tax)).toBe(true);
				const total = weightCents.reduce((a, b) => a + b, 0n);
				shares.forEach((share, index) => {
					const exact = taxCents * weightCents[index] * 100n; // in hundredths of a cent × total
					const given = BigInt(share.toFixed(2).replace('.', '')) * total * 100n;
					const difference = given > exact ? given - exact : exact - given;
					expect(difference < total * 100n).toBe(true);
				});
			}),
		);
	});
});

describe('zero-value invoices and INVOICEs with a negative total (not ordinary sales)', () => {
	/** Invoice 1042 of the fixture with its detail totals (credit-signed: an invoice's are negative) scaled by `factor`. */
	const invoice1042 = (factor: number): GlExport => {
		const exported = clone(fixture('invoices'));
		const transaction = exported.transactions!.find((candidate) => candidate.documentNumber === '1042')!;
		for (const detail of transaction.detail as Array<{ total: number }>) detail.total = detail.total * factor;
		transaction.total = (transaction.total as number) * factor;
		transaction.salesTax = (transaction.salesTax as number) * factor;
		exported.transactions = [transaction];
		return exported;
	};

	test('by default a zero-value invoice is held back with INVOICE_HELD_FOR_REVIEW, its GL entries left out of the batch, and nothing else is stopped', () => {
		const result = read({ ...invoice1042(0), customers: fixture('invoices').customers });
		expect(result.documents.map((document) => document.type)).not.toContain('salesInvoice');
		expect(result.rejected).toEqual([]);
		expect(result.held.map((record) => [record.source, record.code])).toEqual([['invoice 1042', 'INVOICE_HELD_FOR_REVIEW']]);
		expect(result.held[0].message).toBe(
			'Invoice 1042 is held back for a person to look at: its total is 0.00: a zero-value invoice. It is not in this batch and stays unexported in ConnectWise Manage, so it comes again with the next export; to post such invoices as they are, set Zero and Negative Invoices to Post.',
		);
		expect(result.held[0].glEntryIds.length).toBeGreaterThan(0);
	});

	test('a negative INVOICE is refused with INVOICE_AMOUNT_UNUSUAL when so set, and posted as it is with Post', () => {
		const rejected = read(invoice1042(-1), { unusualInvoices: 'reject' });
		expect(rejected.rejected.map((record) => [record.source, record.code])).toEqual([['invoice 1042', 'INVOICE_AMOUNT_UNUSUAL']]);
		expect(rejected.rejected[0].message).toMatch(/^Invoice 1042: it is an INVOICE with a negative total \(-2858\.37\), which reads like a credit memo entered as an invoice\./);
		const posted = read(invoice1042(-1), { unusualInvoices: 'post' });
		expect(byNumber(posted, '1042').totals?.gross).toBe('-2858.37');
	});
});

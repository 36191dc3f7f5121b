import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { LedgerDocument } from '../../../lib/model/document';
import { Sage50FileError } from '../../../lib/targets/sage50/errors';
import {
	checkUsJournalDocuments,
	DEFAULT_US_JOURNAL_OPTIONS,
	usJournalCsv,
	writeUsJournalFile,
	type UsJournal,
	type UsJournalOptions,
} from '../../../lib/targets/sage50/usJournal';
import { readSageCsv, temporaryFolder } from './readers';

const SALES_HEADINGS = [
	'Customer ID',
	'Invoice/CM #',
	'Credit Memo',
	'Date',
	'Date Due',
	'Customer PO',
	'Accounts Receivable Account',
	'Sales Tax ID',
	'Number of Distributions',
	'Invoice/CM Distribution',
	'Description',
	'G/L Account',
	'Amount',
	'Job ID',
	'Sales Tax Agency ID',
];

const PURCHASE_HEADINGS = [
	'Vendor ID',
	'Invoice #',
	'Credit Memo',
	'Date',
	'Date Due',
	'Waiting on Bill',
	'Customer Invoice #',
	'Accounts Payable Account',
	'Number of Distributions',
	'Invoice/CM Distribution',
	'Description',
	'G/L Account',
	'Amount',
	'Job ID',
];

/** Invoice 10045 to ACME-CORP: consulting 1,200.00 and travel 80.50 to two income accounts, 6.5% sales tax 83.23. */
function usInvoice(changes: Partial<LedgerDocument> = {}): LedgerDocument {
	return {
		type: 'salesInvoice',
		header: { number: '10045', date: '2026-03-09', dueDate: '2026-04-08', reference: 'PO-77', currency: 'USD' },
		party: { code: 'ACME-CORP', name: 'Acme Corp' },
		lines: [
			{ description: 'Consulting, March', net: '1200.00', taxCode: 'FL', taxAmount: '78.00', account: '40000-00', project: 'JOB-12' },
			{ description: 'Travel', net: '80.50', taxCode: 'FL', taxAmount: '5.23', account: '40500-00' },
		],
		totals: { net: '1280.50', tax: '83.23', gross: '1363.73' },
		...changes,
	};
}

function bill(type: LedgerDocument['type'], number: string, net: string, tax = '0.00'): LedgerDocument {
	return {
		type,
		header: { number, date: '2026-03-02' },
		party: { code: 'OFFICE-DEPOT' },
		lines: [{ description: 'Toner', net, taxAmount: tax, account: '64000' }],
		totals: { net, tax, gross: net },
	};
}

const TAX: UsJournalOptions = { ...DEFAULT_US_JOURNAL_OPTIONS, salesTaxAccount: '23100', salesTaxAgencyId: 'FLDOR', purchaseTaxAccount: '64100' };
const read = (journal: UsJournal, documents: LedgerDocument[], options: UsJournalOptions = TAX) => readSageCsv(usJournalCsv(journal, documents, options));

function errorOf(run: () => unknown): Sage50FileError {
	try {
		run();
	} catch (error) {
		if (error instanceof Sage50FileError) return error;
		throw error;
	}
	throw new Error('no Sage50FileError was thrown');
}

describe('the Sage 50 US Sales Journal CSV', () => {
	test('has a heading row (for "First Row Contains Headings") and one row per distribution, the header columns repeated on each', () => {
		const { headings, rows } = read('sales', [usInvoice()]);
		expect(headings).toEqual(SALES_HEADINGS);
		expect(rows).toEqual([
			['ACME-CORP', '10045', 'FALSE', '03/09/26', '04/08/26', 'PO-77', '', 'FL', '3', '1', 'Consulting, March', '40000-00', '-1200.00', 'JOB-12', ''],
			['ACME-CORP', '10045', 'FALSE', '03/09/26', '04/08/26', 'PO-77', '', 'FL', '3', '2', 'Travel', '40500-00', '-80.50', '', ''],
			['ACME-CORP', '10045', 'FALSE', '03/09/26', '04/08/26', 'PO-77', '', 'FL', '3', '0', 'Sales tax', '23100', '-83.23', '', 'FLDOR'],
		]);
	});

	test('a credit memo is flagged TRUE and, debit-positive, its lines are positive', () => {
		const memo = usInvoice({ type: 'salesCredit', header: { number: 'CM-3', date: '2026-03-10' } });
		const rows = read('sales', [memo]).byHeading;
		expect(rows.map((row) => [row['Credit Memo'], row['Invoice/CM Distribution'], row.Amount])).toEqual([
			['TRUE', '1', '1200.00'],
			['TRUE', '2', '80.50'],
			['TRUE', '0', '83.23'],
		]);
	});

	test("'asDocument' signs write the document's own amounts and leave the direction to the Credit Memo flag", () => {
		const rows = read('sales', [usInvoice()], { ...TAX, amountSigns: 'asDocument' }).byHeading;
		expect(rows.map((row) => row.Amount)).toEqual(['1200.00', '80.50', '83.23']);
	});

	test('dates are MM/DD/YY from the text; a year outside 2000–2099 is refused, as ## cannot say which century', () => {
		const dated = read('sales', [usInvoice({ header: { number: '1', date: '2030-12-01' } })]).byHeading[0].Date;
		expect(dated).toBe('12/01/30');
		const error = errorOf(() => usJournalCsv('sales', [usInvoice({ header: { number: '1', date: '1999-12-31' } })], TAX));
		expect(error.code).toBe('SAGE_DATE_INVALID');
		expect(error.message).toBe(
			'Sales invoice 1: Sage 50 US Sales Journal import column "Date" "1999-12-31" falls outside 2000–2099, and the column\'s two-digit year (##/##/##) cannot say which century it means.',
		);
	});

	test('tax without a sales tax G/L account, or lines with two tax codes, are refused with a sentence saying what to set', () => {
		const noAccount = errorOf(() => usJournalCsv('sales', [usInvoice()], DEFAULT_US_JOURNAL_OPTIONS));
		expect(noAccount.code).toBe('SAGE_VALUE_MISSING');
		expect(noAccount.message).toContain('the document has 83.23 tax, and no sales tax G/L account is set (Sales Tax G/L Account in the Sage ODBC credential)');
		const invoice = usInvoice();
		invoice.lines![1].taxCode = 'EXEMPT';
		const twoCodes = errorOf(() => usJournalCsv('sales', [invoice], TAX));
		expect(twoCodes.code).toBe('SAGE_VALUE_NOT_ALLOWED');
		expect(twoCodes.message).toContain('column "Sales Tax ID" takes one code per invoice, but the lines have "FL", "EXEMPT"');
	});

	test('IDs and accounts over their widths and descriptions over 160 are errors, never cut', () => {
		const long = usInvoice({ party: { code: 'ACME-CORPORATION-INTL' } });
		long.lines![0].description = 'd'.repeat(161);
		long.lines![1].account = '4050000000000001';
		const [check] = checkUsJournalDocuments('sales', [long], TAX);
		expect(check.failures.map((failure) => [failure.code, failure.field])).toEqual([
			['FIELD_TOO_LONG', 'Customer ID'],
			['FIELD_TOO_LONG', 'Description'],
			['FIELD_TOO_LONG', 'G/L Account'],
		]);
		expect(check.failures[0].message).toBe(
			'Sales invoice 10045: Sage 50 US Sales Journal import column "Customer ID" "ACME-CORPORATION-INTL" is 21 characters, but the column holds 20; a code must be shortened in the source, other text by the mapping profile (the file writer never cuts text).',
		);
	});

	test('more than 154 distributions do not fit one Sales Journal entry: VALUE_DOES_NOT_FIT', () => {
		const big = usInvoice();
		big.lines = Array.from({ length: 154 }, (_, index) => ({ net: '1.00', taxAmount: index === 0 ? '0.07' : '0.00', taxCode: 'FL', account: '40000-00' }));
		const [check] = checkUsJournalDocuments('sales', [big], TAX);
		expect(check.failures).toEqual([
			expect.objectContaining({
				code: 'VALUE_DOES_NOT_FIT',
				message: 'Sales invoice 10045: 155 distribution rows (with the tax row), but a Sage 50 US Sales Journal entry holds 154; split the document in the source.',
			}),
		]);
	});

	test('purchase documents and receipts have no place in the Sales Journal', () => {
		const receipt: LedgerDocument = { type: 'receipt', header: { number: 'RC-1', date: '2026-03-09' }, party: { code: 'ACME-CORP' }, totals: { gross: '10.00' } };
		const checks = checkUsJournalDocuments('sales', [bill('purchaseInvoice', 'B-1', '10.00'), receipt], TAX);
		expect(checks.map((check) => check.failures)).toEqual([
			[
				{
					code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
					message: 'Purchase invoice B-1: the Sage 50 US Sales Journal import takes sales invoices and credit memos, not purchase invoices.',
				},
			],
			[expect.objectContaining({ code: 'DOCUMENT_TYPE_NOT_SUPPORTED', message: expect.stringContaining('not customer receipts') })],
		]);
	});
});

describe('the Sage 50 US Purchases Journal CSV', () => {
	test('bills are debit-positive, credit memos flagged TRUE and negative, expenses are bills from the member\'s vendor', () => {
		const { headings, rows } = read('purchases', [bill('purchaseInvoice', 'INV-88', '245.10'), bill('purchaseCredit', 'CM-88', '45.10'), bill('expense', 'EXP-5', '32.00')]);
		expect(headings).toEqual(PURCHASE_HEADINGS);
		expect(rows).toEqual([
			['OFFICE-DEPOT', 'INV-88', 'FALSE', '03/02/26', '', 'FALSE', '', '', '1', '1', 'Toner', '64000', '245.10', ''],
			['OFFICE-DEPOT', 'CM-88', 'TRUE', '03/02/26', '', 'FALSE', '', '', '1', '1', 'Toner', '64000', '-45.10', ''],
			['OFFICE-DEPOT', 'EXP-5', 'FALSE', '03/02/26', '', 'FALSE', '', '', '1', '1', 'Toner', '64000', '32.00', ''],
		]);
	});

	test('an item receipt has no invoice number, is Waiting on Bill, and carries the PO number in Customer Invoice # (seed 003)', () => {
		const [row] = read('purchases', [bill('itemReceipt', 'PO-2231', '500.00')]).byHeading;
		expect([row['Invoice #'], row['Waiting on Bill'], row['Customer Invoice #'], row.Amount]).toEqual(['', 'TRUE', 'PO-2231', '500.00']);
	});

	test('tax on a purchase is one more numbered distribution to the purchase tax account; the payables account is repeated on every row', () => {
		const rows = read('purchases', [bill('purchaseInvoice', 'INV-9', '100.00', '7.00')], { ...TAX, payablesAccount: '20000' }).byHeading;
		expect(rows.map((row) => [row['Number of Distributions'], row['Invoice/CM Distribution'], row['G/L Account'], row.Amount, row['Accounts Payable Account']])).toEqual([
			['2', '1', '64000', '100.00', '20000'],
			['2', '2', '64100', '7.00', '20000'],
		]);
	});

	test('PURCHASE_<stamp>.csv is written atomically, Windows-1252 with CRLF', async () => {
		const { folder, remove } = temporaryFolder();
		try {
			const document = bill('purchaseInvoice', 'INV-88', '245.10');
			document.lines![0].description = 'Café supplies – “premium”';
			const written = await writeUsJournalFile(folder, 'purchases', [document], { ...TAX, stamp: '20260331T101500_ab12' });
			expect(written.path).toBe(path.join(folder, 'PURCHASE_20260331T101500_ab12.csv'));
			const bytes = readFileSync(written.path);
			expect(bytes.includes(Buffer.from([0xe9, 0x20, 0x73, 0x75]))).toBe(true);
			expect(bytes.includes(Buffer.from([0x96, 0x20, 0x93]))).toBe(true);
			expect(readSageCsv(bytes).byHeading[0].Description).toBe('Café supplies – “premium”');
		} finally {
			remove();
		}
	});
});

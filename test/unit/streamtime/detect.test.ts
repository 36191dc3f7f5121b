import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	DEFAULT_HEADINGS,
	EXPORT_TYPES,
	STREAMTIME_FIELDS,
	exportLayout,
	normaliseHeading,
} from '../../../lib/sources/streamtime/columns';
import { detectExport, StreamtimeExportError } from '../../../lib/sources/streamtime/detect';
import { parseStreamtimeText } from '../../../lib/sources/streamtime/parse';
import { readTsv } from '../../../lib/sources/streamtime/tsv';

const INVOICE_HEADINGS = 'Invoice Number\tInvoice Date\tClient Code\tClient Name\tDescription\tAmount\tTax Amount';
const ORDER_HEADINGS = 'PO Number\tOrder Date\tSupplier Code\tSupplier Name\tSupplier Invoice\tDescription\tAmount\tTax Amount';

function failureOf(run: () => unknown): StreamtimeExportError {
	try {
		run();
	} catch (error) {
		if (error instanceof StreamtimeExportError) return error;
		throw error;
	}
	throw new Error('expected the file to be refused');
}

describe('telling an invoice list from a purchase-order list by its headings', () => {
	test('an invoice list is found under its title row, and its columns are known', () => {
		const match = detectExport(readTsv(`Invoice List – exported 31/03/2026\r\n\r\n${INVOICE_HEADINGS}\r\n1001\t31/03/2026\tACME\tAcme\tDesign\t100.00\t20.00\r\n`));
		expect(match.layout.type).toBe('salesInvoices');
		expect(match.line).toBe(3);
		expect(match.columns).toEqual({ documentNumber: 0, date: 1, partyCode: 2, partyName: 3, description: 4, net: 5, taxAmount: 6 });
	});

	test('a purchase-order list is recognised from its own headings', () => {
		const match = detectExport(readTsv(`Tenders & Orders\n${ORDER_HEADINGS}\n`));
		expect(match.layout.type).toBe('purchaseOrders');
		expect(match.columns.reference).toBe(4);
	});

	test('headings are matched whatever their case, spacing and punctuation', () => {
		const match = detectExport(readTsv('INVOICE NO.\tinvoice_date\t  Client  Code \tAMOUNT\n'));
		expect(match.layout.type).toBe('salesInvoices');
		expect(normaliseHeading(' Invoice No. ')).toBe('invoiceno');
	});

	test('"Client Accounts Code" and "Supplier Accounts Code" (the seed\'s "accounts code (A/C:)") are the party code column; singular and plural are one heading', () => {
		const invoices = detectExport(readTsv('Invoice Number\tInvoice Date\tClient Accounts Code\tLine Totals\n'));
		expect(invoices.columns).toMatchObject({ partyCode: 2, net: 3 });
		const orders = detectExport(readTsv('PO Number\tOrder Date\tSupplier Accounts Code\tAmounts\n'));
		expect([orders.layout.type, orders.columns.partyCode]).toEqual(['purchaseOrders', 2]);
		expect(detectExport(readTsv('Invoice Number\tInvoice Date\tA/C:\tAmount\n')).columns.partyCode).toBe(2);
		expect(normaliseHeading('Client Accounts Code')).toBe(normaliseHeading('client account code'));
		expect(normaliseHeading('Gross')).toBe('gross');
	});

	test('a heading row with two columns that read as one ("Client Account Code" and "Client Accounts Code") is refused with STREAMTIME_COLUMN_AMBIGUOUS, naming both, rather than one guessed', () => {
		const error = failureOf(() => parseStreamtimeText('Invoice Number\tInvoice Date\tClient Account Code\tClient Accounts Code\tAmount\r\nINV-1\t31/03/2026\tACME01\tACME02\t10.00\r\n'));
		expect(error.code).toBe('STREAMTIME_COLUMN_AMBIGUOUS');
		expect(error.message).toBe(
			'The heading row on line 1 of this invoice list has two columns that read as one ("Client Account Code" and "Client Accounts Code"), so the file is not read rather than one of them guessed. Remove or rename one in the export, or tell the node which heading to use.',
		);
	});

	test('a row message names the column by the file\'s own heading ("Line Total"), not Ledger Bridge\'s', () => {
		const { rejected: rejectedRows } = parseStreamtimeText('Invoice Number\tInvoice Date\tClient Code\tLine Total\r\nINV-1\t31/03/2026\tACME\tten pounds\r\n');
		expect(rejectedRows[0].message).toBe('Line 2, invoice INV-1: the Line Total "ten pounds" is not an amount. Invoice INV-1 is not imported; correct it in Streamtime and export it again.');
		expect(rejectedRows[0].column).toBe('Line Total');
	});

	test('a file with neither set of headings is refused with STREAMTIME_TYPE_UNKNOWN, naming the headings it has', () => {
		const error = failureOf(() => parseStreamtimeText('Timesheet export\nStaff\tDate\tHours\tJob\nAnna\t31/03/2026\t7.5\tJ-1\n'));
		expect(error.code).toBe('STREAMTIME_TYPE_UNKNOWN');
		expect(error.message).toContain('not a Streamtime invoice list or purchase-order list');
		expect(error.message).toContain('"Staff", "Date", "Hours", "Job"');
		expect(error.message).toContain('"Invoice Number", "Invoice Date", "Client Code", "Amount"');
		expect(error.headingsFound).toEqual(['Staff', 'Date', 'Hours', 'Job']);
		expect(error.failure).toEqual({ code: 'STREAMTIME_TYPE_UNKNOWN', message: error.message });
	});

	test('an empty file is refused with STREAMTIME_TYPE_UNKNOWN', () => {
		expect(failureOf(() => parseStreamtimeText('\r\n\r\n')).message).toContain('empty');
	});

	test('an invoice list without a column every invoice needs is refused with STREAMTIME_COLUMN_MISSING, naming it', () => {
		const error = failureOf(() => parseStreamtimeText('Invoice Number\tInvoice Date\tClient Name\tAmount\n1001\t31/03/2026\tAcme\t10.00\n'));
		expect(error.code).toBe('STREAMTIME_COLUMN_MISSING');
		expect(error.message).toContain('invoice list');
		expect(error.message).toContain('no "Client Code" column');
		expect(error.line).toBe(1);
	});

	test('the heading row is looked for near the top only', () => {
		const text = `${'Note\n'.repeat(60)}${INVOICE_HEADINGS}\n`;
		expect(failureOf(() => parseStreamtimeText(text)).code).toBe('STREAMTIME_TYPE_UNKNOWN');
	});

	test('a forced export type is the only one looked for', () => {
		expect(failureOf(() => parseStreamtimeText(`${ORDER_HEADINGS}\n`, { type: 'salesInvoices' })).code).toBe('STREAMTIME_TYPE_UNKNOWN');
		expect(parseStreamtimeText(`${ORDER_HEADINGS}\n`, { type: 'purchaseOrders' }).type).toBe('purchaseOrders');
	});

	test('a heading row that fits both lists equally is refused rather than guessed', () => {
		const columns = {
			salesInvoices: { documentNumber: 'Number', date: 'Date', partyCode: 'Code', net: 'Amount' },
			purchaseOrders: { documentNumber: 'Number', date: 'Date', partyCode: 'Code', net: 'Amount' },
		};
		const error = failureOf(() => parseStreamtimeText('Number\tDate\tCode\tAmount\n', { columns }));
		expect(error.code).toBe('STREAMTIME_TYPE_UNKNOWN');
		expect(error.message).toContain('fits both');
	});
});

describe('column headings a workflow can set', () => {
	test('an export with its own headings is read once they are named', () => {
		const text = 'Inv No\tRaised\tA/C\tCustomer\tNet\tVAT\nS-1\t31/03/2026\tACME\tAcme Ltd\t100.00\t20.00\n';
		expect(() => parseStreamtimeText(text)).toThrow(StreamtimeExportError);
		const result = parseStreamtimeText(text, {
			columns: { salesInvoices: { documentNumber: 'Inv No', date: 'Raised', partyCode: 'A/C', partyName: 'Customer', net: 'Net', taxAmount: ['VAT', 'Tax'] } },
		});
		expect(result.documents[0]).toMatchObject({
			type: 'salesInvoice',
			header: { number: 'S-1', date: '2026-03-31' },
			party: { code: 'ACME', name: 'Acme Ltd' },
			totals: { net: '100.00', tax: '20.00', gross: '120.00' },
		});
	});

	test('a heading the workflow gives one field is taken out of the other fields\' defaults', () => {
		const layout = exportLayout('salesInvoices', { salesInvoices: { partyName: 'Company', description: 'Client' } });
		expect(layout.headings.partyName).toEqual(['Company']);
		expect(layout.headings.description).toEqual(['Client']);
	});

	test('an unknown field or a heading given for two fields is a mistake in the workflow, said plainly', () => {
		expect(() => exportLayout('salesInvoices', { salesInvoices: { invoiceNo: 'Inv' } as never })).toThrow('"invoiceNo" is not a Streamtime column');
		expect(() => exportLayout('salesInvoices', { salesInvoices: { net: 'Amount', taxAmount: 'amount' } })).toThrow('given for both net and taxAmount');
		expect(() => exportLayout('salesInvoices', { salesInvoices: { net: ' ' } })).toThrow('is empty');
	});

	test('the default headings name each column once per export type', () => {
		for (const type of EXPORT_TYPES) {
			const seen = new Map<string, string>();
			for (const field of STREAMTIME_FIELDS) {
				for (const heading of DEFAULT_HEADINGS[type][field] ?? []) {
					expect(`${seen.get(normaliseHeading(heading)) ?? field}: ${heading}`).toBe(`${field}: ${heading}`);
					seen.set(normaliseHeading(heading), field);
				}
			}
		}
	});

	test('COLUMNS.md lists exactly the default headings and the required columns', () => {
		const markdown = readFileSync(path.join(__dirname, '../../../lib/sources/streamtime/COLUMNS.md'), 'utf8');
		const rows = markdown
			.split('\n')
			.filter((row) => /^\| `\w+` \|/.test(row))
			.map((row) => row.split('|').slice(1, -1).map((cell) => cell.trim()));
		const list = (cell: string) => (cell === '—' ? [] : cell.split(', '));
		expect(rows.map(([field]) => field.replace(/`/g, ''))).toEqual([...STREAMTIME_FIELDS]);
		for (const [field, , sales, orders, required] of rows) {
			const name = field.replace(/`/g, '') as (typeof STREAMTIME_FIELDS)[number];
			expect([name, list(sales)]).toEqual([name, DEFAULT_HEADINGS.salesInvoices[name] ?? []]);
			expect([name, list(orders)]).toEqual([name, DEFAULT_HEADINGS.purchaseOrders[name] ?? []]);
			expect([name, required === 'yes']).toEqual([name, exportLayout('salesInvoices').required.includes(name)]);
		}
	});
});

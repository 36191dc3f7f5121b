import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';

import type { LedgerDocument } from '../../../lib/model/document';
import {
	auditTrailCsv,
	auditTrailRows,
	checkAuditTrailDocuments,
	DEFAULT_AUDIT_TRAIL_OPTIONS,
	writeAuditTrailFile,
} from '../../../lib/targets/sage50/auditTrail';
import { Sage50FileError } from '../../../lib/targets/sage50/errors';
import { oneLine, purchaseInvoice, salesInvoice } from './fixtures';
import { parseCsv, readSageCsv, temporaryFolder } from './readers';

const HEADINGS = [
	'Type',
	'Account Reference',
	'Nominal A/C Ref',
	'Department Code',
	'Date',
	'Reference',
	'Details',
	'Net Amount',
	'Tax Code',
	'Tax Amount',
	'Exchange Rate',
	'Extra Reference',
	'User Name',
	'Project Refn',
	'Cost Code Refn',
];

const read = (documents: LedgerDocument[], options = DEFAULT_AUDIT_TRAIL_OPTIONS) => readSageCsv(auditTrailCsv(documents, options));

function errorOf(run: () => unknown): Sage50FileError {
	try {
		run();
	} catch (error) {
		if (error instanceof Sage50FileError) return error;
		throw error;
	}
	throw new Error('no Sage50FileError was thrown');
}

describe('the Sage 50 UK audit-trail transaction CSV', () => {
	test("starts with Sage's current headings exactly, comma-separated with no spaces, and ends every line with CRLF", () => {
		const bytes = auditTrailCsv([salesInvoice()]);
		const text = bytes.toString('latin1');
		expect(text.split('\r\n')[0]).toBe(HEADINGS.join(','));
		expect(text).not.toMatch(/, /);
		expect(text).not.toMatch(/[^\r]\n/);
		expect(text.endsWith('\r\n')).toBe(true);
	});

	test('a sales invoice becomes one SI row per line: its nominal code, net, T-code and VAT, under one Type, Account, Date and Reference', () => {
		expect(read([salesInvoice()]).rows).toEqual([
			['SI', 'ACME01', '4000', '', '31/03/2026', 'SI-1001', 'Design work', '100.00', 'T1', '20.00', '1', 'PO 7788', '', '', ''],
			['SI', 'ACME01', '4010', '', '31/03/2026', 'SI-1001', 'Print run', '50.00', 'T1', '10.00', '1', 'PO 7788', '', '', ''],
		]);
	});

	test('nominal and account codes are text: leading zeros stay', () => {
		const invoice = salesInvoice({ party: { code: '00042' } });
		invoice.lines = [{ net: '10.00', taxAmount: '0.00', taxCode: 'T0', account: '0010', description: 'Fee' }];
		invoice.totals = { net: '10.00', tax: '0.00', gross: '10.00' };
		const [row] = read([invoice]).byHeading;
		expect(row['Account Reference']).toBe('00042');
		expect(row['Nominal A/C Ref']).toBe('0010');
	});

	test('dates are DD/MM/YYYY, read from the YYYY-MM-DD text alone; a date that does not exist is refused', () => {
		const dated = (date: string) => read([salesInvoice({ header: { number: 'SI-1', date } })]).byHeading[0].Date;
		expect(dated('2026-01-05')).toBe('05/01/2026');
		expect(dated('2024-02-29')).toBe('29/02/2024');
		expect(dated('1999-12-31')).toBe('31/12/1999');
		const error = errorOf(() => auditTrailCsv([salesInvoice({ header: { number: 'SI-1', date: '2026-02-29' } })]));
		expect(error.code).toBe('SAGE_DATE_INVALID');
		expect(error.message).toBe(
			'Sales invoice SI-1: Sage 50 audit-trail transaction import column "Date" "2026-02-29" is not a calendar date written YYYY-MM-DD, e.g. 2026-03-31.',
		);
	});

	test('amounts have exactly two decimals and no float noise', () => {
		const invoice = salesInvoice();
		invoice.lines = [
			{ net: 100, taxAmount: 0.1, taxCode: 'T1', account: '4000' },
			{ net: '0.5', taxAmount: '0.2', taxCode: 'T1', account: '4000' },
			{ net: '99999999.99', taxAmount: '0', taxCode: 'T0', account: '4000' },
		];
		expect(read([invoice]).byHeading.map((row) => [row['Net Amount'], row['Tax Amount']])).toEqual([
			['100.00', '0.10'],
			['0.50', '0.20'],
			['99999999.99', '0.00'],
		]);
	});

	test('each document type has its Sage type; credit notes are positive (the type gives the direction) and a discount line keeps its minus', () => {
		const credit = oneLine('salesCredit', 'SC-1', '40.00', '8.00');
		const purchaseCredit = oneLine('purchaseCredit', 'PC-1', '12.00', '2.40', 'PAPER01');
		const expense = oneLine('expense', 'EX-1', '25.00', '0.00', 'JDOE');
		const discounted = salesInvoice({ header: { number: 'SI-2', date: '2026-03-31' } });
		discounted.lines = [
			{ description: 'Design work', net: '100.00', taxCode: 'T1', taxAmount: '20.00', account: '4000' },
			{ description: 'Loyalty discount', net: '-10.00', taxCode: 'T1', taxAmount: '-2.00', account: '4000' },
		];
		const rows = read([credit, purchaseInvoice(), purchaseCredit, expense, discounted]).byHeading;
		expect(rows.map((row) => [row.Type, row.Reference, row['Net Amount'], row['Tax Amount']])).toEqual([
			['SC', 'SC-1', '40.00', '8.00'],
			['PI', 'PI-2001', '80.00', '16.00'],
			['PC', 'PC-1', '12.00', '2.40'],
			['PI', 'EX-1', '25.00', '0.00'],
			['SI', 'SI-2', '100.00', '20.00'],
			['SI', 'SI-2', '-10.00', '-2.00'],
		]);
	});

	test('a receipt is SA and a payment PA (SR and PP cannot be imported): the gross to the bank nominal at T9, no VAT', () => {
		const receipt: LedgerDocument = {
			type: 'receipt',
			header: { number: 'RC-3001', date: '2026-04-15', reference: 'SI-1001', description: 'BACS from Acme' },
			party: { code: 'ACME01' },
			totals: { gross: '180.00' },
		};
		const payment: LedgerDocument = {
			type: 'supplierPayment',
			header: { number: 'PY-9', date: '2026-04-16', bank: { account: '1210' } },
			party: { code: 'PAPER01' },
			totals: { gross: '96.00' },
		};
		expect(read([receipt, payment]).rows).toEqual([
			['SA', 'ACME01', '1200', '', '15/04/2026', 'RC-3001', 'BACS from Acme', '180.00', 'T9', '0.00', '1', 'SI-1001', '', '', ''],
			['PA', 'PAPER01', '1210', '', '16/04/2026', 'PY-9', '', '96.00', 'T9', '0.00', '1', '', '', '', ''],
		]);
	});

	test('department, project, cost code and user name go to their columns; line values win over the header', () => {
		const invoice = purchaseInvoice({ header: { number: 'PI-7', date: '2026-03-28', department: '3', project: 'PRJ001' } });
		invoice.lines = [
			{ net: '10.00', taxAmount: '2.00', taxCode: 'T1', account: '5000', costCentre: 'MAT' },
			{ net: '5.00', taxAmount: '1.00', taxCode: 'T1', account: '5000', department: '12', project: 'PRJ002', costCentre: 'LAB' },
		];
		const rows = read([invoice], { ...DEFAULT_AUDIT_TRAIL_OPTIONS, userName: 'LEDGERBRIDGE' }).byHeading;
		expect(rows.map((row) => [row['Department Code'], row['Project Refn'], row['Cost Code Refn'], row['User Name']])).toEqual([
			['3', 'PRJ001', 'MAT', 'LEDGERBRIDGE'],
			['12', 'PRJ002', 'LAB', 'LEDGERBRIDGE'],
		]);
	});

	test('the rows of each document are consecutive and share Type, Account, Date and Reference, so Sage groups each under one header', () => {
		const documents = [salesInvoice(), purchaseInvoice(), salesInvoice({ header: { number: 'SI-1002', date: '2026-03-31' } })];
		const rows = read(documents).byHeading;
		const keys = rows.map((row) => [row.Type, row['Account Reference'], row.Date, row.Reference].join('|'));
		expect(keys).toEqual([
			'SI|ACME01|31/03/2026|SI-1001',
			'SI|ACME01|31/03/2026|SI-1001',
			'PI|PAPER01|28/03/2026|PI-2001',
			'SI|ACME01|31/03/2026|SI-1002',
			'SI|ACME01|31/03/2026|SI-1002',
		]);
		// Once a key's run of rows ends, it never comes back.
		const finished = new Set<string>();
		keys.forEach((key, index) => {
			expect(finished.has(key)).toBe(false);
			if (keys[index + 1] !== key) finished.add(key);
		});
	});

	test('£, € and curly quotes are single Windows-1252 bytes and read back unchanged', () => {
		const invoice = salesInvoice();
		invoice.lines = [{ description: 'Café “deluxe” – £5 or €6', net: '5.00', taxAmount: '1.00', taxCode: 'T1', account: '4000' }];
		const bytes = auditTrailCsv([invoice]);
		const row = bytes.subarray(bytes.indexOf('\r\n') + 2);
		const details = row.indexOf(Buffer.from('Caf', 'latin1'));
		expect([...row.subarray(details, details + 24)]).toEqual([
			0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x64, 0x65, 0x6c, 0x75, 0x78, 0x65, 0x94, 0x20, 0x96, 0x20, 0xa3, 0x35, 0x20, 0x6f, 0x72, 0x20, 0x80, 0x36,
		]);
		expect(readSageCsv(bytes).byHeading[0].Details).toBe('Café “deluxe” – £5 or €6');
	});

	test('a cell with a comma, a quote or an edge space is quoted with inner quotes doubled, and reads back unchanged', () => {
		const awkward = ['Design, artwork', 'The "Best" print', ' indented', 'Plain'];
		const invoice = salesInvoice();
		invoice.lines = awkward.map((description) => ({ description, net: '1.00', taxAmount: '0.00', taxCode: 'T0', account: '4000' }));
		const text = auditTrailCsv([invoice]).toString('latin1');
		expect(text).toContain(',"Design, artwork",');
		expect(text).toContain(',"The ""Best"" print",');
		expect(text).toContain(',Plain,');
		expect(parseCsv(text).slice(1).map((row) => row[6])).toEqual(awkward);
	});

	test('a foreign-currency invoice carries its exchange rate; without one it is refused; a foreign receipt cannot be imported at all', () => {
		const euro = salesInvoice({ header: { number: 'SI-EU', date: '2026-03-31', currency: 'EUR', exchangeRate: '1.1634' } });
		expect(read([euro]).byHeading[0]['Exchange Rate']).toBe('1.1634');

		const noRate = errorOf(() => auditTrailCsv([salesInvoice({ header: { number: 'SI-EU', date: '2026-03-31', currency: 'EUR' } })]));
		expect(noRate.code).toBe('SAGE_VALUE_MISSING');
		expect(noRate.message).toContain('Sales invoice SI-EU: Sage 50 audit-trail transaction import column "Exchange Rate" has no value');

		const receipt: LedgerDocument = { type: 'receipt', header: { number: 'RC-EU', date: '2026-04-15', currency: 'EUR' }, party: { code: 'ACME01' }, totals: { gross: '5.00' } };
		expect(errorOf(() => auditTrailCsv([receipt])).code).toBe('SAGE_DOCUMENT_NOT_SUPPORTED');
	});
});

describe('what does not fit is a typed error naming the document, the column and the value; nothing is cut', () => {
	const withLine = (changes: Record<string, unknown>) => {
		const invoice = salesInvoice();
		invoice.lines = [{ description: 'Work', net: '10.00', taxAmount: '2.00', taxCode: 'T1', account: '4000', ...changes }];
		return invoice;
	};

	test.each([
		[
			'an account code over 8 characters',
			salesInvoice({ party: { code: 'ACMECAFE01' } }),
			'SAGE_VALUE_TOO_WIDE',
			'Sales invoice SI-1001: Sage 50 audit-trail transaction import column "Account Reference" "ACMECAFE01" is 10 characters, but the column holds 8',
		],
		[
			'an account code in lower case',
			salesInvoice({ party: { code: 'acme01' } }),
			'SAGE_CHARACTER_NOT_ALLOWED',
			'Sales invoice SI-1001: Sage 50 audit-trail transaction import column "Account Reference" "acme01" contains "a", "c", "m", "e"; the column takes only the capital letters A–Z and the digits 0–9, without spaces.',
		],
		[
			'a net amount over 8 digits',
			withLine({ net: '100000000.00' }),
			'SAGE_AMOUNT_TOO_LARGE',
			'Sales invoice SI-1001: Sage 50 audit-trail transaction import column "Net Amount" "100000000.00" has 9 digits before the point, but the column holds 8 (at most 99999999.99)',
		],
		[
			'a tenth of a penny',
			withLine({ taxAmount: '2.005' }),
			'SAGE_TOO_MANY_DECIMALS',
			'Sales invoice SI-1001: Sage 50 audit-trail transaction import column "Tax Amount" "2.005" has 3 decimal places, but the column has 2',
		],
		[
			'a character with no Windows-1252 byte',
			withLine({ description: 'Coffee ☕' }),
			'SAGE_CHARACTER_NOT_CP1252',
			'Sales invoice SI-1001: Sage 50 audit-trail transaction import column "Details" "Coffee ☕" the character "☕" (U+2615) has no Windows-1252 byte',
		],
		['a line break in the details', withLine({ description: 'Line one\r\nline two' }), 'SAGE_CHARACTER_NOT_ALLOWED', 'contains the control character U+000D'],
		['details over 60 characters', withLine({ description: 'x'.repeat(61) }), 'SAGE_VALUE_TOO_WIDE', 'is 61 characters, but the column holds 60'],
		['a tax code outside T0–T99', withLine({ taxCode: 'T100' }), 'SAGE_VALUE_NOT_ALLOWED', 'column "Tax Code" "T100" is not accepted here'],
		['a line without a tax code (Sage would read T0)', withLine({ taxCode: undefined }), 'SAGE_VALUE_MISSING', 'column "Tax Code" has no value'],
		['a department outside 0–999', withLine({ department: '1000' }), 'SAGE_VALUE_NOT_ALLOWED', 'column "Department Code" "1000" is outside 0–999'],
		['a customer record', { type: 'customer', party: { code: 'ACME01', name: 'Acme' } } as LedgerDocument, 'SAGE_DOCUMENT_NOT_SUPPORTED', 'write customer records to the Sage 50 customer record file'],
	])('%s', (_name, document, code, message) => {
		const error = errorOf(() => auditTrailCsv([document]));
		expect(error.code).toBe(code);
		expect(error.message).toContain(message);
	});

	test('the error carries the document, column and value for a workflow to branch on', () => {
		const error = errorOf(() => auditTrailRows(salesInvoice({ party: { code: 'ACMECAFE01' } })));
		expect(error.details).toEqual({
			layout: 'ukAuditTrail',
			document: 'Sales invoice SI-1001',
			column: 'Account Reference',
			value: 'ACMECAFE01',
		});
	});

	test('two documents Sage would merge (same account, date and reference) are refused; the check rejects the second as DUPLICATE_IN_BATCH and keeps the first', () => {
		const first = salesInvoice();
		const second = oneLine('salesInvoice', 'SI-1001', '5.00', '1.00');
		expect(errorOf(() => auditTrailCsv([first, second])).code).toBe('SAGE_DOCUMENTS_WOULD_MERGE');
		const [kept, rejected] = checkAuditTrailDocuments([first, second]);
		expect(kept.rows).toHaveLength(2);
		expect(rejected.rows).toEqual([]);
		expect(rejected.failures).toEqual([
			{
				code: 'DUPLICATE_IN_BATCH',
				message:
					'Sales invoice SI-1001 (item 2) and sales invoice SI-1001 (item 1) have the same account ACME01, date 31/03/2026 and reference SI-1001, so Sage would import them as one; give one of them its own reference.',
			},
		]);
	});

	test('the per-document check lists every problem of a document with its import-log failure code', () => {
		const invoice = salesInvoice({ party: { code: 'ACMECAFE01' } });
		invoice.lines = [
			{ net: '100000000.00', taxAmount: '0.00', taxCode: 'T1', account: '4000' },
			{ net: '1.00', taxAmount: '0.00', account: '4000' },
			{ net: '1.00', taxAmount: '0.00', taxCode: 'S', account: '4000' },
			{ net: '1.00', taxAmount: '0.00', taxCode: 'T1' },
		];
		const [check] = checkAuditTrailDocuments([invoice, salesInvoice({ header: { number: 'SI-2', date: '2026-03-31' } })]);
		expect(check.failures.map((failure) => [failure.code, failure.field])).toEqual([
			['FIELD_TOO_LONG', 'Account Reference'],
			['VALUE_DOES_NOT_FIT', 'Net Amount'],
			['TAX_CODE_MISSING', 'Tax Code'],
			['TAX_CODE_NOT_ALLOWED', 'Tax Code'],
			['ACCOUNT_CODE_MISSING', 'Nominal A/C Ref'],
		]);
	});
});

describe('writing the audit-trail file into the folder Sage imports from', () => {
	const { folder, remove } = temporaryFolder();
	afterAll(remove);

	test('AUDIT_<stamp>.csv appears complete, with the bytes the CSV has', async () => {
		const written = await writeAuditTrailFile(folder, [salesInvoice(), purchaseInvoice()], { ...DEFAULT_AUDIT_TRAIL_OPTIONS, stamp: '20260331T101500_ab12' });
		expect(written).toEqual({ path: path.join(folder, 'AUDIT_20260331T101500_ab12.csv'), rowCount: 3, bytes: auditTrailCsv([salesInvoice(), purchaseInvoice()]).length });
		expect(readFileSync(written.path)).toEqual(auditTrailCsv([salesInvoice(), purchaseInvoice()]));
		expect(readdirSync(folder)).toEqual(['AUDIT_20260331T101500_ab12.csv']);
	});

	test('an existing file is left alone (SAGE_FILE_EXISTS) unless overwrite is asked for', async () => {
		const target = path.join(folder, 'AUDIT_20260401T090000_0000.csv');
		writeFileSync(target, 'not yet imported');
		const options = { ...DEFAULT_AUDIT_TRAIL_OPTIONS, stamp: '20260401T090000_0000' };
		const error = await writeAuditTrailFile(folder, [salesInvoice()], options).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(Sage50FileError);
		expect((error as Sage50FileError).code).toBe('SAGE_FILE_EXISTS');
		expect(readFileSync(target, 'latin1')).toBe('not yet imported');
		await writeAuditTrailFile(folder, [salesInvoice()], { ...options, overwrite: true });
		expect(readFileSync(target)).toEqual(auditTrailCsv([salesInvoice()]));
	});

	test('a document that does not fit leaves no file and no temporary file behind', async () => {
		const before = readdirSync(folder).sort();
		const error = await writeAuditTrailFile(folder, [salesInvoice(), salesInvoice({ party: { code: 'ACMECAFE01' }, header: { number: 'SI-9', date: '2026-03-31' } })], {
			...DEFAULT_AUDIT_TRAIL_OPTIONS,
			stamp: '20260402T090000_0000',
		}).catch((caught: unknown) => caught);
		expect((error as Sage50FileError).code).toBe('SAGE_VALUE_TOO_WIDE');
		expect(existsSync(path.join(folder, 'AUDIT_20260402T090000_0000.csv'))).toBe(false);
		expect(readdirSync(folder).sort()).toEqual(before);
	});
});

describe('a property: whatever the invoices, the CSV read back adds up to each document exactly', () => {
	// Pence as text, from the integer alone: "-1234" pence is "-12.34".
	const pounds = (pence: number) => `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;
	// And back, from the text alone: no parseFloat between the file and the comparison.
	const pence = (text: string) => {
		const match = /^(-?)(\d+)\.(\d{2})$/.exec(text);
		if (!match) throw new Error(`not a two-decimal amount: ${text}`);
		return (match[1] ? -1n : 1n) * (BigInt(match[2]) * 100n + BigInt(match[3]));
	};

	const line = fc.record({
		net: fc.integer({ min: -9_999_999_99, max: 9_999_999_99 }),
		tax: fc.integer({ min: -1_999_999_99, max: 1_999_999_99 }),
		nominal: fc.stringMatching(/^[0-9]{4,8}$/),
		taxCode: fc.integer({ min: 0, max: 99 }).map((code) => `T${code}`),
	});
	const invoice = fc.record({
		type: fc.constantFrom('salesInvoice' as const, 'salesCredit' as const, 'purchaseInvoice' as const, 'purchaseCredit' as const),
		account: fc.stringMatching(/^[A-Z0-9]{1,8}$/),
		day: fc.integer({ min: 1, max: 28 }),
		lines: fc.array(line, { minLength: 1, maxLength: 12 }),
	});

	test('sum of Net Amount and Tax Amount per Type+Account+Date+Reference equals the document net and tax', () => {
		fc.assert(
			fc.property(fc.array(invoice, { minLength: 1, maxLength: 8 }), (drafts) => {
				const documents: LedgerDocument[] = drafts.map((draft, index) => {
					const net = draft.lines.reduce((sum, entry) => sum + entry.net, 0);
					const tax = draft.lines.reduce((sum, entry) => sum + entry.tax, 0);
					return {
						type: draft.type,
						header: { number: `DOC-${index + 1}`, date: `2026-02-${String(draft.day).padStart(2, '0')}` },
						party: { code: draft.account },
						lines: draft.lines.map((entry) => ({ net: pounds(entry.net), taxAmount: pounds(entry.tax), taxCode: entry.taxCode, account: entry.nominal })),
						totals: { net: pounds(net), tax: pounds(tax), gross: pounds(net + tax) },
					};
				});
				const { byHeading } = readSageCsv(auditTrailCsv(documents));
				expect(byHeading).toHaveLength(drafts.reduce((count, draft) => count + draft.lines.length, 0));

				const sums = new Map<string, { net: bigint; tax: bigint }>();
				let previous = '';
				for (const row of byHeading) {
					const key = [row.Type, row['Account Reference'], row.Date, row.Reference].join('|');
					// A key that reappears after another one would be a second header in Sage.
					if (key !== previous) expect(sums.has(key)).toBe(false);
					previous = key;
					const sum = sums.get(key) ?? { net: 0n, tax: 0n };
					sums.set(key, { net: sum.net + pence(row['Net Amount']), tax: sum.tax + pence(row['Tax Amount']) });
				}
				expect(sums.size).toBe(documents.length);
				documents.forEach((document) => {
					const type = { salesInvoice: 'SI', salesCredit: 'SC', purchaseInvoice: 'PI', purchaseCredit: 'PC' }[document.type as 'salesInvoice'];
					const [year, month, day] = (document.header?.date ?? '').split('-');
					const key = [type, document.party?.code, `${day}/${month}/${year}`, document.header?.number].join('|');
					expect(sums.get(key)).toEqual({ net: pence(String(document.totals?.net)), tax: pence(String(document.totals?.tax)) });
				});
			}),
			{ numRuns: 200 },
		);
	});
});

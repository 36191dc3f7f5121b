import fc from 'fast-check';

import { Decimal } from '../../lib/model/decimal';
import { TRANSACTION_TYPES, type LedgerDocument } from '../../lib/model/document';
import { currencyDecimals, documentSchema, isCalendarDate, validateDocument } from '../../lib/model/validate';
import {
	asInput,
	centsText,
	codesOf,
	customerReceipt,
	customerRecord,
	failureWith,
	purchaseInvoice,
	salesInvoice,
} from './fixtures';

/** One failure with this code; the test fails with the full list when it is missing. */
function onlyFailure(input: unknown) {
	const { failures } = validateDocument(input);
	expect(failures).toHaveLength(1);
	return failures[0];
}

describe('a well-formed document passes validation', () => {
	test('sales invoice INV-1001 for Acme Ltd validates with no failures and comes back as it went in', () => {
		const input = salesInvoice();
		const result = validateDocument(input);
		expect(result.failures).toEqual([]);
		expect(result.document).toEqual(salesInvoice());
	});

	test('a purchase invoice, a customer receipt and a customer record validate with no failures', () => {
		expect(validateDocument(purchaseInvoice()).failures).toEqual([]);
		expect(validateDocument(customerReceipt()).failures).toEqual([]);
		expect(validateDocument(customerRecord()).failures).toEqual([]);
	});

	test('amounts may be JSON numbers: a line of 100 with 20 tax and totals 100/20/120 validate', () => {
		const input = asInput(salesInvoice());
		input.lines = [{ net: 100, taxAmount: 20, account: '4000' }];
		input.totals = { net: 100, tax: 20, gross: 120 };
		expect(validateDocument(input).failures).toEqual([]);
	});

	test('a line without a tax amount counts as no tax', () => {
		const input = salesInvoice();
		input.lines = [{ net: '100.00', account: '4000' }];
		input.totals = { net: '100.00', tax: '0.00', gross: '100.00' };
		expect(validateDocument(input).failures).toEqual([]);
	});

	test('a report written by an earlier Ledger Mapping run and data under "extra" are accepted', () => {
		const input = asInput(salesInvoice());
		input.report = { mapped: [] };
		input.extra = { streamtimeJobNumber: 'J-77' };
		expect(validateDocument(input).failures).toEqual([]);
	});
});

describe('input that is not a document is rejected with DOCUMENT_NOT_AN_OBJECT', () => {
	test.each([
		['null', null],
		['a list', [salesInvoice()]],
		['a string', 'INV-1001'],
		['a number', 42],
		['undefined', undefined],
	])('%s is rejected with DOCUMENT_NOT_AN_OBJECT', (_label, input) => {
		const result = validateDocument(input);
		expect(result.document).toBeUndefined();
		expect(result.failures).toEqual([
			{
				code: 'DOCUMENT_NOT_AN_OBJECT',
				message: 'This item is not a ledger document: expected a JSON object with a "type".',
			},
		]);
	});
});

describe('schema errors map to failure codes that name the field', () => {
	test('a document without a type is rejected with DOCUMENT_TYPE_UNKNOWN', () => {
		const input = asInput(salesInvoice());
		delete input.type;
		const failure = failureWith(validateDocument(input).failures, 'DOCUMENT_TYPE_UNKNOWN');
		expect(failure.field).toBe('type');
		expect(failure.message).toContain('has no "type"');
	});

	test('a misspelt type "salesInvoce" is rejected with DOCUMENT_TYPE_UNKNOWN listing the types', () => {
		const input = { ...asInput(salesInvoice()), type: 'salesInvoce' };
		const failure = onlyFailure(input);
		expect(failure.code).toBe('DOCUMENT_TYPE_UNKNOWN');
		expect(failure.field).toBe('type');
		expect(failure.message).toContain('the type must be one of salesInvoice, salesCredit, purchaseInvoice');
		expect(failure.message).toContain('customer, supplier');
	});

	test('an invoice without a number is rejected with FIELD_REQUIRED on "header.number"', () => {
		const input = salesInvoice();
		delete input.header!.number;
		expect(onlyFailure(input)).toEqual({
			code: 'FIELD_REQUIRED',
			field: 'header.number',
			message: 'Sales invoice (no number): header.number is required but missing.',
		});
	});

	test('an invoice without a date is rejected with FIELD_REQUIRED on "header.date"', () => {
		const input = salesInvoice();
		delete input.header!.date;
		const failure = onlyFailure(input);
		expect(failure.code).toBe('FIELD_REQUIRED');
		expect(failure.field).toBe('header.date');
		expect(failure.message).toBe('Sales invoice INV-1001: header.date is required but missing.');
	});

	test('an invoice without a party, lines and totals gets one FIELD_REQUIRED for each', () => {
		const input = asInput(salesInvoice());
		delete input.party;
		delete input.lines;
		delete input.totals;
		const { failures } = validateDocument(input);
		expect(failures.map((failure) => [failure.code, failure.field])).toEqual([
			['FIELD_REQUIRED', 'party'],
			['FIELD_REQUIRED', 'lines'],
			['FIELD_REQUIRED', 'totals'],
		]);
	});

	test('totals without a gross are rejected with FIELD_REQUIRED on "totals.gross"', () => {
		const input = salesInvoice();
		delete input.totals!.gross;
		expect(onlyFailure(input)).toMatchObject({ code: 'FIELD_REQUIRED', field: 'totals.gross' });
	});

	test('a second line without a net amount is rejected with FIELD_REQUIRED on "lines[1].net"', () => {
		const input = asInput(salesInvoice());
		delete (input.lines as Array<Record<string, unknown>>)[1].net;
		expect(onlyFailure(input)).toEqual({
			code: 'FIELD_REQUIRED',
			field: 'lines[1].net',
			message: 'Sales invoice INV-1001: lines[1].net is required but missing.',
		});
	});

	test('a typing mistake "totalls" is rejected with FIELD_UNKNOWN, and the missing totals with FIELD_REQUIRED', () => {
		const { totals, ...rest } = asInput(salesInvoice());
		const input = { ...rest, totalls: totals };
		const { failures } = validateDocument(input);
		expect(codesOf(failures).sort()).toEqual(['FIELD_REQUIRED', 'FIELD_UNKNOWN']);
		const unknown = failureWith(failures, 'FIELD_UNKNOWN');
		expect(unknown.field).toBe('totalls');
		expect(unknown.message).toBe(
			'Sales invoice INV-1001: "totalls" is not a field of a ledger document (check the spelling; put other data under "extra").',
		);
		expect(failureWith(failures, 'FIELD_REQUIRED').field).toBe('totals');
	});

	test('an unknown field on a line ("acount") is named with its line', () => {
		const input = asInput(salesInvoice());
		(input.lines as Array<Record<string, unknown>>)[0].acount = '4000';
		expect(onlyFailure(input)).toMatchObject({ code: 'FIELD_UNKNOWN', field: 'lines[0].acount' });
	});

	test('an invoice with an empty list of lines is rejected with LINES_MISSING', () => {
		const input = salesInvoice();
		input.lines = [];
		expect(onlyFailure(input)).toEqual({
			code: 'LINES_MISSING',
			field: 'lines',
			message: 'Sales invoice INV-1001: the document has no lines.',
		});
	});

	test('a three-letter country code "GBR" is rejected with FIELD_INVALID on the address', () => {
		const input = salesInvoice();
		input.party!.addresses = [{ city: 'Leeds', country: 'GBR' }];
		expect(onlyFailure(input)).toMatchObject({ code: 'FIELD_INVALID', field: 'party.addresses[0].country' });
	});

	test('a schemaVersion other than 1 is rejected with FIELD_INVALID', () => {
		const input = { ...asInput(salesInvoice()), schemaVersion: 2 };
		expect(onlyFailure(input)).toMatchObject({ code: 'FIELD_INVALID', field: 'schemaVersion' });
	});

	test('an empty document number is rejected with FIELD_INVALID on "header.number"', () => {
		const input = salesInvoice();
		input.header!.number = '';
		expect(onlyFailure(input)).toMatchObject({ code: 'FIELD_INVALID', field: 'header.number' });
	});
});

describe('amounts must be plain decimal numbers (AMOUNT_INVALID)', () => {
	test('a line net of "12,50" (decimal comma) is rejected with AMOUNT_INVALID naming the line', () => {
		const input = salesInvoice();
		input.lines![0].net = '12,50';
		expect(onlyFailure(input)).toEqual({
			code: 'AMOUNT_INVALID',
			field: 'lines[0].net',
			message: 'Sales invoice INV-1001: lines[0].net is not an amount (use digits and a dot, e.g. 1234.50).',
		});
	});

	test('a gross total of "£12" (currency sign) is rejected with AMOUNT_INVALID', () => {
		const input = salesInvoice();
		input.totals!.gross = '£12';
		expect(onlyFailure(input)).toMatchObject({ code: 'AMOUNT_INVALID', field: 'totals.gross' });
	});

	test('a tax amount given as true and a quantity given as a list are rejected with AMOUNT_INVALID', () => {
		const input = asInput(salesInvoice());
		const lines = input.lines as Array<Record<string, unknown>>;
		lines[0].taxAmount = true;
		lines[1].quantity = [2];
		const { failures } = validateDocument(input);
		expect(failures.map((failure) => [failure.code, failure.field])).toEqual([
			['AMOUNT_INVALID', 'lines[0].taxAmount'],
			['AMOUNT_INVALID', 'lines[1].quantity'],
		]);
	});

	test('an exchange rate of "1,17" is rejected with AMOUNT_INVALID', () => {
		const input = salesInvoice();
		input.header!.exchangeRate = '1,17';
		expect(onlyFailure(input)).toMatchObject({ code: 'AMOUNT_INVALID', field: 'header.exchangeRate' });
	});
});

describe('dates must be real calendar dates written YYYY-MM-DD (DATE_INVALID)', () => {
	test('a date written "31/03/2026" is rejected with DATE_INVALID', () => {
		const input = salesInvoice();
		input.header!.date = '31/03/2026';
		expect(onlyFailure(input)).toEqual({
			code: 'DATE_INVALID',
			field: 'header.date',
			message: 'Sales invoice INV-1001: header.date must be a date written YYYY-MM-DD.',
		});
	});

	test('30 February ("2026-02-30") is rejected with DATE_INVALID: it is not a real calendar date', () => {
		const input = salesInvoice();
		input.header!.date = '2026-02-30';
		expect(onlyFailure(input)).toEqual({
			code: 'DATE_INVALID',
			field: 'header.date',
			message: 'Sales invoice INV-1001: header.date 2026-02-30 is not a real calendar date.',
		});
	});

	test('a due date in month 13 and a tax date with a time are rejected with DATE_INVALID', () => {
		const input = salesInvoice();
		input.header!.dueDate = '2026-13-01';
		input.header!.taxDate = '2026-03-31T00:00:00Z';
		const { failures } = validateDocument(input);
		expect(failures.map((failure) => [failure.code, failure.field])).toEqual([
			['DATE_INVALID', 'header.taxDate'],
		]);
		// The time is caught by the schema first; the month 13 is reported once the schema passes.
		delete input.header!.taxDate;
		expect(onlyFailure(input)).toMatchObject({ code: 'DATE_INVALID', field: 'header.dueDate' });
	});

	test('29 February is a date only in a leap year', () => {
		expect(isCalendarDate('2028-02-29')).toBe(true);
		expect(isCalendarDate('2026-02-29')).toBe(false);
		expect(isCalendarDate('2100-02-29')).toBe(false);
		expect(isCalendarDate('2000-02-29')).toBe(true);
		expect(isCalendarDate('2026-04-31')).toBe(false);
		expect(isCalendarDate('2026-00-10')).toBe(false);
		expect(isCalendarDate('2026-3-31')).toBe(false);
	});
});

describe('amounts may not have more decimals than the currency (AMOUNT_PRECISION)', () => {
	test('a GBP line of "10.005" (3 decimals) is rejected with AMOUNT_PRECISION', () => {
		const input = salesInvoice();
		input.lines = [{ net: '10.005', account: '4000' }];
		input.totals = { net: '10.005', tax: '0', gross: '10.005' };
		const { failures } = validateDocument(input);
		expect(codesOf(failures)).toEqual(['AMOUNT_PRECISION', 'AMOUNT_PRECISION', 'AMOUNT_PRECISION']);
		expect(failures[0]).toEqual({
			code: 'AMOUNT_PRECISION',
			field: 'lines[0].net',
			message: 'Sales invoice INV-1001: lines[0].net 10.005 has more than 2 decimal places for GBP.',
		});
		expect(failures.map((failure) => failure.field)).toEqual(['lines[0].net', 'totals.net', 'totals.gross']);
	});

	test('the float noise of 0.1 + 0.2 (0.30000000000000004) is rejected with AMOUNT_PRECISION, not rounded to 0.30', () => {
		const input = asInput(salesInvoice());
		input.lines = [{ net: 0.1 + 0.2, account: '4000' }];
		input.totals = { net: '0.30', tax: '0.00', gross: '0.30' };
		const failure = onlyFailure(input);
		expect(failure.code).toBe('AMOUNT_PRECISION');
		expect(failure.field).toBe('lines[0].net');
		expect(failure.message).toContain('0.30000000000000004');
	});

	test('JPY has no decimals: a line of 10.5 JPY is rejected, 1050 JPY is accepted', () => {
		const input = salesInvoice();
		input.header!.currency = 'JPY';
		input.lines = [{ net: '10.5', account: '4000' }];
		input.totals = { net: '10.5', tax: '0', gross: '10.5' };
		const failure = failureWith(validateDocument(input).failures, 'AMOUNT_PRECISION');
		expect(failure.message).toBe('Sales invoice INV-1001: lines[0].net 10.5 has more than 0 decimal places for JPY.');

		input.lines = [{ net: '1050', account: '4000' }];
		input.totals = { net: '1050', tax: '0', gross: '1050' };
		expect(validateDocument(input).failures).toEqual([]);
	});

	test('the currency code is read in any case: "jpy" has no decimals either', () => {
		const input = salesInvoice();
		input.header!.currency = 'jpy';
		input.lines = [{ net: '0.5', account: '4000' }];
		input.totals = { net: '0.5', tax: '0', gross: '0.5' };
		expect(failureWith(validateDocument(input).failures, 'AMOUNT_PRECISION').message).toContain('for JPY');
	});

	test('KWD has 3 decimals: 10.125 KWD is accepted, 10.1255 KWD is rejected', () => {
		const input = salesInvoice();
		input.header!.currency = 'KWD';
		input.lines = [{ net: '10.125', taxAmount: '0.500', account: '4000' }];
		input.totals = { net: '10.125', tax: '0.500', gross: '10.625' };
		expect(validateDocument(input).failures).toEqual([]);

		input.lines[0].net = '10.1255';
		expect(failureWith(validateDocument(input).failures, 'AMOUNT_PRECISION').field).toBe('lines[0].net');
	});

	test('a document with no currency uses 2 decimals and says "the base currency"', () => {
		const input = salesInvoice();
		delete input.header!.currency;
		input.lines![0].taxAmount = '20.001';
		const failure = failureWith(validateDocument(input).failures, 'AMOUNT_PRECISION');
		expect(failure.field).toBe('lines[0].taxAmount');
		expect(failure.message).toBe(
			'Sales invoice INV-1001: lines[0].taxAmount 20.001 has more than 2 decimal places for the base currency.',
		);
	});

	test('trailing zeros are not extra decimals: "100.000" GBP is a whole amount', () => {
		const input = salesInvoice();
		input.lines![0].net = '100.000';
		expect(validateDocument(input).failures).toEqual([]);
	});

	test('quantities and unit prices may have more decimals than the currency', () => {
		const input = salesInvoice();
		input.lines![0].quantity = '2.5';
		input.lines![0].unitPrice = '40.0000';
		input.header!.exchangeRate = '1.174365';
		expect(validateDocument(input).failures).toEqual([]);
	});

	test('currencyDecimals knows the exceptions to 2 decimals', () => {
		expect(currencyDecimals('GBP')).toBe(2);
		expect(currencyDecimals('EUR')).toBe(2);
		expect(currencyDecimals('JPY')).toBe(0);
		expect(currencyDecimals('krw')).toBe(0);
		expect(currencyDecimals('BHD')).toBe(3);
		expect(currencyDecimals(undefined)).toBe(2);
	});
});

describe('lines must add up to the totals exactly', () => {
	test('a net total one penny off is rejected with TOTALS_NET_MISMATCH naming the invoice and both amounts', () => {
		const input = salesInvoice();
		input.totals = { net: '150.01', tax: '30.00', gross: '180.01' };
		expect(onlyFailure(input)).toEqual({
			code: 'TOTALS_NET_MISMATCH',
			field: 'totals.net',
			message: 'Sales invoice INV-1001: the lines add up to 150.00 net but the net total is 150.01.',
		});
	});

	test('a tax total that is not the sum of the line tax is rejected with TOTALS_TAX_MISMATCH', () => {
		const input = salesInvoice();
		input.totals = { net: '150.00', tax: '29.99', gross: '179.99' };
		expect(onlyFailure(input)).toEqual({
			code: 'TOTALS_TAX_MISMATCH',
			field: 'totals.tax',
			message: 'Sales invoice INV-1001: the line tax adds up to 30.00 but the tax total is 29.99.',
		});
	});

	test('a gross total that is not net + tax is rejected with TOTALS_GROSS_MISMATCH', () => {
		const input = salesInvoice();
		input.totals!.gross = '180.10';
		expect(onlyFailure(input)).toEqual({
			code: 'TOTALS_GROSS_MISMATCH',
			field: 'totals.gross',
			message: 'Sales invoice INV-1001: net 150.00 + tax 30.00 is 180.00, but the gross total is 180.10.',
		});
	});

	test('a difference is never rounded away: three lines of 33.33 do not make 100.00', () => {
		const input = salesInvoice();
		input.lines = [0, 1, 2].map(() => ({ net: '33.33', account: '4000' }));
		input.totals = { net: '100.00', tax: '0.00', gross: '100.00' };
		expect(onlyFailure(input).message).toBe(
			'Sales invoice INV-1001: the lines add up to 99.99 net but the net total is 100.00.',
		);
	});

	test('lines of 0.10, 0.20 and 0.30 sent as JSON numbers add up to exactly 0.60', () => {
		const input = asInput(salesInvoice());
		input.lines = [{ net: 0.1 }, { net: 0.2 }, { net: 0.3 }];
		input.totals = { net: 0.6, tax: 0, gross: 0.6 };
		expect(validateDocument(input).failures).toEqual([]);
	});

	test('a purchase credit note with negative amounts validates when they add up', () => {
		const input = purchaseInvoice();
		input.type = 'purchaseCredit';
		input.lines = [{ net: '-80.00', taxAmount: '-16.00', account: '5000' }];
		input.totals = { net: '-80.00', tax: '-16.00', gross: '-96.00' };
		expect(validateDocument(input).failures).toEqual([]);
	});
});

describe('payments and master records have their own required fields', () => {
	test('a receipt needs totals.gross but no lines', () => {
		const input = customerReceipt();
		expect(validateDocument(input).failures).toEqual([]);
		input.totals = {};
		expect(onlyFailure(input)).toEqual({
			code: 'FIELD_REQUIRED',
			field: 'totals.gross',
			message: 'Customer receipt RC-3001: totals.gross is required but missing.',
		});
	});

	test('a supplier payment without totals is rejected with FIELD_REQUIRED on "totals"', () => {
		const input = asInput(customerReceipt());
		input.type = 'supplierPayment';
		delete input.totals;
		expect(onlyFailure(input)).toMatchObject({ code: 'FIELD_REQUIRED', field: 'totals' });
	});

	test('a receipt gross of 0.001 GBP is rejected with AMOUNT_PRECISION', () => {
		const input = customerReceipt();
		input.totals = { gross: '180.001' };
		expect(onlyFailure(input)).toMatchObject({ code: 'AMOUNT_PRECISION', field: 'totals.gross' });
	});

	test('a customer record needs party.code and party.name and nothing else', () => {
		expect(validateDocument({ type: 'customer', party: { code: 'ACME', name: 'Acme Ltd' } }).failures).toEqual([]);
		expect(onlyFailure({ type: 'customer', party: { code: 'ACME' } })).toEqual({
			code: 'FIELD_REQUIRED',
			field: 'party.name',
			message: 'Customer ACME: party.name is required but missing.',
		});
		expect(onlyFailure({ type: 'supplier', party: { name: 'Paper Supplies Ltd' } })).toMatchObject({
			code: 'FIELD_REQUIRED',
			field: 'party.code',
		});
		expect(onlyFailure({ type: 'customer' })).toMatchObject({ code: 'FIELD_REQUIRED', field: 'party' });
	});
});

describe('validation properties over generated documents', () => {
	/** Lines of whole pence, rendered as "12.34" strings, with totals added up exactly. */
	const generatedDocument = fc
		.record({
			type: fc.constantFrom(...TRANSACTION_TYPES),
			number: fc.stringMatching(/^[A-Z]{2,3}-\d{1,6}$/),
			lines: fc.array(
				fc.record({
					net: fc.bigInt({ min: -10_000_000n, max: 10_000_000n }),
					tax: fc.bigInt({ min: -2_000_000n, max: 2_000_000n }),
				}),
				{ minLength: 1, maxLength: 30 },
			),
		})
		.map(({ type, number, lines }): LedgerDocument => {
			const net = lines.reduce((sum, line) => sum + line.net, 0n);
			const tax = lines.reduce((sum, line) => sum + line.tax, 0n);
			return {
				type,
				header: { number, date: '2026-03-31', currency: 'GBP' },
				party: { code: 'ACME', name: 'Acme Ltd' },
				lines: lines.map((line) => ({ net: centsText(line.net), taxAmount: centsText(line.tax), account: '4000' })),
				totals: { net: centsText(net), tax: centsText(tax), gross: centsText(net + tax) },
			};
		});

	test('a document whose totals are the exact sums of its lines always validates with no failures', () => {
		fc.assert(
			fc.property(generatedDocument, (document) => {
				expect(validateDocument(document).failures).toEqual([]);
			}),
		);
	});

	test('moving the net total by one penny always gives TOTALS_NET_MISMATCH', () => {
		fc.assert(
			fc.property(generatedDocument, fc.constantFrom(-1n, 1n), (document, penny) => {
				const net = Decimal.of(document.totals!.net).plus(Decimal.of(centsText(penny)));
				document.totals!.net = net.toFixed(2);
				const { failures } = validateDocument(document);
				expect(codesOf(failures)).toContain('TOTALS_NET_MISMATCH');
				expect(failureWith(failures, 'TOTALS_NET_MISMATCH').message).toContain(`the net total is ${net.toFixed(2)}`);
				expect(codesOf(failures)).not.toContain('TOTALS_TAX_MISMATCH');
			}),
		);
	});

	test('the published schema and the amount checks agree on what an amount is (e.g. "100.")', () => {
		const amountPattern = new RegExp(documentSchema.properties.totals.properties.net.pattern);
		const amountText = fc.stringMatching(/^[+-]?(\d{1,6}(\.\d{0,4})?|\.\d{1,4})([eE][+-]?\d{1,2})?$/);
		fc.assert(
			fc.property(amountText, (text) => {
				expect({ text, readAsAmount: Decimal.parse(text) !== undefined }).toEqual({
					text,
					readAsAmount: amountPattern.test(text),
				});
			}),
			{ examples: [['100.']] },
		);
	});
});

describe('bank, paid-in-full and prompt-payment VAT (what Opera receipts and discounts need)', () => {
	test('a receipt may name the bank account and cost centre the money goes into', () => {
		const receipt = { ...customerReceipt(), header: { ...customerReceipt().header, bank: { account: 'BANK01', costCentre: 'LON' } } };
		expect(validateDocument(receipt).failures).toEqual([]);
	});

	test('an invoice paid at the till carries paidInFull with its cashbook type', () => {
		const invoice = salesInvoice();
		invoice.header = { ...invoice.header, paidInFull: { cashbookType: 'R2', narrative: 'Till 3', cash: true } };
		expect(validateDocument(invoice).failures).toEqual([]);
	});

	test('prompt-payment VAT per line must add up to the document figure, level by level', () => {
		const invoice = salesInvoice();
		const [first, ...rest] = invoice.lines!;
		invoice.lines = [{ ...first, promptPaymentVat: ['9.50'] }, ...rest.map((line) => ({ ...line, promptPaymentVat: ['0.00'] }))];
		invoice.header = { ...invoice.header, promptPaymentVat: ['9.50'] };
		expect(validateDocument(invoice).failures).toEqual([]);
		invoice.header = { ...invoice.header, promptPaymentVat: ['9.60'] };
		const failure = onlyFailure(invoice);
		expect(failure).toMatchObject({ code: 'TOTALS_TAX_MISMATCH', field: 'header.promptPaymentVat[0]' });
		expect(failure.message).toContain('adds up to 9.50 but the document says 9.60');
	});

	test('a prompt-payment VAT that is not an amount is AMOUNT_INVALID', () => {
		const invoice = asInput(salesInvoice());
		(invoice.header as Record<string, unknown>).promptPaymentVat = ['£9.50'];
		expect(onlyFailure(invoice)).toMatchObject({ code: 'AMOUNT_INVALID', field: 'header.promptPaymentVat[0]' });
	});
});

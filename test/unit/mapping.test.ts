import type { LedgerDocument } from '../../lib/model/document';
import { mapDocument } from '../../lib/mapping/mapper';
import {
	MAPPING_TABLE_NAMES,
	MAPPING_TABLES,
	MappingTables,
	isMappingTableName,
	readMappingJson,
	type MappingTableName,
} from '../../lib/mapping/tables';
import { codesOf, customerReceipt, customerRecord, purchaseInvoice, salesInvoice } from './fixtures';

function tablesWith(rows: Record<string, Record<string, string>>, ignoreCase = false): MappingTables {
	const tables = new MappingTables(ignoreCase);
	expect(readMappingJson(tables, rows)).toEqual([]);
	return tables;
}

/** Sales invoice INV-1001 with one line that names only its cost-matrix item. */
function invoiceWithItemLine(itemCode = 'DESIGN'): LedgerDocument {
	const document = salesInvoice();
	document.lines = [{ description: 'Design work', net: '100.00', taxCode: 'S', item: { code: itemCode } }];
	document.totals = { net: '100.00', tax: '0.00', gross: '100.00' };
	return document;
}

describe('MappingTables looks codes up', () => {
	test('a row maps a source code to a target code; codes not listed are unknown', () => {
		const tables = new MappingTables().add({ table: 'taxCode', from: 'S', to: 'T1' });
		expect(tables.lookup('taxCode', 'S')).toBe('T1');
		expect(tables.lookup('taxCode', 'Z')).toBeUndefined();
		expect(tables.lookup('account', 'S')).toBeUndefined();
		expect(tables.size('taxCode')).toBe(1);
		expect(tables.size('account')).toBe(0);
	});

	test('spaces around codes are ignored on both sides', () => {
		const tables = new MappingTables().add({ table: 'account', from: ' 4000 ', to: ' 4010 ' });
		expect(tables.lookup('account', '4000')).toBe('4010');
		expect(tables.lookup('account', '  4000')).toBe('4010');
	});

	test('codes are case-sensitive unless the tables ignore case', () => {
		const exact = new MappingTables().add({ table: 'customerCode', from: 'ACME', to: 'ACM001' });
		expect(exact.lookup('customerCode', 'acme')).toBeUndefined();
		const relaxed = new MappingTables(true).add({ table: 'customerCode', from: 'ACME', to: 'ACM001' });
		expect(relaxed.lookup('customerCode', 'acme')).toBe('ACM001');
		expect(relaxed.lookup('customerCode', 'Acme')).toBe('ACM001');
	});

	test('a later row for the same code replaces the earlier one', () => {
		const tables = new MappingTables()
			.add({ table: 'taxCode', from: 'S', to: 'T1' })
			.add({ table: 'taxCode', from: 'S', to: 'T20' });
		expect(tables.lookup('taxCode', 'S')).toBe('T20');
		expect(tables.size('taxCode')).toBe(1);
	});

	test('a table passes unlisted codes through until it is given another policy', () => {
		const tables = new MappingTables();
		expect(tables.policy('account')).toEqual({ policy: 'passThrough' });
		tables.setPolicy('account', { policy: 'default', defaultValue: '9999' });
		expect(tables.policy('account')).toEqual({ policy: 'default', defaultValue: '9999' });
		expect(tables.policy('taxCode')).toEqual({ policy: 'passThrough' });
	});

	test('every table has its own UNMAPPED failure code, the two cost-matrix tables share ITEM_ACCOUNT_UNMAPPED', () => {
		expect(MAPPING_TABLE_NAMES).toEqual([
			'customerCode',
			'supplierCode',
			'account',
			'taxCode',
			'paymentTerms',
			'currency',
			'itemSalesAccount',
			'itemExpenseAccount',
			'productType',
		]);
		expect(MAPPING_TABLE_NAMES.map((name) => MAPPING_TABLES[name].failure)).toEqual([
			'CUSTOMER_CODE_UNMAPPED',
			'SUPPLIER_CODE_UNMAPPED',
			'ACCOUNT_UNMAPPED',
			'TAX_CODE_UNMAPPED',
			'PAYMENT_TERMS_UNMAPPED',
			'CURRENCY_UNMAPPED',
			'ITEM_ACCOUNT_UNMAPPED',
			'ITEM_ACCOUNT_UNMAPPED',
			'PRODUCT_TYPE_UNMAPPED',
		]);
		expect(isMappingTableName('taxCode')).toBe(true);
		expect(isMappingTableName('taxcode')).toBe(false);
		expect(isMappingTableName('policies')).toBe(false);
	});
});

describe('readMappingJson reads tables typed as JSON or fed from a previous node', () => {
	test('a table written as an object of codes: {"taxCode": {"S": "T1"}}', () => {
		const tables = new MappingTables();
		expect(readMappingJson(tables, { taxCode: { S: 'T1', Z: 'T0' } })).toEqual([]);
		expect(tables.lookup('taxCode', 'S')).toBe('T1');
		expect(tables.lookup('taxCode', 'Z')).toBe('T0');
	});

	test('a table written as a list of rows: {"taxCode": [{"from": "S", "to": "T1"}]}', () => {
		const tables = new MappingTables();
		expect(readMappingJson(tables, { taxCode: [{ from: 'S', to: 'T1' }, { from: 'E', to: 'T2' }] })).toEqual([]);
		expect(tables.lookup('taxCode', 'S')).toBe('T1');
		expect(tables.lookup('taxCode', 'E')).toBe('T2');
	});

	test('numeric codes are read as text: 4000 → 4010', () => {
		const tables = new MappingTables();
		expect(readMappingJson(tables, { account: [{ from: 4000, to: 4010 }], itemSalesAccount: { DESIGN: 4100 } })).toEqual([]);
		expect(tables.lookup('account', '4000')).toBe('4010');
		expect(tables.lookup('itemSalesAccount', 'DESIGN')).toBe('4100');
	});

	test('"policies" sets reject, passThrough and default for the named tables', () => {
		const tables = new MappingTables();
		const problems = readMappingJson(tables, {
			taxCode: { S: 'T1' },
			policies: {
				taxCode: 'reject',
				account: { policy: 'passThrough' },
				currency: { policy: 'default', defaultValue: 'GBP' },
			},
		});
		expect(problems).toEqual([]);
		expect(tables.policy('taxCode')).toEqual({ policy: 'reject' });
		expect(tables.policy('account')).toEqual({ policy: 'passThrough' });
		expect(tables.policy('currency')).toEqual({ policy: 'default', defaultValue: 'GBP' });
	});

	test('nothing to read (undefined, null or "") is not a problem', () => {
		expect(readMappingJson(new MappingTables(), undefined)).toEqual([]);
		expect(readMappingJson(new MappingTables(), null)).toEqual([]);
		expect(readMappingJson(new MappingTables(), '')).toEqual([]);
	});

	test('a list or a sentence instead of an object is one problem', () => {
		const expected = ['Mapping tables (JSON) must be an object whose keys are table names.'];
		expect(readMappingJson(new MappingTables(), [{ from: 'S', to: 'T1' }])).toEqual(expected);
		expect(readMappingJson(new MappingTables(), 'taxCode S=T1')).toEqual(expected);
	});

	test('an unknown table name "taxCodes" is a problem that lists the real table names', () => {
		const tables = new MappingTables();
		expect(readMappingJson(tables, { taxCodes: { S: 'T1' } })).toEqual([
			'"taxCodes" is not a mapping table; use one of customerCode, supplierCode, account, taxCode, paymentTerms, currency, itemSalesAccount, itemExpenseAccount, productType.',
		]);
		expect(tables.lookup('taxCode', 'S')).toBeUndefined();
	});

	test('bad rows are problems naming the table and row; the good rows are still read', () => {
		const tables = new MappingTables();
		const problems = readMappingJson(tables, {
			account: [{ from: '4000', to: '4010' }, { from: '4100' }, null, { from: ' ', to: '4200' }],
			taxCode: { S: 'T1', Z: '', E: null },
			currency: 'GBP',
		});
		expect(problems).toEqual([
			'Row 2 of the account table needs a "from" and a "to" code.',
			'Row 3 of the account table needs a "from" and a "to" code.',
			'Row 4 of the account table needs a "from" and a "to" code.',
			'The taxCode table maps "Z" to nothing.',
			'The taxCode table maps "E" to nothing.',
			'The currency table must be an object of codes or a list of {from, to} rows.',
		]);
		expect(tables.lookup('account', '4000')).toBe('4010');
		expect(tables.lookup('taxCode', 'S')).toBe('T1');
		expect(tables.size('account')).toBe(1);
		expect(tables.size('taxCode')).toBe(1);
	});

	test('bad policies are problems: an unknown table, an unknown policy, a default without a value', () => {
		const tables = new MappingTables();
		const problems = readMappingJson(tables, {
			policies: { taxCodes: 'reject', account: 'ignore', currency: { policy: 'default' } },
		});
		expect(problems).toEqual([
			'"taxCodes" in policies is not a mapping table.',
			'The policy for account must be "reject", "passThrough" or {"policy": "default", "defaultValue": "…"}.',
			'The policy for currency must be "reject", "passThrough" or {"policy": "default", "defaultValue": "…"}.',
		]);
		expect(tables.policy('account')).toEqual({ policy: 'passThrough' });
		expect(tables.policy('currency')).toEqual({ policy: 'passThrough' });
	});

	test('"policies" that is not an object is a problem', () => {
		expect(readMappingJson(new MappingTables(), { policies: 'reject' })).toEqual([
			'"policies" must be an object of table name → policy.',
		]);
	});
});

describe('mapDocument maps each code through its own table', () => {
	test('customerCode maps the party code of a sales invoice', () => {
		const document = salesInvoice();
		const result = mapDocument(document, tablesWith({ customerCode: { ACME: 'ACM001' }, supplierCode: { ACME: 'WRONG' } }));
		expect(document.party!.code).toBe('ACM001');
		expect(result).toEqual({
			changes: [{ table: 'customerCode', field: 'party.code', from: 'ACME', to: 'ACM001', how: 'mapped' }],
			failures: [],
		});
	});

	test('customerCode also maps the customer on a sales credit, a receipt and a customer record', () => {
		for (const document of [{ ...salesInvoice(), type: 'salesCredit' as const }, customerReceipt(), customerRecord()]) {
			mapDocument(document, tablesWith({ customerCode: { ACME: 'ACM001' }, supplierCode: { ACME: 'WRONG' } }));
			expect(document.party!.code).toBe('ACM001');
		}
	});

	test('supplierCode maps the party code of a purchase invoice; the customer table is not used', () => {
		const document = purchaseInvoice();
		const result = mapDocument(document, tablesWith({ supplierCode: { PAPER: 'PAP001' }, customerCode: { PAPER: 'WRONG' } }));
		expect(document.party!.code).toBe('PAP001');
		expect(result.changes).toEqual([
			{ table: 'supplierCode', field: 'party.code', from: 'PAPER', to: 'PAP001', how: 'mapped' },
		]);
	});

	test('supplierCode maps the vendor of an expense, an item receipt and a supplier record', () => {
		const expense: LedgerDocument = { ...purchaseInvoice(), type: 'expense' };
		const itemReceipt: LedgerDocument = { ...purchaseInvoice(), type: 'itemReceipt' };
		const supplier: LedgerDocument = { type: 'supplier', party: { code: 'PAPER', name: 'Paper Supplies Ltd' } };
		for (const document of [expense, itemReceipt, supplier]) {
			mapDocument(document, tablesWith({ supplierCode: { PAPER: 'PAP001' }, customerCode: { PAPER: 'WRONG' } }));
			expect(document.party!.code).toBe('PAP001');
		}
	});

	test('account maps the GL account of every line', () => {
		const document = salesInvoice();
		const result = mapDocument(document, tablesWith({ account: { '4000': '200', '4010': '210' } }));
		expect(document.lines!.map((line) => line.account)).toEqual(['200', '210']);
		expect(result.changes).toEqual([
			{ table: 'account', field: 'lines[0].account', from: '4000', to: '200', how: 'mapped' },
			{ table: 'account', field: 'lines[1].account', from: '4010', to: '210', how: 'mapped' },
		]);
	});

	test('taxCode maps the tax code of every line', () => {
		const document = salesInvoice();
		mapDocument(document, tablesWith({ taxCode: { S: 'T1' } }));
		expect(document.lines!.map((line) => line.taxCode)).toEqual(['T1', 'T1']);
	});

	test('paymentTerms maps the terms on the header and on the party', () => {
		const document = salesInvoice();
		document.header!.paymentTerms = '30D';
		document.party!.paymentTerms = '30D';
		const result = mapDocument(document, tablesWith({ paymentTerms: { '30D': 'NET30' } }));
		expect(document.header!.paymentTerms).toBe('NET30');
		expect(document.party!.paymentTerms).toBe('NET30');
		expect(result.changes.map((change) => change.field).sort()).toEqual(['header.paymentTerms', 'party.paymentTerms']);
	});

	test('currency maps the document currency', () => {
		const document = salesInvoice();
		document.header!.currency = 'STG';
		const result = mapDocument(document, tablesWith({ currency: { STG: 'GBP' } }));
		expect(document.header!.currency).toBe('GBP');
		expect(result.changes).toEqual([{ table: 'currency', field: 'header.currency', from: 'STG', to: 'GBP', how: 'mapped' }]);
	});

	test('productType maps the item type of a line', () => {
		const document = salesInvoice();
		document.lines![0].item = { code: 'DESIGN', type: 'Service Item' };
		const result = mapDocument(document, tablesWith({ productType: { 'Service Item': 'SERVICE' } }));
		expect(document.lines![0].item).toEqual({ code: 'DESIGN', type: 'SERVICE' });
		expect(result.changes).toEqual([
			{ table: 'productType', field: 'lines[0].item.type', from: 'Service Item', to: 'SERVICE', how: 'mapped' },
		]);
	});

	test('with ignoreCase, "acme" and "s" find the rows written "ACME" and "S"', () => {
		const document = salesInvoice();
		document.party!.code = 'acme';
		document.lines![0].taxCode = 's';
		mapDocument(document, tablesWith({ customerCode: { ACME: 'ACM001' }, taxCode: { S: 'T1' } }, true));
		expect(document.party!.code).toBe('ACM001');
		expect(document.lines![0].taxCode).toBe('T1');
	});

	test('without ignoreCase, "acme" is not the row "ACME"', () => {
		const document = salesInvoice();
		document.party!.code = 'acme';
		const tables = tablesWith({ customerCode: { ACME: 'ACM001' } });
		tables.setPolicy('customerCode', { policy: 'reject' });
		expect(codesOf(mapDocument(document, tables).failures)).toEqual(['CUSTOMER_CODE_UNMAPPED']);
		expect(document.party!.code).toBe('acme');
	});

	test('a code that maps to itself is not reported as a change', () => {
		const document = salesInvoice();
		expect(mapDocument(document, tablesWith({ taxCode: { S: 'S' } })).changes).toEqual([]);
	});

	test('empty codes are left alone for the target profile to judge, even under reject', () => {
		const document = salesInvoice();
		document.party!.code = '';
		delete document.lines![0].taxCode;
		const tables = new MappingTables().setPolicy('customerCode', { policy: 'reject' }).setPolicy('taxCode', { policy: 'reject' });
		tables.add({ table: 'taxCode', from: 'S', to: 'T1' });
		const result = mapDocument(document, tables);
		expect(result.failures).toEqual([]);
		expect(document.party!.code).toBe('');
		expect('taxCode' in document.lines![0]).toBe(false);
		expect(document.lines![1].taxCode).toBe('T1');
	});

	test('mapping leaves no undefined fields behind on the party, header or lines', () => {
		const document: LedgerDocument = {
			type: 'salesInvoice',
			header: { number: 'INV-1001', date: '2026-03-31' },
			party: { name: 'Acme Ltd' },
			lines: [{ net: '100.00' }],
			totals: { net: '100.00', tax: '0', gross: '100.00' },
		};
		mapDocument(document, new MappingTables());
		expect(Object.keys(document.party!)).toEqual(['name']);
		expect(Object.keys(document.header!)).toEqual(['number', 'date']);
		expect(Object.keys(document.lines![0])).toEqual(['net']);
	});
});

describe('the cost matrix gives a line without an account its account from the item', () => {
	test('on a sales invoice the sales table gives the account; the expense table is not used', () => {
		const document = invoiceWithItemLine();
		const result = mapDocument(document, tablesWith({ itemSalesAccount: { DESIGN: '4100' }, itemExpenseAccount: { DESIGN: '5100' } }));
		expect(document.lines![0].account).toBe('4100');
		expect(document.lines![0].item).toEqual({ code: 'DESIGN' });
		expect(result.changes).toEqual([
			{ table: 'itemSalesAccount', field: 'lines[0].item.code', from: 'DESIGN', to: '4100', how: 'mapped' },
		]);
	});

	test('on a purchase invoice the expense table gives the account; the sales table is not used', () => {
		const document = purchaseInvoice();
		document.lines = [{ net: '80.00', item: { code: 'PAPER-A4' } }];
		mapDocument(document, tablesWith({ itemSalesAccount: { 'PAPER-A4': '4100' }, itemExpenseAccount: { 'PAPER-A4': '5100' } }));
		expect(document.lines[0].account).toBe('5100');
	});

	test('on an expense the expense table gives the account', () => {
		const document: LedgerDocument = { ...purchaseInvoice(), type: 'expense', lines: [{ net: '80.00', item: { code: 'TRAVEL' } }] };
		mapDocument(document, tablesWith({ itemExpenseAccount: { TRAVEL: '7400' } }));
		expect(document.lines![0].account).toBe('7400');
	});

	test('the account from the cost matrix is already a target account: the account table is not applied on top', () => {
		const document = invoiceWithItemLine();
		const tables = tablesWith({ itemSalesAccount: { DESIGN: '4100' }, account: { '4100': 'NOT-THIS' } });
		tables.setPolicy('account', { policy: 'reject' });
		const result = mapDocument(document, tables);
		expect(document.lines![0].account).toBe('4100');
		expect(result.failures).toEqual([]);
		expect(result.changes.map((change) => change.table)).toEqual(['itemSalesAccount']);
	});

	test('a line that has its own account keeps it; the item is not looked up', () => {
		const document = invoiceWithItemLine();
		document.lines![0].account = '4000';
		const tables = tablesWith({ itemSalesAccount: { DESIGN: '4100' } });
		tables.setPolicy('itemSalesAccount', { policy: 'reject' });
		const result = mapDocument(document, tables);
		expect(document.lines![0].account).toBe('4000');
		expect(result).toEqual({ changes: [], failures: [] });
	});

	test('an item the cost matrix does not list leaves the line without an account under passThrough', () => {
		const document = invoiceWithItemLine('PRINT');
		const result = mapDocument(document, tablesWith({ itemSalesAccount: { DESIGN: '4100' } }));
		expect(document.lines![0].account).toBeUndefined();
		expect(result).toEqual({ changes: [], failures: [] });
	});

	test('an item the cost matrix does not list is rejected with ITEM_ACCOUNT_UNMAPPED under reject', () => {
		const document = invoiceWithItemLine('PRINT');
		const tables = tablesWith({ itemSalesAccount: { DESIGN: '4100' } });
		tables.setPolicy('itemSalesAccount', { policy: 'reject' });
		expect(mapDocument(document, tables).failures).toEqual([
			{
				code: 'ITEM_ACCOUNT_UNMAPPED',
				field: 'lines[0].item.code',
				message:
					'Sales invoice INV-1001: line 1 item "PRINT" is not in the Cost-Matrix Item → Sales Account mapping table.',
			},
		]);
		expect(document.lines![0].account).toBeUndefined();
	});

	test('an item the cost matrix does not list gets the default account under default', () => {
		const document = invoiceWithItemLine('PRINT');
		const tables = new MappingTables().setPolicy('itemSalesAccount', { policy: 'default', defaultValue: '4999' });
		const result = mapDocument(document, tables);
		expect(document.lines![0].account).toBe('4999');
		expect(result.changes).toEqual([
			{ table: 'itemSalesAccount', field: 'lines[0].item.code', from: 'PRINT', to: '4999', how: 'default' },
		]);
	});
});

describe('a code a table does not list follows the table policy', () => {
	/** Each table, a document whose field holds the unlisted code "UNKNOWN", and where to read it back. */
	const cases: Array<{
		table: MappingTableName;
		field: string;
		build: () => LedgerDocument;
		read: (document: LedgerDocument) => string | undefined;
		phrase: string;
	}> = [
		{
			table: 'customerCode',
			field: 'party.code',
			build: () => ({ ...salesInvoice(), party: { code: 'UNKNOWN', name: 'Acme Ltd' } }),
			read: (document) => document.party?.code,
			phrase: 'Sales invoice INV-1001: customer code "UNKNOWN" is not in the Customer Account Code mapping table.',
		},
		{
			table: 'supplierCode',
			field: 'party.code',
			build: () => ({ ...purchaseInvoice(), party: { code: 'UNKNOWN', name: 'Paper Supplies Ltd' } }),
			read: (document) => document.party?.code,
			phrase: 'Purchase invoice PI-2001: supplier code "UNKNOWN" is not in the Supplier Account Code mapping table.',
		},
		{
			table: 'account',
			field: 'lines[0].account',
			build: () => {
				const document = salesInvoice();
				document.lines = [{ net: '150.00', account: 'UNKNOWN' }];
				return document;
			},
			read: (document) => document.lines?.[0].account,
			phrase: 'Sales invoice INV-1001: line 1 GL account "UNKNOWN" is not in the GL / Nominal Account mapping table.',
		},
		{
			table: 'taxCode',
			field: 'lines[0].taxCode',
			build: () => {
				const document = salesInvoice();
				document.lines = [{ net: '150.00', account: '4000', taxCode: 'UNKNOWN' }];
				return document;
			},
			read: (document) => document.lines?.[0].taxCode,
			phrase: 'Sales invoice INV-1001: line 1 tax code "UNKNOWN" is not in the Tax Code mapping table.',
		},
		{
			table: 'paymentTerms',
			field: 'header.paymentTerms',
			build: () => ({ ...salesInvoice(), header: { ...salesInvoice().header, paymentTerms: 'UNKNOWN' } }),
			read: (document) => document.header?.paymentTerms,
			phrase: 'Sales invoice INV-1001: payment terms "UNKNOWN" is not in the Payment Terms mapping table.',
		},
		{
			table: 'currency',
			field: 'header.currency',
			build: () => ({ ...salesInvoice(), header: { ...salesInvoice().header, currency: 'UNKNOWN' } }),
			read: (document) => document.header?.currency,
			phrase: 'Sales invoice INV-1001: currency "UNKNOWN" is not in the Currency mapping table.',
		},
		{
			table: 'itemSalesAccount',
			field: 'lines[0].item.code',
			build: () => invoiceWithItemLine('UNKNOWN'),
			read: (document) => document.lines?.[0].account,
			phrase: 'Sales invoice INV-1001: line 1 item "UNKNOWN" is not in the Cost-Matrix Item → Sales Account mapping table.',
		},
		{
			table: 'itemExpenseAccount',
			field: 'lines[0].item.code',
			build: () => ({ ...purchaseInvoice(), lines: [{ net: '80.00', item: { code: 'UNKNOWN' } }] }),
			read: (document) => document.lines?.[0].account,
			phrase:
				'Purchase invoice PI-2001: line 1 item "UNKNOWN" is not in the Cost-Matrix Item → Expense Account mapping table.',
		},
		{
			table: 'productType',
			field: 'lines[0].item.type',
			build: () => {
				const document = salesInvoice();
				document.lines = [{ net: '150.00', account: '4000', item: { code: 'DESIGN', type: 'UNKNOWN' } }];
				return document;
			},
			read: (document) => document.lines?.[0].item?.type,
			phrase: 'Sales invoice INV-1001: line 1 product type "UNKNOWN" is not in the Product Type mapping table.',
		},
	];

	/** Tables that list some other code, so the document's "UNKNOWN" is not in them. */
	function tablesFor(table: MappingTableName): MappingTables {
		return new MappingTables().add({ table, from: 'LISTED', to: 'TARGET' });
	}

	test.each(cases)('$table under passThrough (the default): the value is unchanged and there is no failure', ({ table, build, read }) => {
		const document = build();
		const before = read(document);
		const result = mapDocument(document, tablesFor(table));
		expect(read(document)).toBe(before);
		expect(result).toEqual({ changes: [], failures: [] });
	});

	test.each(cases)('$table under reject: the document is rejected with the table\'s UNMAPPED code', ({ table, field, build, phrase }) => {
		const document = build();
		const tables = tablesFor(table).setPolicy(table, { policy: 'reject' });
		const result = mapDocument(document, tables);
		expect(result.changes).toEqual([]);
		expect(result.failures).toEqual([{ code: MAPPING_TABLES[table].failure, field, message: phrase }]);
	});

	test.each(cases)('$table under default: the value is replaced and reported with how "default"', ({ table, field, build, read }) => {
		const document = build();
		const tables = tablesFor(table).setPolicy(table, { policy: 'default', defaultValue: 'FALLBACK' });
		const result = mapDocument(document, tables);
		expect(read(document)).toBe('FALLBACK');
		expect(result.failures).toEqual([]);
		expect(result.changes).toEqual([{ table, field, from: 'UNKNOWN', to: 'FALLBACK', how: 'default' }]);
	});
});

describe('one document, several tables', () => {
	test('sales invoice INV-1001 maps customer, accounts and tax codes and reports each change in order', () => {
		const document = salesInvoice();
		const result = mapDocument(
			document,
			tablesWith({ customerCode: { ACME: 'ACM001' }, account: { '4000': '200', '4010': '210' }, taxCode: { S: 'T1' } }),
		);
		expect(result.failures).toEqual([]);
		expect(result.changes.map((change) => `${change.field}: ${change.from} → ${change.to}`)).toEqual([
			'party.code: ACME → ACM001',
			'lines[0].account: 4000 → 200',
			'lines[0].taxCode: S → T1',
			'lines[1].account: 4010 → 210',
			'lines[1].taxCode: S → T1',
		]);
	});

	test('under reject every unlisted code is reported, one failure per field', () => {
		const document = salesInvoice();
		const tables = tablesWith({ taxCode: { S: 'T1' } })
			.setPolicy('account', { policy: 'reject' })
			.setPolicy('taxCode', { policy: 'reject' })
			.setPolicy('customerCode', { policy: 'reject' });
		const result = mapDocument(document, tables);
		expect(result.failures.map((failure) => `${failure.code} ${failure.field}`)).toEqual([
			'CUSTOMER_CODE_UNMAPPED party.code',
			'ACCOUNT_UNMAPPED lines[0].account',
			'ACCOUNT_UNMAPPED lines[1].account',
		]);
	});
});

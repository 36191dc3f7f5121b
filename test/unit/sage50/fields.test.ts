import { SAGE50_FIELDS, SAGE50_LAYOUTS, sage50Field, sage50Headings } from '../../../lib/targets/sage50/fields';

const summary = (layout: (typeof SAGE50_LAYOUTS)[number]) =>
	SAGE50_FIELDS[layout].map((field) => [field.column, field.name, field.type, field.width ?? field.wholeDigits ?? field.range?.max ?? null]);

describe('the Sage 50 field table', () => {
	test('the audit-trail columns are the KB table A–O under the current Sage headings (reference §1)', () => {
		expect(summary('ukAuditTrail')).toEqual([
			['A', 'Type', 'text', 2],
			['B', 'Account Reference', 'text', 8],
			['C', 'Nominal A/C Ref', 'text', 8],
			['D', 'Department Code', 'integer', 999],
			['E', 'Date', 'date', null],
			['F', 'Reference', 'text', 30],
			['G', 'Details', 'text', 60],
			['H', 'Net Amount', 'amount', 8],
			['I', 'Tax Code', 'text', 3],
			['J', 'Tax Amount', 'amount', 8],
			['K', 'Exchange Rate', 'amount', 8],
			['L', 'Extra Reference', 'text', 30],
			['M', 'User Name', 'text', 32],
			['N', 'Project Refn', 'text', 12],
			['O', 'Cost Code Refn', 'text', 8],
		]);
		expect(sage50Field('ukAuditTrail', 'Date')?.dateLayout).toBe('dd/MM/yyyy');
		expect(sage50Field('ukAuditTrail', 'Net Amount')).toMatchObject({ decimals: 2, padDecimals: true, source: 'sageKb' });
	});

	test('the customer record columns follow the KB table A–W, then Tax Code, Trade Contact, Telephone 2 and E-mail; suppliers are laid out the same', () => {
		expect(summary('ukCustomer').slice(0, 23)).toEqual([
			['A', 'A/C', 'text', 8],
			['B', 'Name', 'text', 60],
			['C', 'Address Line 1', 'text', 60],
			['D', 'Address Line 2', 'text', 60],
			['E', 'Address Line 3', 'text', 60],
			['F', 'Address Line 4', 'text', 60],
			['G', 'Address Line 5', 'text', 60],
			['H', 'Contact Name', 'text', 30],
			['I', 'Telephone', 'text', 30],
			['J', 'Fax', 'text', 30],
			['K', 'Analysis 1', 'text', 30],
			['L', 'Analysis 2', 'text', 30],
			['M', 'Analysis 3', 'text', 30],
			['N', 'Department', 'integer', 999],
			['O', 'VAT Number', 'text', 30],
			['P', 'M.T.D.', 'amount', 8],
			['Q', 'Y.T.D.', 'amount', 8],
			['R', 'Prior Y.T.D.', 'amount', 8],
			['S', 'Credit Limit', 'amount', 8],
			['T', 'Trading Terms Text', 'text', 30],
			['U', 'Settlement Due Days', 'integer', 365],
			['V', 'Sett. Discount (%)', 'amount', 2],
			['W', 'Default Nominal Code', 'text', 8],
		]);
		expect(sage50Headings('ukCustomer').slice(23)).toEqual(['Tax Code', 'Trade Contact', 'Telephone 2', 'E-mail']);
		expect(sage50Headings('ukSupplier')).toEqual(sage50Headings('ukCustomer'));
		expect(SAGE50_FIELDS.ukSupplier.filter((field) => field.source === 'sageKb')).toEqual([]);
	});

	test('the US journals carry the help\'s widths: IDs and invoice numbers 20, G/L accounts 15, descriptions 160, Sales Tax ID 8, dates ##/##/##', () => {
		const width = (layout: 'usSalesJournal' | 'usPurchasesJournal', name: string) => sage50Field(layout, name)?.width;
		expect([width('usSalesJournal', 'Customer ID'), width('usSalesJournal', 'Invoice/CM #'), width('usSalesJournal', 'G/L Account'), width('usSalesJournal', 'Description'), width('usSalesJournal', 'Sales Tax ID')]).toEqual([20, 20, 15, 160, 8]);
		expect([width('usPurchasesJournal', 'Vendor ID'), width('usPurchasesJournal', 'Invoice #'), width('usPurchasesJournal', 'G/L Account'), width('usPurchasesJournal', 'Description')]).toEqual([20, 20, 15, 160]);
		expect(sage50Field('usSalesJournal', 'Date')?.dateLayout).toBe('MM/dd/yy');
		expect(sage50Field('usSalesJournal', 'Number of Distributions')?.range).toEqual({ min: 1, max: 154 });
		expect(sage50Field('usPurchasesJournal', 'Number of Distributions')?.range).toEqual({ min: 1, max: 160 });
	});

	test('every column says where its facts come from, and every text column has a width', () => {
		for (const layout of SAGE50_LAYOUTS) {
			for (const field of SAGE50_FIELDS[layout]) {
				expect(field.description.length).toBeGreaterThan(0);
				if (field.type === 'text') expect(field.width).toBeGreaterThan(0);
				if (field.type === 'amount') expect(field.decimals).toBeDefined();
			}
		}
	});
});

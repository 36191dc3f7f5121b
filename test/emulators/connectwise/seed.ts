/**
 * The sample company: a small Texas MSP, "Ledger Bridge Demo MSP", with just enough data to
 * reach every rule: each invoice type the Mobius guide lists (standard, agreement,
 * miscellaneous, down payment, credit memo), a customer without an account number, a member
 * without a vendor number, a receipt with and one without a vendor invoice number, and an
 * inventory adjustment. README.md lists it as tables. Amounts are hand-checkable: Austin tax
 * is 6.25 % state + 2 % city, rounded half up per level.
 */
import type { Company, Invoice, InvoiceLine, ManageSeed } from './types';

export const SAMPLE_KEYS: { companyId: string; publicKey: string; privateKey: string; clientId: string } = {
	companyId: 'ledgerbridge',
	publicKey: 'LbPublicKey4Emu',
	privateKey: 'LbPrivateKey4Emulator',
	clientId: '3f2b8c1e-7d4a-4e6b-9a51-2c8d0e7f6a13',
};

/**
 * Ids, codes and amounts tests refer to. The emulator is built from these, so a test that
 * names SAMPLE_MANAGE.invoices.standard.glEntryIds names what the export will carry.
 */
export const SAMPLE_MANAGE = {
	companyId: SAMPLE_KEYS.companyId,
	companyName: 'Ledger Bridge Demo MSP',
	codebase: 'v2025_1/',
	versionCode: 'v2025.1',
	/** Legacy integrator login: accepted only to ask for member impersonation tokens (§1). */
	integratorLogin: { username: 'lb-integrator', password: 'Integrator-Pass-2025' },
	locations: { austin: 1, sanAntonio: 2 },
	departments: { managedServices: 10, professionalServices: 11 },
	billingTerms: { net30: { id: 1, name: 'Net 30', xref: 'NET30', dueDays: 30 }, net15: { id: 2, name: 'Net 15', xref: 'NET15', dueDays: 15 } },
	glAccounts: {
		accountsReceivable: '1200',
		inventory: '1400',
		accountsPayable: '2000',
		salesTax: '2200',
		downPayment: '2300',
		serviceRevenue: '4000',
		productRevenue: '4100',
		agreementRevenue: '4200',
		costOfGoodsSold: '5000',
		travelExpense: '6000',
	},
	taxCodes: {
		texas: { id: 1, identifier: 'TX', stateRate: 6.25, stateXref: 'STATE', stateAgencyXref: 'TXCOMPT', cityRate: 2, cityXref: 'CITY', cityAgencyXref: 'AUSTIN' },
		avalara: { id: 2, identifier: 'AVATAX', xref: 'AVATAX', agencyXref: 'AVALARA' },
		exempt: { id: 3, identifier: 'EXEMPT' },
	},
	productTypes: {
		inventoryPart: { id: 1, name: 'Hardware', typeXref: 'Inventory Part' },
		nonInventoryPart: { id: 2, name: 'Cabling & Accessories', typeXref: 'Non-Inventory Part' },
		otherCharge: { id: 3, name: 'Freight & Fees', typeXref: 'Other Charge' },
		service: { id: 4, name: 'Licensing', typeXref: 'Service' },
	},
	products: {
		laptop: { id: 1, identifier: 'LAT5450', typeId: 1 },
		cable: { id: 2, identifier: 'CAT6-10', typeId: 2 },
		freight: { id: 3, identifier: 'SHIP-FRT', typeId: 3 },
		license: { id: 4, identifier: 'M365-BP', typeId: 4 },
	},
	customers: {
		acme: { id: 250, identifier: 'ACMELAW', accountNumber: 'ACME001' },
		bluebonnet: { id: 251, identifier: 'BLUEBONNET', accountNumber: 'BLUE001' },
		cedarPark: { id: 252, identifier: 'CEDARPARKVET', accountNumber: 'CEDAR01' },
		foundation: { id: 253, identifier: 'DSEDFOUND', accountNumber: 'DSEF001' },
		/** No account number: its invoice must fail mapping (Mobius guide "Customers"). */
		loneStar: { id: 254, identifier: 'LONESTAR', accountNumber: undefined as string | undefined },
	},
	vendors: {
		ingram: { id: 260, identifier: 'INGRAM', vendorIdentifier: 'INGRAM01', accountNumber: '20-44817' },
		tdSynnex: { id: 261, identifier: 'TDSYNNEX', vendorIdentifier: 'TDSYNX01', accountNumber: '88-10233' },
	},
	members: {
		jsmith: { id: 140, identifier: 'jsmith', vendorNumber: 'EMP-JSMITH' as string | undefined },
		mgarcia: { id: 141, identifier: 'mgarcia', vendorNumber: 'EMP-MGARCIA' as string | undefined },
		/** No vendor number: the expense bill for his meal must fail mapping (Mobius guide "Members"). */
		apatel: { id: 142, identifier: 'apatel', vendorNumber: undefined as string | undefined },
	},
	invoices: {
		standard: { id: 301, invoiceNumber: 'INV-1001', customer: 250, subtotal: 2072.0, salesTax: 170.94, total: 2242.94, glEntryIds: [10001, 10002, 10003, 10004, 10005, 10006, 10007] },
		agreement: { id: 302, invoiceNumber: 'INV-1002', customer: 251, subtotal: 1464.0, salesTax: 120.78, total: 1584.78, glEntryIds: [10008, 10009, 10010, 10011, 10012] },
		miscellaneous: { id: 303, invoiceNumber: 'INV-1003', customer: 252, subtotal: 750.0, salesTax: 61.88, total: 811.88, glEntryIds: [10013, 10014, 10015, 10016] },
		downPayment: { id: 304, invoiceNumber: 'INV-1004', customer: 253, subtotal: 2500.0, salesTax: 0, total: 2500.0, glEntryIds: [10017, 10018] },
		/** Customer LONESTAR has no account number. */
		noAccountNumber: { id: 305, invoiceNumber: 'INV-1005', customer: 254, subtotal: 475.0, salesTax: 37.13, total: 512.13, glEntryIds: [10019, 10020, 10021, 10022, 10023] },
		smallStandard: { id: 306, invoiceNumber: 'INV-1006', customer: 250, subtotal: 600.0, salesTax: 49.5, total: 649.5, glEntryIds: [10024, 10025, 10026, 10027] },
		/** Credits one hour of INV-1006: totals are negative. */
		creditMemo: { id: 307, invoiceNumber: 'INV-1007', customer: 250, subtotal: -150.0, salesTax: -12.38, total: -162.38, glEntryIds: [10028, 10029, 10030, 10031] },
		/** At the San Antonio location. */
		agreementSanAntonio: { id: 308, invoiceNumber: 'INV-1008', customer: 252, subtotal: 950.0, salesTax: 78.38, total: 1028.38, glEntryIds: [10032, 10033, 10034, 10035] },
		/** Never closed: never unposted, never exported. */
		open: { id: 309, invoiceNumber: 'INV-1009', customer: 251, subtotal: 300.0, salesTax: 24.75, total: 324.75, glEntryIds: [] as number[] },
	},
	expenses: {
		jsmithMileage: { id: 7001, member: 140, amount: 84.0, glEntryId: 20001 },
		jsmithHotel: { id: 7002, member: 140, amount: 189.0, glEntryId: 20002 },
		apatelMeal: { id: 7003, member: 142, amount: 46.5, glEntryId: 20003 },
	},
	expenseReports: {
		jsmith: { id: 7101, identifier: 'JSMITH-2025-01', total: 273.0 },
		apatel: { id: 7102, identifier: 'APATEL-2025-01', total: 46.5 },
	},
	procurement: {
		/** Received with the vendor's invoice: Sage 50 gets an AP invoice. */
		ingramReceipt: { purchaseOrderId: 801, poNumber: 'PO-2025-0007', receiptId: 5001, packingSlip: 'PS-88123', vendorInvoiceNumber: 'IM-5541207' as string | undefined, total: 5290.0, glEntryIds: [30001, 30002] },
		/** Received before the vendor's invoice: Sage 50 gets an item receipt "waiting on bill". */
		tdSynnexReceipt: { purchaseOrderId: 802, poNumber: 'PO-2025-0008', receiptId: 5002, packingSlip: 'PS-4410', vendorInvoiceNumber: undefined as string | undefined, total: 242.4, glEntryIds: [30003, 30004] },
		adjustment: { id: 6001, identifier: 'ADJ-2025-003', total: -1050.0, glEntryIds: [40001] },
	},
	/** What the unposted lists hold before anything is batched. */
	unposted: { invoices: 8, expenses: 3, procurement: 3 },
};

const M = SAMPLE_MANAGE;

function company(input: Company): Company {
	return { siteName: 'Main', ...input };
}

function invoice(input: Omit<Invoice, 'status' | 'lines' | 'locationId' | 'departmentId'> & Partial<Pick<Invoice, 'status' | 'locationId' | 'departmentId'>> & { lines: Array<Omit<InvoiceLine, 'id'>> }): Invoice {
	return {
		status: 'Closed',
		locationId: M.locations.austin,
		departmentId: M.departments.managedServices,
		closedBy: 'jsmith',
		dateClosed: input.date.replace('T00:00:00Z', 'T17:30:00Z'),
		...input,
		lines: input.lines.map((line, index) => ({ id: input.id * 10 + index + 1, ...line })),
	};
}

const service = (description: string, hours: number, timeEntryId: number): Omit<InvoiceLine, 'id'> => ({
	kind: 'service',
	description,
	quantity: hours,
	unitPrice: 150,
	taxable: true,
	timeEntryId,
});

export const DEFAULT_SEED: ManageSeed = {
	companyInfo: { companyName: M.companyName, versionCode: M.versionCode, versionNumber: 'v4.6.92024', isCloud: true },
	glSetup: {
		accountsReceivable: M.glAccounts.accountsReceivable,
		accountsPayable: M.glAccounts.accountsPayable,
		salesTax: M.glAccounts.salesTax,
		inventory: M.glAccounts.inventory,
		costOfGoodsSold: M.glAccounts.costOfGoodsSold,
		serviceRevenue: M.glAccounts.serviceRevenue,
		productRevenue: M.glAccounts.productRevenue,
		agreementRevenue: M.glAccounts.agreementRevenue,
		downPayment: M.glAccounts.downPayment,
		expense: M.glAccounts.travelExpense,
	},
	// The Mobius guide's setup for Sage 50: package "Other", sales tax included, expenses as bills.
	accountingPackageSetup: {
		id: 1,
		accountingPackage: 'Other',
		invoiceFormat: 'Default',
		transferExpensesAsBillFlag: true,
		includeSalesTaxFlag: true,
		includeCogsEntriesFlag: true,
		syncPaymentInfoFlag: true,
		inventorySOHFlag: true,
	},
	locations: [
		{ id: M.locations.austin, name: 'Austin HQ' },
		{ id: M.locations.sanAntonio, name: 'San Antonio Branch' },
	],
	departments: [
		{ id: M.departments.managedServices, name: 'Managed Services' },
		{ id: M.departments.professionalServices, name: 'Professional Services' },
	],
	billingTerms: [
		{ id: 1, name: 'Net 30', dueDays: 30, termsXref: 'NET30', defaultFlag: true },
		{ id: 2, name: 'Net 15', dueDays: 15, termsXref: 'NET15' },
		{ id: 3, name: 'Due on receipt', dueDays: 0, termsXref: 'DUE' },
	],
	taxCodes: [
		{
			id: M.taxCodes.texas.id,
			identifier: M.taxCodes.texas.identifier,
			description: 'Texas - Austin (8.25%)',
			invoiceCaption: 'Sales Tax',
			levels: [
				{ rate: 6.25, caption: 'State', taxCodeXref: 'STATE', agencyXref: 'TXCOMPT', servicesFlag: true, expensesFlag: false, productsFlag: true },
				undefined,
				{ rate: 2, caption: 'City', taxCodeXref: 'CITY', agencyXref: 'AUSTIN', servicesFlag: true, expensesFlag: false, productsFlag: true },
			],
		},
		{
			id: M.taxCodes.avalara.id,
			identifier: M.taxCodes.avalara.identifier,
			description: 'Avalara calculated',
			invoiceCaption: 'Sales Tax',
			avalaraFlag: true,
			levels: [{ rate: 8.25, caption: 'Avalara', taxCodeXref: 'AVATAX', agencyXref: 'AVALARA', servicesFlag: true, expensesFlag: false, productsFlag: true }],
		},
		{ id: M.taxCodes.exempt.id, identifier: M.taxCodes.exempt.identifier, description: 'Tax exempt (resale or 501(c)(3))', invoiceCaption: 'Tax Exempt', levels: [] },
	],
	productTypes: [
		{ id: 1, name: 'Hardware', typeXref: 'Inventory Part', defaultFlag: true },
		{ id: 2, name: 'Cabling & Accessories', typeXref: 'Non-Inventory Part' },
		{ id: 3, name: 'Freight & Fees', typeXref: 'Other Charge' },
		{ id: 4, name: 'Licensing', typeXref: 'Service' },
	],
	products: [
		{ id: 1, identifier: 'LAT5450', description: 'Dell Latitude 5450 laptop', customerDescription: 'Dell Latitude 5450 14" laptop, i7, 16 GB', typeId: 1, price: 1499, cost: 1050, taxableFlag: true, unitOfMeasure: 'Each', subcategory: 'Laptops', vendorCompanyId: 260, vendorSku: 'DL-5450-I7', integrationXRef: 'LAT5450' },
		{ id: 2, identifier: 'CAT6-10', description: '10ft Cat6 patch cable', customerDescription: '10 ft Cat6 patch cable, blue', typeId: 2, price: 12, cost: 4, taxableFlag: true, unitOfMeasure: 'Each', subcategory: 'Cables', vendorCompanyId: 260, vendorSku: 'C6-10-BL' },
		{ id: 3, identifier: 'SHIP-FRT', description: 'Shipping and handling', customerDescription: 'Shipping and handling', typeId: 3, price: 25, cost: 18, taxableFlag: false, unitOfMeasure: 'Each', subcategory: 'Freight' },
		{ id: 4, identifier: 'M365-BP', description: 'Microsoft 365 Business Premium (monthly)', customerDescription: 'Microsoft 365 Business Premium, per user per month', typeId: 4, price: 22, cost: 18.7, taxableFlag: true, unitOfMeasure: 'Month', subcategory: 'Licensing', vendorCompanyId: 261, vendorSku: 'CFQ7TTC0LCHC' },
	],
	companies: [
		company({ id: 250, identifier: 'ACMELAW', name: 'Acme Law Group, PLLC', accountNumber: 'ACME001', isVendorFlag: false, taxCodeId: 1, billingTermsId: 1, invoiceToEmailAddress: 'ap@acmelaw.example', attention: 'Dana Whitfield' }),
		company({ id: 251, identifier: 'BLUEBONNET', name: 'Bluebonnet Dental Associates', accountNumber: 'BLUE001', isVendorFlag: false, taxCodeId: 1, billingTermsId: 2, invoiceToEmailAddress: 'office@bluebonnetdental.example' }),
		company({ id: 252, identifier: 'CEDARPARKVET', name: 'Cedar Park Veterinary Clinic', accountNumber: 'CEDAR01', isVendorFlag: false, taxCodeId: 1, billingTermsId: 1 }),
		company({ id: 253, identifier: 'DSEDFOUND', name: 'Dripping Springs Education Foundation', accountNumber: 'DSEF001', isVendorFlag: false, taxCodeId: 3, billingTermsId: 1, taxIdentifier: '74-2981442' }),
		company({ id: 254, identifier: 'LONESTAR', name: 'Lone Star Logistics, LLC', isVendorFlag: false, taxCodeId: 1, billingTermsId: 1 }),
		company({ id: 260, identifier: 'INGRAM', name: 'Ingram Micro Inc.', accountNumber: '20-44817', vendorIdentifier: 'INGRAM01', isVendorFlag: true, billingTermsId: 1 }),
		company({ id: 261, identifier: 'TDSYNNEX', name: 'TD SYNNEX Corporation', accountNumber: '88-10233', vendorIdentifier: 'TDSYNX01', isVendorFlag: true, billingTermsId: 1 }),
	],
	members: [
		{ id: 140, identifier: 'jsmith', firstName: 'John', lastName: 'Smith', vendorNumber: 'EMP-JSMITH', employeeIdentifer: 'E1001', officeEmail: 'jsmith@ledgerbridge-msp.example' },
		{ id: 141, identifier: 'mgarcia', firstName: 'Maria', lastName: 'Garcia', vendorNumber: 'EMP-MGARCIA', employeeIdentifer: 'E1002', officeEmail: 'mgarcia@ledgerbridge-msp.example' },
		{ id: 142, identifier: 'apatel', firstName: 'Anil', lastName: 'Patel', employeeIdentifer: 'E1003', officeEmail: 'apatel@ledgerbridge-msp.example' },
	],
	invoices: [
		invoice({
			id: 301,
			invoiceNumber: 'INV-1001',
			type: 'Standard',
			companyId: 250,
			date: '2025-01-10T00:00:00Z',
			lines: [
				service('Ticket #4512 - Set up laptop for new hire', 2.5, 91001),
				service('Ticket #4520 - Printer driver issue', 1, 91002),
				{ kind: 'product', description: 'Dell Latitude 5450 laptop', productId: 1, quantity: 1, unitPrice: 1499, unitCost: 1050, taxable: true },
				{ kind: 'product', description: '10ft Cat6 patch cable', productId: 2, quantity: 4, unitPrice: 12, unitCost: 4, taxable: true },
			],
		}),
		invoice({
			id: 302,
			invoiceNumber: 'INV-1002',
			type: 'Agreement',
			companyId: 251,
			date: '2025-01-31T00:00:00Z',
			reference: 'Managed Services Agreement - February 2025',
			lines: [
				{ kind: 'agreement', description: 'Managed IT Services - February 2025', quantity: 1, unitPrice: 1200, taxable: true },
				{ kind: 'product', description: 'Microsoft 365 Business Premium (monthly)', productId: 4, quantity: 12, unitPrice: 22, unitCost: 18.7, taxable: true, accountNumber: M.glAccounts.agreementRevenue },
			],
		}),
		invoice({
			id: 303,
			invoiceNumber: 'INV-1003',
			type: 'Miscellaneous',
			companyId: 252,
			date: '2025-01-15T00:00:00Z',
			departmentId: M.departments.professionalServices,
			lines: [{ kind: 'misc', description: 'Network assessment (fixed fee)', quantity: 1, unitPrice: 750, taxable: true }],
		}),
		invoice({
			id: 304,
			invoiceNumber: 'INV-1004',
			type: 'DownPayment',
			companyId: 253,
			date: '2025-01-17T00:00:00Z',
			departmentId: M.departments.professionalServices,
			reference: 'Campus Wi-Fi upgrade project',
			lines: [{ kind: 'downPayment', description: 'Down payment - campus Wi-Fi upgrade project', quantity: 1, unitPrice: 2500, taxable: false }],
		}),
		invoice({
			id: 305,
			invoiceNumber: 'INV-1005',
			type: 'Standard',
			companyId: 254,
			date: '2025-01-21T00:00:00Z',
			lines: [
				service('Ticket #4533 - Replace failed switch at warehouse', 3, 91003),
				{ kind: 'product', description: 'Shipping and handling', productId: 3, quantity: 1, unitPrice: 25, unitCost: 18, taxable: false },
			],
		}),
		invoice({
			id: 306,
			invoiceNumber: 'INV-1006',
			type: 'Standard',
			companyId: 250,
			date: '2025-01-24T00:00:00Z',
			lines: [service('Ticket #4540 - Migrate file server to SharePoint', 4, 91004)],
		}),
		invoice({
			id: 307,
			invoiceNumber: 'INV-1007',
			type: 'CreditMemo',
			companyId: 250,
			date: '2025-01-27T00:00:00Z',
			reference: 'INV-1006',
			lines: [service('Credit: duplicate hour billed on INV-1006', 1, 91005)],
		}),
		invoice({
			id: 308,
			invoiceNumber: 'INV-1008',
			type: 'Agreement',
			companyId: 252,
			date: '2025-01-31T00:00:00Z',
			locationId: M.locations.sanAntonio,
			reference: 'Managed Services Agreement - February 2025',
			lines: [{ kind: 'agreement', description: 'Managed IT Services - February 2025', quantity: 1, unitPrice: 950, taxable: true }],
		}),
		invoice({
			id: 309,
			invoiceNumber: 'INV-1009',
			type: 'Standard',
			status: 'Open',
			companyId: 251,
			date: '2025-02-05T00:00:00Z',
			lines: [service('Ticket #4551 - Workstation refresh planning', 2, 91006)],
		}),
	].map((entry) => (entry.status === 'Open' ? { ...entry, closedBy: undefined, dateClosed: undefined } : entry)),
	expenses: [
		{ id: 7001, memberId: 140, reportId: 7101, reportIdentifier: 'JSMITH-2025-01', date: '2025-01-14T00:00:00Z', typeName: 'Mileage', description: 'Mileage: 120 mi round trip to Cedar Park Veterinary Clinic', amount: 84, billable: false, reimbursable: true, companyId: 252, paymentMethod: 'Personal', locationId: 1, departmentId: 11, dateClosed: '2025-01-31T17:00:00Z' },
		{ id: 7002, memberId: 140, reportId: 7101, reportIdentifier: 'JSMITH-2025-01', date: '2025-01-15T00:00:00Z', typeName: 'Lodging', description: 'Hotel: overnight for on-site server migration', amount: 189, billable: false, reimbursable: true, companyId: 252, paymentMethod: 'Personal', locationId: 1, departmentId: 11, dateClosed: '2025-01-31T17:00:00Z' },
		{ id: 7003, memberId: 142, reportId: 7102, reportIdentifier: 'APATEL-2025-01', date: '2025-01-20T00:00:00Z', typeName: 'Meals', description: 'Client lunch - Bluebonnet Dental onboarding', amount: 46.5, billable: false, reimbursable: true, companyId: 251, paymentMethod: 'Personal', locationId: 1, departmentId: 10, dateClosed: '2025-01-31T17:00:00Z' },
	],
	purchaseOrders: [
		{
			id: 801,
			poNumber: 'PO-2025-0007',
			vendorCompanyId: 260,
			date: '2025-01-06T00:00:00Z',
			locationId: 1,
			departmentId: 11,
			billingTermsId: 1,
			receipts: [
				{
					id: 5001,
					packingSlip: 'PS-88123',
					date: '2025-01-08T00:00:00Z',
					vendorInvoiceNumber: 'IM-5541207',
					vendorInvoiceDate: '2025-01-08T00:00:00Z',
					trackingNumber: '1Z999AA10123456784',
					dateClosed: '2025-01-09T15:00:00Z',
					lines: [
						{ id: 50011, lineNumber: 1, productId: 1, quantity: 5, unitCost: 1050 },
						{ id: 50012, lineNumber: 2, productId: 2, quantity: 10, unitCost: 4 },
					],
				},
			],
		},
		{
			id: 802,
			poNumber: 'PO-2025-0008',
			vendorCompanyId: 261,
			date: '2025-01-20T00:00:00Z',
			locationId: 1,
			departmentId: 10,
			billingTermsId: 1,
			receipts: [
				{
					id: 5002,
					packingSlip: 'PS-4410',
					date: '2025-01-22T00:00:00Z',
					dateClosed: '2025-01-22T16:00:00Z',
					lines: [
						{ id: 50021, lineNumber: 1, productId: 4, quantity: 12, unitCost: 18.7 },
						{ id: 50022, lineNumber: 2, productId: 3, quantity: 1, unitCost: 18 },
					],
				},
			],
		},
	],
	adjustments: [
		{
			id: 6001,
			identifier: 'ADJ-2025-003',
			description: 'Damaged stock write-off',
			reason: 'Laptop damaged in transit, not claimable',
			date: '2025-01-28T00:00:00Z',
			locationId: 1,
			dateClosed: '2025-01-28T12:00:00Z',
			details: [{ id: 60011, productId: 1, quantity: -1, unitCost: 1050 }],
		},
	],
};

type ListKey = 'locations' | 'departments' | 'billingTerms' | 'taxCodes' | 'productTypes' | 'products' | 'companies' | 'members' | 'invoices' | 'expenses' | 'purchaseOrders' | 'adjustments';
const LIST_KEYS: ListKey[] = ['locations', 'departments', 'billingTerms', 'taxCodes', 'productTypes', 'products', 'companies', 'members', 'invoices', 'expenses', 'purchaseOrders', 'adjustments'];

/**
 * Lays `overrides` over the sample: list entries whose id matches a sample entry replace it,
 * others are added; `companyInfo`, `glSetup` and `accountingPackageSetup` merge field by field.
 */
export function mergeSeed(overrides: Partial<ManageSeed> = {}): ManageSeed {
	const merged: ManageSeed = structuredClone(DEFAULT_SEED);
	merged.companyInfo = { ...merged.companyInfo, ...overrides.companyInfo };
	merged.glSetup = { ...merged.glSetup, ...overrides.glSetup };
	merged.accountingPackageSetup = { ...merged.accountingPackageSetup, ...overrides.accountingPackageSetup };
	for (const key of LIST_KEYS) {
		const extra = overrides[key] as Array<{ id: number }> | undefined;
		if (!extra) continue;
		const list = merged[key] as Array<{ id: number }>;
		for (const entry of structuredClone(extra)) {
			const index = list.findIndex((existing) => existing.id === entry.id);
			if (index >= 0) list[index] = entry;
			else list.push(entry);
		}
	}
	return merged;
}

/** First id of generated customers and invoices (`generated` option): far from the sample's. */
export const GENERATED_COMPANY_BASE = 10001;
export const GENERATED_INVOICE_BASE = 100001;

/**
 * Bulk data for the benchmark: `customers` clients GEN0001… (Texas tax, Net 30) and `invoices`
 * closed standard invoices GEN-000001… spread over them, one taxable service line each (four GL
 * entries: AR, RP and two ST). Deterministic: the same counts give the same data.
 */
export function generatedData(options: { invoices?: number; customers?: number }): { companies: Company[]; invoices: Invoice[] } {
	const invoiceCount = Math.max(0, Math.floor(options.invoices ?? 0));
	const customerCount = Math.max(0, Math.floor(options.customers ?? (invoiceCount > 0 ? Math.min(200, invoiceCount) : 0)));
	if (invoiceCount > 0 && customerCount === 0) throw new Error('generated.invoices needs at least one generated customer');
	const companies: Company[] = Array.from({ length: customerCount }, (_, index) => {
		const code = `GEN${String(index + 1).padStart(4, '0')}`;
		return company({ id: GENERATED_COMPANY_BASE + index, identifier: code, name: `Generated Client ${String(index + 1).padStart(4, '0')}`, accountNumber: code, isVendorFlag: false, taxCodeId: 1, billingTermsId: 1 });
	});
	const start = Date.UTC(2025, 0, 1);
	const invoices: Invoice[] = Array.from({ length: invoiceCount }, (_, index) => {
		const id = GENERATED_INVOICE_BASE + index;
		const date = new Date(start + (index % 59) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		return {
			id,
			invoiceNumber: `GEN-${String(index + 1).padStart(6, '0')}`,
			type: 'Standard',
			status: 'Closed',
			companyId: GENERATED_COMPANY_BASE + (index % customerCount),
			date,
			locationId: 1,
			departmentId: 10,
			closedBy: 'jsmith',
			dateClosed: date,
			lines: [{ id: id * 10 + 1, kind: 'service', description: `Ticket #${50000 + index} - Remote support`, quantity: 1 + (index % 8) * 0.5, unitPrice: 150, taxable: true }],
		};
	});
	return { companies, invoices };
}

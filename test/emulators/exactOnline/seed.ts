/**
 * The sample division: a small Dutch company keeping its books in EUR, with just enough
 * reference data to hit every rule the emulator applies. README.md lists it as a table.
 */
import type { AccountSeed, EmulatorSeed } from './types';
import { padAccountCode, stableGuid } from './values';

export const SAMPLE_CLIENT: { clientId: string; clientSecret: string; redirectUri?: string } = {
	clientId: 'b81cc4de-d192-400e-bcb4-09254394c52a',
	clientSecret: 'ledger-bridge-emulator-secret',
	// No registered redirect URI: the emulator accepts any, so n8n's callback on any port works.
	redirectUri: undefined,
};

/** Division codes are the big numbers URLs take; HIDs are what the UI shows as "Code" (§1 "Code vs HID"). */
const MAIN_DIVISION = 1234567;
const OTHER_DIVISION = 7654321;

const customer = (code: string, Name: string, extra: Partial<AccountSeed> = {}): AccountSeed => ({
	Code: code,
	Name,
	Status: 'C',
	IsSupplier: false,
	Country: 'NL',
	PaymentConditionSales: '30',
	SalesCurrency: 'EUR',
	...extra,
});

const supplier = (code: string, Name: string, extra: Partial<AccountSeed> = {}): AccountSeed => ({
	Code: code,
	Name,
	Status: 'A',
	IsSupplier: true,
	Country: 'NL',
	PaymentConditionPurchase: '30',
	PurchaseCurrency: 'EUR',
	...extra,
});

const DEFAULT_SEED: EmulatorSeed = {
	client: SAMPLE_CLIENT,
	user: {
		UserID: stableGuid(MAIN_DIVISION, 'User', 'demo'),
		UserName: 'demo@ledgerbridge.example',
		FullName: 'Demo Boekhouder',
		Email: 'demo@ledgerbridge.example',
		LanguageCode: 'en-GB',
	},
	division: { Code: MAIN_DIVISION, Hid: 1, Description: 'Ledger Bridge Demo BV', Country: 'NL', Currency: 'EUR' },
	otherDivisions: [{ Code: OTHER_DIVISION, Hid: 2, Description: 'Ledger Bridge Demo België BV', Country: 'BE', Currency: 'EUR' }],
	journals: [
		{ Code: '70', Description: 'Verkoopboek / Sales', Type: 20, AllowVAT: true, AllowVariableCurrency: true },
		{ Code: '71', Description: 'Creditnota’s verkoop / Sales credit notes', Type: 21, AllowVAT: true, AllowVariableCurrency: true },
		{ Code: '60', Description: 'Inkoopboek / Purchases', Type: 22, AllowVAT: true, AllowVariableCurrency: true },
		{ Code: '61', Description: 'Creditnota’s inkoop / Purchase credit notes', Type: 23, AllowVAT: true, AllowVariableCurrency: false },
		{ Code: '20', Description: 'Bank', Type: 12, AllowVAT: false, AllowVariableCurrency: false },
		{ Code: '90', Description: 'Memoriaal / General journal', Type: 90, AllowVAT: false, AllowVariableCurrency: false },
	],
	glAccounts: [
		{ Code: '1100', Description: 'Bank', Type: 12 },
		{ Code: '1300', Description: 'Debiteuren / Debtors', Type: 20 },
		{ Code: '1500', Description: 'Te betalen btw / VAT payable', Type: 24 },
		{ Code: '1600', Description: 'Crediteuren / Creditors', Type: 22 },
		{ Code: '4000', Description: 'Algemene kosten / General costs', Type: 121, VATCode: '5' },
		{ Code: '4010', Description: 'Drukwerk / Printing costs', Type: 121, VATCode: '5' },
		{ Code: '4500', Description: 'Projectkosten / Project costs', Type: 121, VATCode: '5', UseCostcenter: 1 },
		{ Code: '7000', Description: 'Kostprijs omzet / Cost of goods sold', Type: 111, VATCode: '5' },
		{ Code: '8000', Description: 'Omzet / Revenue', Type: 110, VATCode: '2' },
		{ Code: '8010', Description: 'Omzet diensten / Revenue services', Type: 110, VATCode: '2' },
		{ Code: '8020', Description: 'Omzet oud / Revenue (old, blocked)', Type: 110, VATCode: '2', IsBlocked: true },
		{ Code: '8100', Description: 'Omzet laag tarief / Revenue low rate', Type: 110, VATCode: '3' },
	],
	vatCodes: [
		{ Code: '0', Description: 'Geen btw / No VAT', Percentage: 0, Type: 'N', VATTransactionType: 'B' },
		{ Code: '1', Description: 'Btw 0% verkopen / Sales 0% (export)', Percentage: 0, Type: 'B', VATTransactionType: 'S' },
		{ Code: '2', Description: 'Btw hoog verkopen 21% excl. / Sales high excl.', Percentage: 0.21, Type: 'E', VATTransactionType: 'S' },
		{ Code: '3', Description: 'Btw laag verkopen 9% excl. / Sales low excl.', Percentage: 0.09, Type: 'E', VATTransactionType: 'S' },
		{ Code: '5', Description: 'Btw hoog inkopen 21% excl. / Purchase high excl.', Percentage: 0.21, Type: 'E', VATTransactionType: 'P' },
		{ Code: '6', Description: 'Btw laag inkopen 9% excl. / Purchase low excl.', Percentage: 0.09, Type: 'E', VATTransactionType: 'P' },
		{ Code: '7', Description: 'Btw laag 6% (vervallen) / Old low rate', Percentage: 0.06, Type: 'E', VATTransactionType: 'S', IsBlocked: true },
	],
	paymentConditions: [
		{ Code: '14', Description: '14 dagen / 14 days', PaymentDays: 14 },
		{ Code: '30', Description: '30 dagen / 30 days', PaymentDays: 30 },
	],
	currencies: [
		{ Code: 'EUR', Description: 'Euro', Active: true },
		{ Code: 'GBP', Description: 'Pound sterling', Active: true },
		{ Code: 'USD', Description: 'US dollar', Active: false },
	],
	costCenters: [
		{ Code: '100', Description: 'Verkoop / Sales' },
		{ Code: '200', Description: 'Projecten / Projects' },
	],
	costUnits: [
		{ Code: 'WEB', Description: 'Websites' },
		{ Code: 'PRINT', Description: 'Printwork' },
	],
	accounts: [
		customer('1001', 'Bakkerij De Gouden Korst BV', { VATNumber: 'NL001234567B01', City: 'Utrecht', Email: 'administratie@goudenkorst.example' }),
		customer('1002', 'Fietsenmakerij Van Dam', { PaymentConditionSales: '14', City: 'Amersfoort' }),
		customer('1003', 'Thames Print Ltd', { Country: 'GB', SalesCurrency: 'GBP', VATNumber: 'GB123456789', City: 'London' }),
		customer('1004', 'Studio Noord', { IsSupplier: true, PaymentConditionPurchase: '14', City: 'Groningen' }),
		supplier('2001', 'Drukkerij Janssen BV', { VATNumber: 'NL009876543B01', City: 'Zwolle' }),
		supplier('2002', 'Kantoorhuis Utrecht', { PaymentConditionPurchase: '14', City: 'Utrecht' }),
		{ Code: '3001', Name: 'Hotel Zeezicht', Status: 'P', IsSupplier: false, Country: 'NL', City: 'Zandvoort' },
	],
	exchangeRates: { GBP: 1.17, USD: 0.92 },
	periodsClosedBefore: undefined,
};

const gl = (code: string) => ({ code, id: stableGuid(MAIN_DIVISION, 'GLAccount', code) });
const account = (code: string, name: string) => ({ code, paddedCode: padAccountCode(code), id: stableGuid(MAIN_DIVISION, 'Account', code), name });

/** Constants for tests: every code and GUID of the default seed, under names that say what they are for. */
export const SAMPLE_DIVISION = {
	code: MAIN_DIVISION,
	hid: 1,
	description: 'Ledger Bridge Demo BV',
	currency: 'EUR',
	/** A second accessible division; its GUIDs differ from the main one's. */
	otherDivision: { code: OTHER_DIVISION, hid: 2, description: 'Ledger Bridge Demo België BV' },
	/** The HID mistaken for a division code: the user has no such division, so the API answers 403. */
	inaccessibleDivision: 1,
	journals: { sales: '70', salesCredit: '71', purchase: '60', purchaseCredit: '61', bank: '20', general: '90' },
	glAccounts: {
		bank: gl('1100'),
		debtors: gl('1300'),
		vatPayable: gl('1500'),
		creditors: gl('1600'),
		generalCosts: gl('4000'),
		printingCosts: gl('4010'),
		/** UseCostcenter 1: a line without CostCenter is refused. */
		projectCosts: gl('4500'),
		costOfGoods: gl('7000'),
		revenue: gl('8000'),
		revenueServices: gl('8010'),
		revenueBlocked: gl('8020'),
		revenueLowRate: gl('8100'),
	},
	vatCodes: {
		none: '0  ',
		salesZero: '1  ',
		salesHigh: '2  ',
		salesLow: '3  ',
		purchaseHigh: '5  ',
		purchaseLow: '6  ',
		salesBlocked: '7  ',
	},
	paymentConditions: { days14: '14', days30: '30' },
	currencies: { euro: 'EUR', pound: 'GBP', inactiveDollar: 'USD' },
	exchangeRates: { GBP: 1.17, USD: 0.92 },
	costCenters: { sales: '100', projects: '200' },
	costUnits: { websites: 'WEB', printwork: 'PRINT' },
	customers: {
		bakery: account('1001', 'Bakkerij De Gouden Korst BV'),
		bikeShop: account('1002', 'Fietsenmakerij Van Dam'),
		/** Invoiced in GBP. */
		thamesPrint: account('1003', 'Thames Print Ltd'),
		/** Customer and supplier at once. */
		studioNoord: account('1004', 'Studio Noord'),
	},
	suppliers: {
		printer: account('2001', 'Drukkerij Janssen BV'),
		officeSupplies: account('2002', 'Kantoorhuis Utrecht'),
	},
	/** Status 'P': posting a sales entry to it fails with "Invalid: Customer (Type)". */
	prospect: account('3001', 'Hotel Zeezicht'),
	seed: DEFAULT_SEED,
} as const;

const LIST_KEYS: Array<keyof EmulatorSeed> = ['journals', 'glAccounts', 'vatCodes', 'paymentConditions', 'currencies', 'costCenters', 'costUnits', 'accounts', 'otherDivisions'];

/**
 * The default seed with `extra` laid over it: a list entry with the same Code replaces the
 * default one, any other is added (so a benchmark can pass 100 extra customers).
 */
export function mergeSeed(extra: Partial<EmulatorSeed> = {}): EmulatorSeed {
	const merged: EmulatorSeed = {
		...DEFAULT_SEED,
		...extra,
		client: { ...DEFAULT_SEED.client, ...extra.client },
		user: { ...DEFAULT_SEED.user, ...extra.user },
		division: { ...DEFAULT_SEED.division, ...extra.division },
		exchangeRates: { ...DEFAULT_SEED.exchangeRates, ...extra.exchangeRates },
	};
	for (const key of LIST_KEYS) {
		const base = DEFAULT_SEED[key] as Array<{ Code: unknown }>;
		const more = (extra[key] ?? []) as Array<{ Code: unknown }>;
		const byCode = new Map(base.map((item) => [String(item.Code).trim(), item]));
		for (const item of more) byCode.set(String(item.Code).trim(), item);
		(merged as unknown as Record<string, unknown>)[key] = [...byCode.values()];
	}
	return merged;
}

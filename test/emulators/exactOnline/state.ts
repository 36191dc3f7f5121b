/**
 * Everything the emulator knows, kept in memory: the divisions with their reference data,
 * accounts, entries and outstanding items, plus the request log and the counters tests read.
 */
import type {
	Account,
	AccountSeed,
	CostCenter,
	CostCenterSeed,
	Currency,
	Division,
	DivisionSeed,
	EmulatorSeed,
	GLAccount,
	Journal,
	Me,
	PaymentCondition,
	StoredEntry,
	Term,
	VATCode,
} from './types';
import { fromCents, multiplyCents, padAccountCode, padCountry, padVatCode, parseInputDate, sameGuid, stableGuid, toCents } from './values';
import { countRequests } from '../shared';

export interface RequestRecord {
	method: string;
	/** Path without the query, e.g. /api/v1/1234567/crm/Accounts. */
	path: string;
	/** The raw query string without '?', still percent-encoded. */
	query: string;
	/** 0 while in flight, and for connections the emulator dropped on purpose. */
	status: number;
	at: number;
}

/** Calls made in the current minute and day windows, per division (§5: limits are per app per division). */
export interface UsageCounters {
	minuteWindow: number;
	minuteCalls: number;
	dayWindow: number;
	dayCalls: number;
}

const GL_TYPE_DESCRIPTIONS: Record<number, string> = {
	0: 'Empty',
	10: 'Cash',
	12: 'Bank',
	20: 'Accounts receivable',
	22: 'Accounts payable',
	24: 'VAT',
	90: 'General',
	110: 'Revenue',
	111: 'Cost of goods',
	121: 'Sales, general administrative expenses',
};

export class DivisionData {
	journals: Journal[] = [];
	glAccounts: GLAccount[] = [];
	vatCodes: VATCode[] = [];
	paymentConditions: PaymentCondition[] = [];
	currencies: Currency[] = [];
	costCenters: CostCenter[] = [];
	costUnits: CostCenter[] = [];
	accounts: Account[] = [];
	entries: StoredEntry[] = [];
	receivables: Term[] = [];
	payables: Term[] = [];

	constructor(
		readonly info: Division,
		readonly exchangeRates: Record<string, number>,
		readonly periodsClosedBefore: Date | undefined,
	) {}

	get code(): number {
		return this.info.Code;
	}

	journal(code: string): Journal | undefined {
		return this.journals.find((journal) => journal.Code === code.trim());
	}

	glAccount(id: string): GLAccount | undefined {
		return this.glAccounts.find((glAccount) => sameGuid(glAccount.ID, id));
	}

	/** Trailing spaces do not matter, as in SQL Server: '2' finds '2  '. */
	vatCode(code: string): VATCode | undefined {
		return this.vatCodes.find((vatCode) => vatCode.Code.trimEnd() === code.trimEnd());
	}

	paymentCondition(code: string): PaymentCondition | undefined {
		return this.paymentConditions.find((condition) => condition.Code === code.trim());
	}

	currency(code: string): Currency | undefined {
		return this.currencies.find((currency) => currency.Code === code.trim().toUpperCase());
	}

	account(id: string): Account | undefined {
		return this.accounts.find((account) => sameGuid(account.ID, id));
	}

	costCenter(code: string): CostCenter | undefined {
		return this.costCenters.find((center) => center.Code === code.trim());
	}

	costUnit(code: string): CostCenter | undefined {
		return this.costUnits.find((unit) => unit.Code === code.trim());
	}

	entry(id: string): StoredEntry | undefined {
		return this.entries.find((entry) => sameGuid(entry.EntryID, id));
	}
}

export function materialiseAccount(division: number, seed: AccountSeed, now: Date): Account {
	const status = seed.Status ?? 'A';
	return {
		ID: seed.ID ?? stableGuid(division, 'Account', seed.Code),
		Division: division,
		Code: padAccountCode(seed.Code),
		Name: seed.Name,
		Status: status,
		IsSupplier: seed.IsSupplier ?? false,
		IsSales: status === 'C',
		Blocked: seed.Blocked ?? false,
		VATNumber: seed.VATNumber ?? null,
		Country: seed.Country ? padCountry(seed.Country) : null,
		City: seed.City ?? null,
		Email: seed.Email ?? null,
		PaymentConditionSales: seed.PaymentConditionSales ?? null,
		PaymentConditionPurchase: seed.PaymentConditionPurchase ?? null,
		SalesCurrency: seed.SalesCurrency ?? null,
		PurchaseCurrency: seed.PurchaseCurrency ?? null,
		SalesVATCode: seed.SalesVATCode ?? null,
		PurchaseVATCode: seed.PurchaseVATCode ?? null,
		GLAR: seed.GLAR ?? null,
		GLAP: seed.GLAP ?? null,
		Created: now,
		Modified: now,
	};
}

export function materialiseGLAccount(division: number, seed: EmulatorSeed['glAccounts'][number], keepIds: boolean): GLAccount {
	return {
		ID: (keepIds && seed.ID) || stableGuid(division, 'GLAccount', seed.Code),
		Division: division,
		Code: seed.Code.trim(),
		Description: seed.Description,
		Type: seed.Type,
		TypeDescription: GL_TYPE_DESCRIPTIONS[seed.Type] ?? 'General',
		BalanceType: seed.Type < 100 ? 'B' : 'W',
		IsBlocked: seed.IsBlocked ?? false,
		VATCode: seed.VATCode ? padVatCode(seed.VATCode) : '',
		UseCostcenter: seed.UseCostcenter ?? 0,
		UseCostunit: seed.UseCostunit ?? 0,
	};
}

function materialiseCostCenter(division: number, kind: string, seed: CostCenterSeed, keepIds: boolean): CostCenter {
	return {
		ID: (keepIds && seed.ID) || stableGuid(division, kind, seed.Code),
		Division: division,
		Code: seed.Code.trim(),
		Description: seed.Description,
		Active: seed.Active ?? true,
	};
}

/** One division's data from the seed. Explicit IDs in the seed belong to the main division only. */
function buildDivision(seed: EmulatorSeed, divisionSeed: DivisionSeed, current: boolean, now: Date): DivisionData {
	const code = divisionSeed.Code;
	const keepIds = current;
	const division = new DivisionData(
		{
			Code: code,
			Description: divisionSeed.Description,
			Hid: divisionSeed.Hid,
			Current: current,
			Status: divisionSeed.Status ?? 1,
			Country: padCountry(divisionSeed.Country ?? 'NL'),
			Currency: divisionSeed.Currency ?? 'EUR',
			DivisionMoveDate: null,
		},
		{ ...seed.exchangeRates },
		seed.periodsClosedBefore ? parseInputDate(seed.periodsClosedBefore) : undefined,
	);
	division.journals = seed.journals.map((journal) => ({
		ID: (keepIds && journal.ID) || stableGuid(code, 'Journal', journal.Code),
		Division: code,
		Code: journal.Code.trim(),
		Description: journal.Description,
		Type: journal.Type,
		AllowVAT: journal.AllowVAT ?? true,
		AllowVariableCurrency: journal.AllowVariableCurrency ?? false,
		Currency: journal.Currency ?? division.info.Currency,
	}));
	division.glAccounts = seed.glAccounts.map((glAccount) => materialiseGLAccount(code, glAccount, keepIds));
	division.vatCodes = seed.vatCodes.map((vatCode) => ({
		ID: (keepIds && vatCode.ID) || stableGuid(code, 'VATCode', vatCode.Code),
		Division: code,
		Code: padVatCode(vatCode.Code),
		Description: vatCode.Description,
		Percentage: vatCode.Percentage,
		Type: vatCode.Type ?? (vatCode.Percentage === 0 ? 'B' : 'E'),
		VATTransactionType: vatCode.VATTransactionType ?? 'B',
		IsBlocked: vatCode.IsBlocked ?? false,
	}));
	division.paymentConditions = seed.paymentConditions.map((condition) => ({
		ID: (keepIds && condition.ID) || stableGuid(code, 'PaymentCondition', condition.Code),
		Division: code,
		Code: condition.Code.trim(),
		Description: condition.Description,
		PaymentDays: condition.PaymentDays,
	}));
	division.currencies = seed.currencies.map((currency) => ({
		Code: currency.Code.trim().toUpperCase(),
		Description: currency.Description,
		Active: currency.Active ?? true,
		AmountPrecision: currency.AmountPrecision ?? 0.01,
	}));
	division.costCenters = seed.costCenters.map((center) => materialiseCostCenter(code, 'Costcenter', center, keepIds));
	division.costUnits = seed.costUnits.map((unit) => materialiseCostCenter(code, 'Costunit', unit, keepIds));
	// Other divisions hold no relations: a customer GUID from the main division means nothing there (§3 "GUIDs vs codes").
	if (current) division.accounts = seed.accounts.map((account) => materialiseAccount(code, account, now));
	return division;
}

export class EmulatorState {
	readonly requests: RequestRecord[] = [];
	/** Every refresh_token grant received, whatever its outcome (Exact counts them against 200 token calls a day, §1). */
	refreshCount = 0;
	/** Refreshes refused as TooEarlyToRefreshTokens (they still rotated the refresh token). */
	tooEarlyRefreshCount = 0;
	/** Refreshes with a spent refresh token: each one means a client lost its chain. */
	oldRefreshTokenCount = 0;
	/** API answers of 400, 401, 403 and 404: Exact meters these (§1 "Errors are metered"). */
	errorCount = 0;
	readonly usage = new Map<number, UsageCounters>();
	divisions: DivisionData[] = [];

	constructor(
		private readonly seed: EmulatorSeed,
		private readonly now: () => number,
	) {
		this.loadSeed();
	}

	private loadSeed(): void {
		const now = new Date(this.now());
		this.divisions = [
			buildDivision(this.seed, this.seed.division, true, now),
			...this.seed.otherDivisions.map((division) => buildDivision(this.seed, division, false, now)),
		];
	}

	/** The user's current division, where the seed's accounts live. */
	get current(): DivisionData {
		return this.divisions[0];
	}

	division(code: number): DivisionData | undefined {
		return this.divisions.find((division) => division.code === code);
	}

	get me(): Me {
		return { CurrentDivision: this.current.code, ...this.seed.user };
	}

	get clientSeed(): EmulatorSeed['client'] {
		return this.seed.client;
	}

	// The main division's data, for tests that do not care about the second one.
	get entries(): StoredEntry[] {
		return this.current.entries;
	}

	get accounts(): Account[] {
		return this.current.accounts;
	}

	get glAccounts(): GLAccount[] {
		return this.current.glAccounts;
	}

	get journals(): Journal[] {
		return this.current.journals;
	}

	get vatCodes(): VATCode[] {
		return this.current.vatCodes;
	}

	get receivables(): Term[] {
		return this.current.receivables;
	}

	get payables(): Term[] {
		return this.current.payables;
	}

	/** Adds a relation as if someone had keyed it in Exact. The code is padded to 18. */
	addAccount(seed: AccountSeed, divisionCode: number = this.current.code): Account {
		const division = this.division(divisionCode);
		if (!division) throw new Error(`Division ${divisionCode} is not in the emulator`);
		const account = materialiseAccount(divisionCode, { ...seed, ID: seed.ID ?? stableGuid(divisionCode, 'Account', seed.Code) }, new Date(this.now()));
		if (division.accounts.some((existing) => existing.Code === account.Code)) {
			throw new Error(`An account with code '${account.Code.trim()}' already exists in division ${divisionCode}`);
		}
		division.accounts.push(account);
		return account;
	}

	/**
	 * Registers a receipt against a sales entry's receivable, as if the bank statement had been
	 * matched in Exact. `amount` is in the entry's currency; `date` is ISO (YYYY-MM-DD).
	 */
	pay(entryIdOrYourRef: string, amount: string, date: string): Term {
		const matches = this.divisions.flatMap((division) =>
			division.entries.filter((entry) => entry.kind === 'sales' && (sameGuid(entry.EntryID, entryIdOrYourRef) || entry.YourRef === entryIdOrYourRef)),
		);
		if (matches.length === 0) throw new Error(`No sales entry has EntryID or YourRef '${entryIdOrYourRef}'`);
		if (matches.length > 1) {
			throw new Error(`${matches.length} sales entries have YourRef '${entryIdOrYourRef}' (Exact accepts duplicates); pay one by its EntryID: ${matches.map((entry) => entry.EntryID).join(', ')}`);
		}
		const entry = matches[0];
		const receivable = this.division(entry.Division)?.receivables.find((term) => sameGuid(term.TransactionEntryID, entry.EntryID));
		if (!receivable) throw new Error(`Sales entry ${entry.EntryID} has no receivable`);
		const cents = toCents(amount);
		if (cents === undefined) throw new Error(`'${amount}' is not an amount`);
		const paidOn = parseInputDate(date);
		if (!paidOn) throw new Error(`'${date}' is not a date (use YYYY-MM-DD)`);

		const paidFC = (toCents(receivable.AmountPaidFC) ?? 0) + cents;
		const paidDC = (toCents(receivable.AmountPaidDC) ?? 0) + multiplyCents(cents, entry.Rate);
		const totalFC = toCents(receivable.AmountFC) ?? 0;
		// A credit note's receivable is negative and is settled by a refund (a negative receipt).
		const fullyPaid = totalFC >= 0 ? paidFC >= totalFC : paidFC <= totalFC;
		receivable.AmountPaidFC = fromCents(paidFC);
		receivable.AmountPaidDC = fromCents(paidDC);
		receivable.LastPaymentDate = paidOn;
		receivable.IsFullyPaid = fullyPaid;
		receivable.Status = fullyPaid ? 50 : 20;
		receivable.EndDate = fullyPaid ? paidOn : null;
		return receivable;
	}

	/** How many logged requests match, e.g. countRequests({ method: 'POST', path: /SalesEntries$/ }). */
	countRequests(filter: { method?: string; path?: string | RegExp; status?: number } = {}): number {
		return countRequests(this.requests, filter);
	}

	/** Back to the seed: data, request log, counters and rate-limit windows. Issued tokens stay valid. */
	reset(): void {
		this.loadSeed();
		this.requests.length = 0;
		this.usage.clear();
		this.refreshCount = 0;
		this.tooEarlyRefreshCount = 0;
		this.oldRefreshTokenCount = 0;
		this.errorCount = 0;
	}
}

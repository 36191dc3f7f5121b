/**
 * Posting sales and purchase entries (§3 salesentry/SalesEntries, purchaseentry/PurchaseEntries)
 * with the rules Exact applies, and the receivable or payable each one leaves behind.
 *
 * Deliberately not rules, because Exact does not have them:
 * - a VAT code Exact does not know is dropped and the line is posted without VAT (seed 001);
 * - the same YourRef may be posted any number of times: there is no idempotency key (§3 "Duplicates").
 */
import { Problems, readEntity, text } from './bodies';
import type { PostContext } from './relations';
import { PURCHASE_ENTRY, PURCHASE_ENTRY_LINE, SALES_ENTRY, SALES_ENTRY_LINE } from './schemas';
import type { DivisionData } from './state';
import type { Account, EntryLine, GLAccount, Journal, StoredEntry, Term, VATCode } from './types';
import { addDays, fromCents, multiplyCents, newGuid, startOfUtcDay, toCents } from './values';

type Kind = 'sales' | 'purchase';

const SIDE = {
	sales: {
		entityType: 'Exact.Web.Api.Models.SalesEntry',
		lineEntityType: 'Exact.Web.Api.Models.SalesEntryLine',
		schema: SALES_ENTRY,
		lineSchema: SALES_ENTRY_LINE,
		lines: 'SalesEntryLines',
		party: 'Customer',
		journalTypes: [20, 21],
		vatTransactionType: 'S',
		types: { entry: 20, credit: 21 },
	},
	purchase: {
		entityType: 'Exact.Web.Api.Models.PurchaseEntry',
		lineEntityType: 'Exact.Web.Api.Models.PurchaseEntryLine',
		schema: PURCHASE_ENTRY,
		lineSchema: PURCHASE_ENTRY_LINE,
		lines: 'PurchaseEntryLines',
		party: 'Supplier',
		journalTypes: [22, 23],
		vatTransactionType: 'P',
		types: { entry: 30, credit: 31 },
	},
} as const;

/** Receivable, payable and VAT accounts are fed by the entry itself; a line may not post to them (picqer #121). */
const CONTROL_ACCOUNT_TYPES = new Set([20, 21, 22, 24]);

interface LineDraft {
	glAccount: GLAccount;
	amountCents: number;
	vatCode: VATCode | undefined;
	vatOverrideCents: number | undefined;
	fields: Record<string, unknown>;
}

function checkJournal(division: DivisionData, kind: Kind, entity: Record<string, unknown>, problems: Problems): Journal | undefined {
	const code = text(entity, 'Journal');
	if (!code) {
		problems.add('Mandatory: Journal');
		return undefined;
	}
	// The journal is a code ("70"); a GUID is not found (picqer #31: "Ongeldige referentie: Journals").
	const journal = division.journal(code);
	if (!journal) {
		problems.add('Invalid reference: Journals');
		return undefined;
	}
	if (!(SIDE[kind].journalTypes as readonly number[]).includes(journal.Type)) problems.add('Invalid: Journal (type)');
	return journal;
}

function checkParty(division: DivisionData, kind: Kind, entity: Record<string, unknown>, problems: Problems): Account | undefined {
	const party = SIDE[kind].party;
	const id = entity[party];
	if (typeof id !== 'string') {
		problems.add(`Mandatory: ${party}`);
		return undefined;
	}
	const account = division.account(id);
	if (!account) {
		problems.add(`Invalid reference: ${party}`);
		return undefined;
	}
	// Streamtime's error page: "Invalid: Customer (Type)" means the account exists but is not a customer (§3).
	if (kind === 'sales' && account.Status !== 'C') problems.add('Invalid: Customer (Type)');
	if (kind === 'purchase' && !account.IsSupplier) problems.add('Invalid: Supplier (Type)');
	if (account.Blocked) problems.add(`Blocked: ${party}`);
	return account;
}

function checkLine(division: DivisionData, kind: Kind, journal: Journal | undefined, raw: unknown, problems: Problems): LineDraft | undefined {
	const side = SIDE[kind];
	const fields = readEntity(raw, side.lineSchema, [], side.lineEntityType);
	let glAccount: GLAccount | undefined;
	if (typeof fields.GLAccount !== 'string') {
		problems.add('Mandatory: G/L account');
	} else {
		glAccount = division.glAccount(fields.GLAccount);
		if (!glAccount) problems.add('Invalid reference: G/L account');
		else if (glAccount.IsBlocked) problems.add('Blocked: G/L account');
		else if (CONTROL_ACCOUNT_TYPES.has(glAccount.Type)) problems.add('Invalid: G/L account type');
	}

	const amountCents = toCents(fields.AmountFC);
	if (amountCents === undefined) problems.add('Mandatory: Amount');

	// An empty VATCode takes the G/L account's default (§3 SalesEntryLines). An unknown code is
	// dropped without a word and the line carries no VAT: that is the trap clients must guard against.
	const givenVat = text(fields, 'VATCode');
	let vatCode: VATCode | undefined;
	if (givenVat !== undefined) {
		if (journal && !journal.AllowVAT) problems.add('Not allowed: VAT code');
		vatCode = division.vatCode(givenVat);
		if (vatCode?.IsBlocked) problems.add('Blocked: VAT code');
		else if (vatCode && vatCode.VATTransactionType !== 'B' && vatCode.VATTransactionType !== side.vatTransactionType) problems.add('Invalid: VAT code');
	} else if (glAccount?.VATCode && journal?.AllowVAT !== false) {
		const fallback = division.vatCode(glAccount.VATCode);
		// A revenue account's sales default does not follow it onto a purchase line.
		if (fallback && !fallback.IsBlocked && (fallback.VATTransactionType === 'B' || fallback.VATTransactionType === side.vatTransactionType)) vatCode = fallback;
	}

	const costCenter = text(fields, 'CostCenter');
	if (costCenter !== undefined && !division.costCenter(costCenter)) problems.add('Invalid reference: Cost center');
	if (glAccount?.UseCostcenter === 1 && costCenter === undefined) problems.add('Mandatory: Cost center');
	if (glAccount?.UseCostcenter === 2 && costCenter !== undefined) problems.add('Invalid: Cost center link');
	const costUnit = text(fields, 'CostUnit');
	if (costUnit !== undefined && !division.costUnit(costUnit)) problems.add('Invalid reference: Cost unit');
	if (glAccount?.UseCostunit === 1 && costUnit === undefined) problems.add('Mandatory: Cost unit');

	if (!glAccount || amountCents === undefined) return undefined;
	return { glAccount, amountCents, vatCode, vatOverrideCents: toCents(fields.VATAmountFC), fields };
}

/** Exact's default numbering: two-digit year, journal code, four-digit sequence (e.g. 26700001). */
function nextEntryNumber(division: DivisionData, journal: Journal, entryDate: Date): number {
	const prefix = /^\d{1,3}$/.test(journal.Code) ? Number(`${String(entryDate.getUTCFullYear()).slice(2)}${journal.Code}`) * 10_000 : 0;
	const used = division.entries.filter((entry) => entry.Journal === journal.Code && entry.EntryNumber > prefix && entry.EntryNumber < prefix + 10_000);
	return Math.max(prefix, ...used.map((entry) => entry.EntryNumber)) + 1;
}

function openTerm(division: DivisionData, kind: Kind, entry: StoredEntry, account: Account, paymentDays: number): Term {
	const controlType = kind === 'sales' ? 20 : 22;
	const controlId = kind === 'sales' ? account.GLAR : account.GLAP;
	const control = (controlId ? division.glAccount(controlId) : undefined) ?? division.glAccounts.find((glAccount) => glAccount.Type === controlType);
	return {
		ID: newGuid(),
		Division: division.code,
		Account: account.ID,
		AccountCode: account.Code,
		AccountName: account.Name,
		AmountFC: entry.AmountFC,
		AmountDC: entry.AmountDC,
		AmountPaidFC: 0,
		AmountPaidDC: 0,
		TransactionAmountFC: entry.AmountFC,
		TransactionAmountDC: entry.AmountDC,
		Currency: entry.Currency,
		Description: entry.Description,
		DueDate: entry.DueDate,
		EntryDate: entry.EntryDate,
		InvoiceDate: entry.EntryDate,
		EntryNumber: entry.EntryNumber,
		InvoiceNumber: entry.InvoiceNumber,
		GLAccount: control?.ID ?? null,
		GLAccountCode: control?.Code ?? null,
		Journal: entry.Journal,
		JournalDescription: entry.JournalDescription,
		IsFullyPaid: false,
		LastPaymentDate: null,
		EndDate: null,
		PaymentCondition: entry.PaymentCondition,
		PaymentDays: paymentDays,
		Status: 20,
		TransactionEntryID: entry.EntryID,
		TransactionType: entry.Type,
		YourRef: entry.YourRef,
	};
}

/** Validates and stores a POSTed entry; throws ExactError with every problem found. */
export function postEntry(kind: Kind, division: DivisionData, body: unknown, context: PostContext): StoredEntry {
	const side = SIDE[kind];
	const entity = readEntity(body, side.schema, [side.lines], side.entityType);
	const problems = new Problems();

	const journal = checkJournal(division, kind, entity, problems);
	const account = checkParty(division, kind, entity, problems);

	const divisionCurrency = division.info.Currency;
	const givenCurrency = text(entity, 'Currency');
	const accountCurrency = (kind === 'sales' ? account?.SalesCurrency : account?.PurchaseCurrency) ?? undefined;
	const currency = givenCurrency?.toUpperCase() ?? (accountCurrency && division.currency(accountCurrency)?.Active ? accountCurrency : divisionCurrency);
	if (givenCurrency !== undefined) {
		const known = division.currency(givenCurrency);
		if (!known) problems.add('Invalid reference: Currency');
		else if (!known.Active) problems.add('Invalid: Currency');
	}
	if (journal && currency !== divisionCurrency && !journal.AllowVariableCurrency) problems.add('Not allowed: Currency');
	const givenRate = typeof entity.Rate === 'number' && entity.Rate > 0 ? entity.Rate : undefined;
	const rate = currency === divisionCurrency ? 1 : (givenRate ?? division.exchangeRates[currency]);
	if (rate === undefined && division.currency(currency)) problems.add('Mandatory: Exchange rate');

	const givenCondition = text(entity, 'PaymentCondition');
	const conditionCode = givenCondition ?? (kind === 'sales' ? account?.PaymentConditionSales : account?.PaymentConditionPurchase) ?? undefined;
	const condition = conditionCode ? division.paymentCondition(conditionCode) : undefined;
	if (givenCondition !== undefined && !condition) problems.add('Invalid reference: Payment condition');

	const now = new Date(context.now);
	const entryDate = (entity.EntryDate as Date | null) ?? startOfUtcDay(context.now);
	if (division.periodsClosedBefore && entryDate < division.periodsClosedBefore) problems.add('Period is closed');

	let entryNumber = entity.EntryNumber as number | null | undefined;
	if (entryNumber !== null && entryNumber !== undefined) {
		if (entryNumber <= 0) problems.add('Invalid: Entry number');
		else if (journal && division.entries.some((entry) => entry.Journal === journal.Code && entry.EntryNumber === entryNumber)) {
			// Streamtime's error page quotes "Already exists – Entry number…, Journal…" (§3 "Duplicates").
			problems.add(`Already exists: Entry number ${entryNumber}, Journal ${journal.Code}`);
		}
	}

	const rawLines = entity[side.lines];
	const drafts: LineDraft[] = [];
	if (!Array.isArray(rawLines) || rawLines.length === 0) {
		problems.add(`Mandatory: ${side.lines}`);
	} else {
		for (const raw of rawLines) {
			const draft = checkLine(division, kind, journal, raw, problems);
			if (draft) drafts.push(draft);
		}
	}

	problems.throwIfAny(context.validationStatus);
	// Past throwIfAny every reference checked above exists.
	const postedJournal = journal as Journal;
	const party = account as Account;
	const entryRate = rate as number;
	entryNumber ??= nextEntryNumber(division, postedJournal, entryDate);

	const entryId = newGuid();
	let totalCents = 0;
	let totalDcCents = 0;
	let vatCents = 0;
	let vatDcCents = 0;
	const lines: EntryLine[] = drafts.map((draft, index) => {
		const lineVat = draft.vatOverrideCents ?? (draft.vatCode && draft.vatCode.Type !== 'N' && draft.vatCode.Type !== 'B' ? multiplyCents(draft.amountCents, draft.vatCode.Percentage) : 0);
		const amountDc = multiplyCents(draft.amountCents, entryRate);
		const lineVatDc = multiplyCents(lineVat, entryRate);
		totalCents += draft.amountCents + lineVat;
		totalDcCents += amountDc + lineVatDc;
		vatCents += lineVat;
		vatDcCents += lineVatDc;
		const fields = draft.fields;
		const line: EntryLine = {
			ID: newGuid(),
			EntryID: entryId,
			Division: division.code,
			LineNumber: index + 1,
			GLAccount: draft.glAccount.ID,
			GLAccountCode: draft.glAccount.Code,
			GLAccountDescription: draft.glAccount.Description,
			AmountFC: fromCents(draft.amountCents),
			AmountDC: fromCents(amountDc),
			VATCode: draft.vatCode?.Code ?? '',
			VATPercentage: draft.vatCode?.Percentage ?? 0,
			VATAmountFC: fromCents(lineVat),
			VATAmountDC: fromCents(lineVatDc),
			Description: (fields.Description as string | null | undefined) ?? null,
			CostCenter: text(fields, 'CostCenter') ?? null,
			CostUnit: text(fields, 'CostUnit') ?? null,
			Quantity: (fields.Quantity as number | null | undefined) ?? null,
			Project: (fields.Project as string | null | undefined) ?? null,
		};
		if (kind === 'purchase') {
			line.VATNonDeductiblePercentage = (fields.VATNonDeductiblePercentage as number | null | undefined) ?? null;
			line.PrivateUsePercentage = (fields.PrivateUsePercentage as number | null | undefined) ?? null;
		}
		return line;
	});

	const isCredit = totalCents < 0;
	const entry: StoredEntry = {
		kind,
		EntryID: entryId,
		Division: division.code,
		Journal: postedJournal.Code,
		JournalDescription: postedJournal.Description,
		EntryNumber: entryNumber,
		// "For sales invoices [EntryNumber] is the invoice number" (§3); a separate InvoiceNumber is not honoured.
		InvoiceNumber: entryNumber,
		EntryDate: entryDate,
		DueDate: (entity.DueDate as Date | null) ?? addDays(entryDate, condition?.PaymentDays ?? 0),
		YourRef: (entity.YourRef as string | null | undefined) ?? null,
		Description: (entity.Description as string | null | undefined) ?? null,
		PaymentReference: (entity.PaymentReference as string | null | undefined) ?? null,
		Currency: currency,
		Rate: entryRate,
		PaymentCondition: condition?.Code ?? null,
		PaymentConditionDescription: condition?.Description ?? null,
		AmountFC: fromCents(totalCents),
		AmountDC: fromCents(totalDcCents),
		VATAmountFC: fromCents(vatCents),
		VATAmountDC: fromCents(vatDcCents),
		Status: 20,
		StatusDescription: 'Open',
		Type: isCredit ? side.types.credit : side.types.entry,
		TypeDescription: isCredit ? 'Credit note' : kind === 'sales' ? 'Sales entry' : 'Purchase entry',
		ReportingYear: (entity.ReportingYear as number | null | undefined) ?? entryDate.getUTCFullYear(),
		ReportingPeriod: (entity.ReportingPeriod as number | null | undefined) ?? entryDate.getUTCMonth() + 1,
		Created: now,
		Modified: now,
		Lines: lines,
	};
	if (kind === 'sales') {
		entry.Customer = party.ID;
		entry.CustomerName = party.Name;
	} else {
		entry.Supplier = party.ID;
		entry.SupplierName = party.Name;
	}
	division.entries.push(entry);
	const term = openTerm(division, kind, entry, party, condition?.PaymentDays ?? 0);
	(kind === 'sales' ? division.receivables : division.payables).push(term);
	return entry;
}

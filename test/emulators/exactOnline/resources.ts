/**
 * The endpoints under /api/v1/{division}/ that the emulator serves: which records each one
 * reads, its page size and $select rule, and what a POST to it does.
 */
import { postEntry } from './entries';
import type { ResourceShape } from './query';
import { postAccount, postGLAccount, type PostContext } from './relations';
import * as schemas from './schemas';
import type { DivisionData, EmulatorState } from './state';
import type { StoredEntry, Term } from './types';
import { fromCents, toCents } from './values';

export interface Resource extends ResourceShape {
	/** Relative to /api/v1/{division}/, e.g. crm/Accounts. */
	path: string;
	rows(state: EmulatorState, division: DivisionData): object[];
	create?(division: DivisionData, body: unknown, context: PostContext): object;
}

type Options = Partial<Pick<Resource, 'navigation' | 'pageSize' | 'selectRule' | 'create'>>;

/** A CRUD endpoint: pages of 60, $select required unless $top=1 (§4). */
function crud(path: string, entityType: string, key: string, schema: ResourceShape['schema'], rows: Resource['rows'], options: Options = {}): Resource {
	return { path, entityType: `Exact.Web.Api.Models.${entityType}`, key, schema, pageSize: 60, selectRule: 'unlessTop1', rows, ...options };
}

/** A bulk endpoint: pages of 1000 and $select always required (§4 "Bulk endpoints"). */
function bulk(path: string, base: Resource): Resource {
	return { ...base, path, pageSize: 1000, selectRule: 'always', create: undefined };
}

function linesOf(kind: StoredEntry['kind']) {
	return (_state: EmulatorState, division: DivisionData) => division.entries.filter((entry) => entry.kind === kind).flatMap((entry) => entry.Lines);
}

/** read/financial/ReceivablesList and PayablesList: only what is still open (§3). */
function outstanding(terms: Term[]): object[] {
	return terms.flatMap((term, index) => {
		if (term.IsFullyPaid) return [];
		const open = (toCents(term.AmountFC) ?? 0) - (toCents(term.AmountPaidFC) ?? 0);
		return [
			{
				HID: index + 1,
				AccountId: term.Account,
				AccountCode: term.AccountCode,
				AccountName: term.AccountName,
				Amount: fromCents(open),
				CurrencyCode: term.Currency,
				Description: term.Description,
				DueDate: term.DueDate,
				EntryNumber: term.EntryNumber,
				InvoiceDate: term.InvoiceDate,
				InvoiceNumber: term.InvoiceNumber,
				JournalCode: term.Journal,
				JournalDescription: term.JournalDescription,
				YourRef: term.YourRef,
			},
		];
	});
}

const divisions = (state: EmulatorState) => state.divisions.map((division) => division.info);

const accounts = crud('crm/Accounts', 'Account', 'ID', schemas.ACCOUNT, (_state, division) => division.accounts, {
	create: postAccount,
});
const receivables = crud('cashflow/Receivables', 'Receivable', 'ID', schemas.TERM, (_state, division) => division.receivables);

export const RESOURCES: Resource[] = [
	crud('system/Divisions', 'SystemDivision', 'Code', schemas.DIVISION, divisions),
	crud('system/AllDivisions', 'AllDivision', 'Code', schemas.DIVISION, divisions),
	crud('hrm/Divisions', 'Division', 'Code', schemas.DIVISION, divisions),
	crud('financial/Journals', 'Journal', 'Code', schemas.JOURNAL, (_state, division) => division.journals),
	crud('financial/GLAccounts', 'GLAccount', 'ID', schemas.GL_ACCOUNT, (_state, division) => division.glAccounts, { create: postGLAccount }),
	crud('vat/VATCodes', 'VATCode', 'ID', schemas.VAT_CODE, (_state, division) => division.vatCodes),
	crud('cashflow/PaymentConditions', 'PaymentCondition', 'ID', schemas.PAYMENT_CONDITION, (_state, division) => division.paymentConditions),
	// The real general/Currencies has no "active" flag: the division's currencies are the ones it lists.
	crud('general/Currencies', 'Currency', 'Code', schemas.CURRENCY, (_state, division) => division.currencies.filter((currency) => currency.Active)),
	crud('hrm/Costcenters', 'Costcenter', 'ID', schemas.COST_CENTER, (_state, division) => division.costCenters),
	crud('hrm/Costunits', 'Costunit', 'ID', schemas.COST_CENTER, (_state, division) => division.costUnits),
	accounts,
	crud('salesentry/SalesEntries', 'SalesEntry', 'EntryID', schemas.SALES_ENTRY, (_state, division) => division.entries.filter((entry) => entry.kind === 'sales'), {
		navigation: { SalesEntryLines: { entityType: 'Exact.Web.Api.Models.SalesEntryLine', key: 'ID', schema: schemas.SALES_ENTRY_LINE, rows: (entry) => (entry as StoredEntry).Lines } },
		create: (division, body, context) => postEntry('sales', division, body, context),
	}),
	crud('salesentry/SalesEntryLines', 'SalesEntryLine', 'ID', schemas.SALES_ENTRY_LINE, linesOf('sales')),
	crud('purchaseentry/PurchaseEntries', 'PurchaseEntry', 'EntryID', schemas.PURCHASE_ENTRY, (_state, division) => division.entries.filter((entry) => entry.kind === 'purchase'), {
		navigation: { PurchaseEntryLines: { entityType: 'Exact.Web.Api.Models.PurchaseEntryLine', key: 'ID', schema: schemas.PURCHASE_ENTRY_LINE, rows: (entry) => (entry as StoredEntry).Lines } },
		create: (division, body, context) => postEntry('purchase', division, body, context),
	}),
	crud('purchaseentry/PurchaseEntryLines', 'PurchaseEntryLine', 'ID', schemas.PURCHASE_ENTRY_LINE, linesOf('purchase')),
	receivables,
	crud('cashflow/Payments', 'Payment', 'ID', schemas.TERM, (_state, division) => division.payables),
	// Read services are not capped at 60 (§4, Zapier) and do not insist on $select.
	{ ...crud('read/financial/ReceivablesList', 'ReceivablesList', 'HID', schemas.OUTSTANDING_ITEM, (_state, division) => outstanding(division.receivables)), pageSize: Infinity, selectRule: 'never' },
	{ ...crud('read/financial/PayablesList', 'PayablesList', 'HID', schemas.OUTSTANDING_ITEM, (_state, division) => outstanding(division.payables)), pageSize: Infinity, selectRule: 'never' },
	bulk('bulk/CRM/Accounts', accounts),
	bulk('bulk/Cashflow/Receivables', receivables),
];

/** `current/Me`: the one resource without a division in its path (§2). */
export const ME_RESOURCE: Resource = {
	...crud('Me', 'Me', 'UserID', schemas.ME, (state) => [state.me]),
	selectRule: 'never',
};

export function findResource(path: string): Resource | undefined {
	const wanted = path.toLowerCase();
	return RESOURCES.find((resource) => resource.path.toLowerCase() === wanted);
}

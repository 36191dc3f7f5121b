/**
 * Canonical documents as Exact Online sales and purchase entries and accounts (reference §3).
 * Journals, VAT codes, payment conditions and currencies go by code; customers, suppliers
 * and G/L accounts by their GUIDs, which the reference data supplies.
 */
import { Decimal } from '../../model/decimal';
import { describeDocument, type LedgerDocument } from '../../model/document';
import type { EntryKind, NewAccountDefaults } from './checks';
import { exactCode, type ExactReference } from './reference';

export const ENTRY_RESOURCE: Record<EntryKind, string> = {
	sales: 'salesentry/SalesEntries',
	purchase: 'purchaseentry/PurchaseEntries',
};
const LINES_PROPERTY: Record<EntryKind, string> = { sales: 'SalesEntryLines', purchase: 'PurchaseEntryLines' };
const ACCOUNT_PROPERTY: Record<EntryKind, string> = { sales: 'Customer', purchase: 'Supplier' };

/**
 * Credit notes go into the same journal with negative amounts: Exact sets Type 21/31 itself
 * (Type is read-only, reference §3).
 */
export function isCredit(document: LedgerDocument): boolean {
	return document.type === 'salesCredit' || document.type === 'purchaseCredit';
}

/**
 * Exact's AmountFC is an Edm.Double, so it travels as a JSON number. The number is made from
 * the exact decimal text and nothing is added in floating point; a two-decimal amount below
 * 2^53 cents survives the trip unchanged.
 */
function exactAmount(value: Decimal, credit: boolean): number {
	return (credit ? value.negated() : value).toNumber();
}

export function entryBody(document: LedgerDocument, kind: EntryKind, journalCode: string, accountId: string, reference: ExactReference): Record<string, unknown> {
	const credit = isCredit(document);
	const header = document.header ?? {};
	const body: Record<string, unknown> = {
		Journal: journalCode,
		[ACCOUNT_PROPERTY[kind]]: accountId,
		// The source invoice number: the key the duplicate check looks for on a rerun.
		YourRef: header.number,
		EntryDate: header.date,
		Description: header.description ?? describeDocument(document),
	};
	if (header.dueDate) body.DueDate = header.dueDate;
	if (header.currency) body.Currency = exactCode(header.currency);
	const paymentTerms = exactCode(header.paymentTerms ?? document.party?.paymentTerms);
	if (paymentTerms) body.PaymentCondition = reference.paymentConditions.get(paymentTerms)?.Code ?? paymentTerms;
	body[LINES_PROPERTY[kind]] = (document.lines ?? []).map((line) => {
		const entryLine: Record<string, unknown> = {
			GLAccount: reference.glAccounts.get(exactCode(line.account))?.ID,
			AmountFC: exactAmount(Decimal.of(line.net), credit),
		};
		const vatCode = exactCode(line.taxCode);
		// Exact pads VAT codes to three characters ("2  "); send the code as Exact holds it.
		if (vatCode) entryLine.VATCode = reference.vatCodes.get(vatCode)?.Code ?? vatCode;
		// The source's own VAT amount, so Exact does not recalculate it a cent differently.
		if (line.taxAmount !== undefined && line.taxAmount !== '') entryLine.VATAmountFC = exactAmount(Decimal.of(line.taxAmount), credit);
		if (line.description) entryLine.Description = line.description;
		if (line.quantity !== undefined && line.quantity !== '') entryLine.Quantity = Decimal.of(line.quantity).toNumber();
		const costCentre = line.costCentre ?? line.department ?? header.department;
		if (costCentre) entryLine.CostCenter = costCentre;
		return entryLine;
	});
	return body;
}

/**
 * A new customer or supplier as seed 001 creates it: code, name, status, VAT number, country,
 * default payment condition — plus the node's defaults for what the document does not say.
 */
export function accountBody(document: LedgerDocument, side: 'customer' | 'supplier', reference: ExactReference, defaults: NewAccountDefaults = {}): Record<string, unknown> {
	const party = document.party ?? {};
	const customer = side === 'customer';
	const body: Record<string, unknown> = { Code: exactCode(party.code), Name: party.name?.trim() };
	if (customer) body.Status = 'C';
	else body.IsSupplier = true;
	if (party.vatNumber) body.VATNumber = party.vatNumber;
	const country = party.addresses?.find((address) => address.country)?.country;
	if (country) body.Country = country;
	if (party.email) body.Email = party.email;
	if (party.phone) body.Phone = party.phone;
	const terms = [party.paymentTerms, document.header?.paymentTerms, defaults.paymentCondition].map(exactCode).find((code) => reference.paymentConditions.has(code));
	if (terms) body[customer ? 'PaymentConditionSales' : 'PaymentConditionPurchase'] = terms;
	const currency = [party.currency, document.header?.currency, defaults.currency].map(exactCode).find((code) => reference.currencies.has(code));
	if (currency) body[customer ? 'SalesCurrency' : 'PurchaseCurrency'] = currency;
	const vatCode = reference.vatCodes.get(exactCode(defaults.vatCode));
	if (vatCode) body[customer ? 'SalesVATCode' : 'PurchaseVATCode'] = vatCode.Code;
	const control = reference.glAccounts.get(exactCode(customer ? defaults.receivablesGlAccount : defaults.payablesGlAccount));
	if (control) body[customer ? 'GLAR' : 'GLAP'] = control.ID;
	return body;
}

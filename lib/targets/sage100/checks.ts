/**
 * Check Invoices (seed 002: "check for any problems on the invoices"): every reason Sage 100
 * would refuse an invoice, found before anything is written and listed at once. The seed's
 * own errors are failure codes of their own:
 * - "The sales account has no associated currency"      → SAGE100_SALES_ACCOUNT_NO_CURRENCY
 * - "Attached VAT code does not exist"                   → SAGE100_VAT_CODE_MISSING
 * - "The accounting account does not exist"              → SAGE100_ACCOUNT_MISSING
 * and so are a customer or a project Sage does not have (SAGE100_CUSTOMER_MISSING,
 * SAGE100_PROJECT_MISSING). An invoice dated before the period start is skipped, not checked.
 */
import { Decimal } from '../../model/decimal';
import { describeDocument, type LedgerDocument } from '../../model/document';
import { capitalise } from '../../model/validate';
import type { Failure } from '../../report/failureCodes';
import { buildEntry, isBalanced, type PlannedEntry } from './entries';
import { characterLength, SAGE100_FIELDS } from './fields';
import type { Sage100Reference } from './reference';
import { THIRD_PARTY_TYPE } from './schema';
import type { Sage100Settings } from './settings';

export const SAGE100_INVOICE_TYPES = ['salesInvoice', 'salesCredit'] as const;

export type InvoiceCheck =
	| { status: 'ready'; entry: PlannedEntry }
	| { status: 'skipped'; failure: Failure }
	| { status: 'rejected'; failures: Failure[] };

export function checkInvoice(document: LedgerDocument, reference: Sage100Reference, settings: Sage100Settings): InvoiceCheck {
	const name = capitalise(describeDocument(document));
	if (!(SAGE100_INVOICE_TYPES as readonly string[]).includes(document.type)) {
		return {
			status: 'rejected',
			failures: [
				{
					code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
					field: 'type',
					message: `${name}: Sage 100's sales journal takes sales invoices and credit notes; send customers to Sync Customers and leave other documents out.`,
				},
			],
		};
	}
	const date = document.header?.date ?? '';
	if (settings.periodStart && date < settings.periodStart) {
		return {
			status: 'skipped',
			failure: {
				code: 'SAGE100_BEFORE_PERIOD_START',
				field: 'header.date',
				message: `${name} is dated ${date}, before the period start ${settings.periodStart} set in the Sage ODBC credential: skipped, nothing posted.`,
			},
		};
	}

	const failures: Failure[] = [];
	const fail = (failure: Failure) => {
		if (!failures.some((known) => known.code === failure.code && known.message === failure.message)) failures.push(failure);
	};
	const number = (document.header?.number ?? '').trim();
	if (characterLength(number) > SAGE100_FIELDS.piece.width) {
		fail({
			code: 'FIELD_TOO_LONG',
			field: 'header.number',
			message: `${name}: the invoice number has ${characterLength(number)} characters; Sage 100's piece number (EC_Piece) takes ${SAGE100_FIELDS.piece.width}, and a shortened number would be another invoice's.`,
		});
	}

	const customerCode = (document.party?.code ?? '').trim();
	const customer = reference.thirdParties.get(customerCode.toUpperCase());
	if (!customerCode) {
		fail({ code: 'CUSTOMER_CODE_MISSING', field: 'party.code', message: `${name}: the customer has no code; a unique customer code is required (the platform's Billing > Clients, column Number).` });
	} else if (!customer) {
		fail({
			code: 'SAGE100_CUSTOMER_MISSING',
			field: 'party.code',
			message: `${name}: customer ${customerCode} is not in Sage; synchronise the customers first (or send it in the same call).`,
		});
	} else if (customer.type !== THIRD_PARTY_TYPE.customer) {
		fail({ code: 'SAGE100_CUSTOMER_MISSING', field: 'party.code', message: `${name}: ${customerCode} is a supplier (or another third party) in Sage, not a customer.` });
	} else if (!customer.account || !reference.generalAccounts.has(customer.account.toUpperCase())) {
		fail({
			code: 'SAGE100_ACCOUNT_MISSING',
			field: 'party.code',
			message: `${name}: customer ${customer.code}'s collective account ${customer.account || '(none)'} does not exist in Sage.`,
		});
	}

	const currencyCode = (document.header?.currency ?? settings.companyCurrency).trim().toUpperCase();
	const foreign = currencyCode !== settings.companyCurrency.trim().toUpperCase();
	const currency = reference.currencies.get(currencyCode);
	let rate: Decimal | undefined;
	if (foreign) {
		if (!currency) {
			fail({
				code: 'CURRENCY_NOT_ALLOWED',
				field: 'header.currency',
				message: `${name}: currency ${currencyCode} is not set up in Sage (File > Company parameters > Currencies); the company keeps its books in ${settings.companyCurrency}.`,
			});
		}
		const given = document.header?.exchangeRate;
		rate = given === undefined ? undefined : Decimal.parse(given);
		if (given === undefined) {
			fail({
				code: 'FIELD_REQUIRED',
				field: 'header.exchangeRate',
				message: `${name}: it is in ${currencyCode}, not ${settings.companyCurrency}; give its exchange rate (${currencyCode} per 1 ${settings.companyCurrency}) in header.exchangeRate.`,
			});
		} else if (!rate || rate.isZero() || rate.isNegative()) {
			fail({ code: 'FIELD_INVALID', field: 'header.exchangeRate', message: `${name}: the exchange rate ${String(given)} is not a positive number.` });
		}
	}

	const plan = reference.plan?.name ?? settings.analyticPlan;
	(document.lines ?? []).forEach((line, index) => {
		const where = `line ${index + 1}`;
		const account = line.account?.trim() ?? '';
		const generalAccount = reference.generalAccounts.get(account.toUpperCase());
		if (!account) {
			fail({ code: 'ACCOUNT_CODE_MISSING', field: `lines[${index}].account`, message: `${name}: ${where} has no sales account; set the account numbers on the platform or map it in Ledger Mapping.` });
		} else if (!generalAccount) {
			fail({ code: 'SAGE100_ACCOUNT_MISSING', field: `lines[${index}].account`, message: `${name}: ${where} sales account ${account} does not exist in Sage.` });
		} else if (settings.salesAccountCurrency !== 'never') {
			const wanted = foreign ? currency?.index : undefined;
			if (wanted !== undefined && generalAccount.currency !== wanted) {
				fail({
					code: 'SAGE100_SALES_ACCOUNT_NO_CURRENCY',
					field: `lines[${index}].account`,
					message: `${name}: ${where} sales account ${generalAccount.code} has ${generalAccount.currency === 0 ? 'no associated currency' : 'another currency'} in Sage, so the ${currencyCode} amount cannot be kept on it; associate ${currencyCode} with the account in Sage.`,
				});
			} else if (settings.salesAccountCurrency === 'always' && generalAccount.currency === 0) {
				fail({
					code: 'SAGE100_SALES_ACCOUNT_NO_CURRENCY',
					field: `lines[${index}].account`,
					message: `${name}: ${where} sales account ${generalAccount.code} has no associated currency in Sage.`,
				});
			}
		}

		const vatCode = line.taxCode?.trim() ?? '';
		const tax = Decimal.parse(line.taxAmount ?? 0) ?? Decimal.ZERO;
		if (!vatCode) {
			if (!tax.isZero()) fail({ code: 'TAX_CODE_MISSING', field: `lines[${index}].taxCode`, message: `${name}: ${where} has VAT of ${tax.toFixed(2)} but no VAT code.` });
		} else {
			const known = reference.vatCodes.get(vatCode.toUpperCase());
			if (!known) {
				fail({ code: 'SAGE100_VAT_CODE_MISSING', field: `lines[${index}].taxCode`, message: `${name}: ${where} VAT code ${vatCode} does not exist in Sage.` });
			} else if (!tax.isZero() && (!known.account || !reference.generalAccounts.has(known.account.toUpperCase()))) {
				fail({
					code: 'SAGE100_ACCOUNT_MISSING',
					field: `lines[${index}].taxCode`,
					message: `${name}: VAT code ${known.code}'s VAT account ${known.account || '(none)'} does not exist in Sage.`,
				});
			}
		}

		const project = (line.project ?? document.header?.project)?.trim();
		if (project && !reference.sections.has(project.toUpperCase())) {
			fail({
				code: 'SAGE100_PROJECT_MISSING',
				field: line.project ? `lines[${index}].project` : 'header.project',
				message: `${name}: project ${project} is not a section of the analytic plan ${plan} in Sage; synchronise the projects first (or send it in the same call).`,
			});
		}
	});
	if (failures.length > 0) return { status: 'rejected', failures };

	const entry = buildEntry(document, {
		journal: settings.salesJournal.trim().toUpperCase(),
		customer: { code: customer!.code, account: customer!.account, name: customer!.name },
		vatAccount: (code) => reference.vatCodes.get(code.toUpperCase())?.account ?? '',
		foreign: foreign && currency && rate ? { index: currency.index, rate } : undefined,
		accountCode: (code) => reference.generalAccounts.get(code.toUpperCase())?.code ?? code,
		sectionCode: (code) => reference.sections.get(code.toUpperCase())?.code ?? code,
	});
	// Canonical validation already made lines add up to the totals; this guards what Sage would refuse anyway.
	if (entry.lines.length === 0 || !isBalanced(entry)) {
		return {
			status: 'rejected',
			failures: [{ code: 'FIELD_INVALID', field: 'lines', message: `${name}: ${entry.lines.length === 0 ? 'every amount is zero, so there is nothing to post' : 'its entry does not balance'}.` }],
		};
	}
	return { status: 'ready', entry };
}

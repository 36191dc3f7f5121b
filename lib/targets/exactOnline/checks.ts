/**
 * Matching before posting (seed 001, "Matching Currency, Tax codes, payment terms and cost
 * matrix"): a document whose journal, G/L accounts, VAT codes, payment condition, currency
 * or account do not match Exact Online is rejected with the code that names the mismatch.
 * The seed's tool transfers a line without tax when its VAT code is unknown and creates
 * missing G/L accounts on its own; here the first is a rejection and the second an opt-in.
 */
import { describeDocument, partySide, type DocumentType, type LedgerDocument } from '../../model/document';
import { capitalise } from '../../model/validate';
import type { Failure } from '../../report/failureCodes';
import { exactCode, type ExactReference } from './reference';

export type EntryKind = 'sales' | 'purchase';

/** Which Exact entry each document type becomes; customers and suppliers become accounts. */
export const EXACT_ENTRY_KIND: Partial<Record<DocumentType, EntryKind>> = {
	salesInvoice: 'sales',
	salesCredit: 'sales',
	purchaseInvoice: 'purchase',
	purchaseCredit: 'purchase',
};
export const EXACT_DOCUMENT_TYPES: DocumentType[] = ['salesInvoice', 'salesCredit', 'purchaseInvoice', 'purchaseCredit', 'customer', 'supplier'];

/**
 * Exact journal types (reference §3 financial/Journals): 20 sales and 21 its credit-note
 * journal, 22 purchase and 23 its credit-note journal.
 */
export const JOURNAL_TYPES: Record<EntryKind, readonly number[]> = { sales: [20, 21], purchase: [22, 23] };

/**
 * G/L account types an invoice line cannot use: cash 10, bank 12, credit card 14, payment
 * service 16, debtors 20, creditors 22, VAT 24 (Exact answers "Invalid: G/L account type",
 * reference §3 SalesEntryLines).
 */
export const BALANCE_ONLY_GL_TYPES: ReadonlySet<number> = new Set([10, 12, 14, 16, 20, 22, 24]);

/** The G/L account types a new customer's receivables (GLAR) and a new supplier's payables (GLAP) account has. */
export const CONTROL_GL_TYPES = { receivables: 20, payables: 22 } as const;

export interface ExactPostingSettings {
	salesJournal: string;
	purchaseJournal: string;
	createMissingAccounts: boolean;
	/** The seed calls creating G/L accounts on the fly "not the preferred method": off unless chosen. */
	createMissingGlAccounts: boolean;
	/** Defaults for accounts the run creates, where the document has none (codes, not GUIDs). */
	newAccounts?: NewAccountDefaults;
}

export interface NewAccountDefaults {
	paymentCondition?: string;
	currency?: string;
	vatCode?: string;
	receivablesGlAccount?: string;
	payablesGlAccount?: string;
}

export interface ExactCheck {
	failures: Failure[];
	/** The account has to be created before the entry can be posted. */
	createAccount: boolean;
	/** G/L account codes to create first (only when creating them is switched on). */
	createGlAccounts: string[];
}

export function journalFor(kind: EntryKind, settings: ExactPostingSettings): string {
	return exactCode(kind === 'sales' ? settings.salesJournal : settings.purchaseJournal);
}

export function checkExactDocument(document: LedgerDocument, reference: ExactReference, settings: ExactPostingSettings): ExactCheck {
	const name = capitalise(describeDocument(document));
	const side = partySide(document.type);
	const check: ExactCheck = { failures: [], createAccount: false, createGlAccounts: [] };
	const fail = (failure: Failure) => check.failures.push(failure);
	const kind = EXACT_ENTRY_KIND[document.type];
	if (!kind && !EXACT_DOCUMENT_TYPES.includes(document.type)) {
		fail({ code: 'DOCUMENT_TYPE_NOT_SUPPORTED', field: 'type', message: `${name}: the Exact Online node posts sales and purchase invoices and credit notes, customers and suppliers, not ${document.type} documents.` });
		return check;
	}

	checkAccount(document, reference, settings, side, name, check);
	if (!kind) return check;

	const journalCode = journalFor(kind, settings);
	const journal = reference.journals.get(journalCode);
	if (!journal) {
		fail({ code: 'EXACT_JOURNAL_MISSING', message: `${name}: ${kind} journal ${journalCode || '(none chosen)'} does not exist in Exact Online.` });
	} else if (!JOURNAL_TYPES[kind].includes(Number(journal.Type))) {
		fail({ code: 'EXACT_JOURNAL_WRONG_TYPE', message: `${name}: journal ${journalCode} (${journal.Description ?? ''}) is not a ${kind} journal in Exact Online.` });
	}

	const creating = new Set<string>();
	(document.lines ?? []).forEach((line, lineIndex) => {
		const where = `line ${lineIndex + 1}`;
		const glCode = exactCode(line.account);
		const glAccount = reference.glAccounts.get(glCode);
		if (glCode && !glAccount) {
			if (settings.createMissingGlAccounts) {
				if (!creating.has(glCode)) check.createGlAccounts.push(glCode);
				creating.add(glCode);
			} else {
				fail({ code: 'EXACT_GL_ACCOUNT_MISSING', field: `lines[${lineIndex}].account`, message: `${name}: ${where} G/L account ${glCode} does not exist in Exact Online.` });
			}
		} else if (glAccount?.IsBlocked) {
			fail({ code: 'EXACT_GL_ACCOUNT_NOT_USABLE', field: `lines[${lineIndex}].account`, message: `${name}: ${where} G/L account ${glCode} is blocked in Exact Online.` });
		} else if (glAccount && BALANCE_ONLY_GL_TYPES.has(Number(glAccount.Type))) {
			fail({
				code: 'EXACT_GL_ACCOUNT_NOT_USABLE',
				field: `lines[${lineIndex}].account`,
				message: `${name}: ${where} G/L account ${glCode} (${glAccount.Description ?? ''}) is a balance account (debtors, creditors, VAT, bank or cash); invoice lines need a ${kind === 'sales' ? 'revenue' : 'cost'} account.`,
			});
		}
		const vatCode = exactCode(line.taxCode);
		if (vatCode) {
			const vat = reference.vatCodes.get(vatCode);
			if (!vat || vat.IsBlocked) {
				fail({
					code: 'EXACT_VAT_CODE_MISSING',
					field: `lines[${lineIndex}].taxCode`,
					message: `${name}: ${where} VAT code ${vatCode} ${vat ? 'is blocked' : 'does not exist'} in Exact Online; Exact would post the line without VAT, so nothing was sent.`,
				});
			}
		}
	});

	const paymentTerms = exactCode(document.header?.paymentTerms ?? document.party?.paymentTerms);
	if (paymentTerms && !reference.paymentConditions.has(paymentTerms)) {
		fail({
			code: 'EXACT_PAYMENT_CONDITION_MISSING',
			field: document.header?.paymentTerms ? 'header.paymentTerms' : 'party.paymentTerms',
			message: `${name}: payment condition ${paymentTerms} does not exist in Exact Online.`,
		});
	}
	const currency = exactCode(document.header?.currency);
	if (currency && !reference.currencies.has(currency)) {
		fail({ code: 'EXACT_CURRENCY_INACTIVE', field: 'header.currency', message: `${name}: currency ${currency} is not active in the Exact Online division.` });
	}
	return check;
}

function checkAccount(
	document: LedgerDocument,
	reference: ExactReference,
	settings: ExactPostingSettings,
	side: 'customer' | 'supplier',
	name: string,
	check: ExactCheck,
): void {
	const code = exactCode(document.party?.code);
	if (!code) {
		// The seed's tool finds or creates the company by its accounts number; without one it cannot.
		check.failures.push({
			code: side === 'customer' ? 'CUSTOMER_CODE_MISSING' : 'SUPPLIER_CODE_MISSING',
			field: 'party.code',
			message: `${name}: the ${side} has no account code, so it cannot be found or created in Exact Online.`,
		});
		return;
	}
	const account = reference.accounts.get(code);
	if (!account) {
		if (!settings.createMissingAccounts) {
			check.failures.push({ code: 'EXACT_ACCOUNT_MISSING', field: 'party.code', message: `${name}: ${side} ${code} is not in Exact Online and creating accounts is switched off.` });
		} else if (!document.party?.name?.trim()) {
			check.failures.push({ code: 'FIELD_REQUIRED', field: 'party.name', message: `${name}: ${side} ${code} is not in Exact Online yet and has no name to create it with.` });
		} else {
			check.createAccount = true;
		}
		return;
	}
	const usable = side === 'customer' ? account.Status === 'C' : account.IsSupplier === true;
	if (!usable) {
		// Exact's own wording for this is "Invalid: Customer (Type)" (reference §3 crm/Accounts).
		const is = account.Status === 'P' ? 'a prospect' : account.Status === 'S' ? 'a suspect' : side === 'customer' ? 'not a customer' : 'not a supplier';
		check.failures.push({
			code: 'EXACT_ACCOUNT_WRONG_TYPE',
			field: 'party.code',
			message: `${name}: account ${code} (${account.Name ?? ''}) exists in Exact Online but is ${is}; mark it as a ${side} in Exact first.`,
		});
	}
}

/**
 * What a Sage posting run will do with each document, decided from reference data read once
 * per run: post it, skip it as already posted, or reject it with the reason. No document is
 * left out: every input ends up in exactly one of the three lists.
 */
import { describeDocument, isMasterRecord, partySide, type DocumentLine, type DocumentType, type LedgerDocument } from '../model/document';
import { capitalise } from '../model/validate';
import type { Failure } from '../report/failureCodes';
import type { SageEdition } from './connection';
import { postedKey, type ReferenceData } from './lookups';

/** Sage 50 UK audit-trail types (reference §1). SR and PP cannot be imported: SA and PA instead. */
export const SAGE_TRANSACTION_TYPE: Partial<Record<DocumentType, string>> = {
	salesInvoice: 'SI',
	salesCredit: 'SC',
	receipt: 'SA',
	purchaseInvoice: 'PI',
	purchaseCredit: 'PC',
	supplierPayment: 'PA',
	// Reimbursable expenses become a purchase invoice from the member's vendor, and item
	// receipts a purchase invoice without the supplier's number (seed 003).
	expense: 'PI',
	itemReceipt: 'PI',
};

export interface PlannedDocument {
	index: number;
	document: LedgerDocument;
}

export interface NewAccount {
	side: 'customer' | 'supplier';
	/** Upper case, as Sage compares codes. */
	code: string;
	/** Where the account's name and address come from: its record document if the run has one, else the first document naming it. */
	document: LedgerDocument;
}

export interface SagePlan {
	post: PlannedDocument[];
	duplicates: Array<PlannedDocument & { reason: string }>;
	rejected: Array<{ index: number; input: unknown; failures: Failure[] }>;
	/** Customers and suppliers the run creates: from record documents, or from documents naming an unknown account. */
	newAccounts: NewAccount[];
}

/** "customer|ACME01": one key per account, the same for the plan and the posting. */
export function accountKey(side: 'customer' | 'supplier', code: string): string {
	return `${side}|${code.trim().toUpperCase()}`;
}

export interface PlanOptions {
	edition: SageEdition;
	createMissingAccounts: boolean;
	/** 0 = no limit. The seed recommends 10 while an integration beds in. */
	maxDocuments: number;
}

export function planPosting(
	documents: Array<{ index: number; document: LedgerDocument }>,
	reference: ReferenceData,
	posted: ReadonlySet<string>,
	options: PlanOptions,
): SagePlan {
	const plan: SagePlan = { post: [], duplicates: [], rejected: [], newAccounts: [] };
	const creating = new Map<string, NewAccount>();
	const create = (side: 'customer' | 'supplier', code: string, document: LedgerDocument) => {
		const account: NewAccount = { side, code, document };
		creating.set(accountKey(side, code), account);
		plan.newAccounts.push(account);
	};
	let taken = 0;
	for (const { index, document } of documents) {
		const name = capitalise(describeDocument(document));
		if (options.maxDocuments > 0 && taken >= options.maxDocuments) {
			plan.rejected.push({
				index,
				input: document,
				failures: [{ code: 'MAX_DOCUMENTS_REACHED', message: `${name} was not processed: this run stops after ${options.maxDocuments} documents.` }],
			});
			continue;
		}
		taken += 1;
		const side = partySide(document.type);
		const accounts = side === 'customer' ? reference.customers : reference.suppliers;
		const code = document.party?.code?.trim().toUpperCase() ?? '';
		const failures: Failure[] = [];
		if (!code) {
			failures.push({
				code: side === 'customer' ? 'CUSTOMER_CODE_MISSING' : 'SUPPLIER_CODE_MISSING',
				field: 'party.code',
				message: `${name}: the ${side} has no account code, so it cannot be matched or created in Sage.`,
			});
		}

		if (isMasterRecord(document.type)) {
			const pending = creating.get(accountKey(side, code));
			if (failures.length > 0) plan.rejected.push({ index, input: document, failures });
			else if (accounts.has(code) || (pending && isMasterRecord(pending.document.type))) {
				plan.duplicates.push({ index, document, reason: `${name} is already in Sage.` });
			} else if (pending) {
				// An earlier invoice named the account; its record says more (address, e-mail…).
				pending.document = document;
				plan.post.push({ index, document });
			} else {
				create(side, code, document);
				plan.post.push({ index, document });
			}
			continue;
		}

		if (options.edition === 'generic' && document.totals) failures.push(...amountsBeyondDouble(document.totals, 'totals', 'the total', name));
		const type = SAGE_TRANSACTION_TYPE[document.type];
		if (!type) {
			failures.push({ code: 'DOCUMENT_TYPE_NOT_SUPPORTED', field: 'type', message: `${name}: Sage 50 takes no ${document.type} documents.` });
		}
		(document.lines ?? []).forEach((line, lineIndex) => {
			// Sage 50's import files refuse a blank nominal or tax code themselves (checks.ts);
			// a writable ledger would take the blank, so it is refused here.
			if (options.edition === 'generic') failures.push(...blankCodes(line, lineIndex, name), ...amountsBeyondDouble(line, `lines[${lineIndex}]`, `line ${lineIndex + 1}`, name));
			const nominal = line.account?.trim().toUpperCase();
			if (nominal && !reference.nominalAccounts.has(nominal)) {
				failures.push({
					code: 'SAGE_NOMINAL_MISSING',
					field: `lines[${lineIndex}].account`,
					message: `${name}: line ${lineIndex + 1} nominal code ${line.account} does not exist in Sage.`,
				});
			}
			const taxCode = line.taxCode?.trim().toUpperCase();
			if (taxCode && !reference.taxCodes.has(taxCode)) {
				failures.push({
					code: 'SAGE_TAX_CODE_MISSING',
					field: `lines[${lineIndex}].taxCode`,
					message: `${name}: line ${lineIndex + 1} tax code ${line.taxCode} does not exist in Sage.`,
				});
			}
			const department = line.department ?? document.header?.department;
			if (department && reference.departments && !reference.departments.has(department.trim().toUpperCase())) {
				failures.push({
					code: 'SAGE_DEPARTMENT_MISSING',
					field: line.department ? `lines[${lineIndex}].department` : 'header.department',
					message: `${name}: department ${department} does not exist in Sage.`,
				});
			}
		});
		if (code && !accounts.has(code) && !creating.has(accountKey(side, code))) {
			if (options.createMissingAccounts) {
				create(side, code, document);
			} else {
				failures.push({
					code: 'SAGE_ACCOUNT_MISSING',
					field: 'party.code',
					message: `${name}: ${side} account ${document.party?.code} is not in Sage and creating accounts is switched off.`,
				});
			}
		}
		if (failures.length > 0) {
			plan.rejected.push({ index, input: document, failures });
			continue;
		}
		const reference_ = document.header?.number ?? '';
		if (posted.has(postedKey(code, reference_, options.edition === 'sage50us' ? undefined : type))) {
			plan.duplicates.push({ index, document, reason: `${name} for ${code} is already posted in Sage; it is not posted again.` });
			continue;
		}
		plan.post.push({ index, document });
	}
	return plan;
}

function blankCodes(line: DocumentLine, lineIndex: number, name: string): Failure[] {
	const failures: Failure[] = [];
	if (!line.account?.trim()) {
		failures.push({
			code: 'ACCOUNT_CODE_MISSING',
			field: `lines[${lineIndex}].account`,
			message: `${name}: line ${lineIndex + 1} has no nominal code; set it in the source, map it in Ledger Mapping, or choose a default nominal code in the Sage Import node.`,
		});
	}
	if (!line.taxCode?.trim()) {
		failures.push({
			code: 'TAX_CODE_MISSING',
			field: `lines[${lineIndex}].taxCode`,
			message: `${name}: line ${lineIndex + 1} has no tax code; set it in the source, map it in Ledger Mapping, or choose a default tax code in the Sage Import node.`,
		});
	}
	return failures;
}

/** Digits a DOUBLE column (Sage 50's NET_AMOUNT, TAX_AMOUNT…) gives back exactly. */
const DOUBLE_DIGITS = 15;

/**
 * A writable ODBC ledger keeps amounts in DOUBLE columns, which hold 15 significant digits
 * exactly: 12345678901234567.89 would be stored as 12345678901234568 without a word.
 */
function amountsBeyondDouble(amounts: object, field: string, place: string, name: string): Failure[] {
	const failures: Failure[] = [];
	for (const key of ['net', 'taxAmount', 'tax', 'gross']) {
		const value = (amounts as Record<string, unknown>)[key];
		if (value === undefined || value === null) continue;
		const digits = String(value).replace(/^[-+]/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
		if (digits.length <= DOUBLE_DIGITS) continue;
		failures.push({
			code: 'VALUE_DOES_NOT_FIT',
			field: `${field}.${key}`,
			message: `${name}: ${place} ${key === 'taxAmount' ? 'tax' : key} ${String(value)} has more digits than the ledger's amount columns hold exactly (${DOUBLE_DIGITS}); it would be stored as ${String(Number(value))}. Check the amount in the source, or split the document.`,
		});
	}
	return failures;
}

/**
 * Codes the Sage Import node fills in where a line has none: what a bookkeeper keying the
 * invoice into Sage would pick from the account's defaults. A code the line carries is
 * never replaced.
 */
export interface LineDefaults {
	/** Nominal (G/L) code of sales-side lines (invoices, credit notes) without one. */
	salesNominalCode?: string;
	/** Nominal (G/L) code of purchase-side lines (bills, credit notes, expenses, item receipts) without one. */
	purchaseNominalCode?: string;
	taxCode?: string;
	department?: string;
}

/**
 * The document with `defaults` filled into lines that lack them, and where ("lines[0].account"),
 * so the run can say which codes came from the node rather than the source. The input is
 * not changed.
 */
export function applyLineDefaults(document: LedgerDocument, defaults: LineDefaults): { document: LedgerDocument; applied: string[] } {
	const nominal = partySide(document.type) === 'customer' ? defaults.salesNominalCode : defaults.purchaseNominalCode;
	const applied: string[] = [];
	if (!document.lines || isMasterRecord(document.type) || (!nominal && !defaults.taxCode && !defaults.department)) return { document, applied };
	const blank = (value: string | undefined) => value === undefined || value.trim() === '';
	const lines = document.lines.map((line, index) => {
		const filled = { ...line };
		if (nominal && blank(line.account)) {
			filled.account = nominal;
			applied.push(`lines[${index}].account`);
		}
		if (defaults.taxCode && blank(line.taxCode)) {
			filled.taxCode = defaults.taxCode;
			applied.push(`lines[${index}].taxCode`);
		}
		// A department on the header is the document's own choice and wins over the node's.
		if (defaults.department && blank(line.department) && blank(document.header?.department)) {
			filled.department = defaults.department;
			applied.push(`lines[${index}].department`);
		}
		return filled;
	});
	return applied.length > 0 ? { document: { ...document, lines }, applied } : { document, applied };
}

/** The duplicate check asks Sage about these references only. */
export function referencesToCheck(documents: Array<{ document: LedgerDocument }>): string[] {
	return documents.filter(({ document }) => !isMasterRecord(document.type)).map(({ document }) => document.header?.number ?? '');
}

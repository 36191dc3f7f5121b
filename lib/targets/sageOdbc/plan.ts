/**
 * What a Sage posting run will do with each document, decided from reference data read once
 * per run: post it, skip it as already posted, or reject it with the reason. No document is
 * left out: every input ends up in exactly one of the three lists.
 */
import { describeDocument, isMasterRecord, partySide, type DocumentType, type LedgerDocument } from '../../model/document';
import { capitalise } from '../../model/validate';
import type { Failure } from '../../report/failureCodes';
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

export interface SagePlan {
	post: PlannedDocument[];
	duplicates: Array<PlannedDocument & { reason: string }>;
	rejected: Array<{ index: number; input: unknown; failures: Failure[] }>;
	/** Customers and suppliers the run creates: from record documents, or from documents naming an unknown account. */
	newAccounts: Array<{ side: 'customer' | 'supplier'; code: string; document: LedgerDocument }>;
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
	const creating = new Map<string, LedgerDocument>();
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
			if (failures.length > 0) plan.rejected.push({ index, input: document, failures });
			else if (accounts.has(code) || creating.has(`${side}|${code}`)) {
				plan.duplicates.push({ index, document, reason: `${name} is already in Sage.` });
			} else {
				creating.set(`${side}|${code}`, document);
				plan.newAccounts.push({ side, code, document });
				plan.post.push({ index, document });
			}
			continue;
		}

		const type = SAGE_TRANSACTION_TYPE[document.type];
		if (!type) {
			failures.push({ code: 'DOCUMENT_TYPE_NOT_SUPPORTED', field: 'type', message: `${name}: Sage 50 takes no ${document.type} documents.` });
		}
		(document.lines ?? []).forEach((line, lineIndex) => {
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
		if (code && !accounts.has(code) && !creating.has(`${side}|${code}`)) {
			if (options.createMissingAccounts) {
				creating.set(`${side}|${code}`, document);
				plan.newAccounts.push({ side, code, document });
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

/** The duplicate check asks Sage about these references only. */
export function referencesToCheck(documents: Array<{ document: LedgerDocument }>): string[] {
	return documents.filter(({ document }) => !isMasterRecord(document.type)).map(({ document }) => document.header?.number ?? '');
}

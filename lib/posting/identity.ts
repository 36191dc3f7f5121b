/**
 * The usual shape of "the same document": its kind and its number, and on the purchase side
 * the supplier too, because a supplier's invoice number is only unique for that supplier while
 * our own sales numbers are unique in the company. A sales invoice re-sent with another
 * customer is therefore the same invoice, changed (and refused as such), never a second one.
 * Customer and supplier records are the same record when their account codes match.
 */
import { describeDocument, isMasterRecord, partySide, type LedgerDocument } from '../model/document';
import { capitalise } from '../model/validate';
import type { Failure } from '../report/failureCodes';

const normal = (value: string | undefined) => (value ?? '').trim().toUpperCase();

/**
 * `kind` is the target's own word for the document's kind ("SI", "salesInvoice", "sales"): the
 * one place a target decides which kinds share numbers.
 */
export function ledgerIdentity(document: LedgerDocument, kind: string = document.type): string | Failure {
	const name = capitalise(describeDocument(document));
	if (isMasterRecord(document.type)) {
		const code = normal(document.party?.code);
		if (!code) {
			return {
				code: document.type === 'customer' ? 'CUSTOMER_CODE_MISSING' : 'SUPPLIER_CODE_MISSING',
				field: 'party.code',
				message: `${name}: the ${document.type} has no account code, so it cannot be matched or created.`,
			};
		}
		return `${kind}|${code}`;
	}
	const number = normal(document.header?.number);
	if (!number) return { code: 'FIELD_REQUIRED', field: 'header.number', message: `${name}: header.number is required to post it and to know it again on a rerun.` };
	if (partySide(document.type) === 'supplier') {
		const supplier = normal(document.party?.code);
		if (!supplier) return { code: 'SUPPLIER_CODE_MISSING', field: 'party.code', message: `${name}: the supplier has no account code.` };
		return `${kind}|${supplier}|${number}`;
	}
	return `${kind}|${number}`;
}

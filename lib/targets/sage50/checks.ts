/**
 * Whether each document can go into a Sage 50 import file, decided before the file is
 * written: a document that cannot is rejected on its own with a failure code from the
 * import log's table, and the others still go.
 */
import { describeDocument, partySide, type LedgerDocument } from '../../model/document';
import { capitalise } from '../../model/validate';
import type { Failure, FailureCode } from '../../report/failureCodes';
import { Sage50FileError, type Sage50FileErrorCode } from './errors';
import type { FormattedRows } from './values';

export interface Sage50DocumentCheck {
	/** Position of the document in the input. */
	index: number;
	document: LedgerDocument;
	/** The document's rows, every cell checked; empty when it has failures. */
	rows: string[][];
	errors: Sage50FileError[];
	failures: Failure[];
}

/** What makes two documents one in Sage: the audit trail's grouping key, a record's A/C. */
export type MergeKey = (document: LedgerDocument) => { key: string; sentence: string; fix: string } | undefined;

/**
 * Builds and checks every document's rows. A later document that Sage would merge into an
 * earlier one is rejected (the earlier one stays), since Sage would post the two as one.
 */
export function checkDocuments(
	documents: readonly LedgerDocument[],
	build: (document: LedgerDocument, name: string) => FormattedRows,
	mergeKey?: MergeKey,
): Sage50DocumentCheck[] {
	const firstWithKey = new Map<string, number>();
	return documents.map((document, index) => {
		const name = capitalise(describeDocument(document));
		let formatted: FormattedRows;
		try {
			formatted = build(document, name);
		} catch (error) {
			if (!(error instanceof Sage50FileError)) throw error;
			formatted = { rows: [], errors: [error] };
		}
		const errors = [...formatted.errors];
		const merge = errors.length === 0 ? mergeKey?.(document) : undefined;
		if (merge) {
			const first = firstWithKey.get(merge.key);
			if (first === undefined) {
				firstWithKey.set(merge.key, index);
			} else {
				errors.push(
					new Sage50FileError(
						'SAGE_DOCUMENTS_WOULD_MERGE',
						`${name} (item ${index + 1}) and ${describeDocument(documents[first])} (item ${first + 1}) ${merge.sentence}, so Sage would import them as one; ${merge.fix}.`,
						{ document: name },
					),
				);
			}
		}
		return {
			index,
			document,
			rows: errors.length === 0 ? formatted.rows : [],
			errors,
			failures: errors.map((error) => failureFor(error, document)),
		};
	});
}

/** The rows of all documents in order, or the first problem as a Sage50FileError. */
export function rowsOrThrow(checks: readonly Sage50DocumentCheck[]): string[][] {
	const failed = checks.find((check) => check.errors.length > 0);
	if (failed) throw failed.errors[0];
	return checks.flatMap((check) => check.rows);
}

const SIMPLE: Partial<Record<Sage50FileErrorCode, FailureCode>> = {
	SAGE_DOCUMENT_NOT_SUPPORTED: 'DOCUMENT_TYPE_NOT_SUPPORTED',
	SAGE_VALUE_TOO_WIDE: 'FIELD_TOO_LONG',
	SAGE_AMOUNT_TOO_LARGE: 'VALUE_DOES_NOT_FIT',
	SAGE_TOO_MANY_DISTRIBUTIONS: 'VALUE_DOES_NOT_FIT',
	SAGE_TOO_MANY_DECIMALS: 'AMOUNT_PRECISION',
	SAGE_CHARACTER_NOT_CP1252: 'FIELD_CHARACTERS_INVALID',
	SAGE_CHARACTER_NOT_ALLOWED: 'FIELD_CHARACTERS_INVALID',
	SAGE_DATE_INVALID: 'DATE_INVALID',
	SAGE_DOCUMENTS_WOULD_MERGE: 'DUPLICATE_IN_BATCH',
};

const PARTY_COLUMNS = new Set(['Account Reference', 'A/C', 'Customer ID', 'Vendor ID']);
const ACCOUNT_COLUMNS = new Set(['Nominal A/C Ref', 'G/L Account']);

/** The import log's failure code for a writer's error; the message is the writer's own sentence. */
export function failureFor(error: Sage50FileError, document: LedgerDocument): Failure {
	const column = error.details.column;
	let code = SIMPLE[error.code];
	if (!code && error.code === 'SAGE_VALUE_MISSING') {
		if (column && PARTY_COLUMNS.has(column)) code = partySide(document.type) === 'customer' ? 'CUSTOMER_CODE_MISSING' : 'SUPPLIER_CODE_MISSING';
		else if (column && ACCOUNT_COLUMNS.has(column)) code = 'ACCOUNT_CODE_MISSING';
		else if (column === 'Tax Code') code = 'TAX_CODE_MISSING';
		else code = 'FIELD_MANDATORY_MISSING';
	}
	if (!code && error.code === 'SAGE_VALUE_NOT_ALLOWED') code = column === 'Tax Code' ? 'TAX_CODE_NOT_ALLOWED' : 'FIELD_INVALID';
	return { code: code ?? 'FIELD_INVALID', ...(column ? { field: column } : {}), message: error.message };
}

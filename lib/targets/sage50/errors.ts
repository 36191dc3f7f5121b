import { CodedFileError } from '../../files/codedError';
import type { Sage50Layout } from './fields';

/**
 * Why a Sage 50 import file could not be written. The codes are stable: a workflow can
 * branch on them, and they read the same in an n8n error as in a support e-mail. The
 * writers never fix a value themselves (no cutting, no rounding, no '?' for a character):
 * fixing is the constraint profile's job, where every change is reported.
 */
export const SAGE50_FILE_ERROR_CODES = {
	SAGE_DOCUMENT_NOT_SUPPORTED: 'The file has no place for this kind of document (a customer record in the audit trail, a foreign-currency receipt…).',
	SAGE_VALUE_MISSING: 'A column Sage needs on every row, or whose blank Sage would fill with a guess of its own, has no value.',
	SAGE_VALUE_TOO_WIDE: 'The text is longer than the column holds.',
	SAGE_AMOUNT_TOO_LARGE: 'The amount has more whole digits than the column holds.',
	SAGE_TOO_MANY_DECIMALS: 'The amount has more decimal places than the column; the writer does not round.',
	SAGE_CHARACTER_NOT_CP1252: 'The text has a character Windows-1252 (the ANSI code page Sage 50 reads) cannot hold.',
	SAGE_CHARACTER_NOT_ALLOWED: 'The text has a character the column refuses: a line break or tab (they split rows and columns), or a character outside a code\'s A–Z 0–9.',
	SAGE_VALUE_NOT_ALLOWED: 'The value is not one the column accepts (a tax code outside T0–T99, a department outside 0–999…).',
	SAGE_DATE_INVALID: 'The date is not a real calendar date written YYYY-MM-DD, or cannot be written in the column\'s layout.',
	SAGE_VALUE_WRONG_TYPE: 'The value is not of the kind the column holds (text, a Decimal amount, a whole number, true/false).',
	SAGE_DOCUMENTS_WOULD_MERGE: 'Two documents would become one in Sage: same Type, Account, Date and Reference in the audit trail, or the same A/C twice in a record file.',
	SAGE_TOO_MANY_DISTRIBUTIONS: 'The transaction has more distribution lines than a Sage 50 US journal entry holds.',
	SAGE_FILE_EXISTS: 'A file of that name is already in the folder and overwriting was not asked for.',
} as const;

export type Sage50FileErrorCode = keyof typeof SAGE50_FILE_ERROR_CODES;

export interface Sage50FileErrorDetails {
	layout?: Sage50Layout;
	/** The document as people name it: "Sales invoice INV-1001". */
	document?: string;
	/** The Sage heading of the column: "Nominal A/C Ref". */
	column?: string;
	value?: string;
	path?: string;
}

/** A Sage 50 import file that could not be written (lib/files/codedError.ts). */
export class Sage50FileError extends CodedFileError<Sage50FileErrorCode, Sage50FileErrorDetails> {}

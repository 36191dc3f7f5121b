import { CodedFileError } from '../../files/codedError';
import type { OperaImportFile } from './fields';

/**
 * Why an Opera Importer file could not be written. The codes are stable: a workflow can
 * branch on them, and they read the same in an n8n error as in a support e-mail.
 * The writers never fix a value themselves (no cutting, no rounding, no '?' for a
 * character): fixing is the mapping profile's job, where every change is reported.
 */
export const OPERA_FILE_ERROR_CODES = {
	OPERA_FIELD_UNKNOWN: 'The field is not one of the Importer file\'s fields in Ledger Bridge\'s table.',
	OPERA_FIELD_NOT_IN_FILE: 'A record has a value for a field the file was not opened with, so the value would be lost.',
	OPERA_FIELD_DBF_ONLY: 'The field can only be imported from a DBF file (the Importer help: a CSV cannot carry it).',
	OPERA_VALUE_MISSING: 'A field the Importer needs on every record has no value.',
	OPERA_VALUE_WRONG_TYPE: 'The value is not of the kind the field holds (text, a Decimal amount, a YYYY-MM-DD date, true/false).',
	OPERA_VALUE_TOO_WIDE: 'The text or amount does not fit the field\'s width.',
	OPERA_TOO_MANY_DECIMALS: 'The amount has more decimal places than the field; the writer does not round.',
	OPERA_DATE_INVALID: 'The date is not a real calendar date written YYYY-MM-DD.',
	OPERA_CHARACTER_NOT_CP1252: 'The text has a character Windows-1252 (the code page of Opera 3 files) cannot hold.',
	OPERA_FILE_EXISTS: 'A file of that name is already in the folder and overwriting was not asked for.',
	OPERA_WRITER_BUSY: 'A record was appended before the previous append had finished.',
	OPERA_WRITER_CLOSED: 'A record was appended after the file was finished or abandoned.',
} as const;

export type OperaFileErrorCode = keyof typeof OPERA_FILE_ERROR_CODES;

export interface OperaFileErrorDetails {
	file?: OperaImportFile;
	/** 1-based position the record would have had in the file (FoxPro's RECNO()). */
	recordNumber?: number;
	field?: string;
	value?: string;
	path?: string;
}

/** An Opera Importer file that could not be written (lib/files/codedError.ts). */
export class OperaFileError extends CodedFileError<OperaFileErrorCode, OperaFileErrorDetails> {}

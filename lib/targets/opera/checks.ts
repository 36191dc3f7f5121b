/**
 * Whether one document can go into Opera's Importer files, decided before any file is
 * written: a document that cannot is rejected on its own, and the others still go.
 */
import { describeDocument, partySide, type LedgerDocument } from '../../model/document';
import { capitalise } from '../../model/validate';
import type { Failure, FailureCode } from '../../report/failureCodes';
import { checkPartyBankCodes } from './bankCodes';
import { OperaFileError, type OperaFileErrorCode } from './errors';
import { operaField, type OperaImportFile } from './fields';
import { addressLineCount, OPERA_DOCUMENT_TYPES, operaRecords, type OperaPostingOptions, type OperaPostingRecord } from './postings';
import { fieldText, type DateLayout } from './values';

export interface OperaDocumentCheck {
	records: OperaPostingRecord[];
	failures: Failure[];
}

const WRITER_TO_FAILURE: Partial<Record<OperaFileErrorCode, FailureCode>> = {
	OPERA_TOO_MANY_DECIMALS: 'AMOUNT_PRECISION',
	OPERA_CHARACTER_NOT_CP1252: 'FIELD_CHARACTERS_INVALID',
	OPERA_VALUE_MISSING: 'FIELD_MANDATORY_MISSING',
	OPERA_DATE_INVALID: 'DATE_INVALID',
};

/**
 * The document's records, every value checked exactly as the file writer will check it, and
 * the party's IBAN/BIC checked as Opera does (quoting Opera's own messages).
 */
export function checkOperaDocument(document: LedgerDocument, options: OperaPostingOptions, dates: DateLayout): OperaDocumentCheck {
	const name = capitalise(describeDocument(document));
	if (!OPERA_DOCUMENT_TYPES.includes(document.type)) {
		return {
			records: [],
			failures: [{ code: 'DOCUMENT_TYPE_NOT_SUPPORTED', field: 'type', message: `${name}: Opera's Importer takes no ${describeDocument(document).split(' (')[0]} documents.` }],
		};
	}
	const failures: Failure[] = [];
	const side = partySide(document.type) === 'customer' ? 'sales' : 'purchase';
	if (document.type === 'customer' || document.type === 'supplier') {
		const bank = checkPartyBankCodes(side, { iban: document.party?.iban, bic: document.party?.bic });
		for (const failure of bank.failures) {
			failures.push({ code: failure.code, field: failure.field.endsWith('_BIC') ? 'party.bic' : 'party.iban', message: `${name}: ${failure.message}` });
		}
		const lines = addressLineCount(document);
		if (lines > 5) {
			failures.push({
				code: 'FIELD_TOO_LONG',
				field: 'party.addresses',
				message: `${name}: the address has ${lines} lines with town and county; Opera holds 5 (${side === 'sales' ? 'SN' : 'PN'}_ADDR1–5).`,
			});
		}
	}

	const records = operaRecords(document, options);
	records.forEach(({ file, record }) => {
		for (const [fieldName, value] of Object.entries(record)) {
			const field = operaField(file, fieldName);
			if (!field) throw new Error(`The Opera field table has no ${file}.${fieldName}`);
			try {
				fieldText(field, value, { file, recordNumber: 1 }, dates);
			} catch (error) {
				if (!(error instanceof OperaFileError)) throw error;
				failures.push({ code: failureCode(error, file), field: fieldName, message: `${name}: ${withoutPlace(error.message)}` });
			}
		}
	});
	return { records, failures };
}

function failureCode(error: OperaFileError, file: OperaImportFile): FailureCode {
	if (error.code === 'OPERA_VALUE_TOO_WIDE') {
		return operaField(file, error.details.field ?? '')?.type === 'C' ? 'FIELD_TOO_LONG' : 'VALUE_DOES_NOT_FIT';
	}
	return WRITER_TO_FAILURE[error.code] ?? 'FIELD_INVALID';
}

/** "STRAN record 1, ST_TRREF …" reads as "STRAN ST_TRREF …" for a document not yet in a file. */
function withoutPlace(message: string): string {
	return message.replace(/^(\w+) record \d+, /, '$1 ');
}

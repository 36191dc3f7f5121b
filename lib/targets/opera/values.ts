/**
 * One value of one Importer field, checked and written as text. The DBF and CSV writers
 * share these rules, so a value that one format refuses the other refuses too; only the
 * padding and the date layout differ.
 */
import { Decimal } from '../../model/decimal';
import { firstCharacterOutsideCp1252 } from '../../files/cp1252';
import { OperaFileError, type OperaFileErrorCode } from './errors';
import type { OperaField, OperaImportFile } from './fields';

/** Text for C, a Decimal for N, 'YYYY-MM-DD' for D, true/false for L; null or undefined for blank. */
export type OperaValue = string | Decimal | boolean | null | undefined;

/** One Importer record keyed by Opera field name: { ST_ACCOUNT: 'ACME01', ST_TRVALUE: Decimal.of('120.00'), … }. */
export type OperaRecord = Readonly<Record<string, OperaValue>>;

/**
 * How a date is written. A DBF holds D fields as YYYYMMDD whatever the locale; a CSV is
 * read as text, so its layout must be the one the Importer parses (see csv.ts).
 */
export type DateLayout = 'yyyyMMdd' | 'dd/MM/yyyy' | 'yyyy-MM-dd';

export interface RecordPlace {
	file: OperaImportFile;
	recordNumber: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The value as the file holds it, without padding: '' for a blank. Throws OperaFileError
 * for anything the field cannot hold exactly; nothing is cut, rounded or replaced.
 */
export function fieldText(field: OperaField, value: OperaValue, place: RecordPlace, dates: DateLayout): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		if (!field.mayBeBlank) {
			throw valueError('OPERA_VALUE_MISSING', field, place, undefined, `has no value, but the Importer needs ${field.name} on every ${place.file} record`);
		}
		return '';
	}
	switch (field.type) {
		case 'C':
			return characterText(field, value, place);
		case 'N':
			return numericText(field, value, place);
		case 'D':
			return dateText(field, value, place, dates);
		case 'L':
			if (typeof value !== 'boolean') throw wrongType(field, value, place, 'true or false');
			return value ? 'T' : 'F';
	}
}

function characterText(field: OperaField, value: Exclude<OperaValue, null | undefined>, place: RecordPlace): string {
	if (typeof value !== 'string') throw wrongType(field, value, place, 'text');
	const outside = firstCharacterOutsideCp1252(value);
	if (outside !== undefined) {
		const codePoint = `U+${(outside.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
		throw valueError(
			'OPERA_CHARACTER_NOT_CP1252',
			field,
			place,
			value,
			`the character "${outside}" (${codePoint}) has no Windows-1252 byte; replace or remove it in the mapping profile`,
		);
	}
	if (value.length > field.width) {
		throw valueError(
			'OPERA_VALUE_TOO_WIDE',
			field,
			place,
			value,
			`is ${value.length} characters, but ${field.name} holds ${field.width}; shorten it in the mapping profile (the file writer never cuts text)`,
		);
	}
	return value;
}

function numericText(field: OperaField, value: Exclude<OperaValue, null | undefined>, place: RecordPlace): string {
	if (!(value instanceof Decimal)) throw wrongType(field, value, place, 'a Decimal amount (Decimal.of("120.00"))');
	if (value.decimalPlaces > field.decimals) {
		throw valueError(
			'OPERA_TOO_MANY_DECIMALS',
			field,
			place,
			value.toString(),
			`has ${value.decimalPlaces} decimal places, but ${field.name} has ${field.decimals}; round it in the source or the mapping (the file writer does not round)`,
		);
	}
	const text = value.toFixed(field.decimals);
	if (text.length > field.width) {
		throw valueError(
			'OPERA_VALUE_TOO_WIDE',
			field,
			place,
			text,
			`needs ${text.length} characters, but ${field.name} is N(${field.width},${field.decimals}), which holds ${numericRange(field)}`,
		);
	}
	return text;
}

function dateText(field: OperaField, value: Exclude<OperaValue, null | undefined>, place: RecordPlace, dates: DateLayout): string {
	if (typeof value !== 'string') throw wrongType(field, value, place, 'a date written YYYY-MM-DD');
	const match = ISO_DATE.exec(value);
	if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
		throw valueError('OPERA_DATE_INVALID', field, place, value, 'is not a calendar date written YYYY-MM-DD, e.g. 2026-03-31');
	}
	const [, year, month, day] = match;
	switch (dates) {
		case 'yyyyMMdd':
			return year + month + day;
		case 'dd/MM/yyyy':
			return `${day}/${month}/${year}`;
		case 'yyyy-MM-dd':
			return value;
	}
}

function isCalendarDate(year: number, month: number, day: number): boolean {
	if (year < 1 || month < 1 || month > 12 || day < 1) return false;
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	return day <= days;
}

/** "-99999999.99 to 999999999.99" for N(12,2): the minus sign takes one of the bytes. */
function numericRange(field: OperaField): string {
	const fraction = field.decimals > 0 ? `.${'9'.repeat(field.decimals)}` : '';
	const wholeDigits = field.width - fraction.length;
	return `-${'9'.repeat(Math.max(wholeDigits - 1, 0)) || '0'}${fraction} to ${'9'.repeat(wholeDigits)}${fraction}`;
}

function wrongType(field: OperaField, value: unknown, place: RecordPlace, expected: string): OperaFileError {
	// A Date is shown in UTC: its local text would depend on the machine running the workflow.
	const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()) : String(value);
	const kind = value instanceof Decimal ? 'the Decimal' : value instanceof Date ? 'a Date object' : typeof value;
	return valueError('OPERA_VALUE_WRONG_TYPE', field, place, text, `is ${kind} ${text}, but ${field.name} is a ${field.type} field and takes ${expected}`);
}

function valueError(code: OperaFileErrorCode, field: OperaField, place: RecordPlace, value: string | undefined, problem: string): OperaFileError {
	const shown = value === undefined ? '' : ` ${JSON.stringify(value)}`;
	return new OperaFileError(code, `${place.file} record ${place.recordNumber}, ${field.name}${shown}: ${problem}.`, {
		file: place.file,
		recordNumber: place.recordNumber,
		field: field.name,
		value,
	});
}

/**
 * A value for a field the file does not carry would silently vanish from the import, so it
 * is an error; undefined is allowed, as it is what an absent optional property reads as.
 */
export function checkRecordFields(record: OperaRecord, carried: ReadonlySet<string>, known: ReadonlySet<string>, place: RecordPlace): void {
	for (const name in record) {
		if (carried.has(name) || record[name] === undefined) continue;
		const value = record[name];
		const shown = value === null ? 'null' : JSON.stringify(value instanceof Decimal ? value.toString() : value);
		if (known.has(name)) {
			throw new OperaFileError(
				'OPERA_FIELD_NOT_IN_FILE',
				`${place.file} record ${place.recordNumber}, ${name} ${shown}: the file was opened without ${name}, so the value would be lost; add ${name} to the file's optional fields.`,
				{ file: place.file, recordNumber: place.recordNumber, field: name, value: String(value) },
			);
		}
		throw new OperaFileError(
			'OPERA_FIELD_UNKNOWN',
			`${place.file} record ${place.recordNumber}, ${name} ${shown}: ${place.file} has no field ${name} (Opera names are upper case, e.g. ${[...known][0]}).`,
			{ file: place.file, recordNumber: place.recordNumber, field: name, value: String(value) },
		);
	}
}

/**
 * One value of one Sage 50 import column, checked and written as the text the CSV holds.
 * Every writer goes through here, so the audit trail, the record files and the US journals
 * refuse the same things in the same words.
 */
import { Decimal } from '../../model/decimal';
import { DOCUMENT_TYPE_LABELS, type LedgerDocument } from '../../model/document';
import { firstCharacterOutsideCp1252 } from '../../files/cp1252';
import { Sage50FileError, type Sage50FileErrorCode } from './errors';
import { SAGE50_FIELDS, SAGE50_LAYOUT_LABELS, sage50Field, type Sage50DateLayout, type Sage50Field, type Sage50Layout } from './fields';

/** Text for text columns, a Decimal for amounts, a whole number for integers, true/false for flags; null or undefined for blank. */
export type Sage50Value = string | Decimal | number | boolean | null | undefined;

/** One row keyed by Sage heading: { 'Type': 'SI', 'Net Amount': Decimal.of('100.00'), … }. */
export type Sage50Record = Readonly<Record<string, Sage50Value>>;

export interface CellPlace {
	layout: Sage50Layout;
	/** The document as people name it, capitalised: "Sales invoice INV-1001". */
	document: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Line breaks and tabs split Sage's rows and columns (seed 000 removes them before export).
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The value as the file holds it: '' for a blank. Throws Sage50FileError for anything the
 * column cannot hold exactly; nothing is cut, rounded or replaced.
 */
export function cellText(field: Sage50Field, value: Sage50Value, place: CellPlace): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		if (field.mandatory) throw cellError('SAGE_VALUE_MISSING', field, place, undefined, `has no value, but every row needs one (${field.description})`);
		return '';
	}
	switch (field.type) {
		case 'text':
			return textCell(field, value, place);
		case 'amount':
			return amountCell(field, value, place);
		case 'integer':
			return integerCell(field, value, place);
		case 'date':
			return dateCell(field, value, place);
		case 'boolean':
			if (typeof value !== 'boolean') throw wrongType(field, value, place, 'true or false');
			return value ? 'TRUE' : 'FALSE';
	}
}

export interface FormattedRows {
	rows: string[][];
	/** Every problem found, one per column and value, so a person fixes them all in one go. */
	errors: Sage50FileError[];
}

/**
 * The rows of one document as cells in file order. A value for a heading the file does not
 * have is a bug in the caller and throws a plain Error: it would otherwise vanish.
 */
export function formatRows(layout: Sage50Layout, records: readonly Sage50Record[], document: string): FormattedRows {
	const fields = SAGE50_FIELDS[layout];
	const place: CellPlace = { layout, document };
	const errors: Sage50FileError[] = [];
	const seen = new Set<string>();
	const rows = records.map((record) => {
		for (const name of Object.keys(record)) {
			if (!sage50Field(layout, name)) throw new Error(`The ${SAGE50_LAYOUT_LABELS[layout]} has no column "${name}"`);
		}
		return fields.map((field) => {
			try {
				return cellText(field, record[field.name], place);
			} catch (error) {
				if (!(error instanceof Sage50FileError)) throw error;
				const key = `${error.code}|${field.name}|${error.details.value ?? ''}`;
				if (!seen.has(key)) {
					seen.add(key);
					errors.push(error);
				}
				return '';
			}
		});
	});
	return { rows, errors };
}

function textCell(field: Sage50Field, value: Exclude<Sage50Value, null | undefined>, place: CellPlace): string {
	if (typeof value !== 'string') throw wrongType(field, value, place, 'text');
	const control = CONTROL_CHARACTER.exec(value);
	if (control) {
		throw cellError(
			'SAGE_CHARACTER_NOT_ALLOWED',
			field,
			place,
			value,
			`contains the control character ${codePoint(control[0])} (a line break or tab splits Sage's rows and columns); the Sage 50 profiles replace these with a space`,
		);
	}
	const outside = firstCharacterOutsideCp1252(value);
	if (outside !== undefined) {
		throw cellError(
			'SAGE_CHARACTER_NOT_CP1252',
			field,
			place,
			value,
			`the character "${outside}" (${codePoint(outside)}) has no Windows-1252 byte, and Sage 50 reads its import files as ANSI; remove or replace it in the mapping profile`,
		);
	}
	if (field.characters) {
		const refused = [...new Set(value.match(refusedCharacters(field.characters)) ?? [])];
		if (refused.length > 0) {
			throw cellError(
				'SAGE_CHARACTER_NOT_ALLOWED',
				field,
				place,
				value,
				`contains ${refused.map((character) => `"${character}"`).join(', ')}; the column takes only ${describeCharacters(field.characters)}`,
			);
		}
	}
	// A pattern says more than a width: "T100 is not a tax code" rather than "4 characters".
	if (field.pattern && !wholePattern(field.pattern).test(value)) {
		throw cellError('SAGE_VALUE_NOT_ALLOWED', field, place, value, `is not accepted here (${field.description})`);
	}
	if (field.width !== undefined && value.length > field.width) {
		throw cellError(
			'SAGE_VALUE_TOO_WIDE',
			field,
			place,
			value,
			`is ${value.length} characters, but the column holds ${field.width}; a code must be shortened in the source, other text by the mapping profile (the file writer never cuts text)`,
		);
	}
	return value;
}

function amountCell(field: Sage50Field, value: Exclude<Sage50Value, null | undefined>, place: CellPlace): string {
	if (!(value instanceof Decimal)) throw wrongType(field, value, place, 'a Decimal amount (Decimal.of("120.00"))');
	const decimals = field.decimals ?? 0;
	if (value.decimalPlaces > decimals) {
		throw cellError(
			'SAGE_TOO_MANY_DECIMALS',
			field,
			place,
			value.toString(),
			`has ${value.decimalPlaces} decimal places, but the column has ${decimals}; round it in the source (the file writer does not round)`,
		);
	}
	const text = value.toFixed(field.padDecimals ? decimals : 0);
	if (field.wholeDigits !== undefined) {
		const whole = text.replace(/^-/, '').split('.')[0];
		if (whole.length > field.wholeDigits) {
			const largest = `${'9'.repeat(field.wholeDigits)}${decimals > 0 ? `.${'9'.repeat(decimals)}` : ''}`;
			throw cellError(
				'SAGE_AMOUNT_TOO_LARGE',
				field,
				place,
				text,
				`has ${whole.length} digits before the point, but the column holds ${field.wholeDigits} (at most ${largest}); split the document or check the amount in the source`,
			);
		}
	}
	return text;
}

function integerCell(field: Sage50Field, value: Exclude<Sage50Value, null | undefined>, place: CellPlace): string {
	let number: number;
	if (typeof value === 'number' && Number.isSafeInteger(value)) number = value;
	else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) number = Number(value.trim());
	else if (typeof value === 'string') {
		throw cellError('SAGE_VALUE_NOT_ALLOWED', field, place, value, `is not a whole number (${field.description})`);
	} else throw wrongType(field, value, place, 'a whole number');
	if (field.range && (number < field.range.min || number > field.range.max)) {
		throw cellError('SAGE_VALUE_NOT_ALLOWED', field, place, String(value), `is outside ${field.range.min}–${field.range.max} (${field.description})`);
	}
	return String(number);
}

function dateCell(field: Sage50Field, value: Exclude<Sage50Value, null | undefined>, place: CellPlace): string {
	if (typeof value !== 'string') throw wrongType(field, value, place, 'a date written YYYY-MM-DD');
	const layout = field.dateLayout ?? 'dd/MM/yyyy';
	const written = writeDate(value, layout);
	if (written === undefined) throw cellError('SAGE_DATE_INVALID', field, place, value, 'is not a calendar date written YYYY-MM-DD, e.g. 2026-03-31');
	if (written === null) {
		throw cellError(
			'SAGE_DATE_INVALID',
			field,
			place,
			value,
			'falls outside 2000–2099, and the column\'s two-digit year (##/##/##) cannot say which century it means',
		);
	}
	return written;
}

/**
 * "2026-03-31" as "31/03/2026" or "03/31/26", from the text alone: no Date object, so no
 * time zone can move the day. undefined when the text is not a calendar date; null when a
 * two-digit year could be read as another century.
 */
export function writeDate(iso: string, layout: Sage50DateLayout): string | undefined | null {
	const match = ISO_DATE.exec(iso);
	if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
	const [, year, month, day] = match;
	if (layout === 'dd/MM/yyyy') return `${day}/${month}/${year}`;
	if (!year.startsWith('20')) return null;
	return `${month}/${day}/${year.slice(2)}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
	if (year < 1 || month < 1 || month > 12 || day < 1) return false;
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const refusedPatterns = new Map<string, RegExp>();
const wholePatterns = new Map<string, RegExp>();

function wholePattern(pattern: string): RegExp {
	let compiled = wholePatterns.get(pattern);
	if (!compiled) wholePatterns.set(pattern, (compiled = new RegExp(`^(?:${pattern})$`)));
	return compiled;
}

/** One compiled pattern per character rule, not one per cell. */
function refusedCharacters(characters: string): RegExp {
	let pattern = refusedPatterns.get(characters);
	if (!pattern) refusedPatterns.set(characters, (pattern = new RegExp(`[^${characters}]`, 'gu')));
	return pattern;
}

function describeCharacters(characters: string): string {
	return characters === 'A-Z0-9' ? 'the capital letters A–Z and the digits 0–9, without spaces' : `the characters [${characters}]`;
}

function codePoint(character: string): string {
	return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function wrongType(field: Sage50Field, value: unknown, place: CellPlace, expected: string): Sage50FileError {
	// A Date is shown in UTC: its local text would depend on the machine running the workflow.
	const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()) : String(value);
	const kind = value instanceof Decimal ? 'the Decimal' : value instanceof Date ? 'a Date object' : typeof value;
	return cellError('SAGE_VALUE_WRONG_TYPE', field, place, text, `is ${kind} ${text}, but the column takes ${expected}`);
}

function cellError(code: Sage50FileErrorCode, field: Sage50Field, place: CellPlace, value: string | undefined, problem: string): Sage50FileError {
	const shown = value === undefined ? '' : ` ${JSON.stringify(value)}`;
	return new Sage50FileError(code, `${place.document}: ${SAGE50_LAYOUT_LABELS[place.layout]} column "${field.name}"${shown} ${problem}.`, {
		layout: place.layout,
		document: place.document,
		column: field.name,
		value,
	});
}

/**
 * An amount of a document as a Decimal. Documents reach the writers after validation, which
 * checks every amount, so this failing means the validation step was skipped.
 */
export function documentAmount(value: unknown, place: CellPlace, column: string): Decimal {
	const parsed = Decimal.parse(value);
	if (parsed) return parsed;
	throw new Sage50FileError(
		'SAGE_VALUE_WRONG_TYPE',
		`${place.document}: ${SAGE50_LAYOUT_LABELS[place.layout]} column "${column}" ${JSON.stringify(value ?? null)} is not an amount; run the document through Ledger Mapping (which validates amounts) before writing it.`,
		{ layout: place.layout, document: place.document, column, value: String(value) },
	);
}

/** "Customer receipt RC-1: the Sage 50 US Sales Journal import takes …, not customer receipts." */
export function notSupported(layout: Sage50Layout, document: LedgerDocument, name: string, takes: string): Sage50FileError {
	const kind = DOCUMENT_TYPE_LABELS[document.type] ?? document.type;
	const elsewhere =
		layout === 'ukAuditTrail' && (document.type === 'customer' || document.type === 'supplier')
			? `; write ${kind} records to the Sage 50 ${kind} record file`
			: '';
	return new Sage50FileError('SAGE_DOCUMENT_NOT_SUPPORTED', `${name}: the ${SAGE50_LAYOUT_LABELS[layout]} takes ${takes}, not ${kind}s${elsewhere}.`, {
		layout,
		document: name,
	});
}

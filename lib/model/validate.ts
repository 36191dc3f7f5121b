import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

import type { Failure, FailureCode } from '../report/failureCodes';
import { Decimal, readShortAmount, type ShortAmount } from './decimal';
import {
	DOCUMENT_TYPES,
	describeDocument,
	type DocumentLine,
	type LedgerDocument,
} from './document';
import documentSchema from './ledger-document.schema.json';

export { documentSchema };

/**
 * Compiled on first use, not when the module loads: compiling takes 70–145 ms, which every
 * process importing a parser (n8n loading the Streamtime node, a worker starting) would pay
 * before reading anything.
 */
let compiled: ValidateFunction<LedgerDocument> | undefined;
function schemaCheck(): ValidateFunction<LedgerDocument> {
	return (compiled ??= new Ajv({ allErrors: true, strict: false }).compile<LedgerDocument>(documentSchema));
}

const AMOUNT_FIELDS = new Set(['net', 'tax', 'gross', 'quantity', 'unitPrice', 'taxAmount', 'exchangeRate']);
const DATE_FIELDS = new Set(['date', 'taxDate', 'dueDate']);

/** ISO 4217 minor units where they are not 2; everything else has cents/pence. */
const CURRENCY_DECIMALS: Record<string, number> = {
	BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
	VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
	BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function currencyDecimals(currency: string | undefined): number {
	return CURRENCY_DECIMALS[(currency ?? '').toUpperCase()] ?? 2;
}

export interface ValidationResult {
	document?: LedgerDocument;
	failures: Failure[];
}

/**
 * Checks one document against the published schema, then the things a schema cannot say:
 * real calendar dates, amounts with no more decimals than the currency has, and lines
 * that add up to the totals exactly (never rounded away).
 */
export function validateDocument(input: unknown): ValidationResult {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		return {
			failures: [
				{
					code: 'DOCUMENT_NOT_AN_OBJECT',
					message: 'This item is not a ledger document: expected a JSON object with a "type".',
				},
			],
		};
	}
	const candidate = input as Partial<LedgerDocument>;
	const check = schemaCheck();
	if (!check(candidate)) {
		return { failures: schemaFailures(candidate, check.errors ?? []) };
	}
	const document = candidate as LedgerDocument;
	const dates = dateFailures(document);
	const amounts = amountFailures(document);
	return { document, failures: dates.length === 0 ? amounts : [...dates, ...amounts] };
}

function schemaFailures(document: Partial<LedgerDocument>, errors: ErrorObject[]): Failure[] {
	const name = capitalise(describeDocument(document));
	const failures: Failure[] = [];
	const seen = new Set<string>();
	for (const error of errors) {
		const failure = translateSchemaError(name, error);
		if (!failure) continue;
		const key = `${failure.code}|${failure.field}`;
		if (seen.has(key)) continue;
		seen.add(key);
		failures.push(failure);
	}
	return failures;
}

function translateSchemaError(name: string, error: ErrorObject): Failure | undefined {
	const path = error.instancePath.split('/').slice(1);
	const field = fieldName(path);
	const last = path[path.length - 1] ?? '';
	switch (error.keyword) {
		case 'if':
			return undefined; // always accompanied by the specific error from the "then" branch
		case 'required': {
			const missing = (error.params as { missingProperty: string }).missingProperty;
			const missingField = fieldName([...path, missing]);
			if (missingField === 'type') {
				return failure('DOCUMENT_TYPE_UNKNOWN', 'type', `${name}: the document has no "type".`);
			}
			return failure('FIELD_REQUIRED', missingField, `${name}: ${missingField} is required but missing.`);
		}
		case 'additionalProperties': {
			const extra = (error.params as { additionalProperty: string }).additionalProperty;
			const extraField = fieldName([...path, extra]);
			return failure(
				'FIELD_UNKNOWN',
				extraField,
				`${name}: "${extraField}" is not a field of a ledger document (check the spelling; put other data under "extra").`,
			);
		}
		case 'enum':
			if (field === 'type') {
				return failure(
					'DOCUMENT_TYPE_UNKNOWN',
					'type',
					`${name}: the type must be one of ${DOCUMENT_TYPES.join(', ')}.`,
				);
			}
			return failure('FIELD_INVALID', field, `${name}: ${field} ${error.message ?? 'is not allowed'}.`);
		case 'minItems':
			if (field === 'lines') {
				return failure('LINES_MISSING', field, `${name}: the document has no lines.`);
			}
			break;
		case 'type':
		case 'pattern':
			if (AMOUNT_FIELDS.has(last) || path.includes('promptPaymentVat')) {
				return failure('AMOUNT_INVALID', field, `${name}: ${field} is not an amount (use digits and a dot, e.g. 1234.50).`);
			}
			if (DATE_FIELDS.has(last)) {
				return failure('DATE_INVALID', field, `${name}: ${field} must be a date written YYYY-MM-DD.`);
			}
			break;
	}
	return failure('FIELD_INVALID', field, `${name}: ${field || 'the document'} ${error.message ?? 'is not valid'}.`);
}

const HEADER_DATES = ['date', 'taxDate', 'dueDate'] as const;

function dateFailures(document: LedgerDocument): Failure[] {
	const failures: Failure[] = [];
	for (const key of HEADER_DATES) {
		const value = document.header?.[key];
		if (value !== undefined && !isCalendarDate(value)) {
			failures.push(
				failure('DATE_INVALID', `header.${key}`, `${documentName(document)}: header.${key} ${value} is not a real calendar date.`),
			);
		}
	}
	return failures;
}

/** The date last found real: a run's documents mostly share a handful of dates. */
let lastCalendarDate = '';

export function isCalendarDate(value: string): boolean {
	if (value === lastCalendarDate) return true;
	if (!isNewCalendarDate(value)) return false;
	lastCalendarDate = value;
	return true;
}

function isNewCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function amountFailures(document: LedgerDocument): Failure[] {
	const places = currencyDecimals(document.header?.currency);
	if (amountsPlainlyAgree(document, places)) return [];
	const failures: Failure[] = [];

	// The field is named only for a failure: building "lines[2].net" for every amount of every
	// document would cost more than reading the amount.
	const money = (value: DocumentLine['net'] | undefined, field: string, line = -1): Decimal | undefined => {
		if (value === undefined) return undefined;
		const amount = Decimal.parse(value);
		if (!amount) {
			const at = line < 0 ? field : `lines[${line}].${field}`;
			failures.push(failure('AMOUNT_INVALID', at, `${documentName(document)}: ${at} "${String(value)}" is not an amount.`));
			return undefined;
		}
		if (amount.decimalPlaces > places) {
			const at = line < 0 ? field : `lines[${line}].${field}`;
			const currency = document.header?.currency?.toUpperCase() ?? 'the base currency';
			failures.push(
				failure(
					'AMOUNT_PRECISION',
					at,
					`${documentName(document)}: ${at} ${amount.toFixed()} has more than ${places} decimal places for ${currency}.`,
				),
			);
			return undefined;
		}
		return amount;
	};

	const lines = document.lines ?? [];
	const lineNets = lines.map((line, index) => money(line.net, 'net', index));
	const lineTaxes = lines.map((line, index) => money(line.taxAmount ?? 0, 'taxAmount', index));
	const net = money(document.totals?.net, 'totals.net');
	const tax = money(document.totals?.tax, 'totals.tax');
	const gross = money(document.totals?.gross, 'totals.gross');
	if (failures.length > 0) return failures;

	if (lines.length > 0 && net) {
		const sum = Decimal.sum(lineNets as Decimal[]);
		if (!sum.equals(net)) {
			failures.push(
				failure(
					'TOTALS_NET_MISMATCH',
					'totals.net',
					`${documentName(document)}: the lines add up to ${sum.toFixed(places)} net but the net total is ${net.toFixed(places)}.`,
				),
			);
		}
	}
	if (lines.length > 0 && tax) {
		const sum = Decimal.sum(lineTaxes as Decimal[]);
		if (!sum.equals(tax)) {
			failures.push(
				failure(
					'TOTALS_TAX_MISMATCH',
					'totals.tax',
					`${documentName(document)}: the line tax adds up to ${sum.toFixed(places)} but the tax total is ${tax.toFixed(places)}.`,
				),
			);
		}
	}
	const headerDiscountVat = (document.header?.promptPaymentVat ?? []).map((value, level) =>
		money(value, `header.promptPaymentVat[${level}]`),
	);
	const lineDiscountVat = lines.map((line, index) =>
		line.promptPaymentVat ? line.promptPaymentVat.map((value, level) => money(value, `lines[${index}].promptPaymentVat[${level}]`)) : NO_AMOUNTS,
	);
	if (failures.length > 0) return failures;
	headerDiscountVat.forEach((expected, level) => {
		const perLine = lineDiscountVat.map((values) => values[level]).filter((value): value is Decimal => value !== undefined);
		if (!expected || perLine.length === 0) return;
		const sum = Decimal.sum(perLine);
		if (!sum.equals(expected)) {
			failures.push(
				failure(
					'TOTALS_TAX_MISMATCH',
					`header.promptPaymentVat[${level}]`,
					`${documentName(document)}: the lines' VAT after prompt-payment discount ${level + 1} adds up to ${sum.toFixed(places)} but the document says ${expected.toFixed(places)}.`,
				),
			);
		}
	});

	if (net && tax && gross && !net.plus(tax).equals(gross)) {
		failures.push(
			failure(
				'TOTALS_GROSS_MISMATCH',
				'totals.gross',
				`${documentName(document)}: net ${net.toFixed(places)} + tax ${tax.toFixed(places)} is ${net.plus(tax).toFixed(places)}, but the gross total is ${gross.toFixed(places)}.`,
			),
		);
	}
	return failures;
}

const NO_AMOUNTS: readonly (Decimal | undefined)[] = [];

/**
 * The usual document, checked without Decimal: every amount a plain "1234.50" with no more
 * decimals than the currency has, read as whole units of 10^-places (a safe integer, so
 * exact) and added as integers; the lines add up to the totals, and net + tax is gross.
 * False sends the document to the full check above, which finds and words what is wrong
 * (or finds nothing, for an amount written another way, such as "1e2").
 */
function amountsPlainlyAgree(document: LedgerDocument, places: number): boolean {
	if (document.header?.promptPaymentVat) return false;
	const lines = document.lines ?? [];
	let lineNet = 0;
	let lineTax = 0;
	for (const line of lines) {
		if (line.promptPaymentVat) return false;
		const net = line.net === undefined ? 0 : plainUnits(line.net, places);
		const tax = line.taxAmount === undefined ? 0 : plainUnits(line.taxAmount, places);
		if (net === undefined || tax === undefined) return false;
		lineNet += net;
		lineTax += tax;
	}
	const { totals } = document;
	const net = totals?.net === undefined ? undefined : plainUnits(totals.net, places);
	const tax = totals?.tax === undefined ? undefined : plainUnits(totals.tax, places);
	const gross = totals?.gross === undefined ? undefined : plainUnits(totals.gross, places);
	if ((totals?.net !== undefined && net === undefined) || (totals?.tax !== undefined && tax === undefined) || (totals?.gross !== undefined && gross === undefined)) return false;
	if (!Number.isSafeInteger(lineNet) || !Number.isSafeInteger(lineTax)) return false;
	if (lines.length > 0 && net !== undefined && lineNet !== net) return false;
	if (lines.length > 0 && tax !== undefined && lineTax !== tax) return false;
	return net === undefined || tax === undefined || gross === undefined || net + tax === gross;
}

const plainAmount: ShortAmount = { units: 0, scale: 0 };

/** "-1234.5" at 2 places is -123450: a plain amount (readShortAmount) with no more than `places` decimals, in whole units; undefined for anything else. */
function plainUnits(value: unknown, places: number): number | undefined {
	const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
	if (text === undefined || !readShortAmount(text, plainAmount) || plainAmount.scale > places) return undefined;
	let { units } = plainAmount;
	for (let scale = plainAmount.scale; scale < places; scale++) units *= 10;
	return Number.isSafeInteger(units) ? units : undefined;
}

function documentName(document: LedgerDocument): string {
	return capitalise(describeDocument(document));
}

function fieldName(path: string[]): string {
	return path.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

function failure(code: FailureCode, field: string, message: string): Failure {
	return field ? { code, field, message } : { code, message };
}

export function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** C0 controls (NUL, TAB, CR, LF…), DEL and the C1 block: no ledger field takes them as they are. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_NAMES: Record<number, string> = { 0: 'a NUL', 9: 'a tab', 10: 'a line break (LF)', 13: 'a line break (CR)' };

/**
 * Text a target would store cut short (an ODBC driver ends a string at NUL: "Acme\0Evil Ltd"
 * becomes "Acme") or that breaks an import file's rows and columns (tabs, line breaks in an
 * Opera DBF or a Sage CSV). Ledger Mapping's profiles replace these with a space and say so;
 * a document that reaches a posting node with them is refused, naming the field.
 */
export function controlCharacterFailures(document: LedgerDocument): Failure[] {
	const name = capitalise(describeDocument(document));
	const failures: Failure[] = [];
	const visit = (value: unknown, path: string) => {
		if (typeof value === 'string') {
			const found = CONTROL_CHARACTER.exec(value);
			if (!found) return;
			const code = found[0].charCodeAt(0);
			const shown = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
			failures.push({
				code: 'FIELD_CHARACTERS_INVALID',
				field: path,
				message: `${name}: ${path} holds ${CONTROL_NAMES[code] ?? 'a control character'} (${shown}) at character ${found.index + 1} ("${value.slice(0, found.index)}…"), which the ledger would cut the text at or split a row on. Remove it in the source system, or put Ledger Mapping in front, which replaces tabs and line breaks with a space.`,
			});
		} else if (Array.isArray(value)) value.forEach((entry, index) => visit(entry, `${path}[${index}]`));
		else if (value && typeof value === 'object') for (const [key, entry] of Object.entries(value)) visit(entry, path ? `${path}.${key}` : key);
	};
	// The source system's own ids (header.source) are kept as they came, never written to a ledger field.
	const header = { ...(document.header ?? {}) } as Record<string, unknown>;
	delete header.source;
	visit(header, 'header');
	visit(document.party, 'party');
	visit(document.lines, 'lines');
	return failures;
}

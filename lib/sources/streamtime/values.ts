/**
 * Dates and amounts as a Streamtime export (or Excel, after a user re-saved it) writes them.
 * Both are read as text into text — no Date objects, so no time zone can move a date to the
 * day before, and no floating point, so 0.1 + 0.2 never enters a ledger.
 */

/** dmy: 31/03/2026 (UK, Europe, Australia); mdy: 03/31/2026 (US). */
export type DateOrder = 'dmy' | 'mdy';
export type DecimalSeparator = '.' | ',';

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;

/**
 * "31/03/2026", "31.3.2026", "31-03-26" or "2026-03-31" → "2026-03-31"; undefined when it is
 * not a real calendar date. Two-digit years are 20yy: Streamtime holds no 20th-century work.
 */
export function parseExportDate(text: string, order: DateOrder = 'dmy'): string | undefined {
	const value = text.trim();
	let year: number;
	let month: number;
	let day: number;
	const iso = ISO_DATE.exec(value);
	if (iso) {
		[year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	} else {
		const local = DAY_MONTH_YEAR.exec(value);
		if (!local) return undefined;
		const [first, second] = [Number(local[1]), Number(local[2])];
		[day, month] = order === 'dmy' ? [first, second] : [second, first];
		year = local[3].length === 2 ? 2000 + Number(local[3]) : Number(local[3]);
	}
	if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
	return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const PLAIN_AMOUNT = /^-?\d+(?:\.\d+)?$/;

/**
 * An amount as text with a dot for decimals and "-" for negatives, ready for Decimal:
 * "£1,234.50" → "1234.50", "(12.00)" → "-12.00", "12.00-" → "-12.00", "€ -3.5" → "-3.5",
 * "GBP 10.00" → "10.00". With "," as the decimal separator, "1.234,50 €" → "1234.50" (and
 * spaces or ' may group the thousands). Thousands separators must sit every three digits,
 * so "1,23.4" is refused rather than guessed. Undefined when it is not an amount; an empty
 * cell is not an amount either.
 */
export function parseExportAmount(text: string, separator: DecimalSeparator = '.'): string | undefined {
	const value = text.trim();
	if (separator === '.' && PLAIN_AMOUNT.test(value)) return value;
	return readStyledAmount(value, separator === '.' ? DOT : COMMA);
}

const DOT = '.'.charCodeAt(0);
const COMMA = ','.charCodeAt(0);
const MINUS = '-'.charCodeAt(0);
const PLUS = '+'.charCodeAt(0);
const OPEN = '('.charCodeAt(0);
const CLOSE = ')'.charCodeAt(0);
const SIGNS = new Set([MINUS, 0x2212]);
const CURRENCY_SIGNS = new Set(['£', '€', '$', '¥'].map((sign) => sign.charCodeAt(0)));
const SPACES = new Set([0x20, 0xa0, 0x202f]);

const isDigit = (code: number) => code >= 48 && code <= 57;
const isCapital = (code: number) => code >= 65 && code <= 90;
const isGroupSeparator = (code: number, decimal: number) =>
	decimal === DOT ? code === COMMA : code === DOT || code === 0x27 || SPACES.has(code);

/** The slow path, character by character: signs, brackets, currency, grouped thousands. */
function readStyledAmount(value: string, decimal: number): string | undefined {
	let start = 0;
	let end = value.length;
	let negatives = 0;
	const code = (at: number) => value.charCodeAt(at);
	const skipSpaces = () => {
		while (start < end && SPACES.has(code(start))) start++;
		while (end > start && SPACES.has(code(end - 1))) end--;
	};
	if (code(start) === OPEN && code(end - 1) === CLOSE) {
		negatives++;
		start++;
		end--;
	}
	skipSpaces();
	if (SIGNS.has(code(end - 1))) {
		negatives++;
		end--;
		skipSpaces();
	}
	// Currency after the number ("12,00 €", "12.00 GBP"), then before it ("£12", "GBP 12").
	if (CURRENCY_SIGNS.has(code(end - 1))) {
		end--;
		skipSpaces();
	} else if (end - start > 3 && isCapital(code(end - 1)) && isCapital(code(end - 2)) && isCapital(code(end - 3)) && !isCapital(code(end - 4))) {
		end -= 3;
		skipSpaces();
	}
	for (let pass = 0; pass < 2; pass++) {
		if (SIGNS.has(code(start))) {
			negatives++;
			start++;
		} else if (code(start) === PLUS) {
			start++;
		}
		skipSpaces();
		if (pass === 1) break;
		if (CURRENCY_SIGNS.has(code(start))) {
			start++;
		} else if (end - start > 3 && isCapital(code(start)) && isCapital(code(start + 1)) && isCapital(code(start + 2)) && !isCapital(code(start + 3))) {
			start += 3;
		}
		skipSpaces();
	}
	if (negatives > 1) return undefined;

	let at = start;
	while (at < end && isDigit(code(at))) at++;
	let whole = value.slice(start, at);
	if (whole.length > 0 && whole.length <= 3) {
		// Thousands groups: a separator and exactly three digits, again and again.
		while (
			at + 3 < end &&
			isGroupSeparator(code(at), decimal) &&
			isDigit(code(at + 1)) &&
			isDigit(code(at + 2)) &&
			isDigit(code(at + 3)) &&
			(at + 4 === end || !isDigit(code(at + 4)))
		) {
			whole += value.slice(at + 1, at + 4);
			at += 4;
		}
	}
	let fraction = '';
	if (at < end && code(at) === decimal) {
		const fractionStart = ++at;
		while (at < end && isDigit(code(at))) at++;
		fraction = value.slice(fractionStart, at);
		if (fraction === '') return undefined;
	}
	if (at !== end || (whole === '' && fraction === '')) return undefined;
	return `${negatives ? '-' : ''}${whole || '0'}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A canonical amount ("-1234.5", "007.50") written with at least `places` decimals, as
 * Decimal's toFixed writes it ("-1234.50", "7.50"), by text alone: a line's amounts are
 * copied digit for digit, never put through arithmetic they do not need.
 */
export function amountToPlaces(canonical: string, places: number): string {
	const negative = canonical.charCodeAt(0) === 45;
	const dot = canonical.indexOf('.');
	const digitsStart = negative ? 1 : 0;
	// Already in shape: "1234.50" for 2 places.
	if (dot > digitsStart && canonical.length - dot - 1 === places && canonical.charCodeAt(digitsStart) !== 48) {
		return canonical;
	}
	let whole = dot < 0 ? canonical.slice(digitsStart) : canonical.slice(digitsStart, dot);
	let fraction = dot < 0 ? '' : canonical.slice(dot + 1);
	let start = 0;
	while (start < whole.length - 1 && whole.charCodeAt(start) === 48) start++;
	whole = whole.slice(start) || '0';
	let end = fraction.length;
	while (end > places && fraction.charCodeAt(end - 1) === 48) end--;
	fraction = fraction.slice(0, end).padEnd(places, '0');
	const zero = whole === '0' && !/[1-9]/.test(fraction);
	return `${negative && !zero ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "12.50" → "-12.50" and back; a zero ("0.00", "0") stays as it is. */
export function negateAmount(amount: string): string {
	if (amount.charCodeAt(0) === 45) return amount.slice(1);
	return /^0*(?:\.0*)?$/.test(amount) ? amount : `-${amount}`;
}

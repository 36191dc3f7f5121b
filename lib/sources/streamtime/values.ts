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
	if (separator === '.' && isPlainAmount(value)) return value;
	return readStyledAmount(value, separator === '.' ? DOT : COMMA);
}

/** The fast path, most cells of an export: "1234.50", "-7", "0.5" (/^-?\d+(?:\.\d+)?$/). */
function isPlainAmount(value: string): boolean {
	const end = value.length;
	let at = value.charCodeAt(0) === MINUS ? 1 : 0;
	const wholeStart = at;
	while (at < end && isDigit(value.charCodeAt(at))) at++;
	if (at === wholeStart) return false;
	if (at === end) return true;
	if (value.charCodeAt(at) !== DOT) return false;
	const fractionStart = ++at;
	while (at < end && isDigit(value.charCodeAt(at))) at++;
	return at === end && at > fractionStart;
}

const DOT = '.'.charCodeAt(0);
const COMMA = ','.charCodeAt(0);
const MINUS = '-'.charCodeAt(0);
const PLUS = '+'.charCodeAt(0);
const OPEN = '('.charCodeAt(0);
const CLOSE = ')'.charCodeAt(0);
const UNICODE_MINUS = 0x2212;
const APOSTROPHE = 0x27;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isCapital = (code: number) => code >= 65 && code <= 90;
const isSign = (code: number) => code === MINUS || code === UNICODE_MINUS;
// £ € $ ¥
const isCurrencySign = (code: number) => code === 0xa3 || code === 0x20ac || code === 0x24 || code === 0xa5;
// A space, a no-break space or a narrow no-break space.
const isSpace = (code: number) => code === 0x20 || code === 0xa0 || code === 0x202f;
const isGroupSeparator = (code: number, decimal: number) => (decimal === DOT ? code === COMMA : code === DOT || code === APOSTROPHE || isSpace(code));

/**
 * The slow path, character by character: signs, brackets, currency, grouped thousands.
 * (charCodeAt past either end is NaN, which is none of the characters looked for.)
 */
function readStyledAmount(value: string, decimal: number): string | undefined {
	let start = 0;
	let end = value.length;
	let negatives = 0;
	if (value.charCodeAt(start) === OPEN && value.charCodeAt(end - 1) === CLOSE) {
		negatives++;
		start++;
		end--;
	}
	while (start < end && isSpace(value.charCodeAt(start))) start++;
	while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
	if (isSign(value.charCodeAt(end - 1))) {
		negatives++;
		end--;
		while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
	}
	// Currency after the number ("12,00 €", "12.00 GBP"), then before it ("£12", "GBP 12").
	if (isCurrencySign(value.charCodeAt(end - 1))) {
		end--;
		while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
	} else if (
		end - start > 3 &&
		isCapital(value.charCodeAt(end - 1)) &&
		isCapital(value.charCodeAt(end - 2)) &&
		isCapital(value.charCodeAt(end - 3)) &&
		!isCapital(value.charCodeAt(end - 4))
	) {
		end -= 3;
		while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
	}
	for (let pass = 0; pass < 2; pass++) {
		const code = value.charCodeAt(start);
		if (isSign(code)) {
			negatives++;
			start++;
		} else if (code === PLUS) {
			start++;
		}
		while (start < end && isSpace(value.charCodeAt(start))) start++;
		if (pass === 1) break;
		if (isCurrencySign(value.charCodeAt(start))) {
			start++;
		} else if (
			end - start > 3 &&
			isCapital(value.charCodeAt(start)) &&
			isCapital(value.charCodeAt(start + 1)) &&
			isCapital(value.charCodeAt(start + 2)) &&
			!isCapital(value.charCodeAt(start + 3))
		) {
			start += 3;
		}
		while (start < end && isSpace(value.charCodeAt(start))) start++;
	}
	if (negatives > 1) return undefined;

	let at = start;
	while (at < end && isDigit(value.charCodeAt(at))) at++;
	const wholeEnd = at;
	let groups = 0;
	if (wholeEnd > start && wholeEnd - start <= 3) {
		// Thousands groups: a separator and exactly three digits, again and again.
		while (
			at + 3 < end &&
			isGroupSeparator(value.charCodeAt(at), decimal) &&
			isDigit(value.charCodeAt(at + 1)) &&
			isDigit(value.charCodeAt(at + 2)) &&
			isDigit(value.charCodeAt(at + 3)) &&
			(at + 4 === end || !isDigit(value.charCodeAt(at + 4)))
		) {
			at += 4;
			groups++;
		}
	}
	const numberEnd = at;
	let fractionStart = -1;
	if (at < end && value.charCodeAt(at) === decimal) {
		fractionStart = ++at;
		while (at < end && isDigit(value.charCodeAt(at))) at++;
		if (at === fractionStart) return undefined;
	}
	if (at !== end || (wholeEnd === start && fractionStart < 0)) return undefined;
	const sign = negatives ? '-' : '';
	// "£12.50", "12.50 GBP": the amount is already canonical text inside the cell.
	if (groups === 0 && decimal === DOT && wholeEnd > start) return sign + value.slice(start, end);
	let whole = wholeEnd === start ? '0' : value.slice(start, wholeEnd);
	for (let group = wholeEnd; group < numberEnd; group += 4) whole += value.slice(group + 1, group + 4);
	return fractionStart < 0 ? sign + whole : `${sign}${whole}.${value.slice(fractionStart, end)}`;
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

/**
 * A canonical amount ("-1234.5", "007.50", as parseExportAmount writes it) as a whole number
 * of 10^-scale units ("-1234.5" at scale 2 → -123450), read digit by digit: no floating
 * point is involved, only integer steps that JavaScript numbers hold exactly. Undefined
 * when the amount has more non-zero decimals than `scale` or its units would pass
 * Number.MAX_SAFE_INTEGER (2^53 − 1), or when it is not canonical; the caller then works
 * with Decimal instead.
 */
export function amountUnits(canonical: string, scale: number): number | undefined {
	const end = canonical.length;
	const negative = canonical.charCodeAt(0) === MINUS;
	let at = negative ? 1 : 0;
	let units = 0;
	const wholeStart = at;
	for (; at < end; at++) {
		const code = canonical.charCodeAt(at);
		if (!isDigit(code)) break;
		units = units * 10 + (code - 48);
		// A value past 2^53 − 1 may already be rounded, but never down to a safe one.
		if (units > Number.MAX_SAFE_INTEGER) return undefined;
	}
	if (at === wholeStart) return undefined;
	let places = 0;
	if (at < end) {
		if (canonical.charCodeAt(at) !== DOT || at + 1 === end) return undefined;
		for (at++; at < end; at++) {
			const code = canonical.charCodeAt(at);
			if (!isDigit(code)) return undefined;
			if (places < scale) {
				units = units * 10 + (code - 48);
				if (units > Number.MAX_SAFE_INTEGER) return undefined;
				places++;
			} else if (code !== 48) {
				return undefined;
			}
		}
	}
	for (; places < scale; places++) {
		units *= 10;
		if (units > Number.MAX_SAFE_INTEGER) return undefined;
	}
	return negative ? -units : units;
}

/**
 * Whole units of 10^-scale as Decimal's toFixed(scale) writes the amount: 123450 at scale 2
 * → "1234.50", -5 → "-0.05", and a zero (even -0) as "0.00". `units` must be a safe integer.
 */
export function unitsToFixed(units: number, scale: number): string {
	const negative = units < 0;
	const digits = String(negative ? -units : units);
	if (scale === 0) return negative ? `-${digits}` : digits;
	const padded = digits.length > scale ? digits : digits.padStart(scale + 1, '0');
	const point = padded.length - scale;
	return `${negative ? '-' : ''}${padded.slice(0, point)}.${padded.slice(point)}`;
}

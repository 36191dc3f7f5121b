/**
 * Reading the values of a ConnectWise GLExport: GL entry ids, dates, amounts and product
 * types. Amounts stay exact (Decimal), never floats: the export writes them as JSON numbers,
 * and a number is read through its shortest round-trip text, so float noise such as
 * 33.300000000000004 is seen and refused instead of being rounded away.
 */
import { Decimal } from '../../model/decimal';
import { isCalendarDate } from '../../model/validate';
import type { FailureCode } from '../../report/failureCodes';
import type { CwCurrencyReference, CwReference } from './glExportTypes';

/**
 * "1010,1011,1012" → [1010, 1011, 1012]. An AR transaction's `glEntryIds` is one
 * comma-separated string while `processedRecordIds` (what a batch is made of) is an int array,
 * so the string has to be split (reference §3 and §6). Spaces and empty pieces ("1010, 1011,")
 * are tolerated; anything that is not a whole number above zero throws, naming the piece,
 * because a GL entry id read wrongly would put the wrong entry into a batch.
 */
export function parseGlEntryIds(value: string | number[] | undefined): number[] {
	const { ids, junk } = readGlEntryIds(value);
	if (junk.length > 0) {
		throw new Error(`glEntryIds ${JSON.stringify(value)} is not a comma-separated list of GL entry numbers: ${junk.map((piece) => `"${piece}"`).join(', ')} ${junk.length > 1 ? 'are not numbers' : 'is not a number'}.`);
	}
	return ids;
}

/** The ids that can be read, and the pieces that cannot. */
export function readGlEntryIds(value: unknown): { ids: number[]; junk: string[] } {
	const ids: number[] = [];
	const junk: string[] = [];
	if (value === undefined || value === null) return { ids, junk };
	const pieces: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	for (const piece of pieces) {
		const id = glEntryId(piece);
		if (id !== undefined) ids.push(id);
		else if (!(typeof piece === 'string' && piece.trim() === '')) junk.push(String(piece).trim());
	}
	return { ids, junk };
}

/** A GL entry id: a whole number above zero, as a JSON number or digits. */
export function glEntryId(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
	if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return undefined;
	const id = Number(value.trim());
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * A calendar date YYYY-MM-DD from the export's "2014-05-07T00:00:00Z". Only the date part is
 * kept, with no time-zone conversion: ConnectWise writes the document's own day at midnight,
 * and converting it to local time would move an invoice to the day before. The legacy XML
 * export writes US dates ("5/1/2014 5:21:58 AM", [ZYNK] sample); those are read too.
 * Returns undefined for text that is no real date.
 */
export function exportDate(value: string): string | undefined {
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(value.trim());
	if (iso) {
		const date = `${iso[1]}-${iso[2]}-${iso[3]}`;
		return isCalendarDate(date) ? date : undefined;
	}
	const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/.exec(value.trim());
	if (us) {
		const date = `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
		return isCalendarDate(date) ? date : undefined;
	}
	return undefined;
}

/** Trimmed text, or undefined for null, empty and blank values. Numbers are written as text. */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/** How a person names a reference: its name, else its identifier. A plain string (as `shipContact` is) names itself. */
export function nameOf(reference: CwReference | string | null | undefined): string | undefined {
	if (typeof reference === 'string') return textOf(reference);
	return textOf(reference?.name) ?? textOf(reference?.identifier);
}

/** The code of a reference (a product ID, a member ID): its identifier, else its name. */
export function identifierOf(reference: CwReference | string | null | undefined): string | undefined {
	if (typeof reference === 'string') return textOf(reference);
	return textOf(reference?.identifier) ?? textOf(reference?.name);
}

/** The ISO code of a CurrencyReference: `currencyCode` now, `isoCode` in older specs ([RUBY]). */
export function currencyCodeOf(reference: CwCurrencyReference | null | undefined): string | undefined {
	return textOf(reference?.currencyCode) ?? textOf(reference?.isoCode);
}

export interface RecordProblem {
	code: FailureCode;
	/** 'the total of detail line 2 (GL entry 1009) "abc" is not an amount' */
	detail: string;
}

/** Reads the values of one export record, collecting what is wrong with them. */
export class ValueReader {
	readonly problems: RecordProblem[] = [];

	constructor(
		/** Decimal places of the record's currency. */
		public places: number,
	) {}

	problem(code: FailureCode, detail: string): void {
		this.problems.push({ code, detail });
	}

	/** A money amount with no more decimals than the currency has; undefined (and a problem) otherwise. */
	money(value: unknown, what: string, required: boolean): Decimal | undefined {
		const amount = this.number(value, what, required);
		if (amount && amount.decimalPlaces > this.places) {
			this.problem('AMOUNT_PRECISION', `${what} ${amount.toFixed()} has more than ${this.places} decimal places`);
			return undefined;
		}
		return amount;
	}

	/** A quantity, a rate or a unit price: any number of decimals. */
	number(value: unknown, what: string, required: boolean): Decimal | undefined {
		if (value === undefined || value === null || value === '') {
			if (required) this.problem('AMOUNT_INVALID', `${what} is empty`);
			return undefined;
		}
		const amount = Decimal.parse(value);
		if (!amount) this.problem('AMOUNT_INVALID', `${what} "${String(value)}" is not an amount`);
		return amount;
	}

	date(value: unknown, what: string, required: boolean): string | undefined {
		const written = textOf(value);
		if (written === undefined) {
			if (required) this.problem('FIELD_REQUIRED', `${what} is empty`);
			return undefined;
		}
		const date = exportDate(written);
		if (!date) this.problem('DATE_INVALID', `${what} "${written}" is not a real date`);
		return date;
	}

	/** A required text field; `code` is the failure when it is empty (FIELD_REQUIRED, CUSTOMER_CODE_MISSING…). */
	required(value: unknown, code: FailureCode, detail: string): string | undefined {
		const written = textOf(value);
		if (written === undefined) this.problem(code, detail);
		return written;
	}
}

/** Whole units of 10^-places: 12.34 at 2 places is 1234n. The amount must have no more decimals. */
function unitsAt(amount: Decimal, places: number): bigint {
	return amount.units * 10n ** BigInt(places - amount.scale);
}

function fromUnits(units: bigint, places: number): Decimal {
	const negative = units < 0n;
	const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
	const whole = digits.slice(0, digits.length - places);
	const fraction = places > 0 ? `.${digits.slice(digits.length - places)}` : '';
	return Decimal.of(`${negative ? '-' : ''}${whole}${fraction}`);
}

/**
 * Shares `total` (with at most `places` decimals) out over lines in proportion to their
 * `weights`, in whole units of the currency, so that the shares add up to `total` exactly —
 * the largest-remainder method: each line gets the whole units of its exact share, and the
 * units left over go one each to the lines whose exact shares lost the most (7% of 378.00 and
 * 400.00 is 26.46 and 28.00). With weights adding up to zero, the whole amount goes to the
 * line of the largest weight.
 */
export function apportion(total: Decimal, weights: Decimal[], places: number): Decimal[] {
	if (weights.length === 0) return [];
	const totalUnits = unitsAt(total, places);
	const scale = Math.max(0, ...weights.map((weight) => weight.scale));
	let weightUnits = weights.map((weight) => unitsAt(weight, scale));
	let sum = weightUnits.reduce((a, b) => a + b, 0n);
	const magnitude = (units: bigint) => (units < 0n ? -units : units);
	if (sum === 0n) {
		const largest = weightUnits.reduce((best, units, index) => (magnitude(units) > magnitude(weightUnits[best]) ? index : best), 0);
		return weightUnits.map((_, index) => fromUnits(index === largest ? totalUnits : 0n, places));
	}
	if (sum < 0n) {
		// The same proportions with a positive divisor, so that floor division rounds one way.
		weightUnits = weightUnits.map((units) => -units);
		sum = -sum;
	}
	const exact = weightUnits.map((units) => totalUnits * units);
	const remainders = exact.map((value) => ((value % sum) + sum) % sum);
	const shares = exact.map((value, index) => (value - remainders[index]) / sum);
	let left = totalUnits - shares.reduce((a, b) => a + b, 0n);
	const order = shares
		.map((_, index) => index)
		.sort((a, b) => (remainders[b] > remainders[a] ? 1 : remainders[b] < remainders[a] ? -1 : magnitude(weightUnits[b]) > magnitude(weightUnits[a]) ? 1 : magnitude(weightUnits[b]) < magnitude(weightUnits[a]) ? -1 : a - b));
	for (const index of order) {
		if (left === 0n) break;
		shares[index] += 1n;
		left -= 1n;
	}
	return shares.map((units) => fromUnits(units, places));
}

/**
 * Sage 50 US item classes for ConnectWise product types, by the product type's "Type Xref"
 * (seed 003, "Product Item Type" and "GL Entries"). Documents keep the ConnectWise type on
 * `line.item.type`, as the source system writes it, so the Ledger Mapping product-type table
 * (or a target creating items) can turn it into the Sage class with this table.
 */
export const SAGE_ITEM_CLASS_FOR_PRODUCT_TYPE = {
	'Inventory Part': 'Inventory',
	'Non-Inventory Part': 'Non-Stock',
	'Other Charge': 'Description Only',
	Service: 'Service',
} as const;

export type ConnectWiseProductType = keyof typeof SAGE_ITEM_CLASS_FOR_PRODUCT_TYPE;
export type SageItemClass = (typeof SAGE_ITEM_CLASS_FOR_PRODUCT_TYPE)[ConnectWiseProductType];

/** The table's Sage class, matched without regard to case and spacing; "Other Charge (or NULL/Unknown)" is Description Only (seed 003). */
export function sageItemClassFor(productType: string | null | undefined): SageItemClass {
	const key = normalise(productType ?? '');
	for (const [type, sageClass] of Object.entries(SAGE_ITEM_CLASS_FOR_PRODUCT_TYPE)) {
		if (normalise(type) === key) return sageClass;
	}
	return SAGE_ITEM_CLASS_FOR_PRODUCT_TYPE['Other Charge'];
}

/** "Down Payment", "DOWN_PAYMENT", "downpayment" → "downpayment". */
export function normalise(value: string): string {
	return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

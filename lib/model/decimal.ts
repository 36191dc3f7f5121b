/**
 * Exact decimal amounts for money. A value is an integer number of units at a given scale
 * (12.34 is 1234 at scale 2), held in a BigInt, so adding a thousand lines never drifts the
 * way binary floating point does (0.1 + 0.2 !== 0.3).
 */
export class Decimal {
	private constructor(
		readonly units: bigint,
		readonly scale: number,
	) {}

	static readonly ZERO = new Decimal(0n, 0);

	/**
	 * Reads a JSON number or a decimal string ("1234.50", "-0.5", "1e-7"). Numbers are read
	 * through their shortest round-trip text, so 0.1 is exactly 0.1, and the float noise
	 * of 0.1 + 0.2 stays visible as 0.30000000000000004 instead of being rounded away.
	 */
	static parse(value: unknown): Decimal | undefined {
		let text: string;
		if (typeof value === 'number') {
			if (!Number.isFinite(value)) return undefined;
			text = String(value);
		} else if (typeof value === 'string') {
			text = value.trim();
		} else {
			return undefined;
		}
		const short = Decimal.parseShort(text);
		if (short) return short;
		const match = /^([+-])?(\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
		if (!match || (match[2] === undefined && match[3] === undefined)) return undefined;
		const [, sign, whole = '', fraction = '', exponentText] = match;
		const exponent = exponentText === undefined ? 0 : Number(exponentText);
		if (Math.abs(exponent) > 1000) return undefined;
		let digits = whole + fraction;
		let scale = fraction.length - exponent;
		if (scale < 0) {
			digits += '0'.repeat(-scale);
			scale = 0;
		}
		const units = BigInt(digits === '' ? '0' : digits) * (sign === '-' ? -1n : 1n);
		return new Decimal(units, scale).normalised();
	}

	/** A plain amount (readShortAmount) without the general reading above; undefined for anything else. */
	private static parseShort(text: string): Decimal | undefined {
		if (!readShortAmount(text, shortAmount)) return undefined;
		let { units, scale } = shortAmount;
		while (scale > 0 && units % 10 === 0) {
			units /= 10;
			scale -= 1;
		}
		return new Decimal(BigInt(units), scale);
	}

	static of(value: unknown): Decimal {
		const parsed = Decimal.parse(value);
		if (!parsed) throw new Error(`Not a decimal amount: ${String(value)}`);
		return parsed;
	}

	static sum(values: Iterable<Decimal>): Decimal {
		let total = Decimal.ZERO;
		for (const value of values) total = total.plus(value);
		return total;
	}

	/** Number of digits after the decimal point once trailing zeros are dropped. */
	get decimalPlaces(): number {
		return this.scale;
	}

	plus(other: Decimal): Decimal {
		const scale = Math.max(this.scale, other.scale);
		return new Decimal(this.at(scale) + other.at(scale), scale).normalised();
	}

	minus(other: Decimal): Decimal {
		return this.plus(other.negated());
	}

	times(other: Decimal): Decimal {
		return new Decimal(this.units * other.units, this.scale + other.scale).normalised();
	}

	negated(): Decimal {
		return new Decimal(-this.units, this.scale);
	}

	abs(): Decimal {
		return this.units < 0n ? this.negated() : this;
	}

	compare(other: Decimal): -1 | 0 | 1 {
		const scale = Math.max(this.scale, other.scale);
		const a = this.at(scale);
		const b = other.at(scale);
		return a < b ? -1 : a > b ? 1 : 0;
	}

	equals(other: Decimal): boolean {
		return this.compare(other) === 0;
	}

	isZero(): boolean {
		return this.units === 0n;
	}

	isNegative(): boolean {
		return this.units < 0n;
	}

	/** Rounds half away from zero, as accounting packages round a line's net. */
	roundTo(places: number): Decimal {
		if (this.scale <= places) return this;
		const divisor = powerOfTen(this.scale - places);
		const negative = this.units < 0n;
		const magnitude = negative ? -this.units : this.units;
		let quotient = magnitude / divisor;
		if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
		return new Decimal(negative ? -quotient : quotient, places).normalised();
	}

	/** Plain text with at least `minPlaces` decimals: "1234.50" for 1234.5 with 2. */
	toFixed(minPlaces = 0): string {
		const scale = Math.max(this.scale, minPlaces);
		const units = this.at(scale);
		const negative = units < 0n;
		const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
		const whole = digits.slice(0, digits.length - scale);
		const fraction = digits.slice(digits.length - scale);
		return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
	}

	toString(): string {
		return this.toFixed();
	}

	/** For JSON output only: amounts that went through checks are safe as numbers again. */
	toNumber(): number {
		return Number(this.toFixed());
	}

	private at(scale: number): bigint {
		// Most amounts of a document share a scale, and adding them needs no rescaling at all.
		if (scale === this.scale) return this.units;
		return this.units * powerOfTen(scale - this.scale);
	}

	private normalised(): Decimal {
		let { units, scale } = this;
		while (scale > 0 && units % 10n === 0n) {
			units /= 10n;
			scale -= 1;
		}
		return units === this.units && scale === this.scale ? this : new Decimal(units, scale);
	}
}

const POWERS_OF_TEN: bigint[] = [];

/** 10ⁿ as a BigInt, computed once for each n an amount needs (money has few decimal places). */
function powerOfTen(exponent: number): bigint {
	return (POWERS_OF_TEN[exponent] ??= 10n ** BigInt(exponent));
}

/** What readShortAmount read: the amount is units × 10^-scale. */
export interface ShortAmount {
	units: number;
	scale: number;
}

const shortAmount: ShortAmount = { units: 0, scale: 0 };

/**
 * The amounts documents are made of ("1234.50", "-20", ".75"), read digit by digit into a
 * double, which holds every integer of up to 15 digits exactly, so no regular expression,
 * no digit string and no BigInt is needed: `into` gets the signed units and the number of
 * decimals written. False for anything else (an exponent, more digits, a stray character,
 * "5.", "." or a lone sign), which is left to a general reading.
 */
export function readShortAmount(text: string, into: ShortAmount): boolean {
	let position = 0;
	let negative = false;
	const first = text.charCodeAt(0);
	if (first === 43 /* + */ || first === 45 /* - */) {
		negative = first === 45;
		position = 1;
	}
	let units = 0;
	let digits = 0;
	let scale = -1;
	for (; position < text.length; position++) {
		const code = text.charCodeAt(position);
		if (code >= 48 && code <= 57) {
			units = units * 10 + (code - 48);
			digits += 1;
			if (scale >= 0) scale += 1;
		} else if (code === 46 /* . */ && scale < 0) {
			scale = 0;
		} else {
			return false;
		}
	}
	if (digits === 0 || digits > 15 || scale === 0) return false;
	into.units = negative ? -units : units;
	into.scale = scale < 0 ? 0 : scale;
	return true;
}

/**
 * Value conventions of Exact Online: GUIDs, padded codes, `/Date(ms)/` dates and money.
 * Amounts travel as doubles (Edm.Double); the emulator does its sums in whole cents so that a
 * VAT total is what an accountant would get by hand, rounding half away from zero.
 */
import { createHash, randomUUID } from 'node:crypto';

import type { Guid } from './types';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
	return typeof value === 'string' && GUID_PATTERN.test(value);
}

export function newGuid(): Guid {
	return randomUUID();
}

/** The same seed always gets the same IDs, so tests and fixtures can name them; another division gets others. */
export function stableGuid(division: number, kind: string, code: string): Guid {
	const hex = createHash('sha1').update(`exact-emulator/${division}/${kind}/${code.trim()}`).digest('hex');
	const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function sameGuid(a: unknown, b: unknown): boolean {
	return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** Account codes are 18 characters with leading spaces (§3 crm/Accounts: PQ `%18s`). */
export function padAccountCode(code: string): string {
	return code.trim().padStart(18, ' ');
}

/** VAT codes are short codes padded to 3 characters: '2  ' (§3 "Line edits"). */
export function padVatCode(code: string): string {
	return code.trim().padEnd(3, ' ');
}

/** Country codes come back padded to 3 ('NL ', §3 crm/Accounts, OSSO's sample). */
export function padCountry(code: string): string {
	return code.trim().toUpperCase().padEnd(3, ' ');
}

// ---- Dates

export function toWireDate(date: Date): string {
	return `/Date(${date.getTime()})/`;
}

/** Exact answers `/Date(ms)/` and takes ISO 8601 (§4). A time without a zone is read as UTC. */
export function parseInputDate(value: unknown): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (typeof value !== 'string') return undefined;
	const wire = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
	if (wire) return new Date(Number(wire[1]));
	const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
	if (!iso) return undefined;
	const time = iso[2] ?? '00:00:00';
	const zone = iso[3] ?? 'Z';
	const date = new Date(`${iso[1]}T${time}${zone}`);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

export function addDays(date: Date, days: number): Date {
	return new Date(date.getTime() + days * 86_400_000);
}

export function startOfUtcDay(ms: number): Date {
	const date = new Date(ms);
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

// ---- Money

/** Whole cents from a JSON number or a numeric string, rounded half away from zero; undefined when it is not a number. */
export function toCents(value: unknown): number | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		text = String(value);
		if (/e/i.test(text)) text = value.toFixed(6);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		return undefined;
	}
	const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (!match || (match[2] === '' && !match[3])) return undefined;
	const fraction = (match[3] ?? '').padEnd(3, '0');
	const cents = Number(match[2] || '0') * 100 + Number(fraction.slice(0, 2)) + (fraction[2] >= '5' ? 1 : 0);
	return match[1] === '-' && cents !== 0 ? -cents : cents;
}

export function fromCents(cents: number): number {
	return cents / 100;
}

/**
 * `cents × factor` rounded half away from zero, where factor is a VAT fraction (0.21) or an
 * exchange rate. The factor is taken in millionths so the product stays an exact integer.
 */
export function multiplyCents(cents: number, factor: number): number {
	const millionths = Math.round(factor * 1_000_000);
	const product = cents * millionths;
	const whole = Math.trunc(product / 1_000_000);
	const remainder = product - whole * 1_000_000;
	if (Math.abs(remainder) * 2 >= 1_000_000) return whole + Math.sign(product);
	return whole === 0 ? 0 : whole;
}

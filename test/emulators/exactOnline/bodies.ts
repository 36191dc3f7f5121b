/**
 * Reading a POST body the way Exact's WCF layer does before any business rule runs: a property
 * the type does not define is an error, and a value that does not convert to the property's
 * type is an error (help.optiply.com: "Error in converting value for property Supplier to type
 * Guid", §3 "GUIDs vs codes"). Both answer 400.
 */
import { ExactError } from './http';
import type { EdmType, Schema } from './odata';
import { isGuid, parseInputDate } from './values';

function conversionError(name: string, type: EdmType): ExactError {
	return new ExactError(400, `Error in converting value for property ${name} to type ${type.slice(4)}`);
}

function convert(name: string, value: unknown, type: EdmType): unknown {
	if (value === null || value === undefined) return null;
	switch (type) {
		case 'Edm.Guid':
			if (!isGuid(value)) throw conversionError(name, type);
			return value.toLowerCase();
		case 'Edm.String':
			if (typeof value === 'string') return value;
			if (typeof value === 'number' || typeof value === 'boolean') return String(value);
			throw conversionError(name, type);
		case 'Edm.Boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			throw conversionError(name, type);
		case 'Edm.DateTime': {
			const date = parseInputDate(value);
			if (!date) throw conversionError(name, type);
			return date;
		}
		case 'Edm.Double': {
			const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
			if (!Number.isFinite(number)) throw conversionError(name, type);
			return number;
		}
		default: {
			const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
			if (!Number.isInteger(number)) throw conversionError(name, type);
			return number;
		}
	}
}

/**
 * The body's properties converted to their types; navigation properties (entry lines) are
 * passed through untouched for the caller to read.
 */
export function readEntity(body: unknown, schema: Schema, navigation: string[], entityType: string): Record<string, unknown> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new ExactError(400, 'Error processing request stream. The payload must be a single JSON object.');
	}
	const entity: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(body)) {
		if (name === '__metadata') continue;
		if (navigation.includes(name)) {
			entity[name] = value;
			continue;
		}
		const type = schema[name];
		if (!type) {
			throw new ExactError(400, `The property '${name}' does not exist on type '${entityType}'. Make sure to only use property names that are defined by the type.`);
		}
		entity[name] = convert(name, value, type);
	}
	return entity;
}

/** The given string property, trimmed, or undefined when absent or blank. */
export function text(entity: Record<string, unknown>, name: string): string | undefined {
	const value = entity[name];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Collects business-rule problems; Exact reports several at once, joined by CRLF (§6). */
export class Problems {
	private readonly messages: string[] = [];

	add(message: string): void {
		if (!this.messages.includes(message)) this.messages.push(message);
	}

	throwIfAny(status: number): void {
		if (this.messages.length > 0) throw new ExactError(status, this.messages.join('\r\n'));
	}
}

/**
 * The `conditions` query parameter (§2 "Conditions syntax", from the Developer Guide):
 *   strings in double quotes (with * wildcards for like), bare numbers, true/false, null,
 *   date-times in square brackets ([2025-01-01T00:00:00Z]);
 *   operators = != < <= > >= contains like in, each of contains/like/in negatable with not;
 *   AND / OR (any case) and parentheses; references with / (company/id = 250).
 * Comparisons follow SQL Server, which ConnectWise queries: text compares case-insensitively
 * and a null field matches nothing but `= null` / `!= null`.
 */
import { invalidField, ManageError } from './http';
import { looksLikeDateTime, parseDate } from './values';

type Literal =
	| { type: 'string'; value: string }
	| { type: 'number'; value: number }
	| { type: 'boolean'; value: boolean }
	| { type: 'null' }
	| { type: 'datetime'; value: number; text: string };

type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'not like' | 'contains' | 'not contains' | 'in' | 'not in';

export type Condition =
	| { kind: 'and' | 'or'; left: Condition; right: Condition }
	| { kind: 'not'; operand: Condition }
	| { kind: 'compare'; path: string[]; operator: Operator; values: Literal[] };

interface Token {
	type: 'word' | 'string' | 'number' | 'datetime' | 'operator' | 'open' | 'close' | 'comma';
	text: string;
	position: number;
}

/** A malformed condition → 400 naming the field `conditions` (the emulator's wording; README "Choices"). */
export class ConditionError extends Error {
	toManageError(resource: string): ManageError {
		return invalidField(resource, 'conditions', this.message, 'InvalidCondition');
	}
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		if (/\s/.test(char)) {
			index += 1;
			continue;
		}
		const position = index;
		if (char === '(' || char === ')' || char === ',') {
			tokens.push({ type: char === '(' ? 'open' : char === ')' ? 'close' : 'comma', text: char, position });
			index += 1;
		} else if (char === '"') {
			let value = '';
			index += 1;
			while (index < text.length && text[index] !== '"') {
				// A backslash escapes the next character, so "O\"Brien" is one string.
				if (text[index] === '\\' && index + 1 < text.length) index += 1;
				value += text[index];
				index += 1;
			}
			if (index >= text.length) throw new ConditionError(`Unterminated string starting at position ${position}: add the closing double quote.`);
			index += 1;
			tokens.push({ type: 'string', text: value, position });
		} else if (char === "'") {
			throw new ConditionError(`Strings go in double quotes, not single quotes (position ${position}).`);
		} else if (char === '[') {
			const end = text.indexOf(']', index);
			if (end < 0) throw new ConditionError(`Unterminated date-time starting at position ${position}: add the closing ].`);
			tokens.push({ type: 'datetime', text: text.slice(index + 1, end).trim(), position });
			index = end + 1;
		} else if (/[<>=!]/.test(char)) {
			const two = text.slice(index, index + 2);
			const operator = ['!=', '<=', '>=', '<>'].includes(two) ? two : char;
			if (operator === '!') throw new ConditionError(`Unexpected '!' at position ${position}: did you mean '!='?`);
			tokens.push({ type: 'operator', text: operator === '<>' ? '!=' : operator, position });
			index += operator.length;
		} else if (/[-\d]/.test(char) && /^-?\d/.test(text.slice(index, index + 2))) {
			const match = /^-?\d+(\.\d+)?/.exec(text.slice(index)) as RegExpExecArray;
			tokens.push({ type: 'number', text: match[0], position });
			index += match[0].length;
		} else if (/[A-Za-z_]/.test(char)) {
			const match = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(index)) as RegExpExecArray;
			tokens.push({ type: 'word', text: match[0], position });
			index += match[0].length;
		} else {
			throw new ConditionError(`Unexpected character '${char}' at position ${position}.`);
		}
	}
	return tokens;
}

class Parser {
	private index = 0;

	constructor(
		private readonly tokens: Token[],
		private readonly source: string,
	) {}

	parse(): Condition {
		if (this.tokens.length === 0) throw new ConditionError('conditions is empty.');
		const condition = this.parseOr();
		const extra = this.peek();
		if (extra) throw new ConditionError(`Unexpected '${extra.text}' at position ${extra.position}: join conditions with AND or OR.`);
		return condition;
	}

	private peek(): Token | undefined {
		return this.tokens[this.index];
	}

	private next(): Token | undefined {
		return this.tokens[this.index++];
	}

	private isKeyword(token: Token | undefined, keyword: string): boolean {
		return token?.type === 'word' && token.text.toLowerCase() === keyword;
	}

	private parseOr(): Condition {
		let left = this.parseAnd();
		while (this.isKeyword(this.peek(), 'or')) {
			this.next();
			left = { kind: 'or', left, right: this.parseAnd() };
		}
		return left;
	}

	private parseAnd(): Condition {
		let left = this.parseUnary();
		while (this.isKeyword(this.peek(), 'and')) {
			this.next();
			left = { kind: 'and', left, right: this.parseUnary() };
		}
		return left;
	}

	private parseUnary(): Condition {
		const token = this.peek();
		if (!token) throw new ConditionError(`conditions ends too early: '${this.source}' needs another comparison after the last AND/OR.`);
		if (this.isKeyword(token, 'not') && this.tokens[this.index + 1]?.type === 'open') {
			this.next();
			return { kind: 'not', operand: this.parseUnary() };
		}
		if (token.type === 'open') {
			this.next();
			const inner = this.parseOr();
			const close = this.next();
			if (close?.type !== 'close') throw new ConditionError(`Missing ')' for the '(' at position ${token.position}.`);
			return inner;
		}
		return this.parseComparison();
	}

	private parseComparison(): Condition {
		const field = this.next() as Token;
		if (field.type !== 'word' || ['and', 'or', 'not', 'like', 'contains', 'in'].includes(field.text.toLowerCase())) {
			throw new ConditionError(`Expected a field name at position ${field.position}, found '${field.text}'.`);
		}
		const operator = this.parseOperator(field);
		const values = operator === 'in' || operator === 'not in' ? this.parseList() : [this.parseLiteral(operator)];
		return { kind: 'compare', path: field.text.split('/'), operator, values };
	}

	private parseOperator(field: Token): Operator {
		const token = this.next();
		if (!token) throw new ConditionError(`'${field.text}' needs an operator and a value (e.g. ${field.text} = 5).`);
		if (token.type === 'operator') return token.text as Operator;
		const word = token.type === 'word' ? token.text.toLowerCase() : '';
		if (word === 'like' || word === 'contains' || word === 'in') return word;
		if (word === 'not') {
			const negated = this.next();
			const negatedWord = negated?.type === 'word' ? negated.text.toLowerCase() : '';
			if (negatedWord === 'like' || negatedWord === 'contains' || negatedWord === 'in') return `not ${negatedWord}` as Operator;
			throw new ConditionError(`'not' at position ${token.position} must be followed by like, contains or in.`);
		}
		throw new ConditionError(`Unknown operator '${token.text}' at position ${token.position}: use = != < <= > >= contains like in not.`);
	}

	private parseList(): Literal[] {
		const open = this.next();
		if (open?.type !== 'open') throw new ConditionError(`'in' takes a list in parentheses, e.g. id in (1, 2, 3)${open ? ` (position ${open.position})` : ''}.`);
		const values: Literal[] = [];
		for (;;) {
			values.push(this.parseLiteral('in'));
			const separator = this.next();
			if (separator?.type === 'close') return values;
			if (separator?.type !== 'comma') throw new ConditionError(`Expected ',' or ')' in the list opened at position ${open.position}.`);
		}
	}

	private parseLiteral(operator: Operator): Literal {
		const token = this.next();
		if (!token) throw new ConditionError(`Operator '${operator}' needs a value after it.`);
		switch (token.type) {
			case 'string':
				return { type: 'string', value: token.text };
			case 'number':
				return { type: 'number', value: Number(token.text) };
			case 'datetime': {
				const date = parseDate(token.text);
				if (!date) throw new ConditionError(`[${token.text}] at position ${token.position} is not a date-time (use [2025-01-31T00:00:00Z]).`);
				return { type: 'datetime', value: date.getTime(), text: token.text };
			}
			case 'word': {
				const word = token.text.toLowerCase();
				if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true' };
				if (word === 'null') return { type: 'null' };
				throw new ConditionError(`'${token.text}' at position ${token.position} is not a value: put text in double quotes ("${token.text}").`);
			}
			default:
				throw new ConditionError(`Expected a value at position ${token.position}, found '${token.text}'.`);
		}
	}
}

export function parseConditions(text: string): Condition {
	return new Parser(tokenize(text), text).parse();
}

/** Field names in conditions are case-insensitive, as ConnectWise's are. */
function lookup(record: unknown, path: string[]): unknown {
	let value: unknown = record;
	for (const segment of path) {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
		const lower = segment.toLowerCase();
		const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === lower);
		value = key === undefined ? undefined : (value as Record<string, unknown>)[key];
	}
	return value;
}

function likePattern(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[*%]/g, '.*');
	return new RegExp(`^${escaped}$`, 'is');
}

/** -1/0/1, or undefined when the field is null (SQL's "unknown"). Throws on a type mismatch. */
function compareValues(field: unknown, literal: Literal, fieldName: string): number | undefined {
	if (field === undefined || field === null) return undefined;
	if (typeof field === 'object') {
		throw new ConditionError(`${fieldName} is a reference: compare one of its fields instead, e.g. ${fieldName}/id or ${fieldName}/name.`);
	}
	switch (literal.type) {
		case 'null':
			return undefined;
		case 'datetime': {
			const time = looksLikeDateTime(field) ? Date.parse(field) : NaN;
			if (Number.isNaN(time)) throw new ConditionError(`${fieldName} is not a date-time; [${literal.text}] cannot be compared with it.`);
			return Math.sign(time - literal.value);
		}
		case 'boolean':
			if (typeof field !== 'boolean') throw new ConditionError(`${fieldName} is not a true/false field.`);
			return field === literal.value ? 0 : field ? 1 : -1;
		case 'number': {
			if (typeof field === 'number') return Math.sign(field - literal.value);
			if (typeof field === 'boolean') throw new ConditionError(`${fieldName} is a true/false field: compare it with true or false.`);
			return compareText(String(field), String(literal.value));
		}
		case 'string': {
			if (typeof field === 'number') {
				if (!/^-?\d+(\.\d+)?$/.test(literal.value.trim())) throw new ConditionError(`${fieldName} is a number; "${literal.value}" is not.`);
				return Math.sign(field - Number(literal.value));
			}
			if (typeof field === 'boolean') throw new ConditionError(`${fieldName} is a true/false field: compare it with true or false, without quotes.`);
			if (looksLikeDateTime(field) && parseDate(literal.value)) {
				throw new ConditionError(`${fieldName} is a date-time: put the date in square brackets, e.g. ${fieldName} > [${literal.value}].`);
			}
			return compareText(String(field), literal.value);
		}
	}
}

function compareText(a: string, b: string): number {
	// SQL Server's default collation: case-insensitive, trailing spaces ignored.
	const left = a.toLowerCase().trimEnd();
	const right = b.toLowerCase().trimEnd();
	return left < right ? -1 : left > right ? 1 : 0;
}

function textOf(field: unknown, fieldName: string, operator: string): string | undefined {
	if (field === undefined || field === null) return undefined;
	if (typeof field === 'object') throw new ConditionError(`${fieldName} is a reference: '${operator}' needs a text field such as ${fieldName}/name.`);
	return String(field);
}

export function matches(condition: Condition, record: unknown): boolean {
	switch (condition.kind) {
		case 'and':
			return matches(condition.left, record) && matches(condition.right, record);
		case 'or':
			return matches(condition.left, record) || matches(condition.right, record);
		case 'not':
			return !matches(condition.operand, record);
		case 'compare':
			return compare(condition, record);
	}
}

function compare(condition: Extract<Condition, { kind: 'compare' }>, record: unknown): boolean {
	const fieldName = condition.path.join('/');
	const field = lookup(record, condition.path);
	const [literal] = condition.values;
	switch (condition.operator) {
		case '=':
		case '!=': {
			if (literal.type === 'null') return (field === undefined || field === null) === (condition.operator === '=');
			const order = compareValues(field, literal, fieldName);
			if (order === undefined) return false;
			return (order === 0) === (condition.operator === '=');
		}
		case '<':
		case '<=':
		case '>':
		case '>=': {
			const order = compareValues(field, literal, fieldName);
			if (order === undefined) return false;
			return condition.operator === '<' ? order < 0 : condition.operator === '<=' ? order <= 0 : condition.operator === '>' ? order > 0 : order >= 0;
		}
		case 'like':
		case 'not like':
		case 'contains':
		case 'not contains': {
			if (literal.type !== 'string') throw new ConditionError(`'${condition.operator}' takes text in double quotes.`);
			const text = textOf(field, fieldName, condition.operator);
			if (text === undefined) return false;
			const found = condition.operator.endsWith('like')
				? likePattern(literal.value).test(text.trimEnd())
				: text.toLowerCase().includes(literal.value.toLowerCase());
			return condition.operator.startsWith('not') ? !found : found;
		}
		case 'in':
		case 'not in': {
			const orders = condition.values.map((value) => (value.type === 'null' ? undefined : compareValues(field, value, fieldName)));
			if (orders.every((order) => order === undefined)) return false;
			const found = orders.some((order) => order === 0);
			return condition.operator === 'in' ? found : !found;
		}
	}
}

/** The field names a condition reads (first path segment), for the unknown-field check. */
export function fieldsOf(condition: Condition): string[] {
	switch (condition.kind) {
		case 'and':
		case 'or':
			return [...fieldsOf(condition.left), ...fieldsOf(condition.right)];
		case 'not':
			return fieldsOf(condition.operand);
		case 'compare':
			return [condition.path[0]];
	}
}

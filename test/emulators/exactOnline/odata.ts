/**
 * The slice of OData v2 that Exact's clients use (§4): a $filter parser and evaluator, $select,
 * $orderby and key literals. Errors carry the messages of WCF Data Services, which Exact runs on,
 * so a client sees the same text for a filter on a property that does not exist.
 *
 * Strings compare as SQL Server does with Exact's collation: case-insensitive and blind to
 * trailing spaces. Leading spaces do count, which is why an unpadded account code finds
 * nothing (§3 crm/Accounts).
 */
import { isGuid, parseInputDate } from './values';

export type EdmType = 'Edm.Guid' | 'Edm.String' | 'Edm.Int16' | 'Edm.Int32' | 'Edm.Int64' | 'Edm.Byte' | 'Edm.Double' | 'Edm.Boolean' | 'Edm.DateTime';

/** Property name → type, in the order properties are written out. */
export type Schema = Record<string, EdmType>;

export class ODataError extends Error {
	readonly status = 400;
}

type Category = 'guid' | 'string' | 'number' | 'datetime' | 'boolean' | 'null';

const CATEGORY: Record<EdmType, Category> = {
	'Edm.Guid': 'guid',
	'Edm.String': 'string',
	'Edm.Int16': 'number',
	'Edm.Int32': 'number',
	'Edm.Int64': 'number',
	'Edm.Byte': 'number',
	'Edm.Double': 'number',
	'Edm.Boolean': 'boolean',
	'Edm.DateTime': 'datetime',
};

type CompareOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
const COMPARE_OPERATORS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

interface Typed {
	type: Category;
	/** The .NET type name WCF puts in its messages. */
	clr: string;
	position: number;
}

export type FilterNode =
	| (Typed & { kind: 'literal'; value: unknown })
	| (Typed & { kind: 'property'; name: string })
	| (Typed & { kind: 'call'; name: string; args: FilterNode[] })
	| (Typed & { kind: 'compare'; operator: CompareOperator; left: FilterNode; right: FilterNode })
	| (Typed & { kind: 'logical'; operator: 'and' | 'or'; left: FilterNode; right: FilterNode })
	| (Typed & { kind: 'not'; operand: FilterNode });

// ---- Tokens

interface Token {
	kind: 'name' | 'literal' | 'open' | 'close' | 'comma' | 'end';
	text: string;
	position: number;
	literal?: { type: Category; clr: string; value: unknown };
}

function readQuoted(text: string, start: number): { value: string; end: number } {
	let value = '';
	let index = start + 1;
	while (index < text.length) {
		if (text[index] === "'") {
			if (text[index + 1] === "'") {
				value += "'";
				index += 2;
				continue;
			}
			return { value, end: index + 1 };
		}
		value += text[index];
		index += 1;
	}
	throw new ODataError(`There is an unterminated string literal at position ${start} in '${text}'.`);
}

function typedLiteral(prefix: string, value: string, text: string, position: number): Token['literal'] {
	const kind = prefix.toLowerCase();
	if (kind === 'guid') {
		if (!isGuid(value)) throw new ODataError(`Unrecognized 'Edm.Guid' literal 'guid'${value}'' at '${position}' in '${text}'.`);
		return { type: 'guid', clr: 'System.Guid', value: value.toLowerCase() };
	}
	if (kind === 'datetime' || kind === 'datetimeoffset') {
		const date = parseInputDate(value);
		if (!date) throw new ODataError(`Unrecognized 'Edm.DateTime' literal '${prefix}'${value}'' at '${position}' in '${text}'.`);
		return { type: 'datetime', clr: 'System.DateTime', value: date };
	}
	return undefined;
}

export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < text.length) {
		const character = text[index];
		if (/\s/.test(character)) {
			index += 1;
			continue;
		}
		const position = index;
		if (character === '(' || character === ')' || character === ',') {
			tokens.push({ kind: character === '(' ? 'open' : character === ')' ? 'close' : 'comma', text: character, position });
			index += 1;
			continue;
		}
		if (character === "'") {
			const { value, end } = readQuoted(text, index);
			tokens.push({ kind: 'literal', text: text.slice(position, end), position, literal: { type: 'string', clr: 'System.String', value } });
			index = end;
			continue;
		}
		const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?([LlMmDdFf])?/.exec(text.slice(index));
		if (number && (character !== '-' || /\d/.test(text[index + 1] ?? ''))) {
			const suffix = (number[3] ?? '').toUpperCase();
			const clr =
				suffix === 'L' ? 'System.Int64' : suffix === 'M' ? 'System.Decimal' : suffix === 'F' ? 'System.Single' : suffix === 'D' || number[1] || number[2] ? 'System.Double' : 'System.Int32';
			const digits = suffix ? number[0].slice(0, -1) : number[0];
			tokens.push({ kind: 'literal', text: number[0], position, literal: { type: 'number', clr, value: Number(digits) } });
			index += number[0].length;
			continue;
		}
		const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index));
		if (name) {
			index += name[0].length;
			if (text[index] === "'") {
				const { value, end } = readQuoted(text, index);
				const literal = typedLiteral(name[0], value, text, position);
				if (!literal) throw new ODataError(`Syntax error at position ${position} in '${text}'.`);
				tokens.push({ kind: 'literal', text: text.slice(position, end), position, literal });
				index = end;
				continue;
			}
			const lower = name[0].toLowerCase();
			if (lower === 'true' || lower === 'false') {
				tokens.push({ kind: 'literal', text: name[0], position, literal: { type: 'boolean', clr: 'System.Boolean', value: lower === 'true' } });
			} else if (lower === 'null') {
				tokens.push({ kind: 'literal', text: name[0], position, literal: { type: 'null', clr: 'null', value: null } });
			} else {
				tokens.push({ kind: 'name', text: name[0], position });
			}
			continue;
		}
		throw new ODataError(`Syntax error at position ${position} in '${text}'.`);
	}
	tokens.push({ kind: 'end', text: '', position: text.length });
	return tokens;
}

// ---- Functions Exact's OData layer knows and clients actually use

interface FunctionDefinition {
	args: Category[];
	returns: Category;
	clr: string;
	apply(values: unknown[]): unknown;
}

const text = (value: unknown): string => String(value).toLowerCase();

const FUNCTIONS: Record<string, FunctionDefinition> = {
	substringof: { args: ['string', 'string'], returns: 'boolean', clr: 'System.Boolean', apply: ([needle, haystack]) => text(haystack).includes(text(needle)) },
	startswith: { args: ['string', 'string'], returns: 'boolean', clr: 'System.Boolean', apply: ([value, prefix]) => text(value).startsWith(text(prefix)) },
	endswith: { args: ['string', 'string'], returns: 'boolean', clr: 'System.Boolean', apply: ([value, suffix]) => text(value).trimEnd().endsWith(text(suffix)) },
	tolower: { args: ['string'], returns: 'string', clr: 'System.String', apply: ([value]) => String(value).toLowerCase() },
	toupper: { args: ['string'], returns: 'string', clr: 'System.String', apply: ([value]) => String(value).toUpperCase() },
	trim: { args: ['string'], returns: 'string', clr: 'System.String', apply: ([value]) => String(value).trim() },
	length: { args: ['string'], returns: 'number', clr: 'System.Int32', apply: ([value]) => String(value).length },
	year: { args: ['datetime'], returns: 'number', clr: 'System.Int32', apply: ([value]) => (value as Date).getUTCFullYear() },
	month: { args: ['datetime'], returns: 'number', clr: 'System.Int32', apply: ([value]) => (value as Date).getUTCMonth() + 1 },
	day: { args: ['datetime'], returns: 'number', clr: 'System.Int32', apply: ([value]) => (value as Date).getUTCDate() },
};

// ---- Parser

function clrOf(type: EdmType): string {
	return `System.${type.slice(4)}`;
}

function compatible(left: Category, right: Category): boolean {
	return left === right || left === 'null' || right === 'null';
}

class FilterParser {
	private index = 0;

	constructor(
		private readonly tokens: Token[],
		private readonly source: string,
		private readonly schema: Schema,
		private readonly entityType: string,
	) {}

	parse(): FilterNode {
		const node = this.parseOr();
		const token = this.peek();
		if (token.kind !== 'end') throw new ODataError(`Syntax error at position ${token.position} in '${this.source}'.`);
		if (node.type !== 'boolean') throw new ODataError(`Expression of type '${node.clr}' expected at position 0 to be of type 'System.Boolean'.`);
		return node;
	}

	private peek(): Token {
		return this.tokens[this.index];
	}

	private isKeyword(word: string): boolean {
		const token = this.peek();
		return token.kind === 'name' && token.text.toLowerCase() === word;
	}

	private expect(kind: Token['kind']): Token {
		const token = this.peek();
		if (token.kind !== kind) throw new ODataError(`Syntax error at position ${token.position} in '${this.source}'.`);
		this.index += 1;
		return token;
	}

	private parseOr(): FilterNode {
		let left = this.parseAnd();
		while (this.isKeyword('or')) {
			const position = this.expect('name').position;
			left = this.logical('or', left, this.parseAnd(), position);
		}
		return left;
	}

	private parseAnd(): FilterNode {
		let left = this.parseUnary();
		while (this.isKeyword('and')) {
			const position = this.expect('name').position;
			left = this.logical('and', left, this.parseUnary(), position);
		}
		return left;
	}

	private logical(operator: 'and' | 'or', left: FilterNode, right: FilterNode, position: number): FilterNode {
		if (left.type !== 'boolean' || right.type !== 'boolean') {
			throw new ODataError(`Operator '${operator}' incompatible with operand types '${left.clr}' and '${right.clr}' at position ${position}.`);
		}
		return { kind: 'logical', operator, left, right, type: 'boolean', clr: 'System.Boolean', position };
	}

	private parseUnary(): FilterNode {
		if (this.isKeyword('not')) {
			const position = this.expect('name').position;
			const operand = this.parseUnary();
			if (operand.type !== 'boolean') throw new ODataError(`Operator 'not' incompatible with operand type '${operand.clr}' at position ${position}.`);
			return { kind: 'not', operand, type: 'boolean', clr: 'System.Boolean', position };
		}
		return this.parseComparison();
	}

	private parseComparison(): FilterNode {
		const left = this.parsePrimary();
		const token = this.peek();
		if (token.kind !== 'name' || !COMPARE_OPERATORS.has(token.text.toLowerCase())) return left;
		this.index += 1;
		const operator = token.text.toLowerCase() as CompareOperator;
		const right = this.parsePrimary();
		if (!compatible(left.type, right.type)) {
			throw new ODataError(`Operator '${operator}' incompatible with operand types '${left.clr}' and '${right.clr}' at position ${token.position}.`);
		}
		return { kind: 'compare', operator, left, right, type: 'boolean', clr: 'System.Boolean', position: token.position };
	}

	private parsePrimary(): FilterNode {
		const token = this.peek();
		if (token.kind === 'open') {
			this.index += 1;
			const inner = this.parseOr();
			this.expect('close');
			return inner;
		}
		if (token.kind === 'literal' && token.literal) {
			this.index += 1;
			return { kind: 'literal', value: token.literal.value, type: token.literal.type, clr: token.literal.clr, position: token.position };
		}
		if (token.kind === 'name') {
			this.index += 1;
			if (this.peek().kind === 'open') return this.parseCall(token);
			const type = this.schema[token.text];
			if (!type) throw new ODataError(`No property '${token.text}' exists in type '${this.entityType}' at position ${token.position}.`);
			return { kind: 'property', name: token.text, type: CATEGORY[type], clr: clrOf(type), position: token.position };
		}
		throw new ODataError(`Expression expected at position ${token.position} in '${this.source}'.`);
	}

	private parseCall(name: Token): FilterNode {
		const definition = FUNCTIONS[name.text.toLowerCase()];
		if (!definition) throw new ODataError(`Unknown function '${name.text}' at position ${name.position}.`);
		this.expect('open');
		const args: FilterNode[] = [];
		if (this.peek().kind !== 'close') {
			args.push(this.parseOr());
			while (this.peek().kind === 'comma') {
				this.index += 1;
				args.push(this.parseOr());
			}
		}
		this.expect('close');
		const fits = args.length === definition.args.length && args.every((arg, index) => compatible(arg.type, definition.args[index]));
		if (!fits) {
			throw new ODataError(`No applicable function found for '${name.text}' at position ${name.position} with the specified arguments. The functions considered are: ${name.text}(${definition.args.join(', ')}).`);
		}
		return { kind: 'call', name: name.text.toLowerCase(), args, type: definition.returns, clr: definition.clr, position: name.position };
	}
}

export function parseFilter(source: string, schema: Schema, entityType: string): FilterNode {
	return new FilterParser(tokenize(source), source, schema, entityType).parse();
}

// ---- Evaluation

function normalise(value: unknown): unknown {
	if (value instanceof Date) return value.getTime();
	// SQL Server: case-insensitive, trailing spaces ignored; GUIDs compare without regard to case.
	if (typeof value === 'string') return value.trimEnd().toLowerCase();
	if (typeof value === 'boolean') return value ? 1 : 0;
	return value;
}

/** Orders two values of one property; null and undefined sort first. */
export function compareValues(left: unknown, right: unknown): number {
	const leftMissing = left === null || left === undefined;
	const rightMissing = right === null || right === undefined;
	if (leftMissing || rightMissing) return leftMissing && rightMissing ? 0 : leftMissing ? -1 : 1;
	const a = normalise(left) as number | string;
	const b = normalise(right) as number | string;
	return a < b ? -1 : a > b ? 1 : 0;
}

function evaluateNode(node: FilterNode, row: Record<string, unknown>): unknown {
	switch (node.kind) {
		case 'literal':
			return node.value;
		case 'property':
			return row[node.name] ?? null;
		case 'call': {
			const values = node.args.map((arg) => evaluateNode(arg, row));
			if (values.some((value) => value === null || value === undefined)) return node.type === 'boolean' ? false : null;
			return FUNCTIONS[node.name].apply(values);
		}
		case 'not':
			return evaluateNode(node.operand, row) !== true;
		case 'logical': {
			const left = evaluateNode(node.left, row) === true;
			if (node.operator === 'and') return left && evaluateNode(node.right, row) === true;
			return left || evaluateNode(node.right, row) === true;
		}
		case 'compare': {
			const left = evaluateNode(node.left, row);
			const right = evaluateNode(node.right, row);
			const leftMissing = left === null || left === undefined;
			const rightMissing = right === null || right === undefined;
			if (node.operator === 'eq') return leftMissing || rightMissing ? leftMissing && rightMissing : compareValues(left, right) === 0;
			if (node.operator === 'ne') return leftMissing || rightMissing ? !(leftMissing && rightMissing) : compareValues(left, right) !== 0;
			if (leftMissing || rightMissing) return false;
			const order = compareValues(left, right);
			if (node.operator === 'gt') return order > 0;
			if (node.operator === 'ge') return order >= 0;
			if (node.operator === 'lt') return order < 0;
			return order <= 0;
		}
	}
}

export function matchesFilter(node: FilterNode, row: object): boolean {
	return evaluateNode(node, row as Record<string, unknown>) === true;
}

// ---- $orderby, $select and keys

export interface OrderTerm {
	name: string;
	descending: boolean;
}

export function parseOrderBy(source: string, schema: Schema, entityType: string): OrderTerm[] {
	return source.split(',').map((part) => {
		const words = part.trim().split(/\s+/);
		const [name, direction = 'asc'] = words;
		if (!name || words.length > 2 || !/^(asc|desc)$/i.test(direction)) throw new ODataError(`Syntax error in '$orderby=${source}'.`);
		if (!schema[name]) throw new ODataError(`No property '${name}' exists in type '${entityType}' at position ${source.indexOf(name)}.`);
		return { name, descending: direction.toLowerCase() === 'desc' };
	});
}

export function compareRows(order: OrderTerm[]): (a: object, b: object) => number {
	return (a, b) => {
		for (const term of order) {
			const result = compareValues((a as Record<string, unknown>)[term.name], (b as Record<string, unknown>)[term.name]);
			if (result !== 0) return term.descending ? -result : result;
		}
		return 0;
	};
}

/** The selected names, or undefined for "all" ($select absent or '*'). */
export function parseSelect(source: string, known: Set<string>, entityType: string): Set<string> | undefined {
	const names = source.split(',').map((name) => name.trim());
	if (names.includes('*')) return undefined;
	let position = 0;
	for (const name of names) {
		if (!known.has(name)) throw new ODataError(`No property '${name}' exists in type '${entityType}' at position ${position}.`);
		position += name.length + 1;
	}
	return new Set(names);
}

/** The value inside `Resource(…)`: guid'…', '…' or a number. */
export function parseKeyLiteral(source: string): { type: Category; value: unknown } {
	const tokens = tokenize(source);
	const [token, end] = tokens;
	if (tokens.length !== 2 || token.kind !== 'literal' || !token.literal || end.kind !== 'end') {
		throw new ODataError(`Bad Request - Error in query syntax.`);
	}
	return { type: token.literal.type, value: token.literal.value };
}

export function formatKeyLiteral(value: unknown, type: EdmType): string {
	if (type === 'Edm.Guid') return `guid'${String(value)}'`;
	if (type === 'Edm.String') return `'${String(value).replace(/'/g, "''")}'`;
	return String(value);
}

export function categoryOf(type: EdmType): Category {
	return CATEGORY[type];
}

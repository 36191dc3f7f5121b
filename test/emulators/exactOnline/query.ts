/**
 * Reading a collection the way Exact's OData endpoints do (§4): $filter, $select, $orderby,
 * $top/$skip, $inlinecount, pages of 60 (1000 for bulk) with an absolute `__next` link that
 * carries a $skiptoken, and records written as `{"d":{"results":[…]}}` with `/Date(ms)/` dates.
 */
import { ExactError } from './http';
import {
	compareRows,
	formatKeyLiteral,
	categoryOf,
	matchesFilter,
	ODataError,
	parseFilter,
	parseKeyLiteral,
	parseOrderBy,
	parseSelect,
	type EdmType,
	type Schema,
} from './odata';
import { toWireDate } from './values';

/** §4 and picqer #34/#315/#556: the error for a GET without $select where Exact wants one. */
export const SELECT_MANDATORY = 'Please add a $select or a $top=1 statement to the query string';

export interface NavigationDefinition {
	entityType: string;
	schema: Schema;
	key: string;
	rows(parent: object): object[];
}

export interface ResourceShape {
	/** Fully qualified, e.g. Exact.Web.Api.Models.Account. */
	entityType: string;
	key: string;
	schema: Schema;
	navigation?: Record<string, NavigationDefinition>;
	/** 60 for CRUD endpoints, 1000 for bulk, Infinity for read services (§4). */
	pageSize: number;
	/** 'always' for bulk endpoints; 'unlessTop1' for CRUD endpoints (§4 "$select is sometimes mandatory"). */
	selectRule: 'always' | 'unlessTop1' | 'never';
}

export interface QueryContext {
	/** e.g. http://127.0.0.1:5700 */
	baseUrl: string;
	/** e.g. /api/v1/1234567/crm/Accounts */
	resourcePath: string;
	params: URLSearchParams;
}

const KNOWN_OPTIONS = new Set(['$filter', '$select', '$top', '$skip', '$orderby', '$inlinecount', '$skiptoken', '$expand', '$format']);

function checkOptions(params: URLSearchParams): void {
	for (const name of params.keys()) {
		if (name.startsWith('$') && !KNOWN_OPTIONS.has(name)) {
			throw new ODataError(`The query parameter '${name}' begins with a system-reserved '$' character but is not recognized.`);
		}
	}
	const format = params.get('$format');
	if (format !== null && format !== 'json') throw new ODataError(`Only $format=json is served by the emulator.`);
}

function nonNegativeInteger(params: URLSearchParams, name: string): number | undefined {
	const raw = params.get(name);
	if (raw === null) return undefined;
	if (!/^\d+$/.test(raw.trim())) throw new ODataError(`Invalid integer value '${raw}' for query option ${name}.`);
	return Number(raw.trim());
}

function wireValue(value: unknown, type: EdmType): unknown {
	if (value === undefined || value === null) return null;
	if (value instanceof Date) return toWireDate(value);
	// OData v2 JSON writes Int64 as a string.
	if (type === 'Edm.Int64') return String(value);
	return value;
}

/** Keeps `$`, `'`, `,` and `()` readable in the links the emulator writes; everything else is percent-encoded. */
function encodeQueryValue(value: string): string {
	return encodeURIComponent(value).replace(/%24/g, '$').replace(/%2C/g, ',');
}

export function buildQuery(params: Array<[string, string]>): string {
	return params.map(([name, value]) => `${name}=${encodeQueryValue(value)}`).join('&');
}

function resourceUri(shape: { key: string; schema: Schema }, row: object, collectionUrl: string): string {
	const key = (row as Record<string, unknown>)[shape.key];
	return `${collectionUrl}(${formatKeyLiteral(key, shape.schema[shape.key])})`;
}

function serialize(
	shape: Pick<ResourceShape, 'entityType' | 'key' | 'schema' | 'navigation'>,
	row: object,
	collectionUrl: string,
	select: Set<string> | undefined,
	expand: Set<string>,
): Record<string, unknown> {
	const record = row as Record<string, unknown>;
	const uri = resourceUri(shape, row, collectionUrl);
	const out: Record<string, unknown> = { __metadata: { uri, type: shape.entityType } };
	for (const [name, type] of Object.entries(shape.schema)) {
		if (select && !select.has(name)) continue;
		out[name] = wireValue(record[name], type);
	}
	for (const [name, navigation] of Object.entries(shape.navigation ?? {})) {
		if (select && !select.has(name)) continue;
		// OData v2: a navigation property is a link unless $expand asks for it; expanded it is { results: [...] }.
		if (expand.has(name)) {
			const childUrl = collectionUrl.replace(/[^/]+$/, name);
			out[name] = { results: navigation.rows(row).map((child) => serialize({ ...navigation }, child, childUrl, undefined, new Set())) };
		} else {
			out[name] = { __deferred: { uri: `${uri}/${name}` } };
		}
	}
	return out;
}

function selection(shape: ResourceShape, params: URLSearchParams): { select: Set<string> | undefined; expand: Set<string> } {
	const known = new Set([...Object.keys(shape.schema), ...Object.keys(shape.navigation ?? {})]);
	const rawSelect = params.get('$select');
	const select = rawSelect === null ? undefined : parseSelect(rawSelect, known, shape.entityType);
	const expand = new Set<string>();
	for (const name of (params.get('$expand') ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
		if (!shape.navigation?.[name]) throw new ODataError(`No property '${name}' exists in type '${shape.entityType}' at position 0.`);
		expand.add(name);
	}
	return { select, expand };
}

/** A collection GET: filters, orders and pages `rows`, answering `{ d: { results, __next?, __count? } }`. */
export function queryCollection(shape: ResourceShape, rows: object[], context: QueryContext): unknown {
	const { params } = context;
	checkOptions(params);
	const top = nonNegativeInteger(params, '$top');
	const skip = nonNegativeInteger(params, '$skip') ?? 0;
	if (params.get('$select') === null && (shape.selectRule === 'always' || (shape.selectRule === 'unlessTop1' && top !== 1))) {
		throw new ExactError(400, SELECT_MANDATORY);
	}
	const { select, expand } = selection(shape, params);

	let matching = rows;
	const filter = params.get('$filter');
	if (filter !== null && filter.trim() !== '') {
		const node = parseFilter(filter, shape.schema, shape.entityType);
		matching = rows.filter((row) => matchesFilter(node, row));
	}
	const orderBy = params.get('$orderby');
	if (orderBy !== null && orderBy.trim() !== '') matching = [...matching].sort(compareRows(parseOrderBy(orderBy, shape.schema, shape.entityType)));

	const inlineCount = params.get('$inlinecount');
	if (inlineCount !== null && inlineCount !== 'allpages' && inlineCount !== 'none') {
		throw new ODataError(`Invalid value '${inlineCount}' for $inlinecount query option found. Valid values are 'allpages' and 'none'.`);
	}

	let start = skip;
	const skipToken = params.get('$skiptoken');
	if (skipToken !== null) {
		const token = parseKeyLiteral(skipToken);
		const keyType = shape.schema[shape.key];
		const after = matching.findIndex((row) => {
			const key = (row as Record<string, unknown>)[shape.key];
			return token.type === categoryOf(keyType) && String(key).toLowerCase() === String(token.value).toLowerCase();
		});
		if (after < 0) throw new ODataError(`The skip token value '${skipToken}' is not valid.`);
		start = after + 1;
	}

	const limit = Math.min(top ?? Infinity, shape.pageSize);
	const page = matching.slice(start, start + limit);
	const collectionUrl = `${context.baseUrl}${context.resourcePath}`;
	const d: Record<string, unknown> = { results: page.map((row) => serialize(shape, row, collectionUrl, select, expand)) };
	if (inlineCount === 'allpages') d.__count = String(matching.length);

	const more = start + page.length < matching.length && (top === undefined || top > page.length);
	if (more && page.length > 0) {
		const last = page[page.length - 1] as Record<string, unknown>;
		const carried = [...params.entries()].filter(([name]) => name !== '$skip' && name !== '$skiptoken' && name !== '$top');
		if (top !== undefined) carried.push(['$top', String(top - page.length)]);
		carried.push(['$skiptoken', formatKeyLiteral(last[shape.key], shape.schema[shape.key])]);
		d.__next = `${collectionUrl}?${buildQuery(carried)}`;
	}
	return { d };
}

/** `Resource(guid'…')`: one record as `{ d: {...} }`, or 404. $select is optional here. */
export function getByKey(shape: ResourceShape, rows: object[], keyText: string, segment: string, context: QueryContext): unknown {
	checkOptions(context.params);
	const { select, expand } = selection(shape, context.params);
	const keyType = shape.schema[shape.key];
	const key = parseKeyLiteral(keyText);
	if (key.type !== categoryOf(keyType)) throw new ODataError('Bad Request - Error in query syntax.');
	const row = rows.find((candidate) => String((candidate as Record<string, unknown>)[shape.key]).toLowerCase() === String(key.value).toLowerCase());
	if (!row) throw new ExactError(404, `Resource not found for the segment '${segment}'.`);
	return { d: serialize(shape, row, `${context.baseUrl}${context.resourcePath}`, select, expand) };
}

/** The answer to a POST: the stored record with its lines expanded (§4 "Write responses"). */
export function createdBody(shape: ResourceShape, row: object, context: QueryContext): unknown {
	return { d: serialize(shape, row, `${context.baseUrl}${context.resourcePath}`, undefined, new Set(Object.keys(shape.navigation ?? {}))) };
}

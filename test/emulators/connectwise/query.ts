/**
 * Reading a collection the way ConnectWise's list endpoints do (§2): `conditions`, `orderBy`,
 * `fields`, `page`/`pageSize` (default 25, at most 1,000) with a navigable RFC 5988 `Link`
 * header, or forward-only paging (`pagination-type: forward-only` + `pageId`), and `/count`.
 */
import { ConditionError, fieldsOf, matches, parseConditions } from './conditions';
import { invalidField, notFound } from './http';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

export interface ListRequest {
	/** The query as sent. */
	params: URLSearchParams;
	/** Absolute URL of this list without its query, e.g. http://127.0.0.1:5701/v2025_1/apis/3.0/finance/invoices */
	selfUrl: string;
	/** The `pagination-type` header. */
	paginationType?: string;
	/** Name used in error bodies, e.g. "invoice". */
	resource: string;
}

export interface ListAnswer {
	rows: object[];
	headers: Record<string, string>;
}

/**
 * What a list endpoint reads: stored records and how to show one. Views are built only where
 * needed (all of them for conditions or orderBy, else just the page), because a benchmark pages
 * through 10,000 invoices.
 */
export interface Source<T = object> {
	records: T[];
	id(record: T): number;
	view(record: T): object;
}

/** A source whose records are already in ConnectWise's shape. */
export function rowsSource(rows: object[]): Source<object> {
	return { records: rows, id: (row) => (row as { id: number }).id, view: (row) => row };
}

interface Item<T> {
	record: T;
	id: number;
	row?: object;
}

function rowOf<T>(item: Item<T>, source: Source<T>): object {
	item.row ??= source.view(item.record);
	return item.row;
}

function integerParam(params: URLSearchParams, name: string, resource: string): number | undefined {
	const text = params.get(name);
	if (text === null || text.trim() === '') return undefined;
	if (!/^-?\d+$/.test(text.trim())) throw invalidField(resource, name, `${name} must be a whole number, not '${text}'.`);
	return Number(text);
}

function filterItems<T>(source: Source<T>, params: URLSearchParams, resource: string): Array<Item<T>> {
	const items = source.records.map((record) => ({ record, id: source.id(record) }) as Item<T>);
	const text = params.get('conditions');
	if (text === null || text.trim() === '') return items;
	try {
		const condition = parseConditions(text);
		const rows = items.map((item) => rowOf(item, source));
		// A field no record of this kind has is a typo, not a filter that matches nothing.
		if (rows.length > 0) {
			const unknown = fieldsOf(condition).find((field) => !rows.some((row) => Object.keys(row).some((key) => key.toLowerCase() === field.toLowerCase())));
			if (unknown) throw new ConditionError(`Unknown field '${unknown}' in conditions.`);
		}
		return items.filter((item) => matches(condition, item.row));
	} catch (error) {
		if (error instanceof ConditionError) throw error.toManageError(resource);
		throw error;
	}
}

function valueAt(row: unknown, path: string[]): unknown {
	let value = row;
	for (const segment of path) {
		if (value === null || typeof value !== 'object') return undefined;
		const lower = segment.toLowerCase();
		const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === lower);
		value = key === undefined ? undefined : (value as Record<string, unknown>)[key];
	}
	return value;
}

function compareForSort(a: unknown, b: unknown): number {
	// SQL Server sorts nulls first in ascending order.
	if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
	if (b === undefined || b === null) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const left = String(a).toLowerCase();
	const right = String(b).toLowerCase();
	return left < right ? -1 : left > right ? 1 : 0;
}

function sortItems<T>(items: Array<Item<T>>, source: Source<T>, params: URLSearchParams, resource: string): Array<Item<T>> {
	const text = params.get('orderBy');
	const keys: Array<{ path: string[]; descending: boolean }> = [];
	if (text && text.trim() !== '') {
		for (const part of text.split(',')) {
			const [field, direction = 'asc', ...rest] = part.trim().split(/\s+/);
			if (!field || rest.length > 0 || !/^(asc|desc)$/i.test(direction)) {
				throw invalidField(resource, 'orderBy', `orderBy '${part.trim()}' is not 'field asc' or 'field desc'.`);
			}
			keys.push({ path: field.split('/'), descending: direction.toLowerCase() === 'desc' });
		}
	}
	if (keys.length === 0) return [...items].sort((a, b) => a.id - b.id);
	// Read each row's sort values once: lists of 10,000 invoices are sorted on every page request.
	const decorated = items.map((item) => ({ item, values: keys.map((key) => valueAt(rowOf(item, source), key.path)) }));
	decorated.sort((a, b) => {
		for (let index = 0; index < keys.length; index += 1) {
			const order = compareForSort(a.values[index], b.values[index]);
			if (order !== 0) return keys[index].descending ? -order : order;
		}
		return a.item.id - b.item.id;
	});
	return decorated.map((entry) => entry.item);
}

/** `fields=id,company/identifier` keeps only those paths (§2 "partial response"). */
export function pickFields(row: object, params: URLSearchParams): object {
	const text = params.get('fields');
	if (!text || text.trim() === '') return row;
	const picked: Record<string, unknown> = {};
	for (const field of text.split(',').map((part) => part.trim()).filter(Boolean)) {
		const path = field.split('/');
		const value = valueAt(row, path);
		if (value === undefined) continue;
		let target = picked;
		let source: unknown = row;
		for (const segment of path.slice(0, -1)) {
			const lower = segment.toLowerCase();
			const key = Object.keys(source as object).find((candidate) => candidate.toLowerCase() === lower) as string;
			source = (source as Record<string, unknown>)[key];
			target[key] = target[key] ?? {};
			target = target[key] as Record<string, unknown>;
		}
		const last = path[path.length - 1].toLowerCase();
		const lastKey = Object.keys(source as object).find((candidate) => candidate.toLowerCase() === last) as string;
		target[lastKey] = value;
	}
	return picked;
}

function linkTo(selfUrl: string, params: URLSearchParams, changes: Record<string, string>, remove: string[] = []): string {
	const next = new URLSearchParams(params);
	for (const name of remove) next.delete(name);
	for (const [name, value] of Object.entries(changes)) next.set(name, value);
	return `${selfUrl}?${next.toString()}`;
}

/** A GET on a list endpoint: filtered, ordered, one page, with its Link header. */
export function listRows<T>(source: Source<T>, request: ListRequest): ListAnswer {
	const { params, resource } = request;
	const pageSize = integerParam(params, 'pageSize', resource) ?? DEFAULT_PAGE_SIZE;
	if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
		// PSConnectWise#2: an out-of-range pageSize is refused with OutOfRange, not clamped (§4).
		throw invalidField(resource, 'pageSize', `pageSize must be between 1 and ${MAX_PAGE_SIZE}; ${pageSize} is out of range.`, 'OutOfRange');
	}
	const filtered = filterItems(source, params, resource);
	const show = (items: Array<Item<T>>) => items.map((item) => pickFields(rowOf(item, source), params));

	if ((request.paginationType ?? '').toLowerCase() === 'forward-only') {
		// §2: pageId acts as "id > pageId", results come in id order, orderBy is refused, page is ignored.
		if (params.get('orderBy')) {
			throw invalidField(resource, 'orderBy', 'orderBy cannot be used with forward-only pagination: results come in id order.');
		}
		const pageId = integerParam(params, 'pageId', resource) ?? 0;
		const items = filtered
			.filter((item) => item.id > pageId)
			.sort((a, b) => a.id - b.id)
			.slice(0, pageSize);
		const lastId = items.length > 0 ? items[items.length - 1].id : pageId;
		// §2: "There is always a Link header pointing to the next pageId"; an empty page points at itself.
		const next = linkTo(request.selfUrl, params, { pageId: String(lastId), pageSize: String(pageSize) }, ['page']);
		return { rows: show(items), headers: { Link: `<${next}>; rel="next"` } };
	}

	const page = integerParam(params, 'page', resource) ?? 1;
	if (page < 1) throw invalidField(resource, 'page', `page starts at 1; ${page} is out of range.`, 'OutOfRange');
	const sorted = sortItems(filtered, source, params, resource);
	const lastPage = Math.max(1, Math.ceil(sorted.length / pageSize));
	const items = sorted.slice((page - 1) * pageSize, page * pageSize);
	const link = (target: number): string => linkTo(request.selfUrl, params, { page: String(target), pageSize: String(pageSize) }, ['pageId']);
	// §2: first/prev/next/last (RFC 5988); prev and next are left out where they do not apply.
	const links = [`<${link(1)}>; rel="first"`];
	if (page > 1) links.push(`<${link(Math.min(page - 1, lastPage))}>; rel="prev"`);
	if (page < lastPage) links.push(`<${link(page + 1)}>; rel="next"`);
	links.push(`<${link(lastPage)}>; rel="last"`);
	return { rows: show(items), headers: { Link: links.join(', ') } };
}

/** `/count`: `{"count": n}` after conditions (§2 "Count"). */
export function countRows<T>(source: Source<T>, params: URLSearchParams, resource: string): { count: number } {
	return { count: filterItems(source, params, resource).length };
}

/** `/{id}`: one record (with `fields`), or 404. */
export function rowById<T>(source: Source<T>, idText: string, params: URLSearchParams, resource: string): object {
	const id = Number(idText);
	const record = source.records.find((candidate) => source.id(candidate) === id);
	if (record === undefined) throw notFound(`${resource} with id ${idText} was not found.`);
	return pickFields(source.view(record), params);
}

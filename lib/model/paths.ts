/** One place in a document that a path pattern such as "lines[].account" names. */
export interface FieldLocation {
	/** Concrete path: "lines[1].account". */
	path: string;
	value: unknown;
	set(value: unknown): void;
}

/**
 * Every place a pattern names. "[]" walks each element of a list; a missing last field still
 * yields a location (value undefined) so mandatory checks can see it. A missing list or
 * parent object yields a location only for plain paths ("party.code" with no party).
 */
export function locate(root: object, pattern: string): FieldLocation[] {
	const found: FieldLocation[] = [];
	visitFields(root, pathSegments(pattern), new FieldPath(''), (holder, key, value, path) => {
		found.push({
			path: path.text,
			value,
			set: (next) => {
				if (holder) (holder as Record<string | number, unknown>)[key] = next;
			},
		});
	}, undefined);
	return found;
}

/** Where a field sits: its object or list and its key there, to write a cleaned value back. */
export type FieldHolder = Record<string, unknown> | unknown[] | undefined;

/**
 * The places locate() finds, handed to `visit` one by one instead of collected, with their
 * paths taken from `paths`: a hot loop passes the same tree for every document of a run, so
 * "lines[2].description" is built once, not once per document. `context` is passed through,
 * so the caller needs no closure per document.
 */
export function visitFields<Context>(
	root: object,
	segments: readonly Segment[],
	paths: FieldPath,
	visit: (holder: FieldHolder, key: string | number, value: unknown, path: FieldPath, context: Context) => void,
	context: Context,
): void {
	walkFields(root as Record<string, unknown>, 0, paths, segments, visit, context);
}

function walkFields<Context>(
	parent: Record<string, unknown> | undefined,
	index: number,
	at: FieldPath,
	segments: readonly Segment[],
	visit: (holder: FieldHolder, key: string | number, value: unknown, path: FieldPath, context: Context) => void,
	context: Context,
): void {
	const { key, isList, listFollows } = segments[index];
	const here = at.key(key);
	const last = index === segments.length - 1;
	const value = parent?.[key];
	if (isList) {
		if (!Array.isArray(value)) return;
		for (let position = 0; position < value.length; position++) {
			if (!(position in value)) continue; // a hole in a sparse list, skipped as forEach skips it
			const element: unknown = value[position];
			if (last) visit(value, position, element, here.element(position), context);
			else if (element && typeof element === 'object') walkFields(element as Record<string, unknown>, index + 1, here.element(position), segments, visit, context);
		}
		return;
	}
	if (last) {
		visit(parent, key, value, here, context);
		return;
	}
	const child = value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	if (child === undefined && listFollows) return;
	walkFields(child, index + 1, here, segments, visit, context);
}

/**
 * The concrete paths one pattern has named, built on first use and kept: "lines" has one
 * child per key and one per list position ("lines[0]", "lines[1]"…).
 */
export class FieldPath {
	private keyed?: FieldPath;

	private elements?: FieldPath[];

	constructor(readonly text: string) {}

	/** A pattern names one key after each step, so one child is enough. */
	key(name: string): FieldPath {
		return (this.keyed ??= new FieldPath(this.text ? `${this.text}.${name}` : name));
	}

	element(position: number): FieldPath {
		const elements = (this.elements ??= []);
		return (elements[position] ??= new FieldPath(`${this.text}[${position}]`));
	}
}

export interface Segment {
	key: string;
	isList: boolean;
	/** A later segment walks a list. */
	listFollows: boolean;
}

const patterns = new Map<string, Segment[]>();

/** A pattern split once per process, not once for every document it is applied to. */
export function pathSegments(pattern: string): readonly Segment[] {
	let segments = patterns.get(pattern);
	if (!segments) {
		const parts = pattern.split('.');
		segments = parts.map((part, index) => ({
			key: part.endsWith('[]') ? part.slice(0, -2) : part,
			isList: part.endsWith('[]'),
			listFollows: parts.slice(index + 1).some((later) => later.endsWith('[]')),
		}));
		patterns.set(pattern, segments);
	}
	return segments;
}

/** "lines[1].account" with label "GL account" reads "line 2 GL account" in a message. */
export function describeField(path: string, label?: string): string {
	const line = /^lines\[(\d+)\]/.exec(path);
	const name = label ?? path.replace(/^lines\[\d+\]\./, '');
	return line ? `line ${Number(line[1]) + 1} ${name}` : name;
}

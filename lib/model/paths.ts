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
	const segments = parsed(pattern);
	const found: FieldLocation[] = [];
	const walk = (parent: Record<string, unknown> | undefined, index: number, prefix: string) => {
		const { key, isList, listFollows } = segments[index];
		const path = prefix ? `${prefix}.${key}` : key;
		const last = index === segments.length - 1;
		const value = parent?.[key];
		if (isList) {
			if (!Array.isArray(value)) return;
			value.forEach((element, position) => {
				const elementPath = `${path}[${position}]`;
				if (last) {
					found.push({ path: elementPath, value: element, set: (next) => (value[position] = next) });
				} else if (element && typeof element === 'object') {
					walk(element as Record<string, unknown>, index + 1, elementPath);
				}
			});
			return;
		}
		if (last) {
			found.push({
				path,
				value,
				set: (next) => {
					if (parent) parent[key] = next;
				},
			});
			return;
		}
		const child = value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
		if (child === undefined && listFollows) return;
		walk(child, index + 1, path);
	};
	walk(root as Record<string, unknown>, 0, '');
	return found;
}

interface Segment {
	key: string;
	isList: boolean;
	/** A later segment walks a list. */
	listFollows: boolean;
}

const patterns = new Map<string, Segment[]>();

/** A pattern split once per process, not once for every document it is applied to. */
function parsed(pattern: string): Segment[] {
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

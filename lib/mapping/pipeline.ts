import { describeDocument, isMasterRecord, type LedgerDocument } from '../model/document';
import { capitalise, validateDocument } from '../model/validate';
import { compileProfile } from '../profiles/apply';
import type { TextChange } from '../profiles/text';
import type { ConstraintProfile } from '../profiles/types';
import type { Failure } from '../report/failureCodes';
import { compileMapping, type MappingChange } from './mapper';
import type { MappingTables } from './tables';

export type BatchMode = 'perDocument' | 'wholeBatch';

export interface ValidDocument {
	index: number;
	status: 'valid';
	document: LedgerDocument;
	mapped: MappingChange[];
	cleaned: TextChange[];
}

export interface RejectedDocument {
	index: number;
	status: 'rejected';
	/** The document as it came in, untouched, so nothing is lost. */
	input: unknown;
	failures: Failure[];
}

export type DocumentOutcome = ValidDocument | RejectedDocument;

export interface BatchOptions {
	tables: MappingTables;
	profile: ConstraintProfile;
	mode: BatchMode;
}

/**
 * A run of documents validated, mapped and checked piece by piece — a document file read a
 * thousand documents at a time, so the run never holds them all: the tables and the profile
 * are compiled once, and a document is a duplicate of one in an earlier piece as much as of
 * one in its own. Outcomes are per document (whole-batch mode needs the run whole: processBatch).
 */
export class MappingRun {
	private readonly seen = new SeenDocuments();
	private readonly mapCodes: ReturnType<typeof compileMapping>;
	private readonly checkProfile: ReturnType<typeof compileProfile>;
	/** Documents of the run so far: the index of the next one. */
	private count = 0;

	constructor(options: Omit<BatchOptions, 'mode'>) {
		this.mapCodes = compileMapping(options.tables);
		this.checkProfile = compileProfile(options.profile);
	}

	/** The next documents of the run; each outcome's index is the document's place in the whole run. */
	process(inputs: unknown[]): DocumentOutcome[] {
		const first = this.count;
		this.count += inputs.length;
		return inputs.map((input, offset) => this.one(input, first + offset));
	}

	private one(input: unknown, index: number): DocumentOutcome {
		const validation = validateDocument(input);
		if (!validation.document || validation.failures.length > 0) {
			return { index, status: 'rejected', input, failures: validation.failures };
		}
		const document = workingCopy(validation.document);
		const mapping = this.mapCodes(document);
		const profile = this.checkProfile(document);
		const failures = mapping.failures.length === 0 ? profile.failures : [...mapping.failures, ...withoutEchoes(profile.failures, mapping.failures)];

		const first = this.seen.firstIndex(validation.document, index);
		if (first !== undefined) {
			failures.push({
				code: 'DUPLICATE_IN_BATCH',
				field: isMasterRecord(document.type) ? 'party.code' : 'header.number',
				message: `${capitalise(describeDocument(validation.document))} appears twice in this run (items ${first + 1} and ${index + 1}); the second one is not sent.`,
			});
		}

		if (failures.length > 0) return { index, status: 'rejected', input, failures };
		shareUnchanged(document, input as object);
		return { index, status: 'valid', document, mapped: fitted(mapping.changes), cleaned: fitted(profile.changes) };
	}
}

/**
 * A list of changes kept as long as its outcome, in a block of its own length: a list grown
 * by push has room for 17 entries from its first, most of it empty for a run's lifetime.
 */
function fitted<Change>(changes: Change[]): Change[] {
	return changes.length === 0 ? changes : changes.slice();
}

/**
 * Validates, maps and checks a run of documents. Each input ends up valid or rejected with
 * its reasons. In whole-batch mode one rejection turns every valid document into a
 * BATCH_STOPPED rejection, so nothing is posted (seed 003: a mapping error fails the batch).
 */
export function processBatch(inputs: unknown[], options: BatchOptions): DocumentOutcome[] {
	const outcomes = new MappingRun(options).process(inputs);

	const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
	if (options.mode !== 'wholeBatch' || rejected.length === 0) return outcomes;
	const names = rejected.map((outcome) => describeDocument((outcome.input ?? {}) as Partial<LedgerDocument>));
	const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
	return outcomes.map((outcome) =>
		outcome.status === 'rejected'
			? outcome
			: {
					index: outcome.index,
					status: 'rejected',
					input: inputs[outcome.index],
					failures: [
						{
							code: 'BATCH_STOPPED',
							message: `${capitalise(describeDocument(outcome.document))} is valid but was not sent: the batch stops because ${listed} ${rejected.length === 1 ? 'was' : 'were'} rejected.`,
						},
					],
				},
	);
}

/**
 * The documents of a run so far, by type and by number (a master record by its party code),
 * told apart regardless of case and surrounding spaces.
 */
class SeenDocuments {
	private readonly byType = new Map<string, Map<string, number>>();

	/** The index of the first document of the run that is the same as this one; this one's, remembered, when it is the first. */
	firstIndex(document: LedgerDocument, index: number): number | undefined {
		const key = ((isMasterRecord(document.type) ? document.party?.code : document.header?.number) ?? '').trim().toUpperCase();
		let seen = this.byType.get(document.type);
		if (!seen) this.byType.set(document.type, (seen = new Map()));
		const first = seen.get(key);
		if (first === undefined) seen.set(key, index);
		return first;
	}
}

/**
 * A field that already failed mapping is not reported again by the profile: an unmapped tax
 * code is not also "not allowed", and a line whose item had no cost-matrix account is not
 * also "missing an account".
 */
function withoutEchoes(profileFailures: Failure[], mappingFailures: Failure[]): Failure[] {
	const failedFields = new Set(
		mappingFailures.map((failure) => failure.field?.replace(/\.item\.code$/, '.account')),
	);
	return profileFailures.filter((failure) => !failedFields.has(failure.field));
}

/**
 * The document Ledger Mapping changes: a deep copy, so the input item stays exactly as it came,
 * without the report an earlier Ledger Mapping put on it. Documents are JSON (n8n items), so
 * objects and lists are copied by hand, several times faster than structuredClone; anything
 * else (a Date from a Code node) goes through structuredClone.
 */
function workingCopy(document: LedgerDocument): LedgerDocument {
	return copyObject(document as unknown as Record<string, unknown>, 'report') as unknown as LedgerDocument;
}

/**
 * The parts of a working copy that mapping and cleaning left as they came — a header, the
 * totals, a line's item — swapped back for the input's own, so a run keeps one of each rather
 * than two (the copies go at the next collection). True when the whole of `copy` is the same
 * as `original`, so its parent can take the original instead. Only plain objects and lists
 * are shared: the output looks exactly as it did, and the root is always the copy (it has no
 * report).
 */
function shareUnchanged(copy: object, original: object): boolean {
	let same = true;
	if (Array.isArray(copy)) {
		const before = original as unknown[];
		if (copy.length !== before.length) same = false;
		for (let index = 0; index < copy.length; index++) {
			if (!shareable(copy, index, copy[index], before[index])) same = false;
		}
		return same;
	}
	const fields = copy as Record<string, unknown>;
	const before = original as Record<string, unknown>;
	let count = 0;
	for (const key in fields) {
		count++;
		if (!shareable(fields, key, fields[key], before[key])) same = false;
	}
	if (!same) return false;
	for (const key in before) if (Object.hasOwn(before, key) && --count < 0) return false;
	return count === 0;
}

/** Whether one field of a copy is the same as the original's; the original's object put in its place when it is. */
function shareable(holder: Record<string | number, unknown> | unknown[], key: string | number, value: unknown, before: unknown): boolean {
	if (value === before) return true;
	if (value === null || typeof value !== 'object' || before === null || typeof before !== 'object') return false;
	const plain = Array.isArray(value) ? Array.isArray(before) : Object.getPrototypeOf(before) === Object.prototype;
	if (!plain || !shareUnchanged(value, before)) return false;
	(holder as Record<string | number, unknown>)[key] = before;
	return true;
}

function copyJson(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(copyJson);
	if (value === null || typeof value !== 'object') return value;
	const prototype = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
	return copyObject(value as Record<string, unknown>);
}

/**
 * Plain objects made with room for exactly their own fields. Filled key by key from {}, a
 * copy has four fields inside it and the rest in a second block (a line of six fields costs
 * 96 bytes, not 72; an item of one, 56 rather than 32); V8 sizes the objects a constructor
 * makes to the most fields they are given, so each field count has a constructor of its own.
 * Their prototype is Object's: the copies are plain objects in every other way.
 */
const sizedObjects = Array.from({ length: 17 }, () => {
	const SizedObject = function () {} as unknown as new () => Record<string, unknown>;
	SizedObject.prototype = Object.prototype;
	return SizedObject;
});

/** A plain object copied field by field (for…in walks V8's cached key list: no list, nor pair, per object), without `skip`. */
function copyObject(source: Record<string, unknown>, skip?: string): Record<string, unknown> {
	let fields = 0;
	for (const key in source) if (key !== skip && Object.hasOwn(source, key)) fields++;
	const copy = fields < sizedObjects.length ? new sizedObjects[fields]() : {};
	for (const key in source) if (key !== skip && Object.hasOwn(source, key)) copy[key] = copyJson(source[key]);
	return copy;
}

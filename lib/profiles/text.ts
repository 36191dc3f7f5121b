import type { FieldRule } from './types';

export type TextChangeAction = 'whitespaceCleaned' | 'charactersRemoved' | 'truncated';

export interface TextChange {
	field: string;
	action: TextChangeAction;
	before: string;
	after: string;
	detail: string;
}

/** The part of a field rule that says how its text may look. */
export type TextRule = Pick<FieldRule, 'maxLength' | 'allowedCharacters'> &
	Required<Pick<FieldRule, 'tooLong' | 'invalidCharacters'>>;

export interface TextResult {
	value: string;
	changes: Array<Omit<TextChange, 'field'>>;
	/** Set when the rule says reject instead of fixing. */
	rejection?: { code: 'FIELD_TOO_LONG' | 'FIELD_CHARACTERS_INVALID'; detail: string };
}

// Line breaks and tabs split rows and columns in import files (seed 000 removes them).
const LINE_BREAKS_AND_TABS = /[\r\n\t\v\f]+/g;
const OTHER_CONTROL_CHARACTERS = /[\u0000-\u0008\u000E-\u001F\u007F]/g;
const HAS_CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;

const RUNS_OF_SPACES = / {2,}/g;
// A string without surrogates has one UTF-16 unit per character, so its length is its character count.
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Cleans one text value the way the Streamtime export does: line breaks and tabs become a
 * space, characters the target rejects are removed, text over the limit is shortened.
 * Only the output changes; every change is described so the item can report it.
 */
export function cleanText(original: string, rule: TextRule): TextResult {
	const changes: TextResult['changes'] = [];
	const cleaned = cleanFieldText(original, rule, undefined, changes);
	return typeof cleaned === 'string' ? { value: cleaned, changes } : { value: cleaned.value, changes, rejection: cleaned.rejection };
}

/** The text of one field and why it was refused, when the rule says reject. */
export interface TextRejection {
	value: string;
	rejection: NonNullable<TextResult['rejection']>;
}

/**
 * cleanText for Ledger Mapping's hot loop: the changes go straight into the document's list
 * with their field, and a text that needs nothing allocates nothing. Returns the cleaned
 * text, or the rejection when the rule says reject.
 */
export function cleanFieldText(original: string, rule: TextRule, field: string | undefined, changes: Array<Omit<TextChange, 'field'>>): string | TextRejection {
	let value = original;

	// Tested first: most text has nothing to clean, and two replaces per field would copy it twice for nothing.
	const spaced = HAS_CONTROL_CHARACTERS.test(value) ? value.replace(LINE_BREAKS_AND_TABS, ' ').replace(OTHER_CONTROL_CHARACTERS, '') : value;
	if (spaced !== value) {
		const cleaned = spaced.replace(RUNS_OF_SPACES, ' ').trim();
		report(changes, field, 'whitespaceCleaned', value, cleaned, 'line breaks, tabs or control characters replaced by a space');
		value = cleaned;
	}

	if (rule.allowedCharacters) {
		const disallowed = disallowedPattern(rule.allowedCharacters);
		const matched = value.match(disallowed);
		if (matched) {
			const list = [...new Set(matched)].map((character) => `"${character}"`).join(', ');
			if (rule.invalidCharacters === 'reject') {
				return { value, rejection: { code: 'FIELD_CHARACTERS_INVALID', detail: `contains ${list}, which the target does not accept` } };
			}
			const stripped = value.replace(disallowed, '').replace(RUNS_OF_SPACES, ' ').trim();
			report(changes, field, 'charactersRemoved', value, stripped, removalDetail(list));
			value = stripped;
		}
	}

	// A string no longer in UTF-16 units than the limit is within it in characters too: counted only when it may be over.
	if (rule.maxLength !== undefined && value.length > rule.maxLength) {
		const characters = SURROGATE.test(value) ? Array.from(value) : undefined;
		const length = characters ? characters.length : value.length;
		if (length > rule.maxLength) {
			if (rule.tooLong === 'reject') {
				return { value, rejection: { code: 'FIELD_TOO_LONG', detail: `is ${length} characters long; the target allows ${rule.maxLength}` } };
			}
			const shortened = (characters ? characters.slice(0, rule.maxLength).join('') : value.slice(0, rule.maxLength)).trimEnd();
			report(changes, field, 'truncated', value, shortened, `shortened from ${length} to ${characterCount(shortened)} characters (limit ${rule.maxLength})`);
			value = shortened;
		}
	}
	return value;
}

/** Without a field for cleanText's own result, with one for the document's list of changes. */
function report(changes: Array<Omit<TextChange, 'field'>>, field: string | undefined, action: TextChangeAction, before: string, after: string, detail: string) {
	changes.push(field === undefined ? { action, before, after, detail } : ({ field, action, before, after, detail } as TextChange));
}

const removalDetails = new Map<string, string>();

/**
 * 'removed "&"' written once and shared: a run reports the same few removals on thousands of
 * lines and keeps every report until its items are written. Bounded, since the lists are
 * the data's own.
 */
function removalDetail(list: string): string {
	let detail = removalDetails.get(list);
	if (detail === undefined) {
		if (removalDetails.size >= 1000) removalDetails.clear();
		removalDetails.set(list, (detail = `removed ${list}`));
	}
	return detail;
}

/** Characters as a person counts them: an emoji (two UTF-16 units) is one. */
export function characterCount(text: string): number {
	return SURROGATE.test(text) ? Array.from(text).length : text.length;
}

const disallowedPatterns = new Map<string, RegExp>();

/** One compiled pattern per character rule, not one per field of every document. */
function disallowedPattern(allowedCharacters: string): RegExp {
	let pattern = disallowedPatterns.get(allowedCharacters);
	if (!pattern) disallowedPatterns.set(allowedCharacters, (pattern = new RegExp(`[^${allowedCharacters}]`, 'gu')));
	pattern.lastIndex = 0;
	return pattern;
}

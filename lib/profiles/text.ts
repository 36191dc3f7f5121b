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

/**
 * Cleans one text value the way the Streamtime export does: line breaks and tabs become a
 * space, characters the target rejects are removed, text over the limit is shortened.
 * Only the output changes; every change is described so the item can report it.
 */
export function cleanText(original: string, rule: TextRule): TextResult {
	const changes: TextResult['changes'] = [];
	let value = original;

	// Tested first: most text has nothing to clean, and two replaces per field would copy it twice for nothing.
	const spaced = HAS_CONTROL_CHARACTERS.test(value) ? value.replace(LINE_BREAKS_AND_TABS, ' ').replace(OTHER_CONTROL_CHARACTERS, '') : value;
	if (spaced !== value) {
		const cleaned = spaced.replace(/ {2,}/g, ' ').trim();
		changes.push({ action: 'whitespaceCleaned', before: value, after: cleaned, detail: 'line breaks, tabs or control characters replaced by a space' });
		value = cleaned;
	}

	if (rule.allowedCharacters) {
		const disallowed = disallowedPattern(rule.allowedCharacters);
		const found = [...new Set(value.match(disallowed) ?? [])];
		if (found.length > 0) {
			const list = found.map((character) => `"${character}"`).join(', ');
			if (rule.invalidCharacters === 'reject') {
				return { value, changes, rejection: { code: 'FIELD_CHARACTERS_INVALID', detail: `contains ${list}, which the target does not accept` } };
			}
			const stripped = value.replace(disallowed, '').replace(/ {2,}/g, ' ').trim();
			changes.push({ action: 'charactersRemoved', before: value, after: stripped, detail: `removed ${list}` });
			value = stripped;
		}
	}

	// A string no longer in UTF-16 units than the limit is within it in characters too: counted only when it may be over.
	if (rule.maxLength !== undefined && value.length > rule.maxLength) {
		const characters = Array.from(value);
		if (characters.length > rule.maxLength) {
			if (rule.tooLong === 'reject') {
				return {
					value,
					changes,
					rejection: { code: 'FIELD_TOO_LONG', detail: `is ${characters.length} characters long; the target allows ${rule.maxLength}` },
				};
			}
			const shortened = characters.slice(0, rule.maxLength).join('').trimEnd();
			changes.push({
				action: 'truncated',
				before: value,
				after: shortened,
				detail: `shortened from ${characters.length} to ${Array.from(shortened).length} characters (limit ${rule.maxLength})`,
			});
			value = shortened;
		}
	}
	return { value, changes };
}

const disallowedPatterns = new Map<string, RegExp>();

/** One compiled pattern per character rule, not one per field of every document. */
function disallowedPattern(allowedCharacters: string): RegExp {
	let pattern = disallowedPatterns.get(allowedCharacters);
	if (!pattern) disallowedPatterns.set(allowedCharacters, (pattern = new RegExp(`[^${allowedCharacters}]`, 'gu')));
	pattern.lastIndex = 0;
	return pattern;
}

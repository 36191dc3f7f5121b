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
	const spaced = withoutControlCharacters(value);
	if (spaced !== value) {
		const cleaned = spaced.replace(RUNS_OF_SPACES, ' ').trim();
		report(changes, field, 'whitespaceCleaned', value, cleaned, 'line breaks, tabs or control characters replaced by a space');
		value = cleaned;
	}

	if (rule.allowedCharacters) {
		const characters = characterRule(rule.allowedCharacters);
		const matched = characters.refusedIn(value);
		if (matched) {
			const list = matched.length === 1 ? quotedCharacter(matched[0]) : [...new Set(matched)].map(quotedCharacter).join(', ');
			if (rule.invalidCharacters === 'reject') {
				return { value, rejection: { code: 'FIELD_CHARACTERS_INVALID', detail: `contains ${list}, which the target does not accept` } };
			}
			const stripped = characters.strip(value).replace(RUNS_OF_SPACES, ' ').trim();
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

const quotedCharacters = new Map<string, string>();

/** '"&"', made once per character: the same few are removed from thousands of fields. */
function quotedCharacter(character: string): string {
	let quoted = quotedCharacters.get(character);
	if (quoted === undefined) {
		if (quotedCharacters.size >= 1000) quotedCharacters.clear();
		quotedCharacters.set(character, (quoted = `"${character}"`));
	}
	return quoted;
}

/** Characters as a person counts them: an emoji (two UTF-16 units) is one. */
export function characterCount(text: string): number {
	return SURROGATE.test(text) ? Array.from(text).length : text.length;
}

/**
 * Line breaks and tabs split rows and columns in import files (seed 000 removes them): a run
 * of control characters with one of them in it becomes a space, any other run goes. The runs
 * of spaces this leaves are made one space by the caller. The text itself when it has none.
 */
function withoutControlCharacters(value: string): string {
	// Replaced by the regular expression, which builds the text as one flat string: joined
	// piece by piece it would be a chain of pieces, kept that way in the change report.
	return CONTROL_CHARACTER.test(value) ? value.replace(CONTROL_RUNS, controlRunReplacement) : value;
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const CONTROL_RUNS = /[\u0000-\u001f\u007f]+/g;
const LINE_BREAK_OR_TAB = /[\t\n\v\f\r]/;
const controlRunReplacement = (run: string) => (LINE_BREAK_OR_TAB.test(run) ? ' ' : '');

/**
 * A rule's allowed characters, asked character by character: each UTF-16 unit is tested
 * against the rule once and the answer kept, so a field is checked by looking its characters
 * up rather than by a Unicode regular expression. Text with a surrogate (an emoji, a rare
 * CJK character) goes through the regular expression, which reads it by code point.
 */
class CharacterRule {
	/** Per UTF-16 unit: 0 not asked yet, 1 allowed, 2 refused. */
	private readonly verdicts = new Uint8Array(0x10000);
	private readonly one: RegExp;
	private readonly every: RegExp;

	constructor(allowedCharacters: string) {
		this.one = new RegExp(`^[^${allowedCharacters}]$`, 'u');
		this.every = new RegExp(`[^${allowedCharacters}]`, 'gu');
	}

	/** The refused characters of `value`, in order and repeated as they occur (as String.match gives them); null when there are none. */
	refusedIn(value: string): string[] | null {
		let refused: string[] | null = null;
		for (let index = 0; index < value.length; index++) {
			const code = value.charCodeAt(index);
			if (code >= 0xd800 && code <= 0xdfff) return value.match(this.every);
			if (this.refuses(code)) (refused ??= []).push(value[index]);
		}
		return refused;
	}

	/** `value` without its refused characters. */
	strip(value: string): string {
		let result = '';
		let from = 0;
		for (let index = 0; index < value.length; index++) {
			const code = value.charCodeAt(index);
			if (code >= 0xd800 && code <= 0xdfff) return value.replace(this.every, '');
			if (!this.refuses(code)) continue;
			result += value.slice(from, index);
			from = index + 1;
		}
		return result + value.slice(from);
	}

	private refuses(code: number): boolean {
		let verdict = this.verdicts[code];
		if (verdict === 0) this.verdicts[code] = verdict = this.one.test(String.fromCharCode(code)) ? 2 : 1;
		return verdict === 2;
	}
}

const characterRules = new Map<string, CharacterRule>();

/** One CharacterRule per set of allowed characters, not one per field of every document. */
function characterRule(allowedCharacters: string): CharacterRule {
	let rule = characterRules.get(allowedCharacters);
	if (!rule) {
		if (characterRules.size >= 100) characterRules.clear();
		characterRules.set(allowedCharacters, (rule = new CharacterRule(allowedCharacters)));
	}
	return rule;
}

import type { DocumentType } from '../model/document';

/** What to do with text that breaks a rule: fix it in the output (and report it) or reject. */
export type TooLongRule = 'truncate' | 'reject';
export type InvalidCharactersRule = 'remove' | 'reject';

export interface FieldRule {
	/** Where the field is: "header.number", "party.name", "lines[].description". */
	path: string;
	/** The target system's own name for the field, for messages: "A/C reference". */
	label?: string;
	maxLength?: number;
	/** Required for every document type that has the field (true) or for the listed types. */
	mandatory?: boolean | DocumentType[];
	/** Characters the target accepts, as the inside of a regular-expression class: "A-Z0-9". */
	allowedCharacters?: string;
	tooLong?: TooLongRule;
	invalidCharacters?: InvalidCharactersRule;
}

/**
 * Everything a target ledger insists on, as data. A new target is a new profile file
 * registered in `index.ts`; the Ledger Mapping node reads whatever is registered.
 */
export interface ConstraintProfile {
	id: string;
	name: string;
	description: string;
	/** The kinds of document the target takes; all when missing. */
	documentTypes?: DocumentType[];
	/** Applied to every text field listed in `fields` unless the field says otherwise. */
	text?: {
		allowedCharacters?: string;
		tooLong?: TooLongRule;
		invalidCharacters?: InvalidCharactersRule;
	};
	fields: FieldRule[];
	taxCodes?: { allowed?: string[]; pattern?: string; description?: string };
	currencies?: string[];
}

import { describeDocument, partySide, type LedgerDocument } from '../model/document';
import { FieldPath, describeField, pathSegments, visitFields, type FieldHolder, type Segment } from '../model/paths';
import { capitalise } from '../model/validate';
import type { Failure, FailureCode } from '../report/failureCodes';
import { cleanFieldText, type TextChange, type TextRule } from './text';
import type { ConstraintProfile, FieldRule } from './types';

export interface ProfileResult {
	changes: TextChange[];
	failures: Failure[];
}

/** A profile turned into one function for a run of documents: see compileProfile. */
export type ProfileCheck = (document: LedgerDocument) => ProfileResult;

/**
 * Checks a (mapped) document against a target profile and cleans its text in place:
 * mandatory fields, document types, tax codes and currencies the target accepts, and the
 * character and length rules of each text field.
 */
export function applyProfile(document: LedgerDocument, profile: ConstraintProfile): ProfileResult {
	return compileProfile(profile)(document);
}

/**
 * applyProfile with the profile's rules resolved once, not once per document: each field's
 * text rule, its path walked without building a list of places, and the paths named in
 * changes and failures ("lines[2].description") built once and shared by every document of
 * the run. Compile per run, not per process: a profile is plain data a caller may change.
 */
export function compileProfile(profile: ConstraintProfile): ProfileCheck {
	const rules = profile.fields.map((rule) => compileRule(rule, profile));
	const taxCodes = profile.taxCodes;
	const matcher = taxCodes?.pattern ? taxCodeMatcher(taxCodes.pattern) : undefined;

	return (document) => {
		const changes: TextChange[] = [];
		const failures: Failure[] = [];

		if (profile.documentTypes && !profile.documentTypes.includes(document.type)) {
			failures.push({
				code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
				field: 'type',
				message: `${documentName(document)}: ${profile.name} does not take ${document.type} documents.`,
			});
			return { changes, failures };
		}

		const run: DocumentRun = { compiled: rules[0], profile, document, changes, failures };
		for (const rule of rules) {
			run.compiled = rule;
			visitFields(document, rule.segments, rule.root, checkField, run);
		}

		if (taxCodes) {
			const { allowed, description } = taxCodes;
			(document.lines ?? []).forEach((line, index) => {
				const code = line.taxCode;
				if (code === undefined || code === '') return;
				if (allowed?.includes(code) || matcher?.test(code)) return;
				failures.push({
					code: 'TAX_CODE_NOT_ALLOWED',
					field: `lines[${index}].taxCode`,
					message: `${documentName(document)}: line ${index + 1} tax code "${code}" is not accepted by ${profile.name}${description ? ` (${description})` : ''}.`,
				});
			});
		}

		const currency = document.header?.currency;
		if (profile.currencies && currency && !profile.currencies.includes(currency.toUpperCase())) {
			failures.push({
				code: 'CURRENCY_NOT_ALLOWED',
				field: 'header.currency',
				message: `${documentName(document)}: currency ${currency} is not accepted by ${profile.name} (accepted: ${profile.currencies.join(', ')}).`,
			});
		}
		return { changes, failures };
	};
}

interface CompiledRule {
	rule: FieldRule;
	text: TextRule;
	segments: readonly Segment[];
	/** The paths this rule has named so far in the run, shared by every document. */
	root: FieldPath;
}

function compileRule(rule: FieldRule, profile: ConstraintProfile): CompiledRule {
	return {
		rule,
		text: {
			maxLength: rule.maxLength,
			allowedCharacters: rule.allowedCharacters ?? profile.text?.allowedCharacters,
			tooLong: rule.tooLong ?? profile.text?.tooLong ?? 'truncate',
			invalidCharacters: rule.invalidCharacters ?? profile.text?.invalidCharacters ?? 'remove',
		},
		segments: pathSegments(rule.path),
		root: new FieldPath(''),
	};
}

/** What checkField needs besides the field itself: one object per document, not a closure per rule. */
interface DocumentRun {
	compiled: CompiledRule;
	profile: ConstraintProfile;
	document: LedgerDocument;
	changes: TextChange[];
	failures: Failure[];
}

/** One field a rule names: cleaned in place, refused, or reported missing. */
function checkField(holder: FieldHolder, key: string | number, value: unknown, at: FieldPath, run: DocumentRun): void {
	const { compiled, document, failures } = run;
	const { rule } = compiled;
	const path = at.text;
	let cleaned = value;
	if (typeof value === 'string') {
		const result = cleanFieldText(value, compiled.text, path, run.changes);
		if (typeof result !== 'string') {
			failures.push({
				code: result.rejection.code,
				field: path,
				message: `${documentName(document)}: ${describeField(path, fieldLabel(rule, document))} "${value}" ${result.rejection.detail}.`,
			});
			return;
		}
		cleaned = result;
		if (cleaned !== value && holder) (holder as Record<string | number, unknown>)[key] = cleaned;
	}
	// Checked after cleaning: a code made only of characters the target refuses is
	// empty once cleaned, and must be rejected rather than sent blank.
	const empty = cleaned === undefined || cleaned === null || (typeof cleaned === 'string' && cleaned.trim() === '');
	if (empty && isMandatory(rule, document)) {
		const wasText = typeof value === 'string' && value.trim() !== '';
		failures.push({
			code: mandatoryCode(rule.path, document),
			field: path,
			message: `${documentName(document)}: ${describeField(path, fieldLabel(rule, document))} is empty${wasText ? ` once characters the target refuses are removed (was "${value}")` : ''}; ${run.profile.name} requires it.`,
		});
	}
}

function documentName(document: LedgerDocument): string {
	return capitalise(describeDocument(document));
}

const taxCodeMatchers = new Map<string, RegExp>();

/** A profile's tax-code pattern compiled once, not for every document. */
function taxCodeMatcher(pattern: string): RegExp {
	let matcher = taxCodeMatchers.get(pattern);
	if (!matcher) taxCodeMatchers.set(pattern, (matcher = new RegExp(`^(?:${pattern})$`)));
	return matcher;
}

/** The party's code reads "customer account code" or "supplier account code" in messages. */
function fieldLabel(rule: FieldRule, document: LedgerDocument): string | undefined {
	if (!rule.path.startsWith('party.') || !rule.label) return rule.label;
	// "customer code (CT_NUM)" already says whose it is; "name (CT_INTITULE)" becomes "customer name (CT_INTITULE)".
	const side = partySide(document.type);
	return /^(customer|supplier|vendor|client)\b/i.test(rule.label) ? rule.label : `${side} ${rule.label}`;
}

function isMandatory(rule: FieldRule, document: LedgerDocument): boolean {
	return Array.isArray(rule.mandatory) ? rule.mandatory.includes(document.type) : rule.mandatory === true;
}

function mandatoryCode(path: string, document: LedgerDocument): FailureCode {
	if (path === 'party.code') {
		return partySide(document.type) === 'customer' ? 'CUSTOMER_CODE_MISSING' : 'SUPPLIER_CODE_MISSING';
	}
	if (path === 'lines[].account') return 'ACCOUNT_CODE_MISSING';
	if (path === 'lines[].taxCode') return 'TAX_CODE_MISSING';
	return 'FIELD_MANDATORY_MISSING';
}

import { describeDocument, partySide, type LedgerDocument } from '../model/document';
import { describeField, locate } from '../model/paths';
import { capitalise } from '../model/validate';
import type { Failure, FailureCode } from '../report/failureCodes';
import { cleanText, type TextChange } from './text';
import type { ConstraintProfile, FieldRule } from './types';

export interface ProfileResult {
	changes: TextChange[];
	failures: Failure[];
}

/**
 * Checks a (mapped) document against a target profile and cleans its text in place:
 * mandatory fields, document types, tax codes and currencies the target accepts, and the
 * character and length rules of each text field.
 */
export function applyProfile(document: LedgerDocument, profile: ConstraintProfile): ProfileResult {
	const name = capitalise(describeDocument(document));
	const changes: TextChange[] = [];
	const failures: Failure[] = [];

	if (profile.documentTypes && !profile.documentTypes.includes(document.type)) {
		failures.push({
			code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
			field: 'type',
			message: `${name}: ${profile.name} does not take ${document.type} documents.`,
		});
		return { changes, failures };
	}

	for (const rule of profile.fields) {
		for (const location of locate(document, rule.path)) {
			const { value } = location;
			let cleaned = value;
			if (typeof value === 'string') {
				const result = cleanText(value, {
					maxLength: rule.maxLength,
					allowedCharacters: rule.allowedCharacters ?? profile.text?.allowedCharacters,
					tooLong: rule.tooLong ?? profile.text?.tooLong ?? 'truncate',
					invalidCharacters: rule.invalidCharacters ?? profile.text?.invalidCharacters ?? 'remove',
				});
				if (result.rejection) {
					failures.push({
						code: result.rejection.code,
						field: location.path,
						message: `${name}: ${describeField(location.path, fieldLabel(rule, document))} "${value}" ${result.rejection.detail}.`,
					});
					continue;
				}
				cleaned = result.value;
				if (cleaned !== value) location.set(cleaned);
				for (const change of result.changes) changes.push({ field: location.path, ...change });
			}
			// Checked after cleaning: a code made only of characters the target refuses is
			// empty once cleaned, and must be rejected rather than sent blank.
			const empty = cleaned === undefined || cleaned === null || (typeof cleaned === 'string' && cleaned.trim() === '');
			if (empty && isMandatory(rule, document)) {
				const wasText = typeof value === 'string' && value.trim() !== '';
				failures.push({
					code: mandatoryCode(rule.path, document),
					field: location.path,
					message: `${name}: ${describeField(location.path, fieldLabel(rule, document))} is empty${wasText ? ` once characters the target refuses are removed (was "${value}")` : ''}; ${profile.name} requires it.`,
				});
			}
		}
	}

	if (profile.taxCodes) {
		const { allowed, pattern, description } = profile.taxCodes;
		const matcher = pattern ? taxCodeMatcher(pattern) : undefined;
		(document.lines ?? []).forEach((line, index) => {
			const code = line.taxCode;
			if (code === undefined || code === '') return;
			if (allowed?.includes(code) || matcher?.test(code)) return;
			failures.push({
				code: 'TAX_CODE_NOT_ALLOWED',
				field: `lines[${index}].taxCode`,
				message: `${name}: line ${index + 1} tax code "${code}" is not accepted by ${profile.name}${description ? ` (${description})` : ''}.`,
			});
		});
	}

	const currency = document.header?.currency;
	if (profile.currencies && currency && !profile.currencies.includes(currency.toUpperCase())) {
		failures.push({
			code: 'CURRENCY_NOT_ALLOWED',
			field: 'header.currency',
			message: `${name}: currency ${currency} is not accepted by ${profile.name} (accepted: ${profile.currencies.join(', ')}).`,
		});
	}
	return { changes, failures };
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

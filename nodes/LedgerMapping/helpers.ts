import { ApplicationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import type { DocumentOutcome } from '../../lib/mapping/pipeline';
import type { ConstraintProfile } from '../../lib/profiles';
import { rejectedItem } from '../shared/items';

export { readDocuments } from '../shared/items';

export function outcomeToItem(outcome: DocumentOutcome, sourceItem: number): INodeExecutionData {
	if (outcome.status === 'valid') {
		return {
			json: {
				...outcome.document,
				report: { mapped: outcome.mapped, cleaned: outcome.cleaned },
			} as unknown as IDataObject,
			pairedItem: { item: sourceItem },
		};
	}
	return rejectedItem(outcome.input, outcome.failures, sourceItem);
}

/** A profile typed into the node as JSON: the same shape as the built-in ones. */
export function parseCustomProfile(value: unknown): ConstraintProfile {
	let profile: unknown = value;
	if (typeof value === 'string') {
		try {
			profile = JSON.parse(value);
		} catch (error) {
			throw new ApplicationError(`Custom Profile is not valid JSON: ${(error as Error).message}`);
		}
	}
	const candidate = profile as Partial<ConstraintProfile> | undefined;
	if (!candidate || typeof candidate !== 'object' || !Array.isArray(candidate.fields)) {
		throw new ApplicationError('Custom Profile must be an object with a "fields" list, e.g. {"name": "My ledger", "fields": [{"path": "party.code", "maxLength": 8, "mandatory": true}]}.');
	}
	candidate.fields.forEach((rule, index) => {
		if (!rule || typeof rule.path !== 'string') throw new ApplicationError(`Custom Profile field ${index + 1} has no "path".`);
		if (rule.maxLength !== undefined && !(Number.isInteger(rule.maxLength) && rule.maxLength > 0)) {
			throw new ApplicationError(`Custom Profile field ${rule.path}: maxLength must be a whole number above 0.`);
		}
		if (rule.allowedCharacters !== undefined) {
			try {
				new RegExp(`[${rule.allowedCharacters}]`, 'u');
			} catch {
				throw new ApplicationError(`Custom Profile field ${rule.path}: allowedCharacters "${rule.allowedCharacters}" is not a valid character list.`);
			}
		}
	});
	return {
		id: 'custom',
		name: candidate.name ?? 'Custom profile',
		description: candidate.description ?? '',
		...candidate,
	} as ConstraintProfile;
}

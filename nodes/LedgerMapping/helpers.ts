import { ApplicationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { describeDocument, type LedgerDocument } from '../../lib/model/document';
import type { DocumentOutcome } from '../../lib/mapping/pipeline';
import type { ConstraintProfile } from '../../lib/profiles';

export interface IncomingDocument {
	document: unknown;
	/** The input item the document came from, for pairedItem. */
	item: number;
}

/**
 * Takes the documents out of the input items: the whole item, or a field of it (a Webhook
 * node's "body"). A field holding a list gives one document per element.
 */
export function readDocuments(items: INodeExecutionData[], field: string): IncomingDocument[] {
	const path = field.trim();
	return items.flatMap((item, index) => {
		if (!path) return [{ document: item.json, item: index }];
		const value = path.split('.').reduce<unknown>((node, key) => (node as IDataObject | undefined)?.[key], item.json);
		if (Array.isArray(value)) return value.map((document) => ({ document, item: index }));
		return [{ document: value, item: index }];
	});
}

export function outcomeToItem(outcome: DocumentOutcome, sourceItem: number): INodeExecutionData {
	const pairedItem = { item: sourceItem };
	if (outcome.status === 'valid') {
		return {
			json: {
				...outcome.document,
				report: { mapped: outcome.mapped, cleaned: outcome.cleaned },
			} as unknown as IDataObject,
			pairedItem,
		};
	}
	const input = (outcome.input && typeof outcome.input === 'object' ? outcome.input : {}) as Partial<LedgerDocument>;
	return {
		json: {
			kind: 'rejected',
			document: describeDocument(input),
			documentType: input.type ?? null,
			documentNumber: input.header?.number ?? null,
			accountCode: input.party?.code ?? null,
			failureCodes: [...new Set(outcome.failures.map((failure) => failure.code))],
			message: outcome.failures.map((failure) => failure.message).join(' '),
			failures: outcome.failures as unknown as IDataObject[],
			input: (outcome.input ?? null) as IDataObject,
		},
		pairedItem,
	};
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

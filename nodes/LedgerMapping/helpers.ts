import { ApplicationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { DocumentOutcome } from '../../lib/mapping/pipeline';
import { MappingTables, readMappingJson, type MappingTableName } from '../../lib/mapping/tables';
import type { ConstraintProfile } from '../../lib/profiles';
import { rejectedItem } from '../shared/items';

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

/** The input items an output item came from. */
export function pairedIndexes(item: INodeExecutionData): number[] {
	const paired = item.pairedItem;
	if (paired === undefined) return [];
	if (typeof paired === 'number') return [paired];
	return (Array.isArray(paired) ? paired : [paired]).map((entry) => entry.item);
}

/** The node's mapping tables: its rows, its policies and its JSON tables, read once per run. */
export function readTables(this: IExecuteFunctions): MappingTables {
	const ignoreCase = this.getNodeParameter('options.ignoreCase', 0, false) as boolean;
	const tables = new MappingTables(ignoreCase);
	const rows = this.getNodeParameter('mappings.row', 0, []) as Array<{ table: MappingTableName; from: string; to: string }>;
	for (const row of rows) {
		if (row.from?.trim()) tables.add({ table: row.table, from: String(row.from), to: String(row.to ?? '') });
	}
	const policies = this.getNodeParameter('policies.policy', 0, []) as Array<{
		table: MappingTableName;
		policy: 'reject' | 'passThrough' | 'default';
		defaultValue?: string;
	}>;
	for (const { table, policy, defaultValue } of policies) {
		if (policy === 'default') {
			if (!defaultValue?.trim()) throw new ApplicationError(`The ${table} policy is "use a default" but no default value is set.`);
			tables.setPolicy(table, { policy, defaultValue: defaultValue.trim() });
		} else {
			tables.setPolicy(table, { policy });
		}
	}
	const json = this.getNodeParameter('mappingTablesJson', 0, '{}') as IDataObject | string;
	const parsed = typeof json === 'string' ? parseJson(json, 'Mapping Tables (JSON)') : json;
	const problems = readMappingJson(tables, parsed);
	if (problems.length > 0) throw new ApplicationError(`Mapping Tables (JSON): ${problems.join(' ')}`);
	return tables;
}

function parseJson(text: string, what: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new ApplicationError(`${what} is not valid JSON: ${(error as Error).message}`);
	}
}

import { describeDocument, partySide, type LedgerDocument } from '../model/document';
import { describeField } from '../model/paths';
import { capitalise } from '../model/validate';
import type { Failure } from '../report/failureCodes';
import { MAPPING_TABLES, MAPPING_TABLE_NAMES, type MappingTableName, type MappingTables } from './tables';

export interface MappingChange {
	table: MappingTableName;
	field: string;
	from: string;
	to: string;
	/** "mapped" from a table row, or "default" from the table's unmapped policy. */
	how: 'mapped' | 'default';
}

export interface MappingResult {
	changes: MappingChange[];
	failures: Failure[];
}

/** Mapping tables turned into one function for a run of documents: see compileMapping. */
export type DocumentMapper = (document: LedgerDocument) => MappingResult;

/**
 * Maps the codes of one document in place through the user's tables. Empty values are left
 * alone (the target profile decides whether they are mandatory); a value a table does not
 * list follows that table's policy.
 */
export function mapDocument(document: LedgerDocument, tables: MappingTables): MappingResult {
	return compileMapping(tables)(document);
}

/** The fields of line n named in changes and failures, built once per run and shared by every document. */
interface LinePaths {
	account: string;
	itemCode: string;
	taxCode: string;
	itemType: string;
}

/**
 * mapDocument with the tables' policies read once, and the line paths of changes and
 * failures ("lines[2].taxCode") built once per run rather than once per document: a run's
 * changes are kept until its items are written, so each copy would be held that long.
 */
export function compileMapping(tables: MappingTables): DocumentMapper {
	const policies = new Map(MAPPING_TABLE_NAMES.map((table) => [table, tables.policy(table)]));
	const linePaths: LinePaths[] = [];
	const pathsOfLine = (index: number) =>
		(linePaths[index] ??= {
			account: `lines[${index}].account`,
			itemCode: `lines[${index}].item.code`,
			taxCode: `lines[${index}].taxCode`,
			itemType: `lines[${index}].item.type`,
		});

	// A run maps the same code the same way in every document: one change record for each
	// field, code and outcome, shared by the documents that have it (a run's reports are kept
	// until its items are written). Frozen, since they are shared.
	const made = new Map<string, Map<string, MappingChange>>();
	const change = (table: MappingTableName, field: string, from: string, to: string, how: MappingChange['how']): MappingChange => {
		let byCode = made.get(field);
		if (!byCode) made.set(field, (byCode = new Map()));
		let known = byCode.get(from);
		if (known === undefined || known.to !== to || known.table !== table || known.how !== how) {
			known = Object.freeze({ table, field, from, to, how });
			if (byCode.size < MAX_CHANGES_PER_FIELD) byCode.set(from, known);
		}
		return known;
	};

	return (document) => {
		const changes: MappingChange[] = [];
		const failures: Failure[] = [];
		const side = partySide(document.type);

		const map = (table: MappingTableName, field: string, value: string | undefined, label: string): string | undefined => {
			if (value === undefined || value.trim() === '') return value;
			const found = tables.lookup(table, value);
			if (found !== undefined) {
				if (found !== value) changes.push(change(table, field, value, found, 'mapped'));
				return found;
			}
			const policy = policies.get(table)!;
			if (policy.policy === 'default') {
				changes.push(change(table, field, value, policy.defaultValue, 'default'));
				return policy.defaultValue;
			}
			if (policy.policy === 'reject') {
				failures.push({
					code: MAPPING_TABLES[table].failure,
					field,
					message: `${capitalise(describeDocument(document))}: ${describeField(field, label)} "${value}" is not in the ${MAPPING_TABLES[table].label} mapping table.`,
				});
			}
			return value;
		};

		// Written back only when mapped: assigning undefined would add a key for removeUndefined to
		// delete again, and a deleted key turns a V8 object into a slower, larger dictionary.
		const { header, party } = document;
		if (party) {
			const code = map(side === 'customer' ? 'customerCode' : 'supplierCode', 'party.code', party.code, `${side} code`);
			if (code !== party.code) party.code = code;
			const paymentTerms = map('paymentTerms', 'party.paymentTerms', party.paymentTerms, 'payment terms');
			if (paymentTerms !== party.paymentTerms) party.paymentTerms = paymentTerms;
			const currency = map('currency', 'party.currency', party.currency, 'currency');
			if (currency !== party.currency) party.currency = currency;
		}
		if (header) {
			const paymentTerms = map('paymentTerms', 'header.paymentTerms', header.paymentTerms, 'payment terms');
			if (paymentTerms !== header.paymentTerms) header.paymentTerms = paymentTerms;
			const currency = map('currency', 'header.currency', header.currency, 'currency');
			if (currency !== header.currency) header.currency = currency;
		}

		const itemTable: MappingTableName = side === 'customer' ? 'itemSalesAccount' : 'itemExpenseAccount';
		(document.lines ?? []).forEach((line, index) => {
			const paths = pathsOfLine(index);
			if (line.account === undefined || line.account.trim() === '') {
				// The cost matrix gives a line without an account its target account directly,
				// so the account table (source → target codes) is not applied on top.
				const itemCode = line.item?.code;
				if (itemCode !== undefined && itemCode.trim() !== '') {
					const account = map(itemTable, paths.itemCode, itemCode, 'item');
					if (account !== itemCode || tables.lookup(itemTable, itemCode) !== undefined) line.account = account;
				}
			} else {
				const account = map('account', paths.account, line.account, 'GL account');
				if (account !== line.account) line.account = account;
			}
			const taxCode = map('taxCode', paths.taxCode, line.taxCode, 'tax code');
			if (taxCode !== line.taxCode) line.taxCode = taxCode;
			if (line.item?.type !== undefined) line.item.type = map('productType', paths.itemType, line.item.type, 'product type');
		});

		removeUndefined(document);
		return { changes, failures };
	};
}

/** Distinct codes of one field whose change records a run shares; past it each document has its own. */
const MAX_CHANGES_PER_FIELD = 10_000;

function removeUndefined(document: LedgerDocument) {
	const prune = (value: Record<string, unknown> | undefined) => {
		if (!value) return;
		for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
	};
	prune(document.party as Record<string, unknown>);
	prune(document.header as Record<string, unknown>);
	for (const line of document.lines ?? []) prune(line as unknown as Record<string, unknown>);
}

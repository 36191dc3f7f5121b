import { describeDocument, partySide, type LedgerDocument } from '../model/document';
import { describeField } from '../model/paths';
import { capitalise } from '../model/validate';
import type { Failure } from '../report/failureCodes';
import { MAPPING_TABLES, type MappingTableName, type MappingTables } from './tables';

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

/**
 * Maps the codes of one document in place through the user's tables. Empty values are left
 * alone (the target profile decides whether they are mandatory); a value a table does not
 * list follows that table's policy.
 */
export function mapDocument(document: LedgerDocument, tables: MappingTables): MappingResult {
	const name = capitalise(describeDocument(document));
	const changes: MappingChange[] = [];
	const failures: Failure[] = [];
	const side = partySide(document.type);

	const map = (table: MappingTableName, field: string, value: string | undefined, label: string): string | undefined => {
		if (value === undefined || value.trim() === '') return value;
		const found = tables.lookup(table, value);
		if (found !== undefined) {
			if (found !== value) changes.push({ table, field, from: value, to: found, how: 'mapped' });
			return found;
		}
		const policy = tables.policy(table);
		if (policy.policy === 'default') {
			changes.push({ table, field, from: value, to: policy.defaultValue, how: 'default' });
			return policy.defaultValue;
		}
		if (policy.policy === 'reject') {
			failures.push({
				code: MAPPING_TABLES[table].failure,
				field,
				message: `${name}: ${describeField(field, label)} "${value}" is not in the ${MAPPING_TABLES[table].label} mapping table.`,
			});
		}
		return value;
	};

	const { header, party } = document;
	if (party) {
		party.code = map(side === 'customer' ? 'customerCode' : 'supplierCode', 'party.code', party.code, `${side} code`);
		party.paymentTerms = map('paymentTerms', 'party.paymentTerms', party.paymentTerms, 'payment terms');
		party.currency = map('currency', 'party.currency', party.currency, 'currency');
	}
	if (header) {
		header.paymentTerms = map('paymentTerms', 'header.paymentTerms', header.paymentTerms, 'payment terms');
		header.currency = map('currency', 'header.currency', header.currency, 'currency');
	}

	const itemTable: MappingTableName = side === 'customer' ? 'itemSalesAccount' : 'itemExpenseAccount';
	(document.lines ?? []).forEach((line, index) => {
		const at = (field: string) => `lines[${index}].${field}`;
		if (line.account === undefined || line.account.trim() === '') {
			// The cost matrix gives a line without an account its target account directly,
			// so the account table (source → target codes) is not applied on top.
			const itemCode = line.item?.code;
			if (itemCode !== undefined && itemCode.trim() !== '') {
				const account = map(itemTable, at('item.code'), itemCode, 'item');
				if (account !== itemCode || tables.lookup(itemTable, itemCode) !== undefined) line.account = account;
			}
		} else {
			line.account = map('account', at('account'), line.account, 'GL account');
		}
		line.taxCode = map('taxCode', at('taxCode'), line.taxCode, 'tax code');
		if (line.item?.type !== undefined) line.item.type = map('productType', at('item.type'), line.item.type, 'product type');
	});

	removeUndefined(document);
	return { changes, failures };
}

function removeUndefined(document: LedgerDocument) {
	const prune = (value: Record<string, unknown> | undefined) => {
		if (!value) return;
		for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
	};
	prune(document.party as Record<string, unknown>);
	prune(document.header as Record<string, unknown>);
	for (const line of document.lines ?? []) prune(line as unknown as Record<string, unknown>);
}

/**
 * The mapping tables a user keeps: source code → target code, one table per kind of code.
 * The cost matrix maps a Streamtime cost-matrix item (or a ConnectWise product) to the
 * sales account used on sales documents and the expense account used on purchases.
 */
export const MAPPING_TABLES = {
	customerCode: { label: 'Customer Account Code', failure: 'CUSTOMER_CODE_UNMAPPED' },
	supplierCode: { label: 'Supplier Account Code', failure: 'SUPPLIER_CODE_UNMAPPED' },
	account: { label: 'GL / Nominal Account', failure: 'ACCOUNT_UNMAPPED' },
	taxCode: { label: 'Tax Code', failure: 'TAX_CODE_UNMAPPED' },
	paymentTerms: { label: 'Payment Terms', failure: 'PAYMENT_TERMS_UNMAPPED' },
	currency: { label: 'Currency', failure: 'CURRENCY_UNMAPPED' },
	itemSalesAccount: { label: 'Cost-Matrix Item → Sales Account', failure: 'ITEM_ACCOUNT_UNMAPPED' },
	itemExpenseAccount: { label: 'Cost-Matrix Item → Expense Account', failure: 'ITEM_ACCOUNT_UNMAPPED' },
	productType: { label: 'Product Type', failure: 'PRODUCT_TYPE_UNMAPPED' },
} as const;

export type MappingTableName = keyof typeof MAPPING_TABLES;
export const MAPPING_TABLE_NAMES = Object.keys(MAPPING_TABLES) as MappingTableName[];

/** What happens to a value a table does not list. */
export type UnmappedPolicy =
	| { policy: 'passThrough' }
	| { policy: 'reject' }
	| { policy: 'default'; defaultValue: string };

export interface MappingRow {
	table: MappingTableName;
	from: string;
	to: string;
}

export class MappingTables {
	private readonly tables = new Map<MappingTableName, Map<string, string>>();

	private readonly policies = new Map<MappingTableName, UnmappedPolicy>();

	constructor(private readonly ignoreCase = false) {}

	add(row: MappingRow): this {
		let table = this.tables.get(row.table);
		if (!table) this.tables.set(row.table, (table = new Map()));
		table.set(this.key(row.from), row.to.trim());
		return this;
	}

	setPolicy(table: MappingTableName, policy: UnmappedPolicy): this {
		this.policies.set(table, policy);
		return this;
	}

	policy(table: MappingTableName): UnmappedPolicy {
		return this.policies.get(table) ?? { policy: 'passThrough' };
	}

	lookup(table: MappingTableName, value: string): string | undefined {
		return this.tables.get(table)?.get(this.key(value));
	}

	size(table: MappingTableName): number {
		return this.tables.get(table)?.size ?? 0;
	}

	private key(value: string): string {
		const trimmed = value.trim();
		return this.ignoreCase ? trimmed.toUpperCase() : trimmed;
	}
}

export function isMappingTableName(value: unknown): value is MappingTableName {
	return typeof value === 'string' && value in MAPPING_TABLES;
}

/**
 * Reads tables fed from a previous node or typed as JSON. Accepts either
 * `{ "taxCode": { "S": "T1" } }` or `{ "taxCode": [{ "from": "S", "to": "T1" }] }`,
 * and optional `"policies": { "taxCode": "reject" | { "policy": "default", "defaultValue": "T9" } }`.
 * Returns sentences describing what could not be read.
 */
export function readMappingJson(tables: MappingTables, input: unknown): string[] {
	const problems: string[] = [];
	if (input === undefined || input === null || input === '') return problems;
	if (typeof input !== 'object' || Array.isArray(input)) {
		return ['Mapping tables (JSON) must be an object whose keys are table names.'];
	}
	for (const [name, content] of Object.entries(input as Record<string, unknown>)) {
		if (name === 'policies') {
			problems.push(...readPolicies(tables, content));
			continue;
		}
		if (!isMappingTableName(name)) {
			problems.push(`"${name}" is not a mapping table; use one of ${Object.keys(MAPPING_TABLES).join(', ')}.`);
			continue;
		}
		if (Array.isArray(content)) {
			content.forEach((row, index) => {
				const { from, to } = (row ?? {}) as { from?: unknown; to?: unknown };
				if (isCode(from) && isCode(to)) tables.add({ table: name, from: String(from), to: String(to) });
				else problems.push(`Row ${index + 1} of the ${name} table needs a "from" and a "to" code.`);
			});
		} else if (content && typeof content === 'object') {
			for (const [from, to] of Object.entries(content as Record<string, unknown>)) {
				if (isCode(to)) tables.add({ table: name, from, to: String(to) });
				else problems.push(`The ${name} table maps "${from}" to nothing.`);
			}
		} else {
			problems.push(`The ${name} table must be an object of codes or a list of {from, to} rows.`);
		}
	}
	return problems;
}

function readPolicies(tables: MappingTables, content: unknown): string[] {
	if (!content || typeof content !== 'object') return ['"policies" must be an object of table name → policy.'];
	const problems: string[] = [];
	for (const [name, value] of Object.entries(content as Record<string, unknown>)) {
		if (!isMappingTableName(name)) {
			problems.push(`"${name}" in policies is not a mapping table.`);
			continue;
		}
		const policy = typeof value === 'string' ? { policy: value } : (value as { policy?: unknown; defaultValue?: unknown });
		if (policy?.policy === 'reject' || policy?.policy === 'passThrough') {
			tables.setPolicy(name, { policy: policy.policy });
		} else if (policy?.policy === 'default' && isCode(policy.defaultValue)) {
			tables.setPolicy(name, { policy: 'default', defaultValue: String(policy.defaultValue) });
		} else {
			problems.push(`The policy for ${name} must be "reject", "passThrough" or {"policy": "default", "defaultValue": "…"}.`);
		}
	}
	return problems;
}

function isCode(value: unknown): boolean {
	return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

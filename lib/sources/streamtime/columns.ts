/**
 * The columns of the two Streamtime list exports Ledger Bridge reads: the invoice list
 * (Job Invoicing > Invoice List) and the purchase-order list (Tenders & Orders > List), seed
 * 000. Streamtime lets each office choose the fields of an export layout, and no published
 * document fixes their headings, so each field accepts several common headings and a
 * workflow can name its own (COLUMNS.md beside this file is the table for the README).
 */

export const EXPORT_TYPES = ['salesInvoices', 'purchaseOrders'] as const;
export type StreamtimeExportType = (typeof EXPORT_TYPES)[number];

/** What a column holds, in ledger-document terms. */
export const STREAMTIME_FIELDS = [
	'documentNumber',
	'date',
	'supplierInvoiceDate',
	'dueDate',
	'reference',
	'partyCode',
	'partyName',
	'jobNumber',
	'description',
	'quantity',
	'unitPrice',
	'net',
	'taxCode',
	'taxAmount',
	'account',
	'itemCode',
	'currency',
] as const;
export type StreamtimeField = (typeof STREAMTIME_FIELDS)[number];

/** Headings a field is found under, the preferred (documented) heading first. */
export type ColumnHeadings = Partial<Record<StreamtimeField, readonly string[]>>;

/** A workflow's own headings: per export type, per field, one heading or several. */
export type ColumnOverrides = Partial<Record<StreamtimeExportType, Partial<Record<StreamtimeField, string | readonly string[]>>>>;

export interface ExportLayout {
	type: StreamtimeExportType;
	/** "invoice list", for messages about the file. */
	fileLabel: string;
	/** "invoice", for messages about one document. */
	documentLabel: string;
	headings: ColumnHeadings;
	/** Fields whose column must be in the heading row; they also identify the export type. */
	required: readonly StreamtimeField[];
}

const REQUIRED: readonly StreamtimeField[] = ['documentNumber', 'date', 'partyCode', 'net'];

export const DEFAULT_HEADINGS: Record<StreamtimeExportType, ColumnHeadings> = {
	salesInvoices: {
		documentNumber: ['Invoice Number', 'Invoice No', 'Invoice #', 'Invoice'],
		date: ['Invoice Date', 'Date'],
		dueDate: ['Due Date', 'Date Due', 'Payment Due'],
		reference: ['Client Order Number', 'Client Reference', 'Order Reference'],
		partyCode: ['Client Code', 'Client Account Code', 'Client Accounts ID', 'Account Number', 'A/C'],
		partyName: ['Client Name', 'Client', 'Company'],
		jobNumber: ['Job Number', 'Job No', 'Job'],
		description: ['Description', 'Item Description', 'Line Description'],
		quantity: ['Quantity', 'Qty'],
		unitPrice: ['Rate', 'Unit Price', 'Sell Rate'],
		net: ['Amount', 'Net Amount', 'Amount Ex Tax', 'Line Total'],
		taxCode: ['Tax Code', 'VAT Code', 'GST Code'],
		taxAmount: ['Tax Amount', 'VAT Amount', 'GST Amount', 'Tax', 'VAT', 'GST'],
		account: ['Account Code', 'Sales Code', 'Nominal Code', 'GL Account'],
		itemCode: ['Item Code', 'Cost Matrix Item', 'Cost Code', 'Item'],
		currency: ['Currency', 'Currency Code'],
	},
	purchaseOrders: {
		documentNumber: ['PO Number', 'Order Number', 'Purchase Order Number', 'PO No', 'PO #'],
		date: ['Order Date', 'PO Date', 'Date'],
		supplierInvoiceDate: ['Supplier Invoice Date'],
		dueDate: ['Due Date', 'Date Due', 'Payment Due'],
		reference: ['Supplier Invoice', 'Supplier Invoice Number', 'Supplier Invoice No', 'Supplier Reference'],
		partyCode: ['Supplier Code', 'Supplier Account Code', 'Supplier Accounts ID', 'Account Number', 'A/C'],
		partyName: ['Supplier Name', 'Supplier', 'Company'],
		jobNumber: ['Job Number', 'Job No', 'Job'],
		description: ['Description', 'Item Description', 'Line Description'],
		quantity: ['Quantity', 'Qty'],
		unitPrice: ['Unit Cost', 'Rate', 'Cost Rate', 'Unit Price'],
		net: ['Amount', 'Net Amount', 'Amount Ex Tax', 'Line Total'],
		taxCode: ['Tax Code', 'VAT Code', 'GST Code'],
		taxAmount: ['Tax Amount', 'VAT Amount', 'GST Amount', 'Tax', 'VAT', 'GST'],
		account: ['Account Code', 'Expense Code', 'Nominal Code', 'GL Account'],
		itemCode: ['Item Code', 'Cost Matrix Item', 'Cost Code', 'Item'],
		currency: ['Currency', 'Currency Code'],
	},
};

const LABELS: Record<StreamtimeExportType, Pick<ExportLayout, 'fileLabel' | 'documentLabel'>> = {
	salesInvoices: { fileLabel: 'invoice list', documentLabel: 'invoice' },
	purchaseOrders: { fileLabel: 'purchase-order list', documentLabel: 'purchase order' },
};

/**
 * How headings are compared: "Invoice No.", "INVOICE NO" and "invoice_no" are one heading, and
 * so are "Client Accounts Code" and "Client Account Code". Case, spaces and punctuation are
 * ignored, each word is taken in the singular; letters and digits of any script are kept.
 */
export function normaliseHeading(heading: string): string {
	return heading
		.normalize('NFKC')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.map(singular)
		.join('');
}

/** "accounts" → "account", "items" → "item"; "address", "gross" and short words ("gst", "qty") are left. */
function singular(word: string): string {
	return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * The layout of one export type. A field the workflow names takes only its headings; a
 * heading the workflow gives to one field is taken out of every other field's defaults.
 */
export function exportLayout(type: StreamtimeExportType, overrides: ColumnOverrides = {}): ExportLayout {
	const headings: ColumnHeadings = {};
	const claimed = new Map<string, StreamtimeField>();
	for (const [name, given] of Object.entries(overrides[type] ?? {})) {
		if (!(STREAMTIME_FIELDS as readonly string[]).includes(name)) {
			throw new Error(`"${name}" is not a Streamtime column Ledger Bridge reads; use one of ${STREAMTIME_FIELDS.join(', ')}.`);
		}
		const field = name as StreamtimeField;
		const list = (typeof given === 'string' ? [given] : [...(given ?? [])]).map((heading) => heading.trim()).filter(Boolean);
		if (list.length === 0) throw new Error(`The heading given for the ${LABELS[type].fileLabel} column "${field}" is empty.`);
		for (const heading of list) {
			const other = claimed.get(normaliseHeading(heading));
			if (other && other !== field) throw new Error(`The heading "${heading}" is given for both ${other} and ${field}.`);
			claimed.set(normaliseHeading(heading), field);
		}
		headings[field] = list;
	}
	for (const field of STREAMTIME_FIELDS) {
		if (headings[field]) continue;
		const defaults = (DEFAULT_HEADINGS[type][field] ?? []).filter((heading) => !claimed.has(normaliseHeading(heading)));
		if (defaults.length > 0) headings[field] = defaults;
	}
	return { type, ...LABELS[type], headings, required: REQUIRED };
}

/** The column of each field found in a heading row; the earlier heading of a field's list wins. */
export function matchColumns(cells: readonly string[], layout: ExportLayout): Partial<Record<StreamtimeField, number>> {
	const rank = new Map<string, { field: StreamtimeField; rank: number }>();
	for (const field of STREAMTIME_FIELDS) {
		(layout.headings[field] ?? []).forEach((heading, index) => {
			const key = normaliseHeading(heading);
			if (!rank.has(key)) rank.set(key, { field, rank: index });
		});
	}
	const columns: Partial<Record<StreamtimeField, number>> = {};
	const bestRank: Partial<Record<StreamtimeField, number>> = {};
	cells.forEach((cell, column) => {
		const found = rank.get(normaliseHeading(cell));
		if (!found) return;
		const previous = bestRank[found.field];
		if (previous === undefined || found.rank < previous) {
			columns[found.field] = column;
			bestRank[found.field] = found.rank;
		}
	});
	return columns;
}

/**
 * Two columns of one heading row read as the same field under equal headings — "Client Account
 * Code" beside "Client Accounts Code", or "Amount" twice — so either could be the one meant.
 * Returns the two headings, or undefined when every field has one column.
 */
export function ambiguousColumns(cells: readonly string[], layout: ExportLayout): { field: StreamtimeField; headings: [string, string] } | undefined {
	const seen = new Map<string, { field: StreamtimeField; cell: string }>();
	const keys = new Map<string, StreamtimeField>();
	for (const field of STREAMTIME_FIELDS) for (const heading of layout.headings[field] ?? []) if (!keys.has(normaliseHeading(heading))) keys.set(normaliseHeading(heading), field);
	for (const cell of cells) {
		const key = normaliseHeading(cell);
		const field = keys.get(key);
		if (!field) continue;
		const earlier = seen.get(key);
		if (earlier) return { field, headings: [earlier.cell.trim(), cell.trim()] };
		seen.set(key, { field, cell });
	}
	return undefined;
}

/**
 * The layout with the export's own headings first, so messages name the column as the file
 * does ("Line Total", not "Amount").
 */
export function withFileHeadings(layout: ExportLayout, cells: readonly string[], columns: Partial<Record<StreamtimeField, number>>): ExportLayout {
	const headings: ColumnHeadings = { ...layout.headings };
	for (const [field, column] of Object.entries(columns) as Array<[StreamtimeField, number]>) {
		const own = cells[column]?.trim();
		if (own) headings[field] = [own, ...(layout.headings[field] ?? []).filter((heading) => heading !== own)];
	}
	return { ...layout, headings };
}

/** The heading a person should look for: the file's own, else the first one of the field's list. */
export function headingOf(layout: ExportLayout, field: StreamtimeField): string {
	return layout.headings[field]?.[0] ?? field;
}

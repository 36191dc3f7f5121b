/**
 * Writes Streamtime invoice-list exports from invoices given in whole pence, the way the
 * export (or Excel re-saving it) would: any amount style, date style, line end and encoding.
 * Used by the property tests and by bench/streamtime.ts. Written from the export's
 * description, not from the parser: quoting follows Excel's rule (quote a cell holding a
 * tab, a line break or a quote; double the quotes inside).
 */
import { encodeCp1252 } from '../../../lib/files/cp1252';

export interface GeneratedLine {
	description: string;
	quantity: number;
	netPence: bigint;
	taxPence: bigint;
	taxCode: string;
	account: string;
	itemCode: string;
	jobNumber: string;
}

export interface GeneratedInvoice {
	number: string;
	date: { year: number; month: number; day: number };
	clientCode: string;
	clientName: string;
	currency: string;
	lines: GeneratedLine[];
}

/** How one amount is written: 1234.50, 1,234.50, £1,234.50, and negatives as (12.00). */
export type AmountStyle = 'plain' | 'grouped' | 'symbol' | 'brackets';
export const AMOUNT_STYLES: readonly AmountStyle[] = ['plain', 'grouped', 'symbol', 'brackets'];

export type LineEnd = '\r\n' | '\n' | '\r';
export type ExportEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16le-bom' | 'windows-1252';

export interface RenderOptions {
	/** A title row above the heading row, as Streamtime's list print-outs have. */
	title?: string;
	lineEnd?: LineEnd;
	dateStyle?: 'dmy' | 'iso';
	/** The style of the n-th amount written is styles[n % styles.length]. */
	amountStyles?: readonly AmountStyle[];
	/** Order of the data rows (indexes into the invoices' lines, flattened); default as given. */
	rowOrder?: readonly number[];
	/** Empty columns padding every row, as spreadsheets leave them. */
	trailingTabs?: number;
}

export const INVOICE_HEADINGS = [
	'Invoice Number',
	'Invoice Date',
	'Client Code',
	'Client Name',
	'Job Number',
	'Description',
	'Quantity',
	'Rate',
	'Amount',
	'Tax Code',
	'Tax Amount',
	'Account Code',
	'Item Code',
	'Currency',
];

export function formatPence(pence: bigint, style: AmountStyle): string {
	const negative = pence < 0n;
	const magnitude = negative ? -pence : pence;
	const pounds = (magnitude / 100n).toString();
	const fraction = (magnitude % 100n).toString().padStart(2, '0');
	const grouped = style === 'plain' ? pounds : pounds.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	const body = `${style === 'symbol' ? '£' : ''}${grouped}.${fraction}`;
	if (!negative) return body;
	return style === 'brackets' ? `(${body})` : `-${body}`;
}

export function quoteCell(value: string): string {
	return /[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function renderInvoiceExport(invoices: readonly GeneratedInvoice[], options: RenderOptions = {}): string {
	const lineEnd = options.lineEnd ?? '\r\n';
	const styles = options.amountStyles ?? ['plain'];
	const padding = '\t'.repeat(options.trailingTabs ?? 0);
	let amountIndex = 0;
	const amount = (pence: bigint) => formatPence(pence, styles[amountIndex++ % styles.length]);
	const date = ({ year, month, day }: GeneratedInvoice['date']) => {
		const [yyyy, mm, dd] = [String(year), String(month).padStart(2, '0'), String(day).padStart(2, '0')];
		return options.dateStyle === 'iso' ? `${yyyy}-${mm}-${dd}` : `${dd}/${mm}/${yyyy}`;
	};

	const rows: string[] = [];
	for (const invoice of invoices) {
		for (const line of invoice.lines) {
			const rate = line.quantity === 0 ? 0n : line.netPence / BigInt(line.quantity);
			rows.push(
				[
					invoice.number,
					date(invoice.date),
					invoice.clientCode,
					quoteCell(invoice.clientName),
					line.jobNumber,
					quoteCell(line.description),
					String(line.quantity),
					amount(rate),
					amount(line.netPence),
					line.taxCode,
					amount(line.taxPence),
					line.account,
					line.itemCode,
					invoice.currency,
				].join('\t') + padding,
			);
		}
	}
	const ordered = options.rowOrder ? options.rowOrder.map((index) => rows[index]) : rows;
	const title = options.title === undefined ? [] : [options.title];
	return [...title, INVOICE_HEADINGS.join('\t') + padding, ...ordered].join(lineEnd) + lineEnd;
}

export function encodeExport(text: string, encoding: ExportEncoding): Uint8Array {
	switch (encoding) {
		case 'utf-8':
			return Buffer.from(text, 'utf8');
		case 'utf-8-bom':
			return Buffer.from(`\uFEFF${text}`, 'utf8');
		case 'utf-16le':
			return Buffer.from(text, 'utf16le');
		case 'utf-16le-bom':
			return Buffer.from(`\uFEFF${text}`, 'utf16le');
		case 'windows-1252':
			return encodeCp1252(text);
	}
}

export function sumPence(values: Iterable<bigint>): bigint {
	let total = 0n;
	for (const value of values) total += value;
	return total;
}

/** A fixed, repeatable invoice list of `lineCount` lines (1–5 lines an invoice) for the benchmark. */
export function benchmarkInvoices(lineCount: number): GeneratedInvoice[] {
	const invoices: GeneratedInvoice[] = [];
	const words = ['Design', 'artwork', 'Café “Spring” campaign', 'print run', 'retouching', 'copywriting – 2nd round', 'A4 brochure', 'hosting'];
	let seed = 12345;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
	// Two different words: "Design artwork", never "Design Design".
	const twoWords = () => {
		const first = next() % words.length;
		const second = (first + 1 + (next() % (words.length - 1))) % words.length;
		return `${words[first]} ${words[second]}`;
	};
	let written = 0;
	for (let number = 10001; written < lineCount; number++) {
		const lineTotal = Math.min(1 + (next() % 5), lineCount - written);
		const lines: GeneratedLine[] = [];
		for (let index = 0; index < lineTotal; index++) {
			const quantity = 1 + (next() % 8);
			const netPence = BigInt(quantity * (100 + (next() % 250_000)));
			lines.push({
				description: `${twoWords()}${next() % 50 === 0 ? '\tsee "brief"' : ''}`,
				quantity,
				netPence,
				taxPence: netPence / 5n,
				taxCode: 'T1',
				account: String(4000 + (next() % 5) * 10),
				itemCode: ['DESIGN', 'PRINT', 'COPY', 'HOST'][next() % 4],
				jobNumber: `J-${1000 + (next() % 900)}`,
			});
		}
		written += lineTotal;
		invoices.push({
			number: String(number),
			date: { year: 2026, month: 1 + (next() % 12), day: 1 + (next() % 28) },
			clientCode: `C${String(next() % 5000).padStart(4, '0')}`,
			clientName: `Client ${next() % 5000} Ltd`,
			currency: 'GBP',
			lines,
		});
	}
	return invoices;
}

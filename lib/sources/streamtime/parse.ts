/**
 * A Streamtime "Tab-Separated Text" export (seed 000) → canonical ledger documents.
 *
 * The export has one row per invoice or order line. Rows are grouped into documents by the
 * document number, in the order numbers first appear (a re-sorted export may separate the
 * lines of one invoice). A row that cannot be read is rejected with its line number, a
 * stable failure code and a sentence a bookkeeper can act on; the other lines of its
 * document are held back with it, so a document is never posted with a line missing, and
 * every other document of the file still comes out.
 */
import { Decimal } from '../../model/decimal';
import type { DocumentHeader, DocumentLine, DocumentType, LedgerDocument, Party } from '../../model/document';
import { capitalise, currencyDecimals } from '../../model/validate';
import type { FailureCode } from '../../report/failureCodes';
import { headingOf, STREAMTIME_FIELDS, type ColumnOverrides, type ExportLayout, type StreamtimeExportType, type StreamtimeField } from './columns';
import { decodeExportBytes, type EncodingOption, type TextEncodingName } from './decode';
import { HeaderFinder, type HeaderMatch } from './detect';
import { forEachTsvRow, type TsvRow } from './tsv';
import { amountToPlaces, negateAmount, parseExportAmount, parseExportDate, type DateOrder, type DecimalSeparator } from './values';

export interface StreamtimeParseOptions {
	/** The export's character encoding; 'auto' (the default) detects it from the bytes. */
	encoding?: EncodingOption;
	/** 'auto' (the default) tells an invoice list from a purchase-order list by its headings. */
	type?: 'auto' | StreamtimeExportType;
	/** How dates like 03/04/2026 are read: 'dmy' (the default, 3 April) or 'mdy' (March 4). */
	dateOrder?: DateOrder;
	/** '.' (the default: 1,234.50) or ',' (1.234,50). */
	decimalSeparator?: DecimalSeparator;
	/** The export's own column headings where they differ from the defaults (COLUMNS.md). */
	columns?: ColumnOverrides;
	/** Currency of documents whose rows name none (no Currency column, or an empty cell). */
	defaultCurrency?: string;
	/** The export's file name, kept in each document's header.source.ids.file. */
	fileName?: string;
}

export interface RejectedRow {
	/** 1-based line of the export file. */
	line: number;
	code: FailureCode;
	/** A sentence a bookkeeper understands, naming the line, the document and what to fix. */
	message: string;
	/** The row as it stands in the file. */
	raw: string;
	documentNumber?: string;
	/** The heading of the column at fault, when one is. */
	column?: string;
}

export interface StreamtimeParseSummary {
	type: StreamtimeExportType;
	/** The encoding the bytes were read in ('text' when text was given). */
	encoding: TextEncodingName | 'text';
	/** Bytes that mean nothing in that encoding (shown as �). */
	undecodableBytes: number;
	/** Line of the heading row. */
	headerLine: number;
	/** Data rows read below the heading row. */
	lineCount: number;
	documentCount: number;
	/** Rows rejected, including those held back with a rejected row of their document. */
	rejectedCount: number;
	rejectedDocumentCount: number;
}

export interface StreamtimeParseResult {
	type: StreamtimeExportType;
	documents: LedgerDocument[];
	rejected: RejectedRow[];
	summary: StreamtimeParseSummary;
}

/** Reads an export file as it came out of Streamtime (or out of Excel, re-saved). */
export function parseStreamtimeExport(bytes: Uint8Array, options: StreamtimeParseOptions = {}): StreamtimeParseResult {
	const decoded = decodeExportBytes(bytes, options.encoding ?? 'auto');
	return parseDecoded(decoded.text, options, decoded.encoding, decoded.undecodableBytes);
}

/** The same for an export that is already text. */
export function parseStreamtimeText(text: string, options: Omit<StreamtimeParseOptions, 'encoding'> = {}): StreamtimeParseResult {
	return parseDecoded(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, options, 'text', 0);
}

function parseDecoded(text: string, options: StreamtimeParseOptions, encoding: TextEncodingName | 'text', undecodableBytes: number): StreamtimeParseResult {
	const reader = new ExportReader(options);
	// Rows are read into documents as the text is split, so a large export's rows are never
	// all held at once (which is most of the memory and the garbage-collection time).
	forEachTsvRow(text, (row) => reader.row(row));
	return reader.finish(encoding, undecodableBytes);
}

/** What a document takes from its first row; its other rows must say the same. */
interface DocumentHead {
	date: string;
	supplierInvoiceDate?: string;
	dueDate?: string;
	partyCode?: string;
	currency?: string;
	reference?: string;
	partyName?: string;
}

const FIELDS_THAT_MUST_AGREE = ['date', 'supplierInvoiceDate', 'dueDate', 'partyCode', 'currency', 'reference'] as const;

interface RowProblem {
	code: FailureCode;
	column?: string;
	/** 'the Invoice Date "31/02/2026" is not a real date written dd/mm/yyyy or yyyy-mm-dd' */
	detail: string;
}

/** Each row of a document, kept for its line number and, should the document be refused, its text. */
interface RowRecord {
	line: number;
	raw: string;
	head: DocumentHead;
	problems?: RowProblem[];
}

interface Group {
	number: string;
	records: RowRecord[];
	/** The document's lines, built as its rows arrive, while none of them failed. */
	lines: DocumentLine[];
	failed: boolean;
	inconsistent: boolean;
	net: Decimal;
	tax: Decimal;
}

/** Column positions, -1 where the export has no such column. */
type Columns = Record<StreamtimeField, number>;

class ExportReader {
	private readonly finder: HeaderFinder;
	private header?: HeaderMatch;
	private headerRow?: TsvRow;
	private layout?: ExportLayout;
	private columns = {} as Columns;
	private requiredWidth = 0;
	private readonly dateOrder: DateOrder;
	private readonly decimalSeparator: DecimalSeparator;
	private readonly defaultCurrency?: string;
	/** Dates already read: an export repeats a few dozen dates over thousands of lines. */
	private readonly dates = new Map<string, string | null>();
	private readonly groups = new Map<string, Group>();
	private readonly rejected: RejectedRow[] = [];
	private lineCount = 0;
	/** The row before, when it was cut short by a line break: its next line is its rest. */
	private splitRow?: { number: string; line: number; lineCount: number };
	/** The problems of the row being read. */
	private problems?: RowProblem[];
	private readonly problem = (found: RowProblem) => (this.problems ??= []).push(found);
	/** Decimal places by currency, asked for once per currency. */
	private readonly places = new Map<string | undefined, number>();

	constructor(private readonly options: StreamtimeParseOptions) {
		this.finder = new HeaderFinder({ type: options.type, columns: options.columns });
		this.dateOrder = options.dateOrder ?? 'dmy';
		this.decimalSeparator = options.decimalSeparator ?? '.';
		const currency = options.defaultCurrency?.trim().toUpperCase();
		if (currency && !/^[A-Z]{3}$/.test(currency)) {
			throw new Error(`The default currency "${options.defaultCurrency}" is not a three-letter currency code such as GBP.`);
		}
		this.defaultCurrency = currency || undefined;
	}

	row(row: TsvRow): void {
		if (!this.header || !this.layout || !this.headerRow) {
			const match = this.finder.offer(row);
			if (match) this.useHeader(match, row);
			else if (this.finder.exhausted) this.finder.fail();
			return;
		}
		if (isRepeatedHeading(row, this.headerRow)) return;
		this.lineCount++;
		this.readRow(row, this.header, this.layout);
	}

	finish(encoding: TextEncodingName | 'text', undecodableBytes: number): StreamtimeParseResult {
		if (!this.header || !this.layout) return this.finder.fail();
		const documents: LedgerDocument[] = [];
		let rejectedDocumentCount = 0;
		for (const group of this.groups.values()) {
			if (group.failed || group.inconsistent) {
				this.refuse(group, this.layout);
				rejectedDocumentCount++;
			} else {
				documents.push(this.build(group, this.layout));
			}
		}
		const rejected = this.rejected.sort((a, b) => a.line - b.line);
		return {
			type: this.layout.type,
			documents,
			rejected,
			summary: {
				type: this.layout.type,
				encoding,
				undecodableBytes,
				headerLine: this.header.line,
				lineCount: this.lineCount,
				documentCount: documents.length,
				rejectedCount: rejected.length,
				rejectedDocumentCount,
			},
		};
	}

	private useHeader(match: HeaderMatch, row: TsvRow): void {
		this.header = match;
		this.headerRow = row;
		this.layout = match.layout;
		for (const field of STREAMTIME_FIELDS) this.columns[field] = match.columns[field] ?? -1;
		this.requiredWidth = Math.max(...match.layout.required.map((field) => this.columns[field])) + 1;
	}

	private readRow(row: TsvRow, header: HeaderMatch, layout: ExportLayout): void {
		const { columns } = this;
		this.problems = undefined;
		const problem = this.problem;
		const split = this.splitRow;
		this.splitRow = undefined;

		// A line break inside an unquoted description splits a row over two lines: the first
		// part is short of columns, and the next line, short too, is the rest of it.
		if (split && split.line + split.lineCount === row.line && row.width < header.width) {
			problem({
				code: 'STREAMTIME_ROW_MALFORMED',
				detail: `this line is the rest of line ${split.line}, split from it by a line break inside a description`,
			});
			this.splitRow = { ...split, lineCount: split.lineCount + 1 };
			this.record(split.number, row, { date: '' }, this.problems!);
			return;
		}
		const number = text(row, columns.documentNumber) ?? '';
		if (row.width < this.requiredWidth) {
			problem({
				code: 'STREAMTIME_ROW_MALFORMED',
				detail: `the row has only ${row.width} of the ${header.width} columns of the heading row on line ${header.line}; a line break inside a description may have split it in two`,
			});
			this.splitRow = { number, line: row.line, lineCount: 1 };
		} else if (row.fields.length > header.width) {
			problem({
				code: 'STREAMTIME_ROW_MALFORMED',
				detail: `the row has ${row.fields.length} columns but the heading row on line ${header.line} has ${header.width}; a tab inside a description has probably moved the columns`,
			});
		}
		if (this.problems) {
			this.record(number, row, { date: '' }, this.problems);
			return;
		}
		if (!number) {
			const heading = headingOf(layout, 'documentNumber');
			problem({ code: 'STREAMTIME_ROW_MALFORMED', column: heading, detail: `there is no ${heading}, so the line belongs to no ${layout.documentLabel}` });
		}

		const date = this.date(row, 'date', true, problem) ?? '';
		const dueDate = this.date(row, 'dueDate', false, problem);
		const supplierInvoiceDate = this.date(row, 'supplierInvoiceDate', false, problem);
		const partyCode = text(row, columns.partyCode);
		const reference = text(row, columns.reference);
		let currency = text(row, columns.currency);
		if (currency === undefined) {
			currency = this.defaultCurrency;
		} else if (/^[A-Za-z]{3}$/.test(currency)) {
			currency = currency.toUpperCase();
		} else {
			const heading = headingOf(layout, 'currency');
			problem({ code: 'STREAMTIME_ROW_MALFORMED', column: heading, detail: `the ${heading} "${currency}" is not a three-letter currency code such as GBP or EUR` });
		}
		const quantity = this.amount(row, 'quantity', false, problem);
		const unitPrice = this.amount(row, 'unitPrice', false, problem);
		const net = this.amount(row, 'net', true, problem);
		const taxAmount = this.amount(row, 'taxAmount', false, problem);

		// The rows of one document share its head: compared field by field, kept once.
		const group = this.groups.get(number);
		const first = group?.records[0].head;
		const head: DocumentHead =
			first &&
			first.date === date &&
			first.dueDate === dueDate &&
			first.supplierInvoiceDate === supplierInvoiceDate &&
			first.partyCode === partyCode &&
			first.currency === currency &&
			first.reference === reference
				? first
				: { date, supplierInvoiceDate, dueDate, partyCode, currency, reference, partyName: text(row, columns.partyName) };

		const problems = this.problems as RowProblem[] | undefined;
		if (problems) {
			this.addSplitHint(problems, row);
			this.record(number, row, head, problems);
			return;
		}
		if (net === undefined) return; // an empty amount is a problem above
		const target = this.record(number, row, head, undefined);
		if (target.failed || target.inconsistent) return;

		let places = this.places.get(head.currency);
		if (places === undefined) this.places.set(head.currency, (places = currencyDecimals(head.currency)));
		const line = {} as DocumentLine;
		let description = text(row, columns.description);
		// FileMaker writes a line break inside a field as a vertical tab (ASCII 11).
		if (description?.includes('\v')) description = description.replace(/\v/g, '\n');
		if (description !== undefined) line.description = description;
		if (quantity !== undefined) line.quantity = amountToPlaces(quantity, 0);
		if (unitPrice !== undefined) line.unitPrice = amountToPlaces(unitPrice, places);
		line.net = amountToPlaces(net, places);
		const taxCode = text(row, columns.taxCode);
		if (taxCode !== undefined) line.taxCode = taxCode;
		if (columns.taxAmount >= 0) line.taxAmount = amountToPlaces(taxAmount ?? '0', places);
		const account = text(row, columns.account);
		if (account !== undefined) line.account = account;
		const itemCode = text(row, columns.itemCode);
		if (itemCode !== undefined) line.item = { code: itemCode };
		const jobNumber = text(row, columns.jobNumber);
		if (jobNumber !== undefined) line.project = jobNumber;
		target.lines.push(line);
		// The totals are the only arithmetic: exact, with Decimal. Each line keeps its own
		// amounts as the export wrote them.
		target.net = target.records.length === 1 ? Decimal.of(net) : target.net.plus(Decimal.of(net));
		if (taxAmount !== undefined) target.tax = target.tax.plus(Decimal.of(taxAmount));
	}

	/** A short row that fails is most likely the second half of a line split by a line break. */
	private addSplitHint(problems: RowProblem[], row: TsvRow): void {
		const header = this.header;
		if (!header || row.width >= header.width || problems[0].code === 'STREAMTIME_ROW_MALFORMED') return;
		problems.push({
			code: problems[0].code,
			detail: `the row has only ${row.width} of the ${header.width} columns of the heading row, so a line break inside a description may have split it`,
		});
	}

	/** Files the row under its document (or rejects it at once when it has no number). */
	private record(number: string, row: TsvRow, head: DocumentHead, problems: RowProblem[] | undefined): Group {
		const record: RowRecord = { line: row.line, raw: row.raw, head };
		if (problems) record.problems = problems;
		let group = this.groups.get(number);
		if (!number) {
			this.rejected.push(this.rowRejection(record, undefined));
			// A throw-away group: nothing is filed under an empty number.
			return { number, records: [record], lines: [], failed: true, inconsistent: false, net: Decimal.ZERO, tax: Decimal.ZERO };
		}
		if (!group) {
			group = { number, records: [], lines: [], failed: false, inconsistent: false, net: Decimal.ZERO, tax: Decimal.ZERO };
			this.groups.set(number, group);
		}
		if (group.records.length > 0 && head !== group.records[0].head) group.inconsistent = true;
		group.records.push(record);
		if (problems) {
			group.failed = true;
			group.lines = [];
		}
		return group;
	}

	private date(row: TsvRow, field: StreamtimeField, required: boolean, problem: (found: RowProblem) => void): string | undefined {
		const value = text(row, this.columns[field]);
		if (value === undefined) {
			if (required) {
				const heading = headingOf(this.layout!, field);
				problem({ code: 'STREAMTIME_DATE_INVALID', column: heading, detail: `the ${heading} is empty` });
			}
			return undefined;
		}
		let date = this.dates.get(value);
		if (date === undefined) {
			date = parseExportDate(value, this.dateOrder) ?? null;
			this.dates.set(value, date);
		}
		if (date === null) {
			const heading = headingOf(this.layout!, field);
			const form = this.dateOrder === 'dmy' ? 'dd/mm/yyyy' : 'mm/dd/yyyy';
			problem({ code: 'STREAMTIME_DATE_INVALID', column: heading, detail: `the ${heading} "${value}" is not a real date written ${form} or yyyy-mm-dd` });
			return undefined;
		}
		return date;
	}

	private amount(row: TsvRow, field: StreamtimeField, required: boolean, problem: (found: RowProblem) => void): string | undefined {
		const value = text(row, this.columns[field]);
		if (value === undefined) {
			if (required) {
				const heading = headingOf(this.layout!, field);
				problem({ code: 'STREAMTIME_AMOUNT_INVALID', column: heading, detail: `the ${heading} is empty` });
			}
			return undefined;
		}
		const amount = parseExportAmount(value, this.decimalSeparator);
		if (amount === undefined) {
			const heading = headingOf(this.layout!, field);
			problem({ code: 'STREAMTIME_AMOUNT_INVALID', column: heading, detail: `the ${heading} "${value}" is not an amount` });
		}
		return amount;
	}

	private rowRejection(record: RowRecord, number: string | undefined): RejectedRow {
		const layout = this.layout!;
		const label = layout.documentLabel;
		const problems = record.problems ?? [];
		const details = problems.map((problem) => problem.detail);
		const joined = details.length > 1 ? `${details.slice(0, -1).join(', ')} and ${details[details.length - 1]}` : details[0];
		const message = number
			? `Line ${record.line}, ${label} ${number}: ${joined}. ${capitalise(label)} ${number} is not imported; correct it in Streamtime and export it again.`
			: `Line ${record.line}: ${joined}. Fill in the ${headingOf(layout, 'documentNumber')} in Streamtime, or take the line out of the export.`;
		return rejection(record, problems[0].code, message, number, problems.find((problem) => problem.column)?.column);
	}

	/** Every line of a document is refused when one of them cannot be read or they disagree. */
	private refuse(group: Group, layout: ExportLayout): void {
		const { number, records } = group;
		const label = layout.documentLabel;
		if (group.failed) {
			const failures = records.filter((record) => record.problems);
			const lines = listLines(failures.map((record) => record.line));
			const codes = [...new Set(failures.map((record) => record.problems![0].code))].join(', ');
			const were = failures.length > 1 ? 'were' : 'was';
			for (const record of records) {
				this.rejected.push(
					record.problems
						? this.rowRejection(record, number)
						: rejection(
								record,
								'STREAMTIME_DOCUMENT_INCOMPLETE',
								`Line ${record.line}, ${label} ${number}: held back because ${lines} of the same ${label} ${were} rejected (${codes}); the ${label} is imported only when all its lines are correct.`,
								number,
								undefined,
							),
				);
			}
			return;
		}
		const disagreements: string[] = [];
		let firstColumn: string | undefined;
		for (const field of FIELDS_THAT_MUST_AGREE) {
			const byValue = new Map<string, number[]>();
			for (const record of records) {
				const key = record.head[field] ?? '';
				const lines = byValue.get(key);
				if (lines) lines.push(record.line);
				else byValue.set(key, [record.line]);
			}
			if (byValue.size < 2) continue;
			const heading = headingOf(layout, field);
			firstColumn ??= heading;
			const shown = [...byValue].map(([value, lines]) => `${value ? `"${value}"` : 'empty'} on ${listLines(lines)}`);
			disagreements.push(`${heading} (${shown.join(', ')})`);
		}
		const message = `the lines of ${label} ${number} disagree on ${disagreements.join(' and on ')}, so they may be two ${label}s sharing one number. ${capitalise(label)} ${number} is not imported; correct it in Streamtime and export it again.`;
		for (const record of records) {
			this.rejected.push(rejection(record, 'STREAMTIME_DOCUMENT_INCONSISTENT', `Line ${record.line}, ${label} ${number}: ${message}`, number, firstColumn));
		}
	}

	private build(group: Group, layout: ExportLayout): LedgerDocument {
		const { number, records, lines } = group;
		const first = records[0].head;
		const places = currencyDecimals(first.currency);
		let { net, tax } = group;
		let gross = net.plus(tax);
		// Streamtime exports a credit note as an invoice with a negative total; the ledger
		// wants a credit note with positive amounts.
		const credit = gross.isNegative() || (gross.isZero() && net.isNegative());
		if (credit) {
			[net, tax, gross] = [net.negated(), tax.negated(), gross.negated()];
			for (const line of lines) {
				line.net = negateAmount(line.net as string);
				if (line.taxAmount !== undefined) line.taxAmount = negateAmount(line.taxAmount as string);
				// Quantity × price keeps the sign of the line: one of the two turns round with it.
				if (typeof line.quantity === 'string' && line.quantity.startsWith('-')) line.quantity = line.quantity.slice(1);
				else if (line.unitPrice !== undefined) line.unitPrice = negateAmount(line.unitPrice as string);
			}
		}

		const ids: Record<string, string | number> = {};
		if (this.options.fileName) ids.file = this.options.fileName;
		for (let index = 0; index < records.length; index++) ids[lineKey(index)] = records[index].line;
		const purchase = layout.type === 'purchaseOrders';
		const header: DocumentHeader = {
			number,
			// A purchase invoice is dated by the supplier's invoice when the export has it.
			date: (purchase && first.supplierInvoiceDate) || first.date,
		};
		if (first.dueDate) header.dueDate = first.dueDate;
		if (first.reference) header.reference = first.reference;
		if (first.currency) header.currency = first.currency;
		header.source = { system: 'streamtime', id: number, ids };
		const party: Party = {};
		if (first.partyCode) party.code = first.partyCode;
		if (first.partyName) party.name = first.partyName;
		const document: LedgerDocument = {
			schemaVersion: 1,
			type: (purchase ? PURCHASE_TYPES : SALES_TYPES)[credit ? 'credit' : 'invoice'],
			header,
			party,
			lines,
			totals: { net: net.toFixed(places), tax: tax.toFixed(places), gross: gross.toFixed(places) },
		};
		if (purchase && first.supplierInvoiceDate) document.extra = { orderDate: first.date };
		return document;
	}
}

const SALES_TYPES: Record<'invoice' | 'credit', DocumentType> = { invoice: 'salesInvoice', credit: 'salesCredit' };
const PURCHASE_TYPES: Record<'invoice' | 'credit', DocumentType> = { invoice: 'purchaseInvoice', credit: 'purchaseCredit' };
const LINE_KEYS: string[] = [];
const lineKey = (index: number) => (LINE_KEYS[index] ??= `lines[${index}]`);

/** A cell's text without surrounding spaces; undefined when there is none. */
function text(row: TsvRow, column: number): string | undefined {
	if (column < 0) return undefined;
	const value = row.fields[column];
	if (value === undefined || value === '') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/** Two exports pasted into one file repeat the heading row; it is not a line. */
function isRepeatedHeading(row: TsvRow, headerRow: TsvRow): boolean {
	return (
		row.fields[0] === headerRow.fields[0] &&
		row.fields.length === headerRow.fields.length &&
		row.fields.every((field, index) => field === headerRow.fields[index])
	);
}

function rejection(record: RowRecord, code: FailureCode, message: string, documentNumber: string | undefined, column: string | undefined): RejectedRow {
	const rejected: RejectedRow = { line: record.line, code, message, raw: record.raw };
	if (documentNumber) rejected.documentNumber = documentNumber;
	if (column !== undefined) rejected.column = column;
	return rejected;
}

function listLines(lines: number[]): string {
	if (lines.length === 1) return `line ${lines[0]}`;
	return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

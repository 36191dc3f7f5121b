import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { describeDocument, isMasterRecord, type LedgerDocument } from '../../lib/model/document';
import { capitalise, validateDocument } from '../../lib/model/validate';
import { checkOperaDocument } from '../../lib/targets/opera/checks';
import { OPERA_IMPORT_FILES, operaField, type OperaImportFile } from '../../lib/targets/opera/fields';
import { writeOperaRun, type OperaFileFormat, type OperaFileRequest } from '../../lib/targets/opera/output';
import { DEFAULT_OPERA_POSTING_OPTIONS, type OperaPostingOptions } from '../../lib/targets/opera/postings';
import type { DateLayout, OperaRecord } from '../../lib/targets/opera/values';
import { assertFolder, readDocuments, rejectedItem } from '../shared/items';
import { operaLedgerProperties } from './description';

interface AcceptedDocument {
	document: LedgerDocument;
	item: number;
	records: Array<{ file: OperaImportFile; record: OperaRecord }>;
}

export class OperaLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Opera Ledger',
		name: 'operaLedger',
		icon: 'file:operaLedger.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["format"].toUpperCase() + " import files"}}',
		description: 'Write customers, suppliers and ledger transactions as Pegasus Opera 3 Importer files (DBF or CSV)',
		defaults: { name: 'Opera Ledger' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		outputNames: ['Files', 'Rejected'],
		properties: operaLedgerProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const format = this.getNodeParameter('format', 0) as OperaFileFormat;
		const folder = (this.getNodeParameter('outputFolder', 0, '') as string).trim();
		const overwrite = this.getNodeParameter('overwrite', 0, false) as boolean;
		const options = this.getNodeParameter('options', 0, {}) as Partial<OperaPostingOptions> & {
			dateLayout?: DateLayout;
			binaryPropertyName?: string;
		};
		const posting: OperaPostingOptions = { ...DEFAULT_OPERA_POSTING_OPTIONS, ...withoutUndefined(options) };
		const dateLayout: DateLayout = format === 'dbf' ? 'yyyyMMdd' : (options.dateLayout ?? 'dd/MM/yyyy');
		const binaryProperty = options.binaryPropertyName || 'data';

		const accepted: AcceptedDocument[] = [];
		const rejected: INodeExecutionData[] = [];
		const references = new Map<string, string>();
		for (const { document: input, item } of readDocuments(items, this.getNodeParameter('documentsField', 0, '') as string)) {
			const validation = validateDocument(input);
			if (!validation.document || validation.failures.length > 0) {
				rejected.push(rejectedItem(input, validation.failures, item));
				continue;
			}
			const document = validation.document;
			const check = checkOperaDocument(document, posting, dateLayout);
			// The Importer has no duplicate check of its own (reference §4): one run never
			// carries the same reference twice.
			const key = `${document.type}|${isMasterRecord(document.type) ? document.party?.code : document.header?.number}`;
			const first = references.get(key);
			if (first !== undefined) {
				check.failures.push({
					code: 'DUPLICATE_IN_BATCH',
					field: isMasterRecord(document.type) ? 'party.code' : 'header.number',
					message: `${capitalise(describeDocument(document))} appears twice in this run (items ${first} and ${item + 1}); the second one is not written.`,
				});
			} else {
				references.set(key, String(item + 1));
			}
			if (check.failures.length > 0) rejected.push(rejectedItem(input, check.failures, item));
			else accepted.push({ document, item, records: check.records });
		}

		if (format === 'csv') {
			// Matched receipts need ST_FULLAMT and friends, which a CSV cannot carry (seed 004):
			// stop before any file is written rather than import the invoices unpaid.
			const matched = accepted.filter(({ document }) => document.header?.paidInFull);
			if (matched.length > 0) {
				const names = matched.slice(0, 5).map(({ document }) => describeDocument(document)).join(', ');
				throw new NodeOperationError(
					this.getNode(),
					`Matched receipts can only be imported from a DBF file: ${names}${matched.length > 5 ? ` and ${matched.length - 5} more` : ''} ${matched.length === 1 ? 'is' : 'are'} marked paid in full.`,
					{ description: 'Choose File Format "DBF", or remove header.paidInFull from these documents. No file was written.' },
				);
			}
		}

		if (folder) await assertFolder(this, folder);
		const requests = fileRequests(accepted);
		if (requests.length === 0) return [[], rejected];
		const target = folder || (await mkdtemp(path.join(tmpdir(), 'ledger-bridge-opera-')));
		const files: INodeExecutionData[] = [];
		try {
			const written = await writeOperaRun(
				target,
				requests.map(({ request }) => request),
				{ format, overwrite, dateLayout: format === 'csv' ? dateLayout : undefined },
			);
			for (const [index, file] of written.entries()) {
				const { documents } = requests[index];
				const fileName = path.basename(file.path);
				const binary = await this.helpers.prepareBinaryData(
					createReadStream(file.path),
					fileName,
					format === 'dbf' ? 'application/x-dbf' : 'text/csv',
				);
				files.push({
					json: {
						kind: 'operaFile',
						file: file.file,
						fileName,
						format,
						records: file.recordCount,
						bytes: file.bytes,
						documents: documents.map(({ document }) => describeDocument(document)),
						path: folder ? file.path : null,
					} as IDataObject,
					binary: { [binaryProperty]: binary },
					pairedItem: [...new Set(documents.map(({ item }) => item))].map((item) => ({ item })),
				});
			}
		} catch (error) {
			if (this.continueOnFail()) {
				return [[], [...rejected, { json: { error: (error as Error).message }, pairedItem: accepted.map(({ item }) => ({ item })) }]];
			}
			throw new NodeOperationError(this.getNode(), error as Error, {
				description: 'No file was left half-written; fix the cause and run again.',
			});
		} finally {
			if (!folder) await rm(target, { recursive: true, force: true });
		}
		return [files, rejected];
	}
}

/** One request per Importer file with records, in Opera's order, carrying every optional field any record fills. */
function fileRequests(accepted: AcceptedDocument[]): Array<{ request: OperaFileRequest; documents: AcceptedDocument[] }> {
	return OPERA_IMPORT_FILES.flatMap((file) => {
		const documents = accepted.filter(({ records }) => records.some((entry) => entry.file === file));
		if (documents.length === 0) return [];
		const records = documents.flatMap(({ records: entries }) => entries.filter((entry) => entry.file === file).map((entry) => entry.record));
		const optional = new Set<string>();
		for (const record of records) {
			for (const [name, value] of Object.entries(record)) {
				if (value !== undefined && !operaField(file, name)?.mandatory) optional.add(name);
			}
		}
		return [{ request: { file, records, optionalFields: [...optional] }, documents }];
	});
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== '')) as Partial<T>;
}

/**
 * Opera 3 in the posting pipeline: documents become Importer records (checks.ts), the run's
 * files are published together as one run folder, and the journal knows what was written, so
 * the same webhook body sent twice writes its transactions once. With the company's data
 * folder given, what Opera already holds (STRAN/PTRAN, SNAME/PNAME) counts too.
 *
 * "The same document": a sales transaction by its type and reference (our own numbers are
 * unique), a purchase transaction by type, supplier and reference, an account by its code.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { isMasterRecord, partySide, type LedgerDocument } from '../../model/document';
import type { Failure } from '../../report/failureCodes';
import { RunFolder } from '../../files/runFolder';
import { removeAbandonedTemporaries } from '../../files/temporary';
import { resolveFromRunFolders } from '../../posting/fileTargets';
import { ledgerIdentity } from '../../posting/identity';
import type { JournalTarget, TargetReference } from '../../posting/journal/types';
import { PostingSettingsError, verdictsFromChecks, type Found, type Identified, type PostingAdapter, type PostingSink, type Preview, type Verdict } from '../../posting/pipeline';
import { checkOperaDocument, type OperaDocumentCheck } from './checks';
import { OPERA_IMPORT_FILES, operaField, type OperaImportFile } from './fields';
import { purchaseKey, readOperaLedger, salesKey, type OperaLedgerContents } from './ledger';
import { writeOperaFiles, type OperaFileFormat, type OperaFileRequest, type WrittenOperaFile } from './output';
import type { OperaPostingOptions } from './postings';
import type { DateLayout, OperaRecord } from './values';

export interface OperaTargetSettings {
	format: OperaFileFormat;
	/** The Importer's folder; empty: the files only leave as binary data. */
	importFolder: string;
	/** The company's data folder (STRAN.DBF…), read to skip what Opera already holds. */
	dataFolder: string;
	posting: OperaPostingOptions;
	dateLayout: DateLayout;
	/** The run's stamp: names its folder and files. */
	stamp: string;
	/** The journal's scope: the company (data folder), else the import folder, else the workflow's node. */
	scope: string;
}

export interface OperaWrittenFile extends WrittenOperaFile {
	/** Input positions of the documents whose records the file holds. */
	documents: number[];
	/** Published in the import folder (null: binary output only, already removed from disk). */
	published: boolean;
}

/** The file a document's transaction lives in, and its type code there. */
function transactionCode(check: OperaDocumentCheck): string {
	const record = check.records.find(({ file }) => file === 'STRAN' || file === 'PTRAN')?.record;
	return String(record?.ST_TRTYPE ?? record?.PT_TRTYPE ?? '');
}

export class OperaAdapter implements PostingAdapter {
	readonly target: JournalTarget;
	readonly label: string;
	readonly onChange = 'reject' as const;
	/** The files this run wrote, for the node to attach; read them before `cleanUp`. */
	readonly files: OperaWrittenFile[] = [];
	private readonly checks = new Map<string, OperaDocumentCheck>();
	private ledger?: OperaLedgerContents;
	private scratch?: string;

	constructor(private readonly settings: OperaTargetSettings) {
		this.target = { system: 'opera3', scope: settings.scope };
		this.label = settings.importFolder ? `Opera 3 (import folder ${settings.importFolder})` : 'Opera 3';
	}

	changePolicy(document: LedgerDocument): 'reject' | 'ignore' {
		return isMasterRecord(document.type) ? 'ignore' : 'reject';
	}

	identify(document: LedgerDocument): string | Failure {
		const side = partySide(document.type) === 'customer' ? 'sales' : 'purchase';
		return ledgerIdentity(document, `${side}:${document.type}`);
	}

	async prepare(documents: readonly Identified[]): Promise<void> {
		for (const entry of documents) this.checks.set(entry.identity, checkOperaDocument(entry.document, this.settings.posting, this.settings.dateLayout));
		if (this.settings.dataFolder) this.ledger = await readOperaLedger(this.settings.dataFolder);
		if (this.settings.importFolder) await removeAbandonedTemporaries(this.settings.importFolder);
	}

	resolveRecovering(documents: readonly Identified[]): Promise<Map<string, Found>> {
		return resolveFromRunFolders(documents, this.label);
	}

	async lookInTarget(documents: readonly Identified[]): Promise<Map<string, Found>> {
		const found = new Map<string, Found>();
		const ledger = this.ledger;
		if (!ledger) return found;
		for (const entry of documents) {
			const document = entry.document;
			const account = (document.party?.code ?? '').trim().toUpperCase();
			const check = this.checks.get(entry.identity);
			let inOpera = false;
			let table = '';
			if (document.type === 'customer') [inOpera, table] = [ledger.customers.has(account), 'SNAME'];
			else if (document.type === 'supplier') [inOpera, table] = [ledger.suppliers.has(account), 'PNAME'];
			else if (check && partySide(document.type) === 'customer') [inOpera, table] = [ledger.sales.has(salesKey(transactionCode(check), document.header?.number ?? '')), 'STRAN'];
			else if (check) [inOpera, table] = [ledger.purchases.has(purchaseKey(transactionCode(check), account, document.header?.number ?? '')), 'PTRAN'];
			if (inOpera) {
				found.set(entry.identity, {
					state: 'posted',
					reference: { table },
					message: `${entry.name} is already in Opera (${table} in ${this.settings.dataFolder}); it is not written again.`,
				});
			}
		}
		return found;
	}

	async check(documents: readonly Identified[]): Promise<Map<string, Verdict>> {
		const verdicts = verdictsFromChecks(documents, this.checks);
		if (this.settings.format === 'csv') {
			// Matched receipts need ST_FULLAMT and friends, which a CSV cannot carry (seed 004):
			// stop before any file is written rather than import the invoices unpaid.
			const matched = documents.filter((entry) => !verdicts.has(entry.identity) && entry.document.header?.paidInFull);
			if (matched.length > 0) {
				const names = matched.slice(0, 5).map((entry) => entry.name.charAt(0).toLowerCase() + entry.name.slice(1)).join(', ');
				throw new PostingSettingsError(
					`Matched receipts can only be imported from a DBF file: ${names}${matched.length > 5 ? ` and ${matched.length - 5} more` : ''} ${matched.length === 1 ? 'is' : 'are'} marked paid in full.`,
					'Choose File Format "DBF", or remove header.paidInFull from these documents. No file was written.',
				);
			}
		}
		return verdicts;
	}

	async preview(documents: readonly Identified[]): Promise<Map<string, Preview>> {
		const previews = new Map<string, Preview>();
		for (const entry of documents) {
			const records = this.checks.get(entry.identity)?.records ?? [];
			const files = [...new Set(records.map(({ file }) => file))];
			previews.set(entry.identity, {
				preview: { records: records.map(({ file, record }) => ({ file, ...plainRecord(record) })) },
				message: `${entry.name} would be written to ${files.join(', ')} (${records.length} record${records.length === 1 ? '' : 's'})${this.settings.importFolder ? ` in ${this.settings.importFolder}` : ''}.`,
			});
		}
		return previews;
	}

	async post(documents: readonly Identified[], sink: PostingSink): Promise<void> {
		const requests = fileRequests(documents.map((entry) => ({ entry, records: this.checks.get(entry.identity)?.records ?? [] })));
		const folder = this.settings.importFolder || (this.scratch = await mkdtemp(path.join(tmpdir(), 'ledger-bridge-opera-')));
		const runFolder = await RunFolder.create(folder, this.settings.stamp);
		try {
			const written = await writeOperaFiles(
				runFolder,
				requests.map(({ request }) => request),
				{ format: this.settings.format, stamp: this.settings.stamp, dateLayout: this.settings.format === 'csv' ? this.settings.dateLayout : undefined },
			);
			// What the journal knows so far first: a crash after the rename finds these files, not the rejects.
			await sink.flush();
			// One rename makes every file of the run visible at once; a crash before it leaves nothing visible.
			await runFolder.publish();
			written.forEach((file, position) => {
				this.files.push({ ...file, documents: requests[position].entries.map((entry) => entry.index), published: Boolean(this.settings.importFolder) });
			});
			await sink.published(
				documents.map((entry) => {
					const own = written.filter((_, position) => requests[position].entries.includes(entry));
					const reference: TargetReference = this.settings.importFolder
						? { folder: runFolder.finalPath, files: own.map((file) => file.fileName) }
						: { output: 'binary', files: own.map((file) => file.fileName) };
					return {
						identity: entry.identity,
						reference,
						message: `${entry.name} written to ${own.map((file) => file.file).join(', ')}${this.settings.importFolder ? ` in ${runFolder.finalPath}` : ''}.`,
					};
				}),
			);
		} finally {
			await runFolder.discard();
		}
	}

	describeReference(reference: TargetReference): string {
		if (reference.table) return `in ${String(reference.table)}`;
		const files = Array.isArray(reference.files) ? reference.files.join(', ') : '';
		if (reference.folder) return `${files ? `${files} in ` : ''}${String(reference.folder)}`;
		return files ? `${files}, sent on as binary data` : '';
	}

	/** Removes the scratch folder of a binary-only run once the node has read its files. */
	async cleanUp(): Promise<void> {
		if (this.scratch) await rm(this.scratch, { recursive: true, force: true });
	}
}

/** One request per Importer file with records, in Opera's order, carrying every optional field any record fills. */
function fileRequests(documents: Array<{ entry: Identified; records: Array<{ file: OperaImportFile; record: OperaRecord }> }>): Array<{ request: OperaFileRequest; entries: Identified[] }> {
	return OPERA_IMPORT_FILES.flatMap((file) => {
		const inFile = documents.filter(({ records }) => records.some((record) => record.file === file));
		if (inFile.length === 0) return [];
		const records = inFile.flatMap(({ records: entries }) => entries.filter((entry) => entry.file === file).map((entry) => entry.record));
		const optional = new Set<string>();
		for (const record of records) {
			for (const [name, value] of Object.entries(record)) {
				if (value !== undefined && !operaField(file, name)?.mandatory) optional.add(name);
			}
		}
		return [{ request: { file, records, optionalFields: [...optional] }, entries: inFile.map(({ entry }) => entry) }];
	});
}

/** A record as plain JSON for a dry run's preview: amounts as text, nothing left out. */
function plainRecord(record: OperaRecord): Record<string, string | boolean | null> {
	return Object.fromEntries(
		Object.entries(record)
			.filter(([, value]) => value !== undefined)
			.map(([name, value]) => [name, value === null || typeof value === 'boolean' || typeof value === 'string' ? (value as string | boolean | null) : value!.toFixed()]),
	);
}

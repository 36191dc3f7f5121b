/**
 * Sage 50 (UK, US) and writable ODBC ledgers in the posting pipeline. The Sage Import node and
 * bench/sage.ts both run this, so the figures the bench prints are those of the node.
 *
 * - prepare: reference data read once (five queries), the references Sage already holds in one
 *   query per 100 documents (lookups.ts).
 * - already in Sage: AUDIT_HEADER (or the US journal header) has the account, type and reference;
 *   an account record already in the ledger.
 * - checks: the plan (plan.ts: codes, accounts to create), and for Sage 50 each document exactly
 *   as its import file will hold it; with "Credit Limit Handling" on, sales invoices judged
 *   against their customer's limit in input order (credit.ts).
 * - post, Sage 50 (read-only ODBC, reference §1 and §2): every import file of the run — the
 *   customer/supplier record files first, since Sage refuses a transaction row for an account it
 *   does not know — written into one run folder and published together. An account whose record
 *   cannot be written holds back every document that needs it. The accounts created are
 *   remembered in the journal, so the next run does not write them again before the import.
 * - post, writable ODBC: one database transaction per document, the new account inserted with
 *   the first document that needs it, and Sage asked again inside the transaction whether the
 *   document is there (another program may have posted it since the run began).
 *
 * "The same document": its audit-trail type (SI, SC, PI…; the US journal for Sage 50 US) and
 * number, with the supplier on the purchase side (lib/posting/identity.ts); an account by code.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { isMasterRecord, partySide, type LedgerDocument } from '../../model/document';
import { capitalise, validateDocument } from '../../model/validate';
import type { Failure } from '../../report/failureCodes';
import { RunFolder, runStamp } from '../../files/runFolder';
import { removeAbandonedTemporaries } from '../../files/temporary';
import { resolveFromRunFolders, runOutput } from '../../posting/fileTargets';
import { ledgerIdentity } from '../../posting/identity';
import type { JournalTarget, TargetReference } from '../../posting/journal/types';
import {
	runPosting,
	type PostingResult,
	type PostingRun,
	type Found,
	type Identified,
	type PostingAdapter,
	type PostingContext,
	type PostingSink,
	type Preview,
	type Verdict,
} from '../../posting/pipeline';
import { checkAuditTrailDocuments, DEFAULT_AUDIT_TRAIL_OPTIONS, type AuditTrailOptions } from './auditTrail';
import { rowsOrThrow, type Sage50DocumentCheck } from './checks';
import { csvBytes, sage50FileName } from './csv';
import { SAGE50_IMPORT_STEPS, sage50Headings, type Sage50Layout } from './fields';
import { checkRecordDocuments, type RecordOptions } from './records';
import { checkUsRecordDocuments } from './usRecords';
import { checkUsJournalDocuments, DEFAULT_US_JOURNAL_OPTIONS, usJournalFor, type UsJournal, type UsJournalOptions } from './usJournal';
import type { SageConnection, SageEdition } from '../../odbc/connection';
import { SageSettingsError } from '../../odbc/errors';
import { CreditCheck, CreditStatusUnavailableError, type CreditLimitHandling } from '../../odbc/credit';
import { insertAccount, insertTransaction, nextTransactionNumber } from '../../odbc/insert';
import { loadReferenceData, postedKey, postedReferences, type ReferenceData } from '../../odbc/lookups';
import { SAGE_TABLES } from '../../odbc/schema';
import { accountKey, applyLineDefaults, planPosting, SAGE_TRANSACTION_TYPE, type LineDefaults, type NewAccount, type PlannedDocument } from '../../odbc/plan';

export interface SagePostOptions {
	edition: SageEdition;
	/** Sage 50 editions: the folder Sage imports from. */
	importFolder?: string;
	createMissingAccounts: boolean;
	defaults?: LineDefaults;
	/** Sage 50 US journals: amount signs, tax and control accounts. */
	usJournal?: Partial<UsJournalOptions>;
	/** Sage 50 UK audit trail: bank nominal and T-code of receipts and payments, base currency. */
	auditTrail?: Partial<AuditTrailOptions>;
	/** The run's stamp: names its run folder and files. */
	stamp: string;
	/** Sales invoices over their customer's credit limit: "ignore" (default), warn, hold, or each customer's status. */
	creditLimitHandling?: CreditLimitHandling;
	/** The company, as the journal keeps it apart from other companies. */
	scope: string;
}

export interface SagePostFile {
	path: string;
	fileName: string;
	rows: number;
	layout: Sage50Layout;
	/** Where in Sage to import it; files are listed in the order to import them. */
	importIn: string;
}

const EDITION_LABELS: Record<SageEdition, string> = { sage50uk: 'Sage 50 (UK)', sage50us: 'Sage 50 (US)', generic: 'the ODBC ledger' };

const RECORD_LAYOUTS: Record<'uk' | 'us', Record<'customer' | 'supplier', { layout: Sage50Layout; prefix: string }>> = {
	uk: { customer: { layout: 'ukCustomer', prefix: 'CUSTOMERS' }, supplier: { layout: 'ukSupplier', prefix: 'SUPPLIERS' } },
	us: { customer: { layout: 'usCustomer', prefix: 'CUSTOMER' }, supplier: { layout: 'usVendor', prefix: 'VENDOR' } },
};
const JOURNAL_LAYOUTS: Record<UsJournal, { layout: Sage50Layout; prefix: string }> = {
	sales: { layout: 'usSalesJournal', prefix: 'SALES' },
	purchases: { layout: 'usPurchasesJournal', prefix: 'PURCHASE' },
};

interface PlannedFile {
	layout: Sage50Layout;
	fileName: string;
	/** Which checks go into the file, in file order, and the documents (by identity) they belong to; records of derived accounts have none. */
	parts: Array<{ check: Sage50DocumentCheck; identity?: string }>;
}

function accountOf(document: LedgerDocument): string {
	return accountKey(partySide(document.type), document.party?.code ?? '');
}

function recordOptions(side: 'customer' | 'supplier', defaults: LineDefaults): RecordOptions {
	return { defaultNominalCode: side === 'customer' ? defaults.salesNominalCode : defaults.purchaseNominalCode, defaultTaxCode: defaults.taxCode };
}

export class SageAdapter implements PostingAdapter {
	readonly target: JournalTarget;
	readonly label: string;
	readonly onChange = 'reject' as const;

	/** ODBC queries of the run, by purpose. */
	readonly queries = { referenceData: 0, duplicateCheck: 0, posting: 0 };
	/** In the order to import them: record files before the transactions that name their accounts. */
	readonly files: SagePostFile[] = [];
	readonly accountsCreated: Array<{ side: 'customer' | 'supplier'; code: string }> = [];
	/** Which codes came from the node's defaults, by document. */
	readonly defaultsApplied = new WeakMap<LedgerDocument, string[]>();
	/** Credit-limit warnings of documents let through, by identity. */
	readonly warnings = new Map<string, string[]>();
	readonly credit: { handling: CreditLimitHandling; warned: number; held: number };

	private reference!: ReferenceData;
	private creditCheck!: CreditCheck;
	private posted = new Set<string>();
	private newAccounts: NewAccount[] = [];
	/** Accounts an earlier run's files create, not imported yet (journal), by account key. */
	private pendingAccounts = new Map<string, string>();
	private checks = new Map<string, Sage50DocumentCheck>();
	private planned: PlannedFile[] = [];
	private readonly edition: SageEdition;

	constructor(
		private readonly connection: SageConnection,
		private readonly options: SagePostOptions,
	) {
		this.edition = options.edition;
		this.target = { system: options.edition, scope: options.scope };
		this.label = EDITION_LABELS[options.edition];
		this.credit = { handling: options.creditLimitHandling ?? 'ignore', warned: 0, held: 0 };
		if (options.edition !== 'generic' && !options.importFolder?.trim()) {
			throw new SageSettingsError("Sage 50's ODBC driver cannot post: set the import folder Sage's import files are written to. Nothing was posted.");
		}
		if (this.credit.handling !== 'ignore' && !SAGE_TABLES[options.edition].customers.credit) {
			throw new SageSettingsError(
				'Credit Limit Handling is not available for Sage 50 US yet: where its customers\' credit limit, balance and credit status are kept is not confirmed. Choose "Ignore" for this company; nothing was posted.',
			);
		}
	}

	validate(input: unknown): { document?: LedgerDocument; failures: Failure[] } {
		const validation = validateDocument(input);
		if (!validation.document || validation.failures.length > 0) return validation;
		const { document, applied } = applyLineDefaults(validation.document, this.options.defaults ?? {});
		if (applied.length > 0) this.defaultsApplied.set(document, applied);
		return { document, failures: [] };
	}

	identify(document: LedgerDocument): string | Failure {
		const kind = this.edition === 'sage50us' ? (usJournalFor(document) ?? document.type) : (SAGE_TRANSACTION_TYPE[document.type] ?? document.type);
		return ledgerIdentity(document, kind);
	}

	changePolicy(document: LedgerDocument): 'reject' | 'ignore' {
		return isMasterRecord(document.type) ? 'ignore' : 'reject';
	}

	async prepare(documents: readonly Identified[], context: PostingContext): Promise<void> {
		const start = this.connection.queryCount;
		try {
			this.reference = await loadReferenceData(this.connection, this.edition, {
				credit: this.credit.handling === 'ignore' ? undefined : this.credit.handling === 'customerStatus' ? 'limitsAndStatus' : 'limits',
			});
		} catch (error) {
			if (error instanceof CreditStatusUnavailableError) {
				throw new SageSettingsError(`${error.message} Choose "Warn Over Limit" or "Hold Over Limit" instead; nothing was posted.`);
			}
			throw error;
		}
		this.creditCheck = new CreditCheck(this.credit.handling, this.reference.credit);
		this.queries.referenceData += this.connection.queryCount - start;
		this.checkSettings();
		const before = this.connection.queryCount;
		this.posted = await postedReferences(this.connection, this.edition, documents.filter(({ document }) => !isMasterRecord(document.type)).map(({ document }) => document.header?.number ?? ''));
		this.queries.duplicateCheck += this.connection.queryCount - before;
		if (this.edition !== 'generic') {
			await removeAbandonedTemporaries(this.options.importFolder!);
			// Accounts earlier runs wrote record files for, not in Sage yet: not written a second time.
			const unknown = [...new Set(documents.map(({ document }) => document).filter((document) => !this.knownAccount(document)).map(accountOf))];
			for (const [identity, entry] of await context.inspect(unknown)) {
				if (entry.state === 'written') this.pendingAccounts.set(identity, String(entry.targetReference?.folder ?? entry.targetReference?.file ?? 'an earlier run folder'));
			}
		}
	}

	private knownAccount(document: LedgerDocument): boolean {
		const code = document.party?.code?.trim().toUpperCase() ?? '';
		return (partySide(document.type) === 'customer' ? this.reference.customers : this.reference.suppliers).has(code);
	}

	/** Codes chosen in the node must exist in Sage, or every document using them would be refused one by one. */
	private checkSettings(): void {
		const defaults = this.options.defaults ?? {};
		const reference = this.reference;
		const problems: string[] = [];
		const nominal = (label: string, code: string | undefined) => {
			if (code && !reference.nominalAccounts.has(code.trim().toUpperCase())) problems.push(`the ${label}, ${code}, is not an account in Sage's chart of accounts`);
		};
		nominal('sales nominal code for lines without one', defaults.salesNominalCode);
		nominal('purchase nominal code for lines without one', defaults.purchaseNominalCode);
		if (defaults.taxCode && !reference.taxCodes.has(defaults.taxCode.trim().toUpperCase())) {
			problems.push(`the tax code for lines without one, ${defaults.taxCode}, is not a tax code in Sage`);
		}
		if (defaults.department && reference.departments && !reference.departments.has(defaults.department.trim().toUpperCase())) {
			problems.push(`the department for lines without one, ${defaults.department}, is not a department in Sage`);
		}
		if (this.edition === 'sage50us') {
			nominal('sales tax G/L account', this.options.usJournal?.salesTaxAccount);
			nominal('purchase tax G/L account', this.options.usJournal?.purchaseTaxAccount);
		}
		if (problems.length > 0) throw new SageSettingsError(`${capitalise(problems.join('; '))}. Choose codes from the lists (they are read from Sage); nothing was posted.`);
	}

	resolveRecovering(documents: readonly Identified[]): Promise<Map<string, Found>> {
		return this.edition === 'generic' ? Promise.resolve(new Map()) : resolveFromRunFolders(documents, this.label);
	}

	async lookInTarget(documents: readonly Identified[]): Promise<Map<string, Found>> {
		const found = new Map<string, Found>();
		for (const entry of documents) {
			const { document } = entry;
			const code = document.party?.code?.trim().toUpperCase() ?? '';
			if (isMasterRecord(document.type)) {
				if (code && this.knownAccount(document)) found.set(entry.identity, { reference: { account: code }, message: `${entry.name} is already in Sage.` });
				continue;
			}
			const type = SAGE_TRANSACTION_TYPE[document.type];
			if (type && this.posted.has(postedKey(code, document.header?.number ?? '', this.edition === 'sage50us' ? undefined : type))) {
				found.set(entry.identity, { reference: { account: code, type, reference: document.header?.number ?? '' }, message: `${entry.name} for ${code} is already posted in Sage; it is not posted again.` });
			}
		}
		return found;
	}

	async check(documents: readonly Identified[]): Promise<Map<string, Verdict>> {
		const verdicts = new Map<string, Verdict>();
		const fail = (entry: Identified, failures: Failure[]) => {
			if (failures.length > 0 && !verdicts.has(entry.identity)) verdicts.set(entry.identity, { failures });
		};
		const byIndex = new Map(documents.map((entry) => [entry.index, entry]));
		const plan = planPosting(
			documents.map(({ index, document }) => ({ index, document })),
			this.reference,
			new Set(),
			{ edition: this.edition, createMissingAccounts: this.options.createMissingAccounts, maxDocuments: 0 },
		);
		for (const rejected of plan.rejected) fail(byIndex.get(rejected.index)!, rejected.failures);
		// The same record twice cannot reach here (one identity, one document); an account record the run also derives is one account.
		for (const duplicate of plan.duplicates) fail(byIndex.get(duplicate.index)!, [{ code: 'DUPLICATE_IN_BATCH', message: duplicate.reason }]);
		// Accounts an earlier run's record file creates are on their way into Sage: not written again.
		this.newAccounts = plan.newAccounts.filter((account) => !this.pendingAccounts.has(accountKey(account.side, account.code)));
		if (this.edition === 'generic') return verdicts;

		const entries = plan.post.map(({ index }) => byIndex.get(index)!);
		this.checkFiles(entries, fail, verdicts);
		return verdicts;
	}

	/** Sage 50 UK and US: each document checked as its import file will hold it, then credit limits, then the accounts' records. */
	private checkFiles(entries: Identified[], fail: (entry: Identified, failures: Failure[]) => void, verdicts: Map<string, Verdict>): void {
		const us = this.edition === 'sage50us';
		const defaults = this.options.defaults ?? {};
		const transactions = entries.filter(({ document }) => !isMasterRecord(document.type));
		const keep = (inFile: Identified[], checks: Sage50DocumentCheck[]) =>
			inFile.forEach((entry, position) => {
				this.checks.set(entry.identity, checks[position]);
				fail(entry, checks[position].failures);
			});
		if (us) {
			for (const entry of transactions) if (!usJournalFor(entry.document)) fail(entry, [usNotSupported(entry)]);
			for (const journal of ['sales', 'purchases'] as UsJournal[]) {
				const inJournal = transactions.filter(({ document }) => usJournalFor(document) === journal);
				keep(inJournal, checkUsJournalDocuments(journal, inJournal.map(({ document }) => document), this.usOptions()));
			}
		} else {
			keep(transactions, checkAuditTrailDocuments(transactions.map(({ document }) => document), this.auditOptions()));
		}

		// Credit limits are judged on what would otherwise be written, in input order, so an invoice
		// refused for another reason never uses up its customer's headroom.
		for (const entry of transactions) {
			if (verdicts.has(entry.identity)) continue;
			const verdict = this.creditCheck.assess(entry.document);
			if (verdict.kind === 'hold') {
				fail(entry, [verdict.failure]);
				this.credit.held += 1;
				continue;
			}
			this.creditCheck.book(entry.document);
			if (verdict.warning) {
				this.warnings.set(entry.identity, [verdict.warning]);
				this.credit.warned += 1;
			}
		}

		// The accounts the surviving documents need, as record rows; a record that fails holds back every document naming its account.
		const needed = new Set(entries.filter((entry) => !verdicts.has(entry.identity)).map(({ document }) => accountOf(document)));
		const flavour = us ? 'us' : 'uk';
		const unwritable = new Map<string, { account: NewAccount; failures: Failure[] }>();
		const recordFiles: PlannedFile[] = [];
		for (const side of ['customer', 'supplier'] as const) {
			const accounts = this.newAccounts.filter((account) => account.side === side && needed.has(accountKey(side, account.code)));
			// A transaction's party as a record of its own: no header, so messages name the account.
			const records = accounts.map(({ document }): LedgerDocument => ({ type: side, party: document.party }));
			const checks = us ? checkUsRecordDocuments(side, records, recordOptions(side, defaults)) : checkRecordDocuments(side, records, recordOptions(side, defaults));
			const good: Array<{ check: Sage50DocumentCheck; identity?: string }> = [];
			checks.forEach((check, position) => {
				const account = accounts[position];
				if (check.failures.length > 0) unwritable.set(accountKey(side, account.code), { account, failures: check.failures });
				else {
					const own = entries.find((entry) => isMasterRecord(entry.document.type) && accountOf(entry.document) === accountKey(side, account.code));
					good.push({ check, identity: own?.identity });
				}
			});
			if (good.length > 0) {
				const { layout, prefix } = RECORD_LAYOUTS[flavour][side];
				recordFiles.push({ layout, fileName: sage50FileName(prefix, this.options.stamp), parts: good });
				this.accountsCreated.push(...accounts.filter((account) => !unwritable.has(accountKey(side, account.code))).map(({ code }) => ({ side, code })));
			}
		}
		for (const entry of entries) {
			const problem = unwritable.get(accountOf(entry.document));
			if (!problem || verdicts.has(entry.identity)) continue;
			if (isMasterRecord(entry.document.type)) fail(entry, problem.failures);
			else {
				const account = `${problem.account.side} ${problem.account.code}`;
				fail(
					entry,
					problem.failures.map((failure) => ({
						...failure,
						message: `${entry.name}: ${account} is not in Sage and cannot be created, so the document is held back: ${failure.message}`,
					})),
				);
			}
		}
		// Accounts whose every document was refused are not created after all.
		const stillNeeded = new Set(entries.filter((entry) => !verdicts.has(entry.identity)).map(({ document }) => accountOf(document)));
		for (const file of recordFiles) {
			file.parts = file.parts.filter(({ check }) => stillNeeded.has(accountOf(check.document)));
		}
		const created = new Set(recordFiles.flatMap((file) => file.parts.map(({ check }) => accountOf(check.document))));
		this.accountsCreated.splice(0, this.accountsCreated.length, ...this.accountsCreated.filter(({ side, code }) => created.has(accountKey(side, code))));

		// A subset of documents that each passed still passes: dropping one never makes two others merge.
		const toWrite = transactions.filter((entry) => !verdicts.has(entry.identity));
		const journalFiles: PlannedFile[] = [];
		if (us) {
			for (const journal of ['sales', 'purchases'] as UsJournal[]) {
				const inJournal = toWrite.filter(({ document }) => usJournalFor(document) === journal);
				if (inJournal.length === 0) continue;
				const { layout, prefix } = JOURNAL_LAYOUTS[journal];
				journalFiles.push({ layout, fileName: sage50FileName(prefix, this.options.stamp), parts: inJournal.map((entry) => ({ check: this.checks.get(entry.identity)!, identity: entry.identity })) });
			}
		} else if (toWrite.length > 0) {
			journalFiles.push({ layout: 'ukAuditTrail', fileName: sage50FileName('AUDIT', this.options.stamp), parts: toWrite.map((entry) => ({ check: this.checks.get(entry.identity)!, identity: entry.identity })) });
		}
		this.planned = [...recordFiles.filter((file) => file.parts.length > 0), ...journalFiles];
	}

	private usOptions(): UsJournalOptions {
		return { ...DEFAULT_US_JOURNAL_OPTIONS, ...this.options.usJournal };
	}

	private auditOptions(): AuditTrailOptions {
		return { ...DEFAULT_AUDIT_TRAIL_OPTIONS, ...this.options.auditTrail };
	}

	async preview(documents: readonly Identified[]): Promise<Map<string, Preview>> {
		const previews = new Map<string, Preview>();
		const creates = (document: LedgerDocument) => this.newAccounts.find((account) => accountKey(account.side, account.code) === accountOf(document));
		for (const entry of documents) {
			const account = creates(entry.document);
			const accountNote = account && !isMasterRecord(entry.document.type) ? `; ${account.side} ${account.code} would be created first` : '';
			if (this.edition === 'generic') {
				previews.set(entry.identity, {
					preview: { ledger: isMasterRecord(entry.document.type) ? 'account' : 'AUDIT_HEADER and AUDIT_SPLIT', lines: entry.document.lines?.length ?? 0, createsAccount: account ? `${account.side} ${account.code}` : null },
					message: `${entry.name} would be posted to the ODBC ledger${accountNote}.`,
				});
				continue;
			}
			const file = this.planned.find((candidate) => candidate.parts.some((part) => part.identity === entry.identity));
			const rows = file?.parts.find((part) => part.identity === entry.identity)?.check.rows ?? [];
			previews.set(entry.identity, {
				preview: { file: file?.fileName ?? null, importIn: file ? SAGE50_IMPORT_STEPS[file.layout] : null, headings: file ? sage50Headings(file.layout) : [], rows, createsAccount: account ? `${account.side} ${account.code}` : null },
				message: `${entry.name} would be written to ${file?.fileName ?? 'an import file'} (${rows.length} row${rows.length === 1 ? '' : 's'})${accountNote}.`,
			});
		}
		return previews;
	}

	async post(documents: readonly Identified[], sink: PostingSink): Promise<void> {
		if (this.edition === 'generic') await this.insertIntoLedger(documents, sink);
		else await this.writeImportFiles(documents, sink);
	}

	/** Sage 50: every file of the run into one run folder, published in one step. */
	private async writeImportFiles(documents: readonly Identified[], sink: PostingSink): Promise<void> {
		const runFolder = await RunFolder.create(this.options.importFolder!, this.options.stamp);
		try {
			const places = new Map<string, { file: string; row: number; rows: number }>();
			for (const file of this.planned) {
				const rows = rowsOrThrow(file.parts.map(({ check }) => check));
				await writeFile(runFolder.file(file.fileName), csvBytes(sage50Headings(file.layout), rows));
				let row = 1;
				for (const { check, identity } of file.parts) {
					if (identity) places.set(identity, { file: file.fileName, row, rows: check.rows.length });
					row += check.rows.length;
				}
				this.files.push({ path: runFolder.publishedFile(file.fileName), fileName: file.fileName, rows: rows.length, layout: file.layout, importIn: SAGE50_IMPORT_STEPS[file.layout] });
			}
			// What the journal knows so far first: a crash after the rename finds these files, not the rejects.
			await sink.flush();
			if (this.planned.length > 0) await runFolder.publish();
			const recordFiles = this.planned.filter((file) => file.layout === 'ukCustomer' || file.layout === 'ukSupplier' || file.layout === 'usCustomer' || file.layout === 'usVendor');
			sink.remember(
				recordFiles.flatMap((file) =>
					file.parts.map(({ check }) => {
						const side = partySide(check.document.type);
						const code = (check.document.party?.code ?? '').trim().toUpperCase();
						return {
							identity: `${side}|${code}`,
							document: `${side} ${code}`,
							state: 'written' as const,
							reference: { folder: runFolder.finalPath, file: file.fileName },
							message: `${capitalise(side)} ${code} written to ${file.fileName} in ${runFolder.finalPath}, for import into Sage before the transactions that name it.`,
						};
					}),
				),
			);
			await sink.published(
				documents.map((entry) => {
					const place = places.get(entry.identity);
					const reference: TargetReference = place ? { folder: runFolder.finalPath, file: place.file } : { folder: runFolder.finalPath };
					return {
						identity: entry.identity,
						reference,
						message: `${entry.name} written to ${place ? `${place.file} row ${place.row}` : 'the run folder'} in ${runFolder.finalPath}, for import into Sage.`,
						details: { ...this.details(entry), ...(place ? { row: place.row, rows: place.rows } : {}) },
					};
				}),
			);
			await sink.flush();
		} finally {
			await runFolder.discard();
		}
	}

	/** Writable ODBC: each document in its own transaction, with the account it creates, and asked for again inside it. */
	private async insertIntoLedger(documents: readonly Identified[], sink: PostingSink): Promise<void> {
		const defaults = this.options.defaults ?? {};
		const toCreate = new Map(this.newAccounts.map((account) => [accountKey(account.side, account.code), account]));
		const created = new Set<string>();
		const start = this.connection.queryCount;
		let next = await nextTransactionNumber(this.connection);
		const table = SAGE_TABLES[this.edition].postedDocuments;
		for (const entry of documents) {
			const verdict = this.creditCheck.assess(entry.document);
			if (verdict.kind === 'hold') {
				this.credit.held += 1;
				sink.rejected(entry.identity, [verdict.failure]);
				continue;
			}
			const key = accountOf(entry.document);
			const account = created.has(key) ? undefined : toCreate.get(key);
			const type = SAGE_TRANSACTION_TYPE[entry.document.type] ?? '';
			const code = (entry.document.party?.code ?? '').toUpperCase();
			sink.sending([entry.identity]);
			try {
				const used = await this.connection.transaction(async (inner) => {
					if (!isMasterRecord(entry.document.type)) {
						const [already] = await inner.query<{ N: number }>(
							`SELECT COUNT(*) AS N FROM ${table.table} WHERE ${table.account} = ? AND ${table.reference} = ?${table.type ? ` AND ${table.type} = ?` : ''}`,
							[code, entry.document.header?.number ?? '', ...(table.type ? [type] : [])],
						);
						if (Number(already?.N ?? 0) > 0) return 'found' as const;
					}
					if (account) await insertAccount(inner, account.side, account.document, recordOptions(account.side, defaults));
					if (isMasterRecord(entry.document.type)) return 0;
					const inserted = await insertTransaction(inner, entry.document, next);
					return Math.max(1, inserted.splits);
				});
				if (used === 'found') {
					sink.found(entry.identity, { reference: { account: code, type, reference: entry.document.header?.number ?? '' }, message: `${entry.name} for ${code} is already posted in Sage (it arrived while this run was going); it is not posted again.` });
					continue;
				}
				const transactionNumber = next;
				next += used;
				if (account) {
					created.add(key);
					this.accountsCreated.push({ side: account.side, code: account.code });
				}
				// Only what reached the ledger counts against the customer's headroom.
				this.creditCheck.book(entry.document);
				if (verdict.warning) {
					this.warnings.set(entry.identity, [verdict.warning]);
					this.credit.warned += 1;
				}
				sink.posted(entry.identity, {
					state: 'posted',
					reference: isMasterRecord(entry.document.type) ? { account: code } : { account: code, type, transactionNumber },
					message: isMasterRecord(entry.document.type) ? `${entry.name} created in Sage.` : `${entry.name} posted to Sage as transaction ${transactionNumber}${account ? ` (${account.side} ${account.code} created with it)` : ''}.`,
					details: this.details(entry),
				});
			} catch (error) {
				if ((error as { code?: string }).code === 'SAGE_DATABASE_BUSY') {
					sink.rejected(entry.identity, [{ code: 'SAGE_DATABASE_BUSY', message: `${entry.name}: ${(error as Error).message}` }]);
				} else if ((error as Error).name === 'SageConnectionError' && !/The Sage query failed/.test((error as Error).message)) {
					// The connection itself went: the transaction rolled back, but stop rather than fail every document the same way.
					throw error;
				} else {
					sink.rejected(entry.identity, [{ code: 'FIELD_INVALID', message: `${entry.name}: Sage refused it: ${(error as Error).message}` }]);
				}
			}
			await sink.checkpoint();
		}
		this.queries.posting += this.connection.queryCount - start;
	}

	private details(entry: Identified): Record<string, unknown> {
		const applied = this.defaultsApplied.get(entry.document) ?? [];
		const warnings = this.warnings.get(entry.identity) ?? [];
		return { ...(applied.length > 0 ? { defaultsApplied: applied } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
	}

	describeReference(reference: TargetReference): string {
		if (reference.file) return `${String(reference.file)}${reference.row ? ` row ${String(reference.row)}` : ''}${reference.folder ? ` in ${String(reference.folder)}` : ''}`;
		if (reference.folder) return String(reference.folder);
		if (reference.transactionNumber) return `transaction ${String(reference.transactionNumber)}`;
		return '';
	}

	/** The run's files for the Run Summary, with where each goes in Sage. */
	get fileNames(): string[] {
		return this.files.map((file) => path.basename(file.path));
	}
}

function usNotSupported(entry: Identified): Failure {
	return {
		code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
		field: 'type',
		message: `${entry.name}: Ledger Bridge writes Sage 50 US Sales and Purchases Journal files (invoices, credit memos, expenses, item receipts), not receipts or payments; enter it in Sage's Cash Receipts or Cash Disbursements.`,
	};
}

export interface SagePostResult {
	pipeline: PostingResult;
	/** Written to an import file (Sage 50) or posted (generic), in input order. */
	posted: Array<{ index: number; document: LedgerDocument; reference: TargetReference; defaultsApplied: string[]; warnings: string[] }>;
	duplicates: Array<{ index: number; document: LedgerDocument; reason: string }>;
	rejected: Array<{ index: number; input: unknown; failures: Failure[] }>;
	accountsCreated: Array<{ side: 'customer' | 'supplier'; code: string }>;
	files: SagePostFile[];
	queries: { referenceData: number; duplicateCheck: number; posting: number; total: number };
	credit: { handling: CreditLimitHandling; warned: number; held: number };
}

/**
 * One run in plain terms, for the bench and the domain tests: the documents through the
 * pipeline with this company's adapter, under `run` (its journal decides what was sent before).
 */
export async function postToSage(
	connection: SageConnection,
	inputs: readonly unknown[],
	options: Omit<SagePostOptions, 'stamp' | 'scope'> & { stamp?: string; scope?: string; maxDocuments?: number },
	run: PostingRun,
): Promise<SagePostResult> {
	const stamp = options.stamp ?? runStamp();
	const adapter = new SageAdapter(connection, { ...options, stamp, scope: options.scope ?? 'company' });
	await run.start(options.edition === 'generic' ? undefined : runOutput(options.importFolder, stamp));
	let pipeline: PostingResult;
	try {
		pipeline = await runPosting(run, adapter, inputs.map((input, index) => ({ index, input })), { maxDocuments: options.maxDocuments });
	} finally {
		await run.finish('done');
	}
	const posted: SagePostResult['posted'] = [];
	const duplicates: SagePostResult['duplicates'] = [];
	const rejected: SagePostResult['rejected'] = [];
	for (const outcome of pipeline.outcomes) {
		if (outcome.kind === 'posted') {
			const details = (outcome.details ?? {}) as { defaultsApplied?: string[]; warnings?: string[] };
			posted.push({ index: outcome.index, document: outcome.document!, reference: outcome.reference, defaultsApplied: details.defaultsApplied ?? [], warnings: details.warnings ?? [] });
		} else if (outcome.kind === 'duplicate') duplicates.push({ index: outcome.index, document: outcome.document!, reason: outcome.message });
		else if (outcome.kind === 'rejected') rejected.push({ index: outcome.index, input: outcome.input, failures: outcome.failures });
		else if (outcome.kind === 'skipped') rejected.push({ index: outcome.index, input: outcome.input, failures: [outcome.failure] });
	}
	const { referenceData, duplicateCheck, posting } = adapter.queries;
	return {
		pipeline,
		posted,
		duplicates,
		rejected,
		accountsCreated: adapter.accountsCreated,
		files: adapter.files,
		queries: { referenceData, duplicateCheck, posting, total: referenceData + duplicateCheck + posting },
		credit: adapter.credit,
	};
}

export type { PlannedDocument };

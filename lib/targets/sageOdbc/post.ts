/**
 * One posting run into a Sage company, from the documents as they arrive to what Sage
 * holds or what waits in its import folder. The Sage Import node and bench/sage.ts both
 * run this, so the figures the bench prints are those of the node.
 *
 * 1. Every document is validated against the canonical schema.
 * 2. The node's defaults fill lines without a nominal, tax code or department.
 * 3. Reference data is read once (five queries), and the references Sage already holds in
 *    one query per 100 documents (lookups.ts).
 * 4. The plan (plan.ts) sorts each document into post, duplicate or rejected.
 * 4a. With "Credit Limit Handling" on, each sales invoice that would otherwise be posted is
 *    judged against its customer's credit limit in input order (credit.ts): posted, posted with
 *    a warning, or held (SAGE_CREDIT_LIMIT_HOLD). The limits come with the customers in step 3.
 * 5. Sage 50 (read-only ODBC, reference §1 and §2): the import files are checked document by
 *    document, and the customer/supplier record files written *before* the journal or audit
 *    trail that names the new accounts, since Sage refuses a transaction row for an account it
 *    does not know. An account whose record cannot be written holds back every document that
 *    needs it. Generic writable ODBC: one database transaction per document, the new account
 *    inserted in the same transaction as the first document that needs it.
 */
import { isMasterRecord, partySide, describeDocument, type LedgerDocument } from '../../model/document';
import { capitalise, validateDocument } from '../../model/validate';
import type { Failure } from '../../report/failureCodes';
import { runStamp } from '../../files/runFolder';
import { checkAuditTrailDocuments, DEFAULT_AUDIT_TRAIL_OPTIONS, writeCheckedAuditTrailFile, type AuditTrailOptions } from '../sage50/auditTrail';
import type { Sage50DocumentCheck } from '../sage50/checks';
import { SAGE50_IMPORT_STEPS, type Sage50Layout } from '../sage50/fields';
import { checkRecordDocuments, writeRecordsFile, type RecordOptions, type Sage50RecordKind } from '../sage50/records';
import { checkUsRecordDocuments, writeUsRecordsFile } from '../sage50/usRecords';
import { checkUsJournalDocuments, DEFAULT_US_JOURNAL_OPTIONS, usJournalFor, writeCheckedUsJournalFile, type UsJournal, type UsJournalOptions } from '../sage50/usJournal';
import type { SageConnection, SageEdition } from './connection';
import { CreditCheck, CreditStatusUnavailableError, type CreditLimitHandling } from './credit';
import { insertAccount, insertTransaction, nextTransactionNumber } from './insert';
import { loadReferenceData, postedReferences, type ReferenceData } from './lookups';
import { SAGE_TABLES } from './schema';
import { accountKey, applyLineDefaults, planPosting, referencesToCheck, type LineDefaults, type NewAccount, type PlannedDocument } from './plan';

export interface SagePostOptions {
	edition: SageEdition;
	/** Sage 50 editions: the folder Sage imports from. */
	importFolder?: string;
	createMissingAccounts: boolean;
	/** 0 = no limit. */
	maxDocuments: number;
	defaults?: LineDefaults;
	/** Sage 50 US journals: amount signs, tax and control accounts. */
	usJournal?: Partial<UsJournalOptions>;
	/** Sage 50 UK audit trail: bank nominal and T-code of receipts and payments, base currency. */
	auditTrail?: Partial<AuditTrailOptions>;
	/** The run's stamp in file names; a new one when absent. */
	stamp?: string;
	/** Sales invoices over their customer's credit limit: "ignore" (default), warn, hold, or each customer's status. */
	creditLimitHandling?: CreditLimitHandling;
}

export interface SagePostFile {
	path: string;
	rows: number;
	layout: Sage50Layout;
	/** Where in Sage to import it; files are listed in the order to import them. */
	importIn: string;
}

export interface SagePostResult {
	/** Written to an import file (Sage 50) or posted (generic), in input order; `warnings` from the credit-limit check. */
	posted: Array<PlannedDocument & { defaultsApplied: string[]; warnings: string[] }>;
	duplicates: Array<PlannedDocument & { reason: string }>;
	/** In input order; `index` is the position in the inputs. */
	rejected: Array<{ index: number; input: unknown; failures: Failure[] }>;
	/** Customers and suppliers created (in a record file or the ledger). */
	accountsCreated: Array<{ side: 'customer' | 'supplier'; code: string }>;
	/** In the order to import them: record files before the transactions that name their accounts. */
	files: SagePostFile[];
	/** ODBC queries of the run, by purpose. */
	queries: { referenceData: number; duplicateCheck: number; posting: number; total: number };
	/** What the credit-limit check did: invoices posted with a warning, and held. */
	credit: { handling: CreditLimitHandling; warned: number; held: number };
}

/** A setting of the run names a code Sage does not have: nothing is posted. */
export class SageSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SageSettingsError';
	}
}

type Rejection = SagePostResult['rejected'][number];

export async function postToSage(connection: SageConnection, inputs: readonly unknown[], options: SagePostOptions): Promise<SagePostResult> {
	if (options.edition !== 'generic' && !options.importFolder?.trim()) {
		throw new SageSettingsError("Sage 50's ODBC driver cannot post: set the import folder Sage's import files are written to. Nothing was posted.");
	}
	const defaults = options.defaults ?? {};
	const handling = options.creditLimitHandling ?? 'ignore';
	if (handling !== 'ignore' && !SAGE_TABLES[options.edition].customers.credit) {
		throw new SageSettingsError(
			'Credit Limit Handling is not available for Sage 50 US yet: where its customers\' credit limit, balance and credit status are kept is not confirmed. Choose "Ignore" for this company; nothing was posted.',
		);
	}
	const rejected: Rejection[] = [];
	const valid: PlannedDocument[] = [];
	const defaultsApplied = new Map<number, string[]>();
	inputs.forEach((input, index) => {
		const validation = validateDocument(input);
		if (!validation.document || validation.failures.length > 0) {
			rejected.push({ index, input, failures: validation.failures });
			return;
		}
		const { document, applied } = applyLineDefaults(validation.document, defaults);
		if (applied.length > 0) defaultsApplied.set(index, applied);
		valid.push({ index, document });
	});

	const start = connection.queryCount;
	let reference: ReferenceData;
	try {
		reference = await loadReferenceData(connection, options.edition, {
			credit: handling === 'ignore' ? undefined : handling === 'customerStatus' ? 'limitsAndStatus' : 'limits',
		});
	} catch (error) {
		if (error instanceof CreditStatusUnavailableError) {
			throw new SageSettingsError(`${error.message} Choose "Warn Over Limit" or "Hold Over Limit" instead; nothing was posted.`);
		}
		throw error;
	}
	const credit = new CreditCheck(handling, reference.credit);
	const afterReference = connection.queryCount;
	checkSettings(reference, options);
	const posted = await postedReferences(connection, options.edition, referencesToCheck(valid));
	const afterDuplicates = connection.queryCount;

	const plan = planPosting(valid, reference, posted, {
		edition: options.edition,
		createMissingAccounts: options.createMissingAccounts,
		maxDocuments: options.maxDocuments,
	});
	rejected.push(...plan.rejected);

	const outcome =
		options.edition === 'generic'
			? await insertIntoLedger(connection, plan.post, plan.newAccounts, defaults, credit)
			: await writeImportFiles(plan.post, plan.newAccounts, options, credit);
	rejected.push(...outcome.rejected);
	rejected.sort((a, b) => a.index - b.index);

	const end = connection.queryCount;
	const written = outcome.posted.map((entry) => ({ ...entry, defaultsApplied: defaultsApplied.get(entry.index) ?? [], warnings: outcome.warnings.get(entry.index) ?? [] }));
	return {
		posted: written,
		duplicates: plan.duplicates,
		rejected,
		accountsCreated: outcome.accountsCreated,
		files: outcome.files,
		queries: { referenceData: afterReference - start, duplicateCheck: afterDuplicates - afterReference, posting: end - afterDuplicates, total: end - start },
		credit: {
			handling,
			warned: written.filter((entry) => entry.warnings.length > 0).length,
			held: rejected.filter((entry) => entry.failures.some((failure) => failure.code === 'SAGE_CREDIT_LIMIT_HOLD')).length,
		},
	};
}

/** Codes chosen in the node must exist in Sage, or every document using them would be refused one by one. */
function checkSettings(reference: ReferenceData, options: SagePostOptions): void {
	const defaults = options.defaults ?? {};
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
	if (options.edition === 'sage50us') {
		nominal('sales tax G/L account', options.usJournal?.salesTaxAccount);
		nominal('purchase tax G/L account', options.usJournal?.purchaseTaxAccount);
	}
	if (problems.length > 0) throw new SageSettingsError(`${capitalise(problems.join('; '))}. Choose codes from the lists (they are read from Sage); nothing was posted.`);
}

interface Outcome {
	posted: PlannedDocument[];
	rejected: Rejection[];
	accountsCreated: Array<{ side: 'customer' | 'supplier'; code: string }>;
	files: SagePostFile[];
	/** Credit-limit warnings of posted documents, by input index. */
	warnings: Map<number, string[]>;
}

function accountOf(document: LedgerDocument): string {
	return accountKey(partySide(document.type), document.party?.code ?? '');
}

function recordOptions(side: 'customer' | 'supplier', defaults: LineDefaults): RecordOptions {
	return {
		defaultNominalCode: side === 'customer' ? defaults.salesNominalCode : defaults.purchaseNominalCode,
		defaultTaxCode: defaults.taxCode,
	};
}

/** Generic writable ODBC: each document in its own transaction, with the account it creates. */
async function insertIntoLedger(connection: SageConnection, entries: PlannedDocument[], newAccounts: NewAccount[], defaults: LineDefaults, credit: CreditCheck): Promise<Outcome> {
	const outcome: Outcome = { posted: [], rejected: [], accountsCreated: [], files: [], warnings: new Map() };
	const toCreate = new Map(newAccounts.map((account) => [accountKey(account.side, account.code), account]));
	const created = new Set<string>();
	let next = await nextTransactionNumber(connection);
	for (const entry of entries) {
		const verdict = credit.assess(entry.document);
		if (verdict.kind === 'hold') {
			outcome.rejected.push({ index: entry.index, input: entry.document, failures: [verdict.failure] });
			continue;
		}
		const key = accountOf(entry.document);
		const account = created.has(key) ? undefined : toCreate.get(key);
		try {
			const used = await connection.transaction(async (inner) => {
				if (account) await insertAccount(inner, account.side, account.document, recordOptions(account.side, defaults));
				if (isMasterRecord(entry.document.type)) return 0;
				const inserted = await insertTransaction(inner, entry.document, next);
				return Math.max(1, inserted.splits);
			});
			next += used;
			if (account) {
				created.add(key);
				outcome.accountsCreated.push({ side: account.side, code: account.code });
			}
			// Only what reached the ledger counts against the customer's headroom.
			credit.book(entry.document);
			if (verdict.warning) outcome.warnings.set(entry.index, [verdict.warning]);
			outcome.posted.push(entry);
		} catch (error) {
			outcome.rejected.push({
				index: entry.index,
				input: entry.document,
				failures: [{ code: 'FIELD_INVALID', message: `${capitalise(describeDocument(entry.document))}: Sage refused it: ${(error as Error).message}` }],
			});
		}
	}
	return outcome;
}

/** Sage 50 UK and US: checked import files, records first. */
async function writeImportFiles(entries: PlannedDocument[], newAccounts: NewAccount[], options: SagePostOptions, credit: CreditCheck): Promise<Outcome> {
	const outcome: Outcome = { posted: [], rejected: [], accountsCreated: [], files: [], warnings: new Map() };
	const us = options.edition === 'sage50us';
	const defaults = options.defaults ?? {};
	const usOptions: UsJournalOptions = { ...DEFAULT_US_JOURNAL_OPTIONS, ...options.usJournal };
	const auditOptions: AuditTrailOptions = { ...DEFAULT_AUDIT_TRAIL_OPTIONS, ...options.auditTrail };
	const stamp = options.stamp ?? runStamp();
	const folder = options.importFolder ?? '';
	const failed = new Map<number, Failure[]>();
	const reject = (entry: PlannedDocument, failures: Failure[]) => {
		if (failures.length > 0 && !failed.has(entry.index)) failed.set(entry.index, failures);
	};

	// The transactions, each checked as its import file will hold it; the checks keep their
	// rows, which are written as they are once the rejects are known.
	const transactions = entries.filter(({ document }) => !isMasterRecord(document.type));
	const journals: UsJournal[] = ['sales', 'purchases'];
	const checked = new Map<number, Sage50DocumentCheck>();
	const keepChecks = (inFile: PlannedDocument[], checks: Sage50DocumentCheck[]) => {
		inFile.forEach((entry, position) => {
			checked.set(entry.index, checks[position]);
			reject(entry, checks[position].failures);
		});
	};
	if (us) {
		for (const entry of transactions) {
			if (!usJournalFor(entry.document)) reject(entry, [usNotSupported(entry.document)]);
		}
		for (const journal of journals) {
			const inJournal = transactions.filter(({ document }) => usJournalFor(document) === journal);
			keepChecks(inJournal, checkUsJournalDocuments(journal, inJournal.map(({ document }) => document), usOptions));
		}
	} else {
		keepChecks(transactions, checkAuditTrailDocuments(transactions.map(({ document }) => document), auditOptions));
	}

	// Credit limits are judged on what would otherwise be written, in input order, so an invoice
	// refused for another reason never uses up its customer's headroom.
	for (const entry of transactions) {
		if (failed.has(entry.index)) continue;
		const verdict = credit.assess(entry.document);
		if (verdict.kind === 'hold') {
			reject(entry, [verdict.failure]);
			continue;
		}
		credit.book(entry.document);
		if (verdict.warning) outcome.warnings.set(entry.index, [verdict.warning]);
	}

	// The accounts the surviving documents need, as record rows; a record that fails holds
	// back every document naming its account.
	const needed = new Set(entries.filter((entry) => !failed.has(entry.index)).map(({ document }) => accountOf(document)));
	const records = new Map<Sage50RecordKind, { accounts: NewAccount[]; checks: Sage50DocumentCheck[] }>();
	const unwritable = new Map<string, { account: NewAccount; failures: Failure[] }>();
	for (const side of ['customer', 'supplier'] as const) {
		const accounts = newAccounts.filter((account) => account.side === side && needed.has(accountKey(side, account.code)));
		// A transaction's party as a record of its own: no header, so messages name the account.
		const documents = accounts.map(({ document }): LedgerDocument => ({ type: side, party: document.party }));
		const checks = us ? checkUsRecordDocuments(side, documents, recordOptions(side, defaults)) : checkRecordDocuments(side, documents, recordOptions(side, defaults));
		checks.forEach((check, position) => {
			if (check.failures.length > 0) unwritable.set(accountKey(side, accounts[position].code), { account: accounts[position], failures: check.failures });
		});
		records.set(side, { accounts, checks });
	}
	for (const entry of entries) {
		const problem = unwritable.get(accountOf(entry.document));
		if (!problem || failed.has(entry.index)) continue;
		if (isMasterRecord(entry.document.type)) reject(entry, problem.failures);
		else {
			const account = `${problem.account.side} ${problem.account.code}`;
			reject(
				entry,
				problem.failures.map((failure) => ({
					...failure,
					message: `${capitalise(describeDocument(entry.document))}: ${account} is not in Sage and cannot be created, so the document is held back: ${failure.message}`,
				})),
			);
		}
	}

	for (const side of ['customer', 'supplier'] as const) {
		const { accounts, checks } = records.get(side)!;
		const good = accounts.filter((_, position) => checks[position].failures.length === 0);
		if (good.length === 0) continue;
		const documents = good.map(({ document }): LedgerDocument => ({ type: side, party: document.party }));
		const file = us
			? await writeUsRecordsFile(folder, side, documents, { ...recordOptions(side, defaults), stamp })
			: await writeRecordsFile(folder, side, documents, { ...recordOptions(side, defaults), stamp });
		const layout: Sage50Layout = us ? (side === 'customer' ? 'usCustomer' : 'usVendor') : side === 'customer' ? 'ukCustomer' : 'ukSupplier';
		outcome.files.push({ path: file.path, rows: file.rowCount, layout, importIn: SAGE50_IMPORT_STEPS[layout] });
		outcome.accountsCreated.push(...good.map(({ code }) => ({ side, code })));
	}

	// A subset of documents that each passed still passes: dropping one never makes two others merge.
	const toWrite = transactions.filter((entry) => !failed.has(entry.index));
	const checksOf = (inFile: PlannedDocument[]) => inFile.map((entry) => checked.get(entry.index)!);
	if (us) {
		for (const journal of journals) {
			const inJournal = toWrite.filter(({ document }) => usJournalFor(document) === journal);
			if (inJournal.length === 0) continue;
			const file = await writeCheckedUsJournalFile(folder, journal, checksOf(inJournal), { stamp });
			const layout: Sage50Layout = journal === 'sales' ? 'usSalesJournal' : 'usPurchasesJournal';
			outcome.files.push({ path: file.path, rows: file.rowCount, layout, importIn: SAGE50_IMPORT_STEPS[layout] });
		}
	} else if (toWrite.length > 0) {
		const file = await writeCheckedAuditTrailFile(folder, checksOf(toWrite), { stamp });
		outcome.files.push({ path: file.path, rows: file.rowCount, layout: 'ukAuditTrail', importIn: SAGE50_IMPORT_STEPS.ukAuditTrail });
	}

	for (const entry of entries) {
		const failures = failed.get(entry.index);
		if (failures) outcome.rejected.push({ index: entry.index, input: entry.document, failures });
		else outcome.posted.push(entry);
	}
	return outcome;
}

function usNotSupported(document: LedgerDocument): Failure {
	return {
		code: 'DOCUMENT_TYPE_NOT_SUPPORTED',
		field: 'type',
		message: `${capitalise(describeDocument(document))}: Ledger Bridge writes Sage 50 US Sales and Purchases Journal files (invoices, credit memos, expenses, item receipts), not receipts or payments; enter it in Sage's Cash Receipts or Cash Disbursements.`,
	};
}

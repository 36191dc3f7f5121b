/**
 * A posting run into Exact Online. Every input ends as posted, a duplicate (already in
 * Exact, so not posted again) or rejected with a failure code. Exact has no idempotency
 * key (reference §3 "Duplicates"), so the run asks first, in bulk, which source invoice
 * numbers (YourRef) its journals already hold, and re-checks a single entry whenever Exact
 * did not confirm a POST.
 */
import { describeDocument, isMasterRecord, partySide, type LedgerDocument } from '../../model/document';
import { capitalise } from '../../model/validate';
import type { Failure } from '../../report/failureCodes';
import { checkExactDocument, EXACT_ENTRY_KIND, journalFor, type EntryKind, type ExactPostingSettings } from './checks';
import { accountBody, entryBody, ENTRY_RESOURCE } from './entries';
import { exactCode, loadExactReference, type ExactAccount, type ExactGlAccount, type ExactReference } from './reference';
import type { ExactClient } from './transport/client';
import { ExactApiError } from './transport/errors';
import { chunkedOrFilters, guidLiteral, odataString } from './transport/odata';

export interface ExactPostOptions extends ExactPostingSettings {
	/** 0 = no limit; while an integration beds in a small number keeps mistakes small. */
	maxDocuments: number;
	/** G/L account type for accounts created on the fly (opt-in): revenue 110 for sales, cost 111 for purchases by default. */
	newGlAccountTypes?: Partial<Record<EntryKind, number>>;
}

export interface PostedOutcome {
	status: 'posted';
	index: number;
	document: LedgerDocument;
	entryId?: string;
	entryNumber?: number;
	accountCreated?: boolean;
	message: string;
}
export interface DuplicateOutcome {
	status: 'duplicate';
	index: number;
	document: LedgerDocument;
	entryId?: string;
	entryNumber?: number;
	message: string;
}
export interface RejectedOutcome {
	status: 'rejected';
	index: number;
	input: unknown;
	failures: Failure[];
}
export type ExactOutcome = PostedOutcome | DuplicateOutcome | RejectedOutcome;

export interface ExactRunResult {
	outcomes: ExactOutcome[];
	createdAccounts: string[];
	createdGlAccounts: string[];
	/** HTTP requests spent on reference data and the duplicate check, before the first POST. */
	lookupRequests: number;
}

interface ExistingEntry {
	EntryID: string;
	YourRef?: string;
	EntryNumber?: number;
	Customer?: string;
	Supplier?: string;
}

interface Planned {
	index: number;
	document: LedgerDocument;
}

export async function postToExact(client: ExactClient, inputs: Planned[], options: ExactPostOptions): Promise<ExactRunResult> {
	const result: ExactRunResult = { outcomes: [], createdAccounts: [], createdGlAccounts: [], lookupRequests: 0 };
	const reject = (index: number, input: unknown, failures: Failure[]) => result.outcomes.push({ status: 'rejected', index, input, failures });

	const accepted: Planned[] = [];
	const seen = new Set<string>();
	for (const planned of inputs) {
		const { index, document } = planned;
		const name = capitalise(describeDocument(document));
		if (options.maxDocuments > 0 && accepted.length >= options.maxDocuments) {
			reject(index, document, [{ code: 'MAX_DOCUMENTS_REACHED', message: `${name} was not processed: this run stops after ${options.maxDocuments} documents.` }]);
			continue;
		}
		const key = batchKey(document);
		if (seen.has(key)) {
			reject(index, document, [{ code: 'DUPLICATE_IN_BATCH', field: 'header.number', message: `${name} appears more than once in this run; only the first is posted.` }]);
			continue;
		}
		seen.add(key);
		accepted.push(planned);
	}

	const requestsBefore = client.stats.requests;
	const reference = await loadExactReference(client, {
		glAccountCodes: [
			...accepted.flatMap(({ document }) => (EXACT_ENTRY_KIND[document.type] ? (document.lines ?? []).map((line) => line.account ?? '') : [])),
			options.newAccounts?.receivablesGlAccount ?? '',
			options.newAccounts?.payablesGlAccount ?? '',
		],
		accountCodes: accepted.map(({ document }) => document.party?.code ?? ''),
	});
	const existing = await existingEntries(client, accepted, options);
	result.lookupRequests = client.stats.requests - requestsBefore;

	let stopped: Failure | undefined;
	for (const { index, document } of accepted) {
		if (stopped) {
			reject(index, document, [{ ...stopped, message: `${capitalise(describeDocument(document))} was not sent: ${stopped.message}` }]);
			continue;
		}
		try {
			result.outcomes.push(
				isMasterRecord(document.type)
					? await postAccountRecord(client, index, document, reference, options, result)
					: await postEntry(client, index, document, reference, existing, options, result),
			);
		} catch (error) {
			if (error instanceof ExactApiError && error.kind === 'dailyLimit') {
				stopped = { code: 'EXACT_LIMIT_REACHED', message: error.message };
				reject(index, document, [{ ...stopped, message: `${capitalise(describeDocument(document))} was not sent: ${error.message}` }]);
				continue;
			}
			throw error;
		}
	}
	result.outcomes.sort((a, b) => a.index - b.index);
	return result;
}

function batchKey(document: LedgerDocument): string {
	if (isMasterRecord(document.type)) return `${document.type}|${exactCode(document.party?.code)}`;
	const kind = EXACT_ENTRY_KIND[document.type] ?? document.type;
	// Supplier invoice numbers are only unique per supplier; our own sales numbers are unique.
	const supplier = kind === 'purchase' ? exactCode(document.party?.code) : '';
	return `${kind}|${supplier}|${exactCode(document.header?.number)}`;
}

/** Entries already in the chosen journals with the run's YourRefs: one request per ~40 references. */
async function existingEntries(client: ExactClient, documents: Planned[], settings: ExactPostingSettings): Promise<Map<string, ExistingEntry[]>> {
	const found = new Map<string, ExistingEntry[]>();
	for (const kind of ['sales', 'purchase'] as EntryKind[]) {
		const references = [
			...new Set(
				documents
					.filter(({ document }) => EXACT_ENTRY_KIND[document.type] === kind)
					.map(({ document }) => exactCode(document.header?.number))
					.filter((reference) => reference !== ''),
			),
		];
		const journal = journalFor(kind, settings);
		if (references.length === 0 || !journal) continue;
		const account = kind === 'sales' ? 'Customer' : 'Supplier';
		for (const filter of chunkedOrFilters('YourRef', references, { prefix: `Journal eq ${odataString(journal)} and ` })) {
			const entries = await client.getAll<ExistingEntry>(ENTRY_RESOURCE[kind], { $filter: filter, $select: `EntryID,YourRef,EntryNumber,${account}` });
			for (const entry of entries) {
				const key = `${kind}|${exactCode(entry.YourRef)}`;
				found.set(key, [...(found.get(key) ?? []), entry]);
			}
		}
	}
	return found;
}

function findExisting(existing: Map<string, ExistingEntry[]>, kind: EntryKind, document: LedgerDocument, account: ExactAccount | undefined): ExistingEntry | undefined {
	const entries = existing.get(`${kind}|${exactCode(document.header?.number)}`) ?? [];
	if (kind === 'sales') return entries[0];
	// A supplier's invoice number can repeat across suppliers: the same number from another supplier is another invoice.
	return account ? entries.find((entry) => sameGuid(entry.Supplier, account.ID)) : undefined;
}

async function postEntry(
	client: ExactClient,
	index: number,
	document: LedgerDocument,
	reference: ExactReference,
	existing: Map<string, ExistingEntry[]>,
	options: ExactPostOptions,
	result: ExactRunResult,
): Promise<ExactOutcome> {
	const name = capitalise(describeDocument(document));
	const kind = EXACT_ENTRY_KIND[document.type] as EntryKind;
	const journal = journalFor(kind, options);
	const check = checkExactDocument(document, reference, options);
	const code = exactCode(document.party?.code);
	const duplicate = findExisting(existing, kind, document, reference.accounts.get(code));
	if (duplicate) {
		return {
			status: 'duplicate',
			index,
			document,
			entryId: duplicate.EntryID,
			entryNumber: duplicate.EntryNumber,
			message: `${name} is already in Exact Online journal ${journal} (entry ${duplicate.EntryNumber ?? duplicate.EntryID}); it is not posted again.`,
		};
	}
	if (check.failures.length > 0) return { status: 'rejected', index, input: document, failures: check.failures };

	let accountCreated = false;
	try {
		if (check.createAccount) {
			await createAccount(client, document, partySide(document.type), reference, options, result);
			accountCreated = true;
		}
		for (const glCode of check.createGlAccounts) {
			if (reference.glAccounts.has(glCode)) continue;
			const line = document.lines?.find((candidate) => exactCode(candidate.account) === glCode);
			const created = await client.post<ExactGlAccount>('financial/GLAccounts', {
				Code: glCode,
				Description: (line?.description ?? `G/L account ${glCode}`).slice(0, 60),
				Type: options.newGlAccountTypes?.[kind] ?? (kind === 'sales' ? 110 : 111),
			});
			reference.glAccounts.set(glCode, created);
			result.createdGlAccounts.push(glCode);
		}
	} catch (error) {
		return rejectionFor(error, index, document, name);
	}

	const account = reference.accounts.get(code) as ExactAccount;
	const body = entryBody(document, kind, journal, account.ID, reference);
	try {
		const entry = await client.post<ExistingEntry>(ENTRY_RESOURCE[kind], body);
		return {
			status: 'posted',
			index,
			document,
			entryId: entry.EntryID,
			entryNumber: entry.EntryNumber,
			accountCreated,
			message: `${name} posted to Exact Online journal ${journal} as entry ${entry.EntryNumber ?? entry.EntryID}.`,
		};
	} catch (error) {
		if (!(error instanceof ExactApiError) || !error.outcomeUnknown) return rejectionFor(error, index, document, name);
		// The POST may or may not have landed: look once before reporting either way.
		const filter = `Journal eq ${odataString(journal)} and YourRef eq ${odataString(exactCode(document.header?.number))}`
			+ (kind === 'purchase' ? ` and Supplier eq ${guidLiteral(account.ID)}` : '');
		const landed = await client.getAll<ExistingEntry>(ENTRY_RESOURCE[kind], { $filter: filter, $select: 'EntryID,YourRef,EntryNumber' });
		if (landed.length > 0) {
			return {
				status: 'posted',
				index,
				document,
				entryId: landed[0].EntryID,
				entryNumber: landed[0].EntryNumber,
				accountCreated,
				message: `${name} posted to Exact Online journal ${journal} as entry ${landed[0].EntryNumber ?? landed[0].EntryID} (confirmed after Exact did not answer the first time).`,
			};
		}
		return {
			status: 'rejected',
			index,
			input: document,
			failures: [{ code: 'EXACT_NOT_CONFIRMED', message: `${name} was not posted: ${error.message}. It is not in Exact Online, so running the same input again is safe.` }],
		};
	}
}

async function postAccountRecord(
	client: ExactClient,
	index: number,
	document: LedgerDocument,
	reference: ExactReference,
	options: ExactPostOptions,
	result: ExactRunResult,
): Promise<ExactOutcome> {
	const name = capitalise(describeDocument(document));
	const side = partySide(document.type);
	const check = checkExactDocument(document, reference, { salesJournal: '', purchaseJournal: '', createMissingAccounts: true, createMissingGlAccounts: false });
	if (check.failures.length > 0) return { status: 'rejected', index, input: document, failures: check.failures };
	const code = exactCode(document.party?.code);
	if (!check.createAccount) {
		const account = reference.accounts.get(code);
		return { status: 'duplicate', index, document, entryId: account?.ID, message: `${name} is already in Exact Online; it is not created again.` };
	}
	try {
		const account = await createAccount(client, document, side, reference, options, result);
		return { status: 'posted', index, document, entryId: account.ID, accountCreated: true, message: `${name} created in Exact Online.` };
	} catch (error) {
		return rejectionFor(error, index, document, name);
	}
}

async function createAccount(
	client: ExactClient,
	document: LedgerDocument,
	side: 'customer' | 'supplier',
	reference: ExactReference,
	options: ExactPostOptions,
	result: ExactRunResult,
): Promise<ExactAccount> {
	const code = exactCode(document.party?.code);
	const created = await client.post<ExactAccount>('crm/Accounts', accountBody(document, side, reference, options.newAccounts));
	reference.accounts.set(code, { ...created, Status: side === 'customer' ? 'C' : created.Status, IsSupplier: side === 'supplier' ? true : created.IsSupplier });
	result.createdAccounts.push(code);
	return created;
}

function rejectionFor(error: unknown, index: number, document: LedgerDocument, name: string): RejectedOutcome {
	if (!(error instanceof ExactApiError) || error.kind === 'dailyLimit' || error.kind === 'unauthorized' || error.kind === 'auth') throw error;
	if (error.outcomeUnknown || error.kind === 'server' || error.kind === 'maintenance' || error.kind === 'network' || error.kind === 'rateLimit') {
		return { status: 'rejected', index, input: document, failures: [{ code: 'EXACT_NOT_CONFIRMED', message: `${name} was not posted: ${error.message}. Running the same input again is safe.` }] };
	}
	const said = error.messages.length > 0 ? error.messages.join('; ') : error.message;
	return { status: 'rejected', index, input: document, failures: [{ code: 'EXACT_REJECTED', message: `${name} was refused by Exact Online: ${said}` }] };
}

function sameGuid(a: string | undefined, b: string | undefined): boolean {
	return Boolean(a && b) && a!.toLowerCase().replace(/[{}]/g, '') === b!.toLowerCase().replace(/[{}]/g, '');
}

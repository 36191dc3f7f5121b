/**
 * Exact Online in the posting pipeline. Exact has no idempotency key (reference §3
 * "Duplicates"), so the journal's claim comes before every POST: two overlapping runs, two
 * workers or a rerun after a crash cannot both post an entry. Around it, Exact itself is
 * asked: in bulk which source invoice numbers (YourRef) its journals already hold, and again
 * for a single entry whenever Exact did not confirm a POST.
 *
 * - A lost answer is looked up before reporting: found → posted; not found → not posted
 *   (EXACT_NOT_CONFIRMED, safe to send again); the look-up itself failing → POSTING_UNCONFIRMED,
 *   and the journal has the next run look before sending.
 * - An account another run created a moment ago ("Already exists: Code") is read and used.
 * - Three documents in a row that Exact does not answer stop the run: the rest are reported as
 *   not sent (TARGET_UNREACHABLE) instead of each waiting out its retries.
 * - Exact's daily limit stops the run too (EXACT_LIMIT_REACHED).
 *
 * "The same document": a sales entry by its number, a purchase entry by supplier and number
 * (lib/posting/identity.ts); an account record by its code.
 */
import { isMasterRecord, partySide, type LedgerDocument } from '../../model/document';
import type { Failure } from '../../report/failureCodes';
import { ledgerIdentity } from '../../posting/identity';
import type { JournalTarget, TargetReference } from '../../posting/journal/types';
import {
	PostingStoppedError,
	runPosting,
	verdictsFromChecks,
	type Found,
	type Identified,
	type PostingAdapter,
	type PostingResult,
	type PostingRun,
	type PostingSink,
	type Preview,
	type Verdict,
} from '../../posting/pipeline';
import { checkExactDocument, EXACT_ENTRY_KIND, journalFor, type EntryKind, type ExactCheck, type ExactPostingSettings } from './checks';
import { accountBody, entryBody, ENTRY_RESOURCE } from './entries';
import { exactCode, findAccounts, loadExactReference, type ExactAccount, type ExactGlAccount, type ExactReference } from './reference';
import type { ExactClient } from './transport/client';
import { ExactApiError } from './transport/errors';
import { chunkedOrFilters, guidLiteral, odataString } from './transport/odata';

export interface ExactPostOptions extends ExactPostingSettings {
	/** G/L account type for accounts created on the fly (opt-in): revenue 110 for sales, cost 111 for purchases by default. */
	newGlAccountTypes?: Partial<Record<EntryKind, number>>;
	/** The division as the journal keeps it apart: "start.exactonline.nl/1234567". */
	scope: string;
	/** Documents in a row Exact does not answer before the run stops; default 3. */
	maxConsecutiveFailures?: number;
}

interface ExistingEntry {
	EntryID: string;
	YourRef?: string;
	EntryNumber?: number;
	Customer?: string;
	Supplier?: string;
}

/** Transport faults: Exact did not answer (or not in a way that says what happened). */
function unanswered(error: unknown): boolean {
	return error instanceof ExactApiError && (error.kind === 'network' || error.kind === 'server' || error.kind === 'maintenance' || error.kind === 'rateLimit' || error.outcomeUnknown === true);
}

export class ExactAdapter implements PostingAdapter {
	readonly target: JournalTarget;
	readonly label: string;
	readonly onChange = 'reject' as const;
	readonly createdAccounts: string[] = [];
	readonly createdGlAccounts: string[] = [];
	/** HTTP requests spent on reference data and the duplicate check, before the first POST. */
	lookupRequests = 0;
	private reference!: ExactReference;
	private existing = new Map<string, ExistingEntry[]>();
	private readonly checks = new Map<string, ExactCheck>();
	private consecutiveFailures = 0;

	constructor(
		private readonly client: ExactClient,
		private readonly options: ExactPostOptions,
		division: number | string,
	) {
		this.target = { system: 'exactOnline', scope: options.scope };
		this.label = `Exact Online division ${division}`;
	}

	identify(document: LedgerDocument): string | Failure {
		return ledgerIdentity(document, EXACT_ENTRY_KIND[document.type] ?? document.type);
	}

	changePolicy(document: LedgerDocument): 'reject' | 'ignore' {
		return isMasterRecord(document.type) ? 'ignore' : 'reject';
	}

	async prepare(documents: readonly Identified[]): Promise<void> {
		const before = this.client.stats.requests;
		this.reference = await loadExactReference(this.client, {
			glAccountCodes: [
				...documents.flatMap(({ document }) => (EXACT_ENTRY_KIND[document.type] ? (document.lines ?? []).map((line) => line.account ?? '') : [])),
				this.options.newAccounts?.receivablesGlAccount ?? '',
				this.options.newAccounts?.payablesGlAccount ?? '',
			],
			accountCodes: documents.map(({ document }) => document.party?.code ?? ''),
		});
		this.existing = await this.existingEntries(documents);
		this.lookupRequests += this.client.stats.requests - before;
		for (const entry of documents) {
			const settings: ExactPostingSettings = isMasterRecord(entry.document.type)
				? { salesJournal: '', purchaseJournal: '', createMissingAccounts: true, createMissingGlAccounts: false }
				: this.options;
			this.checks.set(entry.identity, checkExactDocument(entry.document, this.reference, settings));
		}
	}

	/** Entries already in the chosen journals with the run's YourRefs: one request per ~40 references. */
	private async existingEntries(documents: readonly Identified[]): Promise<Map<string, ExistingEntry[]>> {
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
			const journal = journalFor(kind, this.options);
			if (references.length === 0 || !journal) continue;
			const account = kind === 'sales' ? 'Customer' : 'Supplier';
			for (const filter of chunkedOrFilters('YourRef', references, { prefix: `Journal eq ${odataString(journal)} and ` })) {
				const entries = await this.client.getAll<ExistingEntry>(ENTRY_RESOURCE[kind], { $filter: filter, $select: `EntryID,YourRef,EntryNumber,${account}` });
				for (const entry of entries) {
					const key = `${kind}|${exactCode(entry.YourRef)}`;
					found.set(key, [...(found.get(key) ?? []), entry]);
				}
			}
		}
		return found;
	}

	private findExisting(kind: EntryKind, document: LedgerDocument): ExistingEntry | undefined {
		const entries = this.existing.get(`${kind}|${exactCode(document.header?.number)}`) ?? [];
		if (kind === 'sales') return entries[0];
		// A supplier's invoice number can repeat across suppliers: the same number from another supplier is another invoice.
		const account = this.reference.accounts.get(exactCode(document.party?.code));
		return account ? entries.find((entry) => sameGuid(entry.Supplier, account.ID)) : undefined;
	}

	async lookInTarget(documents: readonly Identified[]): Promise<Map<string, Found>> {
		const found = new Map<string, Found>();
		for (const entry of documents) {
			const { document } = entry;
			if (isMasterRecord(document.type)) {
				const check = this.checks.get(entry.identity);
				const account = this.reference.accounts.get(exactCode(document.party?.code));
				if (check && check.failures.length === 0 && !check.createAccount && account) {
					found.set(entry.identity, { reference: { accountId: account.ID }, message: `${entry.name} is already in Exact Online; it is not created again.` });
				}
				continue;
			}
			const kind = EXACT_ENTRY_KIND[document.type];
			const duplicate = kind ? this.findExisting(kind, document) : undefined;
			if (kind && duplicate) {
				found.set(entry.identity, {
					reference: { entryId: duplicate.EntryID, entryNumber: duplicate.EntryNumber ?? null, journal: journalFor(kind, this.options) },
					message: `${entry.name} is already in Exact Online journal ${journalFor(kind, this.options)} (entry ${duplicate.EntryNumber ?? duplicate.EntryID}); it is not posted again.`,
				});
			}
		}
		return found;
	}

	async check(documents: readonly Identified[]): Promise<Map<string, Verdict>> {
		const verdicts = verdictsFromChecks(documents, this.checks);
		return verdicts;
	}

	async preview(documents: readonly Identified[]): Promise<Map<string, Preview>> {
		const previews = new Map<string, Preview>();
		for (const entry of documents) {
			const check = this.checks.get(entry.identity)!;
			const side = partySide(entry.document.type);
			const createsAccount = check.createAccount ? accountBody(entry.document, side, this.reference, this.options.newAccounts) : null;
			if (isMasterRecord(entry.document.type)) {
				previews.set(entry.identity, { preview: { account: createsAccount }, message: `${entry.name} would be created in Exact Online.` });
				continue;
			}
			const kind = EXACT_ENTRY_KIND[entry.document.type] as EntryKind;
			const journal = journalFor(kind, this.options);
			const account = this.reference.accounts.get(exactCode(entry.document.party?.code));
			const body = entryBody(entry.document, kind, journal, account?.ID ?? '(the account created first)', this.reference);
			previews.set(entry.identity, {
				preview: { resource: ENTRY_RESOURCE[kind], entry: body as Record<string, unknown>, createsAccount, createsGlAccounts: check.createGlAccounts },
				message: `${entry.name} would be posted to Exact Online journal ${journal}${createsAccount ? `, after creating ${side} ${exactCode(entry.document.party?.code)}` : ''}.`,
			});
		}
		return previews;
	}

	async post(documents: readonly Identified[], sink: PostingSink): Promise<void> {
		const limit = this.options.maxConsecutiveFailures ?? 3;
		for (const entry of documents) {
			try {
				if (isMasterRecord(entry.document.type)) await this.postAccountRecord(entry, sink);
				else await this.postEntry(entry, sink);
			} catch (error) {
				if (error instanceof ExactApiError && error.kind === 'dailyLimit') {
					sink.rejected(entry.identity, [{ code: 'EXACT_LIMIT_REACHED', message: `${entry.name} was not sent: ${error.message}` }]);
					throw new PostingStoppedError('EXACT_LIMIT_REACHED', error.message);
				}
				throw error;
			}
			await sink.checkpoint();
			if (this.consecutiveFailures >= limit) {
				throw new PostingStoppedError(
					'TARGET_UNREACHABLE',
					`Exact Online did not answer for ${this.consecutiveFailures} documents in a row, so the run stopped sending instead of waiting on every document`,
				);
			}
		}
	}

	private answered(): void {
		this.consecutiveFailures = 0;
	}

	private notAnswered(error: unknown): boolean {
		if (!unanswered(error)) return false;
		this.consecutiveFailures += 1;
		return true;
	}

	private async postEntry(entry: Identified, sink: PostingSink): Promise<void> {
		const { document, identity, name } = entry;
		const kind = EXACT_ENTRY_KIND[document.type] as EntryKind;
		const journal = journalFor(kind, this.options);
		const check = this.checks.get(identity)!;
		const code = exactCode(document.party?.code);
		let accountCreated = false;
		try {
			if (check.createAccount && !this.reference.accounts.get(code)?.ID) {
				await this.createAccount(document, partySide(document.type));
				accountCreated = true;
			}
			for (const glCode of check.createGlAccounts) {
				if (this.reference.glAccounts.has(glCode)) continue;
				const line = document.lines?.find((candidate) => exactCode(candidate.account) === glCode);
				const created = await this.client.post<ExactGlAccount>('financial/GLAccounts', {
					Code: glCode,
					Description: (line?.description ?? `G/L account ${glCode}`).slice(0, 60),
					Type: this.options.newGlAccountTypes?.[kind] ?? (kind === 'sales' ? 110 : 111),
				});
				this.reference.glAccounts.set(glCode, created);
				this.createdGlAccounts.push(glCode);
			}
		} catch (error) {
			this.reject(entry, error, sink);
			return;
		}

		const account = this.reference.accounts.get(code) as ExactAccount;
		const body = entryBody(document, kind, journal, account.ID, this.reference);
		sink.sending([identity]);
		try {
			const created = await this.client.post<ExistingEntry>(ENTRY_RESOURCE[kind], body);
			this.answered();
			sink.posted(identity, {
				state: 'posted',
				reference: { entryId: created.EntryID, entryNumber: created.EntryNumber ?? null, journal },
				message: `${name} posted to Exact Online journal ${journal} as entry ${created.EntryNumber ?? created.EntryID}.`,
				details: { accountCreated },
			});
			return;
		} catch (error) {
			if (!(error instanceof ExactApiError) || !error.outcomeUnknown) {
				this.reject(entry, error, sink);
				return;
			}
		}
		// The POST may or may not have landed: look before reporting either way.
		const filter = `Journal eq ${odataString(journal)} and YourRef eq ${odataString(exactCode(document.header?.number))}` + (kind === 'purchase' ? ` and Supplier eq ${guidLiteral(account.ID)}` : '');
		let landed: ExistingEntry[];
		try {
			landed = await this.client.getAll<ExistingEntry>(ENTRY_RESOURCE[kind], { $filter: filter, $select: 'EntryID,YourRef,EntryNumber' });
		} catch (error) {
			if (!unanswered(error)) throw error;
			this.consecutiveFailures += 1;
			sink.unconfirmed(
				identity,
				`${name} was sent to Exact Online journal ${journal}, but Exact did not answer, and asking Exact afterwards failed too (${(error as Error).message.replace(/\.$/, '')}). Whether it arrived is not known yet: the next run asks Exact before sending it again, so it is never posted twice.`,
			);
			return;
		}
		if (landed.length > 0) {
			this.answered();
			sink.posted(identity, {
				state: 'posted',
				reference: { entryId: landed[0].EntryID, entryNumber: landed[0].EntryNumber ?? null, journal },
				message: `${name} posted to Exact Online journal ${journal} as entry ${landed[0].EntryNumber ?? landed[0].EntryID} (confirmed after Exact did not answer the first time).`,
				details: { accountCreated },
			});
			return;
		}
		this.consecutiveFailures += 1;
		sink.rejected(identity, [{ code: 'EXACT_NOT_CONFIRMED', message: `${name} was not posted: Exact Online did not answer, and it is not in Exact, so running the same input again is safe.` }]);
	}

	private async postAccountRecord(entry: Identified, sink: PostingSink): Promise<void> {
		try {
			const account = await this.createAccount(entry.document, partySide(entry.document.type));
			sink.posted(entry.identity, { state: 'posted', reference: { accountId: account.ID }, message: `${entry.name} created in Exact Online.`, details: { accountCreated: true } });
		} catch (error) {
			this.reject(entry, error, sink);
		}
	}

	/**
	 * Creates the account; when another run created it a moment ago (Exact: "Already exists:
	 * Code"), reads that account and uses it, instead of turning the document away.
	 */
	private async createAccount(document: LedgerDocument, side: 'customer' | 'supplier'): Promise<ExactAccount> {
		const code = exactCode(document.party?.code);
		let created: ExactAccount;
		try {
			created = await this.client.post<ExactAccount>('crm/Accounts', accountBody(document, side, this.reference, this.options.newAccounts));
			this.answered();
		} catch (error) {
			if (!(error instanceof ExactApiError) || !error.messages.some((message) => /already exists/i.test(message))) throw error;
			const [existing] = await findAccounts(this.client, [code]);
			if (!existing) throw error;
			this.reference.accounts.set(code, existing);
			return existing;
		}
		this.reference.accounts.set(code, { ...created, Status: side === 'customer' ? 'C' : created.Status, IsSupplier: side === 'supplier' ? true : created.IsSupplier });
		this.createdAccounts.push(code);
		return created;
	}

	private reject(entry: Identified, error: unknown, sink: PostingSink): void {
		if (!(error instanceof ExactApiError) || error.kind === 'dailyLimit' || error.kind === 'unauthorized' || error.kind === 'auth') throw error;
		if (this.notAnswered(error)) {
			sink.rejected(entry.identity, [{ code: 'EXACT_NOT_CONFIRMED', message: `${entry.name} was not posted: ${error.message.replace(/\.$/, '')}. Running the same input again is safe.` }]);
			return;
		}
		this.answered();
		const said = error.messages.length > 0 ? error.messages.join('; ') : error.message;
		sink.rejected(entry.identity, [{ code: 'EXACT_REJECTED', message: `${entry.name} was refused by Exact Online: ${said}` }]);
	}

	describeReference(reference: TargetReference): string {
		if (reference.entryNumber || reference.entryId) return `${reference.journal ? `journal ${String(reference.journal)}, ` : ''}entry ${String(reference.entryNumber ?? reference.entryId)}`;
		return '';
	}
}

function sameGuid(a: string | undefined, b: string | undefined): boolean {
	return Boolean(a && b) && a!.toLowerCase().replace(/[{}]/g, '') === b!.toLowerCase().replace(/[{}]/g, '');
}

/** A run in plain terms, for the bench and the domain tests. */
export async function postToExact(
	client: ExactClient,
	inputs: readonly unknown[],
	options: Omit<ExactPostOptions, 'scope'> & { scope?: string; maxDocuments?: number },
	run: PostingRun,
): Promise<{ result: PostingResult; adapter: ExactAdapter }> {
	const division = await client.division();
	const adapter = new ExactAdapter(client, { ...options, scope: options.scope ?? `division ${division}` }, division);
	await run.start();
	try {
		const result = await runPosting(run, adapter, inputs.map((input, index) => ({ index, input })), { maxDocuments: options.maxDocuments });
		return { result, adapter };
	} finally {
		await run.finish('done');
	}
}

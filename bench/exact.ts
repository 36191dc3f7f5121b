/**
 * Posting 1,000 sales invoices for 100 customers into the Exact Online emulator with Exact's
 * default 60 calls a minute, time-scaled (one "minute" is `MINUTE_MS` of real time) so the
 * bench finishes in about half a minute. The run goes through the same domain code as the
 * Exact Online node (postToExact, ExactClient, the token manager) over real HTTP.
 * Prints: HTTP calls per posted invoice (target ≤ 1.05, look-ups included), 429s received
 * (target 0), waits for the rate limit, and the same for an immediate rerun of the same
 * invoices (target ≤ 0.05 calls per invoice, nothing posted). The first run goes through the
 * embedded posting journal; the rerun shows what the journal saves (no look-ups for documents it
 * knows were posted). A third arm posts the same invoices into a fresh division without the
 * journal, for the journal's share of the time. Asserts nothing.
 *   npx ts-node --transpile-only bench/exact.ts
 */
import { performance } from 'node:perf_hooks';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { LedgerDocument } from '../lib/model/document';
import { closeJournals, openJournal } from '../lib/posting/journal/open';
import type { PostingJournal } from '../lib/posting/journal/types';
import { PostingRun } from '../lib/posting/pipeline';
import { postToExact, type ExactPostOptions } from '../lib/targets/exactOnline/post';
import { ExactClient } from '../lib/targets/exactOnline/transport/client';
import { ExactTokenManager, type StoredTokens } from '../lib/targets/exactOnline/transport/tokens';
import { SAMPLE_CLIENT, startExactEmulator, type ExactEmulator } from '../test/emulators/exactOnline';
import { NoJournal } from './support/noJournal';

const INVOICES = 1_000;
const CUSTOMERS = 100;
const MINUTE_MS = 1_000;

const OPTIONS: Omit<ExactPostOptions, 'scope'> = { salesJournal: '70', purchaseJournal: '60', createMissingAccounts: true, createMissingGlAccounts: false };

/** Invoices as Ledger Mapping hands them on: one to three lines on revenue accounts, 21% VAT, in EUR. */
function invoices(): LedgerDocument[] {
	return Array.from({ length: INVOICES }, (_, index) => {
		const lines = Array.from({ length: 1 + (index % 3) }, (_, line) => {
			const cents = 10_000 + ((index * 7919 + line * 104_729) % 90_000);
			return {
				description: `Design work ${index + 1}.${line + 1}`,
				net: (cents / 100).toFixed(2),
				taxCode: '2',
				taxAmount: (Math.round(cents * 0.21) / 100).toFixed(2),
				account: line % 2 === 0 ? '8000' : '8010',
			};
		});
		const cents = (amount: string) => Math.round(Number(amount) * 100);
		const net = lines.reduce((sum, line) => sum + cents(line.net), 0);
		const tax = lines.reduce((sum, line) => sum + cents(line.taxAmount), 0);
		const money = (value: number) => (value / 100).toFixed(2);
		return {
			type: 'salesInvoice',
			header: { number: `BENCH-${String(index + 1).padStart(5, '0')}`, date: '2026-06-30', currency: 'EUR', paymentTerms: '30' },
			party: { code: String(5001 + (index % CUSTOMERS)), name: `Bench customer ${1 + (index % CUSTOMERS)}` },
			lines,
			totals: { net: money(net), tax: money(tax), gross: money(net + tax) },
		} as LedgerDocument;
	});
}

function clientFor(emulator: ExactEmulator, tokens: { current: StoredTokens }): ExactClient {
	const manager = new ExactTokenManager({
		tokenUrl: `${emulator.url}/api/oauth2/token`,
		clientId: SAMPLE_CLIENT.clientId,
		clientSecret: SAMPLE_CLIENT.clientSecret,
		store: {
			key: 'bench',
			load: async () => tokens.current,
			save: async (saved) => {
				tokens.current = saved;
			},
		},
	});
	return new ExactClient({ baseUrl: emulator.url, tokens: manager });
}

async function run(label: string, emulator: ExactEmulator, tokens: { current: StoredTokens }, documents: LedgerDocument[], journal: PostingJournal): Promise<number> {
	const client = clientFor(emulator, tokens);
	const seen429 = emulator.state.countRequests({ status: 429 });
	const started = performance.now();
	const { result, adapter } = await postToExact(client, documents, { ...OPTIONS, maxDocuments: 0 }, new PostingRun(journal, { nodeName: 'bench' }));
	const seconds = (performance.now() - started) / 1000;
	const count = (kind: string) => result.outcomes.filter((outcome) => outcome.kind === kind).length;
	const calls = client.stats.requests;
	console.log(`\n${label}`);
	console.log(`  posted ${count('posted')}, duplicates ${count('duplicate')}, rejected ${count('rejected')} in ${seconds.toFixed(1)} s`);
	console.log(`  HTTP calls: ${calls} (${adapter.lookupRequests} for reference data and the duplicate check) = ${(calls / documents.length).toFixed(3)} per invoice`);
	console.log(`  429s received: ${emulator.state.countRequests({ status: 429 }) - seen429}; waits for the minutely limit: ${client.stats.rateLimitWaits} (${(client.stats.waitedMs / 1000).toFixed(1)} s)`);
	const rejected = result.outcomes.find((outcome) => outcome.kind === 'rejected');
	if (rejected && rejected.kind === 'rejected') console.log(`  first rejection: ${rejected.failures.map((failure) => `${failure.code} ${failure.message}`).join('; ')}`);
	return seconds;
}

/** A division with the 100 customers, and tokens for it. */
async function division(): Promise<{ emulator: ExactEmulator; tokens: { current: StoredTokens } }> {
	const emulator = await startExactEmulator({ minuteMs: MINUTE_MS, minutelyLimit: 60, dailyLimit: 1_000_000 });
	for (let customer = 0; customer < CUSTOMERS; customer += 1) {
		emulator.state.addAccount({ Code: String(5001 + customer), Name: `Bench customer ${customer + 1}`, Status: 'C', IsSupplier: false, Country: 'NL' });
	}
	const issued = emulator.issueTokens();
	return { emulator, tokens: { current: { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresAt: Date.now() + Number(issued.expires_in) * 1000 } } };
}

async function main(): Promise<void> {
	const documents = invoices();
	console.log(`Exact Online emulator: ${INVOICES} invoices for ${CUSTOMERS} customers, 60 calls per ${MINUTE_MS} ms "minute"`);
	const folder = mkdtempSync(path.join(tmpdir(), 'bench-exact-'));
	const withJournal = await division();
	const without = await division();
	try {
		const journal = await openJournal({ kind: 'embedded', file: path.join(folder, 'journal.sqlite') });
		const journalled = await run('First run, embedded posting journal', withJournal.emulator, withJournal.tokens, documents, journal);
		await run('Immediate rerun of the same invoices', withJournal.emulator, withJournal.tokens, documents, journal);
		const bare = await run('First run into a fresh division, without the journal', without.emulator, without.tokens, documents, new NoJournal());
		console.log(`\nJournal vs none, first run: ${(journalled / bare).toFixed(2)}× (${journalled.toFixed(1)} s vs ${bare.toFixed(1)} s; both wait for the same rate limit)`);
	} finally {
		await closeJournals();
		await withJournal.emulator.close();
		await without.emulator.close();
		rmSync(folder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

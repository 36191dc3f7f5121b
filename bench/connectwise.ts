/**
 * ConnectWise Manage at volume, against the in-repo emulator over real HTTP, through the same
 * domain code as the ConnectWise Manage node:
 *   1. fetch 10,000 unposted invoices (target ≤ 12 requests: pageSize 1000 and Link paging);
 *   2. export them as one GL batch, turn the export into documents and create the batch
 *      (requests, seconds, documents);
 *   3. payment sync for 10,000 invoices of which 100 changed in the ledger (target: only the
 *      changed ones are written), and the same sync again (nothing written).
 * Batch creation and payment sync go through the posting pipeline with the embedded journal, as
 * in the node. Prints figures only.
 *   npx ts-node --transpile-only bench/connectwise.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { closeJournals, openJournal } from '../lib/posting/journal/open';
import { PostingRun, runPosting } from '../lib/posting/pipeline';
import { BatchAdapter, planBatch } from '../lib/sources/connectwise/batch';
import { documentsFromGlExport, glEntryIdsOf, type GlExport } from '../lib/sources/connectwise/glExport';
import { syncPaymentsToManage } from '../lib/sources/connectwise/paymentSyncRun';
import { ManageClient } from '../lib/sources/connectwise/transport/client';
import { SAMPLE_KEYS, startConnectWiseEmulator, type ConnectWiseEmulator } from '../test/emulators/connectwise';

const INVOICES = 10_000;
const CHANGED = 100;

function client(emulator: ConnectWiseEmulator): ManageClient {
	return new ManageClient({ settings: { site: 'custom', host: emulator.url, ...SAMPLE_KEYS } });
}

function writes(emulator: ConnectWiseEmulator): number {
	return ['POST', 'PATCH', 'PUT', 'DELETE'].reduce((total, method) => total + emulator.state.countRequests({ method, path: /payments/ }), 0);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
	const started = performance.now();
	const value = await work();
	return { value, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
	const emulator = await startConnectWiseEmulator({ generated: { invoices: INVOICES, customers: 200 } });
	const folder = mkdtempSync(path.join(tmpdir(), 'bench-connectwise-'));
	try {
		const journal = await openJournal({ kind: 'embedded', file: path.join(folder, 'journal.sqlite') });
		console.log(`ConnectWise Manage emulator with ${INVOICES} generated closed invoices (plus the sample ones)\n`);

		const fetchClient = client(emulator);
		const fetched = await timed(() => fetchClient.getAll<{ id: number }>('finance/accounting/unpostedinvoices', { fields: 'id,invoiceNumber,total' }, { pageSize: 1000 }));
		console.log(`1. unposted invoices: ${fetched.value.length} in ${fetchClient.stats.requests} requests (${fetchClient.stats.pages} pages) in ${fetched.seconds.toFixed(1)} s`);

		const batchClient = client(emulator);
		const exported = await timed(() =>
			batchClient.post<GlExport>('finance/accounting/export', { batchIdentifier: 'BENCH-I', exportInvoicesFlag: true, exportExpensesFlag: false, exportProductsFlag: false, summarizeInvoices: 'Condensed' }),
		);
		const converted = await timed(async () => documentsFromGlExport(exported.value));
		const documents = converted.value.documents.filter((document) => glEntryIdsOf(document).length > 0);
		const plan = planBatch('BENCH-I', documents.map((document) => ({ document: document.header?.number ?? '', glEntryIds: glEntryIdsOf(document), status: 'written' })));
		const entries = documents.flatMap((document) => glEntryIdsOf(document).map((glEntryId) => ({ glEntryId, document: document.header?.number ?? '' })));
		const findBatch = async (identifier: string) => (await batchClient.getAll<{ id: number }>('finance/accounting/batches', { conditions: `batchIdentifier = "${identifier}"`, fields: 'id' }))[0]?.id;
		const adapter = new BatchAdapter(
			{
				create: async (glEntryIds) => {
					await batchClient.post('finance/accounting/batches', { batchIdentifier: 'BENCH-I', exportInvoicesFlag: true, processedRecordIds: glEntryIds });
					return findBatch('BENCH-I');
				},
				find: findBatch,
			},
			'BENCH-I',
			'bench',
		);
		const batchRun = new PostingRun(journal, { nodeName: 'bench', output: 'BENCH-I' });
		const batched = await timed(async () => {
			await batchRun.start('BENCH-I');
			try {
				return await runPosting(batchRun, adapter, entries.map((input, index) => ({ index, input })));
			} finally {
				await batchRun.finish('done');
			}
		});
		if (batched.value.counts.posted !== plan.glEntryIds.length) console.log(`   (batched ${batched.value.counts.posted} of ${plan.glEntryIds.length} GL entries)`);
		const left = await client(emulator).count('finance/accounting/unpostedinvoices');
		console.log(
			`2. export: ${exported.seconds.toFixed(1)} s; ${converted.value.documents.length} documents (${converted.value.rejected.length} rejected records) built in ${converted.seconds.toFixed(1)} s; ` +
				`batch of ${plan.glEntryIds.length} GL entries in ${batched.seconds.toFixed(1)} s; ${batchClient.stats.requests} requests in all; ${left} invoices left unposted`,
		);

		const invoiceNumbers = fetched.value.map((invoice) => String((invoice as { invoiceNumber?: string }).invoiceNumber));
		const statuses = invoiceNumbers.map((invoiceNumber, index) => ({ invoiceNumber, amountPaid: index % Math.floor(invoiceNumbers.length / CHANGED) === 0 ? '10.00' : '0.00', lastPaymentDate: '2026-07-01' }));
		const changed = statuses.filter((status) => status.amountPaid !== '0.00').length;
		for (const label of ['first sync', 'same sync again']) {
			const syncClient = client(emulator);
			const before = writes(emulator);
			const run = await timed(() => syncPaymentsToManage(syncClient, statuses, new PostingRun(journal, { nodeName: 'bench' })));
			const failed = run.value.result.counts.rejected;
			console.log(
				`3. payment sync (${label}): ${statuses.length} invoices, ${label === 'first sync' ? changed : 0} changed in the ledger → ${writes(emulator) - before} payment writes, ` +
					`${syncClient.stats.requests} requests in all, ${failed} failed, ${run.seconds.toFixed(1)} s`,
			);
		}
	} finally {
		await closeJournals();
		await emulator.close();
		rmSync(folder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

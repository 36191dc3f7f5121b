/**
 * A month-end export through real n8n (issue #16): the Streamtime → Sage 50 sample flow
 * (workflows/streamtime-to-sage.json) with its Streamtime File set to hand the documents on as a
 * document file, run by `n8n execute` on 100,000 invoices, against the same work done by the
 * domain functions in one process (readStreamtimeExport → processBatch → postToSage), in one run.
 * Both post into a fresh sandbox Sage 50 UK company (SQLite over the real ODBC driver) with a
 * fresh embedded journal. Prints wall time and peak RSS beside the targets (≤ 1.5 GB for the n8n
 * process, ≤ 3× the in-process time) and the ratios; asserts nothing.
 *   npm run build && npm run bench:n8n-large            (100,000 invoices)
 *   npm run bench:n8n-large -- 20000                    (another count)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { processBatch } from '../lib/mapping/pipeline';
import { MappingTables } from '../lib/mapping/tables';
import type { LedgerDocument } from '../lib/model/document';
import { connect } from '../lib/odbc/connection';
import { closeJournals, openJournal } from '../lib/posting/journal/open';
import { PostingRun } from '../lib/posting/pipeline';
import { findProfile } from '../lib/profiles';
import { readStreamtimeExport } from '../lib/sources/streamtime/stream';
import { postToSage } from '../lib/targets/sage50/post';
import { createSageCompany } from '../test/fixtures/sageCompany';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const n8n = require('../scripts/lib/n8n.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CUSTOMERS, streamtimeExport, numbered } = require('../scripts/lib/streamtimeExports.js');

const INVOICES = Number(process.argv[2] ?? 100_000);
const RSS_LIMIT_MB = 1536;
const TIME_RATIO_LIMIT = 3;
const WORKFLOW_ID = 'lbBenchLarge01';
const ITEMS_INVOICES = 10_000;
const LOOP_BATCH = 1_000;

async function inProcess(exportFile: string, folder: string): Promise<{ seconds: number; posted: number; peakRssMb: number }> {
	const company = await createSageCompany(path.join(folder, 'in-process-company.db'));
	const importFolder = path.join(folder, 'in-process-imports');
	mkdirSync(importFolder);
	const journal = await openJournal({ kind: 'embedded', file: path.join(folder, 'in-process-journal.sqlite') });
	const connection = await connect({ connection: company, edition: 'sage50uk', user: 'MANAGER', password: '' });
	let peakRss = process.memoryUsage().rss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
	const started = performance.now();
	try {
		const documents: LedgerDocument[] = [];
		await readStreamtimeExport(() => createReadStream(exportFile), { defaultCurrency: 'GBP' }, { document: (document) => void documents.push(document), rejected: () => undefined });
		// The sample flow's own mapping rows.
		const tables = new MappingTables();
		tables.add({ table: 'taxCode', from: 'S', to: 'T1' });
		tables.add({ table: 'taxCode', from: 'Z', to: 'T0' });
		const outcomes = processBatch(documents, { tables, profile: findProfile('sage50uk')!, mode: 'perDocument' });
		const valid = outcomes.flatMap((outcome) => (outcome.status === 'valid' ? [outcome.document] : []));
		const result = await postToSage(connection, valid, { edition: 'sage50uk', importFolder, createMissingAccounts: true }, new PostingRun(journal, { nodeName: 'bench' }));
		return { seconds: (performance.now() - started) / 1000, posted: result.posted.length, peakRssMb: peakRss / 2 ** 20 };
	} finally {
		clearInterval(sampler);
		await connection.close();
		await closeJournals();
	}
}

async function main(): Promise<void> {
	const folder = mkdtempSync(path.join(tmpdir(), 'bench-n8n-large-'));
	try {
		const exportFile = streamtimeExport(path.join(folder, 'month-end-invoices.txt'), numbered('ME', INVOICES), CUSTOMERS.sage);
		console.log(`A Streamtime export of ${INVOICES} invoices → Ledger Mapping → Sage 50 UK (import files), n8n ${n8n.N8N_VERSION} on Node.js ${process.versions.node}`);
		const own = await inProcess(exportFile, folder);
		console.log(`  in one process (readStreamtimeExport → processBatch → postToSage): ${own.seconds.toFixed(1)} s, ${own.posted} posted, peak RSS ${own.peakRssMb.toFixed(0)} MB`);
		const through = await runN8n(exportFile, folder);
		const ratio = through.seconds / own.seconds;
		console.log(`  through n8n (n8n execute, document file):                     ${through.seconds.toFixed(1)} s, ${String(through.summary?.imported ?? '?')} posted, peak RSS ${through.peakRssMb.toFixed(0)} MB`);
		console.log(`  peak RSS of the n8n process ${through.peakRssMb.toFixed(0)} MB vs limit ${RSS_LIMIT_MB} MB: ratio ${(through.peakRssMb / RSS_LIMIT_MB).toFixed(2)}`);
		console.log(`  wall time through n8n / in one process: ${ratio.toFixed(2)} vs limit ${TIME_RATIO_LIMIT}`);
		// The peer of the document file: today's one item per document, on an export n8n can still hold.
		const count = Math.min(INVOICES, ITEMS_INVOICES);
		const itemsExport = streamtimeExport(path.join(folder, 'items-invoices.txt'), numbered('IT', count), CUSTOMERS.sage);
		const fileRun = await runN8n(itemsExport, folder, 'file');
		const itemsRun = await runN8n(itemsExport, folder, 'items');
		console.log(`  ${count} invoices, one item per document: ${itemsRun.seconds.toFixed(1)} s, peak RSS ${itemsRun.peakRssMb.toFixed(0)} MB; as a document file: ${fileRun.seconds.toFixed(1)} s, ${fileRun.peakRssMb.toFixed(0)} MB: RSS ratio ${(itemsRun.peakRssMb / fileRun.peakRssMb).toFixed(2)}`);
		// The other way through n8n the issue names: the items in chunks through Loop Over Items.
		const loopRun = await runN8n(itemsExport, folder, 'loop');
		console.log(`  ${count} invoices as items through Loop Over Items, ${LOOP_BATCH} a batch: ${loopRun.written} written, ${loopRun.seconds.toFixed(1)} s, peak RSS ${loopRun.peakRssMb.toFixed(0)} MB: RSS ratio to the document file ${(loopRun.peakRssMb / fileRun.peakRssMb).toFixed(2)}, time ratio ${(loopRun.seconds / fileRun.seconds).toFixed(2)}`);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** The sample flow, staged with the export's path and a document file, run by `n8n execute` under GNU time for its peak RSS. */
async function runN8n(exportFile: string, folder: string, shape: 'file' | 'items' | 'loop' = 'file'): Promise<{ seconds: number; peakRssMb: number; summary: Record<string, unknown> | undefined; written: number }> {
	const binary = n8n.ensureN8n();
	const userFolder = mkdtempSync(path.join(folder, 'n8n-'));
	n8n.installPackage(userFolder);
	await n8n.createSandboxCredentials(binary, userFolder, {});
	const workflow = n8n.readJson('workflows/streamtime-to-sage.json');
	workflow.id = WORKFLOW_ID;
	const file = workflow.nodes.find((node: { type: string }) => node.type.endsWith('.streamtimeFile'));
	file.parameters.filePath = exportFile;
	const output = shape === 'file' ? 'file' : 'items';
	file.parameters.output = output;
	if (shape === 'loop') loopOverItems(workflow, file.name);
	const stage = mkdtempSync(path.join(folder, 'stage-'));
	writeFileSync(path.join(stage, 'large.json'), JSON.stringify(workflow));
	const sageFolder = path.join(userFolder, 'imports');
	n8n.importWorkflows(binary, userFolder, [path.join(stage, 'large.json')], { sageFolder });
	const env = { ...n8n.n8nEnv(userFolder), N8N_RESTRICT_FILE_ACCESS_TO: `${userFolder};${folder}`, N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' };
	const started = performance.now();
	const result = spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M', binary, 'execute', `--id=${WORKFLOW_ID}`, '--rawOutput'], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
	const seconds = (performance.now() - started) / 1000;
	const maxRss = /maxrss_kb=(\d+)/.exec(result.stderr ?? '');
	if (!maxRss) throw new Error(`n8n execute printed no figures: ${(result.stderr ?? '').slice(-2000)}`);
	const runs = readdirSync(sageFolder);
	const written = new Set(
		runs.flatMap((run) =>
			readdirSync(path.join(sageFolder, run))
				.filter((name) => name.startsWith('AUDIT'))
				.flatMap((name) => readFileSync(path.join(sageFolder, run, name), 'latin1').split(/\r?\n/).slice(1).map((row) => row.split(',')[5]).filter(Boolean)),
		),
	).size;
	let summary: Record<string, unknown> | undefined;
	try {
		const output = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
		summary = output.data.resultData.runData['Sage Import'][0].data.main[3][0].json;
	} catch {
		if (output === 'file') console.log(`  (n8n's output could not be read; exit ${result.status}; ${runs.length} run folder(s) written) ${(result.stderr ?? '').slice(-1500)}`);
	}
	return { seconds, peakRssMb: Number(maxRss[1]) / 1024, summary, written };
}

/**
 * n8n's Loop Over Items (Split in Batches v3) between Streamtime File and Ledger Mapping, each
 * batch mapped and posted before the next: Sage Import's Run Summary goes back into the loop.
 */
function loopOverItems(workflow: { nodes: Array<Record<string, unknown>>; connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> }, fileNode: string): void {
	const loop = 'Loop Over Items';
	workflow.nodes.push({ id: 'bench-loop', name: loop, type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, position: [400, 300], parameters: { batchSize: LOOP_BATCH, options: {} } });
	workflow.connections[fileNode].main[0] = [{ node: loop, type: 'main', index: 0 }];
	workflow.connections[loop] = { main: [[], [{ node: 'Ledger Mapping', type: 'main', index: 0 }]] };
	const sage = workflow.connections['Sage Import'].main;
	while (sage.length < 4) sage.push([]);
	sage[3] = [{ node: loop, type: 'main', index: 0 }];
}

void main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});

/**
 * A Sage posting run at scale: documents validated and posted through postToSage, the Sage
 * Import node's own path (lib/targets/sageOdbc/post.ts), into SQLite companies laid out like
 * Sage 50 UK, over the real ODBC driver (unixODBC + libsqliteodbc):
 * - Sage 50 UK: reference data and duplicate check over ODBC, import files written
 *   (customer/supplier records, then the audit trail);
 * - Generic writable ODBC: the same, then one database transaction per document.
 *
 * The documents come from a generator: 200 customers and 200 suppliers, of which the company
 * knows 190 each (the other 20 are created), one document in ten already posted (duplicates),
 * one in a thousand on a nominal the company lacks (rejected).
 *
 * Prints figures for the targets (reference data O(1) queries per run, at most one
 * duplicate-check query per 100 documents) and asserts nothing.
 *   npm run bench:sage            (10,000 documents)
 *   npm run bench:sage -- 2000    (another count)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { DocumentType } from '../lib/model/document';
import { connect, type SageEdition } from '../lib/targets/sageOdbc/connection';
import { postToSage, type SagePostOptions, type SagePostResult } from '../lib/targets/sageOdbc/post';
import { createSageCompany, SAMPLE_COMPANY, type CompanyData } from '../test/fixtures/sageCompany';

const DOCUMENTS = Number(process.argv[2] ?? 10_000);
const ACCOUNTS = 200;
const KNOWN_ACCOUNTS = 190;
const POSTED_EVERY = 10;
const BAD_NOMINAL_EVERY = 1_000;

const customerCode = (n: number) => `C${String(n).padStart(4, '0')}`;
const supplierCode = (n: number) => `S${String(n).padStart(4, '0')}`;

interface Kind {
	type: DocumentType;
	audit: string;
	side: 'customer' | 'supplier';
	nominals: string[];
}
// Seven in ten sales invoices, then credits and purchases: a design studio's month.
const KINDS: Kind[] = [
	...Array.from({ length: 7 }, (): Kind => ({ type: 'salesInvoice', audit: 'SI', side: 'customer', nominals: ['4000', '4010', '4030'] })),
	{ type: 'salesCredit', audit: 'SC', side: 'customer', nominals: ['4020'] },
	{ type: 'purchaseInvoice', audit: 'PI', side: 'supplier', nominals: ['5000', '5010'] },
	{ type: 'purchaseCredit', audit: 'PC', side: 'supplier', nominals: ['5000'] },
];

const pounds = (pence: number) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;

function kindOf(index: number): Kind {
	return KINDS[(index * 7) % KINDS.length];
}

function accountOf(index: number): string {
	const kind = kindOf(index);
	// Not a function of index mod 10 alone (that fixes the kind), so every kind meets every account.
	const n = 1 + ((index * 37 + Math.floor(index / KINDS.length)) % ACCOUNTS);
	return kind.side === 'customer' ? customerCode(n) : supplierCode(n);
}

function referenceOf(index: number): string {
	return `${kindOf(index).audit}-${String(index + 1).padStart(6, '0')}`;
}

/** One canonical document per index, as a source node would send it (amounts as text, totals that add up). */
function* generateDocuments(count: number): Generator<unknown> {
	for (let index = 0; index < count; index += 1) {
		const kind = kindOf(index);
		const code = accountOf(index);
		const lineCount = 1 + (index % 3);
		const lines = Array.from({ length: lineCount }, (_, line) => {
			const net = 1_000 + ((index * 7_919 + line * 104_729) % 250_000);
			const bad = line === 0 && index % BAD_NOMINAL_EVERY === BAD_NOMINAL_EVERY - 1;
			return {
				description: `${kind.side === 'customer' ? 'Design work' : 'Materials'}, job ${index % 500}, part ${line + 1}`,
				net: pounds(net),
				taxCode: 'T1',
				taxAmount: pounds(Math.round(net / 5)),
				account: bad ? '4999' : kind.nominals[(index + line) % kind.nominals.length],
			};
		});
		const net = lines.reduce((sum, line) => sum + Math.round(Number(line.net) * 100), 0);
		const tax = lines.reduce((sum, line) => sum + Math.round(Number(line.taxAmount) * 100), 0);
		yield {
			type: kind.type,
			header: { number: referenceOf(index), date: `2026-03-${String(1 + (index % 28)).padStart(2, '0')}`, currency: 'GBP' },
			party: { code, name: `${kind.side === 'customer' ? 'Customer' : 'Supplier'} ${code} Ltd`, addresses: [{ lines: [`${index % 90} Mill Lane`], city: 'Leeds', postcode: 'LS1 4AP' }] },
			lines,
			totals: { net: pounds(net), tax: pounds(tax), gross: pounds(net + tax) },
		};
	}
}

/** The company: 190 of the 200 customers and suppliers, and every tenth document already posted. */
function companyFor(count: number): CompanyData {
	const posted: Array<[string, string, string]> = [];
	for (let index = 0; index < count; index += POSTED_EVERY) posted.push([kindOf(index).audit, accountOf(index), referenceOf(index)]);
	return {
		...SAMPLE_COMPANY,
		customers: Array.from({ length: KNOWN_ACCOUNTS }, (_, n) => [customerCode(n + 1), `Customer ${customerCode(n + 1)} Ltd`]),
		suppliers: Array.from({ length: KNOWN_ACCOUNTS }, (_, n) => [supplierCode(n + 1), `Supplier ${supplierCode(n + 1)} Ltd`]),
		posted,
	};
}

interface Measured {
	result: SagePostResult;
	seconds: number;
	peakHeapMb: number;
	peakRssMb: number;
}

async function measure(edition: SageEdition, count: number): Promise<Measured> {
	const folder = mkdtempSync(path.join(tmpdir(), 'bench-sage-'));
	try {
		const connectionString = await createSageCompany(path.join(folder, 'company.db'), companyFor(count));
		const importFolder = path.join(folder, 'imports');
		mkdirSync(importFolder);
		const inputs = [...generateDocuments(count)];
		const connection = await connect({ connection: connectionString, edition, user: 'MANAGER', password: '' });
		const options: SagePostOptions = { edition, importFolder, createMissingAccounts: true, maxDocuments: 0 };
		global.gc?.();
		let peakHeap = process.memoryUsage().heapUsed;
		let peakRss = process.memoryUsage().rss;
		const sampler = setInterval(() => {
			const usage = process.memoryUsage();
			peakHeap = Math.max(peakHeap, usage.heapUsed);
			peakRss = Math.max(peakRss, usage.rss);
		}, 5);
		const started = performance.now();
		try {
			const result = await postToSage(connection, inputs, options);
			const seconds = (performance.now() - started) / 1_000;
			const usage = process.memoryUsage();
			return { result, seconds, peakHeapMb: Math.max(peakHeap, usage.heapUsed) / 2 ** 20, peakRssMb: Math.max(peakRss, usage.rss) / 2 ** 20 };
		} finally {
			clearInterval(sampler);
			await connection.close();
		}
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

function report(label: string, count: number, { result, seconds, peakHeapMb, peakRssMb }: Measured): void {
	const { queries } = result;
	const per100 = (value: number) => ((value * 100) / count).toFixed(2);
	const rows = [
		['documents', `${count} (posted ${result.posted.length}, duplicates ${result.duplicates.length}, rejected ${result.rejected.length})`],
		['accounts created', String(result.accountsCreated.length)],
		['files', result.files.map((file) => `${path.basename(file.path).split('_')[0]} ${file.rows} rows`).join(', ') || 'none'],
		['time', `${seconds.toFixed(2)} s, ${Math.round(count / seconds)} documents/s`],
		['ODBC queries', `${queries.total} in all, ${per100(queries.total)} per 100 documents`],
		['  reference data', `${queries.referenceData} per run`],
		['  duplicate check', `${queries.duplicateCheck} (${per100(queries.duplicateCheck)} per 100 documents)`],
		['  posting', `${queries.posting} (${per100(queries.posting)} per 100 documents)`],
		['peak memory', `heap ${peakHeapMb.toFixed(0)} MB, RSS ${peakRssMb.toFixed(0)} MB`],
	];
	console.log(`\n${label}`);
	for (const [name, value] of rows) console.log(`  ${name.padEnd(18)} ${value}`);
}

async function main(): Promise<void> {
	console.log(`Sage posting bench: Node ${process.version}, SQLite over unixODBC (libsqliteodbc); ${ACCOUNTS} customers and ${ACCOUNTS} suppliers, ${KNOWN_ACCOUNTS} of each known`);
	// A run a tenth the size first: reference-data queries must not grow with the documents.
	const small = Math.max(1, Math.round(DOCUMENTS / 10));
	report(`Sage 50 UK, ${small} documents (import files)`, small, await measure('sage50uk', small));
	report(`Sage 50 UK, ${DOCUMENTS} documents (import files)`, DOCUMENTS, await measure('sage50uk', DOCUMENTS));
	report(`Generic writable ODBC, ${DOCUMENTS} documents (one transaction per document)`, DOCUMENTS, await measure('generic', DOCUMENTS));
	console.log(`\nTargets (issue 4): reference data O(1) queries per run; at most 1 duplicate-check query per 100 documents.`);
	console.log(`Maximum RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});

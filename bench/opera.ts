/**
 * The Opera DBF writer against bare dbffile 1.13.0 on the same records: 100,000 STRAN and
 * 100,000 SANAL records each, in one run. Timed phases report time and peak growth of heap
 * and RSS (garbage included); untimed phases collect garbage every 10,000 records and report
 * the live heap, which is what must stay flat as the record count grows.
 * Prints figures; asserts nothing.
 *   npx ts-node --transpile-only bench/opera.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { DBFFile, type FieldDescriptor } from 'dbffile';

import { Decimal } from '../lib/model/decimal';
import { writeOperaDbf } from '../lib/targets/opera/dbf';
import { operaLayout, type OperaImportFile } from '../lib/targets/opera/fields';
import type { OperaRecord } from '../lib/targets/opera/values';

const RECORDS = 100_000;
const DBFFILE_BATCH = 1_000;
const SAMPLE_EVERY = 1_000;
const LIVE_SAMPLE_EVERY = 10_000;

// Lets the untimed phases measure live heap rather than garbage V8 has not collected yet.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const STRAN_FIELDS = ['ST_CUSTREF'];
const SANAL_FIELDS = ['SA_VATVAL', 'SA_TAXDATE'];

/** One source row per record, the same for both writers: what a mapped invoice line carries. */
interface Row {
	index: number;
	account: string;
	reference: string;
	customerReference: string;
	day: number;
	netPence: bigint;
	vatPence: bigint;
}

function row(index: number): Row {
	const netPence = BigInt(1_000 + ((index * 7919) % 9_999_000));
	return {
		index,
		account: `C${String(index % 5_000).padStart(5, '0')}`,
		reference: `INV-${String(index).padStart(8, '0')}`,
		customerReference: index % 3 === 0 ? `PO “${index}” – €` : `PO ${index} £`,
		day: 1 + (index % 28),
		netPence,
		vatPence: netPence / 5n,
	};
}

const pounds = (pence: bigint) => `${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`;
const isoDate = (day: number) => `2026-03-${String(day).padStart(2, '0')}`;

function stranRecord(source: Row): OperaRecord {
	return {
		ST_ACCOUNT: source.account,
		ST_TRDATE: isoDate(source.day),
		ST_TRREF: source.reference,
		ST_CUSTREF: source.customerReference,
		ST_TRTYPE: 'I',
		ST_TRVALUE: Decimal.of(pounds(source.netPence + source.vatPence)),
		ST_VATVAL: Decimal.of(pounds(source.vatPence)),
		ST_CBTYPE: '',
		ST_ENTRY: '',
	};
}

function sanalRecord(source: Row): OperaRecord {
	return {
		SA_ACCOUNT: source.account,
		SA_TRDATE: isoDate(source.day),
		SA_TRREF: source.reference,
		SA_TRTYPE: 'I',
		SA_TRVALUE: Decimal.of(pounds(source.netPence)),
		SA_VATVAL: Decimal.of(pounds(source.vatPence)),
		SA_ANCODE: 'ACCE01',
		SA_VATCTRY: 'H',
		SA_VATTYPE: 'S',
		SA_ANVAT: '1',
		SA_TAXDATE: isoDate(source.day),
	};
}

// dbffile takes JavaScript numbers and Date objects; it is given what it asks for.
function dbffileRecord(file: 'STRAN' | 'SANAL', source: Row): Record<string, unknown> {
	const date = new Date(2026, 2, source.day);
	if (file === 'STRAN') {
		return {
			ST_ACCOUNT: source.account,
			ST_TRDATE: date,
			ST_TRREF: source.reference,
			ST_CUSTREF: source.customerReference,
			ST_TRTYPE: 'I',
			ST_TRVALUE: Number(pounds(source.netPence + source.vatPence)),
			ST_VATVAL: Number(pounds(source.vatPence)),
			ST_CBTYPE: '',
			ST_ENTRY: '',
		};
	}
	return {
		SA_ACCOUNT: source.account,
		SA_TRDATE: date,
		SA_TRREF: source.reference,
		SA_TRTYPE: 'I',
		SA_TRVALUE: Number(pounds(source.netPence)),
		SA_VATVAL: Number(pounds(source.vatPence)),
		SA_ANCODE: 'ACCE01',
		SA_VATCTRY: 'H',
		SA_VATTYPE: 'S',
		SA_ANVAT: '1',
		SA_TAXDATE: date,
	};
}

/**
 * Peak heap and RSS above the level when the phase began. With `live`, garbage is collected
 * before each sample, so the heap figure is what the writer actually holds.
 */
class MemoryPeak {
	private readonly heapAtStart: number;
	private readonly buffersAtStart: number;
	private readonly rssAtStart = process.memoryUsage.rss();
	private samples = 0;
	heapGrowth = 0;
	/** Buffers live outside the V8 heap (Node's "external" memory); the writer's chunk is one. */
	bufferGrowth = 0;
	rssGrowth = 0;

	constructor(readonly live = false) {
		if (live) collectGarbage();
		const usage = process.memoryUsage();
		this.heapAtStart = usage.heapUsed;
		this.buffersAtStart = usage.external;
	}

	sample(): void {
		this.samples += 1;
		if (this.live && this.samples % (LIVE_SAMPLE_EVERY / SAMPLE_EVERY) !== 0) return;
		if (this.live) collectGarbage();
		const usage = process.memoryUsage();
		this.heapGrowth = Math.max(this.heapGrowth, usage.heapUsed - this.heapAtStart);
		this.bufferGrowth = Math.max(this.bufferGrowth, usage.external - this.buffersAtStart);
		this.rssGrowth = Math.max(this.rssGrowth, usage.rss - this.rssAtStart);
	}
}

interface PhaseResult {
	milliseconds: number;
	bytes: number;
	memory: MemoryPeak;
}

function* sampled<T>(count: number, make: (index: number) => T, memory: MemoryPeak): Generator<T> {
	for (let index = 0; index < count; index++) {
		if (index % SAMPLE_EVERY === 0) memory.sample();
		yield make(index);
	}
	memory.sample();
}

async function ours(folder: string, count: number, live = false): Promise<PhaseResult> {
	const memory = new MemoryPeak(live);
	const started = performance.now();
	const stran = await writeOperaDbf(target(folder, 'ours', 'STRAN', count), 'STRAN', sampled(count, (index) => stranRecord(row(index)), memory), {
		optionalFields: STRAN_FIELDS,
	});
	const sanal = await writeOperaDbf(target(folder, 'ours', 'SANAL', count), 'SANAL', sampled(count, (index) => sanalRecord(row(index)), memory), {
		optionalFields: SANAL_FIELDS,
	});
	return { milliseconds: performance.now() - started, bytes: stran.bytes + sanal.bytes, memory };
}

function descriptors(file: OperaImportFile, optionalFields: string[]): FieldDescriptor[] {
	return operaLayout(file, optionalFields).map((field) => ({ name: field.name, type: field.type, size: field.width, decimalPlaces: field.decimals }));
}

async function bareDbffile(folder: string, count: number, live = false): Promise<PhaseResult> {
	const memory = new MemoryPeak(live);
	const started = performance.now();
	let bytes = 0;
	for (const [file, fields] of [
		['STRAN', STRAN_FIELDS],
		['SANAL', SANAL_FIELDS],
	] as const) {
		const output = target(folder, 'dbffile', file, count);
		const table = await DBFFile.create(output, descriptors(file, [...fields]), { encoding: 'win1252' });
		for (let start = 0; start < count; start += DBFFILE_BATCH) {
			memory.sample();
			const batch = [];
			for (let index = start; index < Math.min(start + DBFFILE_BATCH, count); index++) batch.push(dbffileRecord(file, row(index)));
			await table.appendRecords(batch);
		}
		memory.sample();
		bytes += statSync(output).size;
	}
	return { milliseconds: performance.now() - started, bytes, memory };
}

let phase = 0;
const target = (folder: string, writer: string, file: string, count: number) => path.join(folder, `${writer}-${file}-${count}-${++phase}.dbf`);

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function report(label: string, count: number, result: PhaseResult): void {
	const perSecond = ((2 * count) / result.milliseconds) * 1000;
	console.log(
		`  ${label.padEnd(44)} ${result.milliseconds.toFixed(0).padStart(6)} ms  ${perSecond.toFixed(0).padStart(7)} records/s  ` +
			`heap +${mebibytes(result.memory.heapGrowth).padStart(9)}  RSS +${mebibytes(result.memory.rssGrowth).padStart(9)}  files ${mebibytes(result.bytes)}`,
	);
}

function reportLive(label: string, result: PhaseResult): void {
	const kibibytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
	console.log(
		`  ${label.padEnd(44)} live heap +${kibibytes(result.memory.heapGrowth).padStart(9)}  buffers +${kibibytes(result.memory.bufferGrowth).padStart(9)}`,
	);
}

async function main(): Promise<void> {
	const folder = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-bench-opera-'));
	try {
		// Warm both up first so neither pays for the JIT in its timed run.
		await ours(folder, 2_000);
		await bareDbffile(folder, 2_000);

		console.log(`Opera DBF writers, STRAN + SANAL (each count is per file), Node ${process.version}`);
		console.log('timed (heap and RSS: peak growth during the phase, uncollected garbage included)');
		const small = await ours(folder, 10_000);
		report('Ledger Bridge writer, 10,000', 10_000, small);
		const mine = await ours(folder, RECORDS);
		report('Ledger Bridge writer, 100,000', RECORDS, mine);
		const theirs = await bareDbffile(folder, RECORDS);
		report(`dbffile 1.13.0, 100,000 (batches of ${DBFFILE_BATCH.toLocaleString('en-GB')})`, RECORDS, theirs);
		console.log(`time ratio, Ledger Bridge / dbffile: ${(mine.milliseconds / theirs.milliseconds).toFixed(3)}`);
		console.log(`untimed (garbage collected every ${LIVE_SAMPLE_EVERY.toLocaleString('en-GB')} records)`);
		reportLive('Ledger Bridge writer, 10,000', await ours(folder, 10_000, true));
		reportLive('Ledger Bridge writer, 100,000', await ours(folder, RECORDS, true));
		reportLive('dbffile 1.13.0, 100,000', await bareDbffile(folder, RECORDS, true));
		console.log(`process peak RSS (whole run): ${mebibytes(process.resourceUsage().maxRSS * 1024)}`);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

void main();

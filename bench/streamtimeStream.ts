/**
 * The streamed Streamtime parser on 1,000,000 invoice lines, against papaparse 5.5.3 on the
 * same export. The export is generated once (test/unit/streamtime/exportGenerator.ts, the
 * generator bench/streamtime.ts uses, in Windows-1252 with a title row) and written to a
 * temporary file; each measurement runs in a fresh process:
 *  - readStreamtimeExport: reads the file with fs.createReadStream (64 KiB pieces), decodes
 *    them, reads the rows, finds the heading row, reads dates and amounts exactly, groups
 *    lines into documents, totals and checks each document and builds it, handing it to a
 *    sink that only counts. Its time includes all of that, reading the file included.
 *  - papaparse: given the text decodeExportBytes made of the same bytes, read from a UTF-8
 *    copy of the file before the timing starts; it only splits the text into rows of strings.
 * Peak RSS growth is the peak resident memory during the measured work less the resident
 * memory just before it (after a garbage collection; for papaparse, with the text already
 * read), against the 150 MB limit.
 * Times are the median of RUNS fresh processes per parser, run in turn. Prints figures;
 * asserts nothing.
 *   npm run bench:streamtime-stream
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import Papa from 'papaparse';

import { decodeExportBytes } from '../lib/sources/streamtime/decode';
import { readStreamtimeExport } from '../lib/sources/streamtime/stream';
import { benchmarkInvoices, encodeExport, renderInvoiceExport } from '../test/unit/streamtime/exportGenerator';

const LINES = 1_000_000;
const RUNS = 3;
const RSS_LIMIT = 150 * 1024 * 1024;
const TIME_LIMIT = 1.2;

type Parser = 'readStreamtimeExport' | 'papaparse';

interface Measurement {
	ms: number;
	rssGrowth: number;
	/** Documents (readStreamtimeExport) or rows (papaparse) read, to show both read the whole file. */
	count: number;
	readings?: number;
	mostDocumentsHeld?: number;
}

/** Child process: one measured reading. */
async function measure(parser: Parser, bytesFile: string, textFile: string): Promise<void> {
	setFlagsFromString('--expose-gc');
	const collectGarbage = runInNewContext('gc') as () => void;
	const text = parser === 'papaparse' ? readFileSync(textFile, 'utf8') : '';
	collectGarbage();
	// The process's peak so far is mostly ts-node compiling this file, so the peak of the work
	// is found from the resident memory now: sampled while the stream reads (it gives the event
	// loop a turn between pieces), and the process peak when the work raised it (papaparse,
	// which never gives the loop a turn).
	const rssBefore = process.memoryUsage.rss();
	const peakBefore = process.resourceUsage().maxRSS * 1024;
	let rssPeak = rssBefore;
	const sampler = setInterval(() => {
		rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
	}, 5);
	const start = performance.now();
	let result: Omit<Measurement, 'ms' | 'rssGrowth'>;
	if (parser === 'papaparse') {
		result = { count: Papa.parse<string[]>(text, { delimiter: '\t' }).data.length };
	} else {
		let count = 0;
		const summary = await readStreamtimeExport(() => createReadStream(bytesFile), {}, {
			document: () => {
				count++;
			},
			rejected: () => {},
		});
		result = { count, readings: summary.readings, mostDocumentsHeld: summary.mostDocumentsHeld };
	}
	const ms = performance.now() - start;
	clearInterval(sampler);
	const peakAfter = process.resourceUsage().maxRSS * 1024;
	rssPeak = Math.max(rssPeak, process.memoryUsage.rss(), peakAfter > peakBefore ? peakAfter : 0);
	const rssGrowth = rssPeak - rssBefore;
	process.stdout.write(JSON.stringify({ ...result, ms, rssGrowth }));
}

function runChild(parser: Parser, bytesFile: string, textFile: string): Measurement {
	const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--measure', parser, bytesFile, textFile], {
		encoding: 'utf8',
		cwd: path.join(__dirname, '..'),
		maxBuffer: 1024 * 1024,
	});
	return JSON.parse(output) as Measurement;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MB`;

function main(): void {
	const directory = mkdtempSync(path.join(tmpdir(), 'streamtime-stream-bench-'));
	try {
		const bytesFile = path.join(directory, 'export.txt');
		const textFile = path.join(directory, 'export.utf8.txt');
		{
			const invoices = benchmarkInvoices(LINES);
			const bytes = encodeExport(renderInvoiceExport(invoices, { title: 'Invoice List – exported 31/03/2026', amountStyles: ['plain', 'grouped', 'plain', 'symbol'] }), 'windows-1252');
			writeFileSync(bytesFile, bytes);
			writeFileSync(textFile, decodeExportBytes(bytes).text, 'utf8');
			console.log(`\n${LINES.toLocaleString('en-GB')} lines, ${invoices.length.toLocaleString('en-GB')} invoices, ${mb(statSync(bytesFile).size)} in Windows-1252 on disk`);
		}
		const runs: Record<Parser, Measurement[]> = { readStreamtimeExport: [], papaparse: [] };
		for (let run = 0; run < RUNS; run++) {
			for (const parser of (run % 2 === 0 ? ['readStreamtimeExport', 'papaparse'] : ['papaparse', 'readStreamtimeExport']) as Parser[]) {
				runs[parser].push(runChild(parser, bytesFile, textFile));
			}
		}
		const time = (parser: Parser) => median(runs[parser].map((measurement) => measurement.ms));
		const rss = (parser: Parser) => median(runs[parser].map((measurement) => measurement.rssGrowth));
		const ratio = time('readStreamtimeExport') / time('papaparse');
		const stream = runs.readStreamtimeExport[0];
		console.log(
			`  readStreamtimeExport (file stream → documents) ${time('readStreamtimeExport').toFixed(0).padStart(6)} ms  ` +
				`peak RSS +${mb(rss('readStreamtimeExport'))} (limit ${mb(RSS_LIMIT)}, ${(rss('readStreamtimeExport') / RSS_LIMIT).toFixed(2)} of it)  ` +
				`${stream.count.toLocaleString('en-GB')} documents, ${stream.readings} reading, at most ${stream.mostDocumentsHeld} held`,
		);
		console.log(
			`  papaparse (decoded text → rows)               ${time('papaparse').toFixed(0).padStart(6)} ms  peak RSS +${mb(rss('papaparse'))}  ` +
				`${runs.papaparse[0].count.toLocaleString('en-GB')} rows`,
		);
		console.log(
			`  time readStreamtimeExport / papaparse: ${ratio.toFixed(2)} (limit ${TIME_LIMIT.toFixed(2)}; run by run ` +
				`${runs.readStreamtimeExport.map((measurement, index) => (measurement.ms / runs.papaparse[index].ms).toFixed(2)).join(', ')})`,
		);
		console.log(`  peak RSS growth readStreamtimeExport: +${mb(rss('readStreamtimeExport'))} against ${mb(RSS_LIMIT)} (run by run ${runs.readStreamtimeExport.map((measurement) => mb(measurement.rssGrowth)).join(', ')})`);
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}

const measureFlag = process.argv.indexOf('--measure');
if (measureFlag >= 0) {
	const [parser, bytesFile, textFile] = process.argv.slice(measureFlag + 1);
	void measure(parser as Parser, bytesFile, textFile);
} else {
	main();
}

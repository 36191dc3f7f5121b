/**
 * The Streamtime export parser against bare papaparse 5.5.3 on the same export: 100,000
 * invoice lines in Windows-1252, in one run. parseStreamtimeExport does everything (decode
 * the bytes, read the rows, find the heading row, read dates and amounts exactly, group
 * lines into documents, total them exactly — in whole minor units while they fit a safe
 * integer, in Decimal beyond); papaparse only splits the already decoded text into rows of
 * strings. Two exports: a realistic one where one description in fifty
 * holds a tab (so the export quotes it), and one with no quote at all, where papaparse
 * takes its split-only fast path. The tokenizer alone (readTsv) is timed as well.
 * parseStreamtimeExport is given the bytes, so its time includes decoding them (it reads
 * Windows-1252 as Latin-1 text and puts right only the cells holding one of the 32 bytes
 * where the two differ); papaparse and readTsv are given the text decodeExportBytes made
 * of the same bytes, outside the timing.
 * Times are the median of 15 runs per parser, in one process: three rounds, in each of which
 * every parser has 2 warm-ups and 5 timed runs, the parsers' order rotated from round to
 * round — so none of them is always the first to run on a heap that is still growing, and a
 * burst of load elsewhere on the machine falls on all of them alike. The ratio of each
 * round's medians is printed too, to show how steady the figure is. Peak memory is measured
 * in a fresh process per parser (growth of peak RSS over the process with the file already
 * read). Prints figures; asserts nothing.
 *   npx ts-node --transpile-only bench/streamtime.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import Papa from 'papaparse';

import { decodeExportBytes } from '../lib/sources/streamtime/decode';
import { parseStreamtimeExport } from '../lib/sources/streamtime/parse';
import { readTsv } from '../lib/sources/streamtime/tsv';
import { benchmarkInvoices, encodeExport, renderInvoiceExport } from '../test/unit/streamtime/exportGenerator';

const LINES = 100_000;
const ROUNDS = 3;
const WARM_UPS = 2;
const RUNS = 5;

type Parser = 'parseStreamtimeExport' | 'readTsv' | 'papaparse';
const PARSERS: Parser[] = ['parseStreamtimeExport', 'readTsv', 'papaparse'];

function run(parser: Parser, bytes: Uint8Array, text: string): number {
	switch (parser) {
		case 'parseStreamtimeExport':
			return parseStreamtimeExport(bytes).documents.length;
		case 'readTsv':
			return readTsv(text).length;
		case 'papaparse':
			return Papa.parse<string[]>(text, { delimiter: '\t' }).data.length;
	}
}

function exportBytes(quoted: boolean): Uint8Array {
	let invoices = benchmarkInvoices(LINES);
	if (!quoted) {
		invoices = invoices.map((invoice) => ({
			...invoice,
			lines: invoice.lines.map((line) => ({ ...line, description: line.description.replace(/[\t"]/g, ' ') })),
		}));
	}
	const text = renderInvoiceExport(invoices, { title: 'Invoice List – exported 31/03/2026', amountStyles: ['plain', 'grouped', 'plain', 'symbol'] });
	return encodeExport(text, 'windows-1252');
}

/** Child process: read the files, then parse once and report the peak memory it took. */
function measureMemory(parser: Parser, bytesFile: string, textFile: string): void {
	setFlagsFromString('--expose-gc');
	const collectGarbage = runInNewContext('gc') as () => void;
	const bytes = new Uint8Array(readFileSync(bytesFile));
	const text = readFileSync(textFile, 'utf8');
	collectGarbage();
	const rssBefore = process.resourceUsage().maxRSS * 1024;
	const heapBefore = process.memoryUsage().heapUsed;
	const result = run(parser, bytes, text);
	const heapAfter = process.memoryUsage().heapUsed;
	const rssPeak = process.resourceUsage().maxRSS * 1024;
	process.stdout.write(JSON.stringify({ result, rssGrowth: rssPeak - rssBefore, heapGrowth: heapAfter - heapBefore }));
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

const mb = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MB`;

function main(): void {
	const directory = mkdtempSync(path.join(tmpdir(), 'streamtime-bench-'));
	try {
		for (const quoted of [true, false]) {
			const bytes = exportBytes(quoted);
			const text = decodeExportBytes(bytes).text;
			const bytesFile = path.join(directory, `export-${quoted}.txt`);
			const textFile = path.join(directory, `export-${quoted}.utf8.txt`);
			writeFileSync(bytesFile, bytes);
			writeFileSync(textFile, text, 'utf8');
			const documents = parseStreamtimeExport(bytes).documents.length;
			console.log(
				`\n${quoted ? 'Realistic export (1 description in 50 quoted)' : 'Export without any quote (papaparse fast path)'}: ` +
					`${LINES.toLocaleString('en-GB')} lines, ${documents.toLocaleString('en-GB')} invoices, ${mb(bytes.length)} in Windows-1252`,
			);
			const samples: Record<Parser, number[]> = { parseStreamtimeExport: [], readTsv: [], papaparse: [] };
			const roundRatios: string[] = [];
			for (let round = 0; round < ROUNDS; round++) {
				const roundSamples: Record<Parser, number[]> = { parseStreamtimeExport: [], readTsv: [], papaparse: [] };
				for (let turn = 0; turn < PARSERS.length; turn++) {
					const parser = PARSERS[(round + turn) % PARSERS.length];
					for (let index = 0; index < WARM_UPS + RUNS; index++) {
						const start = performance.now();
						run(parser, bytes, text);
						if (index >= WARM_UPS) roundSamples[parser].push(performance.now() - start);
					}
					samples[parser].push(...roundSamples[parser]);
				}
				roundRatios.push((median(roundSamples.parseStreamtimeExport) / median(roundSamples.papaparse)).toFixed(2));
			}
			const times = Object.fromEntries(PARSERS.map((parser) => [parser, median(samples[parser])])) as Record<Parser, number>;
			for (const parser of PARSERS) {
				const memory = JSON.parse(
					execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--memory', parser, bytesFile, textFile], {
						encoding: 'utf8',
						cwd: path.join(__dirname, '..'),
					}),
				) as { rssGrowth: number; heapGrowth: number };
				const ratio = parser === 'papaparse' ? '' : `  ${(times[parser] / times.papaparse).toFixed(2)}× papaparse`;
				console.log(
					`  ${parser.padEnd(22)} ${times[parser].toFixed(1).padStart(7)} ms${ratio.padEnd(20)}  peak RSS +${mb(memory.rssGrowth)}, heap +${mb(memory.heapGrowth)}`,
				);
			}
			console.log(
				`  ratio parseStreamtimeExport / papaparse: ${(times.parseStreamtimeExport / times.papaparse).toFixed(2)} (target ≤ 1.5; round by round ${roundRatios.join(', ')})`,
			);
		}
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}

const memoryFlag = process.argv.indexOf('--memory');
if (memoryFlag >= 0) {
	const [parser, bytesFile, textFile] = process.argv.slice(memoryFlag + 1);
	measureMemory(parser as Parser, bytesFile, textFile);
} else {
	main();
}

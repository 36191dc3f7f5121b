import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { nodeWorkflow, runWorkflow } from './harness';

let folder: string;
beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'streamtime-engine-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** An invoice list as Streamtime saves it: a title row, CRLF, Windows-1252 £ and an en dash. */
function invoiceExport(): Buffer {
	const rows = [
		'Invoice List\t\t\t',
		['Invoice Number', 'Invoice Date', 'Client Code', 'Client Name', 'Description', 'Amount', 'Tax Code', 'Tax Amount', 'Account Code'].join('\t'),
		['INV-1001', '31/03/2026', 'acme', 'Acme Ltd', 'Design \u2013 March', '£1,200.00', 'S', '240.00', '4000'].join('\t'),
		['INV-1001', '31/03/2026', 'acme', 'Acme Ltd', 'Print', '350.00', 'S', '70.00', '4010'].join('\t'),
		['INV-1002', '31/02/2026', 'globex', 'Globex', 'Consulting', '500.00', 'S', '100.00', '4000'].join('\t'),
		['INV-1003', '01/04/2026', 'globex', 'Globex', 'Hosting', '99.99', 'S', '20.00', '4000'].join('\t'),
	];
	const text = rows.join('\r\n') + '\r\n';
	return Buffer.from(Array.from(text, (character) => (character === '\u2013' ? 0x96 : character.charCodeAt(0))));
}

describe('Streamtime File inside the n8n engine', () => {
	test('an invoice export becomes ledger documents; a bad row is rejected with its line; a summary says what was found', async () => {
		const file = path.join(folder, 'June Invoices.txt');
		writeFileSync(file, invoiceExport());
		const result = await runWorkflow(nodeWorkflow('streamtimeFile', 'Streamtime File', [{}], { source: 'path', filePath: file, type: 'auto' }));
		const [documents, rejected, [summary]] = result.output('Streamtime File');
		expect(documents.map((item) => [item.json.type, (item.json.header as { number: string }).number, (item.json.totals as { gross: string }).gross])).toEqual([
			['salesInvoice', 'INV-1001', '1860.00'],
			['salesInvoice', 'INV-1003', '119.99'],
		]);
		expect((documents[0].json.lines as Array<{ description: string }>)[0].description).toBe('Design – March');
		expect(rejected.map((item) => [item.json.line, item.json.code])).toEqual([[5, 'STREAMTIME_DATE_INVALID']]);
		expect(summary.json).toMatchObject({ kind: 'streamtimeSummary', type: 'salesInvoices', encoding: 'windows-1252', documentCount: 2, fileName: 'June Invoices.txt' });
	});

	test('a file that is not a Streamtime export stops the node and says which headings it found', async () => {
		const file = path.join(folder, 'notes.txt');
		writeFileSync(file, 'Name\tPhone\r\nAnn\t123\r\n');
		const result = await runWorkflow(nodeWorkflow('streamtimeFile', 'Streamtime File', [{}], { source: 'path', filePath: file, type: 'auto' }));
		expect(result.run.status).toBe('error');
		expect(result.run.data.resultData.runData['Streamtime File'][0].error?.message).toMatch(/Name.*Phone|Phone.*Name/);
	});
});

/**
 * What each sample workflow in workflows/ must produce when n8n runs it. Every workflow
 * needs an entry here: the e2e run fails for a workflow nobody checks.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

// The DBFs are read back by Debian's python3-dbfread, through the same reader the unit tests use.
require('ts-node').register({ transpileOnly: true });
const { readDbfWithDbfread } = require('../unit/opera/readers');

const SAMPLE_DOCUMENTS = require(path.join(__dirname, '..', '..', 'workflows', 'samples', 'ledger-documents.json'));

/** The import log as a bookkeeper opens it: UTF-8 with a byte-order mark, one line per row. */
function readLog(file) {
	const text = fs.readFileSync(file, 'utf8');
	assert.equal(text.charCodeAt(0), 0xfeff, `${path.basename(file)} starts with a byte-order mark so Excel reads accents`);
	return text.slice(1).split('\r\n');
}

/** A run's Sage audit-trail import files: each in the run's own folder, published whole. */
function auditFiles(sageFiles) {
	return sageFiles.filter((name) => /^AUDIT_.*\.csv$/.test(path.basename(name)));
}

/** The invoice references in Sage audit-trail import files written by one run. */
function auditReferences(sageFolder, sageFiles) {
	const audits = auditFiles(sageFiles);
	assert.equal(audits.length, 1, `one audit-trail import file per run (new files: ${sageFiles.join(', ')})`);
	const text = fs.readFileSync(path.join(sageFolder, audits[0]), 'latin1');
	return [...new Set(text.match(/INV-\d+/g) ?? [])].sort();
}

function rejectedDocuments(items) {
	return items.filter((item) => item.json.kind === 'rejected');
}

module.exports = {
	lbMappingDemo01: {
		name: 'mapping demo: six documents, four valid, two rejected with codes, an import log',
		check({ run, outputs, binaryText }) {
			assert.equal(run.status, 'success', 'the workflow run succeeds');
			const [valid, rejected, logs] = outputs('Ledger Mapping');
			assert.deepEqual(
				valid.map((item) => `${item.json.type} ${item.json.header?.number ?? item.json.party.code}`),
				['salesInvoice INV-1001', 'purchaseInvoice PO-2001', 'salesCredit CN-1001', 'customer INIT01'],
			);
			const invoice = valid[0].json;
			assert.equal(invoice.party.code, 'ACME01', 'customer code mapped');
			assert.deepEqual(invoice.lines.map((line) => line.account), ['4000', '4010'], 'account and cost-matrix mapping');
			assert.deepEqual(invoice.lines.map((line) => line.taxCode), ['T1', 'T1']);
			assert.equal(invoice.header.paymentTerms, '30D');
			assert.equal(invoice.lines[0].description, 'Brand design work, March', 'tab cleaned out of the description');
			assert.ok(invoice.report.cleaned.some((change) => change.action === 'whitespaceCleaned'));

			const purchase = valid[1].json;
			assert.equal(purchase.party.code, 'INKW01');
			assert.equal(purchase.lines[0].account, '5010', 'expense side of the cost matrix');
			assert.equal(purchase.party.name, 'Inkwell Printers Co', '& removed from the name');
			assert.ok(Array.from(purchase.lines[0].description).length <= 60, 'details shortened to 60');
			assert.ok(purchase.report.cleaned.some((change) => change.action === 'truncated'));
			assert.ok(purchase.report.cleaned.some((change) => change.action === 'charactersRemoved'));

			const rejects = rejectedDocuments(rejected);
			assert.deepEqual(
				rejects.map((item) => [item.json.documentNumber, item.json.failureCodes]),
				[
					['INV-1002', ['TAX_CODE_UNMAPPED']],
					['INV-1003', ['TOTALS_NET_MISMATCH']],
				],
			);
			assert.match(rejects[1].json.message, /100\.01 net but the net total is 100\.00/);
			assert.deepEqual(rejects.map((item) => item.pairedItem.item), [1, 2], 'rejects point at their input items');

			assert.equal(rejected.length, rejects.length, 'Rejected holds one item per rejected document, nothing else');
			const [logItem] = logs;
			assert.equal(logItem?.json.kind, 'importLog', 'the import log comes out of its own output');
			assert.equal(logItem.binary.importLog.fileName, 'demo-import-log.csv');
			const csv = binaryText(logItem.binary.importLog);
			assert.match(csv, /INV-1002.*TAX_CODE_UNMAPPED/);
			assert.match(csv, /FAILURE CODE TABLE/);
			return `${valid.length} valid, ${rejects.length} rejected, import log ${csv.length} characters`;
		},
	},
	lbMapWebhook01: {
		webhook: [
			{
				name: 'validate over HTTP: the six sample documents, answered 422 with counts and each reject',
				path: 'ledger-bridge/validate',
				bodyFile: 'workflows/samples/ledger-documents.json',
				check({ response }) {
					assert.equal(response.status, 422, `rejects answer 422 (got ${response.status}: ${response.text})`);
					assert.equal(response.body.documents, 6);
					assert.equal(response.body.valid, 4);
					assert.deepEqual(
						response.body.ready.map((document) => `${document.type} ${document.number ?? document.account}`),
						['salesInvoice INV-1001', 'purchaseInvoice PO-2001', 'salesCredit CN-1001', 'customer INIT01'],
					);
					assert.deepEqual(
						response.body.rejects.map((reject) => [reject.document, reject.failureCodes]),
						[
							['sales invoice INV-1002', ['TAX_CODE_UNMAPPED']],
							['sales invoice INV-1003', ['TOTALS_NET_MISMATCH']],
						],
					);
					return `HTTP ${response.status}, ${response.body.valid} valid, ${response.body.rejected} rejected`;
				},
			},
			{
				name: 'validate over HTTP: only valid documents answer 200 with nothing rejected',
				path: 'ledger-bridge/validate',
				body: [SAMPLE_DOCUMENTS[0], SAMPLE_DOCUMENTS[4]],
				check({ response }) {
					assert.equal(response.status, 200, response.text);
					assert.deepEqual([response.body.valid, response.body.rejected, response.body.rejects], [2, 0, []]);
					return `HTTP ${response.status}, ${response.body.valid} valid`;
				},
			},
			{
				name: 'validate over HTTP: only bad documents answer 422 and say why, with nothing ready',
				path: 'ledger-bridge/validate',
				body: [{ type: 'salesInvoice', header: { number: 'INV-9' } }, 'not a document'],
				check({ response }) {
					assert.equal(response.status, 422, response.text);
					assert.equal(response.body.valid, 0);
					assert.deepEqual(
						response.body.rejects.map((reject) => reject.failureCodes),
						[['FIELD_REQUIRED'], ['DOCUMENT_NOT_AN_OBJECT']],
					);
					return `HTTP ${response.status}, ${response.body.rejected} rejected`;
				},
			},
		],
	},
	lbOperaSales01: {
		webhook: [{
			name: 'sales and customers → Opera: DBFs in the import folder, read back independently; rejects answered with Opera\'s messages',
			path: 'ledger-bridge/opera/sales',
			bodyFile: 'workflows/samples/opera-sales.json',
			check({ response, operaFolder }) {
				assert.equal(response.status, 422, response.text);
				assert.deepEqual(
					response.body.rejects.map((reject) => [reject.document, reject.failureCodes]),
					[
						['sales invoice SI-5003', ['TAX_CODE_UNMAPPED']],
						['customer BETA01', ['BANK_DETAILS_INCOMPLETE']],
					],
				);
				assert.deepEqual(
					response.body.files.map((file) => [file.file, file.records]),
					[
						['SNAME', 1],
						['STRAN', 4],
						['SANAL', 4],
					],
				);
				const read = (name) => readDbfWithDbfread(response.body.files.find((file) => file.file === name).path);
				assert.equal(path.dirname(response.body.runFolder), operaFolder, 'the run folder is in the import folder');
				for (const file of response.body.files) assert.equal(path.dirname(file.path), response.body.runFolder, 'every file of the run is in its run folder');
				assert.deepEqual(fs.readdirSync(operaFolder), [path.basename(response.body.runFolder)], 'nothing else in the import folder: no temporary file');
				const sname = read('SNAME');
				assert.equal(sname.codePage, 0x03, 'Windows-1252 code-page mark');
				assert.equal(sname.records[0].SN_NAME, 'Acme Café & Bakery Supplies (N', 'name shortened to SN_NAME C(30) by the Opera profile');
				assert.equal(sname.records[0].SN_IBAN, 'GB82WEST12345698765432');
				const stran = read('STRAN');
				assert.deepEqual(
					stran.records.map((record) => [record.ST_TRREF, record.ST_TRTYPE, record.ST_TRVALUE, record.ST_VATVAL]),
					[
						['SI-5001', 'I', '522.60', '87.10'],
						['SI-5002', 'I', '60.00', '0.00'],
						['SC-0101', 'C', '-30.00', '-5.00'],
						['RC-7001', 'R', '-522.60', '0.00'],
					],
				);
				assert.equal(stran.records[1].ST_FULLAMT, true, 'till sale generates a matched receipt');
				assert.equal(stran.records[3].ST_BANK_AC, 'BANK02');
				const sanal = read('SANAL');
				assert.deepEqual(
					sanal.records.map((record) => [record.SA_TRREF, record.SA_ANCODE, record.SA_TRVALUE, record.SA_VATVAL, record.SA_ANVAT]),
					[
						['SI-5001', 'SAL001', '400.00', '80.00', '1'],
						['SI-5001', 'SAL002', '35.50', '7.10', '1'],
						['SI-5002', 'SAL002', '60.00', '0.00', '0'],
						['SC-0101', 'SAL002', '-25.00', '-5.00', '1'],
					],
				);
				return `HTTP ${response.status}, ${response.body.files.length} files, ${response.body.rejected} rejected`;
			},
		},
		{
			name: 'sales and customers → Opera, the same body again: nothing written twice, every earlier document reported as already written',
			path: 'ledger-bridge/opera/sales',
			bodyFile: 'workflows/samples/opera-sales.json',
			check({ response, operaFolder }) {
				assert.equal(response.status, 422, 'the two rejects are still rejected');
				assert.equal(response.body.written, 0, response.text);
				assert.deepEqual(response.body.files, []);
				assert.equal(response.body.duplicates, 5, 'the customer and the four transactions');
				assert.ok(response.body.alreadyWritten.every((entry) => /was already written for Opera 3/.test(entry.message)), response.text);
				assert.equal(fs.readdirSync(operaFolder).length, 1, 'still one run folder');
				return `HTTP ${response.status}, ${response.body.duplicates} already written, ${response.body.files.length} files`;
			},
		}],
	},
	lbStreamSage01: {
		name: 'Streamtime export → Ledger Mapping (Sage 50 UK) → Sage Import against the sandbox company over ODBC; the run ends failed, naming the rejects',
		check({ run, outputs }) {
			assert.equal(run.status, 'error', 'a run that rejected documents is a failed execution');
			assert.equal(run.data.resultData.lastNodeExecuted, 'Stop: documents were rejected');
			assert.match(run.data.resultData.error.message, /^2 documents were rejected: INV-2043 \(.+\), INV-2045 \(SAGE_NOMINAL_MISSING\)\. The others were posted/);
			const [documents] = outputs('Sample Streamtime File');
			const [posted, duplicates, rejected, [summary]] = outputs('Sage Import');
			assert.ok(documents.length > 0, 'the sample export parses into documents');
			assert.equal(summary.json.documents, posted.length + duplicates.length + rejected.length, 'every document posted, skipped or rejected');
			assert.deepEqual(
				rejected.map((item) => item.json.documentNumber),
				['INV-2043', 'INV-2045'],
				`the EUR invoice without an exchange rate and the one on nominal 4060 (not in the company) are rejected: ${JSON.stringify(rejected.map((item) => item.json.message))}`,
			);
			assert.match(rejected[0].json.message, /Exchange Rate/);
			assert.deepEqual(rejected[1].json.failureCodes, ['SAGE_NOMINAL_MISSING']);
			assert.ok(posted.length >= 3, 'the others are written to the audit-trail file');
			assert.ok(summary.json.files.some((file) => /^AUDIT_/.test(file.fileName)), 'an audit-trail import file is written');
			assert.ok(summary.json.odbcQueries <= 6, 'reference data once per run and one duplicate query');
			return `${documents.length} documents parsed; Sage: ${posted.length} written, ${duplicates.length} duplicates, ${rejected.length} rejected (${rejected.map((item) => item.json.failureCodes.join('+')).join(', ')}), ${summary.json.odbcQueries} ODBC queries`;
		},
	},
	lbCwSageBatch01: {
		name: 'ConnectWise Manage → Sage 50 US: unposted invoices exported, checked as a whole batch, written for Sage, batched in Manage',
		check({ run, outputs }) {
			assert.equal(run.status, 'success', `nothing left unposted, so the run is not failed: ${run.data.resultData.error?.message ?? ''}`);
			const [documents, exportRejected, [exportSummary]] = outputs('Export unposted invoices');
			const [valid, mappingRejected] = outputs('Ledger Mapping');
			assert.equal(exportRejected.length, 0, 'INV-1005 (no customer account number) is excluded, so nothing stops the batch');
			assert.equal(mappingRejected.filter((item) => item.json.kind === 'rejected').length, 0, `every GL account and tax xref exists in Sage: ${JSON.stringify(mappingRejected.map((item) => item.json.message))}`);
			const [posted, duplicates, rejected, [sageSummary]] = outputs('Sage Import');
			const [[batch]] = outputs('Create batch in Manage');
			assert.equal(valid.length, documents.length);
			assert.equal(rejected.length, 0, `Sage takes every document: ${JSON.stringify(rejected.map((item) => item.json.message))}`);
			assert.ok(sageSummary.json.files.some((file) => /CUSTOMER/i.test(file.fileName)), 'the customers Sage lacks are written to a Customer List file');
			assert.ok(sageSummary.json.files.some((file) => /SALES/i.test(file.fileName)), 'the invoices are written to a Sales Journal file');
			assert.equal(batch.json.outcome, 'complete');
			assert.match(batch.json.batchIdentifier, /^\d{8}LB-I$/);
			assert.ok(batch.json.manageBatchId > 0, 'Manage has the batch');
			return `${exportSummary.json.documents} documents (${posted.length} written, ${duplicates.length} duplicates); batch ${batch.json.batchIdentifier} with ${batch.json.glEntries} GL entries`;
		},
		rerun: {
			name: 'ConnectWise Manage → Sage 50 US run again: nothing left unposted, nothing written twice, no second batch',
			check({ run, outputs }) {
				const exported = outputs('Export unposted invoices');
				assert.ok(exported.length > 0, `the export runs again: ${JSON.stringify(run.data.resultData.error ?? run.data.resultData.runData['Export unposted invoices']?.[0]?.error)}`);
				const [documents] = exported;
				const invoices = documents.filter((item) => item.json.type === 'salesInvoice' || item.json.type === 'salesCredit');
				assert.equal(invoices.length, 0, 'the batched invoices are no longer unposted');
				const batchRun = outputs('Create batch in Manage');
				const batch = batchRun[0]?.[0];
				if (batch) assert.notEqual(batch.json.outcome, 'complete', 'no second batch of the same entries');
				return `${invoices.length} invoices left to export; ${batch ? `batch step: ${batch.json.outcome}` : 'batch step not reached'}`;
			},
		},
	},
	lbExactPayCw01: {
		name: 'Exact Online payments → ConnectWise Manage: unpaid Manage invoices looked up in Exact, payments set in Manage',
		check({ run, outputs }) {
			assert.equal(run.status, 'success', `no payment refused, so the run is not failed: ${run.data.resultData.error?.message ?? ''}`);
			const [invoices] = outputs('Unpaid Manage invoices');
			const [results, , [summary]] = outputs('Sync payments into Manage');
			assert.ok(invoices.length >= 2, 'the unpaid sample invoices are read from Manage');
			const actions = Object.fromEntries(results.map((item) => [item.json.invoiceNumber, item.json.action]));
			assert.equal(actions['INV-1001'], 'create', 'INV-1001, paid in full in Exact, gets its payment');
			assert.equal(actions['INV-1002'], 'create', 'INV-1002, paid in part, gets the part');
			assert.equal(results.find((item) => item.json.invoiceNumber === 'INV-1002').json.amount, '500.00');
			assert.equal(summary.json.failed, 0);
			return `${invoices.length} unpaid invoices; ${summary.json.created} payments created, ${summary.json.notInLedger} not in Exact; ${summary.json.manageRequests} Manage requests`;
		},
		rerun: {
			name: 'Exact Online payments → ConnectWise Manage run again: nothing written twice',
			check({ outputs }) {
				const [results, , [summary]] = outputs('Sync payments into Manage');
				assert.equal(summary.json.created + summary.json.updated + summary.json.removed, 0, `nothing written on the rerun: ${JSON.stringify(summary.json)}`);
				return `${results.length} invoices checked, ${summary.json.unchanged} unchanged, none written`;
			},
		},
	},
	lbSagePayCw01: {
		name: 'Sage 50 payments → ConnectWise Manage: unpaid Manage invoices looked up in Sage over ODBC, payments set in Manage',
		check({ run, outputs }) {
			assert.equal(run.status, 'success', `no payment refused, so the run is not failed: ${run.data.resultData.error?.message ?? ''}`);
			const [statuses] = outputs('Payment status in Sage');
			const [results, , [summary]] = outputs('Sync payments into Manage');
			assert.ok(statuses.some((item) => item.json.invoiceNumber === 'INV-1003' && item.json.fullyPaid === true), 'Sage shows INV-1003 paid in full');
			const byNumber = Object.fromEntries(results.map((item) => [item.json.invoiceNumber, item.json]));
			assert.equal(byNumber['INV-1003'].action, 'create');
			assert.equal(byNumber['INV-1003'].amount, '811.88');
			assert.equal(byNumber['INV-1004'].action, 'create');
			assert.equal(byNumber['INV-1004'].amount, '1000.00', 'INV-1004: 2500.00 gross, 1500.00 outstanding');
			assert.equal(summary.json.failed, 0);
			return `${statuses.length} invoices looked up in Sage; ${summary.json.created} payments created, ${summary.json.notInLedger} not in Sage`;
		},
		rerun: {
			name: 'Sage 50 payments → ConnectWise Manage run again: nothing written twice',
			check({ outputs }) {
				const [, , [summary]] = outputs('Sync payments into Manage');
				assert.equal(summary.json.created + summary.json.updated + summary.json.removed, 0, JSON.stringify(summary.json));
				return `${summary.json.invoices} invoice${summary.json.invoices === 1 ? '' : 's'} compared, none written`;
			},
		},
	},
	lbStreamExact01: {
		name: 'Streamtime export → Ledger Mapping (Exact Online) → Exact Online post against the Exact emulator; the run ends failed, naming the rejects',
		check({ run, outputs, binaryText }) {
			assert.equal(run.status, 'error', 'a run that rejected documents is a failed execution');
			assert.match(run.data.resultData.error.message, /^3 documents were rejected: INV-3104 \(EXACT_ACCOUNT_WRONG_TYPE\), INV-3105 \(EXACT_VAT_CODE_MISSING\), INV-3106 \(EXACT_GL_ACCOUNT_MISSING\)/);
			const [valid] = outputs('Ledger Mapping');
			const [posted, duplicates, rejected, [summary]] = outputs('Exact Online');
			assert.equal(valid.length, 6, 'the six sample invoices pass Ledger Mapping with the Exact profile');
			assert.deepEqual(
				posted.map((item) => [item.json.documentNumber, item.json.accountCreated]),
				[
					['INV-3101', false],
					['INV-3102', false],
					['INV-3103', true],
				],
				'two invoices for existing customers and one for a customer created on the way',
			);
			assert.equal(duplicates.length, 0);
			assert.deepEqual(
				rejected.map((item) => [item.json.documentNumber, item.json.failureCodes]),
				[
					['INV-3104', ['EXACT_ACCOUNT_WRONG_TYPE']],
					['INV-3105', ['EXACT_VAT_CODE_MISSING']],
					['INV-3106', ['EXACT_GL_ACCOUNT_MISSING']],
				],
			);
			assert.match(rejected[1].json.message, /Exact would post the line without VAT/);
			assert.equal(summary.json.imported, 3);
			assert.ok(summary.json.httpRequests <= 15, `reference data, duplicate check, one account and three entries (${summary.json.httpRequests} requests)`);
			const log = binaryText(summary.binary.importLog);
			assert.match(log, /INV-3105.*EXACT_VAT_CODE_MISSING/);
			return `Exact: ${posted.length} posted (${summary.json.createdAccounts.length} account created), ${rejected.length} rejected (${rejected.map((item) => item.json.failureCodes.join('+')).join(', ')}), ${summary.json.httpRequests} HTTP requests`;
		},
		rerun: {
			name: 'Streamtime → Exact Online run again on the same export: nothing posted twice',
			check({ outputs }) {
				const [posted, duplicates, rejected, [summary]] = outputs('Exact Online');
				assert.equal(posted.length, 0, 'nothing is posted the second time');
				assert.deepEqual(duplicates.map((item) => item.json.documentNumber), ['INV-3101', 'INV-3102', 'INV-3103']);
				assert.equal(rejected.length, 3, 'the three rejects are still rejected');
				return `${duplicates.length} duplicates, ${posted.length} posted, ${summary.json.httpRequests} HTTP requests`;
			},
		},
	},
	lbStreamFolder01: {
		// Published and served by `n8n start`; the suite saves sample exports into the watched folder.
		folder: {
			cases: [
				{
					name: 'export folder → Sage: june-invoices.txt is picked up, three invoices written for Sage, moved to failed/ with the import log beside it',
					drop: ['june-invoices.txt'],
					check({ executions, added, exportFolder, sageFolder, sageFiles }) {
						assert.deepEqual(executions.map((run) => [run.mode, run.status]), [['trigger', 'error']], 'one run, started by the trigger, failed because invoices were rejected');
						assert.deepEqual(added, { processed: [], failed: ['june-invoices.import-log.csv', 'june-invoices.txt'] });
						assert.deepEqual(auditReferences(sageFolder, sageFiles), ['INV-2041', 'INV-2042', 'INV-2044'], 'the rejected INV-2043 and INV-2045 are not in the import file');
						const log = readLog(path.join(exportFolder, 'failed', 'june-invoices.import-log.csv'));
						assert.equal(log[0], 'Ledger Bridge import log');
						assert.ok(log.some((row) => /^\d+,sales invoice,INV-2043,.*Exchange Rate/.test(row)), 'the EUR invoice without an exchange rate is in the log');
						assert.ok(log.some((row) => /^\d+,sales invoice,INV-2045,.*SAGE_NOMINAL_MISSING/.test(row)), 'the invoice on nominal 4060 is in the log');
						assert.equal(log.filter((row) => row === 'FAILURE CODE TABLE').length, 1);
						return `failed/june-invoices.txt + import log (${log.length} lines); Sage files: ${sageFiles.join(', ')}`;
					},
				},
				{
					name: 'export folder → Sage: two exports saved together run one after the other; the clean one goes to processed/, a second June export to failed/ under a new name with its own log',
					drop: ['july-invoices.txt', 'june-invoices.txt'],
					check({ executions, added, exportFolder, sageFolder, sageFiles }) {
						assert.deepEqual(executions.map((run) => [run.mode, run.status]), [['trigger', 'success'], ['trigger', 'error']], 'one run per export: July\'s clean, June\'s failed for its rejects');
						assert.deepEqual(added.processed, ['july-invoices.txt'], 'INV-3010 and INV-3011 written, INV-0990 already in Sage: nothing rejected');
						assert.equal(added.failed.length, 2, `the second June export and its log: ${added.failed.join(', ')}`);
						const [secondLog, secondExport] = added.failed;
						assert.match(secondExport, /^june-invoices_\d{8}T\d{6}Z\.txt$/, 'the first June export in failed/ is kept; the second gets the time in its name');
						assert.equal(secondLog, secondExport.replace(/\.txt$/, '.import-log.csv'), 'the log is named after the export it belongs to');
						assert.ok(readLog(path.join(exportFolder, 'failed', secondLog)).some((row) => row.includes('SAGE_NOMINAL_MISSING')));
						assert.ok(fs.readFileSync(path.join(exportFolder, 'failed', 'june-invoices.import-log.csv')).length > 0, 'the first log is untouched');
						const audits = auditFiles(sageFiles).map((name) => fs.readFileSync(path.join(sageFolder, name), 'latin1'));
						// The second June export's three good invoices were written by the first case: the journal knows, so that run writes no file.
						assert.equal(audits.length, 1, `one audit-trail file, the July run's: ${sageFiles.join(', ')}`);
						assert.ok(audits[0].includes('INV-3010') && audits[0].includes('INV-3011') && !audits[0].includes('INV-0990'), 'the July run writes its two new invoices, not the one Sage already has');
						assert.ok(!/INV-204\d/.test(audits[0]), 'no June invoice is written a second time');
						return `processed/${added.processed[0]}; failed/${secondExport} + ${secondLog}`;
					},
				},
			],
			afterwards: {
				name: 'export folder → Sage: each export was handled exactly once, however many polls followed',
				// The sample polls every 10 s: wait long enough after the last move for another poll.
				quietSeconds: 12,
				check({ executions, dropped, exportFolder }) {
					assert.equal(executions.length, dropped, `one execution per export saved: ${JSON.stringify(executions)}`);
					assert.deepEqual(executions.map((run) => run.status).sort(), ['error', 'error', 'success'], 'the two June runs failed for their rejects, July\'s succeeded');
					assert.deepEqual(fs.readdirSync(exportFolder).filter((name) => !['processed', 'failed'].includes(name)), [], 'nothing left in the watched folder');
					return `${executions.length} executions for ${dropped} exports`;
				},
			},
		},
	},
	lbErrorMail01: {
		errorWorkflow: {
			name: 'error workflow, e-mail: a failed folder run tells a person what failed and why, with the import log attached',
			async check({ mail, executions, waitFor }) {
				// The June export's failed runs (folder flow) set this workflow as their error workflow.
				const june = await waitFor('the e-mail about the June export', async () => mail.messages.find((message) => /filename=june-invoices[^\r\n]*\.import-log\.csv/.test(message.data)), { timeoutMs: 60_000 });
				const { text } = june;
				assert.deepEqual(june.to, ['<bookkeeping@ledger-bridge.example>']);
				assert.match(text, /^Subject: Ledger Bridge: Ledger Bridge – Streamtime export folder → Sage 50 failed$/m);
				assert.match(text, /"Ledger Bridge – Streamtime export folder → Sage 50" failed at "Move to processed or failed"\./);
				assert.match(text, /june-invoices[^ ]*\.txt was moved to .*failed.* with its import log .*\.import-log\.csv\. \d+ rejected: INV-2043 \(/);
				assert.match(text, /The import log is attached/);
				const runs = await executions();
				assert.ok(runs.length >= 1 && runs.every((run) => run.status === 'success'), `the error workflow itself ran cleanly: ${JSON.stringify(runs)}`);
				return `${mail.messages.length} e-mail(s) caught; the June one names the rejects and has its import log attached; ${runs.length} error-workflow run(s), all successful`;
			},
		},
	},
	lbErrorChat01: {
		errorWorkflow: {
			name: 'error workflow, Slack/Teams: each failed mapping-webhook run is posted to the channel with its reason',
			async check({ chat, executions, waitFor }) {
				const posts = await waitFor('two posts to the channel', async () => (chat.posts.length >= 2 ? chat.posts : undefined), { timeoutMs: 60_000 });
				for (const post of posts) assert.match(post.text, /^\*Ledger Bridge – validate documents over HTTP failed\* at "Stop: documents were rejected": \d+ of \d+ documents were rejected: /);
				assert.ok(posts.some((post) => /TOTALS_NET_MISMATCH/.test(post.text)), JSON.stringify(posts));
				const runs = await executions();
				assert.ok(runs.every((run) => run.status === 'success'), JSON.stringify(runs));
				return `${posts.length} posts, e.g. ${JSON.stringify(posts[0].text.slice(0, 160))}`;
			},
		},
	},
	lbSage100Hook01: {
		// One n8n server for all four calls: each sees what the calls before it left in the sandbox Sage 100 company.
		webhook: [
			{
				name: 'project platform → Sage 100: customers, projects and invoices synchronised; the seed\'s errors, a skipped old invoice and a repeat each get their status',
				path: 'ledger-bridge/sage100/sync',
				bodyFile: 'workflows/samples/sage100-sync.json',
				async check({ response, userFolder }) {
					assert.equal(response.status, 422, `rejects answer 422 (got ${response.status}: ${response.text})`);
					const brief = (entries) => entries.map((entry) => [entry.key, entry.status, entry.synchronised, entry.failureCodes ?? []]);
					assert.deepEqual(brief(response.body.customers), [
						['C0001', 'alreadyInSage', true, []],
						['C0003', 'created', true, []],
						[null, 'rejected', false, ['CUSTOMER_CODE_MISSING']],
					]);
					assert.deepEqual(brief(response.body.projects), [
						['P2026-014', 'created', true, []],
						['P2025-031', 'alreadyInSage', true, []],
					]);
					assert.deepEqual(brief(response.body.invoices), [
						['F2026-0042', 'posted', true, []],
						['F2026-0043', 'posted', true, []],
						['F2026-0007', 'alreadyPosted', true, []],
						['F2025-0311', 'skipped', false, ['SAGE100_BEFORE_PERIOD_START']],
						['F2026-0044', 'rejected', false, ['SAGE100_VAT_CODE_MISSING']],
						['F2026-0045', 'rejected', false, ['SAGE100_ACCOUNT_MISSING']],
						['F2026-0046', 'rejected', false, ['SAGE100_SALES_ACCOUNT_NO_CURRENCY']],
						['F2026-000123-B', 'rejected', false, ['FIELD_TOO_LONG']],
					]);
					assert.match(response.body.invoices[4].message, /VAT code C07 does not exist in Sage/);
					assert.match(response.body.invoices[6].message, /has no associated currency in Sage/);
					const company = await sage100Company(userFolder);
					assert.deepEqual(
						company.lines.filter((line) => line.EC_RefPiece === 'F2026-0042').map((line) => [line.CG_Num, line.CT_Num, line.EC_Sens, line.EC_Montant]),
						[
							['411000', 'C0001', 0, '9900.00'],
							['706100', null, 1, '8000.00'],
							['706000', null, 1, '250.00'],
							['445710', null, 1, '1650.00'],
						],
						'balanced entry in VTE: customer debit, a sales credit per line, the VAT credit',
					);
					assert.deepEqual(
						company.allocations.filter((row) => row.EC_RefPiece === 'F2026-0042').map((row) => [row.CA_Num, row.EA_Montant]),
						[
							['P2026-014', '8000.00'],
							['P2026-014', '250.00'],
						],
						'sales attached to the project in Sage',
					);
					assert.equal(company.customers.C0003, 'Atelier Lumière – Société d\'Archite', 'the name shortened to CT_Intitule\'s 35 characters by the Sage 100 profile');
					assert.equal(company.lines.filter((line) => line.EC_RefPiece === 'F2025-0311').length, 0, 'the invoice before the period start is not posted');
					return `HTTP ${response.status}, ${response.body.synchronised} synchronised, ${response.body.skipped} skipped, ${response.body.rejected} rejected; ${company.lines.length} entry lines in VTE`;
				},
			},
			{
				name: 'project platform → Sage 100, the same call again: nothing posted or created twice, every earlier record still ticked',
				path: 'ledger-bridge/sage100/sync',
				bodyFile: 'workflows/samples/sage100-sync.json',
				async check({ response, userFolder }) {
					assert.equal(response.status, 422, response.text);
					assert.deepEqual(response.body.customers.map((entry) => [entry.key, entry.status]).slice(0, 2), [['C0001', 'alreadyInSage'], ['C0003', 'alreadyInSage']]);
					assert.deepEqual(response.body.projects.map((entry) => entry.status), ['alreadyInSage', 'alreadyInSage']);
					assert.deepEqual(
						response.body.invoices.slice(0, 3).map((entry) => [entry.key, entry.status, entry.synchronised]),
						[
							['F2026-0042', 'alreadyPosted', true],
							['F2026-0043', 'alreadyPosted', true],
							['F2026-0007', 'alreadyPosted', true],
						],
					);
					const company = await sage100Company(userFolder);
					assert.equal(company.lines.filter((line) => line.EC_RefPiece === 'F2026-0042').length, 4, 'F2026-0042 is in the journal once');
					return `HTTP ${response.status}, ${response.body.synchronised} already synchronised, ${company.lines.length} entry lines in VTE (unchanged)`;
				},
			},
			{
				name: 'project platform → Sage 100: a posted invoice sent again with another amount is refused with the advice to issue a credit note',
				path: 'ledger-bridge/sage100/sync',
				body: { invoices: [changedSage100Invoice('F2026-0042')] },
				async check({ response, userFolder }) {
					assert.equal(response.status, 422, response.text);
					assert.deepEqual(response.body.invoices.map((entry) => [entry.key, entry.status, entry.failureCodes]), [['F2026-0042', 'rejected', ['DOCUMENT_CHANGED_AFTER_POSTING']]]);
					assert.match(response.body.invoices[0].message, /F2026-0042 was already posted to Sage 100 .*gross 9900\.00 when posted, 9960\.00 now;.*A posted document cannot be changed: issue a credit note/);
					const company = await sage100Company(userFolder);
					assert.equal(company.lines.find((line) => line.EC_RefPiece === 'F2026-0042' && line.CT_Num).EC_Montant, '9900.00', 'Sage keeps the invoice as first posted');
					return `HTTP ${response.status}: ${response.body.invoices[0].failureCodes.join(', ')}`;
				},
			},
			{
				name: 'project platform → Sage 100: the credit note reversing it and the corrected invoice are posted, answered 200',
				path: 'ledger-bridge/sage100/sync',
				body: { invoices: [sage100CreditNote('AV2026-0001', sage100Sample().invoices[0]), changedSage100Invoice('F2026-0050')] },
				async check({ response, userFolder }) {
					assert.equal(response.status, 200, response.text);
					assert.deepEqual(response.body.invoices.map((entry) => [entry.key, entry.status, entry.synchronised]), [
						['AV2026-0001', 'posted', true],
						['F2026-0050', 'posted', true],
					]);
					const company = await sage100Company(userFolder);
					const customerLine = (piece) => company.lines.find((line) => line.EC_RefPiece === piece && line.CT_Num);
					assert.deepEqual([customerLine('AV2026-0001').EC_Sens, customerLine('AV2026-0001').EC_Montant], [1, '9900.00'], 'the credit note credits the customer');
					assert.deepEqual([customerLine('F2026-0050').EC_Sens, customerLine('F2026-0050').EC_Montant], [0, '9960.00']);
					return `HTTP ${response.status}, credit note and new invoice posted`;
				},
			},
		],
	},
};

/** The demo's request to the Sage 100 flow, read where the cases above need it. */
function sage100Sample() {
	return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'workflows', 'samples', 'sage100-sync.json'), 'utf8'));
}

/** F2026-0042 from the sample with the reprographics line at 300.00 instead of 250.00. */
function changedSage100Invoice(number) {
	const invoice = JSON.parse(JSON.stringify(sage100Sample().invoices[0]));
	invoice.header.number = number;
	invoice.lines[1] = { ...invoice.lines[1], net: '300.00', taxAmount: '60.00' };
	invoice.totals = { net: '8300.00', tax: '1660.00', gross: '9960.00' };
	return invoice;
}

/** The credit note that reverses an invoice in full, as the seed says to. */
function sage100CreditNote(number, invoice) {
	return { ...JSON.parse(JSON.stringify(invoice)), type: 'salesCredit', header: { ...invoice.header, number, date: '2026-04-10', source: { system: 'platform', id: `${number}` } } };
}

/** The sandbox Sage 100 company as a bookkeeper would read it: the sales journal, its analytic lines, the customers. */
async function sage100Company(userFolder) {
	const odbc = require('odbc');
	const connection = await odbc.connect(`Driver=SQLite3;Database=${path.join(userFolder, 'sage100-sandbox', 'ATELIER.mae')}`);
	try {
		const money = (value) => Number(value).toFixed(2);
		const lines = [...(await connection.query("SELECT EC_No, EC_RefPiece, CG_Num, CT_Num, EC_Sens, EC_Montant FROM F_ECRITUREC WHERE JO_Num = 'VTE' ORDER BY EC_No"))].map((row) => ({ ...row, EC_Montant: money(row.EC_Montant) }));
		const allocations = [...(await connection.query('SELECT c.EC_RefPiece, a.CA_Num, a.EA_Montant FROM F_ECRITUREA a JOIN F_ECRITUREC c ON c.EC_No = a.EC_No ORDER BY a.EC_No'))].map((row) => ({ ...row, EA_Montant: money(row.EA_Montant) }));
		const customers = Object.fromEntries([...(await connection.query('SELECT CT_Num, CT_Intitule FROM F_COMPTET WHERE CT_Type = 0'))].map((row) => [row.CT_Num, row.CT_Intitule]));
		return { lines, allocations, customers };
	} finally {
		await connection.close();
	}
}

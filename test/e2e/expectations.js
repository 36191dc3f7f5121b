/**
 * What each sample workflow in workflows/ must produce when n8n runs it. Every workflow
 * needs an entry here: the e2e run fails for a workflow nobody checks.
 */
const assert = require('node:assert/strict');

function rejectedDocuments(items) {
	return items.filter((item) => item.json.kind === 'rejected');
}

module.exports = {
	lbMappingDemo01: {
		name: 'mapping demo: six documents, four valid, two rejected with codes, an import log',
		check({ run, outputs, binaryText }) {
			assert.equal(run.status, 'success', 'the workflow run succeeds');
			const [valid, rejected] = outputs('Ledger Mapping');
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

			const logItem = rejected.find((item) => item.json.kind === 'importLog');
			assert.ok(logItem, 'the rejected output ends with the import log');
			assert.equal(logItem.binary.importLog.fileName, 'demo-import-log.csv');
			const csv = binaryText(logItem.binary.importLog);
			assert.match(csv, /INV-1002.*TAX_CODE_UNMAPPED/);
			assert.match(csv, /FAILURE CODE TABLE/);
			return `${valid.length} valid, ${rejects.length} rejected, import log ${csv.length} characters`;
		},
	},
};

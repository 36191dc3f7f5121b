/**
 * Streamtime invoice exports made up for a test run, laid out as the samples in
 * workflows/samples/streamtime are: a title line, a blank line, the headings, one line per
 * invoice (tab-separated, CRLF, Windows-1252).
 */
const fs = require('node:fs');

const HEADINGS = ['Invoice Number', 'Invoice Date', 'Due Date', 'Client Code', 'Client Name', 'Client Order Number', 'Job Number', 'Description', 'Quantity', 'Rate', 'Amount', 'Tax Code', 'Tax Amount', 'Account Code', 'Item Code', 'Currency'];

/** The sandbox Exact division's customer 1001 and the Sage 50 sandbox company's ACME01, with codes the sample mappings take. */
const CUSTOMERS = {
	exact: { code: '1001', name: 'Bakkerij De Gouden Korst BV', taxCode: '21', tax: '21.00', account: '8000', currency: 'EUR' },
	sage: { code: 'ACME01', name: 'Acme Trading Ltd', taxCode: 'T1', tax: '20.00', account: '4000', currency: 'GBP' },
};

/** One invoice of 100.00 net per number, all for `customer`. */
function streamtimeExport(file, numbers, customer) {
	const rows = numbers.map((number) => [number, '02/06/2026', '02/07/2026', customer.code, customer.name, '', 'J-1', 'Design work', '1', '100.00', '100.00', customer.taxCode, customer.tax, customer.account, 'DESIGN', customer.currency].join('\t'));
	fs.writeFileSync(file, ['Invoice List - exported 30/06/2026 17:05', '', HEADINGS.join('\t'), ...rows].join('\r\n') + '\r\n', 'latin1');
	return file;
}

/** "OVL-00001", "OVL-00002", … */
function numbered(prefix, count) {
	return Array.from({ length: count }, (_, index) => `${prefix}-${String(index + 1).padStart(5, '0')}`);
}

module.exports = { CUSTOMERS, streamtimeExport, numbered };

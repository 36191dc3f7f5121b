import { SAMPLE_DIVISION, type startExactEmulator } from './index';

/**
 * For the "Exact → ConnectWise payments" sample: the sample Manage invoices INV-1001 and
 * INV-1002 (test/emulators/connectwise) as sales entries in Exact, INV-1001 paid in full and
 * INV-1002 in part — posted over the emulator's own API, as a client would.
 */
export async function postSampleReceivables(emulator: Awaited<ReturnType<typeof startExactEmulator>>): Promise<void> {
	const { access_token: token } = emulator.issueTokens();
	const invoices = [
		{ number: 'INV-1001', net: 1853.67, vat: 389.27 },
		{ number: 'INV-1002', net: 1309.74, vat: 275.04 },
	];
	for (const invoice of invoices) {
		const response = await fetch(`${emulator.url}/api/v1/${SAMPLE_DIVISION.code}/salesentry/SalesEntries`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({
				Journal: SAMPLE_DIVISION.journals.sales,
				Customer: SAMPLE_DIVISION.customers.bakery.id,
				YourRef: invoice.number,
				EntryDate: '2026-06-02',
				SalesEntryLines: [{ GLAccount: SAMPLE_DIVISION.glAccounts.revenue.id, AmountFC: invoice.net, VATCode: SAMPLE_DIVISION.vatCodes.salesHigh, VATAmountFC: invoice.vat }],
			}),
		});
		if (!response.ok) throw new Error(`Could not post the sample receivable ${invoice.number}: HTTP ${response.status} ${await response.text()}`);
	}
	emulator.state.pay('INV-1001', '2242.94', '2026-07-01');
	emulator.state.pay('INV-1002', '500.00', '2026-07-03');
}


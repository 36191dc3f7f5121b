/**
 * Runs the emulator on its own, for the sandbox demo or poking at it with curl:
 *   npx ts-node --transpile-only test/emulators/exactOnline/cli.ts --port 5700 [--minute-ms 1000] [--validation-status 400]
 */
import { SAMPLE_CLIENT, SAMPLE_DIVISION, startExactEmulator } from './index';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

function numberOption(name: string): number | undefined {
	const value = option(name);
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isFinite(number)) throw new Error(`--${name} expects a number, got '${value}'`);
	return number;
}

async function main(): Promise<void> {
	const emulator = await startExactEmulator({
		port: numberOption('port') ?? 5700,
		host: option('host'),
		minuteMs: numberOption('minute-ms'),
		minutelyLimit: numberOption('minutely-limit'),
		dailyLimit: numberOption('daily-limit'),
		validationErrorStatus: numberOption('validation-status'),
		earliestRefreshSeconds: numberOption('earliest-refresh-seconds'),
	});
	const lines = [
		`Exact Online emulator listening on ${emulator.url}`,
		`  authorize:     ${emulator.url}/api/oauth2/auth`,
		`  token:         ${emulator.url}/api/oauth2/token`,
		`  API:           ${emulator.url}/api/v1/${SAMPLE_DIVISION.code}/…`,
		`  client id:     ${SAMPLE_CLIENT.clientId}`,
		`  client secret: ${SAMPLE_CLIENT.clientSecret}`,
		`  division:      ${SAMPLE_DIVISION.code} (HID ${SAMPLE_DIVISION.hid}, ${SAMPLE_DIVISION.description})`,
	];
	if (process.argv.includes('--sample-receivables')) await postSampleReceivables(emulator);
	if (process.argv.includes('--print-tokens')) {
		const tokens = emulator.issueTokens();
		lines.push(`  access token:  ${tokens.access_token}`, `  refresh token: ${tokens.refresh_token}`);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
	const stop = (): void => {
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

/**
 * For the "Exact → ConnectWise payments" sample: the sample Manage invoices INV-1001 and
 * INV-1002 (test/emulators/connectwise) as sales entries in Exact, INV-1001 paid in full and
 * INV-1002 in part — posted over the emulator's own API, as a client would.
 */
async function postSampleReceivables(emulator: Awaited<ReturnType<typeof startExactEmulator>>): Promise<void> {
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

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});

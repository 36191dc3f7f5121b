/**
 * Runs the emulator on its own, for the sandbox demo or poking at it with curl:
 *   npx ts-node --transpile-only test/emulators/exactOnline/cli.ts --port 5700 [--minute-ms 1000] [--validation-status 400]
 */
import { SAMPLE_CLIENT, SAMPLE_DIVISION, startExactEmulator } from './index';
import { postSampleReceivables } from './receivables';
import { exitOnFailure, numberOption, option, runUntilStopped } from '../shared';

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
	runUntilStopped(emulator, lines);
}

main().catch(exitOnFailure);

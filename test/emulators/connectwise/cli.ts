/**
 * Runs the emulator on its own, for the sandbox demo or poking at it with curl:
 *   npx ts-node --transpile-only test/emulators/connectwise/cli.ts --port 5701 [--invoices 10000 --customers 200] [--rate-limit 60/60000]
 */
import { SAMPLE_KEYS, SAMPLE_MANAGE, startConnectWiseEmulator } from './index';
import { exitOnFailure, numberOption, option, runUntilStopped } from '../shared';

function rateLimitOption(): { requestsPerWindow: number; windowMs: number } | undefined {
	const value = option('rate-limit');
	if (value === undefined) return undefined;
	const match = /^(\d+)\/(\d+)$/.exec(value);
	if (!match) throw new Error(`--rate-limit expects requests/windowMs, e.g. 60/60000, got '${value}'`);
	return { requestsPerWindow: Number(match[1]), windowMs: Number(match[2]) };
}

async function main(): Promise<void> {
	const invoices = numberOption('invoices');
	const customers = numberOption('customers');
	const batchResponse = option('batch-response');
	if (batchResponse !== undefined && batchResponse !== 'glExport' && batchResponse !== 'accountingBatch') throw new Error(`--batch-response is glExport or accountingBatch, got '${batchResponse}'`);
	const emulator = await startConnectWiseEmulator({
		port: numberOption('port') ?? 5701,
		host: option('host'),
		companyId: option('company-id'),
		generated: invoices !== undefined || customers !== undefined ? { invoices, customers } : undefined,
		rateLimit: rateLimitOption(),
		batchResponse,
	});
	const basic = Buffer.from(`${emulator.companyId}+${SAMPLE_KEYS.publicKey}:${SAMPLE_KEYS.privateKey}`).toString('base64');
	const lines = [
		`ConnectWise Manage emulator listening on ${emulator.url}`,
		`  site:          ${emulator.url}`,
		`  company id:    ${emulator.companyId}`,
		`  companyinfo:   ${emulator.url}/login/companyinfo/${emulator.companyId}`,
		`  API:           ${emulator.apiUrl}/…`,
		`  public key:    ${SAMPLE_KEYS.publicKey}`,
		`  private key:   ${SAMPLE_KEYS.privateKey}`,
		`  clientId:      ${SAMPLE_KEYS.clientId}`,
		`  integrator:    ${SAMPLE_MANAGE.integratorLogin.username} / ${SAMPLE_MANAGE.integratorLogin.password} (impersonation tokens only)`,
		`  try:           curl -H 'Authorization: Basic ${basic}' -H 'clientId: ${SAMPLE_KEYS.clientId}' '${emulator.apiUrl}/finance/accounting/unpostedinvoices/count'`,
	];
	runUntilStopped(emulator, lines);
}

main().catch(exitOnFailure);

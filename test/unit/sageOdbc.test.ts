import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { LedgerDocument } from '../../lib/model/document';
import { connect, connectionString, withoutSecrets, type SageConnection } from '../../lib/odbc/connection';
import { Decimal } from '../../lib/model/decimal';
import { CreditCheck, formatAmount, parseCreditStatus } from '../../lib/odbc/credit';
import { loadReferenceData, lookUp, postedKey, postedReferences } from '../../lib/odbc/lookups';
import { paymentStatuses, PaymentStatusUnavailableError } from '../../lib/odbc/payments';
import { SageSettingsError } from '../../lib/odbc/errors';
import { postToSage, type SagePostOptions } from '../../lib/targets/sage50/post';
import { closeJournals, openJournal } from '../../lib/posting/journal/open';
import { PostingRun } from '../../lib/posting/pipeline';
import { createSageCompany, SAMPLE_COMPANY } from '../fixtures/sageCompany';
import { readSageCsv } from './sage50/readers';

let folder: string;
let connection: SageConnection;

beforeEach(async () => {
	folder = mkdtempSync(path.join(tmpdir(), 'sage-odbc-'));
	const companyConnection = await createSageCompany(path.join(folder, 'company.db'), {
		...SAMPLE_COMPANY,
		customers: [...SAMPLE_COMPANY.customers, ["O'BRIEN", "O'Brien; Smith -- Jones"], ['ZURICH01', 'Zürich Straße Λtd 東京']],
		posted: [
			['SI', 'ACME01', 'INV-0990'],
			['SC', 'ACME01', 'CN-0991'],
		],
	});
	connection = await connect({ connection: companyConnection, edition: 'sage50uk', user: 'MANAGER', password: '' });
});
afterEach(async () => {
	await connection.close();
	rmSync(folder, { recursive: true, force: true });
});

describe('Sage 50 UK company over a real ODBC driver (libsqliteodbc)', () => {
	test('customers come back with codes and names exactly, quotes, semicolons and non-Latin text included', async () => {
		expect(await lookUp(connection, 'sage50uk', 'customers')).toEqual([
			{ code: 'ACME01', name: 'Acme Ltd' },
			{ code: 'GLOB01', name: 'Globex Corporation' },
			{ code: "O'BRIEN", name: "O'Brien; Smith -- Jones" },
			{ code: 'ZURICH01', name: 'Zürich Straße Λtd 東京' },
		]);
	});

	test('reference data is read in five queries however many documents follow', async () => {
		const before = connection.queryCount;
		const data = await loadReferenceData(connection, 'sage50uk');
		expect(connection.queryCount - before).toBe(5);
		expect([...data.nominalAccounts]).toContain('4000');
		expect([...data.taxCodes]).toEqual(['T0', 'T1', 'T2', 'T4', 'T5', 'T9']);
		expect([...(data.departments ?? [])]).toEqual(['0', '1']);
	});

	test('already-posted references are found per account and type, 100 references per query', async () => {
		const references = [...Array.from({ length: 250 }, (_, index) => `INV-${index}`), 'INV-0990', 'CN-0991', "INV-'; DROP TABLE AUDIT_HEADER; --"];
		const before = connection.queryCount;
		const posted = await postedReferences(connection, 'sage50uk', references);
		expect(connection.queryCount - before).toBe(3);
		expect([...posted].sort()).toEqual([postedKey('ACME01', 'CN-0991', 'SC'), postedKey('ACME01', 'INV-0990', 'SI')]);
		expect(posted.has(postedKey('ACME01', 'INV-0990', 'SC'))).toBe(false);
		expect(await lookUp(connection, 'sage50uk', 'customers')).toHaveLength(4);
	});

	test('a wrong data path is an error that names the problem and never shows the password', async () => {
		const settings = { connection: 'Driver={Sage Line 50 v29}', dataPath: 'C:\\ACCDATA', user: 'MANAGER', password: 'S3cret!', edition: 'sage50uk' as const };
		expect(connectionString(settings)).toBe('Driver={Sage Line 50 v29};DIR=C:\\ACCDATA;UID=MANAGER;PWD=S3cret!');
		const error = await connect(settings).then(
			() => undefined,
			(thrown: Error) => thrown,
		);
		expect(error?.message).toMatch(/^Could not connect to the Sage company: .*IM002|^Could not connect to the Sage company: /);
		expect(error?.message).toContain('this user is not logged in to Sage');
		expect(error?.message).not.toContain('S3cret!');
		expect(withoutSecrets('login failed for PWD=S3cret!;UID=MANAGER', { password: 'S3cret!' })).toBe('login failed for PWD=***;UID=MANAGER');
	});

	test('a password with ; or } stays one value: braced with } doubled, and masked whole in any message', () => {
		const settings = { connection: 'Driver={Sage Line 50 v29}', dataPath: 'C:\\ACCDATA', user: 'MANAGER', password: 'pa;ss}Tail=1', edition: 'sage50uk' as const };
		expect(connectionString(settings)).toBe('Driver={Sage Line 50 v29};DIR=C:\\ACCDATA;UID=MANAGER;PWD={pa;ss}}Tail=1}');
		expect(connectionString({ ...settings, password: ' leading space' })).toMatch(/;PWD=\{ leading space\}$/);
		// What a driver echoes back, braced or not: nothing of the password survives, and what follows it does.
		expect(withoutSecrets('login failed: PWD={pa;ss}}Tail=1};UID=MANAGER', { password: '' })).toBe('login failed: PWD=***;UID=MANAGER');
		expect(withoutSecrets('login failed: PWD={pa;ss}}Tail=1}', { password: 'pa;ss}Tail=1' })).toBe('login failed: PWD=***');
		expect(withoutSecrets('login failed: PWD=plain;UID=MANAGER', { password: '' })).toBe('login failed: PWD=***;UID=MANAGER');
	});

	test('unixODBC and a real driver accept the braced password: the connection opens and uses the database it names', async () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-brace-'));
		try {
			const connection = await connect({ connection: `Driver=SQLite3;Database=${path.join(folder, 'company.db')}`, user: 'MANAGER', password: 'pa;Database=/nonexistent/x.db;ss}', edition: 'generic' });
			expect(await connection.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
			await connection.close();
			expect(readdirSync(folder)).toEqual(['company.db']);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('a DSN name becomes DSN=…, Sage\'s default user is kept and a blank password is sent blank', () => {
		expect(connectionString({ connection: 'SageLine50v29', user: 'MANAGER', edition: 'sage50uk' })).toBe('DSN=SageLine50v29;UID=MANAGER;PWD=');
	});
});

describe('a posting run (postToSage), the path the Sage Import node and the bench share', () => {
	const invoice = (number: string, changes: Partial<LedgerDocument> = {}): LedgerDocument => ({
		type: 'salesInvoice',
		header: { number, date: '2026-03-31', currency: 'GBP' },
		party: { code: 'ACME01', name: 'Acme Ltd' },
		lines: [{ description: 'Design', net: '100.00', taxCode: 'T1', taxAmount: '20.00', account: '4000' }],
		totals: { net: '100.00', tax: '20.00', gross: '120.00' },
		...changes,
	});
	afterAll(closeJournals);
	const run = async (inputs: unknown[], options: Partial<SagePostOptions> = {}) =>
		postToSage(
			connection,
			inputs,
			{ edition: 'sage50uk', importFolder: folder, createMissingAccounts: true, maxDocuments: 0, stamp: '20260331T101500_ab12', ...options },
			new PostingRun(await openJournal({ kind: 'embedded', file: path.join(folder, 'journal.sqlite') }), { nodeName: 'test' }),
		);

	test('lines without a nominal or tax code take the defaults; a line\'s own codes are never replaced, and the run says which were filled', async () => {
		const bare = invoice('INV-5001', { lines: [{ description: 'Design', net: '100.00', taxAmount: '20.00' }, { description: 'Print', net: '0.00', taxCode: 'T0', account: '4010' }] });
		const result = await run([bare], { defaults: { salesNominalCode: '4000', purchaseNominalCode: '5000', taxCode: 'T1' } });
		expect(result.posted.map((entry) => entry.defaultsApplied)).toEqual([['lines[0].account', 'lines[0].taxCode']]);
		const audit = readSageCsv(readFileSync(result.files[0].path)).byHeading;
		expect(audit.map((row) => [row['Nominal A/C Ref'], row['Tax Code']])).toEqual([
			['4000', 'T1'],
			['4010', 'T0'],
		]);
		expect(bare.lines?.[0].account).toBeUndefined();
	});

	test('a default Sage does not have stops the run before anything is written, naming the code', async () => {
		const error = await run([invoice('INV-5002')], { defaults: { salesNominalCode: '4999', taxCode: 'T7' } }).then(
			() => undefined,
			(thrown: Error) => thrown,
		);
		expect(error).toBeInstanceOf(SageSettingsError);
		expect(error?.message).toBe(
			"The sales nominal code for lines without one, 4999, is not an account in Sage's chart of accounts; the tax code for lines without one, T7, is not a tax code in Sage. Choose codes from the lists (they are read from Sage); nothing was posted.",
		);
		expect(readdirSync(folder).filter((file) => !file.startsWith('journal') && file !== 'company.db')).toEqual([]);
	});

	test('a new customer goes into the record file first; when its record cannot be written, every invoice naming it is held back', async () => {
		const result = await run([
			invoice('INV-5003', { party: { code: 'NEWCO01', name: 'New Co Ltd' } }),
			invoice('INV-5004', { party: { code: 'NEWCO01', name: 'New Co Ltd' } }),
			invoice('INV-5005', { party: { code: 'LONGCO', name: 'L'.repeat(61) } }),
			invoice('INV-5006', { party: { code: 'LONGCO' } }),
			invoice('INV-5007'),
		]);
		expect(result.files.map((file) => [path.basename(file.path), file.rows, file.layout])).toEqual([
			['CUSTOMERS_20260331T101500_ab12.csv', 1, 'ukCustomer'],
			['AUDIT_20260331T101500_ab12.csv', 3, 'ukAuditTrail'],
		]);
		expect(result.accountsCreated).toEqual([{ side: 'customer', code: 'NEWCO01' }]);
		expect(result.posted.map((entry) => entry.document.header?.number)).toEqual(['INV-5003', 'INV-5004', 'INV-5007']);
		expect(result.rejected.map((entry) => [entry.index, entry.failures.map((failure) => failure.code)])).toEqual([
			[2, ['FIELD_TOO_LONG']],
			[3, ['FIELD_TOO_LONG']],
		]);
		expect(result.rejected[1].failures[0].message).toMatch(/^Sales invoice INV-5006: customer LONGCO is not in Sage and cannot be created, so the document is held back: Customer LONGCO: Sage 50 customer record import column "Name"/);
		expect(result.queries).toEqual({ referenceData: 5, duplicateCheck: 1, posting: 0, total: 6 });
		expect(path.dirname(result.files[0].path)).toBe(path.join(folder, '20260331T101500_ab12'));
	});

	test('a customer record later in the run than an invoice naming the account is the record written, not the invoice\'s bare party', async () => {
		const record: LedgerDocument = { type: 'customer', party: { code: 'NEWCO01', name: 'New Co Ltd', email: 'accounts@newco.example', addresses: [{ lines: ['1 Mill Lane'], city: 'Leeds' }] } };
		const result = await run([invoice('INV-5008', { party: { code: 'NEWCO01', name: 'New Co' } }), record]);
		expect(result.duplicates).toEqual([]);
		const [row] = readSageCsv(readFileSync(result.files[0].path)).byHeading;
		expect([row['A/C'], row.Name, row['E-mail'], row['Address Line 3']]).toEqual(['NEWCO01', 'New Co Ltd', 'accounts@newco.example', 'Leeds']);
		expect(result.posted).toHaveLength(2);
	});

	test('generic ledger: a line with no tax code is rejected with TAX_CODE_MISSING, never inserted as T9; the account is inserted with the defaults', async () => {
		const result = await run(
			[
				invoice('INV-5009', { lines: [{ net: '100.00', taxAmount: '20.00', account: '4000' }] }),
				invoice('INV-5010', { party: { code: 'NEWCO01', name: 'New Co Ltd' }, lines: [{ net: '100.00', taxAmount: '20.00', taxCode: 'T1' }] }),
			],
			{ edition: 'generic', defaults: { salesNominalCode: '4010' } },
		);
		expect(result.rejected.map((entry) => entry.failures.map((failure) => [failure.code, failure.field]))).toEqual([[['TAX_CODE_MISSING', 'lines[0].taxCode']]]);
		expect(result.posted.map((entry) => entry.document.header?.number)).toEqual(['INV-5010']);
		const [split] = await connection.query<Record<string, unknown>>('SELECT NOMINAL_CODE, TAX_CODE FROM AUDIT_SPLIT WHERE INV_REF = ?', ['INV-5010']);
		const [account] = await connection.query<Record<string, unknown>>('SELECT NAME, DEF_NOM_CODE FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', ['NEWCO01']);
		expect([split.NOMINAL_CODE, split.TAX_CODE, account.NAME, account.DEF_NOM_CODE]).toEqual(['4010', 'T1', 'New Co Ltd', '4010']);
		// The next transaction number once per run; then per document: asked again inside its transaction, the account, the header and a split.
		expect(result.queries.posting).toBe(5);
	});
	test('generic ledger: an amount its DOUBLE columns cannot hold exactly is rejected with VALUE_DOES_NOT_FIT, never stored rounded', async () => {
		const huge = invoice('INV-5011', {
			lines: [{ description: 'Design', net: '12345678901234567.89', taxCode: 'T1', taxAmount: '0.00', account: '4000' }],
			totals: { net: '12345678901234567.89', tax: '0.00', gross: '12345678901234567.89' },
		});
		const largest = invoice('INV-5012', { lines: [{ description: 'Design', net: '9999999999999.99', taxCode: 'T1', taxAmount: '0.00', account: '4000' }], totals: { net: '9999999999999.99', tax: '0.00', gross: '9999999999999.99' } });
		const result = await run([huge, largest], { edition: 'generic' });
		expect(result.rejected.map((entry) => entry.failures.map((failure) => [failure.code, failure.field]))).toEqual([
			[
				['VALUE_DOES_NOT_FIT', 'totals.net'],
				['VALUE_DOES_NOT_FIT', 'totals.gross'],
				['VALUE_DOES_NOT_FIT', 'lines[0].net'],
			],
		]);
		expect(result.rejected[0].failures[0].message).toBe(
			"Sales invoice INV-5011: the total net 12345678901234567.89 has more digits than the ledger's amount columns hold exactly (15); it would be stored as 12345678901234568. Check the amount in the source, or split the document.",
		);
		const stored = await connection.query<Record<string, unknown>>('SELECT INV_REF, GROSS_AMOUNT FROM AUDIT_HEADER WHERE INV_REF IN (?, ?)', ['INV-5011', 'INV-5012']);
		expect(stored).toEqual([{ INV_REF: 'INV-5012', GROSS_AMOUNT: 9999999999999.99 }]);
	});

	test.each([
		['generic', 'a NUL the driver would cut the name at', { party: { code: 'ACME01', name: 'Acme\u0000Evil Ltd' } }, 'party.name', 'a NUL (U+0000) at character 5 ("Acme…")'],
		['sage50uk', 'a line break in a description', { lines: [{ description: 'Design\r\nPrint', net: '100.00', taxCode: 'T1', taxAmount: '20.00', account: '4000' }] }, 'lines[0].description', 'a line break (CR) (U+000D) at character 7 ("Design…")'],
	] as const)('%s: a document with %s is refused with FIELD_CHARACTERS_INVALID naming the field; nothing is written', async (edition, _what, changes, field, shown) => {
		const result = await run([invoice('INV-5013', changes as Partial<LedgerDocument>)], { edition });
		expect(result.rejected.map((entry) => entry.failures.map((failure) => [failure.code, failure.field]))).toEqual([[['FIELD_CHARACTERS_INVALID', field]]]);
		expect(result.rejected[0].failures[0].message).toContain(`Sales invoice INV-5013: ${field} holds ${shown}`);
		expect(result.files ?? []).toEqual([]);
		expect(await connection.query('SELECT INV_REF FROM AUDIT_HEADER WHERE INV_REF = ?', ['INV-5013'])).toEqual([]);
	});
});

describe('payment status of posted sales invoices (AUDIT_HEADER GROSS_AMOUNT, OUTSTANDING, PAID_FLAG)', () => {
	let company: SageConnection;
	beforeEach(async () => {
		const companyConnection = await createSageCompany(path.join(folder, 'payments.db'), {
			...SAMPLE_COMPANY,
			posted: [
				// Posted twice under one reference, to two accounts: the amounts are summed.
				['SI', 'ACME01', 'INV-8001', { gross: 100.1, outstanding: 0.1 }],
				['SI', 'GLOB01', 'INV-8001', { gross: 200.2, outstanding: 200.2 }],
				// Flagged paid although OUTSTANDING was not cleared: nothing is owed.
				['SI', 'ACME01', 'INV-8002', { gross: 60, outstanding: 60, paidFlag: 'Y' }],
				['SI', 'ACME01', "INV-'; DROP TABLE AUDIT_HEADER; --", { gross: 12.5, outstanding: 0 }],
			],
		});
		company = await connect({ connection: companyConnection, edition: 'sage50uk' });
	});
	afterEach(async () => {
		await company.close();
	});

	test('a reference posted to two accounts is one status with the amounts summed in decimals and both accounts named', async () => {
		const [twice, flagged, quoted] = await paymentStatuses(company, 'sage50uk', ['INV-8001', ' INV-8002 ', "INV-'; DROP TABLE AUDIT_HEADER; --"]);
		expect(twice).toEqual({ invoiceNumber: 'INV-8001', found: true, amount: '300.30', amountPaid: '100.00', outstanding: '200.30', fullyPaid: false, accountCode: 'ACME01, GLOB01' });
		expect(flagged).toMatchObject({ invoiceNumber: 'INV-8002', amountPaid: '60.00', outstanding: '0.00', fullyPaid: true });
		expect(quoted).toMatchObject({ found: true, amountPaid: '12.50', fullyPaid: true });
	});

	test('250 invoice numbers cost three queries; Sage 50 US is refused rather than guessed', async () => {
		const before = company.queryCount;
		const statuses = await paymentStatuses(company, 'sage50uk', Array.from({ length: 250 }, (_, index) => `INV-${8000 + index}`));
		expect(company.queryCount - before).toBe(3);
		expect(statuses.filter((status) => status.found).map((status) => status.invoiceNumber)).toEqual(['INV-8001', 'INV-8002']);
		await expect(paymentStatuses(company, 'sage50us', ['10990'])).rejects.toThrow(PaymentStatusUnavailableError);
	});
});

describe('credit limits (seed 003 "Credit Limits"), judged from the limits read with the customers', () => {
	const acme = { name: 'Acme Ltd', limit: Decimal.of('1000'), balance: Decimal.of('900') };
	const sale = (number: string, gross: string, changes: Partial<LedgerDocument> = {}): LedgerDocument => ({
		type: 'salesInvoice',
		header: { number, date: '2026-03-31' },
		party: { code: 'acme01' },
		lines: [{ net: gross, taxCode: 'T0', taxAmount: '0.00', account: '4000' }],
		totals: { net: gross, tax: '0.00', gross },
		...changes,
	});

	test('amounts read like Sage shows them, and the five statuses are recognised however they are written', () => {
		expect(formatAmount(Decimal.of('1234567.5'))).toBe('1,234,567.50');
		expect(formatAmount(Decimal.of('-312.5'))).toBe('-312.50');
		expect(parseCreditStatus('HOLD_OVER_LIMIT')).toEqual({ status: 'Hold Over Limit' });
		expect(parseCreditStatus('always notify')).toEqual({ status: 'Always Notify' });
		expect(parseCreditStatus('  ')).toEqual({});
		expect(parseCreditStatus('On Stop')).toEqual({ unknownStatus: 'On Stop' });
	});

	test('reaching the limit exactly is not over it; a credit note and an account Sage does not have are never held', () => {
		const check = new CreditCheck('holdOverLimit', new Map([['ACME01', acme]]));
		expect(check.assess(sale('INV-9001', '100.00'))).toEqual({ kind: 'post' });
		check.book(sale('INV-9001', '100.00'));
		expect(check.assess(sale('INV-9002', '0.01'))).toMatchObject({ kind: 'hold', failure: { code: 'SAGE_CREDIT_LIMIT_HOLD', field: 'party.code' } });
		expect(check.assess(sale('CN-9003', '500.00', { type: 'salesCredit' }))).toEqual({ kind: 'post' });
		expect(check.assess(sale('INV-9004', '5000.00', { party: { code: 'NEWCO01' } }))).toEqual({ kind: 'post' });
	});

	test('a status that is none of the five holds the invoice, naming the value, rather than posting what Sage might hold', () => {
		const check = new CreditCheck('customerStatus', new Map([['ACME01', { ...acme, unknownStatus: 'On Stop' }]]));
		const verdict = check.assess(sale('INV-9005', '1.00'));
		expect(verdict.kind === 'hold' && verdict.failure.message).toMatch(/^Sales invoice INV-9005 is held and was not posted: Acme Ltd's credit status in Sage, "On Stop", is none of No Credit Limit, /);
	});

	test('credit limits come with the customers: reference data is still five queries', async () => {
		const before = connection.queryCount;
		const data = await loadReferenceData(connection, 'sage50uk', { credit: 'limits' });
		expect(connection.queryCount - before).toBe(5);
		expect([...data.customers]).toEqual(['ACME01', 'GLOB01', "O'BRIEN", 'ZURICH01']);
		expect(data.credit?.get('ACME01')).toEqual({ name: 'Acme Ltd', limit: undefined, balance: Decimal.ZERO });
	});

	test('Sage 50 US: credit-limit handling is refused before anything is read, as its columns are not confirmed', async () => {
		const before = connection.queryCount;
		const journal = await openJournal({ kind: 'embedded', file: path.join(folder, 'journal.sqlite') });
		const error = await postToSage(
			connection,
			[sale('INV-9006', '1.00')],
			{ edition: 'sage50us', importFolder: folder, createMissingAccounts: true, maxDocuments: 0, creditLimitHandling: 'warnOverLimit' },
			new PostingRun(journal, { nodeName: 'test' }),
		).then(
			() => undefined,
			(thrown: Error) => thrown,
		);
		expect(error).toBeInstanceOf(SageSettingsError);
		expect(error?.message).toMatch(/^Credit Limit Handling is not available for Sage 50 US yet/);
		expect(connection.queryCount).toBe(before);
	});
});

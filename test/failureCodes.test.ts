/**
 * Every failure code in the table is one a user can actually meet: for each code, a small
 * realistic run that produces it. A new code without a case here fails the last test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import odbc from 'odbc';

import { processBatch, type BatchMode } from '../lib/mapping/pipeline';
import type { LedgerDocument } from '../lib/model/document';
import { checkOperaDocument } from '../lib/targets/opera/checks';
import { DEFAULT_OPERA_POSTING_OPTIONS } from '../lib/targets/opera/postings';
import { Decimal } from '../lib/model/decimal';
import { CreditCheck } from '../lib/odbc/credit';
import { planPosting } from '../lib/odbc/plan';
import { checkExactDocument, type ExactPostingSettings } from '../lib/targets/exactOnline/checks';
import type { ExactReference } from '../lib/targets/exactOnline/reference';
import { postToExact } from '../lib/targets/exactOnline/post';
import { ExactClient } from '../lib/targets/exactOnline/transport/client';
import { ExactTokenManager } from '../lib/targets/exactOnline/transport/tokens';
import { SAMPLE_CLIENT, startExactEmulator, type ExactEmulator, type ExactEmulatorOptions } from './emulators/exactOnline';
import { MappingTables, type MappingTableName } from '../lib/mapping/tables';
import { genericProfile } from '../lib/profiles/generic';
import type { ConstraintProfile } from '../lib/profiles/types';
import { FAILURE_CODES, type Failure, type FailureCode } from '../lib/report/failureCodes';
import { StreamtimeExportError } from '../lib/sources/streamtime/detect';
import { runSage100, type Sage100Input, type Sage100Operation } from '../lib/targets/sage100/post';
import { openJournal } from '../lib/posting/journal/open';
import { PostingRun, runPosting, type PostingResult } from '../lib/posting/pipeline';
import type { PostingJournal } from '../lib/posting/journal/types';
import { OperaAdapter } from '../lib/targets/opera/adapter';
import { postToSage } from '../lib/targets/sage50/post';
import { SageConnectionError, type SageConnection } from '../lib/odbc/connection';
import { createSageCompany } from './fixtures/sageCompany';
import { documentsFromGlExport } from '../lib/sources/connectwise/glExport';
import { syncPaymentsToManage } from '../lib/sources/connectwise/paymentSyncRun';
import { ManageClient } from '../lib/sources/connectwise/transport/client';
import { SAMPLE_KEYS as CONNECTWISE_KEYS, startConnectWiseEmulator } from './emulators/connectwise';
import { DEFAULT_SAGE100_SETTINGS, type Sage100Settings } from '../lib/targets/sage100/settings';
import { connect as connectSage } from '../lib/odbc/connection';
import { createSage100Company, SAMPLE_SAGE100_COMPANY, type Sage100CompanyData } from './fixtures/sage100Company';
import { parseStreamtimeText } from '../lib/sources/streamtime/parse';

const invoice = (changes: Record<string, unknown> = {}) => ({
	type: 'salesInvoice',
	header: { number: 'INV-1001', date: '2026-03-31', currency: 'GBP' },
	party: { code: 'ACME01', name: 'Acme Ltd' },
	lines: [{ description: 'Design work', net: '100.00', taxCode: 'T1', taxAmount: '20.00', account: '4000' }],
	totals: { net: '100.00', tax: '20.00', gross: '120.00' },
	...changes,
});
const purchase = (changes: Record<string, unknown> = {}) => invoice({ type: 'purchaseInvoice', ...changes });
const line = (changes: Record<string, unknown>) => [{ net: '100.00', taxCode: 'T1', taxAmount: '20.00', account: '4000', ...changes }];

/** The failures of reading a Streamtime export: its rejected rows, or why the whole file was refused. */
const streamtimeExport = (...rows: string[]) => (): Failure[] => {
	try {
		return parseStreamtimeText(rows.join('\r\n')).rejected.map(({ code, message }) => ({ code, message }));
	} catch (error) {
		if (error instanceof StreamtimeExportError) return [error.failure];
		throw error;
	}
};
const STREAMTIME_HEADINGS = 'Invoice Number\tInvoice Date\tClient Code\tAmount';

/** Invoices INV-1001… for the emulator's sample division, posted through the real client. */
const exactPosting = (options: ExactEmulatorOptions, arm: (emulator: ExactEmulator) => void, ...lines: Array<Record<string, unknown>>) => async (): Promise<Failure[]> => {
	const emulator = await startExactEmulator(options);
	try {
		arm(emulator);
		const issued = emulator.issueTokens();
		let tokens = { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresAt: Date.now() + 600_000 };
		const manager = new ExactTokenManager({
			tokenUrl: `${emulator.url}/api/oauth2/token`,
			clientId: SAMPLE_CLIENT.clientId,
			clientSecret: SAMPLE_CLIENT.clientSecret,
			store: { key: `failure-codes-${emulator.url}`, load: async () => tokens, save: async (saved) => void (tokens = { ...tokens, ...saved }) },
		});
		const client = new ExactClient({ baseUrl: emulator.url, tokens: manager, retryDelayMs: 10 });
		const documents = lines.map((line, index) => ({
			type: 'purchaseInvoice',
			header: { number: `INV-100${index + 1}`, date: '2026-06-08', currency: 'EUR' },
			party: { code: '2001', name: 'Drukkerij Inkwell' },
			lines: [{ net: '10.00', taxCode: '5', taxAmount: '2.10', account: '4010', ...line }],
			totals: { net: '10.00', tax: '2.10', gross: '12.10' },
		}));
		const { result } = await postToExact(client, documents, { salesJournal: '70', purchaseJournal: '60', createMissingAccounts: true, createMissingGlAccounts: false, maxDocuments: 0 }, await testRun());
		return result.outcomes.flatMap((outcome) => (outcome.kind === 'rejected' ? outcome.failures : []));
	} finally {
		await emulator.close();
	}
};

/**
 * A Sage 100 run against the sample company (SQLite through the real ODBC driver): customers
 * C0001–C0002, accounts 706000/706100/706200 (USD), VAT C20, plan PROJET, period from 2026-01-01.
 * `hold` keeps the company locked by another connection while the run tries to write.
 */
const sage100Run =
	(operation: Sage100Operation, input: Sage100Input, company: Partial<Sage100CompanyData> = {}, hold = false) =>
	async (): Promise<Failure[]> => {
		const folder = mkdtempSync(path.join(tmpdir(), 'failure-codes-sage100-'));
		const companyFile = path.join(folder, 'ATELIER.mae');
		const connectionString = `${await createSage100Company(companyFile, { ...SAMPLE_SAGE100_COMPANY, ...company })};Timeout=20`;
		const connection = await connectSage({ connection: connectionString, edition: 'sage100fr', companyFile });
		const other = hold ? await odbc.connect(connectionString) : undefined;
		try {
			if (other) {
				await other.beginTransaction();
				await other.query("UPDATE F_COMPTET SET CT_Intitule = CT_Intitule WHERE CT_Num = 'C0001'");
			}
			const settings: Sage100Settings = { ...DEFAULT_SAGE100_SETTINGS, companyFile, periodStart: '2026-01-01' };
			process.env.LEDGER_BRIDGE_ODBC_LOCK_WAIT_MS = '100';
			const run = await testRun(operation === 'checkInvoices');
			await run.start();
			try {
				return (await runSage100(connection, operation, input, settings, run)).statuses.flatMap((status) => status.failures);
			} finally {
				await run.finish('done');
				delete process.env.LEDGER_BRIDGE_ODBC_LOCK_WAIT_MS;
			}
		} finally {
			await other?.rollback();
			await other?.close();
			await connection.close();
			rmSync(folder, { recursive: true, force: true });
		}
	};
/** INV-1001 as the project platform sends it to Sage 100: customer C0001, 706000, VAT C20, euros. */
const sage100Invoice = (changes: Record<string, unknown> = {}, lineChanges: Record<string, unknown> = {}) => [
	{ index: 0, input: invoice({ header: { number: 'INV-1001', date: '2026-03-31', currency: 'EUR' }, party: { code: 'C0001', name: 'Mairie de Villeurbanne' }, lines: line({ account: '706000', taxCode: 'C20', ...lineChanges }), ...changes }) },
];

/** A run of a journal in a folder of its own, or of `journal`. */
async function testRun(dryRun = false, journal?: PostingJournal): Promise<PostingRun> {
	const folder = mkdtempSync(path.join(tmpdir(), 'failure-codes-journal-'));
	return new PostingRun(journal ?? (await openJournal({ kind: 'embedded', file: path.join(folder, 'journal.sqlite') })), { nodeName: 'failure codes' }, dryRun);
}

/** Rejected and skipped documents of a posting run. */
function failuresOf(result: PostingResult<unknown>): Failure[] {
	return result.outcomes.flatMap((outcome) => (outcome.kind === 'rejected' ? outcome.failures : outcome.kind === 'skipped' ? [outcome.failure] : []));
}

/** Opera: INV-1001 written, then sent again with another amount. */
async function operaChangedAfterPosting(): Promise<Failure[]> {
	const folder = mkdtempSync(path.join(tmpdir(), 'failure-codes-opera-'));
	const journal = (await testRun()).journal;
	const settings = (stamp: string) => ({ format: 'dbf' as const, importFolder: folder, dataFolder: '', posting: DEFAULT_OPERA_POSTING_OPTIONS, dateLayout: 'yyyyMMdd' as const, stamp, scope: folder });
	const once = async (document: unknown, stamp: string) => {
		const run = await testRun(false, journal);
		await run.start();
		try {
			return await runPosting(run, new OperaAdapter(settings(stamp)), [{ index: 0, input: document }]);
		} finally {
			await run.finish('done');
		}
	};
	await once(invoice({ lines: line({ taxCode: '1', account: 'DESIGN' }) }), '20260331T101500_0001');
	return failuresOf(await once(invoice({ lines: line({ taxCode: '1', account: 'DESIGN', net: '90.00', taxAmount: '20.00' }), totals: { net: '90.00', tax: '20.00', gross: '110.00' } }), '20260331T101500_0002'));
}

/** A writable ODBC ledger (Sage 50 UK tables) for the generic edition's failures. */
async function genericLedger(
	documents: unknown[],
	wrap: (connection: SageConnection) => SageConnection = (connection) => connection,
	hold = false,
): Promise<Failure[]> {
	const folder = mkdtempSync(path.join(tmpdir(), 'failure-codes-generic-'));
	const connectionString = `${await createSageCompany(path.join(folder, 'company.db'))};Timeout=20`;
	const connection = await connectSage({ connection: connectionString, edition: 'generic' });
	const other = hold ? await odbc.connect(connectionString) : undefined;
	try {
		if (other) {
			await other.beginTransaction();
			await other.query("UPDATE SALES_LEDGER SET NAME = NAME WHERE ACCOUNT_REF = 'ACME01'");
		}
		process.env.LEDGER_BRIDGE_ODBC_LOCK_WAIT_MS = '100';
		const result = await postToSage(wrap(connection), documents, { edition: 'generic', createMissingAccounts: true, maxDocuments: 0 }, await testRun());
		return failuresOf(result.pipeline);
	} finally {
		delete process.env.LEDGER_BRIDGE_ODBC_LOCK_WAIT_MS;
		await other?.rollback();
		await other?.close();
		await connection.close();
	}
}

/** The connection to the ledger drops after the first document's transaction. */
function dropsAfterFirstTransaction(connection: SageConnection): SageConnection {
	let transactions = 0;
	return {
		query: (sql, parameters) => connection.query(sql, parameters),
		get queryCount() {
			return connection.queryCount;
		},
		close: () => connection.close(),
		transaction: async (work) => {
			transactions += 1;
			if (transactions > 1) throw new SageConnectionError('Could not reach the Sage company: [08S01] Communication link failure.');
			return connection.transaction(work);
		},
	};
}

/** A payment sync against the ConnectWise Manage emulator. */
async function manageSync(statuses: Array<{ invoiceNumber: string; amountPaid: string }>): Promise<Failure[]> {
	const manage = await startConnectWiseEmulator();
	try {
		const client = new ManageClient({ settings: { site: 'custom', host: manage.url, ...CONNECTWISE_KEYS }, retryDelayMs: 10 });
		const { result } = await syncPaymentsToManage(client, statuses, await testRun());
		return failuresOf(result);
	} finally {
		await manage.close();
	}
}

/** A ConnectWise GL export of one invoice whose detail totals (credit-signed) are scaled by `factor`: 0 a zero-value invoice, -1 a negative INVOICE. */
function connectWiseInvoice(factor: number, unusualInvoices: 'hold' | 'reject'): Failure[] {
	const total = (amount: number) => amount * factor;
	const result = documentsFromGlExport(
		{
			transactions: [
				{
					id: 1, glTypeId: 'AR', documentType: 'INVOICE', documentNumber: '1042', documentDate: '2026-03-31T00:00:00Z', companyAccountNumber: 'ACME01',
					company: { id: 250, identifier: 'Acme', name: 'Acme Ltd' }, glEntryIds: '1010', total: total(100), salesTax: 0,
					detail: [{ id: 1011, glTypeId: 'RP', accountNumber: '4000', total: total(-100), description: 'Design' }],
				},
			],
		},
		{ unusualInvoices },
	);
	return [...result.held, ...result.rejected].map(({ code, message }) => ({ code, message }));
}

interface Case {
	documents: unknown[];
	/** Produced by the Opera file checks rather than by Ledger Mapping. */
	opera?: boolean;
	/** Produced by the Sage posting plan, against a company with ACME01, nominal 4000, T1 and departments 0–1. */
	sage?: { maxDocuments?: number };
	profile?: Partial<ConstraintProfile>;
	reject?: MappingTableName;
	mode?: BatchMode;
	/** Produced by the Exact Online matching, against a division with ACME01 (customer), INK01 (prospect), G/L 4000 and 1300, VAT T1, GBP, journals 70/60/10. */
	exact?: Partial<ExactPostingSettings>;
	/** Produced by posting to the Exact emulator: what Exact itself refuses, or faults it shows. */
	exactPosting?: () => Promise<Failure[]>;
	/** Produced by reading a source file rather than by checking documents. */
	produce?: () => Failure[];
	/** Produced by a Sage 100 run against the sample company over ODBC. */
	sage100?: () => Promise<Failure[]>;
	/** Produced by a posting run through the pipeline (journal, target, faults). */
	posting?: () => Promise<Failure[]>;
}

const CASES: Record<FailureCode, Case> = {
	DOCUMENT_NOT_AN_OBJECT: { documents: ['INV-1001'] },
	DOCUMENT_TYPE_UNKNOWN: { documents: [invoice({ type: 'invoice' })] },
	FIELD_REQUIRED: { documents: [invoice({ header: { date: '2026-03-31' } })] },
	FIELD_UNKNOWN: { documents: [invoice({ totalls: {} })] },
	FIELD_INVALID: { documents: [invoice({ party: { code: 'ACME01', name: 'Acme', addresses: [{ country: 'England' }] } })] },
	DATE_INVALID: { documents: [invoice({ header: { number: 'INV-1001', date: '31/03/2026' } })] },
	AMOUNT_INVALID: { documents: [invoice({ totals: { net: '£100', tax: '20.00', gross: '120.00' } })] },
	AMOUNT_PRECISION: { documents: [invoice({ totals: { net: 100.004, tax: '20.00', gross: '120.00' } })] },
	LINES_MISSING: { documents: [invoice({ lines: [] })] },
	TOTALS_NET_MISMATCH: { documents: [invoice({ totals: { net: '100.01', tax: '20.00', gross: '120.01' } })] },
	TOTALS_TAX_MISMATCH: { documents: [invoice({ totals: { net: '100.00', tax: '20.01', gross: '120.01' } })] },
	TOTALS_GROSS_MISMATCH: { documents: [invoice({ totals: { net: '100.00', tax: '20.00', gross: '120.10' } })] },
	DUPLICATE_IN_BATCH: { documents: [invoice(), invoice()] },
	INVOICE_HELD_FOR_REVIEW: { documents: [], produce: () => connectWiseInvoice(0, 'hold') },
	INVOICE_AMOUNT_UNUSUAL: { documents: [], produce: () => connectWiseInvoice(-1, 'reject') },
	CUSTOMER_CODE_MISSING: { documents: [invoice({ party: { name: 'Acme Ltd' } })] },
	CUSTOMER_CODE_UNMAPPED: { documents: [invoice()], reject: 'customerCode' },
	SUPPLIER_CODE_MISSING: { documents: [purchase({ party: { name: 'Inkwell' } })] },
	SUPPLIER_CODE_UNMAPPED: { documents: [purchase()], reject: 'supplierCode' },
	ACCOUNT_CODE_MISSING: { documents: [invoice({ lines: line({ account: undefined }) })] },
	ACCOUNT_UNMAPPED: { documents: [invoice()], reject: 'account' },
	ITEM_ACCOUNT_UNMAPPED: { documents: [invoice({ lines: line({ account: undefined, item: { code: 'PRINT' } }) })], reject: 'itemSalesAccount' },
	TAX_CODE_MISSING: {
		documents: [invoice({ lines: line({ taxCode: undefined }) })],
		profile: { fields: [{ path: 'lines[].taxCode', mandatory: true }] },
	},
	TAX_CODE_UNMAPPED: { documents: [invoice()], reject: 'taxCode' },
	TAX_CODE_NOT_ALLOWED: { documents: [invoice({ lines: line({ taxCode: 'S' }) })], profile: { taxCodes: { pattern: 'T[0-9]{1,2}' } } },
	PAYMENT_TERMS_UNMAPPED: { documents: [invoice({ header: { number: 'INV-1001', date: '2026-03-31', paymentTerms: '30 days' } })], reject: 'paymentTerms' },
	CURRENCY_UNMAPPED: { documents: [invoice()], reject: 'currency' },
	CURRENCY_NOT_ALLOWED: { documents: [invoice({ header: { number: 'INV-1001', date: '2026-03-31', currency: 'USD' } })], profile: { currencies: ['GBP'] } },
	PRODUCT_TYPE_UNMAPPED: { documents: [invoice({ lines: line({ item: { code: 'CAB-5', type: 'Inventory Part' } }) })], reject: 'productType' },
	DOCUMENT_TYPE_NOT_SUPPORTED: { documents: [purchase()], profile: { documentTypes: ['salesInvoice'] } },
	FIELD_MANDATORY_MISSING: { documents: [invoice()], profile: { fields: [{ path: 'header.dueDate', mandatory: true }] } },
	FIELD_TOO_LONG: { documents: [invoice()], profile: { fields: [{ path: 'party.code', maxLength: 4, tooLong: 'reject' }] } },
	FIELD_CHARACTERS_INVALID: {
		documents: [invoice({ party: { code: 'ACME01', name: 'Smith & Sons' } })],
		profile: { fields: [{ path: 'party.name', allowedCharacters: 'A-Za-z ', invalidCharacters: 'reject' }] },
	},
	VALUE_DOES_NOT_FIT: {
		documents: [invoice({ lines: line({ net: '1000000000.00', taxAmount: '0.00' }), totals: { net: '1000000000.00', tax: '0.00', gross: '1000000000.00' } })],
		opera: true,
	},
	BANK_DETAILS_INCOMPLETE: { documents: [{ type: 'customer', party: { code: 'ACME01', name: 'Acme Ltd', bic: 'DEUTDEFF' } }], opera: true },
	IBAN_INVALID: { documents: [{ type: 'customer', party: { code: 'ACME01', name: 'Acme Ltd', iban: 'GB82WEST12345698765433', bic: 'WESTGB2L' } }], opera: true },
	BIC_INVALID: { documents: [{ type: 'supplier', party: { code: 'INK01', name: 'Inkwell', iban: 'GB82WEST12345698765432', bic: 'WEST-GB' } }], opera: true },
	SAGE_ACCOUNT_MISSING: { documents: [invoice({ party: { code: 'NEWCO01', name: 'New Co' } })], sage: {} },
	SAGE_NOMINAL_MISSING: { documents: [invoice({ lines: line({ account: '4999' }) })], sage: {} },
	SAGE_TAX_CODE_MISSING: { documents: [invoice({ lines: line({ taxCode: 'T7' }) })], sage: {} },
	SAGE_DEPARTMENT_MISSING: { documents: [invoice({ lines: line({ department: '7' }) })], sage: {} },
	// Acme Ltd owes 900.00 of a 1,000.00 limit; INV-1001 (120.00) would take it over, and the node holds such invoices.
	SAGE_CREDIT_LIMIT_HOLD: {
		documents: [],
		produce: () => {
			const verdict = new CreditCheck('holdOverLimit', new Map([['ACME01', { name: 'Acme Ltd', limit: Decimal.of('1000'), balance: Decimal.of('900') }]])).assess(invoice() as LedgerDocument);
			return verdict.kind === 'hold' ? [verdict.failure] : [];
		},
	},
	MAX_DOCUMENTS_REACHED: { documents: [invoice(), invoice({ header: { number: 'INV-1002', date: '2026-03-31' } })], sage: { maxDocuments: 1 } },
	STREAMTIME_TYPE_UNKNOWN: { documents: [], produce: streamtimeExport('Staff\tDate\tHours', 'Anna\t31/03/2026\t7.5') },
	STREAMTIME_COLUMN_MISSING: { documents: [], produce: streamtimeExport('Invoice Number\tInvoice Date\tAmount', 'INV-1001\t31/03/2026\t100.00') },
	STREAMTIME_COLUMN_AMBIGUOUS: { documents: [], produce: streamtimeExport('Invoice Number\tInvoice Date\tClient Account Code\tClient Accounts Code\tAmount', 'INV-1001\t31/03/2026\tACME01\tACME02\t100.00') },
	STREAMTIME_ROW_MALFORMED: { documents: [], produce: streamtimeExport(STREAMTIME_HEADINGS, '\t31/03/2026\tACME01\t100.00') },
	STREAMTIME_DATE_INVALID: { documents: [], produce: streamtimeExport(STREAMTIME_HEADINGS, 'INV-1001\t31/02/2026\tACME01\t100.00') },
	STREAMTIME_AMOUNT_INVALID: { documents: [], produce: streamtimeExport(STREAMTIME_HEADINGS, 'INV-1001\t31/03/2026\tACME01\tTBC') },
	STREAMTIME_DOCUMENT_INCONSISTENT: {
		documents: [],
		produce: streamtimeExport(STREAMTIME_HEADINGS, 'INV-1001\t31/03/2026\tACME01\t100.00', 'INV-1001\t31/03/2026\tACME02\t50.00'),
	},
	STREAMTIME_DOCUMENT_INCOMPLETE: {
		documents: [],
		produce: streamtimeExport(STREAMTIME_HEADINGS, 'INV-1001\t31/03/2026\tACME01\t100.00', 'INV-1001\t31/03/2026\tACME01\t£5O.00'),
	},
	EXACT_JOURNAL_MISSING: { documents: [invoice()], exact: { salesJournal: '71' } },
	EXACT_JOURNAL_WRONG_TYPE: { documents: [invoice()], exact: { salesJournal: '10' } },
	EXACT_GL_ACCOUNT_MISSING: { documents: [invoice({ lines: line({ account: '4999' }) })], exact: {} },
	EXACT_GL_ACCOUNT_NOT_USABLE: { documents: [invoice({ lines: line({ account: '1300' }) })], exact: {} },
	EXACT_VAT_CODE_MISSING: { documents: [invoice({ lines: line({ taxCode: 'T7' }) })], exact: {} },
	EXACT_PAYMENT_CONDITION_MISSING: { documents: [invoice({ header: { number: 'INV-1001', date: '2026-03-31', paymentTerms: '45' } })], exact: {} },
	EXACT_CURRENCY_INACTIVE: { documents: [invoice({ header: { number: 'INV-1001', date: '2026-03-31', currency: 'USD' } })], exact: {} },
	EXACT_ACCOUNT_MISSING: { documents: [invoice({ party: { code: 'NEWCO01', name: 'New Co' } })], exact: { createMissingAccounts: false } },
	EXACT_ACCOUNT_WRONG_TYPE: { documents: [invoice({ party: { code: 'INK01', name: 'Inkwell' } })], exact: {} },
	// A G/L account that demands a cost centre: only Exact knows, and says so.
	EXACT_REJECTED: { documents: [], exactPosting: exactPosting({}, () => undefined, { account: '4500' }) },
	EXACT_NOT_CONFIRMED: { documents: [], exactPosting: exactPosting({}, (emulator) => emulator.faults.dropConnections(1, { method: 'POST' }), {}) },
	// Seven look-ups and one POST use up a daily limit of eight.
	EXACT_LIMIT_REACHED: { documents: [], exactPosting: exactPosting({ dailyLimit: 8 }, () => undefined, {}, {}) },
	SAGE100_CUSTOMER_MISSING: { documents: [], sage100: sage100Run('checkInvoices', { invoices: sage100Invoice({ party: { code: 'ACME01', name: 'Acme' } }) }) },
	SAGE100_PROJECT_MISSING: { documents: [], sage100: sage100Run('checkInvoices', { invoices: sage100Invoice({}, { project: 'P2026-999' }) }) },
	SAGE100_ACCOUNT_MISSING: { documents: [], sage100: sage100Run('checkInvoices', { invoices: sage100Invoice({}, { account: '706999' }) }) },
	SAGE100_VAT_CODE_MISSING: { documents: [], sage100: sage100Run('checkInvoices', { invoices: sage100Invoice({}, { taxCode: 'T1' }) }) },
	SAGE100_SALES_ACCOUNT_NO_CURRENCY: {
		documents: [],
		sage100: sage100Run('checkInvoices', { invoices: sage100Invoice({ header: { number: 'INV-1001', date: '2026-03-31', currency: 'USD', exchangeRate: '1.0850' } }) }),
	},
	SAGE100_CODE_NOT_UNIQUE: {
		documents: [],
		sage100: sage100Run('syncCustomers', {
			customers: [
				{ index: 0, input: { type: 'customer', party: { code: 'ACME01', name: 'Acme Ltd' } } },
				{ index: 1, input: { type: 'customer', party: { code: 'ACME01', name: 'Acme Holdings' } } },
			],
		}),
	},
	SAGE100_BEFORE_PERIOD_START: { documents: [], sage100: sage100Run('checkInvoices', { invoices: sage100Invoice({ header: { number: 'INV-1001', date: '2025-12-31', currency: 'EUR' } }) }) },
	// INV-1001 is in the journal for 120.00; sent again for 100.00 + 10.00 VAT.
	SAGE100_INVOICE_CHANGED: {
		documents: [],
		sage100: sage100Run('postInvoices', { invoices: sage100Invoice({ totals: { net: '100.00', tax: '10.00', gross: '110.00' } }, { taxAmount: '10.00' }) }, {
			entries: [
				['VTE', '2026-03-31', 'INV-1001', '411000', 'C0001', 0, '120.00', null],
				['VTE', '2026-03-31', 'INV-1001', '706000', null, 1, '100.00', null],
				['VTE', '2026-03-31', 'INV-1001', '445710', null, 1, '20.00', null],
			],
		}),
	},
	// Sage refuses an entry in a closed period.
	SAGE100_REFUSED: {
		documents: [],
		sage100: sage100Run('postInvoices', { invoices: sage100Invoice() }, { statements: ["CREATE TRIGGER closed BEFORE INSERT ON F_ECRITUREC WHEN NEW.JM_Date <= '2026-03-01' BEGIN SELECT RAISE(ABORT, 'Période clôturée'); END"] }),
	},
	SAGE100_LOCKED: { documents: [], sage100: sage100Run('postInvoices', { invoices: sage100Invoice() }, {}, true) },
	BATCH_STOPPED: { documents: [invoice(), invoice({ header: { number: 'INV-1002' } })], mode: 'wholeBatch' },
	DOCUMENT_CHANGED_AFTER_POSTING: { documents: [], posting: operaChangedAfterPosting },
	// The first POST is carried out but its answer is lost, and asking Exact afterwards fails too.
	POSTING_UNCONFIRMED: {
		documents: [],
		exactPosting: exactPosting({}, (emulator) => emulator.faults.dropConnections(1, { method: 'POST', afterProcessing: true }).serverErrors(5), {}),
	},
	// The connection drops while the second invoice is being written: the third is never sent.
	POSTING_STOPPED: {
		documents: [],
		posting: () => genericLedger([invoice(), invoice({ header: { number: 'INV-1002', date: '2026-03-31' } }), invoice({ header: { number: 'INV-1003', date: '2026-03-31' } })], dropsAfterFirstTransaction),
	},
	// Four invoices, and Exact drops the connection on the first three POSTs: the fourth is not sent.
	TARGET_UNREACHABLE: { documents: [], exactPosting: exactPosting({}, (emulator) => emulator.faults.dropConnections(3, { method: 'POST' }), {}, {}, {}, {}) },
	SAGE_DATABASE_BUSY: { documents: [], posting: () => genericLedger([invoice()], undefined, true) },
	// The ledger has INV-1000, which Manage never issued.
	CONNECTWISE_INVOICE_MISSING: { documents: [], posting: () => manageSync([{ invoiceNumber: 'INV-1000', amountPaid: '10.00' }]) },
	// INV-1007 in Manage is a credit memo: Manage takes no payment on it.
	CONNECTWISE_PAYMENT_REFUSED: { documents: [], posting: () => manageSync([{ invoiceNumber: 'INV-1007', amountPaid: '10.00' }]) },
};

/** A small Exact division, as the reference data a posting run loads. */
function exactDivision(): ExactReference {
	return {
		journals: new Map([
			['70', { Code: '70', Description: 'Sales', Type: 20 }],
			['60', { Code: '60', Description: 'Purchases', Type: 22 }],
			['10', { Code: '10', Description: 'Bank', Type: 12 }],
		]),
		glAccounts: new Map([
			['4000', { ID: 'guid-4000', Code: '4000', Description: 'Revenue', Type: 110 }],
			['1300', { ID: 'guid-1300', Code: '1300', Description: 'Debtors', Type: 20 }],
			['8020', { ID: 'guid-8020', Code: '8020', Description: 'Old revenue', Type: 110, IsBlocked: true }],
		]),
		vatCodes: new Map([['T1', { Code: 'T1 ', Percentage: 0.2 }]]),
		paymentConditions: new Map([['30', { Code: '30' }]]),
		currencies: new Map([['GBP', { Code: 'GBP' }]]),
		accounts: new Map([
			['ACME01', { ID: 'guid-acme', Code: '            ACME01', Name: 'Acme Ltd', Status: 'C' }],
			['INK01', { ID: 'guid-ink', Code: '             INK01', Name: 'Inkwell', Status: 'P' }],
		]),
	};
}

describe.each(Object.entries(CASES))('%s', (code, { documents, profile, reject, mode, opera, sage, exact, exactPosting: posting, produce, sage100, posting: pipeline }) => {
	test('is produced with a message that names the document', async () => {
		if (pipeline) {
			expect((await pipeline()).find((failure) => failure.code === code)?.message).toMatch(/INV-100\d/i);
			return;
		}
		if (sage100) {
			expect((await sage100()).find((failure) => failure.code === code)?.message).toMatch(/INV-100\d|ACME01/);
			return;
		}
		if (posting) {
			expect((await posting()).find((failure) => failure.code === code)?.message).toMatch(/INV-100\d/);
			return;
		}
		if (produce) {
			expect(produce().find((failure) => failure.code === code)?.message).toMatch(/INV-100\d|invoice/i);
			return;
		}
		if (sage) {
			const reference = { customers: new Set(['ACME01']), suppliers: new Set<string>(), nominalAccounts: new Set(['4000']), taxCodes: new Set(['T1']), departments: new Set(['0', '1']) };
			const plan = planPosting(
				documents.map((document, index) => ({ index, document: JSON.parse(JSON.stringify(document)) as LedgerDocument })),
				reference,
				new Set(),
				{ edition: 'sage50uk', createMissingAccounts: false, maxDocuments: sage.maxDocuments ?? 0 },
			);
			const failures = plan.rejected.flatMap((entry) => entry.failures);
			expect(failures.find((failure) => failure.code === code)?.message).toMatch(/INV-100\d/);
			return;
		}
		if (exact) {
			const settings: ExactPostingSettings = { salesJournal: '70', purchaseJournal: '60', createMissingAccounts: true, createMissingGlAccounts: false, ...exact };
			const failures = documents.flatMap((document) => checkExactDocument(document as LedgerDocument, exactDivision(), settings).failures);
			expect(failures.find((failure) => failure.code === code)?.message).toMatch(/INV-100\d/);
			return;
		}
		if (opera) {
			const failures = documents.flatMap((document) => checkOperaDocument(document as LedgerDocument, DEFAULT_OPERA_POSTING_OPTIONS, 'yyyyMMdd').failures);
			expect(failures.find((failure) => failure.code === code)?.message).toMatch(/INV-1001|ACME01|INK01/);
			return;
		}
		const tables = new MappingTables();
		if (reject) tables.setPolicy(reject, { policy: 'reject' });
		const outcomes = processBatch(
			documents.map((document) => JSON.parse(JSON.stringify(document ?? null))),
			{ tables, profile: { ...genericProfile, ...profile }, mode: mode ?? 'perDocument' },
		);
		const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? outcome.failures : []));
		const found = failures.find((failure) => failure.code === code);
		expect(found).toBeDefined();
		if (code !== 'DOCUMENT_NOT_AN_OBJECT') expect(found?.message).toMatch(/INV-100\d|\(no number\)|invoice/i);
	});
});

test('every failure code in the table has a case above', () => {
	expect(Object.keys(CASES).sort()).toEqual(Object.keys(FAILURE_CODES).sort());
});

/**
 * The Sage 100 run against a company database through the real ODBC driver (libsqliteodbc):
 * what the bookkeeper finds in F_COMPTET, F_COMPTEA, F_ECRITUREC and F_ECRITUREA afterwards,
 * and what the platform is told about each record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import odbc from 'odbc';

import { runSage100, type Sage100Input, type Sage100Operation, type Sage100Status } from '../../../lib/targets/sage100/post';
import { DEFAULT_SAGE100_SETTINGS, type Sage100Settings } from '../../../lib/targets/sage100/settings';
import { connect, type SageConnection } from '../../../lib/odbc/connection';
import { SageSettingsError } from '../../../lib/odbc/errors';
import { createSage100Company, SAMPLE_SAGE100_COMPANY, type Sage100CompanyData } from '../../fixtures/sage100Company';
import { closeJournals, openJournal } from '../../../lib/posting/journal/open';
import { PostingRun } from '../../../lib/posting/pipeline';
import { platformCreditNote, platformCustomer, platformInvoice } from './documents';

type Row = Record<string, unknown>;

let folder: string;
let companyFile: string;
let connectionString: string;
let connection: SageConnection;

async function company(data: Sage100CompanyData = SAMPLE_SAGE100_COMPANY) {
	companyFile = path.join(folder, 'ATELIER.mae');
	connectionString = await createSage100Company(companyFile, data);
	connection = await connect({ connection: connectionString, edition: 'sage100fr', companyFile });
}

beforeEach(async () => {
	folder = mkdtempSync(path.join(tmpdir(), 'sage100-'));
	await company();
});
afterEach(async () => {
	await connection?.close();
	await closeJournals();
	rmSync(folder, { recursive: true, force: true });
});

function settings(changes: Partial<Sage100Settings> = {}): Sage100Settings {
	return { ...DEFAULT_SAGE100_SETTINGS, companyFile, periodStart: '2026-01-01', analysisLevel: 'Production cost', ...changes };
}

const list = (inputs: unknown[], from = 0) => inputs.map((input, index) => ({ index: from + index, input }));

/** One call under a run of the company's own journal (Check Invoices is a dry run of Post Invoices). */
async function run(operation: Sage100Operation, input: Sage100Input, changes: Partial<Sage100Settings> = {}) {
	const journal = await openJournal({ kind: 'embedded', file: path.join(folder, 'journal.sqlite') });
	const posting = new PostingRun(journal, { nodeName: 'test' }, operation === 'checkInvoices');
	await posting.start();
	try {
		return await runSage100(connection, operation, input, settings(changes), posting);
	} finally {
		await posting.finish('done');
	}
}

const brief = (statuses: Sage100Status[]) => statuses.map((entry) => [entry.key, entry.status, entry.synchronised, [...new Set(entry.failures.map((failure) => failure.code))]]);

async function rows(sql: string, parameters: Array<string | number> = []): Promise<Row[]> {
	return [...(await connection.query<Row>(sql, parameters))];
}

const journalLines = async (piece: string) =>
	(await rows('SELECT CG_Num, CT_Num, EC_Sens, EC_Montant, EC_Intitule FROM F_ECRITUREC WHERE EC_RefPiece = ? ORDER BY EC_No', [piece])).map((row) => [
		row.CG_Num,
		row.CT_Num,
		row.EC_Sens,
		Number(row.EC_Montant).toFixed(2),
	]);

describe('Sync Customers: the platform\'s customers as Sage 100 third parties (F_COMPTET)', () => {
	test('a new customer is created as a client (CT_Type 0) on collective account 411000 with its address; one Sage already has is reported, not created twice', async () => {
		const result = await run('syncCustomers', { customers: list([platformCustomer('C0003', 'Atelier Lumière SARL'), platformCustomer('C0001', 'Mairie de Villeurbanne')]) });
		expect(brief(result.statuses)).toEqual([
			['C0003', 'created', true, []],
			['C0001', 'alreadyInSage', true, []],
		]);
		expect(result.statuses[1].message).toContain('Customer C0001 (Mairie de Villeurbanne) is already in Sage');
		expect(await rows("SELECT CT_Num, CT_Intitule, CT_Type, CG_NumPrinc, CT_Adresse, CT_CodePostal, CT_Ville, CT_Pays, CT_EMail, CT_Identifiant FROM F_COMPTET WHERE CT_Num = 'C0003'")).toEqual([
			{
				CT_Num: 'C0003',
				CT_Intitule: 'Atelier Lumière SARL',
				CT_Type: 0,
				CG_NumPrinc: '411000',
				CT_Adresse: '12 rue de la République',
				CT_CodePostal: '69100',
				CT_Ville: 'Villeurbanne',
				CT_Pays: 'FR',
				CT_EMail: 'compta@example.fr',
				CT_Identifiant: 'FR40123456789',
			},
		]);
		expect((await rows("SELECT COUNT(*) AS N FROM F_COMPTET WHERE CT_Num = 'C0001'"))[0].N).toBe(1);
	});

	test('a customer without a code is rejected with CUSTOMER_CODE_MISSING: a unique customer code is required', async () => {
		const result = await run('syncCustomers', { customers: list([platformCustomer(undefined, 'Cabinet Dupont'), platformCustomer('  ', 'Cabinet Martin')]) });
		expect(brief(result.statuses)).toEqual([
			[null, 'rejected', false, ['CUSTOMER_CODE_MISSING']],
			[null, 'rejected', false, ['CUSTOMER_CODE_MISSING']],
		]);
		expect(result.statuses[0].message).toBe(
			'Customer (no number) (Cabinet Dupont): a unique customer code is required; fill in the client number on the platform (Billing > Clients, column Number).',
		);
		expect((await rows('SELECT COUNT(*) AS N FROM F_COMPTET'))[0].N).toBe(3);
	});

	test('two customers sharing a code are both rejected with SAGE100_CODE_NOT_UNIQUE, and a code Sage gives a supplier is refused: nothing is created', async () => {
		const result = await run('syncCustomers', {
			customers: list([platformCustomer('C0010', 'Cabinet Dupont'), platformCustomer('c0010', 'Cabinet Martin'), platformCustomer('BETSTRUCT', 'BET Structure (client)')]),
		});
		expect(brief(result.statuses)).toEqual([
			['C0010', 'rejected', false, ['SAGE100_CODE_NOT_UNIQUE']],
			['c0010', 'rejected', false, ['SAGE100_CODE_NOT_UNIQUE']],
			['BETSTRUCT', 'rejected', false, ['SAGE100_CODE_NOT_UNIQUE']],
		]);
		expect(result.statuses[0].message).toBe(
			'Customer C0010 (Cabinet Dupont): the code C0010 is also given to "Cabinet Martin" in this call; customer codes must be unique, so none of them was synchronised.',
		);
		expect(result.statuses[2].message).toContain('already belongs to supplier "Bureau d\'études Structure+" in Sage');
		expect((await rows('SELECT COUNT(*) AS N FROM F_COMPTET'))[0].N).toBe(3);
	});

	test("names with quotes, ';', '--' and non-Latin text are stored exactly as sent: values travel as bound parameters, never inside the SQL", async () => {
		const names = ["L'Atelier; DROP TABLE F_COMPTET; --", 'Αρχιτέκτονες Ο.Ε. — 東京'];
		await run('syncCustomers', { customers: list([platformCustomer('C0011', names[0]), platformCustomer('C0012', names[1])]) });
		expect((await rows("SELECT CT_Intitule FROM F_COMPTET WHERE CT_Num IN ('C0011', 'C0012') ORDER BY CT_Num")).map((row) => row.CT_Intitule)).toEqual(names);
	});

	test('a name over 35 characters is shortened to fit CT_Intitule and the change is reported; a code over 17 is rejected, never cut', async () => {
		const result = await run('syncCustomers', {
			customers: list([platformCustomer('C0013', 'Société d\'Économie Mixte de la Métropole de Lyon'), platformCustomer('CLIENT-2026-000123', 'Trop long')]),
		});
		expect(brief(result.statuses)).toEqual([
			['C0013', 'created', true, []],
			['CLIENT-2026-000123', 'rejected', false, ['FIELD_TOO_LONG']],
		]);
		expect(result.statuses[0].adjusted).toEqual(['CT_Intitule shortened from 48 to 35 characters']);
		expect((await rows("SELECT CT_Intitule FROM F_COMPTET WHERE CT_Num = 'C0013'"))[0].CT_Intitule).toBe("Société d'Économie Mixte de la Métr");
	});

	test('a customer Sage has under another name keeps Sage\'s record, and says so; with "Update Existing Customers" the platform\'s name and address replace it', async () => {
		const renamed = platformCustomer('C0001', 'Ville de Villeurbanne');
		const kept = await run('syncCustomers', { customers: list([renamed]) });
		expect(brief(kept.statuses)).toEqual([['C0001', 'alreadyInSage', true, []]]);
		expect(kept.statuses[0].message).toContain("Sage's record differs (CT_Intitule, CT_Adresse");
		expect((await rows("SELECT CT_Intitule FROM F_COMPTET WHERE CT_Num = 'C0001'"))[0].CT_Intitule).toBe('Mairie de Villeurbanne');

		const updated = await run('syncCustomers', { customers: list([renamed]) }, { updateExistingCustomers: true });
		expect(brief(updated.statuses)).toEqual([['C0001', 'updated', true, []]]);
		expect(await rows("SELECT CT_Intitule, CT_Ville, CT_Type, CG_NumPrinc FROM F_COMPTET WHERE CT_Num = 'C0001'")).toEqual([
			{ CT_Intitule: 'Ville de Villeurbanne', CT_Ville: 'Villeurbanne', CT_Type: 0, CG_NumPrinc: '411000' },
		]);
		const again = await run('syncCustomers', { customers: list([renamed]) }, { updateExistingCustomers: true });
		expect(brief(again.statuses)).toEqual([['C0001', 'alreadyInSage', true, []]]);
	});
});

describe('Sync Projects: projects as sections of the analytic plan PROJET (F_COMPTEA)', () => {
	test('a new project becomes a section of plan PROJET with the analysis level; one Sage has is reported; a code over 13 characters is rejected', async () => {
		const result = await run('syncProjects', {
			projects: list([
				{ code: 'P2026-014', name: 'Médiathèque de Villeurbanne – extenon et réhabilitation', customer: 'C0001' },
				{ code: 'P2025-031', name: 'Groupe scolaire Jean Jaurès' },
				{ code: 'P2026-0140-LOT', name: 'Lot 2' },
				{ name: 'Sans code' },
			]),
		});
		expect(brief(result.statuses)).toEqual([
			['P2026-014', 'created', true, []],
			['P2025-031', 'alreadyInSage', true, []],
			['P2026-0140-LOT', 'rejected', false, ['FIELD_TOO_LONG']],
			[null, 'rejected', false, ['FIELD_REQUIRED']],
		]);
		expect(result.statuses[0].message).toBe(
			'Project P2026-014 (Médiathèque de Villeurbanne – exten) created as a section of plan PROJET, analysis level Production cost.',
		);
		expect(await rows("SELECT N_Analytique, CA_Num, CA_Intitule, N_Analyse FROM F_COMPTEA WHERE CA_Num = 'P2026-014'")).toEqual([
			{ N_Analytique: 2, CA_Num: 'P2026-014', CA_Intitule: 'Médiathèque de Villeurbanne – exten', N_Analyse: 1 },
		]);
	});
});

describe('Post Invoices: balanced entries in the sales journal VTE (F_ECRITUREC) with the project allocation (F_ECRITUREA)', () => {
	test('the customer is debited the gross (EC_Sens 0), each line credited to its sales account, the VAT credited, and each sales line allocated to the project', async () => {
		const result = await run('postInvoices', { invoices: list([platformInvoice()]) });
		expect(brief(result.statuses)).toEqual([['F2026-0042', 'posted', true, []]]);
		expect(result.statuses[0].message).toBe(
			'Sales invoice F2026-0042 posted to journal VTE as piece F2026-0042: 4 entry lines, total 9900.00 EUR, allocated to project P2025-031.',
		);
		expect(await journalLines('F2026-0042')).toEqual([
			['411000', 'C0001', 0, '9900.00'],
			['706100', null, 1, '8000.00'],
			['706000', null, 1, '250.00'],
			['445710', null, 1, '1650.00'],
		]);
		const [header] = await rows("SELECT JO_Num, JM_Date, EC_Jour, EC_Date, EC_Piece, EC_Echeance, N_Devise FROM F_ECRITUREC WHERE EC_RefPiece = 'F2026-0042' AND CT_Num = 'C0001'");
		expect(header).toEqual({ JO_Num: 'VTE', JM_Date: '2026-03-01', EC_Jour: 31, EC_Date: '2026-03-31', EC_Piece: 'F2026-0042', EC_Echeance: '2026-04-30', N_Devise: 0 });
		const allocations = await rows(
			"SELECT c.CG_Num, a.N_Analytique, a.CA_Num, a.EA_Montant FROM F_ECRITUREA a JOIN F_ECRITUREC c ON c.EC_No = a.EC_No WHERE c.EC_RefPiece = 'F2026-0042' ORDER BY a.EC_No",
		);
		expect(allocations.map((row) => [row.CG_Num, row.N_Analytique, row.CA_Num, Number(row.EA_Montant).toFixed(2)])).toEqual([
			['706100', 2, 'P2025-031', '8000.00'],
			['706000', 2, 'P2025-031', '250.00'],
		]);
		expect(result.statuses[0].entry?.entryNumbers).toEqual([4, 5, 6, 7]);
	});

	test('a credit note reverses: customer credited, sales and VAT debited, in the same journal', async () => {
		await run('postInvoices', { invoices: list([platformCreditNote()]) });
		expect(await journalLines('AV2026-0003')).toEqual([
			['411000', 'C0001', 1, '1200.00'],
			['706100', null, 0, '1000.00'],
			['445710', null, 0, '200.00'],
		]);
	});

	test('sent again unchanged, a posted invoice is a duplicate: nothing posted twice, and the platform still gets its tick', async () => {
		await run('postInvoices', { invoices: list([platformInvoice()]) });
		const again = await run('postInvoices', { invoices: list([platformInvoice(), platformInvoice('F2026-0007', { header: { number: 'F2026-0007', date: '2026-02-10' }, lines: [{ net: '1000.00', taxCode: 'C20', taxAmount: '200.00', account: '706000' }], totals: { net: '1000.00', tax: '200.00', gross: '1200.00' } })]) });
		expect(brief(again.statuses)).toEqual([
			['F2026-0042', 'alreadyPosted', true, []],
			['F2026-0007', 'alreadyPosted', true, []],
		]);
		// The journal remembers this run's own posting; F2026-0007 was posted before Ledger Bridge, and Sage itself says so.
		expect(again.statuses[0].message).toMatch(/^Sales invoice F2026-0042 was already posted to Sage 100 \(ATELIER\.mae\) on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(journal VTE, piece F2026-0042\); it is not sent again\.$/);
		expect(again.statuses[1].message).toBe('Sales invoice F2026-0007 is already in Sage (journal VTE, piece F2026-0007, dated 2026-02-10); it is not posted again.');
		expect((await rows("SELECT COUNT(*) AS N FROM F_ECRITUREC WHERE EC_RefPiece = 'F2026-0042'"))[0].N).toBe(4);
	});

	test('a posted invoice sent again with another amount is rejected with DOCUMENT_CHANGED_AFTER_POSTING, telling the user to issue a credit note; Sage is untouched', async () => {
		await run('postInvoices', { invoices: list([platformInvoice()]) });
		const changed = platformInvoice();
		changed.lines![1] = { description: 'Frais de reprographie', net: '300.00', taxCode: 'C20', taxAmount: '60.00', account: '706000' };
		changed.totals = { net: '8300.00', tax: '1660.00', gross: '9960.00' };
		const result = await run('postInvoices', { invoices: list([changed]) });
		expect(brief(result.statuses)).toEqual([['F2026-0042', 'rejected', false, ['DOCUMENT_CHANGED_AFTER_POSTING']]]);
		expect(result.statuses[0].message).toMatch(
			/^Sales invoice F2026-0042 was already posted to Sage 100 \(ATELIER\.mae\) on .* \(journal VTE, piece F2026-0042\) and has changed since: net 8250\.00 when posted, 8300\.00 now; tax 1650\.00 when posted, 1660\.00 now; gross 9900\.00 when posted, 9960\.00 now; lines 706100 8000\.00, 706000 250\.00 when posted, 706100 8000\.00, 706000 300\.00 now\. A posted document cannot be changed: issue a credit note for it/,
		);
		expect(await journalLines('F2026-0042')).toEqual([
			['411000', 'C0001', 0, '9900.00'],
			['706100', null, 1, '8000.00'],
			['706000', null, 1, '250.00'],
			['445710', null, 1, '1650.00'],
		]);
	});

	test('an invoice Sage already has from before Ledger Bridge, sent with other content, is rejected with SAGE100_INVOICE_CHANGED naming each difference Sage shows', async () => {
		const old = () => platformInvoice('F2026-0007', { header: { number: 'F2026-0007', date: '2026-02-10' }, lines: [{ net: '1000.00', taxCode: 'C20', taxAmount: '200.00', account: '706000' }], totals: { net: '1000.00', tax: '200.00', gross: '1200.00' } });
		const changed = old();
		changed.lines![0] = { net: '1100.00', taxCode: 'C20', taxAmount: '220.00', account: '706000' };
		changed.totals = { net: '1100.00', tax: '220.00', gross: '1320.00' };
		const result = await run('postInvoices', { invoices: list([changed]) });
		expect(brief(result.statuses)).toEqual([['F2026-0007', 'rejected', false, ['SAGE100_INVOICE_CHANGED']]]);
		expect(result.statuses[0].message).toBe(
			'Sales invoice F2026-0007 is already in Sage (journal VTE, piece F2026-0007) but has changed: total 1200.00 in Sage, 1320.00 now. Once imported, an invoice cannot change: issue a credit note on the platform to reverse it, and a new invoice.',
		);
		const moved = old();
		moved.header!.date = '2026-02-11';
		moved.lines![0].account = '706100';
		expect((await run('postInvoices', { invoices: list([moved]) })).statuses[0].message).toContain('but has changed: dated 2026-02-10 in Sage, 2026-02-11 now.');
		moved.header!.date = '2026-02-10';
		expect((await run('postInvoices', { invoices: list([moved]) })).statuses[0].message).toContain(
			'its lines differ (in Sage: 706000 credit 1000.00, 445710 credit 200.00; now: 706100 credit 1000.00, 445710 credit 200.00)',
		);
	});

	test('a changed date or sales account of an invoice Ledger Bridge posted is also a change: each difference is named', async () => {
		await run('postInvoices', { invoices: list([platformInvoice()]) });
		const moved = platformInvoice();
		moved.header!.date = '2026-04-01';
		moved.lines![1].account = '706100';
		const result = await run('postInvoices', { invoices: list([moved]) });
		expect(result.statuses[0].message).toContain('has changed since: dated 2026-03-31 when posted, 2026-04-01 now; lines 706100 8000.00, 706000 250.00 when posted, 706100 8000.00, 706100 250.00 now.');
	});

	test('an invoice dated before the period start is skipped and reported with SAGE100_BEFORE_PERIOD_START; nothing is posted for it', async () => {
		const old = platformInvoice('F2025-0311', { header: { number: 'F2025-0311', date: '2025-12-18', project: 'P2025-031' } });
		const result = await run('postInvoices', { invoices: list([old, platformInvoice()]) });
		expect(brief(result.statuses)).toEqual([
			['F2025-0311', 'skipped', false, ['SAGE100_BEFORE_PERIOD_START']],
			['F2026-0042', 'posted', true, []],
		]);
		expect(result.statuses[0].message).toBe(
			'Sales invoice F2025-0311 is dated 2025-12-18, before the period start 2026-01-01 set in the Sage ODBC credential: skipped, nothing posted.',
		);
		expect((await rows("SELECT COUNT(*) AS N FROM F_ECRITUREC WHERE EC_RefPiece = 'F2025-0311'"))[0].N).toBe(0);
	});

	test("field sizes are respected: an invoice number over EC_Piece's 13 characters is rejected, a long label fits EC_Intitule's 69 and the reference EC_Reference's 17", async () => {
		const long = platformInvoice('F-2026-000042B');
		const labelled = platformInvoice('F2026-0043');
		labelled.lines![0].description = 'Phase PRO – projet, dossier de consultation des entreprises et assistance pour la passation des contrats de travaux';
		labelled.header!.reference = 'Marché public n° 2026-MAPA-0118';
		const result = await run('postInvoices', { invoices: list([long, labelled]) });
		expect(brief(result.statuses)).toEqual([
			['F-2026-000042B', 'rejected', false, ['FIELD_TOO_LONG']],
			['F2026-0043', 'posted', true, []],
		]);
		expect(result.statuses[0].message).toContain("the invoice number has 14 characters; Sage 100's piece number (EC_Piece) takes 13");
		const written = await rows("SELECT EC_Intitule, EC_Reference FROM F_ECRITUREC WHERE EC_RefPiece = 'F2026-0043' ORDER BY EC_No");
		expect(written.map((row) => Array.from(String(row.EC_Intitule)).length)).toEqual([33, 69, 21, 41]);
		expect(new Set(written.map((row) => row.EC_Reference))).toEqual(new Set(['Marché public n°']));
		expect(result.statuses[1].adjusted).toEqual(['EC_Intitule of line 1 shortened from 115 to 69 characters', 'EC_Reference of the reference shortened from 31 to 16 characters']);
	});

	test('the same invoice number twice in one call: the second is DUPLICATE_IN_BATCH and only the first is posted', async () => {
		const result = await run('postInvoices', { invoices: list([platformInvoice(), platformInvoice()]) });
		expect(brief(result.statuses)).toEqual([
			['F2026-0042', 'posted', true, []],
			['F2026-0042', 'rejected', false, ['DUPLICATE_IN_BATCH']],
		]);
	});

	test('reference data is read once per run and the journal asked about 100 invoices per query', async () => {
		const invoices = Array.from({ length: 150 }, (_, index) => platformInvoice(`F2026-${String(1000 + index)}`));
		const result = await run('checkInvoices', { invoices: list(invoices) });
		expect(result.queries).toEqual({ referenceData: 8, duplicateCheck: 2, writing: 0, total: 10 });
	});
});

describe("Check Invoices: the seed's errors, all found before anything is written", () => {
	test('unknown VAT code, sales account, customer and project are each reported with their own code, at once, and nothing is written', async () => {
		const invoice = platformInvoice('F2026-0044', {
			header: { number: 'F2026-0044', date: '2026-03-31', project: 'P2026-999' },
			party: { code: 'C0099', name: 'Client inconnu' },
			lines: [
				{ description: 'Honoraires', net: '100.00', taxCode: 'C99', taxAmount: '20.00', account: '706999' },
				{ description: 'Frais', net: '50.00', taxCode: 'C20', taxAmount: '10.00', account: '706000' },
			],
			totals: { net: '150.00', tax: '30.00', gross: '180.00' },
		});
		const result = await run('checkInvoices', { invoices: list([invoice, platformInvoice()]) });
		expect(brief(result.statuses)).toEqual([
			['F2026-0044', 'rejected', false, ['SAGE100_CUSTOMER_MISSING', 'SAGE100_ACCOUNT_MISSING', 'SAGE100_VAT_CODE_MISSING', 'SAGE100_PROJECT_MISSING']],
			['F2026-0042', 'ready', false, []],
		]);
		expect(result.statuses[0].failures.map((failure) => failure.message)).toEqual([
			'Sales invoice F2026-0044: customer C0099 is not in Sage; synchronise the customers first (or send it in the same call).',
			'Sales invoice F2026-0044: line 1 sales account 706999 does not exist in Sage.',
			'Sales invoice F2026-0044: line 1 VAT code C99 does not exist in Sage.',
			'Sales invoice F2026-0044: project P2026-999 is not a section of the analytic plan PROJET in Sage; synchronise the projects first (or send it in the same call).',
		]);
		expect(result.statuses[1].message).toBe('Sales invoice F2026-0042 is ready for journal VTE: 4 entry lines, total 9900.00 EUR.');
		expect((await rows('SELECT COUNT(*) AS N FROM F_ECRITUREC'))[0].N).toBe(3);
	});

	test('"the sales account has no associated currency": a dollar invoice on 706000 is refused, on 706200 (set up for USD) it is posted with its dollar amounts', async () => {
		const dollars = (number: string, account: string) =>
			platformInvoice(number, {
				header: { number, date: '2026-03-31', currency: 'USD', exchangeRate: '1.0850', project: 'P2025-031' },
				lines: [{ description: 'Concours international – esquisse', net: '1085.00', taxCode: 'C00', taxAmount: '0.00', account }],
				totals: { net: '1085.00', tax: '0.00', gross: '1085.00' },
			});
		const result = await run('postInvoices', { invoices: list([dollars('F2026-0061', '706000'), dollars('F2026-0062', '706200')]) });
		expect(brief(result.statuses)).toEqual([
			['F2026-0061', 'rejected', false, ['SAGE100_SALES_ACCOUNT_NO_CURRENCY']],
			['F2026-0062', 'posted', true, []],
		]);
		expect(result.statuses[0].message).toBe(
			'Sales invoice F2026-0061: line 1 sales account 706000 has no associated currency in Sage, so the USD amount cannot be kept on it; associate USD with the account in Sage.',
		);
		expect(await rows("SELECT CG_Num, EC_Sens, EC_Montant, N_Devise, EC_Devise FROM F_ECRITUREC WHERE EC_RefPiece = 'F2026-0062' ORDER BY EC_No")).toEqual([
			{ CG_Num: '411000', EC_Sens: 0, EC_Montant: 1000, N_Devise: 1, EC_Devise: 1085 },
			{ CG_Num: '706200', EC_Sens: 1, EC_Montant: 1000, N_Devise: 1, EC_Devise: 1085 },
		]);
	});

	test('with the check set to "every invoice", a euro invoice on a sales account without a currency is refused too; set to "never", nothing is checked', async () => {
		const always = await run('checkInvoices', { invoices: list([platformInvoice()]) }, { salesAccountCurrency: 'always' });
		expect(brief(always.statuses)).toEqual([['F2026-0042', 'rejected', false, ['SAGE100_SALES_ACCOUNT_NO_CURRENCY']]]);
		const dollars = platformInvoice('F2026-0063', { header: { number: 'F2026-0063', date: '2026-03-31', currency: 'USD', exchangeRate: '1.0850' } });
		const never = await run('checkInvoices', { invoices: list([dollars]) }, { salesAccountCurrency: 'never' });
		expect(brief(never.statuses)).toEqual([['F2026-0063', 'ready', false, []]]);
	});

	test('a currency Sage does not have, and a foreign invoice without its exchange rate, are refused with what to do', async () => {
		const yen = platformInvoice('F2026-0064', { header: { number: 'F2026-0064', date: '2026-03-31', currency: 'JPY' } });
		yen.lines = [{ net: '100000', taxCode: 'C00', taxAmount: '0', account: '706200' }];
		yen.totals = { net: '100000', tax: '0', gross: '100000' };
		const result = await run('checkInvoices', { invoices: list([yen]) });
		expect(brief(result.statuses)).toEqual([['F2026-0064', 'rejected', false, ['CURRENCY_NOT_ALLOWED', 'FIELD_REQUIRED']]]);
		expect(result.statuses[0].message).toContain('currency JPY is not set up in Sage (File > Company parameters > Currencies)');
	});

	test('a VAT code whose VAT account is missing, and a customer whose collective account is missing, are SAGE100_ACCOUNT_MISSING', async () => {
		await connection.close();
		rmSync(companyFile);
		await company({ ...SAMPLE_SAGE100_COMPANY, vatCodes: [['C20', 'TVA 20 %', 20, '445799']], thirdParties: [['C0001', 'Mairie de Villeurbanne', 0, '411999']] });
		const result = await run('checkInvoices', { invoices: list([platformInvoice()]) });
		expect(result.statuses[0].failures.map((failure) => [failure.code, failure.message])).toEqual([
			['SAGE100_ACCOUNT_MISSING', "Sales invoice F2026-0042: customer C0001's collective account 411999 does not exist in Sage."],
			['SAGE100_ACCOUNT_MISSING', "Sales invoice F2026-0042: VAT code C20's VAT account 445799 does not exist in Sage."],
		]);
	});
});

describe('Synchronise All: customers, projects, then invoices, in one run', () => {
	test("a new customer and a new project sent with the invoice are created first, so the invoice is posted in the same call", async () => {
		const invoice = platformInvoice('F2026-0070', {
			header: { number: 'F2026-0070', date: '2026-04-15', project: 'P2026-014' },
			party: { code: 'C0003', name: 'Atelier Lumière SARL' },
		});
		const result = await run('synchronise', {
			customers: list([platformCustomer('C0003', 'Atelier Lumière SARL')]),
			projects: list([{ code: 'P2026-014', name: 'Médiathèque de Villeurbanne' }], 1),
			invoices: list([invoice], 2),
		});
		expect(brief(result.statuses)).toEqual([
			['C0003', 'created', true, []],
			['P2026-014', 'created', true, []],
			['F2026-0070', 'posted', true, []],
		]);
		expect((await rows("SELECT CA_Num FROM F_ECRITUREA a JOIN F_ECRITUREC c ON c.EC_No = a.EC_No WHERE c.EC_RefPiece = 'F2026-0070'")).map((row) => row.CA_Num)).toEqual([
			'P2026-014',
			'P2026-014',
		]);
	});
});

describe('one transaction per invoice, and a locked company', () => {
	test('when Sage refuses a line, none of that invoice\'s entry lines stays (SAGE100_REFUSED quotes Sage), and the next invoice is still posted', async () => {
		await connection.close();
		rmSync(companyFile);
		await company({
			...SAMPLE_SAGE100_COMPANY,
			sections: [...SAMPLE_SAGE100_COMPANY.sections, [2, 'P2024-007', 'Crèche (close)']],
			statements: ["CREATE TRIGGER closed_section BEFORE INSERT ON F_ECRITUREA WHEN NEW.CA_Num = 'P2024-007' BEGIN SELECT RAISE(ABORT, 'Section P2024-007 mise en sommeil'); END"],
		});
		const refused = platformInvoice('F2026-0080', { header: { number: 'F2026-0080', date: '2026-03-31', project: 'P2024-007' } });
		const result = await run('postInvoices', { invoices: list([refused, platformInvoice()]) });
		expect(brief(result.statuses)).toEqual([
			['F2026-0080', 'rejected', false, ['SAGE100_REFUSED']],
			['F2026-0042', 'posted', true, []],
		]);
		expect(result.statuses[0].message).toBe('Sales invoice F2026-0080: Sage refused it: [HY000] [SQLite]Section P2024-007 mise en sommeil (19); none of its entry lines was written.');
		expect((await rows("SELECT COUNT(*) AS N FROM F_ECRITUREC WHERE EC_RefPiece = 'F2026-0080'"))[0].N).toBe(0);
		expect(await journalLines('F2026-0042')).toHaveLength(4);
	});

	test('while another program holds the company locked, the invoice is retried, then reported SAGE100_LOCKED with nothing written; once released, the same call posts it', async () => {
		process.env.LEDGER_BRIDGE_ODBC_LOCK_WAIT_MS = '300';
		await connection.close();
		connection = await connect({ connection: `${connectionString};Timeout=50`, edition: 'sage100fr', companyFile });
		const other = await odbc.connect(`${connectionString};Timeout=50`);
		await other.beginTransaction();
		await other.query("UPDATE F_COMPTET SET CT_Intitule = CT_Intitule WHERE CT_Num = 'C0001'");
		try {
			const locked = await run('postInvoices', { invoices: list([platformInvoice()]) });
			expect(brief(locked.statuses)).toEqual([['F2026-0042', 'rejected', false, ['SAGE100_LOCKED']]]);
			expect(locked.statuses[0].message).toContain('the Sage company stayed locked by another user or program');
			expect(locked.statuses[0].message).toContain('Close Sage 100 on the company and send it again.');
		} finally {
			await other.rollback();
			await other.close();
		}
		expect((await rows("SELECT COUNT(*) AS N FROM F_ECRITUREC WHERE EC_RefPiece = 'F2026-0042'"))[0].N).toBe(0);
		const released = await run('postInvoices', { invoices: list([platformInvoice()]) });
		expect(brief(released.statuses)).toEqual([['F2026-0042', 'posted', true, []]]);
		delete process.env.LEDGER_BRIDGE_ODBC_LOCK_WAIT_MS;
	});

	test('a lock released while the run waits costs nothing: the invoice is posted on the next attempt', async () => {
		await connection.close();
		connection = await connect({ connection: `${connectionString};Timeout=50`, edition: 'sage100fr', companyFile });
		const other = await odbc.connect(`${connectionString};Timeout=50`);
		await other.beginTransaction();
		await other.query("UPDATE F_COMPTET SET CT_Intitule = CT_Intitule WHERE CT_Num = 'C0001'");
		const release = setTimeout(() => void other.rollback().then(() => other.close()), 150);
		try {
			const result = await run('postInvoices', { invoices: list([platformInvoice()]) });
			expect(brief(result.statuses)).toEqual([['F2026-0042', 'posted', true, []]]);
		} finally {
			clearTimeout(release);
		}
	});
});

describe('settings Sage must recognise stop the run before anything is written', () => {
	test.each([
		[{ salesJournal: 'VEN' }, 'The sales journal VEN does not exist in Sage (Structure > Codes journaux; the seed\'s default is VTE)'],
		[{ salesJournal: 'ACH' }, 'Journal ACH (Journal des achats) is a purchases journal, not a sales journal'],
		[{ analyticPlan: 'AFFAIRE' }, 'The analytic plan AFFAIRE does not exist in Sage (File > Company parameters > Analytical > Analytical plan)'],
		[{ analysisLevel: 'Coût de revient' }, 'The analytic plan PROJET has no analysis level "Coût de revient"'],
	])('%j', async (changes, message) => {
		const error = await run('synchronise', { invoices: list([platformInvoice()]) }, changes).catch((thrown: Error) => thrown);
		expect(error).toBeInstanceOf(SageSettingsError);
		expect((error as Error).message).toBe(`${message}. Correct the Sage ODBC credential or the node's options; nothing was written to Sage.`);
		expect((await rows("SELECT COUNT(*) AS N FROM F_ECRITUREC WHERE EC_RefPiece = 'F2026-0042'"))[0].N).toBe(0);
	});

	test('a company path without the .mae file (the seed\'s "add the file name and then the extension") is refused', async () => {
		const error = await run('syncCustomers', { customers: [] }, { companyFile: 'C:\\Sage\\Societes\\' }).catch((thrown: Error) => thrown);
		expect((error as Error).message).toBe(
			'The company file "C:\\Sage\\Societes\\" does not end in .mae: give the full path including the file name and its extension, e.g. C:\\Sage\\Societes\\BIJOU.mae. Nothing was sent to Sage.',
		);
	});
});

describe('every record ends in exactly one status', () => {
	test('a mixed call: every customer, project and invoice has one status, in the order sent', async () => {
		const documents: unknown[] = [platformInvoice(), 'not a document', { type: 'purchaseInvoice', header: { number: 'PI-1', date: '2026-03-01' }, party: { code: 'BETSTRUCT' }, lines: [{ net: '1' }], totals: { net: '1', tax: '0', gross: '1' } }];
		const result = await run('postInvoices', { invoices: list(documents) });
		expect(result.statuses.map((entry) => entry.index)).toEqual([0, 1, 2]);
		expect(brief(result.statuses)).toEqual([
			['F2026-0042', 'posted', true, []],
			[null, 'rejected', false, ['DOCUMENT_NOT_AN_OBJECT']],
			['PI-1', 'rejected', false, ['DOCUMENT_TYPE_NOT_SUPPORTED']],
		]);
	});

	test('"Maximum Documents per Run" stops after that many invoices; the rest are listed with MAX_DOCUMENTS_REACHED, not lost', async () => {
		const result = await run('postInvoices', { invoices: list([platformInvoice('F2026-0101'), platformInvoice('F2026-0102')]) }, { maxDocuments: 1 });
		expect(brief(result.statuses)).toEqual([
			['F2026-0101', 'posted', true, []],
			['F2026-0102', 'rejected', false, ['MAX_DOCUMENTS_REACHED']],
		]);
	});
});

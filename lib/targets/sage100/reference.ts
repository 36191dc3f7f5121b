/**
 * The Sage 100 company's reference data, read once per run (never once per invoice): third
 * parties, general accounts, VAT codes, journals, the analytic plan with its sections and
 * levels, currencies. Then the settings are checked against it before anything is written.
 */
import { capitalise } from '../../model/validate';
import type { SageConnection } from '../../odbc/connection';
import { SageSettingsError } from '../../odbc/errors';
import { JOURNAL_TYPE_NAMES, JOURNAL_TYPE_SALES, SAGE100_TABLES as T } from './schema';
import type { Sage100Settings } from './settings';

export interface ThirdParty {
	code: string;
	name: string;
	/** CT_Type: 0 customer, 1 supplier… */
	type: number;
	/** CG_NumPrinc: the collective account entries for this customer are posted to. */
	account: string;
	/** The other columns Ledger Bridge writes, as Sage has them, to tell what an update would change. */
	columns: Record<string, string>;
}

export interface GeneralAccount {
	code: string;
	name: string;
	/** N_Devise: the P_DEVISE index of the account's currency, 0 when it has none. */
	currency: number;
}

export interface VatCode {
	code: string;
	rate: string;
	/** The VAT account (F_TAXE.CG_Num) the tax is posted to. */
	account: string;
}

export interface Sage100Reference {
	/** Keyed by code in upper case, as Sage compares codes. */
	thirdParties: Map<string, ThirdParty>;
	generalAccounts: Map<string, GeneralAccount>;
	vatCodes: Map<string, VatCode>;
	journals: Map<string, { code: string; name: string; type: number }>;
	/** The configured analytic plan, when the company has it. */
	plan?: { number: number; name: string };
	/** The plan's analysis level new sections get, when one is configured and found. */
	level?: { number: number; name: string };
	/** The configured plan's sections (projects). */
	sections: Map<string, { code: string; name: string }>;
	/** By ISO code: the P_DEVISE index (N_Devise). */
	currencies: Map<string, { index: number; name: string }>;
}

/** The columns of F_COMPTET a customer record writes, in one list the reads and writes share. */
export const CUSTOMER_COLUMNS = ['CT_Adresse', 'CT_Complement', 'CT_CodePostal', 'CT_Ville', 'CT_Pays', 'CT_Contact', 'CT_Telephone', 'CT_EMail', 'CT_Identifiant'] as const;

type Row = Record<string, unknown>;
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());
const key = (value: unknown) => text(value).toUpperCase();

/** Seven or eight queries, whatever the number of documents. */
export async function loadSage100Reference(connection: SageConnection, settings: Pick<Sage100Settings, 'analyticPlan' | 'analysisLevel'>): Promise<Sage100Reference> {
	const thirdParties = new Map<string, ThirdParty>();
	for (const row of await connection.query<Row>(`SELECT CT_Num, CT_Intitule, CT_Type, CG_NumPrinc, ${CUSTOMER_COLUMNS.join(', ')} FROM ${T.thirdParties}`)) {
		thirdParties.set(key(row.CT_Num), {
			code: text(row.CT_Num),
			name: text(row.CT_Intitule),
			type: Number(row.CT_Type ?? 0),
			account: text(row.CG_NumPrinc),
			columns: Object.fromEntries(CUSTOMER_COLUMNS.map((column) => [column, text(row[column])])),
		});
	}
	const generalAccounts = new Map<string, GeneralAccount>();
	for (const row of await connection.query<Row>(`SELECT CG_Num, CG_Intitule, N_Devise FROM ${T.generalAccounts}`)) {
		generalAccounts.set(key(row.CG_Num), { code: text(row.CG_Num), name: text(row.CG_Intitule), currency: Number(row.N_Devise ?? 0) });
	}
	const vatCodes = new Map<string, VatCode>();
	for (const row of await connection.query<Row>(`SELECT TA_Code, TA_Taux, CG_Num FROM ${T.vatCodes}`)) {
		vatCodes.set(key(row.TA_Code), { code: text(row.TA_Code), rate: text(row.TA_Taux), account: text(row.CG_Num) });
	}
	const journals = new Map<string, { code: string; name: string; type: number }>();
	for (const row of await connection.query<Row>(`SELECT JO_Num, JO_Intitule, JO_Type FROM ${T.journals}`)) {
		journals.set(key(row.JO_Num), { code: text(row.JO_Num), name: text(row.JO_Intitule), type: Number(row.JO_Type ?? -1) });
	}
	const [planRow] = await connection.query<Row>(`SELECT cbIndice, A_Intitule FROM ${T.analyticPlans} WHERE UPPER(A_Intitule) = ?`, [settings.analyticPlan.trim().toUpperCase()]);
	const plan = planRow ? { number: Number(planRow.cbIndice), name: text(planRow.A_Intitule) } : undefined;
	const sections = new Map<string, { code: string; name: string }>();
	let level: Sage100Reference['level'];
	if (plan) {
		for (const row of await connection.query<Row>(`SELECT CA_Num, CA_Intitule FROM ${T.sections} WHERE N_Analytique = ?`, [plan.number])) {
			sections.set(key(row.CA_Num), { code: text(row.CA_Num), name: text(row.CA_Intitule) });
		}
		if (settings.analysisLevel?.trim()) {
			const [levelRow] = await connection.query<Row>(`SELECT A_Niveau, A_Intitule FROM ${T.analysisLevels} WHERE N_Analytique = ? AND UPPER(A_Intitule) = ?`, [
				plan.number,
				settings.analysisLevel.trim().toUpperCase(),
			]);
			if (levelRow) level = { number: Number(levelRow.A_Niveau), name: text(levelRow.A_Intitule) };
		}
	}
	const currencies = new Map<string, { index: number; name: string }>();
	// Sage keeps a fixed list of currency slots; the unused ones have no ISO code.
	for (const row of await connection.query<Row>(`SELECT cbIndice, D_Intitule, D_CodeISO FROM ${T.currencies}`)) {
		if (key(row.D_CodeISO)) currencies.set(key(row.D_CodeISO), { index: Number(row.cbIndice), name: text(row.D_Intitule) });
	}
	return { thirdParties, generalAccounts, vatCodes, journals, plan, level, sections, currencies };
}

/**
 * The settings must name what the company has, or every invoice would be refused one by one:
 * the run stops before anything is written, naming where in Sage to look (seed 002: Structure
 * > Codes journaux; File > Company parameters > Analytical > Analytical plan).
 */
export function checkSage100Settings(reference: Sage100Reference, settings: Sage100Settings, needs: { journal: boolean; customerAccount: boolean }): void {
	const problems: string[] = [];
	if (needs.journal) {
		const journal = reference.journals.get(settings.salesJournal.trim().toUpperCase());
		if (!journal) {
			problems.push(`the sales journal ${settings.salesJournal} does not exist in Sage (Structure > Codes journaux; the seed's default is VTE)`);
		} else if (journal.type !== JOURNAL_TYPE_SALES) {
			problems.push(`journal ${journal.code} (${journal.name}) is a ${JOURNAL_TYPE_NAMES[journal.type] ?? `type ${journal.type}`} journal, not a sales journal`);
		}
	}
	if (!reference.plan) {
		problems.push(`the analytic plan ${settings.analyticPlan} does not exist in Sage (File > Company parameters > Analytical > Analytical plan)`);
	} else if (settings.analysisLevel?.trim() && !reference.level) {
		problems.push(`the analytic plan ${reference.plan.name} has no analysis level "${settings.analysisLevel}"`);
	}
	if (needs.customerAccount && !reference.generalAccounts.has(settings.customerAccount.trim().toUpperCase())) {
		problems.push(`the collective account for new customers, ${settings.customerAccount}, is not a general account in Sage`);
	}
	if (problems.length > 0) {
		throw new SageSettingsError(`${capitalise(problems.join('; '))}. Correct the Sage ODBC credential or the node's options; nothing was written to Sage.`);
	}
}

/** What the Look Up operation and the option lists show for a Sage 100 company. */
export type Sage100LookupKind = 'customers' | 'suppliers' | 'nominalAccounts' | 'taxCodes' | 'departments' | 'journals' | 'projects';

export async function lookUpSage100(
	connection: SageConnection,
	kind: Sage100LookupKind,
	analyticPlan: string,
): Promise<Array<{ code: string; name: string }>> {
	const rows = async (sql: string, parameters: Array<string | number> = []) =>
		(await connection.query<Row>(sql, parameters)).map((row) => ({ code: text(row.CODE), name: text(row.NAME) }));
	switch (kind) {
		case 'customers':
		case 'suppliers':
			return await rows(`SELECT CT_Num AS CODE, CT_Intitule AS NAME FROM ${T.thirdParties} WHERE CT_Type = ? ORDER BY CT_Num`, [kind === 'customers' ? 0 : 1]);
		case 'nominalAccounts':
			return await rows(`SELECT CG_Num AS CODE, CG_Intitule AS NAME FROM ${T.generalAccounts} ORDER BY CG_Num`);
		case 'taxCodes':
			return await rows(`SELECT TA_Code AS CODE, TA_Intitule AS NAME FROM ${T.vatCodes} ORDER BY TA_Code`);
		case 'journals':
			return await rows(`SELECT JO_Num AS CODE, JO_Intitule AS NAME FROM ${T.journals} ORDER BY JO_Num`);
		case 'projects':
			return await rows(
				`SELECT CA_Num AS CODE, CA_Intitule AS NAME FROM ${T.sections} WHERE N_Analytique IN (SELECT cbIndice FROM ${T.analyticPlans} WHERE UPPER(A_Intitule) = ?) ORDER BY CA_Num`,
				[analyticPlan.trim().toUpperCase()],
			);
		case 'departments':
			// Sage 100 has no departments: analytic plans play that part.
			return [];
	}
}

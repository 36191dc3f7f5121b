/**
 * What a Sage 100 run needs to know about the company, as the platform's own Sage connector
 * asks for it (seed 002): the company file, the period start, the sales journal, the analytic
 * plan for projects and its analysis level. The first group comes from the Sage ODBC
 * credential; the rest are the Sage Import node's options.
 */
import { isCalendarDate } from '../../model/validate';
import { SageSettingsError } from '../../odbc/errors';

/**
 * When a revenue account must carry a currency (F_COMPTEG.N_Devise). The seed lists "the
 * sales account has no associated currency" as an error without saying when Sage or the
 * connector raises it, so the rule is a choice:
 * - foreignCurrency: an invoice in another currency than the company's needs revenue
 *   accounts set up for that currency (Sage only keeps a foreign amount on such an account);
 * - always: every revenue account used needs a currency, as the platform's connector seems to
 *   demand;
 * - never: no check.
 */
export type SalesAccountCurrencyRule = 'foreignCurrency' | 'always' | 'never';

export interface Sage100Settings {
	/** The company's .mae file, for messages and the connection (reference §3: `.Name = "…\BIJOU.MAE"`). */
	companyFile: string;
	/** YYYY-MM-DD; invoices dated before it are skipped and reported. */
	periodStart?: string;
	/** F_JOURNAUX.JO_Num of the sales journal (seed: VTE). */
	salesJournal: string;
	/** P_ANALYTIQUE.A_Intitule of the plan projects are sections of (seed: PROJET). */
	analyticPlan: string;
	/** The plan's analysis level new sections get (seed: "Production cost"); none when blank. */
	analysisLevel?: string;
	/** F_COMPTET.CG_NumPrinc of customers the run creates (the customers' collective account). */
	customerAccount: string;
	/** The currency the company keeps its books in (Sage 100 France: EUR). */
	companyCurrency: string;
	salesAccountCurrency: SalesAccountCurrencyRule;
	/** Overwrite name, address and identifiers of customers Sage already has. */
	updateExistingCustomers: boolean;
	/** Invoices per run; 0 = no limit. */
	maxDocuments: number;
}

export const DEFAULT_SAGE100_SETTINGS: Omit<Sage100Settings, 'companyFile'> = {
	salesJournal: 'VTE',
	analyticPlan: 'PROJET',
	customerAccount: '411000',
	companyCurrency: 'EUR',
	salesAccountCurrency: 'foreignCurrency',
	updateExistingCustomers: false,
	maxDocuments: 0,
};

/**
 * "2026-01-01", or what n8n's date picker stores ("2026-01-01T00:00:00"), as YYYY-MM-DD;
 * undefined when blank. A date that is not a date stops the run: skipping invoices against
 * a misread date would lose them silently.
 */
export function periodStartFrom(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	const date = text.slice(0, 10);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isCalendarDate(date) || (text.length > 10 && !/^[T ]/.test(text.slice(10)))) {
		throw new SageSettingsError(`The period start "${text}" in the Sage ODBC credential is not a date; write it as YYYY-MM-DD, e.g. 2026-01-01. Nothing was sent to Sage.`);
	}
	return date;
}

/**
 * The seed's most common set-up mistake: the folder copied without the file name. Sage 100
 * opens a company by its .mae file (reference §3), so a path without it is refused here.
 */
export function checkCompanyFile(companyFile: string): void {
	const file = companyFile.trim();
	if (!file) throw new SageSettingsError('Set the company file in the Sage ODBC credential: the full path to the .mae file, e.g. C:\\Sage\\Societes\\BIJOU.mae.');
	if (!/\.mae$/i.test(file)) {
		throw new SageSettingsError(
			`The company file "${file}" does not end in .mae: give the full path including the file name and its extension, e.g. ${file.replace(/[\\/]+$/, '')}${file.includes('/') ? '/' : '\\'}BIJOU.mae. Nothing was sent to Sage.`,
		);
	}
}

/** The file name alone ("BIJOU.mae"), for messages and the run summary. */
export function companyName(companyFile: string): string {
	return companyFile.split(/[\\/]/).pop() ?? companyFile;
}

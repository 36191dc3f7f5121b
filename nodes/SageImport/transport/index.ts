import type { IDataObject } from 'n8n-workflow';

import { lookUpSage100, type Sage100LookupKind } from '../../../lib/targets/sage100/reference';
import { DEFAULT_SAGE100_SETTINGS, periodStartFrom, type SalesAccountCurrencyRule, type Sage100Settings } from '../../../lib/targets/sage100/settings';
import type { SageConnection, SageConnectionSettings } from '../../../lib/odbc/connection';
import { lookUp } from '../../../lib/odbc/lookups';

export const SAGE_CREDENTIAL = 'sageOdbcApi';

/** The Sage ODBC API credential as connection settings; a blank password stays blank (Sage's default). */
export function settingsFrom(data: IDataObject): SageConnectionSettings {
	const edition = (data.edition as SageConnectionSettings['edition']) ?? 'sage50uk';
	if (edition === 'sage100fr') {
		return {
			connection: String(data.connection ?? ''),
			// Sage 100's built-in user, angle brackets included (reference §3, seed 002).
			user: data.sage100User === undefined ? '<Administrateur>' : String(data.sage100User) || undefined,
			password: data.password ? String(data.password) : '',
			companyFile: data.companyFile ? String(data.companyFile).trim() : undefined,
			edition,
		};
	}
	return {
		connection: String(data.connection ?? ''),
		user: data.user ? String(data.user) : undefined,
		password: data.password ? String(data.password) : '',
		dataPath: data.dataPath ? String(data.dataPath) : undefined,
		edition,
	};
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback);

/**
 * A Sage 100 run's settings: the company's from the credential (company file, period start,
 * sales journal, analytic plan, analysis level), the run's from the node's options.
 */
export function sage100SettingsFrom(credential: IDataObject, options: IDataObject, maxDocuments: number): Sage100Settings {
	return {
		...DEFAULT_SAGE100_SETTINGS,
		companyFile: text(credential.companyFile, ''),
		periodStart: periodStartFrom(credential.periodStart),
		salesJournal: text(credential.salesJournal, DEFAULT_SAGE100_SETTINGS.salesJournal),
		analyticPlan: text(credential.analyticPlan, DEFAULT_SAGE100_SETTINGS.analyticPlan),
		analysisLevel: text(credential.analysisLevel, '') || undefined,
		customerAccount: text(options.customerAccount, DEFAULT_SAGE100_SETTINGS.customerAccount),
		companyCurrency: text(options.companyCurrency, DEFAULT_SAGE100_SETTINGS.companyCurrency).toUpperCase(),
		salesAccountCurrency: (text(options.salesAccountCurrency, DEFAULT_SAGE100_SETTINGS.salesAccountCurrency) as SalesAccountCurrencyRule),
		updateExistingCustomers: options.updateExistingCustomers === true,
		maxDocuments,
	};
}

/** Sage's codes of one kind ("4000", "Sales - Design"), from whichever edition the credential is for. */
export async function sageCodes(connection: SageConnection, settings: SageConnectionSettings, credential: IDataObject, kind: Sage100LookupKind): Promise<Array<{ code: string; name: string }>> {
	if (settings.edition === 'sage100fr') return await lookUpSage100(connection, kind, text(credential.analyticPlan, DEFAULT_SAGE100_SETTINGS.analyticPlan));
	// Journals and projects are Sage 100's; Sage 50 keeps neither in a table the node reads.
	if (kind === 'journals' || kind === 'projects') return [];
	return await lookUp(connection, settings.edition, kind);
}

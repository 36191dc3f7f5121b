import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { connect } from '../../../lib/odbc/connection';
import { checkSage100Settings, loadSage100Reference } from '../../../lib/targets/sage100/reference';
import { checkCompanyFile, companyName } from '../../../lib/targets/sage100/settings';
import { sage100SettingsFrom, settingsFrom } from '../transport';

/** The credential's Test button: a real connection, and for Sage 100 the journal and analytic plan the seed asks for. */
export async function sageConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	try {
		const data = credential.data as IDataObject;
		const settings = settingsFrom(data);
		if (settings.edition === 'sage100fr') checkCompanyFile(settings.companyFile ?? '');
		const connection = await connect(settings);
		try {
			if (settings.edition !== 'sage100fr') return { status: 'OK', message: 'Connected to the Sage company' };
			// The journal and plan are the seed's own checklist (Structure > log code, Analytical plan).
			const sage100 = sage100SettingsFrom(data, {}, 0);
			checkSage100Settings(await loadSage100Reference(connection, sage100), sage100, { journal: true, customerAccount: false });
			return { status: 'OK', message: `Connected to ${companyName(sage100.companyFile)}: journal ${sage100.salesJournal} and analytic plan ${sage100.analyticPlan} found` };
		} finally {
			await connection.close();
		}
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}

import type { IDataObject } from 'n8n-workflow';

import type { SageConnectionSettings } from '../../../lib/targets/sageOdbc/connection';

export const SAGE_CREDENTIAL = 'sageOdbcApi';

/** The Sage ODBC API credential as connection settings; a blank password stays blank (Sage's default). */
export function settingsFrom(data: IDataObject): SageConnectionSettings {
	return {
		connection: String(data.connection ?? ''),
		user: data.user ? String(data.user) : undefined,
		password: data.password ? String(data.password) : '',
		dataPath: data.dataPath ? String(data.dataPath) : undefined,
		edition: (data.edition as SageConnectionSettings['edition']) ?? 'sage50uk',
	};
}

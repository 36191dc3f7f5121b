import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { ManageClient, type ManageClientOptions } from '../../lib/sources/connectwise/transport/client';
import type { ManageSettings, ManageSite } from '../../lib/sources/connectwise/transport/settings';
import { n8nSend } from '../shared/httpSend';
import { progressReporter } from '../shared/progress';

export const CREDENTIAL = 'connectWiseManageApi';

export function manageSettings(credentials: ICredentialDataDecryptedObject): ManageSettings {
	const text = (name: string) => String(credentials[name] ?? '').trim();
	return {
		site: (text('site') || 'api-na') as ManageSite,
		host: text('host') || undefined,
		companyId: text('companyId'),
		publicKey: text('publicKey'),
		privateKey: text('privateKey'),
		clientId: text('clientId'),
		apiVersion: text('apiVersion') || undefined,
		impersonateMember: text('impersonateMember') || undefined,
	};
}

export async function manageClient(context: IExecuteFunctions | ILoadOptionsFunctions, options: Partial<ManageClientOptions> = {}): Promise<ManageClient> {
	const credentials = await context.getCredentials(CREDENTIAL);
	return new ManageClient({ settings: manageSettings(credentials), send: n8nSend(context), onEvent: progressReporter(context, 'ConnectWise Manage'), ...options });
}

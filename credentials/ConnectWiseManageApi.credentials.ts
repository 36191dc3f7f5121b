import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * ConnectWise Manage API member keys (reference connectwise-manage.md §1): Basic
 * `companyId+publicKey:privateKey`, the integration's clientId header on every call, the
 * API version in the Accept header. The site's codebase is found through
 * /login/companyinfo/{companyId}. The ConnectWise Manage node tests it with a real call.
 */
export class ConnectWiseManageApi implements ICredentialType {
	name = 'connectWiseManageApi';

	displayName = 'ConnectWise Manage API';

	icon = 'file:connectWise.svg' as const;

	documentationUrl = 'https://github.com/ledger-bridge/n8n-nodes-ledger-bridge/blob/main/README.md#connectwise-manage';

	properties: INodeProperties[] = [
		{
			displayName: 'Site',
			name: 'site',
			type: 'options',
			options: [
				{ name: 'Cloud — Asia Pacific (api-au.myconnectwise.net)', value: 'api-au' },
				{ name: 'Cloud — Europe (api-eu.myconnectwise.net)', value: 'api-eu' },
				{ name: 'Cloud — North America (api-na.myconnectwise.net)', value: 'api-na' },
				{ name: 'On-Premise or Custom URL', value: 'custom' },
			],
			default: 'api-na',
			description: 'Cloud sites must use their api- host; Manage answers "SSL is required" otherwise',
		},
		{
			displayName: 'Host or Base URL',
			name: 'host',
			type: 'string',
			default: '',
			placeholder: 'https://manage.example.com',
			displayOptions: { show: { site: ['custom'] } },
			description: 'Your on-premise Manage server, or the Ledger Bridge emulator (e.g. http://127.0.0.1:5701)',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			required: true,
			description: 'The company you log in to Manage with',
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Of an API Member (System → Members → API Members → API Keys)',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: "Your integration's clientId from developer.connectwise.com; Manage requires it on every call",
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '2025.1',
			description: 'Sent in the Accept header. The accounting models used here are those of 2025.1.',
		},
		{
			displayName: 'Impersonate Member',
			name: 'impersonateMember',
			type: 'string',
			default: '',
			placeholder: 'jdoe',
			description: 'Optional: act as this member (their security roles apply), through member tokens',
		},
	];
}

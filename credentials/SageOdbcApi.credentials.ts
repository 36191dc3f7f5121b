import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * How n8n reaches a Sage company over ODBC. Nothing here is sent over HTTP: the Sage Import
 * node tests it by opening a real connection (methods.credentialTest).
 */
export class SageOdbcApi implements ICredentialType {
	name = 'sageOdbcApi';

	displayName = 'Sage ODBC API';

	icon = 'file:sageOdbc.svg' as const;

	documentationUrl = 'https://github.com/ledger-bridge/n8n-nodes-ledger-bridge/blob/main/README.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Edition',
			name: 'edition',
			type: 'options',
			options: [
				{ name: 'Sage 50 Accounts (UK)', value: 'sage50uk' },
				{ name: 'Sage 50 (US)', value: 'sage50us' },
				{ name: 'Generic ODBC (Writable)', value: 'generic' },
			],
			default: 'sage50uk',
			description:
				"Sage 50's ODBC drivers are read-only: for those editions posting writes Sage's own import files. A writable ODBC source is posted to directly.",
		},
		{
			displayName: 'DSN or Connection String',
			name: 'connection',
			type: 'string',
			default: 'SageLine50v29',
			required: true,
			placeholder: 'SageLine50v29 or Driver={Sage Line 50 v29}',
			description: 'The ODBC data source name set up by Sage, or a whole connection string',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: 'MANAGER',
			description: "Sage's default user is MANAGER. Use one that is not logged in to Sage while n8n connects.",
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: "Leave blank when the Sage user has no password (Sage's default)",
		},
		{
			displayName: 'Company Data Path',
			name: 'dataPath',
			type: 'string',
			default: '',
			placeholder: 'C:\\ProgramData\\Sage\\Accounts\\2024\\Company.000\\ACCDATA',
			description: 'The company\'s ACCDATA folder (sent as DIR=). A local path, not a network drive: the driver follows Sage\'s own settings to the network copy.',
		},
	];
}

import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Where the posting journal lives when n8n runs in queue mode or on several machines: a
 * PostgreSQL database every main and worker process reaches (it may be the one n8n itself
 * uses). The posting nodes test it by connecting and creating the journal's tables.
 */
export class LedgerBridgeJournalApi implements ICredentialType {
	name = 'ledgerBridgeJournalApi';

	displayName = 'Ledger Bridge Journal (PostgreSQL) API';

	icon = 'file:journal.svg' as const;

	documentationUrl = 'https://github.com/ledger-bridge/n8n-nodes-ledger-bridge/blob/main/README.md#the-posting-journal';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			required: true,
			description: 'The PostgreSQL server every n8n process (main and workers) can reach; it may be the one n8n stores its own data in',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 5432,
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: 'n8n',
			required: true,
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Schema',
			name: 'schema',
			type: 'string',
			default: 'ledger_bridge',
			description: "The journal's tables go in this schema of their own (created on first use), apart from n8n's tables",
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			options: [
				{ name: 'Disable', value: 'disable' },
				{ name: 'Require (Do Not Check the Certificate)', value: 'require' },
				{ name: 'Require and Verify the Certificate', value: 'verify' },
			],
			default: 'disable',
		},
	];
}

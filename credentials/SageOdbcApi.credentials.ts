import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * How n8n reaches a Sage company over ODBC. Nothing here is sent over HTTP: the Sage Import
 * node tests it by opening a real connection (methods.credentialTest).
 */
export class SageOdbcApi implements ICredentialType {
	name = 'sageOdbcApi';

	displayName = 'Sage ODBC API';

	icon = 'file:sageOdbc.svg' as const;

	documentationUrl = 'https://github.com/ledger-bridge/n8n-nodes-ledger-bridge/blob/main/README.md#sage-import';

	properties: INodeProperties[] = [
		{
			displayName: 'Edition',
			name: 'edition',
			type: 'options',
			options: [
				{ name: 'Sage 50 Accounts (UK)', value: 'sage50uk' },
				{ name: 'Sage 50 (US)', value: 'sage50us' },
				{ name: 'Sage 100 Comptabilité (France)', value: 'sage100fr' },
				{ name: 'Generic ODBC (Writable)', value: 'generic' },
			],
			default: 'sage50uk',
			description:
				"Sage 50's ODBC drivers are read-only: for those editions posting writes Sage's own import files. Sage 100 (SQL edition) and a writable ODBC source are posted to directly.",
		},
		{
			displayName: 'DSN or Connection String',
			name: 'connection',
			type: 'string',
			default: 'SageLine50v29',
			required: true,
			placeholder: 'SageLine50v29 or Driver={Sage Line 50 v29}',
			description: "The ODBC data source name set up by Sage (Sage 100: the DSN of the company's SQL database), or a whole connection string",
		},
		{
			displayName: 'Company File',
			name: 'companyFile',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'C:\\Sage\\Societes\\BIJOU.mae',
			displayOptions: { show: { edition: ['sage100fr'] } },
			description: "The full path to the company's .mae file, file name and extension included (sent as DBQ= unless the connection string names the database)",
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: 'MANAGER',
			displayOptions: { hide: { edition: ['sage100fr'] } },
			description: "Sage's default user is MANAGER. Use one that is not logged in to Sage while n8n connects.",
		},
		{
			displayName: 'User',
			name: 'sage100User',
			type: 'string',
			default: '<Administrateur>',
			displayOptions: { show: { edition: ['sage100fr'] } },
			description: "The Sage 100 user, angle brackets included: <Administrateur> unless your company has its own users",
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
			displayOptions: { hide: { edition: ['sage100fr'] } },
			description: 'The company\'s ACCDATA folder (sent as DIR=). A local path, not a network drive: the driver follows Sage\'s own settings to the network copy.',
		},
		{
			displayName: 'Period Start',
			name: 'periodStart',
			type: 'dateTime',
			default: '',
			displayOptions: { show: { edition: ['sage100fr'] } },
			description: 'Invoices dated before this day are skipped and reported, never posted (the first day of the period you keep in Sage)',
		},
		{
			displayName: 'Sales Journal',
			name: 'salesJournal',
			type: 'string',
			default: 'VTE',
			displayOptions: { show: { edition: ['sage100fr'] } },
			description: 'The code of the sales journal invoices are posted to (Structure > Codes journaux)',
		},
		{
			displayName: 'Analytic Plan for Projects',
			name: 'analyticPlan',
			type: 'string',
			default: 'PROJET',
			displayOptions: { show: { edition: ['sage100fr'] } },
			description: 'The analytic plan whose sections are the projects (File > Company parameters > Analytical > Analytical plan)',
		},
		{
			displayName: 'Analysis Level',
			name: 'analysisLevel',
			type: 'string',
			default: '',
			placeholder: 'Production cost',
			displayOptions: { show: { edition: ['sage100fr'] } },
			description: 'The analysis level of the plan that new project sections get; empty for none',
		},
		// Sage 50 US company settings for its journal import files: they belong to the company
		// (its tax accounts and agency), and here, unlike in the node, they can be shown for
		// Sage 50 US only.
		{
			displayName: 'Sales Tax G/L Account',
			name: 'usSalesTaxAccount',
			type: 'string',
			default: '',
			placeholder: '23100',
			displayOptions: { show: { edition: ['sage50us'] } },
			description: "The G/L account of the sales tax row of an invoice with tax, as in Sage's chart of accounts; without it such invoices are rejected",
		},
		{
			displayName: 'Sales Tax Agency ID',
			name: 'usSalesTaxAgencyId',
			type: 'string',
			default: '',
			displayOptions: { show: { edition: ['sage50us'] } },
			description: 'The Sales Tax Agency ID written on the sales tax row',
		},
		{
			displayName: 'Purchase Tax G/L Account',
			name: 'usPurchaseTaxAccount',
			type: 'string',
			default: '',
			displayOptions: { show: { edition: ['sage50us'] } },
			description: 'The G/L account of the tax row of a purchase with tax; without it such purchases are rejected',
		},
		{
			displayName: 'Amount Signs in Journal Files',
			name: 'usAmountSigns',
			type: 'options',
			options: [
				{
					name: 'Debit Positive, Credit Negative',
					value: 'debitPositive',
					description: "Sales lines negative, purchase lines positive, credit memos the other way round: the General Journal's documented rule",
				},
				{
					name: 'As on the Document',
					value: 'asDocument',
					description: 'Invoices and credit memos both positive; the Credit Memo column alone gives the direction',
				},
			],
			default: 'debitPositive',
			displayOptions: { show: { edition: ['sage50us'] } },
			description:
				'How amounts are signed in the Sales and Purchases Journal files. Sage documents the sign for its General Journal import only, so check one invoice and one credit memo in a test company before choosing.',
		},
	];
}

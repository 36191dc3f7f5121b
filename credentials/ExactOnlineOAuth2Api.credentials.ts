import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Exact Online over OAuth2 (authorization code). Each country has its own host with the
 * same paths (reference exact-online.md §1). The token request is form-encoded with the
 * client id and secret in the body and no Authorization header: Exact answers 401 to one.
 * The Exact Online node refreshes the ten-minute access token itself, before it expires,
 * and stores the one-time refresh token Exact returns each time (see the README).
 */
export class ExactOnlineOAuth2Api implements ICredentialType {
	name = 'exactOnlineOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Exact Online OAuth2 API';

	icon = 'file:exactOnline.svg' as const;

	documentationUrl = 'https://github.com/ledger-bridge/n8n-nodes-ledger-bridge/blob/main/README.md#exact-online';

	properties: INodeProperties[] = [
		{
			displayName: 'Country',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Belgium (start.exactonline.be)', value: 'be' },
				{ name: 'Custom Base URL', value: 'custom' },
				{ name: 'France (start.exactonline.fr)', value: 'fr' },
				{ name: 'Germany (start.exactonline.de)', value: 'de' },
				{ name: 'Netherlands (start.exactonline.nl)', value: 'nl' },
				{ name: 'Spain (start.exactonline.es)', value: 'es' },
				{ name: 'United Kingdom (start.exactonline.co.uk)', value: 'co.uk' },
				{ name: 'United States (start.exactonline.com)', value: 'com' },
			],
			default: 'nl',
			description: 'The Exact Online site the company is on: the host in the address bar when you log in',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://localhost:5700',
			description: 'For the Ledger Bridge Exact emulator or a proxy: the address that /api/v1 and /api/oauth2 hang off',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["region"] === "custom" ? $self["baseUrl"].replace(/\\/+$/, "") : "https://start.exactonline." + $self["region"]}}/api/oauth2/auth',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["region"] === "custom" ? $self["baseUrl"].replace(/\\/+$/, "") : "https://start.exactonline." + $self["region"]}}/api/oauth2/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}

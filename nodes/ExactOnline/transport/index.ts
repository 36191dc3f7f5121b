import {
	ApplicationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { ExactClient, type ExactClientOptions } from '../../../lib/targets/exactOnline/transport/client';
import { ExactApiError } from '../../../lib/targets/exactOnline/transport/errors';
import { n8nSend } from '../../shared/httpSend';
import { ExactAuthError, ExactTokenManager, type StoredTokens, type TokenStore } from '../../../lib/targets/exactOnline/transport/tokens';
import type { PostingJournal } from '../../../lib/posting/journal/types';
import { progressReporter } from '../../shared/progress';

export const CREDENTIAL = 'exactOnlineOAuth2Api';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** The address /api/v1 and /api/oauth2 hang off, for the credential's country or custom URL. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'nl');
	if (region === 'custom') return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	return `https://start.exactonline.${region}`;
}

/**
 * The credential's tokens, read back from n8n's credential store on every load (another
 * execution may have refreshed them) and saved there after every refresh, the way n8n's own
 * OAuth2 helper stores a refreshed token. `expiresAt` is ours: n8n keeps the raw token
 * response, which has only `expires_in`.
 */
function n8nTokenStore(context: Context, journal?: PostingJournal): TokenStore {
	const node = context.getNode();
	const nodeCredentials = node.credentials?.[CREDENTIAL];
	const additionalData = (context as unknown as { additionalData?: IWorkflowExecuteAdditionalData }).additionalData;
	const key = `${CREDENTIAL}:${nodeCredentials?.id ?? nodeCredentials?.name ?? node.name}`;
	return {
		key,
		// Across n8n workers sharing the credential: one refresh at a time, in the journal's database.
		...(journal ? { lock: <T>(work: () => Promise<T>) => journal.withLock(`token:${key}`, { ttlMs: 60_000, waitMs: 90_000 }, work) } : {}),
		async load(): Promise<StoredTokens> {
			const credentials = await context.getCredentials(CREDENTIAL);
			return storedTokens(credentials);
		},
		async save(tokens: StoredTokens): Promise<void> {
			const helper = additionalData?.credentialsHelper;
			if (!nodeCredentials || !additionalData || !helper?.updateCredentialsOauthTokenData) {
				throw new ApplicationError('This n8n cannot store the refreshed Exact Online token; reconnect the credential.');
			}
			const credentials = await context.getCredentials(CREDENTIAL);
			const previous = (credentials.oauthTokenData ?? {}) as IDataObject;
			const oauthTokenData: IDataObject = {
				...previous,
				access_token: tokens.accessToken,
				refresh_token: tokens.refreshToken,
				ledgerBridgeExpiresAt: tokens.expiresAt ?? null,
			};
			if (tokens.expiresAt !== undefined) oauthTokenData.expires_in = String(Math.max(0, Math.round((tokens.expiresAt - Date.now()) / 1000)));
			await helper.updateCredentialsOauthTokenData(nodeCredentials, CREDENTIAL, { ...credentials, oauthTokenData }, additionalData);
		},
	};
}

function storedTokens(credentials: ICredentialDataDecryptedObject): StoredTokens {
	const data = (credentials.oauthTokenData ?? {}) as IDataObject;
	if (!data.access_token && !data.refresh_token) {
		throw new ApplicationError('The Exact Online credential is not connected yet: open it and click "Connect my account".');
	}
	const expiresAt = typeof data.ledgerBridgeExpiresAt === 'number' ? data.ledgerBridgeExpiresAt : undefined;
	return { accessToken: String(data.access_token ?? ''), refreshToken: String(data.refresh_token ?? ''), expiresAt };
}

export async function exactClient(context: Context, division: string | number | undefined, options: Partial<ExactClientOptions> = {}, journal?: PostingJournal): Promise<ExactClient> {
	const credentials = await context.getCredentials(CREDENTIAL);
	const baseUrl = baseUrlOf(credentials);
	const send = n8nSend(context);
	const tokens = new ExactTokenManager({
		tokenUrl: `${baseUrl}/api/oauth2/token`,
		clientId: String(credentials.clientId ?? ''),
		clientSecret: String(credentials.clientSecret ?? ''),
		store: n8nTokenStore(context, journal),
		send,
	});
	const code = String(division ?? '').trim();
	if (code !== '' && !/^\d+$/.test(code)) {
		throw new ApplicationError(`Division "${code}" is not a division code: use the number from the Division list (e.g. 1234567), not the company name.`);
	}
	return new ExactClient({ baseUrl, division: code ? Number(code) : undefined, tokens, send, onEvent: progressReporter(context, 'Exact Online'), ...options });
}

/**
 * What to tell the user about an error, beyond Exact's own words. A 403 on a division is
 * nearly always the Code-vs-HID trap (seed 001, reference §1): the small number Exact's
 * company list shows under "Code" is not the division code the API takes.
 */
export function errorDescription(error: unknown, division: string | number | undefined): string | undefined {
	if (error instanceof ExactAuthError) {
		return 'Open the Exact Online credential and reconnect it. Documents posted before this error are skipped as duplicates on the next run.';
	}
	if (error instanceof ExactApiError) {
		if (error.kind === 'forbidden' && String(division ?? '').trim() !== '') {
			return `The connected user has no access to division ${String(division).trim()}. Pick the division from the list: its code is the large number (e.g. 1234567), not the small number Exact's company list shows under "Code" (that is the HID).`;
		}
		return 'Nothing is posted twice: run again once Exact Online answers; documents it already holds are skipped.';
	}
	return undefined;
}

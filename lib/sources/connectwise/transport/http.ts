/**
 * The one place a ConnectWise Manage request leaves the process. It reuses the shared sender's
 * shapes (lib/http/send.ts) so the n8n node can plug in the same kind of sender over n8n's http
 * helper, and adds the one thing Manage needs that Exact
 * does not: PATCH (Manage updates records with JSON Patch, reference connectwise-manage.md §3).
 */
import { createFetchSend, type HttpRequest, type HttpResponse, type HttpSend } from '../../../http/send';

export { HttpNetworkError, networkErrorCode, nothingWasSent } from '../../../http/send';
export type { HttpRequest, HttpResponse, HttpSend } from '../../../http/send';

export type ManageHttpMethod = HttpRequest['method'] | 'PATCH';

export interface ManageHttpRequest extends Omit<HttpRequest, 'method'> {
	method: ManageHttpMethod;
}

/** Like HttpSend, but typed for PATCH too. */
export type ManageHttpSend = (request: ManageHttpRequest) => Promise<HttpResponse>;

/**
 * What the client accepts: a Manage-typed sender, or an HttpSend written for the Exact client.
 * Every sender in this repository hands `method` through as it is (fetch, n8n's httpRequest), so
 * an HttpSend carries a PATCH even though its type does not list it.
 */
export type AnyHttpSend = ManageHttpSend | HttpSend;

export interface ManageFetchSendOptions {
	/** Give up on an answer after this long; a POST that times out has an unknown outcome. */
	timeoutMs?: number;
}

/**
 * A sender over Node 20's global fetch that does NOT follow redirects. fetch turns a POST that
 * meets a 301/302 into a GET, which would answer a batch POST with a list and look like success;
 * ConnectWise cloud redirects non-`api-` hosts (reference §1; ConnectWiseManageAPI #70/#81, POSTs
 * through redirects fail). The client reports a 3xx instead, naming the host to use.
 */
export function createManageFetchSend(options: ManageFetchSendOptions = {}): ManageHttpSend {
	return createFetchSend<ManageHttpRequest>({ ...options, redirect: 'manual' });
}

export const manageFetchSend: ManageHttpSend = createManageFetchSend();

/**
 * A local HTTP server whose every answer the test writes: the transport tests of both API
 * clients use it to play the service misbehaving (a 429, a 5xx, an HTML page, a dropped
 * connection). Every request is kept, and the servers a test started are closed after it.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** An answer, or 'drop': the connection is destroyed unanswered. */
export type ScriptedReply = { status?: number; headers?: Record<string, string>; body?: string | object | null } | 'drop';

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map((close) => close()));
});

/** Starts a server on 127.0.0.1; `answer` gets each request in order and says what to reply. */
export async function startScriptedServer(answer: (request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>): Promise<{ url: string; port: number; close: () => Promise<void> }> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request: ScriptedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			void Promise.resolve(answer(request)).then((reply) => {
				if (reply === 'drop') {
					req.socket.destroy();
					return;
				}
				const text = typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
				res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
				res.end(text);
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const close = () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	servers.push(close);
	return { url: `http://127.0.0.1:${port}`, port, close };
}

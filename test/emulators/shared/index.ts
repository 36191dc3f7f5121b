/**
 * What the two emulators (test/emulators/connectwise, test/emulators/exactOnline) have in common:
 * answering JSON and text, reading a body, losing an answer on purpose, listening and closing,
 * counting logged requests, and the command line's stop. Each emulator keeps only what is
 * particular to its service: routes, rules, faults and their messages.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	if (body === undefined) {
		response.writeHead(status, { ...headers, 'Content-Length': '0' });
		response.end();
		return;
	}
	const text = JSON.stringify(body);
	response.writeHead(status, {
		...headers,
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(text)),
	});
	response.end(text);
}

export function sendText(response: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
	response.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) });
	response.end(body);
}

export async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * A dropped connection. Before processing, nothing happened and the client hears nothing; after
 * processing, the call is carried out (the batch, payment or entry exists) and only its answer
 * is lost, the fault that makes an outcome unknown. Returns true when the call ends here.
 */
export function dropConnection(request: IncomingMessage, response: ServerResponse, afterProcessing: boolean): boolean {
	if (afterProcessing) {
		response.writeHead = (() => response) as unknown as typeof response.writeHead;
		response.end = (() => {
			request.socket.destroy();
			return response;
		}) as unknown as typeof response.end;
		return false;
	}
	request.socket.destroy();
	return true;
}

/** Listens on `host` (127.0.0.1 by default); resolves to the URL clients use and a close() that also ends kept-alive connections. */
export async function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<{ url: string; close: () => Promise<void> }> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	return {
		url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${address.port}`,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}

export interface LoggedRequest {
	method: string;
	path: string;
	status: number;
}

/** How many logged requests match, e.g. countRequests(log, { method: 'POST', path: /SalesEntries$/ }). */
export function countRequests(requests: readonly LoggedRequest[], filter: { method?: string; path?: string | RegExp; status?: number } = {}): number {
	return requests.filter(
		(request) =>
			(filter.method === undefined || request.method === filter.method.toUpperCase()) &&
			(filter.status === undefined || request.status === filter.status) &&
			(filter.path === undefined || (typeof filter.path === 'string' ? request.path.includes(filter.path) : filter.path.test(request.path))),
	).length;
}

/** The command line: prints what the emulator offers, then runs until Ctrl-C or a SIGTERM closes it. */
export function runUntilStopped(emulator: { close: () => Promise<void> }, lines: readonly string[]): void {
	process.stdout.write(`${lines.join('\n')}\n`);
	const stop = (): void => {
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

/** The command line's last word on a failure to start: the reason, exit code 1. */
export function exitOnFailure(error: unknown): void {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
}

/**
 * An emulator's HTTP server: each request goes to `route`. A bug in the emulator itself is
 * answered 500 with its message (`emulatorError` shapes it as the service's error body) so the
 * failing test shows it, or drops the connection when the answer had already begun.
 */
export function routedServer<P>(route: (request: IncomingMessage, response: ServerResponse, parts: P) => Promise<void>, parts: P, emulatorError: (response: ServerResponse, message: string) => void): Server {
	return createServer((request, response) => {
		route(request, response, parts).catch((error: unknown) => {
			if (response.headersSent) {
				response.destroy();
				return;
			}
			emulatorError(response, `Emulator error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		});
	});
}

/** The value after `--name` on the command line. */
export function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The number after `--name`, refused when it is not one. */
export function numberOption(name: string): number | undefined {
	const value = option(name);
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isFinite(number)) throw new Error(`--${name} expects a number, got '${value}'`);
	return number;
}

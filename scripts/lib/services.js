/**
 * The servers the queue-mode and journal tests need, started from Debian's own packages on
 * 127.0.0.1 only and stopped by whoever started them: a private PostgreSQL cluster (in a
 * temporary folder, password authentication over TCP) and a Redis without persistence.
 * Used by jest (test/) and by the e2e runner (scripts/).
 */
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const PG_BIN_CANDIDATES = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/14/bin'];

/** A TCP port nothing listens on right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function pgBin() {
	const dir = PG_BIN_CANDIDATES.find((candidate) => fs.existsSync(path.join(candidate, 'initdb')));
	if (!dir) throw new Error('PostgreSQL server binaries not found: apt-get install postgresql (the tests start a private cluster of their own)');
	return dir;
}

/** initdb refuses to run as root: as root, the cluster belongs to the postgres user. */
function asOwner(command, args, options = {}) {
	const root = process.getuid && process.getuid() === 0;
	const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
	const result = spawnSync(file, argv, { encoding: 'utf8', ...options });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
	return result.stdout;
}

/**
 * Starts a PostgreSQL cluster on a free port. Returns { host, port, user, password, stop(), createDatabase(name) }.
 */
async function startPostgres({ databases = [] } = {}) {
	const bin = pgBin();
	const root = process.getuid && process.getuid() === 0;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-pg-'));
	const data = path.join(dir, 'data');
	const passwordFile = path.join(dir, 'password');
	const password = 'ledger-bridge-test';
	fs.writeFileSync(passwordFile, password);
	if (root) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
	asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'ledger', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C']);
	const port = await freePort();
	asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
	const psql = (sql, database = 'postgres') =>
		asOwner(path.join(bin, 'psql'), ['-h', dir, '-p', String(port), '-U', 'ledger', '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql]);
	for (const name of databases) psql(`CREATE DATABASE "${name}"`);
	return {
		host: '127.0.0.1',
		port,
		user: 'ledger',
		password,
		dir,
		psql,
		createDatabase: (name) => psql(`CREATE DATABASE "${name}"`),
		stop() {
			try {
				asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} catch {
				// already gone
			}
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Starts redis-server on a free port; resolves once it answers PING. */
async function startRedis() {
	const port = await freePort();
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'ignore', 'inherit'] });
	const deadline = Date.now() + 20_000;
	for (;;) {
		const pong = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.on('connect', () => socket.write('PING\r\n'));
			socket.on('data', (data) => {
				socket.destroy();
				resolve(data.toString().includes('PONG'));
			});
			socket.on('error', () => resolve(false));
		});
		if (pong) break;
		if (child.exitCode !== null || Date.now() > deadline) throw new Error('redis-server did not start (apt-get install redis-server)');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		host: '127.0.0.1',
		port,
		stop: () => new Promise((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.on('exit', () => resolve());
			child.kill('SIGKILL');
		}),
	};
}

/** A caught e-mail with its folded, encoded-word (=?UTF-8?Q?…?=) headers and quoted-printable body made readable. */
function readableMail(raw) {
	const split = raw.indexOf('\r\n\r\n');
	// Encoded words side by side are one text (RFC 2047); folded header lines are one line.
	const headers = raw
		.slice(0, split)
		.replace(/\r\n[ \t]+/g, ' ')
		.replace(/\?=[ \t]+=\?/g, '?==?')
		.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, text) => Buffer.from(text, 'base64').toString('latin1'))
		.replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, text) => text.replace(/_/g, ' '));
	const body = raw.slice(split).replace(/=\r\n/g, '');
	const text = `${headers}${body}`.replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(text, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}

/**
 * A mail catcher on 127.0.0.1: enough SMTP (EHLO, MAIL, RCPT, DATA, QUIT; no TLS, no login) for
 * n8n's Send Email node to deliver to it, keeping each message as sent. `messages` holds
 * { from, to, data, text }: data the raw message (headers and MIME parts), text the same made readable.
 */
async function startSmtpCatcher() {
	const messages = [];
	const sockets = new Set();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		let buffer = '';
		let inData = false;
		let envelope = { from: '', to: [] };
		const reply = (line) => socket.write(`${line}\r\n`);
		reply('220 ledger-bridge-catcher ESMTP');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('latin1');
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					const data = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
					messages.push({ ...envelope, data, text: readableMail(data) });
					buffer = buffer.slice(end + 5);
					inData = false;
					envelope = { from: '', to: [] };
					reply('250 OK: queued');
					continue;
				}
				const end = buffer.indexOf('\r\n');
				if (end < 0) return;
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') reply('250 ledger-bridge-catcher');
				else if (verb === 'MAIL') (envelope.from = line.slice(10).trim(), reply('250 OK'));
				else if (verb === 'RCPT') (envelope.to.push(line.slice(8).trim()), reply('250 OK'));
				else if (verb === 'DATA') (inData = true, reply('354 End data with <CR><LF>.<CR><LF>'));
				else if (verb === 'QUIT') (reply('221 Bye'), socket.end());
				else reply('250 OK');
			}
		});
		socket.on('error', () => undefined);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: server.address().port,
		messages,
		// A sender that never said QUIT would keep close() waiting for ever.
		close: () => new Promise((resolve) => {
			server.close(() => resolve());
			for (const socket of sockets) socket.destroy();
		}),
	};
}

module.exports = { freePort, readableMail, startPostgres, startRedis, startSmtpCatcher };

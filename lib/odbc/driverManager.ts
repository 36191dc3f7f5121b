/**
 * The `odbc` module is an optional dependency: a native binding to the system's ODBC driver
 * manager (unixODBC on Linux and macOS, the one built into Windows). Without a compiler or the
 * unixODBC headers it does not build, and n8n installs community packages without running their
 * install scripts, so the package installs without it and every node that does not touch ODBC
 * works. It is loaded the first time a Sage node connects; when it cannot be, the node says
 * exactly what to install on the machine n8n runs on.
 */
import type odbc from 'odbc';

import { SageConnectionError } from './errors';

export type DriverManager = typeof odbc;

/** What to install, per system n8n runs on. */
export const INSTALL_ODBC = [
	'Debian/Ubuntu: apt-get install unixodbc unixodbc-dev g++ make python3',
	'RHEL/Fedora: dnf install unixODBC unixODBC-devel gcc-c++ make python3',
	"Alpine (n8n's Docker image, as root): apk add unixodbc unixodbc-dev g++ make python3",
	'macOS: brew install unixodbc',
	'Windows: nothing for the driver manager (built in); install the Sage ODBC driver',
].join('; ');

const REBUILD = 'then, in the folder n8n installed the package in (~/.n8n/nodes), run npm install odbc@2.6.0 and restart n8n';

export class OdbcUnavailableError extends SageConnectionError {
	readonly code = 'ODBC_NOT_INSTALLED';

	constructor(
		/** What is missing, in one sentence. */
		readonly summary: string,
		/** What to install, and where. */
		readonly fix: string,
	) {
		super(`${summary} ${fix}`);
	}
}

/** Why `require('odbc')` failed, in the words of someone who has to fix the machine. */
export function describeMissingOdbc(error: unknown): OdbcUnavailableError {
	const message = String((error as Error)?.message ?? error);
	const cause = /libodbc|cannot open shared object|Library not loaded|image not found/i.test(message)
		? 'the ODBC driver manager (unixODBC) is not installed on the machine n8n runs on'
		: /Cannot find module ['"]odbc['"]/.test(message)
			? 'the optional odbc module was not installed with the package (it builds against unixODBC, which was missing)'
			: /Cannot find module ['"][^'"]*bindings[^'"]*\.node['"]/.test(message)
				? 'the odbc module was installed without its native part (n8n installs community packages without running their build step)'
				: `the odbc module could not be loaded (${message.split('\n')[0]})`;
	return new OdbcUnavailableError(
		`ODBC_NOT_INSTALLED: the Sage nodes talk to Sage through ODBC, and ${cause}.`,
		`Install it — ${INSTALL_ODBC} — ${REBUILD}. Nothing was written.`,
	);
}

let loaded: DriverManager | undefined;

/** The driver manager, loaded once per process on first use. */
export function driverManager(): DriverManager {
	if (loaded) return loaded;
	try {
		const module = require('odbc') as DriverManager | { default: DriverManager };
		loaded = 'default' in module && module.default ? module.default : (module as DriverManager);
		return loaded;
	} catch (error) {
		throw describeMissingOdbc(error);
	}
}

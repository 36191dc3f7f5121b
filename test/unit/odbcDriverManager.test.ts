/**
 * The `odbc` module is optional: when it cannot be loaded, the Sage nodes say which of the three
 * real situations this is and what to install, for each system n8n runs on. The messages below
 * are the ones Node and node-pre-gyp give in each situation.
 */
import { describeMissingOdbc } from '../../lib/odbc/driverManager';

const situations: Array<[string, string, RegExp]> = [
	[
		'odbc left out at install (no compiler or unixODBC headers)',
		"Cannot find module 'odbc'\nRequire stack:\n- /home/node/.n8n/nodes/node_modules/n8n-nodes-ledger-bridge/dist/lib/targets/sageOdbc/driverManager.js",
		/optional odbc module was not installed/,
	],
	[
		'installed by n8n without install scripts',
		"Cannot find module '/home/node/.n8n/nodes/node_modules/odbc/lib/bindings/napi-v8/odbc.node'",
		/installed without its native part/,
	],
	['the driver manager missing at run time', 'libodbc.so.2: cannot open shared object file: No such file or directory', /ODBC driver manager \(unixODBC\) is not installed/],
	['macOS without unixODBC', 'dlopen(…/odbc.node, 0x0001): Library not loaded: /opt/homebrew/opt/unixodbc/lib/libodbc.2.dylib', /ODBC driver manager \(unixODBC\) is not installed/],
];

test.each(situations)('%s: a coded error naming the cause and what to install', (_situation, message, cause) => {
	const error = describeMissingOdbc(new Error(message));
	expect(error.code).toBe('ODBC_NOT_INSTALLED');
	expect(error.summary).toMatch(/^ODBC_NOT_INSTALLED: the Sage nodes talk to Sage through ODBC, and /);
	expect(error.summary).toMatch(cause);
	for (const system of ['Debian/Ubuntu: apt-get install unixodbc', 'RHEL/Fedora: dnf install unixODBC', "Alpine (n8n's Docker image, as root): apk add unixodbc", 'macOS: brew install unixodbc', 'Windows:']) {
		expect(error.fix).toContain(system);
	}
	expect(error.fix).toMatch(/npm install odbc@2\.6\.0 and restart n8n\. Nothing was written\.$/);
	expect(error.message).toBe(`${error.summary} ${error.fix}`);
});

test('something else going wrong while loading is passed on in its own words', () => {
	expect(describeMissingOdbc(new Error('Module did not self-register: odbc.node')).summary).toContain('could not be loaded (Module did not self-register: odbc.node)');
});

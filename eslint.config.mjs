import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

/**
 * `npm run lint` runs `n8n-node lint` (@n8n/node-cli), which runs this project's `eslint .`.
 * Ledger Bridge is self-hosted only (import folders, Opera/Sage 50 files, ODBC, SQLite/PostgreSQL
 * journal), so it uses configWithoutCloudSupport: n8n Cloud's no-restricted-imports and
 * no-restricted-globals are off. package.json keeps "n8n": { "strict": false }, because strict
 * mode accepts only the untouched default config.
 */
export default [
	// Same scope as the old .eslintrc.js: nodes/, credentials/, lib/ and package.json.
	// ESLint 9 does not read .gitignore (.sandbox/ alone holds ~280 .js files).
	{
		ignores: [
			'node_modules/**',
			'dist/**',
			'.sandbox/**',
			'test/**',
			'bench/**',
			'scripts/**',
			'workflows/**',
			'docs/**',
			'coverage/**',
			'**/*.js',
		],
	},
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// ajv, pg, dbffile and the optional odbc are real runtime needs of a self-hosted-only package.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['lib/**/*.ts'],
		rules: {
			// lib/ never imports n8n-workflow, so its typed errors cannot be n8n errors; the nodes wrap them.
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			// Syntactic: flags instanceof-narrowed re-throws and errors the node's outer catch already wraps.
			'@n8n/community-nodes/require-node-api-error': 'off',
			// Posting nodes must not be AI tools, and `usableAsTool: false` does not type-check (its --fix adds `true`).
			'@n8n/community-nodes/node-usable-as-tool': 'off',
		},
	},
	{
		files: ['lib/posting/journal/postgres.ts', 'lib/posting/journal/sqlite.ts', 'lib/odbc/driverManager.ts'],
		rules: {
			// pg, node:sqlite, n8n's own sqlite3 and the optional odbc are loaded lazily with require() on first use.
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
	{
		files: [
			'lib/profiles/text.ts',
			'lib/sources/connectwise/transport/conditions.ts',
			'lib/targets/sage50/values.ts',
		],
		rules: {
			// These regexes exist to find and strip control characters.
			'no-control-regex': 'off',
		},
	},
];

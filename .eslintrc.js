/**
 * n8n's own rule sets for community nodes (eslint-plugin-n8n-nodes-base): package.json,
 * node descriptions and credentials follow n8n's conventions.
 */
module.exports = {
	root: true,
	env: { node: true, es2022: true },
	parser: '@typescript-eslint/parser',
	parserOptions: { project: ['./tsconfig.json'], sourceType: 'module', extraFileExtensions: ['.json'] },
	ignorePatterns: ['dist/**', 'node_modules/**', '.eslintrc.js', '**/*.js', 'test/**', 'bench/**'],
	overrides: [
		{
			files: ['package.json'],
			plugins: ['eslint-plugin-n8n-nodes-base'],
			extends: ['plugin:n8n-nodes-base/community'],
			rules: { 'n8n-nodes-base/community-package-json-name-still-default': 'off' },
		},
		{
			files: ['./credentials/**/*.ts'],
			plugins: ['eslint-plugin-n8n-nodes-base'],
			extends: ['plugin:n8n-nodes-base/credentials'],
			rules: {
				// The rule expects a docs.n8n.io slug; a community package links its own README.
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			},
		},
		{
			files: ['./nodes/**/*.ts'],
			plugins: ['eslint-plugin-n8n-nodes-base'],
			extends: ['plugin:n8n-nodes-base/nodes'],
			rules: {
				// The rule predates multi-output nodes (n8n's own Compare Datasets and Text
				// Classifier have several); Ledger Mapping's Valid/Rejected outputs are the design.
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			},
		},
	],
};

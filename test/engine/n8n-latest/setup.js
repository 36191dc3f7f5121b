/**
 * Runs before each engine test file of the compatibility leg: fails it at once unless it
 * really gets the pinned n8n-core / n8n-workflow, resolved through this leg's resolver.
 */
const { N8N_CORE_VERSION, N8N_WORKFLOW_VERSION } = require('./paths');

const found = {
	'n8n-core': require('n8n-core/package.json').version,
	'n8n-workflow': require('n8n-workflow/package.json').version,
};
const expected = { 'n8n-core': N8N_CORE_VERSION, 'n8n-workflow': N8N_WORKFLOW_VERSION };
for (const [name, version] of Object.entries(expected)) {
	if (found[name] !== version) throw new Error(`The n8n-latest leg resolved ${name} ${found[name]}, not ${version}: check test/engine/n8n-latest/resolver.js`);
}

/**
 * Where the compatibility leg's n8n-core / n8n-workflow and Node.js live: pinned in this
 * folder's package.json (and in NODE_VERSION), installed once into the cache folder the e2e
 * suite's n8n uses too (scripts/lib/n8n.js), never into the repo.
 */
const os = require('node:os');
const path = require('node:path');

const manifest = require('./package.json');

/** The Node.js the leg runs on: n8n 2.41 needs Node 24. From the npm registry's node-<platform>-<arch> package. */
const NODE_VERSION = '24.22.3';
const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;

const CACHE_ROOT = process.env.LEDGER_BRIDGE_CACHE || path.join(os.homedir(), '.cache', 'ledger-bridge');
const N8N_CORE_VERSION = manifest.dependencies['n8n-core'];
const N8N_WORKFLOW_VERSION = manifest.dependencies['n8n-workflow'];
/** The folder n8n-core / n8n-workflow / @n8n/di are installed in (its node_modules). */
const HARNESS_CACHE = process.env.LEDGER_BRIDGE_N8N_LATEST || path.join(CACHE_ROOT, `n8n-core-${N8N_CORE_VERSION}`);
const NODE_CACHE = path.join(CACHE_ROOT, `node-${NODE_VERSION}`);
const NODE_BINARY = path.join(NODE_CACHE, 'node_modules', NODE_PACKAGE, 'bin', 'node');

/** The packages the harness and the nodes import, which this leg takes from HARNESS_CACHE instead of the repo's node_modules. */
const MAPPED = Object.keys(manifest.dependencies);

module.exports = {
	NODE_VERSION,
	NODE_PACKAGE,
	NODE_CACHE,
	NODE_BINARY,
	CACHE_ROOT,
	HARNESS_CACHE,
	N8N_CORE_VERSION,
	N8N_WORKFLOW_VERSION,
	MAPPED,
};

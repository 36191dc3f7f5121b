/**
 * The compatibility leg of the in-engine suite (scripts/engine-latest.js): the root config,
 * with n8n-core / n8n-workflow / @n8n/di taken from the newest n8n's copies in the cache.
 */
const path = require('node:path');

const base = require('../../../jest.config');

module.exports = {
	...base,
	rootDir: path.resolve(__dirname, '..', '..', '..'),
	resolver: path.join(__dirname, 'resolver.js'),
	setupFiles: [...(base.setupFiles ?? []), path.join(__dirname, 'setup.js')],
	// Its own transform cache: the same sources, compiled under another Node.js and resolved differently.
	cacheDirectory: path.join(require('./paths').HARNESS_CACHE, '.jest-cache'),
};

/**
 * Jest resolver of the compatibility leg: n8n-core, n8n-workflow and @n8n/di (and their
 * subpaths, e.g. n8n-workflow/package.json, honouring their "exports") come from the newest
 * n8n's copies in the cache, whoever asks: the harness, our nodes and lib, and n8n-core itself.
 * So there is one n8n-workflow in the run, and instanceof checks (NodeOperationError, …) hold.
 * Everything else resolves as usual.
 */
const { HARNESS_CACHE, MAPPED } = require('./paths');

function mappedPackage(request) {
	return MAPPED.find((name) => request === name || request.startsWith(`${name}/`));
}

module.exports = (request, options) => {
	if (mappedPackage(request)) return options.defaultResolver(request, { ...options, basedir: HARNESS_CACHE });
	return options.defaultResolver(request, options);
};

/** Unit tests of the domain modules and in-engine tests of the nodes (test/engine). */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// test/package runs against the packed, installed package: scripts/package-check.js starts it.
	testPathIgnorePatterns: process.env.LEDGER_BRIDGE_ENGINE_PACKAGE ? [] : ['/test/package/'],
	// n8n-core leaves a timer of its own running after an execution; nothing of ours stays open.
	forceExit: true,
	transform: { '^.+\\.ts$': 'ts-jest' },
};

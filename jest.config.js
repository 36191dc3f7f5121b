/** Unit tests of the domain modules and in-engine tests of the nodes (test/engine). */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// n8n-core leaves a timer of its own running after an execution; nothing of ours stays open.
	forceExit: true,
	transform: { '^.+\\.ts$': 'ts-jest' },
};

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { FAILURE_CODES } from '../lib/report/failureCodes';
import packageJson from '../package.json';

const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('the README a newcomer reads', () => {
	test('starts with the demo command and the test command that CI runs', () => {
		const ci = readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
		expect(readme).toContain('npm ci && npm run demo');
		expect(readme).toContain('npm ci && npm test');
		expect(ci).toMatch(/^npm ci && npm test$/m);
	});

	test('lists every failure code a user can meet, with its meaning', () => {
		for (const [code, { meaning }] of Object.entries(FAILURE_CODES)) {
			expect(readme).toContain(`| \`${code}\` | ${meaning} |`);
		}
	});

	test('the package publishes its nodes and the document schema from dist', () => {
		expect(packageJson.n8n.nodes.every((file: string) => file.startsWith('dist/'))).toBe(true);
		expect(packageJson.files).toEqual(['dist']);
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(readme).toContain('dist/lib/model/ledger-document.schema.json');
	});
});

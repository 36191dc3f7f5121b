import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { FAILURE_CODES } from '../lib/report/failureCodes';
import packageJson from '../package.json';

const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('the README a newcomer reads', () => {
	test('starts with the demo command and the test command that CI runs', () => {
		const ci = readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
		expect(readme).toContain('npm run setup && npm run demo');
		expect(readme).toContain('npm run setup && npm test');
		expect(ci).toMatch(/^npm run setup && npm test \|\| status=\$\?$/m);
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

	test('ready to publish: MIT licence file, where the code and its issues live, native ODBC optional', () => {
		expect(packageJson.license).toBe('MIT');
		expect(readFileSync(path.join(__dirname, '..', 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 /);
		const repository = packageJson.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
		expect(packageJson.homepage).toBe(`${repository}#readme`);
		expect(packageJson.bugs.url).toBe(`${repository}/issues`);
		expect((packageJson.dependencies as Record<string, string>).odbc).toBeUndefined();
		expect(packageJson.optionalDependencies).toEqual({ odbc: '2.6.0' });
	});

	test('node search finds every node for accounting words, under n8n categories that fit', () => {
		for (const file of packageJson.n8n.nodes as string[]) {
			const codexFile = path.join(__dirname, '..', file.replace(/^dist\//, '').replace(/\.js$/, '.json'));
			const codex = JSON.parse(readFileSync(codexFile, 'utf8')) as { node: string; categories: string[]; alias: string[] };
			expect(codex.node).toBe(`n8n-nodes-ledger-bridge.${path.basename(file, '.node.js').replace(/^./, (first) => first.toLowerCase())}`);
			expect(codex.categories).toContain('Finance & Accounting');
			expect(codex.categories).not.toContain('Core Nodes');
			expect(codex.alias).toEqual(expect.arrayContaining(['accounting', 'invoice', 'ledger', 'bookkeeping']));
		}
	});

	test('every link into the README lands on a heading, and every file it links to exists', () => {
		// GitHub's anchors: the heading in lower case, punctuation dropped, spaces as hyphens.
		const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-')));
		const root = path.join(__dirname, '..');
		const links: Array<[string, string]> = [...readme.matchAll(/\]\((#[^)]+)\)/g)].map(([, link]) => ['README.md', link]);
		for (const folder of ['nodes', 'credentials']) {
			for (const file of readdirSync(path.join(root, folder), { recursive: true }) as string[]) {
				if (!/\.(node\.json|credentials\.ts)$/.test(file)) continue;
				const text = readFileSync(path.join(root, folder, file), 'utf8');
				for (const [, fragment] of text.matchAll(/github\.com\/ledger-bridge\/n8n-nodes-ledger-bridge[^'"#]*(#[^'"]+)/g)) links.push([`${folder}/${file}`, fragment]);
			}
		}
		expect(links.length).toBeGreaterThan(12);
		const dead = links.filter(([, fragment]) => fragment !== '#readme' && !anchors.has(fragment.slice(1)));
		expect(dead).toEqual([]);
		const files = [...readme.matchAll(/\]\(((?!https?:|#)[^)#]+)\)/g)].map(([, file]) => file);
		expect(files.filter((file) => !existsSync(path.join(root, file)))).toEqual([]);
	});

	test('the publishing workflow tests, then publishes with npm provenance from a release', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const yaml = require('js-yaml') as { load(text: string): unknown };
		const workflow = yaml.load(readFileSync(path.join(__dirname, '..', '.github', 'workflows', 'publish.yml'), 'utf8')) as {
			on: { release: { types: string[] } };
			permissions: Record<string, string>;
			jobs: Record<string, { steps: Array<{ run?: string; uses?: string }> }>;
		};
		expect(workflow.on.release.types).toEqual(['published']);
		expect(workflow.permissions['id-token']).toBe('write');
		const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? step.uses ?? ''));
		const publish = runs.findIndex((command) => /^npm publish --provenance\b/.test(command));
		expect(publish).toBeGreaterThan(runs.indexOf('npm test'));
		expect(runs.indexOf('npm test')).toBeGreaterThan(runs.indexOf('npm ci'));
		expect(runs.indexOf('npm ci')).toBeGreaterThan(-1);
	});
});

describe('docs/ARCHITECTURE.md, kept true by the layout', () => {
	const root = path.join(__dirname, '..');
	const architecture = readFileSync(path.join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
	const folders = (folder: string) =>
		readdirSync(path.join(root, folder), { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => `${folder}/${entry.name}`);
	const sourceFiles = (folder: string): string[] =>
		(readdirSync(path.join(root, folder), { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).map((file) => `${folder}/${file.split(path.sep).join('/')}`);

	test('every link resolves and every folder of lib/ and nodes/ is named', () => {
		const links = [...architecture.matchAll(/\]\(((?!https?:|#)[^)#]+)\)/g)].map(([, link]) => link);
		expect(links.length).toBeGreaterThan(20);
		expect(links.filter((link) => !existsSync(path.join(root, 'docs', link)))).toEqual([]);
		const named = new Set(links.map((link) => path.relative(root, path.join(root, 'docs', link)).split(path.sep).join('/')));
		const expected = [
			...folders('lib').filter((folder) => !['lib/sources', 'lib/targets'].includes(folder)),
			...folders('lib').flatMap(folders),
			...folders('nodes'),
		];
		expect(expected.filter((folder) => !named.has(folder))).toEqual([]);
	});

	test('no file in lib/ imports n8n', () => {
		const importing = sourceFiles('lib').filter((file) => /from '(n8n-workflow|n8n-core)'|require\('n8n-/.test(readFileSync(path.join(root, file), 'utf8')));
		expect(importing).toEqual([]);
	});

	test('the n8n layer stays thin: every node file routes its work in under 120 lines, the work itself in actions/ and helpers beside it', () => {
		const nodeFiles = folders('nodes').flatMap((folder) => sourceFiles(folder).filter((file) => file.endsWith('.node.ts')));
		expect(nodeFiles.length).toBeGreaterThanOrEqual(9);
		const long = nodeFiles.map((file) => `${file}: ${readFileSync(path.join(root, file), 'utf8').split('\n').length} lines`).filter((line) => Number(/(\d+) lines$/.exec(line)![1]) >= 120);
		expect(long).toEqual([]);
	});

	test('a node with operations keeps each operation\'s fields in its actions/ file, beside its execute', () => {
		const withActions = folders('nodes').filter((folder) => existsSync(path.join(root, folder, 'actions')));
		expect(withActions.length).toBeGreaterThanOrEqual(4);
		for (const folder of withActions) {
			const actions = sourceFiles(`${folder}/actions`).filter((file) => file.endsWith('.operation.ts'));
			const declared = actions.flatMap((file) => [...readFileSync(path.join(root, file), 'utf8').matchAll(/forOperation\('(\w+)'/g)].map(([, operation]) => `${operation} in ${file}`));
			expect(actions.filter((file) => !declared.some((entry) => entry.endsWith(` in ${file}`)))).toEqual([]);
			// The node's execute only hands over to its router.
			expect(existsSync(path.join(root, folder, 'actions', 'router.ts'))).toBe(true);
			const nodeFile = sourceFiles(folder).find((file) => file.endsWith('.node.ts'))!;
			const exported = require(path.join(root, nodeFile)) as Record<string, new () => { description: { properties: Array<{ name: string; options?: Array<{ value: string }>; displayOptions?: { show?: { operation?: string[] } } }> } }>;
			const { properties } = new (Object.values(exported).find((value) => typeof value === 'function' && 'prototype' in value && 'execute' in value.prototype)!)().description;
			const operations = properties.find((property) => property.name === 'operation')!.options!.map((option) => option.value);
			// Each operation's fields are declared once, in one file; every other field belongs to exactly one operation.
			expect(declared.map((entry) => entry.split(' in ')[0]).sort()).toEqual([...operations].sort());
			expect(properties.filter((property) => property.name !== 'operation' && property.displayOptions?.show?.operation?.length !== 1).map((property) => property.name)).toEqual([]);
		}
	});

	test('the imports from one source or target folder into another are exactly the crossings it lists', () => {
		const owners = [...folders('lib/sources'), ...folders('lib/targets')];
		const ownerOf = (file: string) => owners.find((owner) => file.startsWith(`${owner}/`));
		const crossings = new Set<string>();
		for (const file of sourceFiles('lib')) {
			const from = ownerOf(file);
			if (!from) continue;
			for (const [, specifier] of readFileSync(path.join(root, file), 'utf8').matchAll(/from '(\.[^']+)'/g)) {
				const to = ownerOf(path.relative(root, path.resolve(path.dirname(path.join(root, file)), specifier)).split(path.sep).join('/'));
				if (to && to !== from) crossings.add(`${from} → ${to}`);
			}
		}
		const section = architecture.slice(architecture.indexOf('## Crossings still to remove'));
		const listed = [...section.matchAll(/^- `([^`]+)` → `([^`]+)`/gm)].map(([, from, to]) => `${from} → ${to}`);
		expect([...crossings].sort()).toEqual(listed.sort());
	});
});

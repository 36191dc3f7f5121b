/**
 * One environment of n8n's file-access settings, in a process of its own (n8n reads its config
 * once per process): for each path, n8n-core's own decision (its file-system helpers, as a node's
 * execute() gets them) beside lib/files/access's, printed as one JSON line.
 */
import 'reflect-metadata';

import { checkFileAccess, n8nFileAccessRule, resolveForAccess } from '../../lib/files/access';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { getFileSystemHelperFunctions } = require('n8n-core/dist/execution-engine/node-execution-context/utils/file-system-helper-functions') as {
	getFileSystemHelperFunctions(node: unknown): { resolvePath(path: string): Promise<string>; isFilePathBlocked(path: string): boolean };
};

async function main() {
	const paths = JSON.parse(process.argv[2]) as string[];
	const n8n = getFileSystemHelperFunctions({ id: '1', name: 'Check', type: 'test.check', typeVersion: 1, position: [0, 0], parameters: {} });
	const ours = n8nFileAccessRule(2);
	const results = [];
	for (const path of paths) {
		const resolved = await n8n.resolvePath(path);
		const mine = await resolveForAccess(path);
		const refused = await checkFileAccess(ours, [{ path, what: 'the file' }]).then(
			() => false,
			() => true,
		);
		results.push({ path, resolved, mine, n8n: n8n.isFilePathBlocked(resolved), ours: ours.blocked(mine), refused });
	}
	process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((error) => {
	process.stdout.write(`${JSON.stringify({ error: String(error?.stack ?? error) })}\n`);
	process.exitCode = 1;
});

/**
 * n8n's file-access rules for the folders and files a node reads or writes. In a node's
 * execute(), n8n's own check (this.helpers.isFilePathBlocked) decides, exactly as for its Read/
 * Write Files from Disk node; where n8n gives none (a polling trigger) the same rule is applied
 * from lib/files/access for the n8n version the node runs in. A refused path stops the node
 * before anything is read or written.
 */
import { type IExecuteFunctions, type IPollFunctions } from 'n8n-workflow';

import { checkFileAccess, FileAccessError, n8nFileAccessRule, type FileAccessRule } from '../../lib/files/access';
import { operationError } from './errors';

/** The major version of the n8n the node runs in: its n8n-workflow's (2 when it cannot be told, the stricter rule). */
function hostMajor(): number {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- reads the host n8n's n8n-workflow version at run time
		const { version } = require('n8n-workflow/package.json') as { version: string };
		return Number(version.split('.')[0]) || 2;
	} catch {
		return 2;
	}
}

export function fileAccessRule(context: IExecuteFunctions | IPollFunctions): FileAccessRule {
	const helpers = context.helpers as { isFilePathBlocked?: (resolved: string) => boolean };
	if (typeof helpers.isFilePathBlocked === 'function') {
		const blocked = helpers.isFilePathBlocked.bind(helpers);
		return { blocked: (resolved) => blocked(resolved) };
	}
	return n8nFileAccessRule(hostMajor());
}

/** Refuses, as a node error a bookkeeper can act on, the first path n8n would refuse. */
export async function assertFileAccess(
	context: IExecuteFunctions | IPollFunctions,
	paths: Array<{ path: string; what: string }>,
	itemIndex?: number,
): Promise<void> {
	try {
		await checkFileAccess(fileAccessRule(context), paths);
	} catch (error) {
		if (!(error instanceof FileAccessError)) throw error;
		throw operationError(context.getNode(), error.message, { description: error.fix, itemIndex, level: 'warning' });
	}
}

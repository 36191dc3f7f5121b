/**
 * What file targets (Opera, Sage 50) share in the posting pipeline: a run's files are
 * published as one run folder, whose name the run registers in the journal before writing.
 * A run that crashed after publishing but before recording is resolved by looking for its
 * folder: there, every document it claimed is written; not there, none is — and the hidden
 * temporary folder it left is removed.
 */
import path from 'node:path';

import { exists } from '../files/runFolder';
import { removeAbandonedTemporaries } from '../files/temporary';
import type { Found, Identified } from './pipeline';

/** The journal's note of where a run publishes: its run folder, or nowhere (binary output only). */
export function runOutput(importFolder: string | undefined, stamp: string): string {
	return importFolder ? path.join(importFolder, stamp) : `binary:${stamp}`;
}

export async function resolveFromRunFolders<D>(documents: readonly Identified<D>[], targetLabel: string): Promise<Map<string, Found>> {
	const found = new Map<string, Found>();
	const byOutput = new Map<string, Identified<D>[]>();
	for (const entry of documents) {
		const output = entry.recovering?.previousRun?.output ?? (entry.recovering?.previous.targetReference?.folder as string | undefined);
		if (!output || output.startsWith('binary:')) continue;
		const entries = byOutput.get(output);
		if (entries) entries.push(entry);
		else byOutput.set(output, [entry]);
	}
	for (const [output, entries] of byOutput) {
		if (await exists(output)) {
			for (const entry of entries) {
				found.set(entry.identity, {
					state: 'written',
					reference: { folder: output },
					message: `${entry.name} was already written for ${targetLabel} by a run that stopped before it could say so: it is in ${output}. It is not written again.`,
				});
			}
		} else {
			await removeAbandonedTemporaries(path.dirname(output), [path.basename(output)]);
		}
	}
	return found;
}

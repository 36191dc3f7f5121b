import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';

import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { globToRegExp, type ReadyFile } from '../../lib/sources/folder/watch';

/**
 * The export as a binary item, with the SHA-256 of exactly the bytes read, so Import Folder can
 * refuse to move a file that changed after it was read. Undefined when the bytes read are not
 * the size the poll saw: the file is still changing.
 */
export async function fileItem(this: IPollFunctions, file: ReadyFile, binaryProperty: string): Promise<INodeExecutionData | undefined> {
	const hash = createHash('sha256');
	let bytes = 0;
	const hashing = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			hash.update(chunk);
			bytes += chunk.length;
			done(null, chunk);
		},
	});
	const binary = await this.helpers.prepareBinaryData(createReadStream(file.path).pipe(hashing), file.name);
	if (bytes !== file.size) return undefined;
	return {
		json: {
			fileName: file.name,
			path: file.path,
			folder: path.dirname(file.path),
			size: file.size,
			modifiedAt: new Date(file.mtimeMs).toISOString(),
			sha256: hash.digest('hex'),
			attempt: file.attempt,
		},
		binary: { [binaryProperty]: binary },
	};
}

export async function newestFile(folder: string, pattern: string): Promise<ReadyFile | undefined> {
	const matcher = globToRegExp(pattern);
	let newest: ReadyFile | undefined;
	for (const entry of await readdir(folder, { withFileTypes: true })) {
		if (!entry.isFile() || entry.name.startsWith('.') || !matcher.test(entry.name)) continue;
		const info = await stat(path.join(folder, entry.name));
		if (!newest || info.mtimeMs > newest.mtimeMs) {
			newest = { name: entry.name, path: path.join(folder, entry.name), size: info.size, mtimeMs: Math.trunc(info.mtimeMs), attempt: 1 };
		}
	}
	return newest;
}

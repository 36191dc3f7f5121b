import { open, type FileHandle } from 'node:fs/promises';

/**
 * A new file written through one reused buffer: memory is the size of the buffer whether
 * the file gets ten records or a million, and the disk sees a few large writes instead of
 * one per record (which is what makes record-by-record writers slow).
 */
export class ChunkedFile {
	/** Bytes of `chunk` filled and not yet written. */
	used = 0;
	private position: number;

	private constructor(
		private readonly handle: FileHandle,
		readonly chunk: Buffer,
		start: number,
	) {
		this.position = start;
	}

	/** Creates the file; 'wx' so a file already there is never overwritten by accident. */
	static async create(path: string, chunkBytes: number, start = 0): Promise<ChunkedFile> {
		const handle = await open(path, 'wx');
		return new ChunkedFile(handle, Buffer.alloc(chunkBytes), start);
	}

	get room(): number {
		return this.chunk.length - this.used;
	}

	get size(): number {
		return this.position + this.used;
	}

	async flush(): Promise<void> {
		if (this.used === 0) return;
		await this.writeAt(this.chunk.subarray(0, this.used), this.position);
		this.position += this.used;
		this.used = 0;
	}

	/** A write may be short (a full disk, a network share); the rest is written or it throws. */
	async writeAt(bytes: Uint8Array, position: number): Promise<void> {
		let done = 0;
		while (done < bytes.length) {
			const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, position + done);
			if (bytesWritten <= 0) throw new Error(`Writing the file stopped after ${position + done} bytes`);
			done += bytesWritten;
		}
	}

	async close(): Promise<void> {
		await this.handle.close();
	}
}

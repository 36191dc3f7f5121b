/**
 * Why a file or folder could not be used, in words: n8n replaces a message naming ENOENT,
 * EACCES… with a generic one that loses the path, so messages say it themselves.
 */
export function fileErrorReason(error: unknown): string {
	switch ((error as NodeJS.ErrnoException | undefined)?.code) {
		case 'ENOENT':
			return 'it does not exist';
		case 'EACCES':
		case 'EPERM':
			return 'n8n may not read it';
		case 'EISDIR':
			return 'it is a folder, not a file';
		case 'ENOTDIR':
			return 'it is a file, not a folder';
		default:
			return 'it cannot be read';
	}
}

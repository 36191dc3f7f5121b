/**
 * Why a file for a target could not be written, with a stable code a workflow can branch on and
 * that reads the same in an n8n error as in a support e-mail, and the details that place it
 * (file, record, field, value, path). Each target names its codes and details; the shape, and
 * what a reader may rely on, is this one.
 */
export class CodedFileError<Code extends string, Details extends { path?: string } = { path?: string }> extends Error {
	readonly code: Code;
	readonly details: Details;

	constructor(code: Code, message: string, details: Details = {} as Details) {
		super(message);
		this.name = new.target.name;
		this.code = code;
		this.details = details;
	}
}

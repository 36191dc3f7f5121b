import { PostingSettingsError } from '../posting/pipeline';

/** The coded errors of an ODBC connection to a Sage company. */
export class SageConnectionError extends Error {
	constructor(
		message: string,
		readonly odbcState?: string,
	) {
		super(message);
		this.name = 'SageConnectionError';
	}
}

/** The company stayed locked (by Sage, another program, another workflow) for the whole waiting time. */
export class SageBusyError extends SageConnectionError {
	readonly code = 'SAGE_DATABASE_BUSY';

	constructor(
		message: string,
		/** The driver's own words for the last refusal ("[HY000] database is locked"), or what held the data source. */
		readonly detail = message,
	) {
		super(message);
		this.name = 'SageBusyError';
	}
}

/** A setting of the run names a code Sage does not have: nothing is posted. */
export class SageSettingsError extends PostingSettingsError {
	constructor(message: string) {
		super(message, "Check the node's options. Nothing was posted.");
		this.name = 'SageSettingsError';
	}
}

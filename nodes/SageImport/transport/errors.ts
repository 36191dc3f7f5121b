import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { OdbcUnavailableError } from '../../../lib/odbc/driverManager';
import { SageConnectionError } from '../../../lib/odbc/connection';
import { Sage50FileError } from '../../../lib/targets/sage50/errors';
import { operationError } from '../../shared/errors';
import { postingError } from '../../shared/posting';

/**
 * Domain errors as n8n errors, built from their messages only: an ODBC error object can
 * carry the connection string, and connection.ts has already taken the password out of the
 * message.
 */
export function asNodeError(this: IExecuteFunctions, error: unknown, beforeConnecting: boolean): NodeOperationError {
	const posting = postingError(this, error);
	if (posting) return posting;
	if (error instanceof OdbcUnavailableError) return operationError(this.getNode(), error.summary, { description: error.fix });
	if (error instanceof SageConnectionError) {
		return operationError(this.getNode(), error.message, {
			description: beforeConnecting ? 'No document was posted.' : 'Sage stopped answering during the run; files already written stay in the import folder.',
		});
	}
	if (error instanceof Sage50FileError) return operationError(this.getNode(), error.message, { itemIndex: 0 });
	return operationError(this.getNode(), error as Error);
}

/**
 * Node errors that show our words. n8n's NodeOperationError and NodeApiError replace a message
 * that merely mentions ECONNREFUSED, ENOENT, EACCES, EEXIST… with a generic sentence of their
 * own ("The service refused the connection - perhaps it is offline"), and NodeApiError one with
 * an HTTP status by "The resource you are requesting could not be found". Ours already say which
 * service, host, file or document and what to do, so they are put back where the editor and the
 * executions list show them.
 */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

type OperationErrorOptions = ConstructorParameters<typeof NodeOperationError>[2];

export function operationError(node: INode, error: Error | string, options: OperationErrorOptions = {}): NodeOperationError {
	const built = new NodeOperationError(node, error, options);
	built.message = options?.message ?? (typeof error === 'string' ? error : error.message);
	return built;
}

/** A service's refusal or silence (ConnectWise Manage, Exact Online), with its HTTP status where there was one. */
export function serviceError(node: INode, error: Error & { status?: number }, options: { description?: string; itemIndex?: number } = {}): NodeApiError {
	const built = new NodeApiError(node, { message: error.message } as JsonObject, {
		message: error.message,
		description: options.description,
		httpCode: error.status !== undefined ? String(error.status) : undefined,
		itemIndex: options.itemIndex,
	});
	built.message = error.message;
	if (options.description !== undefined) built.description = options.description;
	return built;
}

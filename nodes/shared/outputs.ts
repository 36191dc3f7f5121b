import type { IExecuteFunctions, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Outputs that follow the operation: a posting puts out Posted, Duplicates, Rejected and Run
 * Summary; a look-up or a payment-status read has nothing "posted", so its items come out of
 * an output named for what they are. n8n evaluates the `outputs` expression in the editor and
 * in the engine alike, so the canvas shows the right handles as soon as the operation changes.
 */
export const POSTING_OUTPUT_NAMES = ['Posted', 'Duplicates', 'Rejected', 'Run Summary'] as const;

/**
 * The `outputs` of a node description: an n8n expression giving, for the `operation`
 * parameter's value, one main output per name (posting outputs for any operation not listed).
 */
export function outputsByOperation(byOperation: Record<string, readonly string[]>): `={{${string}}}` {
	const table = JSON.stringify(byOperation);
	const posting = JSON.stringify(POSTING_OUTPUT_NAMES);
	return `={{ (${table}[$parameter["operation"]] ?? ${posting}).map((displayName) => ({ type: "main", displayName })) }}`;
}

/** The output names for one operation, as the expression above gives them. */
export function outputNamesFor(byOperation: Record<string, readonly string[]>, operation: string): readonly string[] {
	return byOperation[operation] ?? POSTING_OUTPUT_NAMES;
}

/** Items on the named output of an operation's outputs (the first one when it has no such output), every other output empty. */
export function onOutput<T>(names: readonly string[], name: string, items: T[]): T[][] {
	const index = Math.max(names.indexOf(name), 0);
	return names.map((_, position) => (position === index ? items : []));
}

/**
 * For a node set to continue on error: a run that failed as a whole (no connection, refused
 * keys, a setting the service does not know) as one item on the output its summary comes out
 * of. The item carries the error itself, as n8n's own nodes do: n8n shows it as `{ error }` with
 * the message, and "Continue (using error output)" moves it to the node's Error output. Nothing
 * was posted, so there is nothing else to report.
 */
export function failedRunOutputs(context: IExecuteFunctions, failure: NodeApiError | NodeOperationError, names: readonly string[], output: string): INodeExecutionData[][] {
	const pairedItem = context.getInputData().map((_, item) => ({ item }));
	return onOutput(names, output, [{ json: { error: failure.message }, error: failure, pairedItem }]);
}

import type { INodeProperties } from 'n8n-workflow';

/**
 * An operation's fields, shown when that operation is chosen: its file (actions/<name>.operation.ts)
 * lists them in the order the editor shows them, beside its execute, the way n8n's versioned nodes
 * do (updateDisplayOptions). Each field keeps its other conditions.
 */
export function forOperation(operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, operation: [operation] } },
	}));
}

/** Where the documents are in each input item: every node that takes ledger documents offers it. */
export const documentsFieldProperty: INodeProperties = {
	displayName: 'Documents Field',
	name: 'documentsField',
	type: 'string',
	default: '',
	placeholder: 'body',
	description:
		'Leave empty when each item is one document. Name a field (e.g. "body" after a Webhook node) when the documents are inside it; a list there gives one document per element.',
};

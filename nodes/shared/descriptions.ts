import type { INodeProperties } from 'n8n-workflow';

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

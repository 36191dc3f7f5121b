import { NodeConnectionTypes, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import type { ColumnOverrides } from '../../lib/sources/streamtime/columns';
import { StreamtimeExportError } from '../../lib/sources/streamtime/detect';
import type { StreamtimeParseOptions } from '../../lib/sources/streamtime/parse';
import { operationError } from '../shared/errors';
import { streamtimeFileProperties } from './description';
import { readExport, type OutputShape } from './read';

export class StreamtimeFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Streamtime File',
		name: 'streamtimeFile',
		icon: { light: 'file:streamtimeFile.svg', dark: 'file:streamtimeFile.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ { auto: "Read a Streamtime export", salesInvoices: "Read a Streamtime invoice list", purchaseOrders: "Read a Streamtime purchase order list" }[$parameter["type"]] ?? "Read a Streamtime export" }}',
		description: 'Read a Streamtime invoice or purchase-order export (Tab-Separated Text) into ledger documents',
		defaults: { name: 'Streamtime File' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Documents', 'Rejected Rows', 'Summary'],
		properties: streamtimeFileProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const documents: INodeExecutionData[] = [];
		const rejected: INodeExecutionData[] = [];
		const summaries: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			try {
				const options = this.getNodeParameter('options', index, {}) as IDataObject;
				const parseOptions: StreamtimeParseOptions = {
					type: this.getNodeParameter('type', index) as StreamtimeParseOptions['type'],
					encoding: (options.encoding as StreamtimeParseOptions['encoding']) ?? 'auto',
					dateOrder: (options.dateOrder as StreamtimeParseOptions['dateOrder']) ?? 'dmy',
					decimalSeparator: (options.decimalSeparator as StreamtimeParseOptions['decimalSeparator']) ?? '.',
					defaultCurrency: (options.defaultCurrency as string) || undefined,
					columns: parseColumns(this, options.columns, index),
				};
				const shape = this.getNodeParameter('output', index, 'items') as OutputShape;
				const result = await readExport(this, index, parseOptions, shape, this.getNodeParameter('documentFileAbove', index, 5000) as number);
				const { fileName } = result;
				const pairedItem = { item: index };
				documents.push(...result.documents);
				for (const row of result.rejected) rejected.push({ json: { kind: 'rejectedRow', fileName, ...row } as unknown as IDataObject, pairedItem });
				summaries.push({ json: { kind: 'streamtimeSummary', fileName, ...result.summary } as unknown as IDataObject, pairedItem });
			} catch (error) {
				const message = error instanceof StreamtimeExportError ? error.message : (error as Error).message;
				if (this.continueOnFail()) {
					const code = error instanceof StreamtimeExportError ? error.code : 'STREAMTIME_FILE_UNREADABLE';
					rejected.push({ json: { kind: 'rejectedFile', code, message }, pairedItem: { item: index } });
					continue;
				}
				if (error instanceof NodeOperationError) throw error;
				throw operationError(this.getNode(), message, {
					itemIndex: index,
					description: 'Nothing from this file was passed on. Check it is a Streamtime "Tab-Separated Text" export, or set Export Type and Column Names.',
				});
			}
		}
		return [documents, rejected, summaries];
	}
}

function parseColumns(context: IExecuteFunctions, value: unknown, index: number): ColumnOverrides | undefined {
	if (value === undefined || value === '' || value === '{}') return undefined;
	if (typeof value !== 'string') return value as ColumnOverrides;
	try {
		return JSON.parse(value) as ColumnOverrides;
	} catch (error) {
		throw operationError(context.getNode(), `Column Names (JSON) is not valid JSON: ${(error as Error).message}`, { itemIndex: index });
	}
}

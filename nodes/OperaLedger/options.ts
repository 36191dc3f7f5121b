import type { IExecuteFunctions } from 'n8n-workflow';

import type { OperaFileFormat } from '../../lib/targets/opera/output';
import { DEFAULT_OPERA_POSTING_OPTIONS, type OperaPostingOptions } from '../../lib/targets/opera/postings';
import type { DateLayout } from '../../lib/targets/opera/values';

/** The node's Options, with Opera's defaults for what is left blank; a DBF date has one layout only. */
export function operaOptions(context: IExecuteFunctions, format: OperaFileFormat) {
	const options = context.getNodeParameter('options', 0, {}) as Partial<OperaPostingOptions> & {
		dateLayout?: DateLayout;
		binaryPropertyName?: string;
		dataFolder?: string;
	};
	const posting: OperaPostingOptions = { ...DEFAULT_OPERA_POSTING_OPTIONS, ...withoutUndefined(options) };
	const dateLayout: DateLayout = format === 'dbf' ? 'yyyyMMdd' : (options.dateLayout ?? 'dd/MM/yyyy');
	return { posting, dateLayout, binaryProperty: options.binaryPropertyName || 'data', dataFolder: (options.dataFolder ?? '').trim() };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== '')) as Partial<T>;
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { exactCode } from '../../../lib/targets/exactOnline/reference';
import type { ExactClient } from '../../../lib/targets/exactOnline/transport/client';
import { forOperation } from '../../shared/descriptions';
import { divisionProperty, exactJournalProperty } from './common.descriptions';

type LookUp = 'divisions' | 'journals' | 'glAccounts' | 'vatCodes' | 'paymentConditions' | 'currencies' | 'mappingTables';

const RESOURCES: Record<Exclude<LookUp, 'mappingTables'>, { path: string; select: string }> = {
	divisions: { path: 'system/Divisions', select: 'Code,Description,Hid,Current,Status' },
	journals: { path: 'financial/Journals', select: 'Code,Description,Type' },
	glAccounts: { path: 'financial/GLAccounts', select: 'ID,Code,Description,Type,IsBlocked' },
	vatCodes: { path: 'vat/VATCodes', select: 'Code,Description,Percentage,IsBlocked' },
	paymentConditions: { path: 'cashflow/PaymentConditions', select: 'Code,Description' },
	currencies: { path: 'general/Currencies', select: 'Code,Description' },
};

/** Look Up: one item per record, codes without Exact's padding; or mapping tables for Ledger Mapping. */
export async function lookUp(this: IExecuteFunctions, client: ExactClient): Promise<INodeExecutionData[][]> {
	const what = this.getNodeParameter('lookUp', 0) as LookUp;
	const pairedItem = this.getInputData().map((_, item) => ({ item }));
	const read = async (kind: Exclude<LookUp, 'mappingTables'>) =>
		(await client.getAll<Record<string, unknown>>(RESOURCES[kind].path, { $select: RESOURCES[kind].select })).map((record) => ({
			...record,
			...(typeof record.Code === 'string' ? { Code: exactCode(record.Code) } : {}),
		}));
	if (what !== 'mappingTables') {
		return [(await read(what)).map((record) => ({ json: record, pairedItem }))];
	}
	// Identity tables with "reject": Ledger Mapping then turns away any code Exact does not have.
	const identity = (records: Array<Record<string, unknown>>, usable: (record: Record<string, unknown>) => boolean = () => true) =>
		Object.fromEntries(records.filter(usable).map((record) => [String(record.Code), String(record.Code)]));
	const notBlocked = (record: Record<string, unknown>) => record.IsBlocked !== true;
	return [
		[
			{
				json: {
					account: identity(await read('glAccounts'), notBlocked),
					taxCode: identity(await read('vatCodes'), notBlocked),
					paymentTerms: identity(await read('paymentConditions')),
					currency: identity(await read('currencies')),
					policies: { account: 'reject', taxCode: 'reject', paymentTerms: 'reject', currency: 'reject' },
				},
				pairedItem,
			},
		],
	];
}

/** What the editor shows for Look Up. */
export const description: INodeProperties[] = forOperation('lookUp', [
	divisionProperty,
	{
		displayName: 'What to Look Up',
		name: 'lookUp',
		type: 'options',
		options: [
			{ name: 'Currencies', value: 'currencies' },
			{ name: 'Divisions', value: 'divisions' },
			{ name: 'G/L Accounts', value: 'glAccounts' },
			{ name: 'Journals', value: 'journals' },
			{ name: 'Mapping Tables for Ledger Mapping', value: 'mappingTables', description: 'One item that Ledger Mapping can use as its Mapping Tables (JSON)' },
			{ name: 'Payment Conditions', value: 'paymentConditions' },
			{ name: 'VAT Codes', value: 'vatCodes' },
		],
		default: 'glAccounts',
	},
	exactJournalProperty,
]);

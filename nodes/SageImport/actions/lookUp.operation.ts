import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SageConnection, SageConnectionSettings } from '../../../lib/odbc/connection';
import type { Sage100LookupKind } from '../../../lib/targets/sage100/reference';
import type { LookupKind } from '../../../lib/odbc/lookups';
import { sageCodes } from '../transport';
import { forOperation } from '../../shared/descriptions';

/** Look Up: the company's codes, or all of them as mapping tables Ledger Mapping can use. */
export async function lookUpOperation(this: IExecuteFunctions, connection: SageConnection, settings: SageConnectionSettings, credential: IDataObject): Promise<INodeExecutionData[]> {
	const what = this.getNodeParameter('lookUp', 0) as Sage100LookupKind | 'mappingTables';
	const pairedItem = this.getInputData().map((_, item) => ({ item }));
	if (what !== 'mappingTables') {
		return (await sageCodes(connection, settings, credential, what)).map((entry) => ({ json: { ...entry }, pairedItem }));
	}
	// Identity tables with "reject": Ledger Mapping then turns away any code Sage does not
	// have, before anything reaches this node.
	const identity = async (kind: LookupKind) =>
		Object.fromEntries((await sageCodes(connection, settings, credential, kind)).map((entry) => [entry.code, entry.code]));
	return [
		{
			json: {
				customerCode: await identity('customers'),
				supplierCode: await identity('suppliers'),
				account: await identity('nominalAccounts'),
				taxCode: await identity('taxCodes'),
				policies: { account: 'reject', taxCode: 'reject' },
			},
			pairedItem,
		},
	];
}

/** What the editor shows for Look Up. */
export const description: INodeProperties[] = forOperation('lookUp', [
	{
		displayName: 'What to Look Up',
		name: 'lookUp',
		type: 'options',
		options: [
			{ name: 'Customers', value: 'customers' },
			{ name: 'Departments', value: 'departments' },
			{ name: 'Journals (Sage 100)', value: 'journals' },
			{ name: 'Mapping Tables for Ledger Mapping', value: 'mappingTables', description: 'One item that Ledger Mapping can use as its Mapping Tables (JSON)' },
			{ name: 'Nominal Accounts', value: 'nominalAccounts' },
			{ name: 'Projects (Sage 100)', value: 'projects', description: 'The sections of the analytic plan for projects' },
			{ name: 'Suppliers', value: 'suppliers' },
			{ name: 'Tax Codes', value: 'taxCodes' },
		],
		default: 'nominalAccounts',
	},
]);

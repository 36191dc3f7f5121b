import { NodeOperationError, type ILoadOptionsFunctions, type INodePropertyOptions } from 'n8n-workflow';

import { exactCode } from '../../../lib/targets/exactOnline/reference';
import { CONTROL_GL_TYPES, JOURNAL_TYPES } from '../../../lib/targets/exactOnline/checks';
import { errorDescription, exactClient } from '../transport';
import { operationError } from '../../shared/errors';

interface Division {
	Code: number;
	Description?: string;
	Hid?: number;
	Current?: boolean;
}

async function codes(context: ILoadOptionsFunctions, resource: string, select: string, filter?: (record: Record<string, unknown>) => boolean): Promise<INodePropertyOptions[]> {
	try {
		const division = context.getCurrentNodeParameter('division') as string | undefined;
		const client = await exactClient(context, division).catch((error: Error) => {
			throw operationError(context.getNode(), error);
		});
		const records = await client.getAll<Record<string, unknown>>(resource, { $select: select });
		return records
			.filter((record) => !filter || filter(record))
			.map((record) => {
				const code = exactCode(String(record.Code));
				return { name: record.Description ? `${code} — ${String(record.Description)}` : code, value: code };
			})
			.sort((a, b) => a.value.localeCompare(b.value, undefined, { numeric: true }));
	} catch (error) {
		if (error instanceof NodeOperationError) throw error;
		const division = context.getCurrentNodeParameter('division') as string | undefined;
		throw operationError(context.getNode(), error as Error, { description: errorDescription(error, division) ?? 'Check the Exact Online credential and the division.' });
	}
}

/** The division's G/L accounts of one type that are not blocked. */
async function glAccountsOfType(context: ILoadOptionsFunctions, type: number): Promise<INodePropertyOptions[]> {
	return await codes(context, 'financial/GLAccounts', 'Code,Description,IsBlocked,Type', (account) => account.IsBlocked !== true && Number(account.Type) === type);
}

export const loadOptions = {
	/**
	 * Divisions by their real code (the number the API uses), with the HID that Exact's own
	 * company list shows under "Code" — the trap seed 001 warns about.
	 */
	async getDivisions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		try {
			const client = await exactClient(this, undefined);
			const divisions = await client.getAll<Division>('system/Divisions', { $select: 'Code,Description,Hid,Current' });
			return [
				{ name: 'Current Division of the Connected User', value: '' },
				...divisions.map((division) => ({
					name: `${division.Description ?? 'Division'} — ${division.Code}${division.Current ? ' (current)' : ''}`,
					value: String(division.Code),
					description: `Division code ${division.Code}; Exact's company list shows it as ${division.Hid ?? '?'}`,
				})),
			];
		} catch (error) {
			throw operationError(this.getNode(), error as Error, { description: 'Check the Exact Online credential.' });
		}
	},
	async getSalesJournals(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await codes(this, 'financial/Journals', 'Code,Description,Type', (journal) => JOURNAL_TYPES.sales.includes(Number(journal.Type)));
	},
	async getPurchaseJournals(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await codes(this, 'financial/Journals', 'Code,Description,Type', (journal) => JOURNAL_TYPES.purchase.includes(Number(journal.Type)));
	},
	/** Only debtors accounts (type 20): a customer's receivables cannot live on a revenue or bank account. */
	async getReceivablesGlAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await glAccountsOfType(this, CONTROL_GL_TYPES.receivables);
	},
	/** Only creditors accounts (type 22). */
	async getPayablesGlAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await glAccountsOfType(this, CONTROL_GL_TYPES.payables);
	},
	async getVatCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await codes(this, 'vat/VATCodes', 'Code,Description,IsBlocked', (vat) => vat.IsBlocked !== true);
	},
	async getPaymentConditions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await codes(this, 'cashflow/PaymentConditions', 'Code,Description');
	},
	async getCurrencies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await codes(this, 'general/Currencies', 'Code,Description');
	},
};

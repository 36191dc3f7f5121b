/**
 * Get Payment Status: for each input item one status on the first output, in the shape Exact
 * Online's Get Payment Status gives too, so ConnectWise Manage's Sync Invoice Payments reads
 * either ledger the same way. Sage is asked about 100 invoices per query.
 */
import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { Decimal } from '../../../lib/model/decimal';
import { SageConnectionError, type SageConnection, type SageOdbcEdition } from '../../../lib/odbc/connection';
import { paymentStatuses, paymentStatusUnavailable } from '../../../lib/odbc/payments';
import { operationError } from '../../shared/errors';
import { forOperation } from '../../shared/descriptions';

/** Refuses editions without payment status before anything is read from Sage. */
export function assertPaymentStatusAvailable(this: IExecuteFunctions, edition: SageOdbcEdition): void {
	const reason = paymentStatusUnavailable(edition);
	if (reason) {
		throw operationError(this.getNode(), reason, {
			description: 'Use a Sage ODBC credential for a Sage 50 UK (or generic ODBC) company, or record the payments in ConnectWise Manage by hand. Nothing was read from Sage.',
		});
	}
}

export async function paymentStatusOperation(this: IExecuteFunctions, connection: SageConnection, edition: SageOdbcEdition): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const numbers = items.map((_, item) => String(this.getNodeParameter('invoiceNumber', item, '') ?? '').trim());
	const blank = new Set<number>();
	for (const [item, number] of numbers.entries()) {
		if (number !== '') continue;
		const error = operationError(this.getNode(), `Item ${item + 1} has no invoice number to look up in Sage.`, {
			itemIndex: item,
			description: 'Set "Invoice Number" to the field holding the sales invoice number (by default $json.invoiceNumber).',
		});
		if (!this.continueOnFail()) throw error;
		blank.add(item);
	}

	const before = connection.queryCount;
	let statuses: Awaited<ReturnType<typeof paymentStatuses>>;
	try {
		statuses = await paymentStatuses(connection, edition, numbers);
	} catch (error) {
		if (!(error instanceof SageConnectionError)) throw error;
		throw operationError(this.getNode(), error.message, { description: 'No payment status was read; nothing was changed in Sage. Run again once Sage answers.' });
	}

	const output: INodeExecutionData[] = statuses.map((status, item) => ({
		json: blank.has(item) ? { ...status, error: `Item ${item + 1} has no invoice number to look up in Sage.` } : { ...status },
		pairedItem: { item },
	}));
	const found = statuses.filter((status) => status.found);
	const paidSomething = (amountPaid?: string) => amountPaid !== undefined && !Decimal.of(amountPaid).isZero();
	const summary: IDataObject = {
		kind: 'runSummary',
		edition,
		operation: 'paymentStatus',
		invoices: statuses.length,
		found: found.length,
		notFound: statuses.length - found.length,
		fullyPaid: found.filter((status) => status.fullyPaid === true).length,
		partPaid: found.filter((status) => status.fullyPaid === false && paidSomething(status.amountPaid)).length,
		unpaid: found.filter((status) => status.fullyPaid === false && !paidSomething(status.amountPaid)).length,
		odbcQueries: connection.queryCount - before,
	};
	return [output, [{ json: summary, pairedItem: items.map((_, item) => ({ item })) }]];
}

/** What the editor shows for Get Payment Status. */
export const description: INodeProperties[] = forOperation('paymentStatus', [
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		default: '={{ $json.invoiceNumber }}',
		description: 'The sales invoice number as posted to Sage (the audit trail\'s reference), one per input item, e.g. from ConnectWise Manage\'s Get Invoices',
	},
]);

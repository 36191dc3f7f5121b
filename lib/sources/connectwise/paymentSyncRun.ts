/**
 * The payment sync against Manage, through the posting pipeline: read the invoices in as few
 * requests as it takes, plan the changes (paymentSync.ts), and write only those — each invoice
 * claimed in the journal first, and its payments read again just before writing, so two syncs
 * at the same time (a manual run beside the nightly one, two workers) never pay an invoice
 * twice. Shared by the node and the benchmark.
 *
 * "The same payment write": the invoice number. Its content is the amount the ledger shows as
 * paid; a different amount later is a new receipt to set, not a refused change.
 */
import { Decimal } from '../../model/decimal';
import type { Failure } from '../../report/failureCodes';
import { contentFingerprint } from '../../posting/fingerprint';
import type { DocumentSummary, JournalTarget, TargetReference } from '../../posting/journal/types';
import { runPosting, type Found, type Identified, type PostingAdapter, type PostingResult, type PostingRun, type PostingSink, type Preview, type Verdict } from '../../posting/pipeline';
import { planPaymentChanges, type LedgerPaymentStatus, type ManageInvoice, type PaymentChange } from './paymentSync';
import type { ManageClient } from './transport/client';
import { chunkedInConditions } from './transport/conditions';

const INVOICE_FIELDS = 'id,invoiceNumber,total,payments,balance,date';

/**
 * The Manage invoices for these numbers: a few "invoiceNumber in (…)" queries when there are
 * few, or every invoice a thousand at a time when that takes fewer requests (10,000 invoices:
 * a count and 10 pages instead of ~100 queries).
 */
export async function manageInvoicesByNumber(client: ManageClient, numbers: string[]): Promise<Map<string, ManageInvoice>> {
	const chunks = chunkedInConditions('invoiceNumber', numbers);
	let invoices: ManageInvoice[] = [];
	if (chunks.length > 3 && Math.ceil((await client.count('finance/invoices')) / 1000) + 1 < chunks.length) {
		invoices = await client.getAll<ManageInvoice>('finance/invoices', { fields: INVOICE_FIELDS }, { pageSize: 1000 });
	} else {
		for (const conditions of chunks) invoices.push(...(await client.getAll<ManageInvoice>('finance/invoices', { conditions, fields: INVOICE_FIELDS }, { pageSize: 1000 })));
	}
	const wanted = new Set(numbers);
	return new Map(invoices.filter((invoice) => wanted.has(String(invoice.invoiceNumber).trim())).map((invoice) => [String(invoice.invoiceNumber).trim(), invoice]));
}

interface ManagePayment {
	id: number;
	amount?: number | string;
	paymentDate?: string;
}

const money = (value: unknown) => (Decimal.parse(value === undefined || value === null || value === '' ? '0' : String(value)) ?? Decimal.ZERO).roundTo(2);

export class PaymentSyncAdapter implements PostingAdapter<LedgerPaymentStatus> {
	readonly target: JournalTarget;
	readonly label = 'ConnectWise Manage';
	readonly onChange = 'update' as const;
	/** What each invoice's sync did, by identity, for the node's results. */
	readonly changes = new Map<string, PaymentChange>();

	constructor(
		private readonly client: ManageClient,
		scope: string,
		private readonly today = new Date(),
	) {
		this.target = { system: 'connectWisePayments', scope };
	}

	validate(input: unknown): { document?: LedgerPaymentStatus; failures: Failure[] } {
		const status = input as LedgerPaymentStatus;
		const paid = Decimal.parse(status?.amountPaid);
		if (!paid || paid.isNegative()) {
			return { failures: [{ code: 'AMOUNT_INVALID', field: 'amountPaid', message: `Invoice ${status?.invoiceNumber ?? '(no number)'}: the ledger's amount paid "${String(status?.amountPaid ?? '')}" is not an amount, so Manage is left as it is.` }] };
		}
		return { document: { ...status, invoiceNumber: String(status.invoiceNumber).trim() }, failures: [] };
	}

	describe(status: LedgerPaymentStatus): string {
		return `invoice ${status.invoiceNumber}`;
	}

	identify(status: LedgerPaymentStatus): string {
		return `payment|${status.invoiceNumber.toUpperCase()}`;
	}

	fingerprint(status: LedgerPaymentStatus): string {
		return contentFingerprint({ amountPaid: money(status.amountPaid).toFixed(2) });
	}

	summarise(status: LedgerPaymentStatus): DocumentSummary {
		return { detail: `paid ${money(status.amountPaid).toFixed(2)}` };
	}

	async prepare(statuses: readonly Identified<LedgerPaymentStatus>[]): Promise<void> {
		const invoices = await manageInvoicesByNumber(this.client, statuses.map(({ document }) => document.invoiceNumber));
		const planned = planPaymentChanges(statuses.map(({ document }) => document), invoices, this.today);
		statuses.forEach((entry, position) => this.changes.set(entry.identity, planned[position]));
	}

	async lookInTarget(statuses: readonly Identified<LedgerPaymentStatus>[]): Promise<Map<string, Found>> {
		const found = new Map<string, Found>();
		for (const entry of statuses) {
			const change = this.changes.get(entry.identity);
			if (change?.kind === 'unchanged') found.set(entry.identity, { reference: { invoiceId: change.invoiceId, amount: change.amountPaid }, message: `Invoice ${change.invoiceNumber} already shows ${change.amountPaid} paid in Manage; nothing written.` });
		}
		return found;
	}

	async check(statuses: readonly Identified<LedgerPaymentStatus>[]): Promise<Map<string, Verdict>> {
		const verdicts = new Map<string, Verdict>();
		for (const entry of statuses) {
			const change = this.changes.get(entry.identity);
			if (change?.kind === 'notInManage') {
				verdicts.set(entry.identity, { skip: { code: 'CONNECTWISE_INVOICE_MISSING', message: `Invoice ${change.invoiceNumber}: no ConnectWise Manage invoice has this number, so Manage is left as it is.` } });
			} else if (change?.kind === 'invalid') {
				verdicts.set(entry.identity, { failures: [{ code: 'AMOUNT_INVALID', message: `Invoice ${change.invoiceNumber}: ${change.reason}.` }] });
			}
		}
		return verdicts;
	}

	async preview(statuses: readonly Identified<LedgerPaymentStatus>[]): Promise<Map<string, Preview>> {
		const previews = new Map<string, Preview>();
		for (const entry of statuses) {
			const change = this.changes.get(entry.identity);
			if (!change || !('invoiceId' in change)) continue;
			previews.set(entry.identity, { preview: { ...change }, message: `Invoice ${change.invoiceNumber}: ${describePlanned(change)} (not written: dry run).` });
		}
		return previews;
	}

	async post(statuses: readonly Identified<LedgerPaymentStatus>[], sink: PostingSink): Promise<void> {
		for (const entry of statuses) {
			const change = this.changes.get(entry.identity);
			if (!change || (change.kind !== 'create' && change.kind !== 'update' && change.kind !== 'remove')) continue;
			try {
				const written = await this.write(change, sink, entry.identity);
				if (written.kind === 'unchanged') {
					sink.found(entry.identity, { reference: { invoiceId: change.invoiceId, amount: written.amount }, message: `Invoice ${change.invoiceNumber} already shows ${written.amount} paid in Manage (written since this sync read it); nothing written.` });
				} else {
					sink.posted(entry.identity, { state: 'posted', reference: written.reference, message: `Invoice ${change.invoiceNumber}: ${written.message}.`, details: { action: written.kind } });
				}
			} catch (error) {
				const outcomeUnknown = (error as { outcomeUnknown?: boolean }).outcomeUnknown === true;
				if (outcomeUnknown) sink.unconfirmed(entry.identity, `Invoice ${change.invoiceNumber}: Manage did not confirm the payment (${(error as Error).message.replace(/\.$/, '')}); the next sync reads its payments before writing again.`);
				else sink.rejected(entry.identity, [{ code: 'CONNECTWISE_PAYMENT_REFUSED', message: `Invoice ${change.invoiceNumber}: the payment was not written: ${(error as Error).message}` }]);
			}
			await sink.checkpoint();
		}
	}

	/**
	 * Writes one change against the invoice's payments as Manage has them now (read again just
	 * before writing). Manage keeps one payment per invoice: a second receipt changes its amount,
	 * never adds a payment.
	 */
	private async write(change: PaymentChange & { invoiceId: number }, sink: PostingSink, identity: string): Promise<{ kind: 'create' | 'update' | 'remove' | 'unchanged'; amount: string; reference: TargetReference; message: string }> {
		const paymentsPath = `finance/invoices/${change.invoiceId}/payments`;
		const payments = await this.client.getAll<ManagePayment>(paymentsPath, { fields: 'id,amount,paymentDate' });
		const target = change.kind === 'remove' ? Decimal.ZERO : money((change as { amount: string }).amount);
		const current = payments.reduce((total, payment) => total.plus(money(payment.amount)), Decimal.ZERO);
		if (current.equals(target) && payments.length <= 1) return { kind: 'unchanged', amount: target.toFixed(2), reference: {}, message: '' };
		const capped = 'capped' in change && change.capped ? ' (capped at the invoice total)' : '';
		sink.sending([identity]);
		if (target.isZero()) {
			for (const payment of payments) await this.client.delete(`${paymentsPath}/${payment.id}`);
			return { kind: 'remove', amount: '0.00', reference: { invoiceId: change.invoiceId, removed: payments.map((payment) => payment.id) }, message: `payment of ${current.toFixed(2)} removed (the ledger no longer shows a receipt)` };
		}
		const paymentDate = `${(change as { paymentDate: string }).paymentDate}T00:00:00Z`;
		const [first, ...extra] = payments;
		if (first) {
			await this.client.patch(`${paymentsPath}/${first.id}`, [
				{ op: 'replace', path: 'amount', value: target.toNumber() },
				{ op: 'replace', path: 'paymentDate', value: paymentDate },
			]);
			// A second payment on one invoice (an earlier sync without claims): one payment again, holding the total.
			for (const payment of extra) await this.client.delete(`${paymentsPath}/${payment.id}`);
			return { kind: 'update', amount: target.toFixed(2), reference: { invoiceId: change.invoiceId, paymentId: first.id, amount: target.toFixed(2) }, message: `payment changed from ${current.toFixed(2)} to ${target.toFixed(2)}${capped}` };
		}
		const created = await this.client.post<{ id?: number }>(paymentsPath, { invoice: { id: change.invoiceId }, amount: target.toNumber(), paymentDate });
		return { kind: 'create', amount: target.toFixed(2), reference: { invoiceId: change.invoiceId, paymentId: created?.id ?? null, amount: target.toFixed(2) }, message: `payment of ${target.toFixed(2)} recorded${capped}` };
	}
}

function describePlanned(change: PaymentChange): string {
	switch (change.kind) {
		case 'create':
			return `a payment of ${change.amount} would be recorded`;
		case 'update':
			return `the payment would change from ${change.from} to ${change.amount}`;
		case 'remove':
			return `the payment of ${change.from} would be removed`;
		default:
			return 'nothing to write';
	}
}

/** A sync in plain terms, for the bench and the domain tests. */
export async function syncPaymentsToManage(
	client: ManageClient,
	statuses: LedgerPaymentStatus[],
	run: PostingRun,
	options: { scope?: string; today?: Date } = {},
): Promise<{ result: PostingResult<LedgerPaymentStatus>; adapter: PaymentSyncAdapter }> {
	const adapter = new PaymentSyncAdapter(client, options.scope ?? 'manage', options.today);
	await run.start();
	try {
		const result = await runPosting(run, adapter, statuses.map((input, index) => ({ index, input })));
		return { result, adapter };
	} finally {
		await run.finish('done');
	}
}

import fc from 'fast-check';

import { planPaymentChanges, syncStartDate, type ManageInvoice } from '../../../lib/sources/connectwise/paymentSync';

const today = new Date('2026-04-10T09:00:00Z');

describe('start dates of the payment sync (seed 003)', () => {
	test('past week, past two weeks, past month from 10 April', () => {
		expect(syncStartDate('pastWeek', today).date).toBe('2026-04-03');
		expect(syncStartDate('pastTwoWeeks', today).date).toBe('2026-03-27');
		expect(syncStartDate('pastMonth', today).date).toBe('2026-03-10');
	});

	test('past month from 31 March is 28 February; from January it reaches back into last year', () => {
		expect(syncStartDate('pastMonth', new Date('2026-03-31T00:00:00Z')).date).toBe('2026-02-28');
		expect(syncStartDate('pastMonth', new Date('2026-01-15T00:00:00Z')).date).toBe('2025-12-15');
	});

	test('last successful run uses the recorded run, and without one reaches back a month and says so', () => {
		expect(syncStartDate('lastSuccessfulRun', today, { lastSuccessfulRun: '2026-04-08T17:00:00Z' }).date).toBe('2026-04-08');
		expect(syncStartDate('lastSuccessfulRun', today)).toEqual({ date: '2026-03-10', explanation: expect.stringMatching(/no successful run recorded/) });
	});

	test('a custom date must be a date', () => {
		expect(syncStartDate('custom', today, { customDate: '2026-01-01' }).date).toBe('2026-01-01');
		expect(() => syncStartDate('custom', today, { customDate: 'last Tuesday' })).toThrow(/YYYY-MM-DD/);
	});
});

describe('what the payment sync writes', () => {
	const invoices = new Map<string, ManageInvoice>([
		['INV-1', { id: 1, invoiceNumber: 'INV-1', total: 500, payments: 0 }],
		['INV-2', { id: 2, invoiceNumber: 'INV-2', total: 500, payments: 50 }],
		['INV-3', { id: 3, invoiceNumber: 'INV-3', total: 500, payments: 500 }],
		['INV-4', { id: 4, invoiceNumber: 'INV-4', total: 120.1, payments: 120.1 }],
	]);

	test('a new receipt becomes a payment; a further receipt changes its amount; an unchanged invoice is left alone', () => {
		const changes = planPaymentChanges(
			[
				{ invoiceNumber: 'INV-1', amountPaid: '200.00', lastPaymentDate: '2026-04-02' },
				{ invoiceNumber: 'INV-2', amountPaid: '500.00', lastPaymentDate: '2026-04-05', fullyPaid: true },
				{ invoiceNumber: 'INV-3', amountPaid: '500.00' },
				{ invoiceNumber: 'INV-4', amountPaid: '120.10' },
			],
			invoices,
			today,
		);
		expect(changes).toEqual([
			{ kind: 'create', invoiceNumber: 'INV-1', invoiceId: 1, amount: '200.00', paymentDate: '2026-04-02', capped: false },
			{ kind: 'update', invoiceNumber: 'INV-2', invoiceId: 2, from: '50.00', amount: '500.00', paymentDate: '2026-04-05', capped: false },
			{ kind: 'unchanged', invoiceNumber: 'INV-3', invoiceId: 3, amountPaid: '500.00' },
			{ kind: 'unchanged', invoiceNumber: 'INV-4', invoiceId: 4, amountPaid: '120.10' },
		]);
	});

	test('an overpayment is capped at the invoice total; a reversed receipt removes the payment; an unknown invoice is reported', () => {
		const changes = planPaymentChanges(
			[
				{ invoiceNumber: 'INV-1', amountPaid: '600.00' },
				{ invoiceNumber: 'INV-2', amountPaid: '0' },
				{ invoiceNumber: 'INV-9', amountPaid: '10.00' },
			],
			invoices,
			today,
		);
		expect(changes).toEqual([
			{ kind: 'create', invoiceNumber: 'INV-1', invoiceId: 1, amount: '500.00', paymentDate: '2026-04-10', capped: true },
			{ kind: 'remove', invoiceNumber: 'INV-2', invoiceId: 2, from: '50.00' },
			{ kind: 'notInManage', invoiceNumber: 'INV-9' },
		]);
	});

	test('planning against what the plan would leave behind changes nothing: a second sync writes nothing', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ total: fc.integer({ min: 1, max: 10_000_000 }), paid: fc.integer({ min: 0, max: 12_000_000 }), recorded: fc.integer({ min: 0, max: 10_000_000 }) }), { minLength: 1, maxLength: 20 }),
				(rows) => {
					const before = new Map(rows.map((row, index) => [`I${index}`, { id: index, invoiceNumber: `I${index}`, total: (row.total / 100).toFixed(2), payments: (Math.min(row.recorded, row.total) / 100).toFixed(2) }]));
					const statuses = rows.map((row, index) => ({ invoiceNumber: `I${index}`, amountPaid: (row.paid / 100).toFixed(2) }));
					const first = planPaymentChanges(statuses, before, today);
					const after = new Map(
						[...before].map(([number, invoice], index) => {
							const change = first[index];
							const payments = change.kind === 'create' || change.kind === 'update' ? change.amount : change.kind === 'remove' ? '0' : invoice.payments;
							return [number, { ...invoice, payments }];
						}),
					);
					expect(planPaymentChanges(statuses, after, today).every((change) => change.kind === 'unchanged')).toBe(true);
				},
			),
		);
	});
});

import { batchIdentifier, followUpBatchIdentifier, planBatch } from '../../../lib/sources/connectwise/batch';

describe('batch IDs as seed 003 names them', () => {
	test('John Doe on 1 January 2013: 20130101JD-I, -E and -P', () => {
		expect(['I', 'E', 'P'].map((kind) => batchIdentifier('2013-01-01', 'J.D.', kind as 'I'))).toEqual(['20130101JD-I', '20130101JD-E', '20130101JD-P']);
	});

	test('the follow-up batch for the failures of 20130101JD-I is 20130101JD-I-1, then -2', () => {
		expect(followUpBatchIdentifier('20130101JD-I')).toBe('20130101JD-I-1');
		expect(followUpBatchIdentifier('20130101JD-I-1')).toBe('20130101JD-I-2');
	});

	test('a batch ID over Manage\'s 50 characters is refused, not cut', () => {
		expect(() => batchIdentifier('2013-01-01', 'x'.repeat(60), 'I')).toThrow(/50 characters/);
	});
});

describe('the three results of a batch run', () => {
	const invoice = (document: string, ids: number[], status: 'posted' | 'duplicate' | 'rejected', reason?: string) => ({ document, glEntryIds: ids, status, reason });

	test('nothing reached the ledger: the batch failed, no batch is created and the ID can be used again', () => {
		const plan = planBatch('20260630JD-I', [invoice('INV-1', [1, 2], 'rejected', 'SAGE_NOMINAL_MISSING')]);
		expect(plan.outcome).toBe('failed');
		expect(plan.glEntryIds).toEqual([]);
		expect(plan.summary).toMatch(/20260630JD-I can be used again/);
	});

	test('everything posted (or already in the ledger on a rerun): one batch with every GL entry', () => {
		const plan = planBatch('20260630JD-I', [invoice('INV-1', [3, 1], 'posted'), invoice('INV-2', [2], 'duplicate')]);
		expect(plan).toMatchObject({ outcome: 'complete', glEntryIds: [1, 2, 3], notPosted: [] });
	});

	test('some failed: the batch holds only the successes, the failures stay unposted for batch -1', () => {
		const plan = planBatch('20260630JD-I', [invoice('INV-1', [1], 'posted'), invoice('INV-2', [2, 4], 'rejected', 'credit hold')]);
		expect(plan.outcome).toBe('partial');
		expect(plan.glEntryIds).toEqual([1]);
		expect(plan.notPosted).toEqual([{ document: 'INV-2', glEntryIds: [2, 4], reason: 'credit hold' }]);
		expect(plan.followUpBatchIdentifier).toBe('20260630JD-I-1');
	});
});

import fc from 'fast-check';

import type { LedgerDocument } from '../../lib/model/document';
import { processBatch, type BatchMode, type DocumentOutcome } from '../../lib/mapping/pipeline';
import { MappingTables, readMappingJson } from '../../lib/mapping/tables';
import { genericProfile } from '../../lib/profiles/generic';
import type { ConstraintProfile } from '../../lib/profiles/types';
import { codesOf, purchaseInvoice, salesInvoice } from './fixtures';

function invoice(number: string): LedgerDocument {
	const document = salesInvoice();
	document.header!.number = number;
	return document;
}

function invoiceWithoutCustomerCode(number: string): LedgerDocument {
	const document = invoice(number);
	delete document.party!.code;
	return document;
}

function run(inputs: unknown[], mode: BatchMode = 'perDocument', tables = new MappingTables()): DocumentOutcome[] {
	return processBatch(inputs, { tables, profile: genericProfile, mode });
}

function summary(outcomes: DocumentOutcome[]): string[] {
	return outcomes.map((outcome) =>
		outcome.status === 'valid' ? `${outcome.index} valid` : `${outcome.index} rejected ${codesOf(outcome.failures).join(' ')}`,
	);
}

describe('per-document mode: each document stands on its own', () => {
	test('a valid invoice goes to valid with its mapped document; an invoice without a customer code is rejected', () => {
		const tables = new MappingTables();
		readMappingJson(tables, { customerCode: { ACME: 'ACM001' }, taxCode: { S: 'T1' } });
		const outcomes = run([invoice('INV-1001'), invoiceWithoutCustomerCode('INV-1002'), invoice('INV-1003')], 'perDocument', tables);
		expect(summary(outcomes)).toEqual(['0 valid', '1 rejected CUSTOMER_CODE_MISSING', '2 valid']);

		const [first] = outcomes;
		if (first.status !== 'valid') throw new Error('INV-1001 should be valid');
		expect(first.document.party!.code).toBe('ACM001');
		expect(first.document.lines!.map((line) => line.taxCode)).toEqual(['T1', 'T1']);
		expect(first.mapped.map((change) => change.field)).toEqual(['party.code', 'lines[0].taxCode', 'lines[1].taxCode']);
		expect(first.cleaned).toEqual([]);
	});

	test('a rejected document carries the input as it came in, so nothing is lost', () => {
		const input = invoiceWithoutCustomerCode('INV-1002');
		const [outcome] = run([input]);
		expect(outcome).toEqual({
			index: 0,
			status: 'rejected',
			input,
			failures: [
				{
					code: 'CUSTOMER_CODE_MISSING',
					field: 'party.code',
					message: 'Sales invoice INV-1002: customer account code is empty; Generic Ledger (No Length Limits) requires it.',
				},
			],
		});
	});

	test('an item that is not a document is rejected with DOCUMENT_NOT_AN_OBJECT and keeps its place', () => {
		const outcomes = run([invoice('INV-1001'), 'INV-1002', null, invoice('INV-1003')]);
		expect(summary(outcomes)).toEqual([
			'0 valid',
			'1 rejected DOCUMENT_NOT_AN_OBJECT',
			'2 rejected DOCUMENT_NOT_AN_OBJECT',
			'3 valid',
		]);
	});

	test('a schema failure stops the document before mapping: only the schema failure is reported', () => {
		const input = invoiceWithoutCustomerCode('INV-1001');
		input.header!.date = '31/03/2026';
		const tables = new MappingTables().setPolicy('taxCode', { policy: 'reject' });
		expect(summary(run([input], 'perDocument', tables))).toEqual(['0 rejected DATE_INVALID']);
	});

	test('mapping failures and profile failures are reported together', () => {
		const input = invoiceWithoutCustomerCode('INV-1001');
		const tables = new MappingTables().add({ table: 'taxCode', from: 'Z', to: 'T0' }).setPolicy('taxCode', { policy: 'reject' });
		expect(summary(run([input], 'perDocument', tables))).toEqual([
			'0 rejected TAX_CODE_UNMAPPED TAX_CODE_UNMAPPED CUSTOMER_CODE_MISSING',
		]);
	});

	test('a report left by an earlier run is not carried into the valid document', () => {
		const input = { ...invoice('INV-1001'), report: { mapped: ['old'] } };
		const [outcome] = run([input]);
		expect(outcome.status).toBe('valid');
		expect(outcome.status === 'valid' && 'report' in outcome.document).toBe(false);
		expect(input.report).toEqual({ mapped: ['old'] });
	});

	test('what mapping leaves alone is kept once: the valid INV-1001 shares its header and totals with the input, and the input stays as it came', () => {
		const input = invoice('INV-1001');
		input.lines![1].description = 'Print\trun';
		const untouched = JSON.parse(JSON.stringify(input)) as LedgerDocument;
		const tables = new MappingTables();
		readMappingJson(tables, { customerCode: { ACME: 'ACM001' } });
		const [outcome] = run([input], 'perDocument', tables);
		if (outcome.status !== 'valid') throw new Error('INV-1001 should be valid');

		expect(input).toStrictEqual(untouched);
		expect(outcome.document.header).toBe(input.header);
		expect(outcome.document.totals).toBe(input.totals);
		expect(outcome.document.lines![0]).toBe(input.lines![0]);
		// What changed is a copy: the mapped party, the cleaned line and the list holding it.
		expect(outcome.document.party).not.toBe(input.party);
		expect(outcome.document.lines).not.toBe(input.lines);
		expect(outcome.document.lines![1]).toStrictEqual({ ...untouched.lines![1], description: 'Print run' });
		expect(outcome.document).toStrictEqual({ ...untouched, party: { code: 'ACM001', name: 'Acme Ltd' }, lines: [untouched.lines![0], { ...untouched.lines![1], description: 'Print run' }] });
	});

	test('a part the run prunes is not shared: a header with an undefined field comes out without it, the input keeps it', () => {
		const input = invoice('INV-1001');
		(input.header as Record<string, unknown>).reference = undefined;
		const [outcome] = run([input]);
		if (outcome.status !== 'valid') throw new Error('INV-1001 should be valid');
		expect('reference' in outcome.document.header!).toBe(false);
		expect('reference' in input.header!).toBe(true);
	});

	test('whatever a run fixes, and a second Ledger Mapping after it, neither the input nor the first run\'s output changes', () => {
		const text = fc.constantFrom('Design work', 'Design\twork', 'Print & post', 'Line\r\nbreak *', ' padded ', 'x'.repeat(70));
		const code = fc.constantFrom('S', 'Z', 'T1', undefined);
		const document = fc.record({
			description: fc.option(text, { nil: undefined }),
			name: text,
			lines: fc.array(fc.record({ description: text, taxCode: code, account: fc.constantFrom('4000', 'Design', undefined) }), { minLength: 1, maxLength: 4 }),
		});
		const tables = new MappingTables();
		readMappingJson(tables, { customerCode: { ACME: 'ACM001' }, taxCode: { S: 'T1', Z: 'T0' }, account: { Design: '4010' } });
		const strict: ConstraintProfile = { ...genericProfile, id: 'strict', text: { allowedCharacters: "A-Za-z0-9 .,'()/-" }, fields: genericProfile.fields.map((field) => ({ ...field, maxLength: 30 })) };
		fc.assert(
			fc.property(fc.array(document, { minLength: 1, maxLength: 6 }), (shapes) => {
				const inputs = shapes.map((shape, index) => {
					const input = invoice(`INV-${index}`);
					if (shape.description !== undefined) input.header!.description = shape.description;
					input.party!.name = shape.name;
					input.lines = shape.lines.map((line) => ({ ...line, net: '10.00', taxAmount: '2.00' }));
					input.totals = { net: `${10 * shape.lines.length}.00`, tax: `${2 * shape.lines.length}.00`, gross: `${12 * shape.lines.length}.00` };
					return JSON.parse(JSON.stringify(input)) as LedgerDocument;
				});
				const asTheyCame = JSON.stringify(inputs);
				const first = processBatch(inputs, { tables, profile: strict, mode: 'perDocument' });
				expect(JSON.stringify(inputs)).toBe(asTheyCame);
				expect(first).toStrictEqual(processBatch(JSON.parse(asTheyCame), { tables, profile: strict, mode: 'perDocument' }));

				const valid = first.flatMap((outcome) => (outcome.status === 'valid' ? [outcome.document] : []));
				const firstOutput = JSON.stringify(valid);
				processBatch(valid, { tables, profile: { ...strict, fields: strict.fields.map((field) => ({ ...field, maxLength: 8 })) }, mode: 'perDocument' });
				expect(JSON.stringify(valid)).toBe(firstOutput);
				expect(JSON.stringify(inputs)).toBe(asTheyCame);
			}),
		);
	});

	test('an empty run gives no outcomes', () => {
		expect(run([])).toEqual([]);
		expect(run([], 'wholeBatch')).toEqual([]);
	});
});

describe('whole-batch mode: one rejection stops the batch', () => {
	test('when INV-1001 is rejected, the valid INV-1002 and INV-1003 are rejected with BATCH_STOPPED naming INV-1001', () => {
		const outcomes = run([invoiceWithoutCustomerCode('INV-1001'), invoice('INV-1002'), invoice('INV-1003')], 'wholeBatch');
		expect(summary(outcomes)).toEqual([
			'0 rejected CUSTOMER_CODE_MISSING',
			'1 rejected BATCH_STOPPED',
			'2 rejected BATCH_STOPPED',
		]);
		const stopped = outcomes[1];
		if (stopped.status !== 'rejected') throw new Error('INV-1002 should be stopped');
		expect(stopped.failures).toEqual([
			{
				code: 'BATCH_STOPPED',
				message:
					'Sales invoice INV-1002 is valid but was not sent: the batch stops because sales invoice INV-1001 was rejected.',
			},
		]);
	});

	test('a stopped document carries its original input, not the mapped copy', () => {
		const inputs = [invoiceWithoutCustomerCode('INV-1001'), invoice('INV-1002')];
		const tables = new MappingTables().add({ table: 'customerCode', from: 'ACME', to: 'ACM001' });
		const [, stopped] = run(inputs, 'wholeBatch', tables);
		expect(stopped.status === 'rejected' && stopped.input).toBe(inputs[1]);
		expect(inputs[1].party!.code).toBe('ACME');
	});

	test('when nothing is rejected every document is valid', () => {
		const outcomes = run([invoice('INV-1001'), invoice('INV-1002'), purchaseInvoice()], 'wholeBatch');
		expect(summary(outcomes)).toEqual(['0 valid', '1 valid', '2 valid']);
	});

	test('the message lists up to three rejected documents and counts the rest', () => {
		const inputs = [
			invoiceWithoutCustomerCode('INV-1001'),
			invoiceWithoutCustomerCode('INV-1002'),
			invoiceWithoutCustomerCode('INV-1003'),
			invoiceWithoutCustomerCode('INV-1004'),
			invoiceWithoutCustomerCode('INV-1005'),
			invoice('INV-1006'),
		];
		const stopped = run(inputs, 'wholeBatch')[5];
		expect(stopped.status === 'rejected' && stopped.failures[0].message).toBe(
			'Sales invoice INV-1006 is valid but was not sent: the batch stops because sales invoice INV-1001, sales invoice INV-1002, sales invoice INV-1003 and 2 more were rejected.',
		);
	});

	test('an item that is not a document is named "document (no number)" in the message', () => {
		const stopped = run([42, invoice('INV-1002')], 'wholeBatch')[1];
		expect(stopped.status === 'rejected' && stopped.failures[0].message).toContain(
			'the batch stops because document (no number) was rejected.',
		);
	});

	test('the same batch in per-document mode sends the valid documents', () => {
		const outcomes = run([invoiceWithoutCustomerCode('INV-1001'), invoice('INV-1002')], 'perDocument');
		expect(summary(outcomes)).toEqual(['0 rejected CUSTOMER_CODE_MISSING', '1 valid']);
	});
});

describe('a document number may appear only once per run (DUPLICATE_IN_BATCH)', () => {
	test('the second sales invoice INV-1001 is rejected with DUPLICATE_IN_BATCH naming both items', () => {
		const outcomes = run([invoice('INV-1001'), invoice('INV-1002'), invoice('INV-1001')]);
		expect(summary(outcomes)).toEqual(['0 valid', '1 valid', '2 rejected DUPLICATE_IN_BATCH']);
		const duplicate = outcomes[2];
		expect(duplicate.status === 'rejected' && duplicate.failures).toEqual([
			{
				code: 'DUPLICATE_IN_BATCH',
				field: 'header.number',
				message: 'Sales invoice INV-1001 appears twice in this run (items 1 and 3); the second one is not sent.',
			},
		]);
	});

	test('numbers are compared without case and surrounding spaces: "inv-1001 " repeats "INV-1001"', () => {
		expect(summary(run([invoice('INV-1001'), invoice('inv-1001 ')]))).toEqual(['0 valid', '1 rejected DUPLICATE_IN_BATCH']);
	});

	test('a sales credit note may share its number with a sales invoice', () => {
		const credit: LedgerDocument = { ...invoice('INV-1001'), type: 'salesCredit' };
		expect(summary(run([invoice('INV-1001'), credit]))).toEqual(['0 valid', '1 valid']);
	});

	test('a repeated invoice that also has other failures lists them all', () => {
		expect(summary(run([invoice('INV-1001'), invoiceWithoutCustomerCode('INV-1001')]))).toEqual([
			'0 valid',
			'1 rejected CUSTOMER_CODE_MISSING DUPLICATE_IN_BATCH',
		]);
	});

	test('two customer records with the same code are duplicates, reported on party.code', () => {
		const recordsOnly: ConstraintProfile = { id: 'records', name: 'Records', description: 'No rules.', fields: [] };
		const customer = (name: string): LedgerDocument => ({ type: 'customer', party: { code: 'ACME', name } });
		const outcomes = processBatch([customer('Acme Ltd'), customer('Acme Limited')], {
			tables: new MappingTables(),
			profile: recordsOnly,
			mode: 'perDocument',
		});
		expect(summary(outcomes)).toEqual(['0 valid', '1 rejected DUPLICATE_IN_BATCH']);
		expect(outcomes[1].status === 'rejected' && outcomes[1].failures[0].field).toBe('party.code');
		expect(outcomes[1].status === 'rejected' && outcomes[1].failures[0].message).toBe(
			'Customer ACME appears twice in this run (items 1 and 2); the second one is not sent.',
		);
	});

	test('in whole-batch mode a duplicate stops the batch, naming the repeated invoice', () => {
		const outcomes = run([invoice('INV-1001'), invoice('INV-1001')], 'wholeBatch');
		expect(summary(outcomes)).toEqual(['0 rejected BATCH_STOPPED', '1 rejected DUPLICATE_IN_BATCH']);
	});
});

describe('a line whose cost-matrix item is unmapped is reported once', () => {
	function invoiceWithItems(): LedgerDocument {
		const document = salesInvoice();
		document.lines = [
			{ description: 'Design work', net: '100.00', taxCode: 'S', taxAmount: '20.00', item: { code: 'DESIGN' } },
			{ description: 'Print run', net: '50.00', taxCode: 'S', taxAmount: '10.00', item: { code: 'PRINT' } },
		];
		return document;
	}

	test('under reject, the unmapped item gives ITEM_ACCOUNT_UNMAPPED only, not also ACCOUNT_CODE_MISSING', () => {
		const tables = new MappingTables()
			.add({ table: 'itemSalesAccount', from: 'DESIGN', to: '4100' })
			.setPolicy('itemSalesAccount', { policy: 'reject' });
		const [outcome] = run([invoiceWithItems()], 'perDocument', tables);
		expect(outcome.status === 'rejected' && outcome.failures).toEqual([
			{
				code: 'ITEM_ACCOUNT_UNMAPPED',
				field: 'lines[1].item.code',
				message:
					'Sales invoice INV-1001: line 2 item "PRINT" is not in the Cost-Matrix Item → Sales Account mapping table.',
			},
		]);
	});

	test('another line with neither account nor item still gets ACCOUNT_CODE_MISSING', () => {
		const document = invoiceWithItems();
		document.lines!.push({ description: 'Delivery', net: '0.00' });
		const tables = new MappingTables().setPolicy('itemSalesAccount', { policy: 'reject' });
		const [outcome] = run([document], 'perDocument', tables);
		expect(outcome.status === 'rejected' && outcome.failures.map((failure) => `${failure.code} ${failure.field}`)).toEqual([
			'ITEM_ACCOUNT_UNMAPPED lines[0].item.code',
			'ITEM_ACCOUNT_UNMAPPED lines[1].item.code',
			'ACCOUNT_CODE_MISSING lines[2].account',
		]);
	});

	test('under passThrough the unmapped item leaves the line without an account: ACCOUNT_CODE_MISSING', () => {
		const tables = new MappingTables().add({ table: 'itemSalesAccount', from: 'DESIGN', to: '4100' });
		const [outcome] = run([invoiceWithItems()], 'perDocument', tables);
		expect(summary([outcome])).toEqual(['0 rejected ACCOUNT_CODE_MISSING']);
	});

	test('when both items are in the cost matrix the invoice is valid with the accounts filled in', () => {
		const tables = new MappingTables()
			.add({ table: 'itemSalesAccount', from: 'DESIGN', to: '4100' })
			.add({ table: 'itemSalesAccount', from: 'PRINT', to: '4200' })
			.setPolicy('itemSalesAccount', { policy: 'reject' });
		const [outcome] = run([invoiceWithItems()], 'perDocument', tables);
		expect(outcome.status).toBe('valid');
		expect(outcome.status === 'valid' && outcome.document.lines!.map((line) => line.account)).toEqual(['4100', '4200']);
	});
});

describe('every input ends up exactly once as valid or rejected', () => {
	const numbers = fc.constantFrom('INV-1001', 'INV-1002', 'INV-1003', 'inv-1001', 'INV-1004 ');
	const anyInput: fc.Arbitrary<unknown> = fc.oneof(
		numbers.map(invoice),
		numbers.map(invoiceWithoutCustomerCode),
		numbers.map((number) => ({ ...invoice(number), totals: { net: '1.00', tax: '0.00', gross: '1.00' } })),
		numbers.map((number) => ({ ...invoice(number), type: 'salesInvoce' })),
		fc.constant(purchaseInvoice()),
		fc.constantFrom(null, 'INV-1001', 42, [], {}),
	);

	test('outcomes line up with the inputs: same count, indexes 0..n-1, every rejection with a reason', () => {
		fc.assert(
			fc.property(fc.array(anyInput, { maxLength: 25 }), fc.constantFrom<BatchMode>('perDocument', 'wholeBatch'), (inputs, mode) => {
				const outcomes = run(inputs, mode);
				expect(outcomes.length).toBe(inputs.length);
				expect(outcomes.map((outcome) => outcome.index)).toEqual(inputs.map((_input, index) => index));
				for (const outcome of outcomes) {
					expect(['valid', 'rejected']).toContain(outcome.status);
					if (outcome.status === 'rejected') {
						expect(outcome.input).toBe(inputs[outcome.index]);
						expect(outcome.failures.length).toBeGreaterThan(0);
					}
				}
			}),
		);
	});

	test('in whole-batch mode a batch is either all valid or has no valid document at all', () => {
		fc.assert(
			fc.property(fc.array(anyInput, { minLength: 1, maxLength: 25 }), (inputs) => {
				const statuses = new Set(run(inputs, 'wholeBatch').map((outcome) => outcome.status));
				expect(statuses.size).toBe(1);
			}),
		);
	});

	test('whole-batch mode rejects exactly the documents per-document mode rejects, and stops the rest', () => {
		fc.assert(
			fc.property(fc.array(anyInput, { maxLength: 25 }), (inputs) => {
				const perDocument = run(inputs, 'perDocument');
				const wholeBatch = run(inputs, 'wholeBatch');
				const anyRejected = perDocument.some((outcome) => outcome.status === 'rejected');
				perDocument.forEach((outcome, index) => {
					const batched = wholeBatch[index];
					if (outcome.status === 'rejected') expect(batched).toEqual(outcome);
					else if (anyRejected) expect(batched.status === 'rejected' && codesOf(batched.failures)).toEqual(['BATCH_STOPPED']);
					else expect(batched).toEqual(outcome);
				});
			}),
		);
	});

	test('no two valid documents of a run share a type and number', () => {
		fc.assert(
			fc.property(fc.array(anyInput, { maxLength: 25 }), (inputs) => {
				const identities = run(inputs)
					.filter((outcome) => outcome.status === 'valid')
					.map((outcome) => (outcome.status === 'valid' ? `${outcome.document.type}|${outcome.document.header?.number?.trim().toUpperCase()}` : ''));
				expect(new Set(identities).size).toBe(identities.length);
			}),
		);
	});
});

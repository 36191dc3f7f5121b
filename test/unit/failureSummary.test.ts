import { failureSummary } from '../../lib/report/failureCodes';

const nominal = (line: number, code = '4060') => ({ message: `Sales invoice INV-2045: line ${line} nominal code ${code} does not exist in Sage.` });

describe('a reject’s message names the document once and each fault once', () => {
	test('the same fault on three lines is one sentence', () => {
		expect(failureSummary([nominal(1), nominal(2), nominal(3)])).toBe('Sales invoice INV-2045: lines 1, 2 and 3 nominal code 4060 does not exist in Sage.');
	});

	test('different faults keep their own sentences, in order, the document named once', () => {
		const summary = failureSummary([nominal(1), { message: 'Sales invoice INV-2045: customer account code is empty; Sage 50 requires it.' }, nominal(2, '4070'), nominal(4)]);
		expect(summary).toBe('Sales invoice INV-2045: lines 1 and 4 nominal code 4060 does not exist in Sage. Customer account code is empty; Sage 50 requires it. Line 2 nominal code 4070 does not exist in Sage.');
	});

	test('one failure, or messages that do not share the document’s name, are left as they are', () => {
		expect(failureSummary([nominal(2)])).toBe(nominal(2).message);
		const mixed = [nominal(1), { message: 'Facture FA-12 : le compte 706000 n’existe pas.' }];
		expect(failureSummary(mixed)).toBe(mixed.map((failure) => failure.message).join(' '));
		expect(failureSummary([])).toBe('');
	});
});

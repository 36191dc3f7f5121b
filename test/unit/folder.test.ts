import { globToRegExp } from '../../lib/sources/folder/watch';

describe('file patterns of the Import Folder Trigger', () => {
	test.each([
		['*.txt', 'June Invoices.txt', true],
		['*.txt', 'June Invoices.TXT', true],
		['*.txt', 'June Invoices.txt.bak', false],
		['*.{txt,tab}', 'orders.tab', true],
		['*.{txt,tab}', 'orders.tsv', false],
		['June*.tab', 'JuneOrders.tab', true],
		['June*.tab', 'MayOrders.tab', false],
		['invoice?.txt', 'invoice1.txt', true],
		['invoice?.txt', 'invoice12.txt', false],
		['a+b (1).txt', 'a+b (1).txt', true],
	])('%s matches "%s": %s', (pattern, name, expected) => {
		expect(globToRegExp(pattern).test(name)).toBe(expected);
	});

	test('an unclosed { is a clear error naming the pattern', () => {
		expect(() => globToRegExp('*.{txt')).toThrow('The file pattern "*.{txt" opens { without closing it.');
	});
});

import {
	CP1252_TO_UNICODE,
	cp1252Byte,
	decodeCp1252,
	encodeCp1252,
	firstCharacterOutsideCp1252,
} from '../../../lib/files/cp1252';
import { pythonCp1252Table } from './readers';

describe('Windows-1252, the code page of Opera 3 files', () => {
	test('the 256-byte table agrees with Python\'s cp1252 codec byte for byte, undefined bytes included', () => {
		const python = pythonCp1252Table();
		const ours = CP1252_TO_UNICODE.map((codePoint) => (codePoint < 0 ? null : String.fromCharCode(codePoint)));
		expect(ours).toEqual(python);
		expect(CP1252_TO_UNICODE).toHaveLength(256);
	});

	test('€ is 0x80, the curly quotes ‘ ’ “ ” are 0x91–0x94, – and — are 0x96 and 0x97, £ is 0xA3', () => {
		expect([...encodeCp1252('€‘’“”–—£')]).toEqual([0x80, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xa3]);
	});

	test('Node\'s latin1 gets € wrong, which is why the writers carry their own table', () => {
		expect([...Buffer.from('€', 'latin1')]).not.toEqual([0x80]);
		expect(decodeCp1252(Buffer.from([0x80]))).toBe('€');
	});

	test('every defined byte decodes and encodes back to itself', () => {
		const defined = CP1252_TO_UNICODE.flatMap((codePoint, byte) => (codePoint < 0 ? [] : [byte]));
		expect(defined).toHaveLength(251);
		expect([...encodeCp1252(decodeCp1252(Uint8Array.from(defined)))]).toEqual(defined);
	});

	test('characters without a byte are found whole: ✓, Ł, the C1 control U+0081, and an emoji (not half a surrogate pair)', () => {
		expect(firstCharacterOutsideCp1252('Paid ✓')).toBe('✓');
		expect(firstCharacterOutsideCp1252('Łódź')).toBe('Ł');
		expect(firstCharacterOutsideCp1252('a\u0081b')).toBe('\u0081');
		expect(firstCharacterOutsideCp1252('Thanks 👍')).toBe('👍');
		expect(firstCharacterOutsideCp1252('Café “Crème” – £5, €7')).toBeUndefined();
		expect(cp1252Byte(0x20ac)).toBe(0x80);
		expect(cp1252Byte(0x0141)).toBe(-1);
	});

	test('an unchecked character reaching the encoder is an error, never a silent "?"', () => {
		expect(() => encodeCp1252('✓')).toThrow('U+2713');
		expect(() => decodeCp1252(Buffer.from([0x81]))).toThrow('0x81');
	});
});

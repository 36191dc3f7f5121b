import fc from 'fast-check';

import {
	decodeExportBytes,
	decodeExportBytesDeferred,
	decodeMacRoman,
	decodeWindows1252,
	MAC_ROMAN_TO_UNICODE,
	windows1252Characters,
} from '../../../lib/sources/streamtime/decode';
import { encodeCp1252 } from '../../../lib/files/cp1252';

const SAMPLE = 'Invoice Number\tDescription\r\n1001\tCafé “Spring” – £5, €7\r\n';

/** Mac Roman bytes through ICU's own table (Node's TextDecoder), independent of ours. */
function encodeMacRoman(text: string): Uint8Array {
	const decoder = new TextDecoder('macintosh');
	const byCharacter = new Map<string, number>();
	for (let byte = 0; byte < 256; byte++) byCharacter.set(decoder.decode(Uint8Array.of(byte)), byte);
	return Uint8Array.from([...text].map((character) => {
		const byte = byCharacter.get(character);
		if (byte === undefined) throw new Error(`${character} is not in Mac Roman`);
		return byte;
	}));
}

describe('reading the bytes of an export in the encoding it was saved in', () => {
	test('UTF-8 with a byte-order mark: the mark is dropped', () => {
		const decoded = decodeExportBytes(Buffer.from(`\uFEFF${SAMPLE}`, 'utf8'));
		expect(decoded).toEqual({ text: SAMPLE, encoding: 'utf-8', detectedBy: 'byteOrderMark', undecodableBytes: 0 });
	});

	test('UTF-8 without a mark is recognised because it is valid UTF-8', () => {
		expect(decodeExportBytes(Buffer.from(SAMPLE, 'utf8'))).toMatchObject({ text: SAMPLE, encoding: 'utf-8', detectedBy: 'validUtf8' });
	});

	test('plain ASCII reads as UTF-8', () => {
		expect(decodeExportBytes(Buffer.from('Invoice Number\tAmount\n', 'ascii'))).toMatchObject({ encoding: 'utf-8' });
	});

	test('UTF-16 LE and BE with a byte-order mark', () => {
		const little = Buffer.from(`\uFEFF${SAMPLE}`, 'utf16le');
		const big = Buffer.from(little).swap16();
		expect(decodeExportBytes(little)).toMatchObject({ text: SAMPLE, encoding: 'utf-16le', detectedBy: 'byteOrderMark' });
		expect(decodeExportBytes(big)).toMatchObject({ text: SAMPLE, encoding: 'utf-16be', detectedBy: 'byteOrderMark' });
	});

	test('UTF-16 LE and BE without a mark are told apart by where the NUL bytes are', () => {
		const little = Buffer.from(SAMPLE, 'utf16le');
		const big = Buffer.from(little).swap16();
		expect(decodeExportBytes(little)).toMatchObject({ text: SAMPLE, encoding: 'utf-16le', detectedBy: 'nulBytes' });
		expect(decodeExportBytes(big)).toMatchObject({ text: SAMPLE, encoding: 'utf-16be', detectedBy: 'nulBytes' });
	});

	test('Windows-1252: € is 0x80 and the curly quotes are 0x91–0x94, not C1 control characters', () => {
		const bytes = Uint8Array.of(0x80, 0x31, 0x30, 0x20, 0x91, 0x61, 0x92, 0x20, 0x93, 0x62, 0x94, 0x20, 0x96, 0x20, 0xa3);
		expect(decodeExportBytes(bytes)).toMatchObject({ text: '€10 ‘a’ “b” – £', encoding: 'windows-1252', detectedBy: 'byteStatistics' });
		expect(decodeWindows1252(bytes)).toBe('€10 ‘a’ “b” – £');
	});

	test('a whole Windows-1252 export decodes exactly', () => {
		expect(decodeExportBytes(encodeCp1252(SAMPLE))).toMatchObject({ text: SAMPLE, encoding: 'windows-1252' });
	});

	test('the Mac Roman table agrees with ICU\'s, byte for byte', () => {
		const icu = new TextDecoder('macintosh').decode(Uint8Array.from({ length: 128 }, (_, index) => 0x80 + index));
		expect(MAC_ROMAN_TO_UNICODE.map((codePoint) => String.fromCharCode(codePoint)).join('')).toBe(icu);
		expect(MAC_ROMAN_TO_UNICODE).toHaveLength(128);
	});

	test('a Mac Roman export (FileMaker on a Mac) is recognised and decoded', () => {
		const bytes = encodeMacRoman(SAMPLE);
		expect(decodeMacRoman(bytes)).toBe(SAMPLE);
		expect(decodeExportBytes(bytes)).toMatchObject({ text: SAMPLE, encoding: 'macintosh', detectedBy: 'byteStatistics' });
	});

	test.each([
		['Café Lumière', 'a word with accents'],
		['Brand refresh – concept design', 'a dash between spaces'],
		['Artwork for “Summer Sale” posters', 'curly quotes round a word'],
		['Client’s logo', 'an apostrophe'],
		['Consultancy €1,200', 'a euro amount'],
	])('"%s" (%s) is told apart in both code pages', (text) => {
		const line = `Invoice Number\tDescription\r\n1001\t${text}\r\n`;
		expect(decodeExportBytes(encodeCp1252(line))).toMatchObject({ text: line, encoding: 'windows-1252' });
		expect(decodeExportBytes(encodeMacRoman(line))).toMatchObject({ text: line, encoding: 'macintosh' });
	});

	test('a byte Windows-1252 leaves undefined means the file is Mac Roman', () => {
		// 0x8F is è in Mac Roman and nothing in Windows-1252.
		expect(decodeExportBytes(Buffer.from([0x4c, 0x75, 0x6d, 0x69, 0x8f, 0x72, 0x65]))).toMatchObject({ text: 'Lumière', encoding: 'macintosh' });
	});

	test('an encoding named by the workflow is used as named, and its byte-order mark dropped', () => {
		const bytes = encodeCp1252('Caf\u00e9 \u201cx\u201d');
		expect(decodeExportBytes(bytes, 'macintosh')).toMatchObject({ encoding: 'macintosh', detectedBy: 'option', text: decodeMacRoman(bytes) });
		expect(decodeExportBytes(Buffer.from('\uFEFFabc', 'utf16le'), 'utf-16le').text).toBe('abc');
		expect(decodeExportBytes(Buffer.from('abc', 'utf16le'), 'utf-16le').text).toBe('abc');
	});

	test('bytes that mean nothing are counted and shown as �, never dropped silently', () => {
		expect(decodeExportBytes(Uint8Array.of(0x41, 0x81, 0x42), 'windows-1252')).toMatchObject({ text: 'A\uFFFDB', undecodableBytes: 1 });
		expect(decodeExportBytes(Uint8Array.of(0x41, 0xff, 0x42), 'utf-8')).toMatchObject({ text: 'A\uFFFDB', undecodableBytes: 1 });
		expect(decodeExportBytes(Uint8Array.of(0x41, 0x00, 0x42), 'utf-16le')).toMatchObject({ text: 'A\uFFFD', undecodableBytes: 1 });
	});

	test('an empty file is empty text', () => {
		expect(decodeExportBytes(new Uint8Array(0))).toMatchObject({ text: '', encoding: 'utf-8' });
	});
});

describe('Windows-1252 read as Latin-1 with its 32 differing bytes put right later (what the parser does)', () => {
	const anyBytes = fc.uint8Array({ maxLength: 400 });
	// Mostly ASCII with the bytes where Windows-1252 and Latin-1 differ, the undefined ones included.
	const exportLikeBytes = fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) }, { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) }), { maxLength: 400 }).map((bytes) => Uint8Array.from(bytes));

	test('putting right the whole deferred text gives decodeExportBytes\' text, with the same encoding and counts', () => {
		fc.assert(
			fc.property(fc.oneof(anyBytes, exportLikeBytes), fc.constantFrom('auto', 'windows-1252', 'macintosh', 'utf-8'), fc.nat(8), (bytes, encoding, offset) => {
				// Also at an offset in its buffer, as a Buffer from a pool has.
				const shifted = new Uint8Array(bytes.length + offset).subarray(offset);
				shifted.set(bytes);
				const eager = decodeExportBytes(shifted, encoding as 'auto');
				const { deferred, ...lazy } = decodeExportBytesDeferred(shifted, encoding as 'auto');
				expect({ ...lazy, text: deferred ? windows1252Characters(lazy.text) : lazy.text }).toEqual(eager);
				if (deferred) {
					expect(lazy.encoding).toBe('windows-1252');
					const positions = [...deferred];
					expect(positions).toEqual([...lazy.text].flatMap((character, index) => (character >= '\u0080' && character <= '\u009f' ? [index] : [])));
				} else {
					expect(lazy.text).toBe(eager.text);
				}
			}),
			{ numRuns: 3000 },
		);
	});

	test('only the bytes 0x80–0x9F are deferred; a file with a byte Windows-1252 leaves undefined is decoded at once', () => {
		const bytes = encodeCp1252('€12 “Café” – ok');
		const lazy = decodeExportBytesDeferred(bytes, 'windows-1252');
		expect(lazy.text).toBe('\u008012 \u0093Caf\u00e9\u0094 \u0096 ok');
		expect([...(lazy.deferred ?? [])]).toEqual([0, 4, 9, 11]);
		expect(windows1252Characters(lazy.text)).toBe('€12 “Café” – ok');
		expect(decodeExportBytesDeferred(Uint8Array.of(0x41, 0x81, 0x93, 0x42), 'windows-1252')).toEqual({
			text: 'A\uFFFD“B',
			encoding: 'windows-1252',
			detectedBy: 'option',
			undecodableBytes: 1,
		});
		expect(decodeExportBytesDeferred(encodeCp1252('Café'), 'windows-1252')).toEqual({ text: 'Café', encoding: 'windows-1252', detectedBy: 'option', undecodableBytes: 0 });
	});

	test('text without those characters is returned as it is', () => {
		const text = 'Invoice Number\tDescription';
		expect(windows1252Characters(text)).toBe(text);
	});
});

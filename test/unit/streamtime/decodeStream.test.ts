/**
 * Bytes decoded as they arrive, in pieces of any size, give the text of the whole file
 * decoded at once: the same characters, encoding and count of undecodable bytes, a piece
 * ending inside a character or between the two bytes of UTF-16.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';

import { encodeCp1252 } from '../../../lib/files/cp1252';
import {
	decodeExportBytes,
	ExportTextDecoder,
	MAC_ROMAN_TO_UNICODE,
	windows1252Characters,
	type EncodingFinding,
	type EncodingOption,
} from '../../../lib/sources/streamtime/decode';

const SAMPLES = path.join(__dirname, '../../../workflows/samples/streamtime');

/** Decodes `bytes` in pieces of `size`, reading them again as often as the decoder asks; returns the readings too. */
function decodeInPieces(bytes: Uint8Array, size: number, encoding: EncodingOption = 'auto') {
	let finding: EncodingFinding = {};
	for (let reading = 1; ; reading++) {
		const decoder = new ExportTextDecoder(encoding, finding, true);
		let text = '';
		const add = (piece: { text: string; deferred?: Int32Array } | undefined) => {
			if (piece) text += piece.deferred ? windows1252Characters(piece.text) : piece.text;
		};
		for (let at = 0; at < bytes.length && !decoder.misread; at += size) add(decoder.push(bytes.subarray(at, at + size)));
		if (!decoder.misread) add(decoder.end());
		if (!decoder.misread) return { text, encoding: decoder.encoding, undecodableBytes: decoder.undecodableBytes, readings: reading };
		finding = decoder.misread;
		if (reading > 3) throw new Error('read more than three times');
	}
}

function encodeMacRoman(text: string): Uint8Array {
	return Uint8Array.from([...text].map((character) => {
		const code = character.charCodeAt(0);
		return code < 0x80 ? code : 0x80 + MAC_ROMAN_TO_UNICODE.indexOf(code);
	}));
}

/** 'the same', or where two long texts part, to keep a failure's message short. */
function shortDifference(text: string, expected: string): string {
	if (text === expected) return 'the same';
	let at = 0;
	while (at < text.length && text[at] === expected[at]) at++;
	return `from character ${at}: ${JSON.stringify(text.slice(at, at + 20))} where the whole file has ${JSON.stringify(expected.slice(at, at + 20))}`;
}

const expectSame = (bytes: Uint8Array, size: number, encoding: EncodingOption = 'auto') => {
	const whole = decodeExportBytes(bytes, encoding);
	const pieces = decodeInPieces(bytes, size, encoding);
	expect({ text: shortDifference(pieces.text, whole.text), encoding: pieces.encoding, undecodableBytes: pieces.undecodableBytes }).toEqual({
		text: 'the same',
		encoding: whole.encoding,
		undecodableBytes: whole.undecodableBytes,
	});
	return pieces;
};

describe('an export decoded piece by piece reads as the whole file decoded at once', () => {
	const text = 'Invoice Number\tDescription\r\n1001\tCafé “Spring” – €10 ‘a’ Lumière 😀\r\n';
	const files: [string, Uint8Array][] = [
		...['june-invoices.txt', 'june-orders.tab', 'july-invoices-messy.txt', 'july-invoices.txt', 'exact-june-invoices.txt'].map(
			(name) => [name, new Uint8Array(readFileSync(path.join(SAMPLES, name)))] as [string, Uint8Array],
		),
		['UTF-8', Buffer.from(text, 'utf8')],
		['UTF-8 with a mark', Buffer.from(`\uFEFF${text}`, 'utf8')],
		['UTF-16 LE with a mark', Buffer.from(`\uFEFF${text}`, 'utf16le')],
		['UTF-16 BE with a mark', Buffer.from(Buffer.from(`\uFEFF${text}`, 'utf16le')).swap16()],
		['UTF-16 LE without one', Buffer.from(text, 'utf16le')],
		['UTF-16 with a dangling byte', Buffer.concat([Buffer.from(text, 'utf16le'), Buffer.of(0x41)])],
		['Windows-1252', encodeCp1252(text.replace('😀', ''))],
		['Windows-1252 with an undefined byte', Buffer.concat([encodeCp1252(text.replace('😀', '')), Buffer.of(0x81, 0x93)])],
		['Mac Roman', encodeMacRoman(text.replace(/[😀‘’€]/gu, ''))],
	];

	test.each(files)('%s in pieces of 1, 7 and 65536 bytes', (_, bytes) => {
		for (const size of [1, 7, 65536]) expectSame(bytes, size);
	});

	test('a workflow\'s encoding is kept, its byte-order mark dropped only when it is that encoding\'s', () => {
		for (const [, bytes] of files) {
			for (const encoding of ['utf-8', 'windows-1252', 'macintosh', 'utf-16le', 'utf-16be'] as const) {
				for (const size of [1, 7, 65536]) expect(expectSame(bytes, size, encoding).readings).toBe(1);
			}
		}
	});

	test('a file whose first 64 KiB are plain ASCII is read as UTF-8 until a Windows-1252 “ proves otherwise, then read again', () => {
		const start = 'x\t'.repeat(40_000);
		const bytes = encodeCp1252(`${start}Café “Spring” – €10\r\n`);
		expect(expectSame(bytes, 65536)).toMatchObject({ encoding: 'windows-1252', readings: 2 });
		expect(expectSame(bytes, 7).readings).toBe(2);
	});

	test('and a Mac Roman file like it is read a third time once its statistics say Mac Roman', () => {
		const bytes = encodeMacRoman(`${'x\t'.repeat(40_000)}Lumière Café Crème brûlée\r\n`);
		expect(expectSame(bytes, 65536)).toMatchObject({ encoding: 'macintosh', readings: 3 });
	});

	test('a UTF-8 file whose first invalid byte comes late has its replacement characters counted as a whole file would', () => {
		const bytes = Buffer.concat([Buffer.from(`${'x\t'.repeat(40_000)}Café`, 'utf8'), Buffer.of(0xff, 0xc3), Buffer.from('\r\n')]);
		for (const size of [1, 7, 65536]) expectSame(bytes, size, 'utf-8');
		expectSame(bytes, 65536);
	});

	test('random bytes in random pieces', () => {
		const pool = [0x41, 0x09, 0x0a, 0x0d, 0x00, 0xc3, 0xa9, 0xe2, 0x80, 0x9c, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x81, 0x8e, 0xd5, 0xff, 0xef, 0xbb, 0xbf, 0xfe];
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...pool), { maxLength: 200 }),
				fc.integer({ min: 1, max: 9 }),
				fc.constantFrom<EncodingOption>('auto', 'utf-8', 'windows-1252', 'macintosh', 'utf-16le', 'utf-16be'),
				(values, size, encoding) => {
					expectSame(Uint8Array.from(values), size, encoding);
				},
			),
			{ numRuns: 2000 },
		);
	});
});

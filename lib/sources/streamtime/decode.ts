/**
 * Bytes of a Streamtime "Tab-Separated Text" export → text.
 *
 * The export has no declared encoding. Streamtime 13 runs on FileMaker, whose tab-separated
 * export writes the computer's "ANSI" code page: Windows-1252 on a Windows PC, Mac Roman on
 * an older Mac; newer set-ups and files re-saved in Excel or a text editor arrive as UTF-8
 * (with or without a byte-order mark) or UTF-16. So the encoding is detected from the bytes
 * unless the workflow names it.
 *
 * Windows-1252 is decoded with our own table, never `new TextDecoder('windows-1252')`:
 * Node 20.18.3+ decodes 0x80–0x9F there as Latin-1, so € (0x80) and the curly quotes
 * (0x91–0x94) come out as C1 control characters (../shared/reference/n8n-community-nodes.md §4).
 */
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

import { CP1252_TO_UNICODE } from '../../files/cp1252';

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'macintosh'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];
export type EncodingOption = 'auto' | TextEncodingName;

export interface DecodedText {
	text: string;
	encoding: TextEncodingName;
	/** How the encoding was chosen, for the run summary. */
	detectedBy: 'option' | 'byteOrderMark' | 'nulBytes' | 'validUtf8' | 'byteStatistics';
	/** Bytes that mean nothing in the encoding; each became U+FFFD (�). */
	undecodableBytes: number;
}

/**
 * Mac OS Roman, bytes 0x80–0xFF (Apple's ROMAN.TXT after Mac OS 8.5, where 0xDB is € rather
 * than the old currency sign ¤; 0xF0 is the Apple logo in the private use area).
 */
export const MAC_ROMAN_TO_UNICODE: readonly number[] = [
	0x00c4, 0x00c5, 0x00c7, 0x00c9, 0x00d1, 0x00d6, 0x00dc, 0x00e1, 0x00e0, 0x00e2, 0x00e4, 0x00e3, 0x00e5, 0x00e7, 0x00e9, 0x00e8,
	0x00ea, 0x00eb, 0x00ed, 0x00ec, 0x00ee, 0x00ef, 0x00f1, 0x00f3, 0x00f2, 0x00f4, 0x00f6, 0x00f5, 0x00fa, 0x00f9, 0x00fb, 0x00fc,
	0x2020, 0x00b0, 0x00a2, 0x00a3, 0x00a7, 0x2022, 0x00b6, 0x00df, 0x00ae, 0x00a9, 0x2122, 0x00b4, 0x00a8, 0x2260, 0x00c6, 0x00d8,
	0x221e, 0x00b1, 0x2264, 0x2265, 0x00a5, 0x00b5, 0x2202, 0x2211, 0x220f, 0x03c0, 0x222b, 0x00aa, 0x00ba, 0x03a9, 0x00e6, 0x00f8,
	0x00bf, 0x00a1, 0x00ac, 0x221a, 0x0192, 0x2248, 0x2206, 0x00ab, 0x00bb, 0x2026, 0x00a0, 0x00c0, 0x00c3, 0x00d5, 0x0152, 0x0153,
	0x2013, 0x2014, 0x201c, 0x201d, 0x2018, 0x2019, 0x00f7, 0x25ca, 0x00ff, 0x0178, 0x2044, 0x20ac, 0x2039, 0x203a, 0xfb01, 0xfb02,
	0x2021, 0x00b7, 0x201a, 0x201e, 0x2030, 0x00c2, 0x00ca, 0x00c1, 0x00cb, 0x00c8, 0x00cd, 0x00ce, 0x00cf, 0x00cc, 0x00d3, 0x00d4,
	0xf8ff, 0x00d2, 0x00da, 0x00db, 0x00d9, 0x0131, 0x02c6, 0x02dc, 0x00af, 0x02d8, 0x02d9, 0x02da, 0x00b8, 0x02dd, 0x02db, 0x02c7,
];

const REPLACEMENT = 0xfffd;

// Both single-byte code pages as 256-entry tables (ASCII below 0x80); -1 = undefined byte.
const WINDOWS_1252 = Int32Array.from(CP1252_TO_UNICODE);
const MAC_ROMAN = Int32Array.from({ length: 256 }, (_, byte) => (byte < 0x80 ? byte : MAC_ROMAN_TO_UNICODE[byte - 0x80]));

export function decodeExportBytes(bytes: Uint8Array, encoding: EncodingOption = 'auto'): DecodedText {
	return decode(bytes, encoding, false);
}

/**
 * The text of an export with the Windows-1252 characters of bytes 0x80–0x9F (€ ‚ „ … ‘ ’ “ ” –
 * — ™ and the rest) possibly left undone: when `deferred` is there, the text is the bytes
 * read as Latin-1, and `deferred` lists the positions (in order) where it holds one of the
 * Latin-1 control characters U+0080–U+009F instead; windows1252Characters turns any part of
 * the text into what decodeExportBytes gives for it. A large export is then one-byte text
 * read natively, half the size of the two-byte text the few “ ” and – would otherwise make
 * of all of it, and only the cells that hold such a character are put right. Used by the
 * parser; without `deferred` the text is exactly decodeExportBytes'.
 */
export function decodeExportBytesDeferred(bytes: Uint8Array, encoding: EncodingOption = 'auto'): DecodedText & { deferred?: Int32Array } {
	return decode(bytes, encoding, true);
}

function decode(bytes: Uint8Array, encoding: EncodingOption, defer: boolean): DecodedText & { deferred?: Int32Array } {
	// The whole file is one piece: the start the encoding is told from is all of it, so the
	// first guess is the answer and the decoder never asks for a second reading.
	const decoder = new ExportTextDecoder(encoding, {}, defer);
	const first = decoder.push(bytes);
	const last = decoder.end();
	const text = (first?.text ?? '') + (last?.text ?? '');
	const decoded: DecodedText & { deferred?: Int32Array } = { text, encoding: decoder.encoding!, detectedBy: decoder.detectedBy!, undecodableBytes: decoder.undecodableBytes };
	// Only a single-byte piece has deferred characters, and the end of one adds no text.
	const deferred = first?.deferred ?? last?.deferred;
	if (deferred) decoded.deferred = deferred;
	return decoded;
}

/** What one reading of an export learnt about its encoding, for the next reading of the same bytes. */
export interface EncodingFinding {
	/** The encoding, told from the whole file's statistics. */
	encoding?: TextEncodingName;
	/** The bytes are not UTF-8, though their start is. */
	notUtf8?: boolean;
}

/** Text decoded from some of the bytes; `deferred` as decodeExportBytesDeferred's, positions in this text. */
export interface TextPiece {
	text: string;
	deferred?: Int32Array;
}

/**
 * Bytes that arrive in pieces (a file stream) → text pieces that, put together, are the text
 * decodeExportBytes (or with `defer`, decodeExportBytesDeferred) makes of all the bytes. A
 * piece may end inside a character: its bytes wait for the next piece.
 *
 * 'auto' tells the encoding from the first PREFIX_BYTES (the byte-order mark, the NULs of
 * UTF-16 and the whole of the rest are in them), except for two things the whole-file decode
 * reads further: whether all the bytes are valid UTF-8, and the statistics of the first 5000
 * bytes from 0x80 that tell Windows-1252 from Mac Roman. Those are guessed from the start and
 * checked as the bytes go by; when a later byte proves the guess wrong, `misread` says what is
 * known now and no more text comes out: the bytes must be read again, with that finding.
 */
export class ExportTextDecoder {
	encoding?: TextEncodingName;
	detectedBy?: DecodedText['detectedBy'];
	undecodableBytes = 0;
	/** Set once a byte contradicts the encoding guessed from the start. */
	misread?: EncodingFinding;
	private head: Uint8Array[] | undefined = [];
	private headLength = 0;
	private piece?: PieceDecoder;
	private scorer?: SingleByteScorer;

	constructor(
		private readonly option: EncodingOption,
		private readonly finding: EncodingFinding = {},
		private readonly defer = false,
	) {}

	push(bytes: Uint8Array): TextPiece | undefined {
		if (this.misread) return undefined;
		if (this.head) {
			this.head.push(bytes);
			this.headLength += bytes.length;
			if (this.headLength < PREFIX_BYTES) return undefined;
			return this.decide(this.takeHead(), false);
		}
		return this.decodePiece(bytes);
	}

	end(): TextPiece | undefined {
		if (this.misread) return undefined;
		const first = this.head ? this.decide(this.takeHead(), true) : undefined;
		if (this.misread) return undefined;
		this.scorer?.end();
		this.checkStatistics();
		const last = this.piece!.end();
		this.undecodableBytes = this.piece!.undecodableBytes;
		if (this.piece!.invalid) this.misread = { notUtf8: true };
		if (this.misread) return undefined;
		if (!first) return last;
		return last.text ? { text: first.text + last.text, deferred: first.deferred } : first;
	}

	private takeHead(): Uint8Array {
		const pieces = this.head!;
		this.head = undefined;
		return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
	}

	/** Chooses the encoding from the start of the file (all of it when `final`), and decodes that start. */
	private decide(head: Uint8Array, final: boolean): TextPiece | undefined {
		let skip = 0;
		let encoding: TextEncodingName;
		if (this.option !== 'auto') {
			const bom = byteOrderMark(head);
			skip = bom?.encoding === this.option ? bom.length : 0;
			encoding = this.option;
			this.detectedBy = 'option';
		} else if (this.finding.encoding) {
			encoding = this.finding.encoding;
			this.detectedBy = 'byteStatistics';
		} else {
			const bom = byteOrderMark(head);
			const utf16 = bom ? undefined : utf16ByNulBytes(head);
			if (bom) {
				[encoding, skip, this.detectedBy] = [bom.encoding, bom.length, 'byteOrderMark'];
			} else if (utf16) {
				[encoding, this.detectedBy] = [utf16, 'nulBytes'];
			} else if (!this.finding.notUtf8 && isUtf8(head.subarray(0, final ? head.length : completeUtf8Length(head)))) {
				[encoding, this.detectedBy] = ['utf-8', 'validUtf8'];
			} else {
				this.scorer = new SingleByteScorer();
				this.scorer.push(head);
				if (final) this.scorer.end();
				encoding = this.scorer.result;
				this.detectedBy = 'byteStatistics';
			}
		}
		this.encoding = encoding;
		this.piece = pieceDecoder(encoding, this.defer, this.detectedBy === 'validUtf8');
		return this.decodePiece(skip ? head.subarray(skip) : head, true);
	}

	private decodePiece(bytes: Uint8Array, scored = false): TextPiece | undefined {
		const piece = this.piece!;
		const decoded = piece.push(bytes);
		this.undecodableBytes = piece.undecodableBytes;
		if (piece.invalid) {
			// Valid UTF-8 up to here, but not all of it: the whole-file decode would not read UTF-8.
			this.misread = { notUtf8: true };
			return undefined;
		}
		if (!scored && this.scorer && !this.scorer.done) this.scorer.push(bytes);
		this.checkStatistics();
		return this.misread ? undefined : decoded;
	}

	private checkStatistics(): void {
		const scorer = this.scorer;
		if (scorer === undefined || !scorer.done) return;
		this.scorer = undefined;
		if (scorer.result !== this.encoding) this.misread = { encoding: scorer.result };
	}
}

/** How much of the file the encoding is told from before any text comes out. */
const PREFIX_BYTES = 64 * 1024;

interface PieceDecoder {
	undecodableBytes: number;
	/** Set by a guessed UTF-8 decoder once a byte is not UTF-8. */
	invalid?: boolean;
	push(bytes: Uint8Array): TextPiece;
	end(): TextPiece;
}

function pieceDecoder(encoding: TextEncodingName, defer: boolean, guessedUtf8: boolean): PieceDecoder {
	switch (encoding) {
		case 'windows-1252':
			return new SingleBytePieces((bytes) => (defer ? decodeWindows1252Deferred(bytes) : decodeWindows1252Fast(bytes)));
		case 'macintosh':
			return new SingleBytePieces((bytes) => decodeSingleByte(bytes, MAC_ROMAN));
		case 'utf-16le':
		case 'utf-16be':
			return new Utf16Pieces(encoding === 'utf-16be');
		case 'utf-8':
			return new Utf8Pieces(guessedUtf8);
	}
}

/** A single-byte code page: every piece decodes on its own. */
class SingleBytePieces implements PieceDecoder {
	undecodableBytes = 0;

	constructor(private readonly decodeBytes: (bytes: Uint8Array) => { text: string; undecodableBytes: number; deferred?: Int32Array }) {}

	push(bytes: Uint8Array): TextPiece {
		const decoded = this.decodeBytes(bytes);
		this.undecodableBytes += decoded.undecodableBytes;
		return decoded.deferred ? { text: decoded.text, deferred: decoded.deferred } : { text: decoded.text };
	}

	end(): TextPiece {
		return { text: '' };
	}
}

/** UTF-16: a byte left over from a piece waits for the next. */
class Utf16Pieces implements PieceDecoder {
	undecodableBytes = 0;
	private carry?: number;

	constructor(private readonly bigEndian: boolean) {}

	push(bytes: Uint8Array): TextPiece {
		let source = bytes;
		if (this.carry !== undefined) {
			source = new Uint8Array(bytes.length + 1);
			source[0] = this.carry;
			source.set(bytes, 1);
			this.carry = undefined;
		}
		const even = source.length & ~1;
		if (even < source.length) this.carry = source[even];
		return { text: decodeUtf16(source.subarray(0, even), this.bigEndian).text };
	}

	end(): TextPiece {
		// A dangling last byte is half a character: reported, not guessed.
		if (this.carry === undefined) return { text: '' };
		this.undecodableBytes = 1;
		return { text: '\uFFFD' };
	}
}

/**
 * UTF-8 through Node's StringDecoder, which keeps a character split between pieces for the
 * next one and otherwise decodes as Buffer#toString does. Whether all the bytes are valid is
 * checked piece by piece, each cut where a character is complete: valid pieces make a valid
 * whole, and a whole that is not valid has a piece that is not.
 */
class Utf8Pieces implements PieceDecoder {
	undecodableBytes = 0;
	invalid?: boolean;
	private readonly decoder = new StringDecoder('utf8');
	private valid = true;
	private replacements = 0;
	private tail?: Uint8Array;

	constructor(private readonly guessed: boolean) {}

	push(bytes: Uint8Array): TextPiece {
		let checked = bytes;
		if (this.tail) {
			checked = Buffer.concat([this.tail, bytes]);
			this.tail = undefined;
		}
		const complete = completeUtf8Length(checked);
		if (this.valid && !isUtf8(checked.subarray(0, complete))) this.notValid();
		if (complete < checked.length) this.tail = new Uint8Array(checked.subarray(complete));
		return { text: this.count(this.decoder.write(asBuffer(bytes))) };
	}

	end(): TextPiece {
		if (this.tail) this.notValid();
		const text = this.count(this.decoder.end());
		this.undecodableBytes = this.valid ? 0 : this.replacements;
		return { text };
	}

	private notValid(): void {
		this.valid = false;
		if (this.guessed) this.invalid = true;
	}

	private count(text: string): string {
		if (!this.guessed) this.replacements += countReplacements(text);
		return text;
	}
}

/** Length of `bytes` without a UTF-8 character cut short at its end. */
function completeUtf8Length(bytes: Uint8Array): number {
	const length = bytes.length;
	let lead = length - 1;
	while (lead >= 0 && lead > length - 4 && (bytes[lead] & 0xc0) === 0x80) lead--;
	if (lead < 0 || bytes[lead] < 0xc0) return length;
	const needed = bytes[lead] >= 0xf0 ? 4 : bytes[lead] >= 0xe0 ? 3 : 2;
	return length - lead < needed ? lead : length;
}

function asBuffer(bytes: Uint8Array): Buffer {
	return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Windows-1252's characters for the Latin-1 control characters U+0080–U+009F left in deferred text. */
const C1_CHARACTERS = Array.from({ length: 32 }, (_, index) => {
	const codePoint = WINDOWS_1252[0x80 + index];
	return String.fromCharCode(codePoint >= 0 ? codePoint : REPLACEMENT);
});

/** Part of deferred text (decodeExportBytesDeferred) as decodeExportBytes reads it. */
export function windows1252Characters(text: string): string {
	// Put right in one pass, slice by slice: a row holds a few such characters (“ ” – €).
	let result = '';
	let from = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x80 || code >= 0xa0) continue;
		result += text.slice(from, index) + C1_CHARACTERS[code - 0x80];
		from = index + 1;
	}
	return from === 0 ? text : result + text.slice(from);
}

/** Windows-1252 through our table: every byte, including € at 0x80. Undefined bytes become �. */
export function decodeWindows1252(bytes: Uint8Array): string {
	return decodeWindows1252Fast(bytes).text;
}

export function decodeMacRoman(bytes: Uint8Array): string {
	return decodeSingleByte(bytes, MAC_ROMAN).text;
}

/**
 * Windows-1252 agrees with Latin-1 everywhere except 0x80–0x9F, so Node's native Latin-1
 * decoding (which is right for every other byte) is used when none of those 32 bytes is
 * there. Otherwise the bytes are widened to UTF-16 code units natively and only those
 * bytes are looked up; the text then holds “ ” € – and so is two-byte text either way.
 */
function decodeWindows1252Fast(bytes: Uint8Array): { text: string; undecodableBytes: number } {
	const length = bytes.length;
	let first = 0;
	while (first < length && (bytes[first] & 0xe0) !== 0x80) first++;
	if (first === length) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), undecodableBytes: 0 };
	const units = new Uint16Array(length);
	units.set(bytes);
	let undecodableBytes = 0;
	for (let index = first; index < length; index++) {
		const byte = bytes[index];
		if ((byte & 0xe0) !== 0x80) continue;
		const codePoint = WINDOWS_1252[byte];
		if (codePoint >= 0) {
			units[index] = codePoint;
		} else {
			units[index] = REPLACEMENT;
			undecodableBytes++;
		}
	}
	// Uint16Array is in the platform's byte order, little-endian on every platform Node supports.
	return { text: Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le'), undecodableBytes };
}

/**
 * Windows-1252 as Latin-1 text with the positions of its bytes 0x80–0x9F, to be put right
 * later (decodeExportBytesDeferred). A file with any of the five bytes Windows-1252 leaves
 * undefined is decoded at once instead, so deferred text never needs a �.
 */
function decodeWindows1252Deferred(bytes: Uint8Array): { text: string; undecodableBytes: number; deferred?: Int32Array } {
	const length = bytes.length;
	let positions = new Int32Array(256);
	let count = 0;
	let index = 0;
	// Four bytes at a time where the bytes are ASCII, which is nearly all of an export.
	const aligned = bytes.byteOffset % 4 === 0 ? length & ~3 : 0;
	const words = aligned > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, aligned / 4) : undefined;
	while (index < length) {
		if (words !== undefined && index % 4 === 0 && index < aligned && (words[index >> 2] & 0x80808080) === 0) {
			index += 4;
			continue;
		}
		const byte = bytes[index];
		if ((byte & 0xe0) === 0x80) {
			if (WINDOWS_1252[byte] < 0) return decodeWindows1252Fast(bytes);
			if (count === positions.length) {
				const grown = new Int32Array(count * 2);
				grown.set(positions);
				positions = grown;
			}
			positions[count++] = index;
		}
		index++;
	}
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	return count === 0 ? { text, undecodableBytes: 0 } : { text, undecodableBytes: 0, deferred: positions.subarray(0, count) };
}

function byteOrderMark(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
	return undefined;
}

/**
 * UTF-16 without a byte-order mark: export text is mostly ASCII, so one byte of each pair is
 * NUL — the second in little-endian, the first in big-endian. No other encoding a text
 * export uses puts NULs there.
 */
function utf16ByNulBytes(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
	const sample = Math.min(bytes.length, 4096) & ~1;
	if (sample < 2) return undefined;
	let nulEven = 0;
	let nulOdd = 0;
	for (let index = 0; index < sample; index += 2) {
		if (bytes[index] === 0) nulEven++;
		if (bytes[index + 1] === 0) nulOdd++;
	}
	const pairs = sample / 2;
	if (nulOdd >= pairs * 0.3 && nulEven <= pairs * 0.05) return 'utf-16le';
	if (nulEven >= pairs * 0.3 && nulOdd <= pairs * 0.05) return 'utf-16be';
	return undefined;
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): { text: string; undecodableBytes: number } {
	const even = bytes.length & ~1;
	let source = Buffer.from(bytes.buffer, bytes.byteOffset, even);
	if (bigEndian) source = Buffer.from(source).swap16();
	// A dangling last byte is half a character: reported, not guessed.
	const dangling = bytes.length - even;
	return { text: source.toString('utf16le') + (dangling ? '\uFFFD' : ''), undecodableBytes: dangling };
}

function countReplacements(text: string): number {
	let count = 0;
	for (let index = text.indexOf('\uFFFD'); index >= 0; index = text.indexOf('\uFFFD', index + 1)) count++;
	return count;
}

function decodeSingleByte(bytes: Uint8Array, table: Int32Array): { text: string; undecodableBytes: number } {
	// The table maps ASCII to itself (as Mac Roman does): every byte is widened natively, and
	// only the bytes from 0x80 are looked up.
	const units = new Uint16Array(bytes.length);
	units.set(bytes);
	let undecodableBytes = 0;
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (byte < 0x80) continue;
		const codePoint = table[byte];
		if (codePoint < 0) {
			units[index] = REPLACEMENT;
			undecodableBytes++;
		} else {
			units[index] = codePoint;
		}
	}
	// Uint16Array is in the platform's byte order, little-endian on every platform Node supports.
	return { text: Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le'), undecodableBytes };
}

// ---------------------------------------------------------------------------------------
// Windows-1252 or Mac Roman: both map every ASCII byte the same, so only the bytes
// 0x80–0xFF tell them apart. Each is read both ways and scored by how it sits among its
// neighbours: "é" between letters, "€" before a digit and “ ” around a word are likely;
// "È" after a lower-case letter ("CafÈ", which is Mac Roman's "Café" read as Windows-1252),
// a lone "ñ" between spaces or "∂" are not. Ties go to Windows-1252, by far the more common.

enum Kind {
	Space,
	Digit,
	Lower,
	Upper,
	Currency,
	Quote,
	Apostrophe,
	Dash,
	Symbol,
	OddSymbol,
	Undefined,
	Other,
}

const LIKELY_SYMBOLS = new Set([0x2026, 0x2022, 0x00b0, 0x00a9, 0x00ae, 0x2122, 0x00a0]);
const CURRENCY_SIGNS = new Set([0x20ac, 0x00a3]);
const QUOTES = new Set([0x201c, 0x201d, 0x2018, 0x201e]);
// Read as letters by Unicode, but in an export they are the florin sign and the Apple logo.
const NOT_LETTERS = new Set([0x0192, 0xf8ff, 0x00aa, 0x00ba]);

function kindOf(codePoint: number): Kind {
	if (codePoint < 0) return Kind.Undefined;
	if (codePoint === 0x20 || codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d) return Kind.Space;
	if (codePoint >= 0x30 && codePoint <= 0x39) return Kind.Digit;
	if (CURRENCY_SIGNS.has(codePoint)) return Kind.Currency;
	if (QUOTES.has(codePoint)) return Kind.Quote;
	if (codePoint === 0x2019) return Kind.Apostrophe;
	if (codePoint === 0x2013 || codePoint === 0x2014) return Kind.Dash;
	if (LIKELY_SYMBOLS.has(codePoint)) return Kind.Symbol;
	const character = String.fromCharCode(codePoint);
	if (!NOT_LETTERS.has(codePoint)) {
		if (/\p{Ll}/u.test(character)) return Kind.Lower;
		if (/\p{Lu}/u.test(character)) return Kind.Upper;
	}
	if (codePoint >= 0x80 || codePoint < 0x20) return Kind.OddSymbol;
	return Kind.Other;
}

const WINDOWS_1252_KINDS = Int8Array.from(WINDOWS_1252, kindOf);
const MAC_ROMAN_KINDS = Int8Array.from(MAC_ROMAN, kindOf);

const isLetter = (kind: Kind) => kind === Kind.Lower || kind === Kind.Upper;

function likelihood(kind: Kind, before: Kind, after: Kind): number {
	switch (kind) {
		case Kind.Undefined:
			return -10;
		case Kind.Currency:
			return before === Kind.Digit || after === Kind.Digit ? 3 : 1;
		case Kind.Apostrophe:
			if (isLetter(before) && isLetter(after)) return 3;
			return before === Kind.Space || after === Kind.Space ? 2 : 0;
		case Kind.Quote:
			if (isLetter(before) && isLetter(after)) return -1;
			return before === Kind.Space || after === Kind.Space ? 2 : 1;
		case Kind.Dash:
			return before === Kind.Space || after === Kind.Space || before === Kind.Digit || after === Kind.Digit ? 2 : 0;
		case Kind.Lower:
			if (isLetter(before) || after === Kind.Lower) return 2;
			return isLetter(after) ? 0 : -2;
		case Kind.Upper:
			if (before === Kind.Lower) return -3;
			return isLetter(before) || isLetter(after) ? 1 : -1;
		case Kind.Symbol:
			return 1;
		default:
			return -2;
	}
}

/** How many bytes from 0x80 the two readings are scored on: a few pages of an export. */
const SCORED_BYTES = 5000;

/**
 * The scores of the first SCORED_BYTES bytes from 0x80, read both ways, from bytes that may
 * arrive in pieces: a byte's neighbours are the bytes before and after it in the file, so the
 * last byte of a piece is scored when the next piece (or the end) comes.
 */
class SingleByteScorer {
	private windows = 0;
	private mac = 0;
	private seen = 0;
	/** The last byte of the pieces so far; -1 before the first (read as a space). */
	private previous = -1;
	/** A byte from 0x80 that ended the last piece, and the byte before it, waiting for the byte after. */
	private held = -1;
	private heldBefore = -1;
	private ended = false;

	/** True once the score is the whole file's: SCORED_BYTES scored, or the end reached. */
	get done(): boolean {
		return this.ended || (this.seen >= SCORED_BYTES && this.held < 0);
	}

	get result(): 'windows-1252' | 'macintosh' {
		return this.mac > this.windows ? 'macintosh' : 'windows-1252';
	}

	push(bytes: Uint8Array): void {
		const length = bytes.length;
		if (length === 0) return;
		if (this.held >= 0) {
			this.score(this.held, this.heldBefore, bytes[0]);
			this.held = -1;
		}
		for (let index = 0; index < length && this.seen < SCORED_BYTES; index++) {
			const byte = bytes[index];
			if (byte < 0x80) continue;
			this.seen++;
			const before = index > 0 ? bytes[index - 1] : this.previous;
			if (index + 1 < length) {
				this.score(byte, before, bytes[index + 1]);
			} else {
				this.held = byte;
				this.heldBefore = before;
			}
		}
		this.previous = bytes[length - 1];
	}

	end(): void {
		this.ended = true;
		if (this.held < 0) return;
		this.score(this.held, this.heldBefore, -1);
		this.held = -1;
	}

	private score(byte: number, before: number, after: number): void {
		const kind = (kinds: Int8Array, at: number) => (at < 0 ? Kind.Space : (kinds[at] as Kind));
		this.windows += likelihood(kind(WINDOWS_1252_KINDS, byte), kind(WINDOWS_1252_KINDS, before), kind(WINDOWS_1252_KINDS, after));
		this.mac += likelihood(kind(MAC_ROMAN_KINDS, byte), kind(MAC_ROMAN_KINDS, before), kind(MAC_ROMAN_KINDS, after));
	}
}

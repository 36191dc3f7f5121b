/**
 * Windows-1252: the code page Opera 3's FoxPro tables are read with (reference §4:
 * `encoding='cp1252'`), Sage 50's import files are written in, and Streamtime exports from
 * Windows arrive in; one table for all three, so no target or source borrows another's.
 * Implemented here rather than through Node: Buffer's 'latin1' is ISO-8859-1, which has C1
 * control codes where Windows-1252 has € (0x80), the curly quotes ‘ ’ “ ” (0x91–0x94) and
 * the dashes – — (0x96, 0x97) that every invoice text pasted from Word or Outlook contains.
 */

// Bytes 0x80–0x9F; -1 marks the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
// 0x90, 0x9D), which Python's cp1252 codec and Opera's readers refuse as well.
const BYTES_80_TO_9F = [
	0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
	-1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];

/** The Unicode code point of each of the 256 bytes, or -1 where the byte means nothing. */
export const CP1252_TO_UNICODE: readonly number[] = Array.from({ length: 256 }, (_, byte) =>
	byte >= 0x80 && byte <= 0x9f ? BYTES_80_TO_9F[byte - 0x80] : byte,
);

// The inverse, indexed by UTF-16 code unit. Surrogate halves stay -1, so any character
// outside the Basic Multilingual Plane (emoji, rare CJK) is refused.
const UNICODE_TO_CP1252 = new Int16Array(0x10000).fill(-1);
CP1252_TO_UNICODE.forEach((codePoint, byte) => {
	if (codePoint >= 0) UNICODE_TO_CP1252[codePoint] = byte;
});

/** The byte for one UTF-16 code unit, or -1 when Windows-1252 has no such character. */
export function cp1252Byte(codeUnit: number): number {
	return UNICODE_TO_CP1252[codeUnit];
}

/** The first character (a whole code point, so an emoji is shown whole) with no cp1252 byte. */
export function firstCharacterOutsideCp1252(text: string): string | undefined {
	for (let index = 0; index < text.length; index++) {
		if (UNICODE_TO_CP1252[text.charCodeAt(index)] < 0) return String.fromCodePoint(text.codePointAt(index) ?? 0);
	}
	return undefined;
}

/**
 * Writes `text` into `target` from `offset` and returns the offset after it. The text must
 * have been checked with `firstCharacterOutsideCp1252`; an unchecked character is a bug in
 * the caller and throws rather than becoming '?'.
 */
export function writeCp1252(text: string, target: Uint8Array, offset: number): number {
	// A typed array ignores writes past its end; text must never vanish that way.
	if (offset + text.length > target.length) throw new RangeError(`${text.length} bytes do not fit at offset ${offset} of a ${target.length}-byte buffer`);
	let at = offset;
	for (let index = 0; index < text.length; index++) {
		const byte = UNICODE_TO_CP1252[text.charCodeAt(index)];
		if (byte < 0) throw new Error(`Character U+${text.charCodeAt(index).toString(16).toUpperCase()} reached the cp1252 encoder unchecked`);
		target[at++] = byte;
	}
	return at;
}

export function encodeCp1252(text: string): Buffer {
	const bytes = Buffer.allocUnsafe(text.length);
	writeCp1252(text, bytes, 0);
	return bytes;
}

export function decodeCp1252(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) {
		const codePoint = CP1252_TO_UNICODE[byte];
		if (codePoint < 0) throw new Error(`Byte 0x${byte.toString(16).toUpperCase()} is not defined in Windows-1252`);
		text += String.fromCharCode(codePoint);
	}
	return text;
}

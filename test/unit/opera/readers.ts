/**
 * Independent readers for the files the Opera writers produce: Debian's python3-dbfread for
 * DBFs (written by other people, against other people's reading of the format), and a CSV
 * reader written from RFC 4180 rather than from the writer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { decodeCp1252 } from '../../../lib/files/cp1252';

// Debian's python3-dbfread installs for the system Python, not for a pyenv or venv one.
const PYTHON = process.env.DBFREAD_PYTHON ?? '/usr/bin/python3';

// N fields come back as their text, not as Python floats, so amounts compare exactly.
const READ_DBF = `
import json, sys
from dbfread import DBF, FieldParser

class TextNumbers(FieldParser):
    def parseN(self, field, data):
        text = data.strip(b' \\x00').decode('ascii')
        return text or None

table = DBF(sys.argv[1], encoding='cp1252', char_decode_errors='strict', parserclass=TextNumbers, load=True)
raw = open(sys.argv[1], 'rb').read()
header = table.header
print(json.dumps({
    'version': header.dbversion,
    'codePage': header.language_driver,
    'recordCount': header.numrecords,
    'headerLength': header.headerlen,
    'recordLength': header.recordlen,
    'lastUpdate': [header.year, header.month, header.day],
    'fields': [{'name': f.name, 'type': f.type, 'length': f.length, 'decimals': f.decimal_count} for f in table.fields],
    'records': [{k: (v.isoformat() if hasattr(v, 'isoformat') else v) for k, v in r.items()} for r in table.records],
    'deleted': len(table.deleted),
    'headerEnd': raw[header.headerlen - 1],
    'lastByte': raw[-1],
    'size': len(raw),
}))
`;

export interface DbfReadBack {
	version: number;
	codePage: number;
	recordCount: number;
	headerLength: number;
	recordLength: number;
	lastUpdate: [number, number, number];
	fields: Array<{ name: string; type: string; length: number; decimals: number }>;
	records: Array<Record<string, string | boolean | null>>;
	deleted: number;
	headerEnd: number;
	lastByte: number;
	size: number;
}

export function readDbfWithDbfread(file: string): DbfReadBack {
	let output: string;
	try {
		output = execFileSync(PYTHON, ['-c', READ_DBF, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	} catch (error) {
		throw new Error(`python3-dbfread could not read ${file} (install it with: apt-get install -y python3-dbfread): ${error.stderr ?? error.message}`);
	}
	return JSON.parse(output) as DbfReadBack;
}

/** Python's own cp1252 codec, byte by byte: null where Python says the byte is undefined. */
export function pythonCp1252Table(): Array<string | null> {
	const script = `
import json
table = []
for byte in range(256):
    try:
        table.append(bytes([byte]).decode('cp1252'))
    except UnicodeDecodeError:
        table.append(None)
print(json.dumps(table))
`;
	return JSON.parse(execFileSync(PYTHON, ['-c', script], { encoding: 'utf8' })) as Array<string | null>;
}

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; records end with CRLF. */
export function readCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let cell = '';
	let quoted = false;
	for (let position = 0; position < text.length; position++) {
		const character = text[position];
		if (quoted) {
			if (character === '"' && text[position + 1] === '"') {
				cell += '"';
				position += 1;
			} else if (character === '"') {
				quoted = false;
			} else {
				cell += character;
			}
		} else if (character === '"' && cell === '') {
			quoted = true;
		} else if (character === ',') {
			record.push(cell);
			cell = '';
		} else if (character === '\r' && text[position + 1] === '\n') {
			record.push(cell);
			records.push(record);
			record = [];
			cell = '';
			position += 1;
		} else {
			cell += character;
		}
	}
	if (cell !== '' || record.length > 0) throw new Error('The CSV does not end with CRLF');
	return records;
}

export function readCsvFile(file: string): string[][] {
	return readCsv(decodeCp1252(readFileSync(file)));
}

/** A fresh folder per test file, removed afterwards. */
export function temporaryFolder(): { folder: string; remove: () => void } {
	const folder = mkdtempSync(path.join(tmpdir(), 'ledger-bridge-opera-'));
	return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

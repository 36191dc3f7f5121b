/**
 * What an Opera 3 company already holds, read from its own tables in its data folder
 * (STRAN.DBF and PTRAN.DBF for transactions, SNAME.DBF and PNAME.DBF for accounts) — read
 * only, never written: Opera keeps CDX indexes and byte-range locks on them that a writer
 * from outside would break (reference §4). This is Opera's counterpart of the AUDIT_HEADER
 * check for Sage: a transaction imported by hand, or by the old importer, is not sent again.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { DBFFile } from 'dbffile';

export interface OperaLedgerContents {
	/** "I|INV-1001" for sales transactions (type and reference). */
	sales: Set<string>;
	/** "I|SUPP01|PI-1001" for purchase transactions (type, supplier and reference). */
	purchases: Set<string>;
	customers: Set<string>;
	suppliers: Set<string>;
	/** Which tables were found, for the run summary. */
	tables: string[];
}

const upper = (value: unknown) => String(value ?? '').trim().toUpperCase();

export function salesKey(type: string, reference: string): string {
	return `${upper(type)}|${upper(reference)}`;
}

export function purchaseKey(type: string, account: string, reference: string): string {
	return `${upper(type)}|${upper(account)}|${upper(reference)}`;
}

/** Opera's files are named STRAN.DBF on Windows; on a share mounted elsewhere the case may differ. */
async function tableFile(folder: string, table: string): Promise<string | undefined> {
	const names = await readdir(folder);
	const name = names.find((entry) => entry.toUpperCase() === `${table}.DBF`);
	return name ? path.join(folder, name) : undefined;
}

async function eachRecord(file: string, visit: (record: Record<string, unknown>) => void): Promise<void> {
	// Loose: Opera's tables have memo fields (.FPT) and field types this check does not need.
	const dbf = await DBFFile.open(file, { readMode: 'loose', encoding: 'win1252' });
	for (;;) {
		const records = await dbf.readRecords(5000);
		if (records.length === 0) break;
		for (const record of records) visit(record as Record<string, unknown>);
	}
}

/** Reads the four tables that exist in `dataFolder`; a missing table is simply empty. */
export async function readOperaLedger(dataFolder: string): Promise<OperaLedgerContents> {
	const contents: OperaLedgerContents = { sales: new Set(), purchases: new Set(), customers: new Set(), suppliers: new Set(), tables: [] };
	const read = async (table: string, visit: (record: Record<string, unknown>) => void) => {
		const file = await tableFile(dataFolder, table);
		if (!file) return;
		await eachRecord(file, visit);
		contents.tables.push(path.basename(file));
	};
	await read('STRAN', (record) => contents.sales.add(salesKey(String(record.ST_TRTYPE ?? ''), String(record.ST_TRREF ?? ''))));
	await read('PTRAN', (record) => contents.purchases.add(purchaseKey(String(record.PT_TRTYPE ?? ''), String(record.PT_ACCOUNT ?? ''), String(record.PT_TRREF ?? ''))));
	await read('SNAME', (record) => contents.customers.add(upper(record.SN_ACCOUNT)));
	await read('PNAME', (record) => contents.suppliers.add(upper(record.PN_ACCOUNT)));
	return contents;
}

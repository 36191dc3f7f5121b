/**
 * Posting straight into a writable ODBC company ("generic" edition): one transaction per
 * document, so a document is in the ledger whole or not at all.
 */
import { Decimal } from '../model/decimal';
import { electronicIban } from '../model/bankCode';
import type { LedgerDocument } from '../model/document';
import type { SageConnection } from './connection';
import { SAGE_TRANSACTION_TYPE } from './plan';

export interface InsertedDocument {
	transactionNumber: number;
	splits: number;
}

/** The next free audit-trail number, read once per run. */
export async function nextTransactionNumber(connection: SageConnection): Promise<number> {
	const [row] = await connection.query<{ LAST: number | string | null }>(
		'SELECT MAX(TRAN_NUMBER) AS LAST FROM (SELECT TRAN_NUMBER FROM AUDIT_HEADER UNION ALL SELECT TRAN_NUMBER FROM AUDIT_SPLIT)',
	);
	return Number(row?.LAST ?? 0) + 1;
}

/** The account's defaults in Sage (SALES_LEDGER.DEF_NOM_CODE, DEF_TAX_CODE; reference §1). */
export interface AccountDefaults {
	defaultNominalCode?: string;
	defaultTaxCode?: string;
}

export async function insertAccount(connection: SageConnection, side: 'customer' | 'supplier', document: LedgerDocument, defaults: AccountDefaults = {}): Promise<void> {
	const party = document.party ?? {};
	const address = party.addresses?.find((entry) => entry.type !== 'delivery') ?? party.addresses?.[0];
	const lines = [...(address?.lines ?? []), address?.city, address?.region, address?.postcode].filter((line): line is string => Boolean(line));
	await connection.query(
		`INSERT INTO ${side === 'customer' ? 'SALES_LEDGER' : 'PURCHASE_LEDGER'} (ACCOUNT_REF, NAME, ADDRESS_1, ADDRESS_2, ADDRESS_3, ADDRESS_4, ADDRESS_5, CONTACT_NAME, TELEPHONE, E_MAIL, VAT_REG_NUMBER, COUNTRY_CODE, TERMS, BANK_IBAN, BANK_BIC, DEF_NOM_CODE, DEF_TAX_CODE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			(party.code ?? '').toUpperCase(),
			party.name ?? '',
			lines[0] ?? null,
			lines[1] ?? null,
			lines[2] ?? null,
			lines[3] ?? null,
			lines[4] ?? null,
			party.contact ?? null,
			party.phone ?? null,
			party.email ?? null,
			party.vatNumber ?? null,
			address?.country?.toUpperCase() ?? null,
			party.paymentTerms ?? null,
			party.iban ? electronicIban(party.iban) : null,
			party.bic ?? null,
			defaults.defaultNominalCode ?? null,
			defaults.defaultTaxCode ?? null,
		],
	);
}

/** One header and one split per line, numbered from `transactionNumber`. */
export async function insertTransaction(connection: SageConnection, document: LedgerDocument, transactionNumber: number): Promise<InsertedDocument> {
	const header = document.header ?? {};
	const type = SAGE_TRANSACTION_TYPE[document.type] ?? '';
	const account = (document.party?.code ?? '').toUpperCase();
	const money = (value: string | number | undefined) => Decimal.of(value ?? 0).toFixed(2);
	const net = money(document.totals?.net ?? document.totals?.gross);
	const tax = money(document.totals?.tax);
	const gross = money(document.totals?.gross);
	await connection.query(
		'INSERT INTO AUDIT_HEADER (TRAN_NUMBER, TYPE, DATE, ACCOUNT_REF, INV_REF, DETAILS, NET_AMOUNT, TAX_AMOUNT, GROSS_AMOUNT, OUTSTANDING, PAID_FLAG, HEADER_NUMBER, DELETED_FLAG) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)',
		[transactionNumber, type, header.date ?? null, account, header.number ?? '', header.description ?? header.reference ?? '', net, tax, gross, gross, 'N', transactionNumber],
	);
	const lines = document.lines ?? [];
	for (const [index, line] of lines.entries()) {
		await connection.query(
			'INSERT INTO AUDIT_SPLIT (TRAN_NUMBER, HEADER_NUMBER, TYPE, DATE, ACCOUNT_REF, NOMINAL_CODE, INV_REF, DETAILS, EXTRA_REF, DEPT_NUMBER, NET_AMOUNT, TAX_AMOUNT, TAX_CODE, SPLIT_NUMBER, DELETED_FLAG) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)',
			[
				transactionNumber + index,
				transactionNumber,
				type,
				header.date ?? null,
				account,
				line.account ?? '',
				header.number ?? '',
				line.description ?? '',
				header.reference ?? null,
				line.department ?? header.department ?? null,
				money(line.net),
				money(line.taxAmount),
				// The plan refuses a line without a tax code for this edition: never a guessed T9.
				line.taxCode ?? null,
				index + 1,
			],
		);
	}
	return { transactionNumber, splits: lines.length };
}

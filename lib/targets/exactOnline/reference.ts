/**
 * The Exact Online reference data a posting run matches documents against, read once per
 * run: every journal, VAT code, payment condition and currency of the division (short
 * lists), and only the G/L accounts and customer/supplier accounts the documents name,
 * fetched in OR-filter chunks instead of one request per code (the 60 calls a minute
 * limit, reference §5).
 */
import { chunkedOrFilters, padAccountCode } from './transport/odata';
import type { ExactClient } from './transport/client';

export interface ExactJournal {
	Code: string;
	Description?: string;
	Type: number;
}

export interface ExactGlAccount {
	ID: string;
	Code: string;
	Description?: string;
	Type?: number;
	IsBlocked?: boolean;
}

export interface ExactVatCode {
	Code: string;
	Description?: string;
	Percentage?: number;
	IsBlocked?: boolean;
}

export interface ExactCodeAndDescription {
	Code: string;
	Description?: string;
}

export interface ExactAccount {
	ID: string;
	Code: string;
	Name?: string;
	/** C = customer, P = prospect, S = suspect, A = none (reference §3 crm/Accounts). */
	Status?: string;
	IsSupplier?: boolean;
}

export interface ExactReference {
	/** By journal code. */
	journals: Map<string, ExactJournal>;
	/** By G/L account code. */
	glAccounts: Map<string, ExactGlAccount>;
	/** By VAT code without Exact's padding ("2", not "2  "), so a Streamtime "2" matches. */
	vatCodes: Map<string, ExactVatCode>;
	paymentConditions: Map<string, ExactCodeAndDescription>;
	currencies: Map<string, ExactCodeAndDescription>;
	/** By account code without the 18-character padding. */
	accounts: Map<string, ExactAccount>;
}

export interface ReferenceNeeds {
	glAccountCodes: Iterable<string>;
	accountCodes: Iterable<string>;
}

/** Exact pads some codes (accounts to 18, VAT codes to 3 characters); documents never do. */
export function exactCode(code: string | undefined): string {
	return (code ?? '').trim();
}

export async function loadExactReference(client: ExactClient, needs: ReferenceNeeds): Promise<ExactReference> {
	// One request at a time: the client paces requests against the rate-limit headers.
	const journals = await client.getAll<ExactJournal>('financial/Journals', { $select: 'Code,Description,Type' });
	const vatCodes = await client.getAll<ExactVatCode>('vat/VATCodes', { $select: 'Code,Description,Percentage,IsBlocked' });
	const paymentConditions = await client.getAll<ExactCodeAndDescription>('cashflow/PaymentConditions', { $select: 'Code,Description' });
	const currencies = await client.getAll<ExactCodeAndDescription>('general/Currencies', { $select: 'Code,Description' });
	const reference: ExactReference = {
		journals: byCode(journals),
		vatCodes: byCode(vatCodes),
		paymentConditions: byCode(paymentConditions),
		currencies: byCode(currencies),
		glAccounts: new Map(),
		accounts: new Map(),
	};
	for (const account of await findGlAccounts(client, needs.glAccountCodes)) reference.glAccounts.set(exactCode(account.Code), account);
	for (const account of await findAccounts(client, needs.accountCodes)) reference.accounts.set(exactCode(account.Code), account);
	return reference;
}

export async function findGlAccounts(client: ExactClient, codes: Iterable<string>): Promise<ExactGlAccount[]> {
	const wanted = unique(codes);
	const found: ExactGlAccount[] = [];
	for (const filter of chunkedOrFilters('Code', wanted)) {
		found.push(...(await client.getAll<ExactGlAccount>('financial/GLAccounts', { $filter: filter, $select: 'ID,Code,Description,Type,IsBlocked' })));
	}
	return found;
}

/** Accounts by code; the filter must carry Exact's 18-character padding or it finds nothing (reference §3). */
export async function findAccounts(client: ExactClient, codes: Iterable<string>): Promise<ExactAccount[]> {
	const wanted = unique(codes).map(padAccountCode);
	const found: ExactAccount[] = [];
	for (const filter of chunkedOrFilters('Code', wanted)) {
		found.push(...(await client.getAll<ExactAccount>('crm/Accounts', { $filter: filter, $select: 'ID,Code,Name,Status,IsSupplier' })));
	}
	return found;
}

function byCode<T extends { Code: string }>(records: T[]): Map<string, T> {
	return new Map(records.map((record) => [exactCode(record.Code), record]));
}

function unique(codes: Iterable<string>): string[] {
	return [...new Set([...codes].map(exactCode).filter((code) => code !== ''))];
}

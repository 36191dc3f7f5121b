/**
 * Sync Customers: the platform's customers as Sage 100 third parties of type client
 * (F_COMPTET, CT_Type 0). The seed's one rule: "a unique client code required" — a blank
 * code, a code two customers share, or a code Sage already gives a supplier is rejected
 * with the reason, never guessed around.
 */
import { describeDocument, type LedgerDocument } from '../../model/document';
import { capitalise, validateDocument } from '../../model/validate';
import type { Failure } from '../../report/failureCodes';
import { characterLength, fitText, SAGE100_FIELDS, type Sage100FieldName } from './fields';
import { CUSTOMER_COLUMNS, type Sage100Reference } from './reference';
import { SAGE100_TABLES, THIRD_PARTY_TYPE } from './schema';
import type { Sage100Settings } from './settings';
import type { SageConnection } from '../../odbc/connection';

/** A customer as F_COMPTET will hold it, and every text Ledger Bridge had to shorten to fit. */
export interface CustomerRecord {
	code: string;
	name: string;
	account: string;
	columns: Record<(typeof CUSTOMER_COLUMNS)[number], string | null>;
	/** "CT_Intitule shortened from 48 to 35 characters". */
	adjusted: string[];
}

export type CustomerPlan =
	| { index: number; input: unknown; status: 'create'; record: CustomerRecord }
	| { index: number; input: unknown; status: 'update'; record: CustomerRecord; changed: string[] }
	| { index: number; input: unknown; status: 'alreadyInSage'; record: CustomerRecord; message: string }
	| { index: number; input: unknown; status: 'rejected'; failures: Failure[] };


/**
 * The record for a customer document, or why it cannot be one: codes that do not fit are
 * rejected (a cut code is another customer), labels are shortened and the change reported.
 */
export function customerRecord(document: LedgerDocument, settings: Pick<Sage100Settings, 'customerAccount'>): { record?: CustomerRecord; failures: Failure[] } {
	const name = capitalise(describeDocument(document));
	const party = document.party ?? {};
	const failures: Failure[] = [];
	const adjusted: string[] = [];
	const code = (party.code ?? '').trim().toUpperCase();
	if (!code) {
		failures.push({
			code: 'CUSTOMER_CODE_MISSING',
			field: 'party.code',
			message: `${capitalise(describeDocument({ ...document, party: { ...party, code: undefined } }))}${party.name ? ` (${party.name})` : ''}: a unique customer code is required; fill in the client number on the platform (Billing > Clients, column Number).`,
		});
	}
	const fit = (value: string | undefined, fieldName: Sage100FieldName, path: string): string | null => {
		if (value === undefined || value.trim() === '') return null;
		const field = SAGE100_FIELDS[fieldName];
		const trimmed = value.trim();
		if (characterLength(trimmed) <= field.width) return trimmed;
		if (field.kind === 'code') {
			failures.push({
				code: 'FIELD_TOO_LONG',
				field: path,
				message: `${name}: ${field.label} (${field.column}) "${trimmed}" has ${characterLength(trimmed)} characters; Sage 100 takes ${field.width}.`,
			});
			return null;
		}
		const cut = fitText(trimmed, fieldName);
		adjusted.push(`${field.column} shortened from ${characterLength(trimmed)} to ${characterLength(cut)} characters`);
		return cut;
	};
	if (code) fit(code, 'customerCode', 'party.code');
	const customerName = fit(party.name, 'customerName', 'party.name') ?? '';
	const address = party.addresses?.find((entry) => entry.type !== 'delivery') ?? party.addresses?.[0];
	const columns: CustomerRecord['columns'] = {
		CT_Adresse: fit(address?.lines?.[0], 'customerAddress', 'party.addresses[0].lines[0]'),
		CT_Complement: fit(address?.lines?.slice(1).join(', '), 'customerAddressMore', 'party.addresses[0].lines[1]'),
		CT_CodePostal: fit(address?.postcode, 'customerPostcode', 'party.addresses[0].postcode'),
		CT_Ville: fit(address?.city, 'customerCity', 'party.addresses[0].city'),
		CT_Pays: fit(address?.country, 'customerCountry', 'party.addresses[0].country'),
		CT_Contact: fit(party.contact, 'customerContact', 'party.contact'),
		CT_Telephone: fit(party.phone, 'customerPhone', 'party.phone'),
		CT_EMail: fit(party.email, 'customerEmail', 'party.email'),
		CT_Identifiant: fit(party.vatNumber, 'customerVatNumber', 'party.vatNumber'),
	};
	if (failures.length > 0) return { failures };
	return { record: { code, name: customerName, account: settings.customerAccount.trim(), columns, adjusted }, failures };
}

/**
 * What the run does with each customer. Codes are compared in upper case (Sage shows and
 * matches third-party codes in capitals); a code used twice in the call is rejected for every
 * customer carrying it, since nobody can tell which of them is right.
 */
export function planCustomers(
	inputs: Array<{ index: number; input: unknown }>,
	reference: Sage100Reference,
	settings: Pick<Sage100Settings, 'customerAccount' | 'updateExistingCustomers'>,
): CustomerPlan[] {
	const built = inputs.map(({ index, input }) => {
		const validation = validateDocument(input);
		// A missing code is the seed's "unique client code required", said in its own words by
		// customerRecord; the record is otherwise sound, so it is read as it is.
		const failures = validation.failures.filter((failure) => !(failure.code === 'FIELD_REQUIRED' && failure.field === 'party.code'));
		const document = validation.document ?? (failures.length === 0 && isCustomerShaped(input) ? (input as LedgerDocument) : undefined);
		if (!document) return { index, input, failures };
		if (document.type !== 'customer') {
			return {
				index,
				input,
				failures: [
					{
						code: 'DOCUMENT_TYPE_NOT_SUPPORTED' as const,
						field: 'type',
						message: `${capitalise(describeDocument(document))}: Sync Customers takes customer records only; send invoices to Check Invoices, Post Invoices or Synchronise.`,
					},
				],
			};
		}
		const record = customerRecord(document, settings);
		return { index, input, record: record.record, failures: [...failures, ...record.failures] };
	});

	const holders = new Map<string, typeof built>();
	for (const entry of built) {
		if (!('record' in entry) || !entry.record) continue;
		holders.set(entry.record.code.toUpperCase(), [...(holders.get(entry.record.code.toUpperCase()) ?? []), entry]);
	}

	return built.map((entry): CustomerPlan => {
		const { index, input } = entry;
		const record = 'record' in entry ? entry.record : undefined;
		if (entry.failures.length > 0 || !record) return { index, input, status: 'rejected', failures: entry.failures };
		const sharing = holders.get(record.code.toUpperCase()) ?? [];
		const name = `Customer ${record.code}${record.name ? ` (${record.name})` : ''}`;
		if (sharing.length > 1) {
			const others = sharing.filter((other) => other !== entry).map((other) => ('record' in other && other.record?.name ? `"${other.record.name}"` : 'another customer'));
			return codeNotUnique(index, input, `${name}: the code ${record.code} is also given to ${others.join(', ')} in this call; customer codes must be unique, so none of them was synchronised.`);
		}
		const existing = reference.thirdParties.get(record.code.toUpperCase());
		if (!existing) return { index, input, status: 'create', record };
		if (existing.type !== THIRD_PARTY_TYPE.customer) {
			const kind = existing.type === THIRD_PARTY_TYPE.supplier ? 'supplier' : 'third party that is not a customer';
			return codeNotUnique(index, input, `${name}: the code ${record.code} already belongs to ${kind} "${existing.name}" in Sage; third-party codes are unique in Sage, so give this customer another code.`);
		}
		const changed = [
			...(existing.name !== record.name ? ['CT_Intitule'] : []),
			...CUSTOMER_COLUMNS.filter((column) => record.columns[column] !== null && record.columns[column] !== existing.columns[column]),
		];
		if (changed.length > 0 && settings.updateExistingCustomers) return { index, input, status: 'update', record, changed };
		const message =
			changed.length === 0
				? `${name} is already in Sage.`
				: `${name} is already in Sage; Sage's record differs (${changed.join(', ')}) and is kept as it is (switch on "Update Existing Customers" to overwrite it).`;
		return { index, input, status: 'alreadyInSage', record, message };
	});
}

function isCustomerShaped(input: unknown): boolean {
	return Boolean(input) && typeof input === 'object' && !Array.isArray(input) && (input as { type?: unknown }).type === 'customer';
}

export async function insertCustomer(connection: SageConnection, record: CustomerRecord): Promise<void> {
	const columns = ['CT_Num', 'CT_Intitule', 'CT_Type', 'CG_NumPrinc', ...CUSTOMER_COLUMNS];
	await connection.query(`INSERT INTO ${SAGE100_TABLES.thirdParties} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, [
		record.code,
		record.name,
		THIRD_PARTY_TYPE.customer,
		record.account,
		...CUSTOMER_COLUMNS.map((column) => record.columns[column]),
	]);
}

/** Only what the platform sent: a column it left empty keeps what Sage has. */
export async function updateCustomer(connection: SageConnection, record: CustomerRecord): Promise<void> {
	const given = CUSTOMER_COLUMNS.filter((column) => record.columns[column] !== null);
	const assignments = ['CT_Intitule = ?', ...given.map((column) => `${column} = ?`)];
	await connection.query(`UPDATE ${SAGE100_TABLES.thirdParties} SET ${assignments.join(', ')} WHERE CT_Num = ? AND CT_Type = ?`, [
		record.name,
		...given.map((column) => record.columns[column]),
		record.code,
		THIRD_PARTY_TYPE.customer,
	]);
}

/** A customer refused because its code is, or would be, another third party's. */
function codeNotUnique(index: number, input: unknown, message: string): CustomerPlan {
	return { index, input, status: 'rejected', failures: [{ code: 'SAGE100_CODE_NOT_UNIQUE', field: 'party.code', message }] };
}

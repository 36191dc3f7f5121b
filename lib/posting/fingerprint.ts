/**
 * What makes two sendings of a document "the same document with the same content": a hash of
 * its accounting content, and a summary of the facts a bookkeeper compares when it comes back
 * different. The identity (which document it is) is each target's own; this is the content.
 *
 * Left out on purpose: `extra` and `report` (source data no target posts, and the mapping's
 * report), `header.source` (a re-export may carry new ids for the same invoice), and on a
 * transaction everything about the party but its account code (a customer renamed since does
 * not change the invoice that was posted). Amounts are compared as decimals: 100, "100.0" and
 * "100.00" are one amount.
 */
import { createHash } from 'node:crypto';

import { Decimal } from '../model/decimal';
import { isMasterRecord, type LedgerDocument } from '../model/document';
import { currencyDecimals } from '../model/validate';
import type { DocumentSummary } from './journal/types';

const AMOUNT_KEYS = new Set(['net', 'tax', 'gross', 'quantity', 'unitPrice', 'taxAmount', 'exchangeRate', 'promptPaymentVat']);
const IGNORED_KEYS = new Set(['extra', 'report', 'schemaVersion']);

function canonical(value: unknown, key?: string): unknown {
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) return value.map((entry) => canonical(entry, key));
	if (typeof value === 'object') {
		const result: Record<string, unknown> = {};
		for (const name of Object.keys(value as object).sort()) {
			if (IGNORED_KEYS.has(name)) continue;
			const entry = canonical((value as Record<string, unknown>)[name], name);
			if (entry !== undefined) result[name] = entry;
		}
		return result;
	}
	if (key !== undefined && AMOUNT_KEYS.has(key)) {
		const amount = Decimal.parse(value);
		if (amount) return amount.toFixed();
	}
	return typeof value === 'string' ? value.trim() : value;
}

/** The accounting content of any JSON value, as a short hash. */
export function contentFingerprint(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(canonical(value) ?? null)).digest('base64url').slice(0, 32);
}

export function documentFingerprint(document: LedgerDocument): string {
	const { header, party, ...rest } = document;
	const headerWithoutSource = header ? { ...header, source: undefined } : undefined;
	const relevantParty = isMasterRecord(document.type) ? party : party ? { code: party.code?.trim().toUpperCase() } : undefined;
	return contentFingerprint({ ...rest, header: headerWithoutSource, party: relevantParty });
}

export function documentSummary(document: LedgerDocument): DocumentSummary {
	const places = currencyDecimals(document.header?.currency);
	const money = (value: unknown) => {
		const amount = Decimal.parse(value);
		return amount ? amount.toFixed(places) : undefined;
	};
	const summary: DocumentSummary = {
		date: document.header?.date,
		party: document.party?.code?.trim().toUpperCase(),
		currency: document.header?.currency?.toUpperCase(),
		net: money(document.totals?.net),
		tax: money(document.totals?.tax),
		gross: money(document.totals?.gross),
		lines: document.lines?.length,
		accounts: document.lines?.map((line) => `${(line.account ?? '').trim() || '(no account)'} ${money(line.net) ?? String(line.net)}`),
	};
	return Object.fromEntries(Object.entries(summary).filter(([, value]) => value !== undefined)) as DocumentSummary;
}

const SUMMARY_LABELS: Array<[keyof DocumentSummary, string]> = [
	['date', 'dated'],
	['party', 'for account'],
	['currency', 'in'],
	['net', 'net'],
	['tax', 'tax'],
	['gross', 'gross'],
	['lines', 'lines:'],
	['accounts', 'lines'],
	['detail', ''],
];

const shown = (value: DocumentSummary[keyof DocumentSummary]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** "gross 1440.00 when posted, 1500.00 now" for every fact that differs; a general sentence when only other content did. */
export function describeChanges(posted: DocumentSummary | null, now: DocumentSummary): string {
	if (!posted) return 'its content differs from what was posted';
	const differs = (key: keyof DocumentSummary) => posted[key] !== undefined && shown(posted[key]) !== shown(now[key]);
	// The lines themselves say more than their number.
	const changes = SUMMARY_LABELS.filter(([key]) => differs(key) && !(key === 'lines' && differs('accounts'))).map(
		([key, label]) => `${label ? `${label} ` : ''}${shown(posted[key])} when posted, ${now[key] === undefined ? '(none)' : shown(now[key])} now`,
	);
	return changes.length > 0 ? changes.join('; ') : 'its lines, texts or codes differ from what was posted';
}

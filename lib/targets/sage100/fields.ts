/**
 * Sage 100 Comptabilité (France): the one table of the columns Ledger Bridge writes, with their
 * widths. The Ledger Mapping profile (profile.ts) and the writers in this folder
 * both read it, so they cannot disagree.
 *
 * Where each width comes from (`source`):
 * - "reference": ../shared/reference/sage-and-opera.md §3 (public code samples: EC_Piece
 *   varchar(13), EC_Reference varchar(17), EC_Intitule varchar(69); F_COMPTET model with
 *   CT_Num(17), CT_Intitule(35), CG_NumPrinc(13), CT_Siret(15), CT_Identifiant(25)).
 * - "public code": seen in public Sage 100 SQL code (F_COMPTEG.TA_Code varchar(5);
 *   CT_Telephone written as LEFT(…, 21)); not in our reference.
 * - "guess": not confirmed anywhere we could read. Kept here, in one place, so a check
 *   against a real Sage 100 database changes one number.
 */

export type Sage100FieldKind =
	/** Sage matches on it (an account, a code, a piece number): too long is rejected, never cut. */
	| 'code'
	/** A label a person reads: shortened to fit, and the change reported. */
	| 'text';

export interface Sage100Field {
	table: string;
	column: string;
	width: number;
	kind: Sage100FieldKind;
	source: 'reference' | 'public code' | 'guess';
	/** What a bookkeeper calls it in Sage's French screens, for messages. */
	label: string;
}

function field(table: string, column: string, width: number, kind: Sage100FieldKind, source: Sage100Field['source'], label: string): Sage100Field {
	return { table, column, width, kind, source, label };
}

export const SAGE100_FIELDS = {
	customerCode: field('F_COMPTET', 'CT_Num', 17, 'code', 'reference', 'numéro de compte tiers'),
	customerName: field('F_COMPTET', 'CT_Intitule', 35, 'text', 'reference', 'intitulé du tiers'),
	customerAccount: field('F_COMPTET', 'CG_NumPrinc', 13, 'code', 'reference', 'compte collectif'),
	customerSiret: field('F_COMPTET', 'CT_Siret', 15, 'code', 'reference', 'SIRET'),
	customerVatNumber: field('F_COMPTET', 'CT_Identifiant', 25, 'code', 'reference', 'n° identifiant (TVA intracommunautaire)'),
	customerAddress: field('F_COMPTET', 'CT_Adresse', 35, 'text', 'guess', 'adresse'),
	customerAddressMore: field('F_COMPTET', 'CT_Complement', 35, 'text', 'guess', "complément d'adresse"),
	customerPostcode: field('F_COMPTET', 'CT_CodePostal', 9, 'text', 'guess', 'code postal'),
	customerCity: field('F_COMPTET', 'CT_Ville', 35, 'text', 'guess', 'ville'),
	customerCountry: field('F_COMPTET', 'CT_Pays', 35, 'text', 'guess', 'pays'),
	customerContact: field('F_COMPTET', 'CT_Contact', 35, 'text', 'guess', 'contact'),
	customerPhone: field('F_COMPTET', 'CT_Telephone', 21, 'text', 'public code', 'téléphone'),
	customerEmail: field('F_COMPTET', 'CT_EMail', 69, 'code', 'guess', 'e-mail'),
	generalAccount: field('F_COMPTEG', 'CG_Num', 13, 'code', 'reference', 'compte général'),
	vatCode: field('F_TAXE', 'TA_Code', 5, 'code', 'public code', 'code taxe'),
	journal: field('F_JOURNAUX', 'JO_Num', 6, 'code', 'guess', 'code journal'),
	sectionCode: field('F_COMPTEA', 'CA_Num', 13, 'code', 'guess', 'section analytique'),
	sectionName: field('F_COMPTEA', 'CA_Intitule', 35, 'text', 'guess', 'intitulé de la section'),
	piece: field('F_ECRITUREC', 'EC_Piece', 13, 'code', 'reference', 'n° de pièce'),
	invoiceReference: field('F_ECRITUREC', 'EC_RefPiece', 17, 'code', 'guess', 'n° de facture'),
	reference: field('F_ECRITUREC', 'EC_Reference', 17, 'text', 'reference', 'référence'),
	entryLabel: field('F_ECRITUREC', 'EC_Intitule', 69, 'text', 'reference', "libellé d'écriture"),
} as const satisfies Record<string, Sage100Field>;

export type Sage100FieldName = keyof typeof SAGE100_FIELDS;

/** Length in characters, as the profile counts it: "Café 🚀" is 6. */
export function characterLength(value: string): number {
	return Array.from(value).length;
}

/** Text cut to the field's width (whole characters, no trailing space). */
export function fitText(value: string, name: Sage100FieldName): string {
	const { width } = SAGE100_FIELDS[name];
	const characters = Array.from(value);
	return characters.length <= width ? value : characters.slice(0, width).join('').trimEnd();
}

/** Whether a code fits its column; codes are never cut. */
export function codeFits(value: string, name: Sage100FieldName): boolean {
	return characterLength(value) <= SAGE100_FIELDS[name].width;
}

/**
 * Sage 100 Comptabilité's tables and columns as Ledger Bridge reads and writes them, in one
 * place. Sources, strongest first:
 * - ../shared/reference/sage-and-opera.md §3: F_ECRITUREC's columns (JO_Num, EC_No, JM_Date,
 *   EC_Jour, EC_Date, EC_Piece, EC_RefPiece, CG_Num, CG_NumCont, CT_Num, EC_Intitule,
 *   N_Reglement, EC_Echeance, EC_Sens, EC_Montant, EC_Lettrage, EC_Reference, N_Devise),
 *   debit = EC_Sens 0, F_COMPTET's CT_Num/CT_Intitule/CT_Type/CG_NumPrinc/CT_Siret/CT_Identifiant,
 *   the VTE journal and the <Administrateur> user.
 * - Public Sage 100 SQL code (not in the reference): CT_Type 0 = customer, 1 = supplier;
 *   F_JOURNAUX (JO_Num, JO_Intitule, JO_Type: 0 purchases, 1 sales, 2 treasury, 3 general);
 *   F_COMPTEG (CG_Num, CG_Intitule, CG_Type, CG_Analytique, CG_Devise, N_Devise, TA_Code);
 *   F_TAXE (TA_Code, TA_Intitule, TA_Taux, CG_Num: the VAT account); P_ANALYTIQUE (cbIndice =
 *   plan number, A_Intitule); F_COMPTEA (N_Analytique, CA_Num, CA_Intitule); F_ECRITUREA
 *   (EC_No, N_Analytique, EA_Ligne, CA_Num, EA_Montant, EA_Quantite); P_DEVISE (cbIndice =
 *   N_Devise, D_Intitule, D_CodeISO); the entry date is JM_Date + EC_Jour − 1.
 * - GUESSES, marked below: where analysis levels live (P_ANALYSE, F_COMPTEA.N_Analyse),
 *   F_ECRITUREC.TA_Code and EC_Devise. Check them against a real Sage 100 SQL database before
 *   posting into one; a wrong name fails the run with the driver's message, nothing half-done.
 *
 * Sage's supported write path is Objets Métiers (COM, reference §3); inserting into these
 * tables bypasses Sage's own rules, so the checks in checks.ts stand in for them.
 */

export const SAGE100_TABLES = {
	thirdParties: 'F_COMPTET',
	generalAccounts: 'F_COMPTEG',
	vatCodes: 'F_TAXE',
	journals: 'F_JOURNAUX',
	analyticPlans: 'P_ANALYTIQUE',
	/** GUESS: the analysis levels (niveaux d'analyse) of each plan. */
	analysisLevels: 'P_ANALYSE',
	sections: 'F_COMPTEA',
	currencies: 'P_DEVISE',
	entries: 'F_ECRITUREC',
	analyticEntries: 'F_ECRITUREA',
} as const;

/** F_COMPTET.CT_Type (public code: CT_Type=0 clients, CT_Type=1 fournisseurs). */
export const THIRD_PARTY_TYPE = { customer: 0, supplier: 1 } as const;

/** F_JOURNAUX.JO_Type (public code: 0 Achats, 1 Ventes, 2 Trésorerie, 3 Général, 4 Situation). */
export const JOURNAL_TYPE_SALES = 1;
export const JOURNAL_TYPE_NAMES: Record<number, string> = { 0: 'purchases', 1: 'sales', 2: 'treasury', 3: 'general', 4: 'situation' };

/** F_ECRITUREC.EC_Sens: debit 0 (reference §3), credit 1. */
export const DEBIT = 0;
export const CREDIT = 1;

/** F_COMPTEA.CA_Type: a detail section (not a total), which is what entries are allocated to. GUESS: 0. */
export const SECTION_TYPE_DETAIL = 0;

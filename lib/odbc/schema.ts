/**
 * Where each edition keeps what Ledger Bridge reads. Sage 50 UK's tables and columns are
 * from its ODBC schema (reference §1, Zynk's schema pages); Sage 50 US from the Pervasive
 * tables seen in public code (reference §2: Customers, Chart, Tax_Code, JrnlHdr). "generic"
 * is any writable ODBC database laid out like Sage 50 UK.
 */
import type { SageEdition } from './connection';

export interface SageTables {
	customers: {
		table: string;
		code: string;
		name: string;
		live?: string;
		/**
		 * The columns the credit-limit check reads with the customers (same query). Undefined
		 * where the reference does not confirm them (Sage 50 US).
		 */
		credit?: { limit: string; balance: string; status: string };
	};
	suppliers: { table: string; code: string; name: string; live?: string };
	nominalAccounts: { table: string; code: string; name: string };
	taxCodes: { table: string; code: string; name: string; rate?: string };
	departments?: { table: string; code: string; name: string };
	/**
	 * Where the company names its control accounts (debtors, creditors, VAT, bank…): one row
	 * whose columns each hold a nominal code. Undefined where the reference does not say.
	 */
	controlAccounts?: { table: string; columns: readonly string[] };
	/** Posted documents: reference, account and type, for the duplicate check. */
	postedDocuments: { table: string; reference: string; account: string; type?: string; live?: string };
	/**
	 * Posted sales invoices with what is still owed on them, for Get Payment Status. Undefined
	 * where the reference does not say where paid amounts live (Sage 50 US).
	 */
	salesInvoices?: {
		table: string;
		reference: string;
		account: string;
		type: string;
		/** The value of `type` that marks a sales invoice. */
		invoiceType: string;
		gross: string;
		outstanding: string;
		paidFlag: string;
		live?: string;
	};
}

const SAGE_50_UK: SageTables = {
	customers: {
		table: 'SALES_LEDGER',
		code: 'ACCOUNT_REF',
		name: 'NAME',
		live: 'COALESCE(RECORD_DELETED, 0) = 0',
		// CREDIT_LIMIT and BALANCE are in the reference (§1). CREDIT_STATUS is NOT confirmed:
		// Sage 50 UK's schema pages list ACCOUNT_ON_HOLD but no column with the seed's five
		// credit statuses (seed 003 "Credit Limits"); it is read only when the node is asked to
		// use each customer's status, and a missing column stops the run with that explanation.
		credit: { limit: 'CREDIT_LIMIT', balance: 'BALANCE', status: 'CREDIT_STATUS' },
	},
	suppliers: { table: 'PURCHASE_LEDGER', code: 'ACCOUNT_REF', name: 'NAME', live: 'COALESCE(RECORD_DELETED, 0) = 0' },
	nominalAccounts: { table: 'NOMINAL_LEDGER', code: 'ACCOUNT_REF', name: 'NAME' },
	taxCodes: { table: 'TAX_CODE', code: 'TAX_CODE', name: 'DESCRIPTION', rate: 'TAX_RATE' },
	departments: { table: 'DEPARTMENT', code: 'NUMBER', name: 'NAME' },
	// COMPANY's control-account columns (Zynk's schema page Sage-50-UK-COMPANY-Columns.md,
	// e.g. NOM_DEBTORS 1100, NOM_TAX_SALES 2200). Only the balance-sheet ones a sales or
	// purchase line must never be posted to: the default sales, discount, credit-charge and
	// bad-debt accounts are ordinary income and expense accounts and stay in the lists.
	controlAccounts: {
		table: 'COMPANY',
		columns: ['NOM_DEBTORS', 'NOM_CREDITORS', 'NOM_TAX_SALES', 'NOM_TAX_PURCHASE', 'NOM_DEFAULT_BANK', 'NOM_RETAINED_EARNINGS', 'NOM_ACCRUALS', 'NOM_PREPAYMENTS', 'NOM_MISPOSTINGS', 'NOM_SUSPENSE'],
	},
	postedDocuments: { table: 'AUDIT_HEADER', reference: 'INV_REF', account: 'ACCOUNT_REF', type: 'TYPE', live: "COALESCE(DELETED_FLAG, 0) = 0" },
	// AUDIT_HEADER's GROSS_AMOUNT, OUTSTANDING and PAID_FLAG (reference §1); SI is the sales
	// invoice type of the audit trail.
	salesInvoices: {
		table: 'AUDIT_HEADER',
		reference: 'INV_REF',
		account: 'ACCOUNT_REF',
		type: 'TYPE',
		invoiceType: 'SI',
		gross: 'GROSS_AMOUNT',
		outstanding: 'OUTSTANDING',
		paidFlag: 'PAID_FLAG',
		live: 'COALESCE(DELETED_FLAG, 0) = 0',
	},
};

const SAGE_50_US: SageTables = {
	customers: { table: 'Customers', code: 'CustomerID', name: 'Customer_Bill_Name' },
	suppliers: { table: 'Vendors', code: 'VendorID', name: 'Name' },
	nominalAccounts: { table: 'Chart', code: 'AccountID', name: 'AccountDescription' },
	taxCodes: { table: 'Tax_Code', code: 'Code', name: 'Description' },
	// JrnlHdr's Module is not the UK type code, so US duplicates are matched on account and reference.
	postedDocuments: { table: 'JrnlHdr', reference: 'Reference', account: 'CustVendId' },
	// No credit columns and no sales invoices with paid amounts: the reference (§2) names
	// JrnlHdr/JrnlRow amounts but nothing that ties a receipt to an invoice or holds a credit
	// limit, so both features answer "not available for Sage 50 US yet" instead of guessing.
};

export const SAGE_TABLES: Record<SageEdition, SageTables> = {
	sage50uk: SAGE_50_UK,
	sage50us: SAGE_50_US,
	generic: SAGE_50_UK,
};

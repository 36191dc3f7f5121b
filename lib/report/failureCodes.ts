/**
 * Every reason a document can be turned away, with a stable code. Codes never change
 * meaning once published: users filter on them in n8n and search for them in import logs.
 * The import log ends with this table (as the Streamtime tool's log ends with its
 * FAILURE CODE TABLE, seed 000).
 */
export const FAILURE_CODES = {
	DOCUMENT_NOT_AN_OBJECT: {
		meaning: 'The item is not a ledger document (it is empty or not a JSON object).',
		fix: 'Check the node before this one: each item must hold one document.',
	},
	DOCUMENT_TYPE_UNKNOWN: {
		meaning: 'The document type is missing or is not one Ledger Bridge knows.',
		fix: 'Set "type" to salesInvoice, salesCredit, purchaseInvoice, purchaseCredit, expense, itemReceipt, receipt, supplierPayment, inventoryAdjustment, customer or supplier.',
	},
	FIELD_REQUIRED: {
		meaning: 'A field the document type needs is missing.',
		fix: 'Fill in the field in the source system (or in the node that builds the document) and run again.',
	},
	FIELD_UNKNOWN: {
		meaning: 'The document has a field the schema does not know (often a typing mistake).',
		fix: 'Rename or remove the field; put source data that no target needs under "extra".',
	},
	FIELD_INVALID: {
		meaning: 'A field has the wrong kind of value (text where a list is expected, a bad country code…).',
		fix: 'Correct the value as the message describes.',
	},
	DATE_INVALID: {
		meaning: 'A date is not a real calendar date in the form YYYY-MM-DD.',
		fix: 'Write the date as year-month-day, e.g. 2026-03-31, with no time.',
	},
	AMOUNT_INVALID: {
		meaning: 'An amount is not a number.',
		fix: 'Use plain numbers with a dot for decimals and no currency signs or thousands separators, e.g. 1234.50.',
	},
	AMOUNT_PRECISION: {
		meaning: 'An amount has more decimal places than the currency allows (often a rounding error in the source).',
		fix: 'Round the amount in the source to whole pence/cents and make the totals match.',
	},
	LINES_MISSING: {
		meaning: 'The document has no lines.',
		fix: 'Add at least one line with its net amount.',
	},
	TOTALS_NET_MISMATCH: {
		meaning: 'The line net amounts do not add up to the net total.',
		fix: 'Correct the lines or the net total in the source; Ledger Bridge never rounds a difference away.',
	},
	TOTALS_TAX_MISMATCH: {
		meaning: 'The line tax amounts do not add up to the tax total.',
		fix: 'Correct the line tax amounts or the tax total in the source.',
	},
	TOTALS_GROSS_MISMATCH: {
		meaning: 'Net total plus tax total is not the gross total.',
		fix: 'Correct the totals in the source so that net + tax = gross.',
	},
	DUPLICATE_IN_BATCH: {
		meaning: 'The same document number appears twice in one run.',
		fix: 'Remove the repeated document from the export, or give it its own number.',
	},
	INVOICE_HELD_FOR_REVIEW: {
		meaning: 'A ConnectWise invoice with a zero or negative total was held back for a person to look at; it is not in this batch and comes again with the next export.',
		fix: 'Check the invoice in ConnectWise Manage: void it, make it a credit memo, or set Zero and Negative Invoices to Post on the ConnectWise Manage node.',
	},
	INVOICE_AMOUNT_UNUSUAL: {
		meaning: 'A ConnectWise invoice has a zero or negative total, and the node is set to refuse such invoices.',
		fix: 'Correct the invoice in ConnectWise Manage (a credit belongs in a credit memo), or set Zero and Negative Invoices to Hold or Post.',
	},
	CUSTOMER_CODE_MISSING: {
		meaning: 'The customer has no account code, so it cannot be matched or created.',
		fix: 'Give the customer an account code (A/C) in the source system.',
	},
	CUSTOMER_CODE_UNMAPPED: {
		meaning: 'The customer code is not in the customer mapping table.',
		fix: 'Add the code to the customer mapping table, or correct it in the source.',
	},
	SUPPLIER_CODE_MISSING: {
		meaning: 'The supplier (or the member\'s vendor) has no account code.',
		fix: 'Give the supplier an account code in the source system.',
	},
	SUPPLIER_CODE_UNMAPPED: {
		meaning: 'The supplier code is not in the supplier mapping table.',
		fix: 'Add the code to the supplier mapping table, or correct it in the source.',
	},
	ACCOUNT_CODE_MISSING: {
		meaning: 'A line has no GL/nominal account and none could be found from its item.',
		fix: 'Set the account on the line, or add the item to the cost-matrix mapping table.',
	},
	ACCOUNT_UNMAPPED: {
		meaning: 'A line\'s GL/nominal account is not in the account mapping table.',
		fix: 'Add the account to the account mapping table (accounts are never created automatically).',
	},
	ITEM_ACCOUNT_UNMAPPED: {
		meaning: 'A line\'s item (cost-matrix code) has no sales/expense account in the cost-matrix table.',
		fix: 'Add the item to the cost-matrix mapping table with its sales and expense accounts.',
	},
	TAX_CODE_MISSING: {
		meaning: 'A line has no tax code and the target needs one.',
		fix: 'Set the tax code on the line in the source system.',
	},
	TAX_CODE_UNMAPPED: {
		meaning: 'A tax code is not in the tax code mapping table.',
		fix: 'Add the tax code to the tax code mapping table.',
	},
	TAX_CODE_NOT_ALLOWED: {
		meaning: 'The tax code is not one the target ledger accepts.',
		fix: 'Map the tax code to one the target accepts (see the target profile).',
	},
	PAYMENT_TERMS_UNMAPPED: {
		meaning: 'The payment terms are not in the payment terms mapping table.',
		fix: 'Add the payment terms to the payment terms mapping table.',
	},
	CURRENCY_UNMAPPED: {
		meaning: 'The currency is not in the currency mapping table.',
		fix: 'Add the currency to the currency mapping table.',
	},
	CURRENCY_NOT_ALLOWED: {
		meaning: 'The target ledger does not accept this currency.',
		fix: 'Enable the currency in the target ledger, or map it to one that is enabled.',
	},
	PRODUCT_TYPE_UNMAPPED: {
		meaning: 'A product type is not in the product type mapping table.',
		fix: 'Add the product type to the product type mapping table.',
	},
	DOCUMENT_TYPE_NOT_SUPPORTED: {
		meaning: 'The target does not take this kind of document.',
		fix: 'Send this document to another target, or filter it out before this node.',
	},
	FIELD_MANDATORY_MISSING: {
		meaning: 'A field the target ledger requires is empty.',
		fix: 'Fill in the field in the source system.',
	},
	FIELD_TOO_LONG: {
		meaning: 'A field is longer than the target allows and the target profile forbids shortening it.',
		fix: 'Shorten the text in the source system.',
	},
	FIELD_CHARACTERS_INVALID: {
		meaning: 'A field holds characters the target does not accept and the profile forbids removing them.',
		fix: 'Remove the characters the message names in the source system.',
	},
	VALUE_DOES_NOT_FIT: {
		meaning: 'An amount or code does not fit the field the target file has for it (e.g. an amount over 999,999,999.99 in an Opera N(12,2) field).',
		fix: 'Split the document, or check the amount in the source; Ledger Bridge never cuts a number to make it fit.',
	},
	BANK_DETAILS_INCOMPLETE: {
		meaning: 'The party has an IBAN without a BIC, or a BIC without an IBAN; the target needs both or neither.',
		fix: 'Enter the missing IBAN or BIC on the customer/supplier in the source system, or remove both.',
	},
	IBAN_INVALID: {
		meaning: 'The IBAN fails the ISO 13616 check (wrong length for its country or wrong check digits).',
		fix: 'Copy the IBAN again from the customer\'s or supplier\'s bank details; a single wrong digit fails the check.',
	},
	BIC_INVALID: {
		meaning: 'The BIC is not 8 or 11 characters in the ISO 9362 pattern.',
		fix: 'Correct the BIC (SWIFT code) from the bank details, e.g. DEUTDEFF or DEUTDEFF500.',
	},
	SAGE_ACCOUNT_MISSING: {
		meaning: 'The customer or supplier account is not in Sage and creating missing accounts is switched off.',
		fix: 'Create the account in Sage, or switch on "Create Missing Customers and Suppliers" in the Sage Import node.',
	},
	SAGE_NOMINAL_MISSING: {
		meaning: 'A line\'s nominal (GL) account does not exist in Sage; Sage never creates nominal accounts on import.',
		fix: 'Create the nominal account in Sage, or map the line to an existing one in Ledger Mapping.',
	},
	SAGE_TAX_CODE_MISSING: {
		meaning: 'A line\'s tax code does not exist in Sage.',
		fix: 'Map the tax code to one Sage has (T0–T99 in Sage 50 UK) in Ledger Mapping.',
	},
	SAGE_DEPARTMENT_MISSING: {
		meaning: 'The department on the document does not exist in Sage.',
		fix: 'Create the department in Sage or correct it in the source.',
	},
	SAGE_CREDIT_LIMIT_HOLD: {
		meaning: 'Held, not posted: the sales invoice would take the customer over its credit limit in Sage, or the customer is set to Always Hold, and the Sage Import node\'s "Credit Limit Handling" holds such invoices.',
		fix: 'Post it in a later run once the customer has paid or its credit limit (or status) is changed in Sage; in the ConnectWise flow it stays unposted for a follow-up batch.',
	},
	MAX_DOCUMENTS_REACHED: {
		meaning: 'Not processed in this run: the run\'s maximum number of documents was reached (nothing was posted for it).',
		fix: 'Run the import again for the remaining documents, or raise "Maximum Documents per Run".',
	},
	STREAMTIME_TYPE_UNKNOWN: {
		meaning: 'The file is not a Streamtime invoice list or purchase-order list export: no row near the top has the headings of either.',
		fix: 'Export again from Job Invoicing > Invoice List or Tenders & Orders > List as "Tab-Separated Text", or tell the node the file\'s own column headings.',
	},
	STREAMTIME_COLUMN_MISSING: {
		meaning: 'The export\'s heading row lacks a column every document needs (document number, date, client/supplier code or amount).',
		fix: 'Add the column to the Streamtime export layout, or tell the node which heading your export uses for it.',
	},
	STREAMTIME_COLUMN_AMBIGUOUS: {
		meaning: 'Two columns of the export\'s heading row read as the same column (e.g. "Client Account Code" and "Client Accounts Code"), so which one is meant cannot be told.',
		fix: 'Remove or rename one of the two columns in the export, or tell the node which heading your export uses.',
	},
	STREAMTIME_ROW_MALFORMED: {
		meaning: 'A row of the export is broken: it has no document number, too few or too many columns (a line break or tab inside a description), or an unreadable currency.',
		fix: 'Correct the invoice or order in Streamtime (remove tabs and line breaks from descriptions, fill in the number) and export again.',
	},
	STREAMTIME_DATE_INVALID: {
		meaning: 'A date in the export is empty or not a real date in the expected form (dd/mm/yyyy unless the node says mm/dd/yyyy; yyyy-mm-dd is always read).',
		fix: 'Correct the date in Streamtime, or set the node\'s date order to match the export, and run again.',
	},
	STREAMTIME_AMOUNT_INVALID: {
		meaning: 'An amount in the export is empty or not a number (currency signs, thousands separators and (brackets) for negatives are read).',
		fix: 'Correct the amount in Streamtime, or set the node\'s decimal separator to match the export, and run again.',
	},
	STREAMTIME_DOCUMENT_INCONSISTENT: {
		meaning: 'Lines with the same document number disagree on its date, client/supplier, currency or reference, so they may be two documents sharing a number.',
		fix: 'Give each invoice or order its own number in Streamtime, or correct the line that differs, and export again.',
	},
	STREAMTIME_DOCUMENT_INCOMPLETE: {
		meaning: 'Held back: another line of the same invoice or order was rejected, and a document is never posted with lines missing.',
		fix: 'Fix the rejected line named in the message; the whole document is then imported on the next run.',
	},
	EXACT_JOURNAL_MISSING: {
		meaning: 'The sales or purchase journal code set in the Exact Online node does not exist in the Exact division.',
		fix: 'Pick the journal from the dropdown (Master data → Financial → Journals in Exact) — the code, e.g. 70, not its description.',
	},
	EXACT_JOURNAL_WRONG_TYPE: {
		meaning: 'The journal exists in Exact Online but is not a sales journal (for sales documents) or a purchase journal (for purchase documents).',
		fix: 'Choose a journal of the right type in the Exact Online node.',
	},
	EXACT_GL_ACCOUNT_MISSING: {
		meaning: 'A line\'s G/L account code does not exist in Exact Online (the cost matrix item\'s sales or expense code).',
		fix: 'Create the G/L account in Exact, correct the code in the source or the mapping table, or switch on "Create Missing G/L Accounts".',
	},
	EXACT_GL_ACCOUNT_NOT_USABLE: {
		meaning: 'A line\'s G/L account is blocked in Exact Online, or is a debtors, creditors, VAT, bank or cash account that invoice lines cannot use.',
		fix: 'Use a revenue account for sales lines and a cost account for purchase lines, or unblock the account in Exact.',
	},
	EXACT_VAT_CODE_MISSING: {
		meaning: 'A line\'s VAT code does not exist in Exact Online (or is blocked). Exact would post such a line without VAT, so it is stopped instead.',
		fix: 'Make the tax code match a VAT code in Exact (Master data → VAT codes), usually one of the "excluding" type, or map it in the Tax Code table.',
	},
	EXACT_PAYMENT_CONDITION_MISSING: {
		meaning: 'The payment terms code does not exist as a payment condition in Exact Online.',
		fix: 'Make the payment terms code match a payment condition in Exact (Master data → Accounts → Payment conditions) or map it in the Payment Terms table.',
	},
	EXACT_CURRENCY_INACTIVE: {
		meaning: 'The document\'s currency is not one the Exact Online division uses.',
		fix: 'Activate the currency in Exact (Financial → Currency → Exchange rates) or correct the currency in the source.',
	},
	EXACT_ACCOUNT_MISSING: {
		meaning: 'The customer or supplier account code does not exist in Exact Online, and creating missing accounts is switched off.',
		fix: 'Create the account in Exact with this code, or switch on "Create Missing Accounts" in the Exact Online node.',
	},
	EXACT_ACCOUNT_WRONG_TYPE: {
		meaning: 'The account code exists in Exact Online but is not a customer (for sales documents) or not a supplier (for purchase documents).',
		fix: 'Mark the account as a customer or supplier in Exact, or correct the account code in the source.',
	},
	EXACT_REJECTED: {
		meaning: 'Exact Online refused the entry; its own message is quoted.',
		fix: 'Correct what Exact names (a closed period, a blocked account…) and run again; documents already posted are skipped.',
	},
	EXACT_NOT_CONFIRMED: {
		meaning: 'Exact Online did not answer in time or was unavailable, and the entry was not found there afterwards, so it is treated as not posted.',
		fix: 'Run the same input again later: documents already in Exact are skipped as duplicates, so nothing is posted twice.',
	},
	EXACT_LIMIT_REACHED: {
		meaning: 'Exact Online\'s daily API limit for this app and division is used up, so the document was not sent.',
		fix: 'Run again after the limit resets (the message says when); documents already posted are skipped.',
	},
	SAGE100_CUSTOMER_MISSING: {
		meaning: 'The invoice\'s customer is not a customer (third party of type client) in Sage 100.',
		fix: 'Synchronise the customer first (Sync Customers, or send it in the same call), or correct the customer code on the invoice.',
	},
	SAGE100_PROJECT_MISSING: {
		meaning: 'The invoice\'s project is not a section of the analytic plan for projects (PROJET by default) in Sage 100.',
		fix: 'Synchronise the project first (Sync Projects, or send it in the same call), or correct the project code on the invoice.',
	},
	SAGE100_ACCOUNT_MISSING: {
		meaning: 'An accounting account the invoice needs does not exist in Sage 100: a line\'s sales account, the customer\'s collective account or a VAT code\'s VAT account.',
		fix: 'Create the account in Sage (Structure > Plan comptable), or correct the account in the platform\'s account numbers or the mapping table.',
	},
	SAGE100_VAT_CODE_MISSING: {
		meaning: 'A line\'s VAT code does not exist in Sage 100.',
		fix: 'Correct the VAT code in the platform\'s settings, or map it in Ledger Mapping\'s Tax Code table to one of Sage\'s codes (Structure > Taux de taxes).',
	},
	SAGE100_SALES_ACCOUNT_NO_CURRENCY: {
		meaning: 'The sales account has no associated currency in Sage 100 (or not the invoice\'s currency).',
		fix: 'In Sage, open the sales account (Structure > Plan comptable) and set its currency, or post the line to a sales account that has one.',
	},
	SAGE100_CODE_NOT_UNIQUE: {
		meaning: 'A customer or project code is not unique: two records in the same call share it, or the customer code already belongs to a supplier or another third party in Sage 100.',
		fix: 'Give every customer its own code on the platform (Billing > Clients, column Number) and every project its own code; a code is never shared.',
	},
	SAGE100_BEFORE_PERIOD_START: {
		meaning: 'Skipped, not posted: the invoice is dated before the period start set in the Sage ODBC credential.',
		fix: 'Nothing to do if the invoice belongs to a period you do not keep in Sage; otherwise move the period start back in the credential and send it again.',
	},
	SAGE100_INVOICE_CHANGED: {
		meaning: 'The invoice is already in Sage 100 with another date, customer, account or amount; once imported, an invoice cannot change.',
		fix: 'Issue a credit note on the platform to reverse the invoice, then a new invoice; both are posted as they are.',
	},
	SAGE100_REFUSED: {
		meaning: 'Sage 100\'s database refused the record (its message is quoted); nothing of it was written.',
		fix: 'Correct what the message names (a closed period, an account or section put to sleep…) and send it again; what is already in Sage is skipped.',
	},
	SAGE100_LOCKED: {
		meaning: 'The Sage 100 company stayed locked by another user or program for the whole retry time, so nothing of the record was written.',
		fix: 'Close Sage 100 on that company (the synchronisation cannot run while the company is open) and send again; what is already in Sage is skipped.',
	},
	BATCH_STOPPED: {
		meaning: 'Nothing in this batch was sent because another document in it was rejected ("whole batch" mode).',
		fix: 'Fix the rejected documents listed in this log and run the whole batch again.',
	},
	DOCUMENT_CHANGED_AFTER_POSTING: {
		meaning: 'The document was already posted (or written to an import file) and has come back with other content: another amount, date, account or lines. A posted document is never changed or posted a second time.',
		fix: 'Issue a credit note for the posted document in the source system, then a new document with a new number; both are posted as they are. If the first posting was deleted from the ledger by hand, remove it from the journal with the Posting Journal node\'s "Forget Documents".',
	},
	POSTING_UNCONFIRMED: {
		meaning: 'The document was sent, but the target neither confirmed it nor could be asked afterwards, so whether it arrived is not known yet. It is not sent again until the target has been asked.',
		fix: 'Run the same input again once the target answers: the next run looks in the target first and reports the document as posted, or sends it if it is not there.',
	},
	POSTING_STOPPED: {
		meaning: 'Not sent: the run stopped before this document (the target or the journal stopped answering midway); documents before it were posted and are reported.',
		fix: 'Correct what the message names (the target or the journal was unreachable), then run the same input again: what was posted is skipped, the rest is sent.',
	},
	TARGET_UNREACHABLE: {
		meaning: 'Not sent: the target failed several documents in a row without answering (connection refused, timeouts, server errors), so the run stopped sending rather than wait on every document.',
		fix: 'Check that the target is up and reachable from n8n (its status page, the network, a proxy), then run the same input again: what was posted is skipped.',
	},
	CONNECTWISE_INVOICE_MISSING: {
		meaning: 'The ledger shows a payment for an invoice number no ConnectWise Manage invoice has, so Manage is left as it is.',
		fix: 'Check that the invoice number in the ledger is the one Manage gave the invoice (a typing slip, or an invoice created in the ledger by hand).',
	},
	CONNECTWISE_PAYMENT_REFUSED: {
		meaning: 'ConnectWise Manage refused the payment write (its message is quoted); nothing was changed on the invoice.',
		fix: 'Correct what Manage names (a closed invoice, a missing payment type, the API member\'s rights) and sync again; payments already set are left as they are.',
	},
	SAGE_DATABASE_BUSY: {
		meaning: 'The Sage company stayed locked by another user, program or workflow for the whole waiting time, so nothing was written for the document.',
		fix: 'Close Sage (or the other workflow using the company) and run again; what is already in Sage is skipped.',
	},
} as const satisfies Record<string, { meaning: string; fix: string }>;

export type FailureCode = keyof typeof FAILURE_CODES;

/** One reason a document was rejected. */
export interface Failure {
	code: FailureCode;
	/** Where in the document, in the form a person can find it: "lines[2].taxCode". */
	field?: string;
	/** A sentence a bookkeeper understands, naming the document and what to fix. */
	message: string;
}

/**
 * A document's failures as one passage to read: each message names the document ("Sales invoice
 * INV-2045: …") so that it stands alone in the import log, but said once is enough here, and the
 * same fault on several lines is one sentence ("lines 1, 2 and 3 nominal code 4060 does not exist
 * in Sage."), not three.
 */
export function failureSummary(failures: ReadonlyArray<Pick<Failure, 'message'>>): string {
	const messages = failures.map((failure) => failure.message);
	const prefix = /^[^:]+: /.exec(messages[0] ?? '')?.[0];
	if (!prefix || messages.length < 2 || !messages.every((message) => message.startsWith(prefix))) return messages.join(' ');
	const parts: Array<{ text: string; lines: string[] }> = [];
	for (const message of messages) {
		const rest = message.slice(prefix.length);
		const line = /^line (\d+) (.+)$/.exec(rest);
		const same = line && parts.find((part) => part.lines.length > 0 && part.text === line[2]);
		if (same) same.lines.push(line[1]);
		else parts.push(line ? { text: line[2], lines: [line[1]] } : { text: rest, lines: [] });
	}
	const sentences = parts.map(({ text, lines }) => {
		if (lines.length === 0) return text;
		const named = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
		return `${named} ${text}`;
	});
	return prefix + sentences.map((sentence, index) => (index === 0 ? sentence : sentence.charAt(0).toUpperCase() + sentence.slice(1))).join(' ');
}

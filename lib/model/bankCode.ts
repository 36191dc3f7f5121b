/** Bank codes as ledgers store them: spaces (as printed: "DEUT DE FF") removed, letters upper-cased. */
export function normaliseBankCode(text: string): string {
	return text.replace(/\s+/g, '').toUpperCase();
}

/** An IBAN's electronic form: spaces, hyphens and dots (as printed or typed: "GB82 WEST 1234 …", "GB82-WEST-1234-…") removed. */
export function electronicIban(text: string): string {
	return normaliseBankCode(text.replace(/[-.]+/g, ''));
}

/**
 * Creating relations and G/L accounts by POST (§3 crm/Accounts, financial/GLAccounts).
 */
import { Problems, readEntity, text } from './bodies';
import { ACCOUNT, GL_ACCOUNT } from './schemas';
import { materialiseAccount, materialiseGLAccount, type DivisionData } from './state';
import type { Account, GLAccount } from './types';
import { newGuid, padAccountCode, padVatCode } from './values';

export interface PostContext {
	/** Status for business-rule failures: Exact often answers 500 (§6). */
	validationStatus: number;
	now: number;
}

const STATUSES = new Set(['C', 'P', 'S', 'A']);

/**
 * POST crm/Accounts. Name is required; Code is padded to 18 with leading spaces and must be
 * unique. Without a Code the emulator numbers the account itself (unverified against Exact).
 * A sales or purchase currency that is inactive is blanked without a word (§3).
 */
export function postAccount(division: DivisionData, body: unknown, context: PostContext): Account {
	const entity = readEntity(body, ACCOUNT, [], 'Exact.Web.Api.Models.Account');
	const problems = new Problems();

	const name = text(entity, 'Name');
	if (!name) problems.add('Mandatory: Name');

	let code = text(entity, 'Code');
	if (code !== undefined && code.length > 18) problems.add('Invalid: Code');
	if (code !== undefined && division.accounts.some((account) => account.Code === padAccountCode(code as string))) problems.add('Already exists: Code');
	if (code === undefined) {
		const numbers = division.accounts.map((account) => Number(account.Code.trim())).filter(Number.isInteger);
		code = String(Math.max(0, ...numbers) + 1);
	}

	const status = text(entity, 'Status')?.toUpperCase() ?? 'A';
	if (!STATUSES.has(status)) problems.add('Invalid: Status');

	for (const field of ['PaymentConditionSales', 'PaymentConditionPurchase']) {
		const condition = text(entity, field);
		if (condition !== undefined && !division.paymentCondition(condition)) problems.add('Invalid reference: Payment condition');
	}
	const currencies: Record<string, string | null> = {};
	for (const field of ['SalesCurrency', 'PurchaseCurrency']) {
		const given = text(entity, field);
		const currency = given === undefined ? undefined : division.currency(given);
		if (given !== undefined && !currency) problems.add('Invalid reference: Currency');
		currencies[field] = currency?.Active ? currency.Code : null;
	}
	const vatCodes: Record<string, string | null> = {};
	for (const field of ['SalesVATCode', 'PurchaseVATCode']) {
		const given = text(entity, field);
		if (given !== undefined && !division.vatCode(given)) problems.add('Invalid reference: VAT code');
		vatCodes[field] = given === undefined ? null : padVatCode(given);
	}
	for (const field of ['GLAR', 'GLAP']) {
		const id = entity[field];
		if (typeof id === 'string' && !division.glAccount(id)) problems.add('Invalid reference: G/L account');
	}
	const email = text(entity, 'Email');
	// Simplicate quotes "Invalid: Email []" (§6).
	if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.add(`Invalid: Email [${email}]`);

	problems.throwIfAny(context.validationStatus);
	const account = materialiseAccount(
		division.code,
		{
			Code: code,
			Name: name as string,
			ID: newGuid(),
			Status: status,
			IsSupplier: (entity.IsSupplier as boolean | null | undefined) ?? false,
			Blocked: (entity.Blocked as boolean | null | undefined) ?? false,
			VATNumber: text(entity, 'VATNumber') ?? null,
			Country: text(entity, 'Country') ?? null,
			City: text(entity, 'City') ?? null,
			Email: email ?? null,
			PaymentConditionSales: text(entity, 'PaymentConditionSales') ?? null,
			PaymentConditionPurchase: text(entity, 'PaymentConditionPurchase') ?? null,
			SalesCurrency: currencies.SalesCurrency,
			PurchaseCurrency: currencies.PurchaseCurrency,
			SalesVATCode: vatCodes.SalesVATCode,
			PurchaseVATCode: vatCodes.PurchaseVATCode,
			GLAR: (entity.GLAR as string | null | undefined) ?? null,
			GLAP: (entity.GLAP as string | null | undefined) ?? null,
		},
		new Date(context.now),
	);
	division.accounts.push(account);
	return account;
}

/** POST financial/GLAccounts: Code, Description and Type are required; Code is unique. */
export function postGLAccount(division: DivisionData, body: unknown, context: PostContext): GLAccount {
	const entity = readEntity(body, GL_ACCOUNT, [], 'Exact.Web.Api.Models.GLAccount');
	const problems = new Problems();
	const code = text(entity, 'Code');
	const description = text(entity, 'Description');
	const type = entity.Type as number | null | undefined;
	if (!code) problems.add('Mandatory: Code');
	else if (division.glAccounts.some((glAccount) => glAccount.Code === code)) problems.add('Already exists: Code');
	if (!description) problems.add('Mandatory: Description');
	if (type === null || type === undefined) problems.add('Mandatory: Type');
	const vatCode = text(entity, 'VATCode');
	if (vatCode !== undefined && !division.vatCode(vatCode)) problems.add('Invalid reference: VAT code');
	problems.throwIfAny(context.validationStatus);

	const glAccount = materialiseGLAccount(
		division.code,
		{
			Code: code as string,
			Description: description as string,
			Type: type as number,
			ID: newGuid(),
			IsBlocked: (entity.IsBlocked as boolean | null | undefined) ?? false,
			VATCode: vatCode,
			UseCostcenter: (entity.UseCostcenter as number | null | undefined) ?? 0,
			UseCostunit: (entity.UseCostunit as number | null | undefined) ?? 0,
		},
		true,
	);
	division.glAccounts.push(glAccount);
	return glAccount;
}

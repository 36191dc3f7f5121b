/**
 * Sync Projects: the platform's projects as sections of the analytic plan for projects
 * (F_COMPTEA in the plan named in the credential, PROJET by default; seed 002: "Pull
 * projects"). A project is not a ledger document, so it has its own small shape:
 *
 *   { "code": "P2026-014", "name": "Médiathèque de Villeurbanne", "customer": "MAIRIE-VBN" }
 *
 * `customer` is kept for your reference only: Sage's sections have no customer.
 */
import type { Failure } from '../../report/failureCodes';
import type { SageConnection } from '../../odbc/connection';
import { characterLength, codeFits, fitText, SAGE100_FIELDS } from './fields';
import type { Sage100Reference } from './reference';
import { SAGE100_TABLES, SECTION_TYPE_DETAIL } from './schema';

export interface ProjectRecord {
	code: string;
	name: string;
	customer?: string;
	extra?: Record<string, unknown>;
}

export interface SectionRecord {
	code: string;
	name: string;
	adjusted: string[];
}

export type ProjectPlan =
	| { index: number; input: unknown; status: 'create'; section: SectionRecord }
	| { index: number; input: unknown; status: 'alreadyInSage'; section: SectionRecord; message: string }
	| { index: number; input: unknown; status: 'rejected'; failures: Failure[] };

const FIELDS = new Set(['code', 'name', 'customer', 'extra']);

/** "project P2026-014", or "project (no code)", as the other documents are named in messages. */
export function describeProject(input: unknown): string {
	const code = input && typeof input === 'object' ? (input as { code?: unknown }).code : undefined;
	return typeof code === 'string' && code.trim() ? `project ${code.trim()}` : 'project (no code)';
}

export function projectSection(input: unknown): { section?: SectionRecord; failures: Failure[] } {
	const name = describeProject(input);
	const Name = name.charAt(0).toUpperCase() + name.slice(1);
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		return { failures: [{ code: 'DOCUMENT_NOT_AN_OBJECT', message: 'This item is not a project: expected a JSON object with "code" and "name".' }] };
	}
	const project = input as Record<string, unknown>;
	const failures: Failure[] = [];
	for (const key of Object.keys(project)) {
		if (!FIELDS.has(key)) {
			failures.push({ code: 'FIELD_UNKNOWN', field: key, message: `${Name}: "${key}" is not a field of a project (code, name, customer, extra; put other data under "extra").` });
		}
	}
	const code = typeof project.code === 'string' ? project.code.trim() : '';
	const title = typeof project.name === 'string' ? project.name.trim() : '';
	if (!code) failures.push({ code: 'FIELD_REQUIRED', field: 'code', message: `${Name}${title ? ` (${title})` : ''}: a project needs its code, the section number Sage files it under.` });
	if (!title) failures.push({ code: 'FIELD_REQUIRED', field: 'name', message: `${Name}: a project needs its name, the section's title in Sage.` });
	if (code && !codeFits(code, 'sectionCode')) {
		const field = SAGE100_FIELDS.sectionCode;
		failures.push({
			code: 'FIELD_TOO_LONG',
			field: 'code',
			message: `${Name}: the code has ${characterLength(code)} characters; a Sage 100 section (${field.column}) takes ${field.width}.`,
		});
	}
	if (failures.length > 0) return { failures };
	const adjusted: string[] = [];
	const fitted = fitText(title, 'sectionName');
	if (fitted !== title) adjusted.push(`${SAGE100_FIELDS.sectionName.column} shortened from ${characterLength(title)} to ${characterLength(fitted)} characters`);
	// Codes are kept as typed: the invoices name the project the same way, and Sage compares them in capitals.
	return { section: { code, name: fitted, adjusted }, failures };
}

export function planProjects(inputs: Array<{ index: number; input: unknown }>, reference: Sage100Reference): ProjectPlan[] {
	const built = inputs.map(({ index, input }) => ({ index, input, ...projectSection(input) }));
	const count = new Map<string, number>();
	for (const { section } of built) if (section) count.set(section.code.toUpperCase(), (count.get(section.code.toUpperCase()) ?? 0) + 1);
	const plan = reference.plan?.name ?? 'the analytic plan';
	return built.map(({ index, input, section, failures }): ProjectPlan => {
		if (!section) return { index, input, status: 'rejected', failures };
		const Name = `Project ${section.code}`;
		if ((count.get(section.code.toUpperCase()) ?? 0) > 1) {
			return {
				index,
				input,
				status: 'rejected',
				failures: [{ code: 'SAGE100_CODE_NOT_UNIQUE', field: 'code', message: `${Name}: the code ${section.code} is given to more than one project in this call; project codes must be unique, so none of them was synchronised.` }],
			};
		}
		const existing = reference.sections.get(section.code.toUpperCase());
		if (existing) {
			const renamed = existing.name !== section.name ? ` (Sage calls it "${existing.name}" and keeps that title)` : '';
			return { index, input, status: 'alreadyInSage', section, message: `${Name} is already a section of plan ${plan} in Sage${renamed}.` };
		}
		return { index, input, status: 'create', section };
	});
}

export async function insertSection(connection: SageConnection, planNumber: number, level: number | undefined, section: SectionRecord): Promise<void> {
	await connection.query(`INSERT INTO ${SAGE100_TABLES.sections} (N_Analytique, CA_Num, CA_Intitule, CA_Type, N_Analyse) VALUES (?, ?, ?, ?, ?)`, [
		planNumber,
		section.code,
		section.name,
		SECTION_TYPE_DETAIL,
		level ?? null,
	]);
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { connect, connectionString, withoutSecrets, type SageConnection } from '../../lib/targets/sageOdbc/connection';
import { loadReferenceData, lookUp, postedKey, postedReferences } from '../../lib/targets/sageOdbc/lookups';
import { createSageCompany, SAMPLE_COMPANY } from '../fixtures/sageCompany';

let folder: string;
let connection: SageConnection;

beforeEach(async () => {
	folder = mkdtempSync(path.join(tmpdir(), 'sage-odbc-'));
	const companyConnection = await createSageCompany(path.join(folder, 'company.db'), {
		...SAMPLE_COMPANY,
		customers: [...SAMPLE_COMPANY.customers, ["O'BRIEN", "O'Brien; Smith -- Jones"], ['ZURICH01', 'Zürich Straße Λtd 東京']],
		posted: [
			['SI', 'ACME01', 'INV-0990'],
			['SC', 'ACME01', 'CN-0991'],
		],
	});
	connection = await connect({ connection: companyConnection, edition: 'sage50uk', user: 'MANAGER', password: '' });
});
afterEach(async () => {
	await connection.close();
	rmSync(folder, { recursive: true, force: true });
});

describe('Sage 50 UK company over a real ODBC driver (libsqliteodbc)', () => {
	test('customers come back with codes and names exactly, quotes, semicolons and non-Latin text included', async () => {
		expect(await lookUp(connection, 'sage50uk', 'customers')).toEqual([
			{ code: 'ACME01', name: 'Acme Ltd' },
			{ code: 'GLOB01', name: 'Globex Corporation' },
			{ code: "O'BRIEN", name: "O'Brien; Smith -- Jones" },
			{ code: 'ZURICH01', name: 'Zürich Straße Λtd 東京' },
		]);
	});

	test('reference data is read in five queries however many documents follow', async () => {
		const before = connection.queryCount;
		const data = await loadReferenceData(connection, 'sage50uk');
		expect(connection.queryCount - before).toBe(5);
		expect([...data.nominalAccounts]).toContain('4000');
		expect([...data.taxCodes]).toEqual(['T0', 'T1', 'T2', 'T4', 'T5', 'T9']);
		expect([...(data.departments ?? [])]).toEqual(['0', '1']);
	});

	test('already-posted references are found per account and type, 100 references per query', async () => {
		const references = [...Array.from({ length: 250 }, (_, index) => `INV-${index}`), 'INV-0990', 'CN-0991', "INV-'; DROP TABLE AUDIT_HEADER; --"];
		const before = connection.queryCount;
		const posted = await postedReferences(connection, 'sage50uk', references);
		expect(connection.queryCount - before).toBe(3);
		expect([...posted].sort()).toEqual([postedKey('ACME01', 'CN-0991', 'SC'), postedKey('ACME01', 'INV-0990', 'SI')]);
		expect(posted.has(postedKey('ACME01', 'INV-0990', 'SC'))).toBe(false);
		expect(await lookUp(connection, 'sage50uk', 'customers')).toHaveLength(4);
	});

	test('a wrong data path is an error that names the problem and never shows the password', async () => {
		const settings = { connection: 'Driver={Sage Line 50 v29}', dataPath: 'C:\\ACCDATA', user: 'MANAGER', password: 'S3cret!', edition: 'sage50uk' as const };
		expect(connectionString(settings)).toBe('Driver={Sage Line 50 v29};DIR=C:\\ACCDATA;UID=MANAGER;PWD=S3cret!');
		const error = await connect(settings).then(
			() => undefined,
			(thrown: Error) => thrown,
		);
		expect(error?.message).toMatch(/^Could not connect to the Sage company: .*IM002|^Could not connect to the Sage company: /);
		expect(error?.message).toContain('this user is not logged in to Sage');
		expect(error?.message).not.toContain('S3cret!');
		expect(withoutSecrets('login failed for PWD=S3cret!;UID=MANAGER', { password: 'S3cret!' })).toBe('login failed for PWD=***;UID=MANAGER');
	});

	test('a DSN name becomes DSN=…, Sage\'s default user is kept and a blank password is sent blank', () => {
		expect(connectionString({ connection: 'SageLine50v29', user: 'MANAGER', edition: 'sage50uk' })).toBe('DSN=SageLine50v29;UID=MANAGER;PWD=');
	});
});

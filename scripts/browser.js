#!/usr/bin/env node
/**
 * The n8n editor in a real browser (Debian's Chromium, driven by puppeteer-core), as a bookkeeper
 * reviews a run: the watched-folder sample is fed June's export, which has two invoices Sage
 * cannot take. Checked on screen: the executions list shows the run as failed, the failed run
 * names the step and the rejects, Sage Import's Rejected output lists each reject with its
 * message, and the error workflow ran (its e-mail caught by a local SMTP catcher). Screenshots go
 * to docs/images/, where the README shows them. Prints "browser: N passed, N failed".
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const { freePort, startSmtpCatcher } = require('./lib/services');

const IMAGES = path.join(n8n.ROOT, 'docs', 'images');
const FOLDER_FLOW = 'lbStreamFolder01';
const EXACT_FLOW = 'lbStreamExact01';
const ERROR_WORKFLOW = 'lbErrorMail01';
const OWNER = { email: 'bookkeeper@ledger-bridge.example', firstName: 'Bea', lastName: 'Keeper', password: 'Sandbox-Pass-1' };

function chromium() {
	const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.LEDGER_BRIDGE_CHROMIUM].filter(Boolean).find((file) => fs.existsSync(file));
	if (!found) throw new Error('Chromium not found: apt-get install chromium (npm run setup does), or set LEDGER_BRIDGE_CHROMIUM to its path');
	return found;
}

/** Everything the page shows, its frames included (the execution preview is one). */
async function shownText(page) {
	const texts = await Promise.all(page.frames().map((frame) => frame.evaluate(() => document.body?.innerText ?? '').catch(() => '')));
	return texts.join('\n');
}

async function until(page, description, predicate, timeoutMs = 30_000) {
	let last = '';
	try {
		return await n8n.waitFor(description, async () => {
			last = await shownText(page);
			return predicate(last) ? last : undefined;
		}, { timeoutMs, intervalMs: 500 });
	} catch (error) {
		throw new Error(`${error.message}; the page showed: ${last.slice(0, 1500)}`);
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** "4000 — Sales - Design" → "4000": the code our dropdowns put first. */
const code = (label) => label.split(' — ')[0];

/** The entries of the open dropdown lists (Element Plus renders them at the end of the page). */
function shownOptions(page) {
	return page.$$eval('.el-select-dropdown__item', (items) => items.filter((item) => item.offsetParent !== null).map((item) => item.textContent.trim()));
}

/**
 * Opens a node of a workflow in the editor as a user would (a double click on the canvas), adds a
 * collection option when asked, opens the parameter's dropdown and returns what it lists once
 * n8n has asked the node's loadOptions method. Without a URL the open node panel is used.
 */
async function dropdown(page, url, nodeName, { add, parameter }) {
	if (url) {
		await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
		const node = await n8n.waitFor(`${nodeName} on the canvas`, async () => (await page.$(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`)) ?? undefined, { timeoutMs: 20_000 });
		await node.click({ count: 2 });
		await page.waitForSelector('[data-test-id="node-parameters"]', { timeout: 20_000 });
	}
	const input = `[data-test-id="parameter-input-${parameter}"] input`;
	// On a busy machine a click can land while the list is still opening: the option is chosen again until its input is there.
	for (let attempt = 1; add && !(await page.$(input)); attempt += 1) {
		await page.click('[data-test-id="node-parameters"] [data-test-id="collection-parameter-add"] input');
		const option = await n8n.waitFor(`the option ${add}`, async () => {
			for (const item of await page.$$('.el-select-dropdown__item')) {
				if (await item.evaluate((element, source) => element.offsetParent !== null && new RegExp(source).test(element.textContent.trim()), add.source)) return item;
			}
			return undefined;
		}, { timeoutMs: 10_000 });
		await sleep(300);
		await option.click();
		const shown = await page.waitForSelector(input, { timeout: 10_000 }).catch((error) => (attempt < 3 ? undefined : Promise.reject(error)));
		if (!shown) await page.keyboard.press('Escape');
	}
	await page.waitForSelector(input, { timeout: 10_000 });
	await sleep(300);
	await page.click(`[data-test-id="parameter-input-${parameter}"] input`);
	const options = await n8n.waitFor(`the ${parameter} list`, async () => {
		const shown = (await shownOptions(page)).filter((label) => label.includes(' — '));
		return shown.length > 0 ? shown : undefined;
	}, { timeoutMs: 20_000 });
	// A moment for a list still filling in, then what it holds.
	await sleep(500);
	const settled = (await shownOptions(page)).filter((label) => label.includes(' — '));
	return settled.length >= options.length ? settled : options;
}

async function main() {
	const started = Date.now();
	const binary = n8n.ensureN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bridge-browser-'));
	const exportFolder = path.join(userFolder, 'streamtime-exports');
	n8n.installPackage(userFolder);
	const mail = await startSmtpCatcher();
	const exact = await n8n.startExactEmulator(await freePort());
	await n8n.createSandboxCredentials(binary, userFolder, { smtpPort: mail.port, exactUrl: exact.url });
	const files = ['streamtime-folder-to-sage.json', 'error-notification-email.json', 'streamtime-to-exact.json'].map((name) => path.join(n8n.ROOT, 'workflows', name));
	n8n.importWorkflows(binary, userFolder, files, { sageFolder: path.join(userFolder, 'sage-imports'), exportFolder });
	for (const id of n8n.N8N_MAJOR >= 2 ? [FOLDER_FLOW, ERROR_WORKFLOW] : [FOLDER_FLOW]) n8n.publishWorkflow(binary, userFolder, id);
	const port = await freePort();
	const server = await n8n.startServer(binary, userFolder, port, { quiet: true, env: { N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
	const base = `http://127.0.0.1:${port}`;
	let passed = 0;
	let failed = 0;
	const check = async (name, run) => {
		try {
			const result = await run();
			passed += 1;
			n8n.log(`✓ ${name}${result ? ` — ${result}` : ''}`);
		} catch (error) {
			failed += 1;
			n8n.log(`✗ ${name}: ${error.stack ?? error}`);
		}
	};
	const puppeteer = require('puppeteer-core');
	const browser = await puppeteer.launch({ executablePath: chromium(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--window-size=1440,900'] });
	try {
		// The owner account a first visit asks for, made over n8n's REST API; its session cookie goes to the browser.
		// n8n registers its REST routes a moment after it reports ready.
		const setup = await n8n.waitFor('n8n to take the owner setup', async () => {
			const response = await fetch(`${base}/rest/owner/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
			return response.status === 404 ? undefined : response;
		}, { timeoutMs: 60_000 });
		assert.equal(setup.status, 200, `owner setup: HTTP ${setup.status} ${await setup.text()}`);
		const cookie = /n8n-auth=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')?.[1];
		assert.ok(cookie, 'n8n answered the owner setup with a session cookie');
		const openPage = async () => {
			const opened = await browser.newPage();
			await opened.setViewport({ width: 1920, height: 1000 });
			await opened.setCookie({ name: 'n8n-auth', value: cookie, domain: '127.0.0.1', path: '/' });
			// Leaving a workflow with a change not saved asks "leave the page?": yes.
			opened.on('dialog', (dialog) => dialog.accept().catch(() => undefined));
			return opened;
		};
		const page = await openPage();

		fs.mkdirSync(exportFolder, { recursive: true });
		n8n.dropExport(exportFolder, 'june-invoices.txt');
		const run = await n8n.waitFor('the June export to be handled', async () => {
			const [execution] = await n8n.executionsOf(userFolder, FOLDER_FLOW);
			return execution?.stoppedAt ? execution : undefined;
		}, { timeoutMs: 90_000 });
		fs.mkdirSync(IMAGES, { recursive: true });
		const workflow = JSON.parse(fs.readFileSync(files[0], 'utf8'));
		const sageImport = workflow.nodes.find((node) => node.type.endsWith('.sageImport'));

		await check('the executions list shows the run with rejects as failed', async () => {
			await page.goto(`${base}/home/executions`, { waitUntil: 'networkidle2' });
			await until(page, 'the executions list', (text) => /Streamtime export folder → Sage 50[\s\S]*Error/.test(text));
			await page.screenshot({ path: path.join(IMAGES, 'executions-failed-run.png') });
			return `execution ${run.id}: ${run.status}`;
		});
		await check('the failed run names the step that failed and every reject with its code', async () => {
			await page.goto(`${base}/workflow/${FOLDER_FLOW}/executions/${run.id}`, { waitUntil: 'networkidle2' });
			const text = await until(page, 'the failed run and its message', (shown) => /Problem in node .Move to processed or failed/.test(shown) && /2 rejected: INV-2043/.test(shown));
			await page.screenshot({ path: path.join(IMAGES, 'failed-run.png') });
			assert.match(text.replace(/\s+/g, ' '), /june-invoices\.txt was moved to \S+failed\/june-invoices\.txt with its import log \S+june-invoices\.import-log\.csv\. 2 rejected: INV-2043 \(FIELD_MANDATORY_MISSING\), INV-2045 \(SAGE_NOMINAL_MISSING\)/);
			return 'the step, where the export went, its log and both rejects on screen';
		});
		await check("Sage Import's Rejected output shows one item per reject, with its message", async () => {
			await page.goto(`${base}/workflow/${FOLDER_FLOW}/executions/${run.id}/${sageImport.id}`, { waitUntil: 'networkidle2' });
			await until(page, "Sage Import's output panel", (shown) => /Posted Branch/.test(shown), 45_000);
			// The execution preview (and the node panel opened in it) may live in a frame of its own.
			const panel = '[data-test-id="ndv"] [data-test-id="output-panel"]';
			const frame = await n8n.waitFor('the node panel', async () => {
				for (const candidate of page.frames()) if (await candidate.$(panel).catch(() => null)) return candidate;
				return undefined;
			}, { timeoutMs: 20_000 });
			const clicked = await frame.evaluate((selector) => {
				const labelled = [...document.querySelectorAll(`${selector} *`)].filter((element) => /^Rejected/.test(element.textContent?.trim() ?? '') && (element.textContent?.trim().length ?? 0) < 60);
				// The innermost element with the label: the tab itself, not the bar around it.
				const tab = labelled.find((element) => !labelled.some((other) => other !== element && element.contains(other)));
				tab?.click();
				return tab?.textContent?.trim() ?? null;
			}, panel);
			assert.ok(clicked, 'the output panel has a Rejected tab');
			const shown = await n8n.waitFor('the Rejected output', async () => {
				const text = await frame.$eval(panel, (element) => element.innerText).catch(() => '');
				return /INV-2045/.test(text) && /INV-2043/.test(text) ? text : undefined;
			}, { timeoutMs: 20_000 });
			// The run's error toast sits over the output panel: closed, as a reader would.
			for (const candidate of page.frames()) await candidate.$$eval('.el-notification__closeBtn', (buttons) => buttons.forEach((button) => button.click())).catch(() => undefined);
			await new Promise((resolve) => setTimeout(resolve, 500));
			await page.screenshot({ path: path.join(IMAGES, 'rejected-output.png') });
			assert.match(clicked, /Rejected( Branch)? \(2 items\)/, `one item per reject: ${clicked}`);
			assert.match(shown, /nominal code 4060 does not exist in Sage/);
			// The table's first columns say what, why and what to do; the untouched input comes last.
			assert.match(shown.replace(/\s+/g, ' '), /document failureCodes message kind/, 'the first columns of a reject');
			assert.match(shown, /Exchange Rate/);
			// A figure, not a check: how tall the table's rows are with each reject's input beside it.
			const rows = await frame.$$eval(`${panel} table`, ([table]) => {
				const columns = [...table.querySelectorAll('thead th')].map((cell) => cell.textContent.trim());
				return [...table.querySelectorAll('tbody tr')].map((row) => {
					const heights = [...row.children].map((cell) => cell.firstElementChild?.getBoundingClientRect().height ?? 0);
					return `${Math.round(row.getBoundingClientRect().height)} px (${heights.map((height, index) => `${columns[index]}=${Math.round(height)}`).join(', ')})`;
				});
			});
			return `${clicked}: INV-2043 and INV-2045 with their messages; table rows ${rows.join(' and ')}`;
		});
		await check('the error workflow ran and e-mailed a person, with the import log attached', async () => {
			const message = await n8n.waitFor('the e-mail', async () => mail.messages.find((caught) => /filename=june-invoices\.import-log\.csv/.test(caught.data)), { timeoutMs: 60_000 });
			await page.goto(`${base}/workflow/${ERROR_WORKFLOW}/executions`, { waitUntil: 'networkidle2' });
			await until(page, "the error workflow's executions", (text) => /Succe/.test(text));
			return `e-mail to ${message.to.join(', ')} caught`;
		});
		await check('the Sage and Exact dropdowns list the live codes that fit, read through the editor', async () => {
			require('ts-node').register({ transpileOnly: true });
			const { SAMPLE_COMPANY } = require(path.join(n8n.ROOT, 'test', 'fixtures', 'sageCompany.ts'));
			const { mergeSeed } = require(path.join(n8n.ROOT, 'test', 'emulators', 'exactOnline', 'seed.ts'));
			// Sage 50: the sandbox company's nominal accounts, less its debtors and creditors control accounts.
			const sageCodes = await dropdown(page, `${base}/workflow/${FOLDER_FLOW}`, 'Sage Import', { add: /^Default Sales Nominal Code/, parameter: 'defaultSalesNominalCode' });
			await page.screenshot({ path: path.join(IMAGES, 'sage-nominal-dropdown.png') });
			const control = new Set(['1100', '2100']);
			assert.deepEqual(sageCodes.map(code), SAMPLE_COMPANY.nominalAccounts.map(([account]) => account).filter((account) => !control.has(account)), sageCodes.join('; '));
			// Exact: the division's sales journals, and only its accounts-receivable G/L accounts (Exact's type 20).
			// A tab of its own: the Sage workflow now has an unsaved option, and leaving it would ask first.
			const exactPage = await openPage();
			const journals = await dropdown(exactPage, `${base}/workflow/${EXACT_FLOW}`, 'Exact Online', { parameter: 'salesJournal' });
			assert.ok(journals.map(code).includes('70') && !journals.map(code).includes('60'), `sales journals only: ${journals.join('; ')}`);
			const receivables = await dropdown(exactPage, undefined, 'Exact Online', { add: /^Receivables G\/L Account/, parameter: 'receivablesGlAccount' });
			await exactPage.screenshot({ path: path.join(IMAGES, 'exact-receivables-dropdown.png') });
			const seed = mergeSeed();
			assert.deepEqual(receivables.map(code), seed.glAccounts.filter((account) => account.Type === 20).map((account) => account.Code), receivables.join('; '));
			assert.ok(seed.glAccounts.length > receivables.length, 'the division has other G/L accounts, left out');
			return `Sage: ${sageCodes.length} nominal accounts (${[...control].join(', ')} left out); Exact: sales journals ${journals.map(code).join(', ')}, receivables ${receivables.join(', ')}`;
		});
	} finally {
		await browser.close();
		await n8n.stopServer(server);
		await n8n.stopEmulator(exact);
		await mail.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	n8n.log(`browser time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	n8n.log(`browser: ${passed} passed, ${failed} failed`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

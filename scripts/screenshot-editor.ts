// `npm run screenshot`: pictures of the node in the real n8n editor, for the README.
//
// Starts n8n (2.41.1 unless N8N_VERSION says otherwise) with the packed package installed as
// a community node, creates the owner account through n8n's REST API, imports
// examples/get-task-and-wait.workflow.json, opens it in headless Chromium from Debian's
// packages (`apt-get install -y chromium`) and saves:
//   docs/node-in-editor.png      the workflow on the canvas
//   docs/node-parameters.png     the node's parameter panel
// Everything stays on 127.0.0.1: Chromium may open nothing else, and n8n runs offline.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import {
	cometApiCredential,
	EXAMPLE_NODES,
	exampleCredential,
	exampleWorkflow,
	freeLoopbackPort,
	RealN8n,
} from '../test/realN8n';
import { REPO_ROOT } from '../test/realN8n/repoPaths';

const DOCS = join(REPO_ROOT, 'docs');
const CANVAS_PNG = join(DOCS, 'node-in-editor.png');
const PANEL_PNG = join(DOCS, 'node-parameters.png');
const VIEWPORT = { width: 1440, height: 900 };
const START_TIMEOUT_MS = 180_000;
/** Origins off loopback the editor asked for (and was refused), reported at the end. */
const blocked = new Set<string>();

// The real binary, not Debian's /usr/bin/chromium wrapper script (which only adds flags and
// Debian's own Google API keys to the environment). CHROMIUM_PATH overrides.
function chromiumPath(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
	const found = candidates.find((candidate) => candidate && existsSync(candidate));
	if (!found) throw new Error('Chromium is missing: apt-get install -y chromium');
	return found;
}

function isLoopback(url: string): boolean {
	try {
		const { protocol, hostname } = new URL(url);
		if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
		return hostname === '127.0.0.1' || hostname === '[::1]';
	} catch {
		return false;
	}
}

async function waitForHealth(baseUrl: string, isRunning: () => boolean): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (!isRunning()) throw new Error('n8n start exited');
		try {
			const response = await fetch(`${baseUrl}/healthz/readiness`, {
				signal: AbortSignal.timeout(5_000),
			});
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not become ready at ${baseUrl}`);
}

/** Closes whatever n8n shows over the canvas on a first visit (tours, notices, surveys). */
async function dismissOverlays(page: Page): Promise<void> {
	for (let round = 0; round < 3; round++) {
		await page.keyboard.press('Escape');
		const close = page.locator(
			'.el-dialog__headerbtn:visible, .el-message-box__headerbtn:visible, .el-notification__closeBtn:visible, [data-test-id="close-button"]:visible',
		);
		const count = await close.count();
		for (let index = 0; index < count; index++) {
			await close
				.nth(index)
				.click({ timeout: 1_000 })
				.catch(() => undefined);
		}
		await page.waitForTimeout(300);
	}
}

async function takeScreenshots(browser: Browser, baseUrl: string, workflowId: string) {
	const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
	// Belt and braces with the resolver rule: any request off loopback is refused.
	await context.route('**/*', async (route) => {
		const url = route.request().url();
		if (isLoopback(url)) return await route.continue();
		blocked.add(new URL(url).origin);
		await route.abort('blockedbyclient');
	});

	// The owner account, through n8n's REST API; its session cookie lands in this context.
	const setup = await context.request.post(`${baseUrl}/rest/owner/setup`, {
		data: {
			email: 'owner@example.com',
			firstName: 'Kling',
			lastName: 'Demo',
			password: `Screenshot-${randomBytes(6).toString('hex')}1`,
		},
	});
	if (!setup.ok()) throw new Error(`owner setup failed: ${setup.status()} ${await setup.text()}`);

	const page = await context.newPage();
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	const node = page.locator(
		`[data-test-id="canvas-node"][data-node-name="${EXAMPLE_NODES.getTask}"]`,
	);
	await node.waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForTimeout(1_500);
	await dismissOverlays(page);
	// Fit the workflow to the view ("1" is n8n's zoom-to-fit shortcut).
	await page
		.locator('[data-test-id="canvas-wrapper"], .vue-flow')
		.first()
		.click({ position: { x: 5, y: 5 } })
		.catch(() => undefined);
	await page.keyboard.press('1');
	await page.waitForTimeout(800);
	await page.screenshot({ path: CANVAS_PNG });

	await node.dblclick();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible', timeout: 30_000 });
	await page.waitForTimeout(1_000);
	await page.screenshot({ path: PANEL_PNG });
	await context.close();
}

async function main(): Promise<void> {
	const version = process.env.N8N_VERSION?.trim() || '2.41.1';
	process.stderr.write(`Preparing n8n ${version} with this package installed...\n`);
	const n8n = await RealN8n.prepare({ version });
	let browser: Browser | undefined;
	try {
		const credential = exampleCredential();
		await n8n.importCredentials([
			// A placeholder key on a loopback address: the editor never calls it.
			cometApiCredential(credential, { apiKey: 'sk-screenshot', baseUrl: 'http://127.0.0.1:9' }),
		]);
		const workflow = exampleWorkflow();
		await n8n.importWorkflows([workflow]);

		const port = await freeLoopbackPort();
		const baseUrl = `http://127.0.0.1:${port}`;
		const main = await n8n.spawn(['start'], {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
		});
		await waitForHealth(baseUrl, () => main.running);
		await main.waitForOutput(/Editor is now accessible/, START_TIMEOUT_MS);

		browser = await chromium.launch({
			executablePath: chromiumPath(),
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
				'--disable-dev-shm-usage',
				// Nothing but loopback resolves, whatever a page asks for.
				'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
			],
		});
		await mkdir(DOCS, { recursive: true });
		await takeScreenshots(browser, baseUrl, workflow.id);
		process.stdout.write(`Saved ${CANVAS_PNG}\nSaved ${PANEL_PNG}\n`);
		const refused = [...blocked].join(', ') || 'none';
		process.stdout.write(`Requests off loopback refused: ${refused}\n`);
	} finally {
		await browser?.close();
		await n8n.dispose();
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		process.stderr.write(`Screenshot failed: ${error.stack ?? error.message}\n`);
		process.exit(1);
	},
);

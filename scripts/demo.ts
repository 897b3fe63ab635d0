// `npm run demo`: runs examples/get-task-and-wait.workflow.json in a real n8n with this
// package installed as a community node, and prints the image items it output.
// Without COMETAPI_KEY it serves the tasks from the embedded simulator (loopback only);
// with COMETAPI_KEY it reads COMETAPI_TASK_ID from CometAPI itself.
import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';

import type { N8nItem } from '../test/realN8n';
import {
	cometApiCredential,
	EXAMPLE_NODES,
	EXAMPLE_WORKFLOW_FILE,
	exampleCredential,
	exampleWorkflow,
	RealN8n,
} from '../test/realN8n';
import { DEMO_TASKS } from '../test/simulator/demoTasks';
import { startSimulator } from '../test/simulator/server';

/** A failure the user can fix: printed without a stack trace. */
class DemoError extends Error {}

interface Target {
	description: string;
	apiKey: string;
	baseUrl: string;
	taskIds: string[];
	/** Seconds; undefined keeps the example's 20, which CometAPI recommends. */
	pollInterval?: number;
	stop?: () => Promise<void>;
}

const DEFAULT_BASE_URL = 'https://api.cometapi.com';
// The example waits up to 600 s per task; leave n8n room to finish and report.
const RUN_TIMEOUT_MS = 15 * 60_000;

async function simulatorTarget(): Promise<Target> {
	// A throwaway key: the simulator checks it like CometAPI does, and it is nobody's secret.
	const apiKey = `sk-demo-${randomBytes(12).toString('hex')}`;
	const simulator = await startSimulator({ apiKey });
	for (const [taskId, script] of Object.entries(DEMO_TASKS)) simulator.setTask(taskId, script);
	return {
		description: `the embedded CometAPI simulator at ${simulator.url}`,
		apiKey,
		baseUrl: simulator.url,
		taskIds: ['demo-poster', 'demo-series'],
		pollInterval: 1,
		stop: async () => await simulator.stop(),
	};
}

function cometApiTarget(apiKey: string): Target {
	const taskIds = (process.env.COMETAPI_TASK_ID ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	if (taskIds.length === 0) {
		throw new DemoError(
			'COMETAPI_KEY is set, so the demo reads real tasks from CometAPI: set COMETAPI_TASK_ID ' +
				'to the task_id of a Kling Omni Image task (several: separate them with commas), ' +
				'or unset COMETAPI_KEY to run against the embedded simulator.',
		);
	}
	const baseUrl = (process.env.COMETAPI_BASE_URL ?? '').trim() || DEFAULT_BASE_URL;
	let protocol = '';
	try {
		protocol = new URL(baseUrl).protocol;
	} catch {
		// Reported just below.
	}
	if (protocol !== 'https:' && protocol !== 'http:') {
		throw new DemoError(`COMETAPI_BASE_URL must be an http(s) URL, got "${baseUrl}"`);
	}
	return { description: `CometAPI at ${baseUrl}`, apiKey, baseUrl, taskIds };
}

function itemLine(item: N8nItem): string {
	const { json } = item;
	if (typeof json.error === 'string') return `${String(json.task_id ?? '?')}  error: ${json.error}`;
	const image =
		json.url === undefined ? `(no image, status ${String(json.task_status)})` : json.url;
	const watermark = json.watermark_url === undefined ? '(none)' : String(json.watermark_url);
	return `${String(json.task_id)}  #${String(json.index ?? '-')}  ${String(image)}  watermark: ${watermark}`;
}

async function runDemo(target: Target, n8nReady: (n8n: RealN8n) => void): Promise<number> {
	process.stderr.write('Preparing a real n8n with this package installed as a community node...\n');
	const n8n = await RealN8n.prepare();
	n8nReady(n8n);
	const credential = exampleCredential();
	await n8n.importCredentials([
		cometApiCredential(credential, { apiKey: target.apiKey, baseUrl: target.baseUrl }),
	]);
	const workflow = exampleWorkflow({ taskIds: target.taskIds, pollInterval: target.pollInterval });
	await n8n.importWorkflows([workflow]);

	process.stderr.write(`Running the workflow (${target.taskIds.join(', ')})...\n`);
	const execution = await n8n.execute(workflow.id, RUN_TIMEOUT_MS);
	const file = relative(process.cwd(), EXAMPLE_WORKFLOW_FILE);
	if (execution.error) {
		const { message, description } = execution.error;
		process.stderr.write(`\nThe workflow failed in n8n ${n8n.version}: ${message}\n`);
		if (description) process.stderr.write(`${description}\n`);
		return 1;
	}

	const items = execution.items(EXAMPLE_NODES.getTask);
	process.stdout.write(
		`Ran ${file} in n8n ${n8n.version} (the real n8n CLI) against ${target.description}.\n` +
			`"${EXAMPLE_NODES.getTask}" output ${items.length} item(s): task id, index, url, watermark url\n`,
	);
	for (const item of items) process.stdout.write(`  ${itemLine(item)}\n`);
	return items.some((item) => typeof item.json.error === 'string') ? 1 : 0;
}

async function main(): Promise<number> {
	const apiKey = process.env.COMETAPI_KEY?.trim();
	const target = apiKey ? cometApiTarget(apiKey) : await simulatorTarget();
	let n8n: RealN8n | undefined;
	const cleanUp = async () => {
		await n8n?.dispose();
		await target.stop?.();
	};
	process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
	try {
		return await runDemo(target, (ready) => (n8n = ready));
	} finally {
		await cleanUp();
	}
}

main().then(
	(exitCode) => process.exit(exitCode),
	(error: Error) => {
		const detail = error instanceof DemoError ? error.message : (error.stack ?? error.message);
		process.stderr.write(`Demo failed: ${detail}\n`);
		process.exit(1);
	},
);

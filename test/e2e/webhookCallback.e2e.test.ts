import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nProcess, WorkflowExport } from '../realN8n';
import { cometApiCredential, e2eN8nVersions, freeLoopbackPort, RealN8n } from '../realN8n';
import type { WorkflowNode } from '../realN8n/exampleWorkflow';
import { REPO_ROOT } from '../realN8n/repoPaths';
import type { CreateBehaviour } from '../simulator/createBehaviour';
import { step } from '../simulator/scenario';
import type { CometApiSimulator, RecordedRequest } from '../simulator/server';
import { startSimulator } from '../simulator/server';
import { waitForWebhook } from '../realN8n/waitForWebhook';
import type { HandedBack } from './handBackReceiver';
import { Receiver } from './handBackReceiver';

// The zero-polling pattern of examples/webhook-callback.workflow.json in a real `n8n start`:
// Create Task passes `$execution.resumeUrl` as callback_url, a Wait node (On Webhook Call)
// sleeps until the simulator posts the task there, then Get the images reads it. n8n listens
// on 127.0.0.1 with WEBHOOK_URL on that address, so the resume URL is a loopback URL and the
// simulator (which only calls back loopback URLs) can reach it.
//
// Kling calls back on every status change; the simulator posts `processing` about 50 ms after
// the create, then the final task after finishAfterMs. Which one resumes the Wait depends on
// whether the execution is already sleeping when the first one arrives, so each test fixes
// (or reads back from n8n) which case it checks.

const API_KEY = `sk-callback-${randomBytes(16).toString('hex')}`;
const CREDENTIAL = { id: 'callbackCometCred1', name: 'CometAPI (simulator)' };
const EXAMPLE_FILE = join(REPO_ROOT, 'examples', 'webhook-callback.workflow.json');
const WORKFLOW_ID = 'webhookCallbackE2e';
const WEBHOOK_PATH = 'kling-webhook-callback';
const CREATE_PATH = '/kling/v1/images/omni-image';
const TASK_PATH = `${CREATE_PATH}/`;
const POLL_INTERVAL_S = 1;
const START_TIMEOUT_MS = 120_000;

/** Node names in the example (and the one node this test adds). */
const NODES = {
	start: 'Start',
	create: 'Create image task',
	wait: 'Sleep until Kling calls back',
	get: 'Get the images',
	handBack: 'Hand the images to the test',
} as const;

function nodeNamed(workflow: WorkflowExport, name: string): WorkflowNode {
	const found = workflow.nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`${EXAMPLE_FILE} has no node named "${name}"`);
	return found;
}

/**
 * The example file with only what a test must swap: a Webhook trigger in place of the Manual
 * Trigger (same name, so the connections stay as they are), the test's credential, a 1 s Poll
 * Interval, and a last node that posts what Get the images output to the test's receiver.
 * The Create node, the Wait node and the taskId expression are the file users import.
 */
function callbackWorkflow(receiverUrl: string): WorkflowExport {
	const workflow = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as WorkflowExport;
	workflow.id = WORKFLOW_ID;

	const start = nodeNamed(workflow, NODES.start);
	expect(start.type).toBe('n8n-nodes-base.manualTrigger');
	Object.assign(start, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
	});

	for (const name of [NODES.create, NODES.get]) {
		nodeNamed(workflow, name).credentials = { cometApi: { ...CREDENTIAL } };
	}
	const get = nodeNamed(workflow, NODES.get);
	Object.assign(get.parameters, { pollInterval: POLL_INTERVAL_S, maxWaitTime: 30 });

	// Once for all items: the execution id, its resume URL, the item the Wait node resumed
	// with (the callback's body) and every item of Get the images.
	const handBack = [
		'executionId: $execution.id',
		'resumeUrl: $execution.resumeUrl',
		`resumedWith: $("${NODES.wait}").first().json.body`,
		'items: $input.all().map((item) => item.json)',
	].join(', ');
	workflow.nodes.push({
		id: randomUUID(),
		name: NODES.handBack,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [get.position[0] + 220, get.position[1]],
		executeOnce: true,
		parameters: {
			method: 'POST',
			url: receiverUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ ${handBack} }) }}`,
			options: {},
		},
	} as WorkflowNode);
	(workflow.connections as Record<string, unknown>)[NODES.get] = {
		main: [[{ node: NODES.handBack, type: 'main', index: 0 }]],
	};
	return workflow;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

interface CallbackRun {
	handedBack: HandedBack;
	create: RecordedRequest;
	callbackUrl: unknown;
	/** Get the images' reads of the task, in ms after the create reached the simulator. */
	reads: number[];
	/** What n8n answered to each callback, by the task status the callback carried. */
	answers: Record<string, number | string>;
}

let simulator: CometApiSimulator;
let receiver: Receiver;

beforeAll(async () => {
	simulator = await startSimulator({ apiKey: API_KEY });
	receiver = await new Receiver().start();
});

afterAll(async () => {
	await receiver?.stop();
	await simulator?.stop();
});

describe.each(e2eN8nVersions())('Webhook callback pattern in n8n %s', (version) => {
	let n8n: RealN8n;
	let main: N8nProcess;
	let port: number;

	beforeAll(async () => {
		n8n = await RealN8n.prepare({ version });
		await n8n.importCredentials([
			cometApiCredential(CREDENTIAL, { apiKey: API_KEY, baseUrl: simulator.url }),
		]);
		await n8n.importWorkflows([callbackWorkflow(receiver.url)]);
		await n8n.activateWorkflow(WORKFLOW_ID);

		port = await freeLoopbackPort();
		main = await n8n.spawn(['start'], {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		});
		await waitForWebhook(
			`http://127.0.0.1:${port}/webhook/${WEBHOOK_PATH}`,
			main,
			START_TIMEOUT_MS,
			'POST',
		);
	}, 40 * 60_000);

	afterAll(async () => await n8n?.dispose());

	/** Starts the workflow over its webhook and waits for its items and for both callbacks. */
	async function runWorkflow(create: CreateBehaviour): Promise<CallbackRun> {
		simulator.reset();
		receiver.received.length = 0;
		simulator.onCreate(create);

		const response = await fetch(`http://127.0.0.1:${port}/webhook/${WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
			signal: AbortSignal.timeout(10_000),
		});
		expect({ status: response.status, body: await response.text() }).toEqual({
			status: 200,
			body: expect.stringContaining('Workflow was started'),
		});

		await until(() => receiver.received.length > 0, 30_000, 'The hand-back to the test');
		// Both callbacks answered, so the next test starts with none in flight.
		await until(() => simulator.callbacks.length === 2, 15_000, 'Both callbacks');

		const creates = simulator.requestsTo(CREATE_PATH).filter((r) => r.path === CREATE_PATH);
		expect(creates.map((r) => r.method)).toEqual(['POST']);
		const [created] = creates;
		const taskId = receiver.received[0].items[0]?.task_id;
		return {
			handedBack: receiver.received[0],
			create: created,
			callbackUrl: (JSON.parse(created.body) as { callback_url?: unknown }).callback_url,
			reads: simulator
				.requestsTo(`${TASK_PATH}${String(taskId)}`)
				.map((read) => read.receivedAt - created.receivedAt),
			answers: Object.fromEntries(
				simulator.callbacks.map((callback) => [callback.taskStatus, callback.answeredWith]),
			),
		};
	}

	/** What holds whichever callback resumed the Wait. */
	function expectPatternHeld(run: CallbackRun): void {
		const { executionId, resumeUrl, items } = run.handedBack;
		// $execution.resumeUrl: WEBHOOK_URL + webhook-waiting/<execution id>; 2.x signs it.
		const signature = n8n.major >= 2 ? String.raw`\?signature=[0-9a-f]+` : '';
		expect(resumeUrl).toMatch(
			new RegExp(`^http://127\\.0\\.0\\.1:${port}/webhook-waiting/${executionId}${signature}$`),
		);
		expect(run.callbackUrl).toBe(resumeUrl);
		expect(simulator.callbacks.map((callback) => callback.url)).toEqual([resumeUrl, resumeUrl]);

		// The final callback woke the run for good: Done yet? sends an earlier one back to sleep.
		expect(run.answers.succeed).toBe(200);
		expect(run.handedBack.resumedWith.task_status).toBe('succeed');

		const taskId = String(run.handedBack.resumedWith.task_id);
		expect(taskId).toMatch(/^sim-task-\d+$/);
		expect(items.map((item) => [item.task_id, item.task_status, item.index, item.url])).toEqual([
			[taskId, 'succeed', 0, `${simulator.url}/files/${taskId}/0.png`],
			[taskId, 'succeed', 1, `${simulator.url}/files/${taskId}/1.png`],
		]);
		// Zero polling: one read, after Kling posted the finished task.
		expect(run.reads).toHaveLength(1);
		expect(main.output).not.toContain(API_KEY);
	}

	it('sleeps through a callback that comes before the create answer; the final one resumes it', async () => {
		// The first callback (processing, 50 ms) reaches n8n while Create image task still
		// waits for its answer (1 s): n8n refuses it, as the execution is running. The
		// execution then sleeps until the final callback, and reads the task once.
		const finishAfterMs = 2_500;
		const run = await runWorkflow({
			answer: { ...step.submitted(), delayMs: 1_000 },
			createAnyway: true,
			script: { steps: [step.succeed(2)] },
			finishAfterMs,
		});

		expectPatternHeld(run);
		expect(run.answers).toEqual({ processing: 409, succeed: 200 });
		expect(run.handedBack.resumedWith.task_status).toBe('succeed');
		// No read before Kling posted the finished task: the execution really slept.
		expect(run.reads).toHaveLength(1);
		expect(run.reads[0]).toBeGreaterThanOrEqual(finishAfterMs);
	}, 60_000);

	it('goes back to sleep on a processing callback and reads the task once when it is done', async () => {
		// A fast create answer: the execution is usually asleep when the processing callback
		// comes 50 ms later. It wakes, Done yet? sends it back into the Wait, and the final
		// callback (5 s) wakes it again for good. If n8n was still busy when the processing
		// callback came, n8n refused it (409) and only the final one woke the run.
		const finishAfterMs = 5_000;
		const run = await runWorkflow({
			// Read only after the final callback, when the task is done.
			script: { steps: [step.succeed(2)] },
			finishAfterMs,
		});

		expectPatternHeld(run);
		expect([200, 409]).toContain(run.answers.processing);
		expect(run.reads[0]).toBeGreaterThanOrEqual(finishAfterMs);
	}, 60_000);

	it('stops n8n cleanly', async () => {
		await main.stop();
		expect(main.running).toBe(false);
	}, 60_000);
});

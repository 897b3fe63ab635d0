import { randomBytes, randomUUID } from 'node:crypto';

import type { N8nProcess, WorkflowExport } from '../realN8n';
import {
	cometApiCredential,
	e2eN8nVersions,
	freeLoopbackPort,
	loadExampleWorkflow,
	RealN8n,
} from '../realN8n';
import type { RedisServer } from '../realN8n/redisServer';
import { startRedisServer } from '../realN8n/redisServer';
import { step } from '../simulator/scenario';
import type { CometApiSimulator } from '../simulator/server';
import { startSimulator } from '../simulator/server';
import { waitForWebhook } from '../realN8n/waitForWebhook';

// Queue mode, the way n8n scales: a main process that receives the webhook and puts the run
// on a Redis queue, and a worker that takes it and runs the nodes. The package is installed
// in the user folder both processes share, as it must be on every worker. Redis is Debian's
// redis-server, started here on a free loopback port; everything listens on 127.0.0.1.

const API_KEY = `sk-queue-${randomBytes(16).toString('hex')}`;
const CREDENTIAL = { id: 'queueCometCred01', name: 'CometAPI (simulator)' };
const WEBHOOK_PATH = 'kling-queue-mode';
const GET_TASK = 'Get Kling task';
const START_TIMEOUT_MS = 120_000;

/** Webhook → Get Kling task, answering the request with every item the node output. */
function webhookWorkflow(): WorkflowExport {
	const example = loadExampleWorkflow();
	const getTask = example.nodes.find((node) => node.type.endsWith('.klingOmniImage'));
	if (!getTask) throw new Error('the example workflow has no Kling node');
	return {
		id: 'queueModeWebhook1',
		name: 'Kling Omni Image in queue mode',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'GET',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				...getTask,
				name: GET_TASK,
				position: [220, 0],
				parameters: {
					...getTask.parameters,
					taskId: '={{ $json.query.task }}',
					pollInterval: 1,
					maxWaitTime: 60,
				},
				credentials: { cometApi: CREDENTIAL },
			},
		],
		connections: {
			Webhook: { main: [[{ node: GET_TASK, type: 'main', index: 0 }]] },
		},
		pinData: {},
	} as WorkflowExport;
}

let simulator: CometApiSimulator;
let redis: RedisServer;

beforeAll(async () => {
	simulator = await startSimulator({ apiKey: API_KEY });
	redis = await startRedisServer();
});

afterAll(async () => {
	await redis?.stop();
	await simulator?.stop();
});

describe.each(e2eN8nVersions())(
	'Get Task in n8n %s queue mode (main, worker, Redis)',
	(version) => {
		let n8n: RealN8n;
		let main: N8nProcess;
		let worker: N8nProcess;
		let baseUrl: string;

		beforeAll(async () => {
			const queue = {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				// Each version gets its own keys, in case a run of the other is left in Redis.
				QUEUE_BULL_PREFIX: `kling-${version}`,
				N8N_REDIS_KEY_PREFIX: `kling-${version}`,
			};
			n8n = await RealN8n.prepare({ version, env: queue });
			await n8n.importCredentials([
				cometApiCredential(CREDENTIAL, { apiKey: API_KEY, baseUrl: simulator.url }),
			]);
			const workflow = webhookWorkflow();
			await n8n.importWorkflows([workflow]);
			await n8n.activateWorkflow(workflow.id);

			const port = await freeLoopbackPort();
			baseUrl = `http://127.0.0.1:${port}`;
			main = await n8n.spawn(['start'], {
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_PROTOCOL: 'http',
				WEBHOOK_URL: `${baseUrl}/`,
			});
			worker = await n8n.spawn(['worker', '--concurrency=2'], {
				QUEUE_HEALTH_CHECK_ACTIVE: 'false',
				QUEUE_HEALTH_CHECK_PORT: String(await freeLoopbackPort()),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
			await Promise.all([
				waitForWebhook(`${baseUrl}/webhook/${WEBHOOK_PATH}`, main, START_TIMEOUT_MS, 'GET'),
				worker.waitForOutput(/n8n worker is now ready/, START_TIMEOUT_MS),
			]);
		}, 40 * 60_000);

		afterAll(async () => await n8n?.dispose());

		it('runs the node on the worker and answers the webhook with its items', async () => {
			simulator.reset();
			simulator.setTask('queue-poster', {
				steps: [step.processing(), step.succeed(2, { watermark: true })],
			});

			const response = await fetch(`${baseUrl}/webhook/${WEBHOOK_PATH}?task=queue-poster`, {
				signal: AbortSignal.timeout(90_000),
			});
			const body = await response.text();
			expect({ status: response.status, body }).toMatchObject({ status: 200 });

			const items = JSON.parse(body) as Array<Record<string, unknown>>;
			expect(items.map((item) => [item.task_id, item.index, item.url])).toEqual([
				['queue-poster', 0, `${simulator.url}/files/queue-poster/0.png`],
				['queue-poster', 1, `${simulator.url}/files/queue-poster/1.png`],
			]);
			expect(items[0]).toMatchObject({ task_status: 'succeed', watermark_url: expect.any(String) });
			expect(simulator.requestsTo('/kling/v1/images/omni-image/queue-poster')).toHaveLength(2);

			// The main put the run on the queue; the worker, and only the worker, ran it.
			const [, executionId] = await main.waitForOutput(/Enqueued execution (\d+)/, 10_000);
			await worker.waitForOutput(new RegExp(`Worker finished execution ${executionId} `), 30_000);
			expect(worker.output).toMatch(new RegExp(`Worker started execution ${executionId} `));
			expect(main.output).not.toMatch(/Worker (started|finished) execution/);
			expect(`${main.output}\n${worker.output}`).not.toContain(API_KEY);
		}, 120_000);

		it('stops the main and the worker cleanly', async () => {
			await Promise.all([main.stop(), worker.stop()]);
			expect(main.running).toBe(false);
			expect(worker.running).toBe(false);
		}, 60_000);
	},
);

import { randomBytes } from 'node:crypto';

import type { N8nExecution, N8nItem } from '../realN8n';
import {
	cometApiCredential,
	e2eN8nVersions,
	EXAMPLE_NODES,
	exampleWorkflow,
	pairedIndex,
	RealN8n,
} from '../realN8n';
import { step } from '../simulator/scenario';
import type { CometApiSimulator } from '../simulator/server';
import { startSimulator } from '../simulator/server';

// Runs the packed package inside real n8n versions (the CLI, on Node 24): 2.41.1 and the last
// 1.x line, or those in N8N_E2E_VERSIONS. Installed the way the Community Nodes panel installs
// it, against the simulator in this process. Each version runs the same workflows.

// Random keys, so "the key does not appear in the output" cannot pass by accident.
const API_KEY = `sk-e2e-${randomBytes(16).toString('hex')}`;
const WRONG_KEY = `sk-wrong-${randomBytes(16).toString('hex')}`;

const GOOD_CREDENTIAL = { id: 'e2eCometGoodKey1', name: 'CometAPI (simulator)' };
const WRONG_CREDENTIAL = { id: 'e2eCometWrongKey', name: 'CometAPI (wrong key)' };
const TASK_PATH = '/kling/v1/images/omni-image/';

const WAIT_FOR_TWO = exampleWorkflow({
	id: 'e2eWaitForTwoTasks',
	taskIds: ['e2e-poster', 'e2e-single'],
	credential: GOOD_CREDENTIAL,
	pollInterval: 1,
	maxWaitTime: 60,
});
const CONTINUE_ON_FAIL = exampleWorkflow({
	id: 'e2eContinueOnFail',
	taskIds: ['e2e-blocked', 'e2e-after'],
	credential: GOOD_CREDENTIAL,
	pollInterval: 1,
	maxWaitTime: 60,
	onError: 'continueRegularOutput',
});
const WRONG_KEY_RUN = exampleWorkflow({
	id: 'e2eWrongApiKey',
	taskIds: ['e2e-poster'],
	credential: WRONG_CREDENTIAL,
	pollInterval: 1,
	maxWaitTime: 60,
});

let simulator: CometApiSimulator;

beforeAll(async () => {
	simulator = await startSimulator({ apiKey: API_KEY });
});

afterAll(async () => await simulator?.stop());

beforeEach(() => simulator.reset());

function taskReads(taskId: string) {
	return simulator.requestsTo(`${TASK_PATH}${taskId}`);
}

function expectNoSecretIn(text: string): void {
	expect(text).not.toContain(API_KEY);
	expect(text).not.toContain(WRONG_KEY);
}

/** Each item's task id and the id of the input item it is paired with. */
function pairing(execution: N8nExecution, items: N8nItem[]): Array<[unknown, unknown]> {
	const inputs = execution.items(EXAMPLE_NODES.oneItemPerTask);
	return items.map((item) => [item.json.task_id, inputs[pairedIndex(item) ?? -1]?.json.id]);
}

describe.each(e2eN8nVersions())('Get Task in a real n8n %s', (version) => {
	let n8n: RealN8n;

	// A cold cache installs n8n first (minutes); a warm one prepares the user folder in seconds.
	beforeAll(async () => {
		n8n = await RealN8n.prepare({ version });
		expect(n8n.version).toBe(version);
		await n8n.importCredentials([
			cometApiCredential(GOOD_CREDENTIAL, { apiKey: API_KEY, baseUrl: simulator.url }),
			cometApiCredential(WRONG_CREDENTIAL, { apiKey: WRONG_KEY, baseUrl: simulator.url }),
		]);
		await n8n.importWorkflows([WAIT_FOR_TWO, CONTINUE_ON_FAIL, WRONG_KEY_RUN]);
	}, 40 * 60_000);

	afterAll(async () => await n8n?.dispose());

	it('waits for two tasks and outputs one item per image, paired to its input', async () => {
		simulator.setTask('e2e-poster', {
			steps: [step.submitted(), step.processing(), step.succeed(3, { watermark: true })],
		});
		simulator.setTask('e2e-single', { steps: [step.succeed(1)] });

		const execution = await n8n.execute(WAIT_FOR_TWO.id);

		expect(execution.error).toBeUndefined();
		expect(execution.exitCode).toBe(0);
		expect(execution.status).toBe('success');
		const items = execution.items(EXAMPLE_NODES.getTask);
		expect(items.map((item) => [item.json.task_id, item.json.index])).toEqual([
			['e2e-poster', 0],
			['e2e-poster', 1],
			['e2e-poster', 2],
			['e2e-single', 0],
		]);
		expect(items.map(pairedIndex)).toEqual([0, 0, 0, 1]);
		expect(pairing(execution, items)).toEqual([
			['e2e-poster', 'e2e-poster'],
			['e2e-poster', 'e2e-poster'],
			['e2e-poster', 'e2e-poster'],
			['e2e-single', 'e2e-single'],
		]);
		expect(items[1].json).toMatchObject({
			task_id: 'e2e-poster',
			task_status: 'succeed',
			created_at: expect.any(Number),
			updated_at: expect.any(Number),
			final_unit_deduction: '24',
			index: 1,
			url: `${simulator.url}/files/e2e-poster/1.png`,
			watermark_url: `${simulator.url}/files/e2e-poster/1-wm.png`,
		});
		expect(items[3].json).toMatchObject({
			task_id: 'e2e-single',
			task_status: 'succeed',
			index: 0,
			url: `${simulator.url}/files/e2e-single/0.png`,
		});
		expect(items[3].json).not.toHaveProperty('watermark_url');

		// Three reads for the task that needed them, one for the finished one, nothing else.
		expect(simulator.requests).toHaveLength(4);
		expect(taskReads('e2e-poster')).toHaveLength(3);
		expect(taskReads('e2e-single')).toHaveLength(1);
		for (const request of simulator.requests) {
			expect(request.method).toBe('GET');
			expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		}
		// Poll Interval 1 s, honoured between reads of the same task.
		const [first, second, third] = taskReads('e2e-poster').map((read) => read.receivedAt);
		expect(second - first).toBeGreaterThanOrEqual(900);
		expect(third - second).toBeGreaterThanOrEqual(900);
		expectNoSecretIn(execution.output);
	}, 180_000);

	it('turns a failed task into an error item naming the task when the node continues on error', async () => {
		simulator.setTask('e2e-blocked', {
			steps: [step.processing(), step.failed('Prompt blocked by content safety')],
		});
		simulator.setTask('e2e-after', { steps: [step.succeed(1)] });

		const execution = await n8n.execute(CONTINUE_ON_FAIL.id);

		expect(execution.error).toBeUndefined();
		expect(execution.exitCode).toBe(0);
		const items = execution.items(EXAMPLE_NODES.getTask);
		expect(items).toHaveLength(2);
		expect(Object.keys(items[0].json).sort()).toEqual(['description', 'error', 'task_id']);
		expect(items[0].json).toEqual({
			error: expect.stringContaining('e2e-blocked'),
			description: expect.any(String),
			task_id: 'e2e-blocked',
		});
		expect(items[0].json.error).toContain('Prompt blocked by content safety');
		expect(items[1].json).toMatchObject({ task_id: 'e2e-after', task_status: 'succeed' });
		expect(pairing(execution, items)).toEqual([
			['e2e-blocked', 'e2e-blocked'],
			['e2e-after', 'e2e-after'],
		]);
		expect(taskReads('e2e-blocked')).toHaveLength(2);
		expectNoSecretIn(execution.output);
	}, 180_000);

	it('fails the run with a message about the API key when the key is wrong, without printing it', async () => {
		simulator.setTask('e2e-poster', { steps: [step.succeed(1)] });

		const execution = await n8n.execute(WRONG_KEY_RUN.id);

		expect(execution.exitCode).not.toBe(0);
		expect(execution.status).toBe('error');
		expect(execution.error?.message).toMatch(/API key/i);
		expect(execution.error?.node?.name).toBe(EXAMPLE_NODES.getTask);
		// Rejected keys are not retried: one read, carrying the wrong key.
		expect(simulator.requests).toHaveLength(1);
		expect(simulator.requests[0].headers.authorization).toBe(`Bearer ${WRONG_KEY}`);
		expectNoSecretIn(execution.output);
		expectNoSecretIn(JSON.stringify(execution.run));
	}, 180_000);

	it('never printed an API key, in any n8n command of this file', () => {
		expect(n8n.transcript).toContain('Successfully imported 2 credentials');
		expectNoSecretIn(n8n.transcript);
	});
});

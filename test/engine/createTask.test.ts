import type { INodeParameters } from 'n8n-workflow';

import { runNode, useSimulator } from '../harness/fixture';
import { step } from '../simulator/scenario';

const simulator = useSimulator();
const creates = () => simulator().requests.filter((request) => request.method === 'POST');
const reads = () => simulator().requestsTo('/kling/v1/images/omni-image/');
const createTask = (parameters: INodeParameters = {}): INodeParameters => ({
	operation: 'createTask',
	prompt: 'A red fox in the snow',
	waitForCompletion: false,
	...parameters,
});

describe('Create Task', () => {
	test('sends one POST with every documented field, element IDs with all their digits', async () => {
		const { items, error } = await runNode(simulator(), {
			parameters: createTask({
				modelName: 'kling-v3-omni',
				prompt: '  A poster of <<<image_1>>> with <<<element_1>>>  ',
				referenceImages: { image: [{ source: 'url', url: 'https://img.example/ref.png' }] },
				elementIds: '865123456789012345, 42',
				resolution: '4k',
				resultType: 'single',
				n: 3,
				aspectRatio: '16:9',
				watermark: true,
				additionalFields: { callbackUrl: 'https://hooks.example/kling', externalTaskId: 'order-7' },
			}),
		});

		expect(error).toBeUndefined();
		expect(creates()).toHaveLength(1);
		const [create] = creates();
		expect(create.path).toBe('/kling/v1/images/omni-image');
		expect(create.headers['content-type']).toMatch(/application\/json/);
		expect(create.body).toContain(
			'"element_list":[{"element_id":865123456789012345},{"element_id":42}]',
		);
		expect(JSON.parse(create.body)).toMatchObject({
			model_name: 'kling-v3-omni',
			prompt: 'A poster of <<<image_1>>> with <<<element_1>>>',
			image_list: [{ image: 'https://img.example/ref.png' }],
			resolution: '4k',
			result_type: 'single',
			n: 3,
			aspect_ratio: '16:9',
			watermark_info: { enabled: true },
			callback_url: 'https://hooks.example/kling',
			external_task_id: 'order-7',
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			task_id: 'sim-task-1',
			task_status: 'submitted',
			external_task_id: 'order-7',
		});
		expect(reads()).toHaveLength(0);
	});

	test('sends series_amount, not n, for a series', async () => {
		await runNode(simulator(), {
			parameters: createTask({ modelName: 'kling-v3-omni', resultType: 'series', seriesAmount: 5 }),
		});

		const body = JSON.parse(creates()[0].body);
		expect(body).toMatchObject({ result_type: 'series', series_amount: 5 });
		expect(body).not.toHaveProperty('n');
	});

	test('with waiting, the new task is polled and gives one item per image', async () => {
		const { items } = await runNode(simulator(), {
			parameters: createTask({ n: 2, waitForCompletion: true, pollInterval: 1 }),
		});

		expect(
			items.map((item) => [item.json.task_id, item.json.index, item.json.task_status]),
		).toEqual([
			['sim-task-1', 0, 'succeed'],
			['sim-task-1', 1, 'succeed'],
		]);
		expect(creates()).toHaveLength(1);
		expect(reads()).toHaveLength(3);
	});

	test('task_not_exist just after the create means "not visible yet"', async () => {
		simulator().onCreate({ invisibleReads: 2 });

		const { items, error } = await runNode(simulator(), {
			parameters: createTask({ waitForCompletion: true, pollInterval: 1 }),
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(reads()).toHaveLength(5);
	});

	test('many prompts are all created first, then waited on side by side', async () => {
		const prompts = Array.from({ length: 6 }, (_, i) => ({ prompt: `picture ${i}` }));
		prompts.forEach(() =>
			simulator().onCreate({ script: { finishAfterMs: 1500, result: step.succeed(1) } }),
		);

		const started = Date.now();
		const { items } = await runNode(simulator(), {
			parameters: createTask({
				prompt: '={{ $json.prompt }}',
				waitForCompletion: true,
				pollInterval: 1,
			}),
			inputItems: prompts,
		});

		expect(items.map((item) => item.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
		expect(creates().map((create) => JSON.parse(create.body).prompt)).toEqual(
			prompts.map((p) => p.prompt),
		);
		const lastCreate = Math.max(...creates().map((create) => create.receivedAt));
		expect(reads().filter((read) => read.receivedAt < lastCreate).length).toBeLessThanOrEqual(6);
		expect(Date.now() - started).toBeLessThan(3500);
	});
});

describe('Create Task is billed: sent at most once', () => {
	test.each([
		['a 500', { answer: step.http(500), createAnyway: true }],
		['a 502 HTML page', { answer: { fault: 'htmlPage' as const }, createAnyway: true }],
		['a connection reset', { answer: { fault: 'reset' as const }, createAnyway: true }],
		['no answer (timeout)', { answer: { fault: 'hang' as const }, createAnyway: true }],
	])('%s is not retried and the error says why', async (_label, behaviour) => {
		simulator().onCreate(behaviour);

		const { error } = await runNode(simulator(), {
			parameters: createTask({
				waitForCompletion: true,
				options: { requestTimeout: 1, maxRetries: 5 },
				additionalFields: { externalTaskId: 'order-9' },
			}),
		});

		expect(creates()).toHaveLength(1);
		expect(error?.message).toMatch(/^CometAPI did not confirm the new task for item 0/);
		expect(error?.description).toContain(
			'may have been created and billed, so it was not sent again',
		);
		expect(error?.description).toContain('external_task_id "order-9"');
		expect(reads()).toHaveLength(0);
	});

	test('a 429 rate limit created nothing, so it is sent again', async () => {
		simulator().onCreate({ answer: step.http(429, { code: 1303, message: 'too many tasks' }) });

		const { items, error } = await runNode(simulator(), { parameters: createTask() });

		expect(error).toBeUndefined();
		expect(items[0].json.task_status).toBe('submitted');
		expect(creates()).toHaveLength(2);
	});

	test('a 429 for no balance is final and says nothing was created', async () => {
		simulator().onCreate({
			answer: step.http(429, { code: 1102, message: 'resource pack exhausted' }),
		});

		const { error } = await runNode(simulator(), { parameters: createTask() });

		expect(creates()).toHaveLength(1);
		expect(error?.message).toBe(
			'CometAPI refused the new task for item 0: resource pack exhausted',
		);
		expect(error?.description).toMatch(/^Nothing was created/);
	});

	test('a failed generation names the new task id', async () => {
		simulator().onCreate({ script: { steps: [step.processing(), step.failed('NSFW content')] } });

		const { error } = await runNode(simulator(), {
			parameters: createTask({ waitForCompletion: true, pollInterval: 1 }),
		});

		expect(error?.message).toBe('Kling task sim-task-1 (item 0) failed: NSFW content');
	});
});

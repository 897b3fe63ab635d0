import { runGetTask, TEST_API_KEY, useSimulator } from '../harness/fixture';
import { step } from '../simulator/scenario';

const simulator = useSimulator();

describe('Get Task errors', () => {
	test('an unknown task is task_not_exist, named with its id and item', async () => {
		const { items, error } = await runGetTask(simulator(), { taskIds: ['t-missing'] });

		expect(items).toHaveLength(0);
		expect(error?.message).toBe('CometAPI does not know task t-missing (item 0)');
		expect(error?.description).toMatch(/task_not_exist/);
		expect(error?.description).toMatch(/Check the Task ID/);
	});

	test('a failed task without waiting is an error with the reason Kling gave', async () => {
		simulator().setTask('t-failed', { steps: [step.failed('Prompt violates policy')] });

		const { error } = await runGetTask(simulator(), { taskIds: ['t-failed'] });

		expect(error?.message).toBe('Kling task t-failed (item 0) failed: Prompt violates policy');
		expect(error?.description).toMatch(/create a new task/);
	});

	test('a bad key is a 401 error that says so and never shows the key', async () => {
		simulator().setTask('t-ok', { steps: [step.succeed(1)] });
		const wrongKey = 'sk-wrong-key-123456';

		const { items, error } = await runGetTask(simulator(), { taskIds: ['t-ok'], apiKey: wrongKey });

		expect(items).toHaveLength(0);
		expect(error?.message).toBe('CometAPI rejected the API key while reading task t-ok (item 0)');
		expect(error?.description).toMatch(/credential/);
		const everything = JSON.stringify({
			error,
			message: error?.message,
			description: error?.description,
		});
		expect(everything).not.toContain(wrongKey);
		expect(everything).not.toContain(TEST_API_KEY);
	});

	test('other API errors name the status and what the server said', async () => {
		simulator().setTask('t-403', {
			steps: [step.http(403, { error: { message: 'model not allowed', code: 'forbidden' } })],
		});

		const { error } = await runGetTask(simulator(), { taskIds: ['t-403'] });

		expect(error?.message).toBe('CometAPI refused access to task t-403 (item 0)');
		expect(error?.description).toContain('model not allowed');
	});

	test('an HTML page instead of JSON is reported with its status, not a parse error', async () => {
		simulator().setTask('t-html', { steps: [{ fault: 'htmlPage' }] });

		const { error } = await runGetTask(simulator(), { taskIds: ['t-html'] });

		expect(error?.message).toBe('CometAPI answered 502 for task t-html (item 0)');
		expect(error?.description).toContain('502 Bad Gateway');
	});

	test('an empty Task ID is a parameter error before any request', async () => {
		const { error } = await runGetTask(simulator(), { taskIds: ['   '] });

		expect(error?.message).toBe('Task ID is empty (item 0)');
		expect(simulator().requests).toHaveLength(0);
	});

	test('a Poll Interval below one second is refused before any request', async () => {
		const { error } = await runGetTask(simulator(), {
			taskIds: ['t-x'],
			parameters: { waitForCompletion: true, pollInterval: 0 },
		});

		expect(error?.message).toMatch(/at least 1 second \(item 0, task t-x\)/);
		expect(simulator().requests).toHaveLength(0);
	});
});

describe('Continue on fail', () => {
	test('a bad item becomes one error item paired to it; the others go on', async () => {
		simulator().setTask('good-1', { steps: [step.succeed(2)] });
		simulator().setTask('bad', { steps: [step.failed('Blocked')] });
		simulator().setTask('good-2', { steps: [step.succeed(1)] });

		const { items, error } = await runGetTask(simulator(), {
			taskIds: ['good-1', 'bad', 'good-2'],
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.pairedItem, item.json.task_id ?? null])).toEqual([
			[{ item: 0 }, 'good-1'],
			[{ item: 0 }, 'good-1'],
			[{ item: 1 }, 'bad'],
			[{ item: 2 }, 'good-2'],
		]);
		expect(items[2].json.error).toBe('Kling task bad (item 1) failed: Blocked');
		expect(items[2].json).not.toHaveProperty('url');
	});

	test('works in wait mode too, for a timeout among finished tasks', async () => {
		simulator().setTask('quick', { steps: [step.processing(), step.succeed(1)] });
		simulator().setTask('stuck', { steps: [step.processing()] });

		const { items } = await runGetTask(simulator(), {
			taskIds: ['stuck', 'quick'],
			continueOnFail: true,
			parameters: { waitForCompletion: true, pollInterval: 1, maxWaitTime: 1 },
		});

		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({ pairedItem: { item: 0 }, json: { task_id: 'stuck' } });
		expect(items[0].json.error).toMatch(/still "processing"/);
		expect(items[1]).toMatchObject({
			pairedItem: { item: 1 },
			json: { task_id: 'quick', index: 0 },
		});
	});
});

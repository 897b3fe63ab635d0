import { runNode, useSimulator } from '../harness/fixture';
import { step } from '../simulator/scenario';

const simulator = useSimulator();

describe('as an AI agent tool', () => {
	test('answers with small JSON and image URLs, never binary, whatever Download Images says', async () => {
		simulator().setTask('t-agent', { steps: [step.succeed(2)] });

		const { items } = await runNode(simulator(), {
			parameters: {
				operation: 'getTask',
				taskId: 't-agent',
				waitForCompletion: true,
				downloadImages: true,
			},
			asTool: true,
		});

		expect(items).toHaveLength(1);
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json).toEqual({
			task_id: 't-agent',
			task_status: 'succeed',
			image_urls: [
				`${simulator().url}/files/t-agent/0.png`,
				`${simulator().url}/files/t-agent/1.png`,
			],
		});
		expect(simulator().requestsTo('/files/')).toHaveLength(0);
	});

	test('an error is a short answer the model can act on, not a failed run', async () => {
		const { items, error } = await runNode(simulator(), {
			parameters: { operation: 'getTask', taskId: 'no-such-task', waitForCompletion: false },
			asTool: true,
		});

		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe('CometAPI does not know task no-such-task (item 0)');
	});

	test('a task still running after the wait tells the model its id and to check later', async () => {
		simulator().setTask('t-long', { steps: [step.processing()] });

		const { items, error } = await runNode(simulator(), {
			parameters: {
				operation: 'getTask',
				taskId: 't-long',
				waitForCompletion: true,
				pollInterval: 1,
				maxWaitTime: 1,
			},
			asTool: true,
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			task_id: 't-long',
			task_status: 'processing',
			image_urls: [],
		});
		expect(items[0].json.message).toMatch(/Call Get Task with this task_id again/);
	});

	test('Create Task as a tool returns the new task and its URLs', async () => {
		const { items } = await runNode(simulator(), {
			parameters: {
				operation: 'createTask',
				prompt: 'a cat',
				n: 2,
				waitForCompletion: true,
				pollInterval: 1,
			},
			asTool: true,
		});

		expect(items[0].json).toMatchObject({ task_id: 'sim-task-1', task_status: 'succeed' });
		expect(items[0].json.image_urls).toHaveLength(2);
	});
});

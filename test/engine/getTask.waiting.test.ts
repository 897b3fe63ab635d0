import { runGetTask, useSimulator } from '../harness/fixture';
import { step } from '../simulator/scenario';

const simulator = useSimulator();
const taskReads = () => simulator().requestsTo('/kling/v1/images/omni-image/');

describe('Get Task with Wait for Completion', () => {
	test('polls submitted -> processing -> succeed, sleeping the poll interval between reads', async () => {
		simulator().setTask('t-wait', {
			steps: [step.submitted(), step.processing(), step.succeed(2)],
		});

		const { items, error } = await runGetTask(simulator(), {
			taskIds: ['t-wait'],
			parameters: { waitForCompletion: true, pollInterval: 1, maxWaitTime: 30 },
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		const reads = taskReads();
		expect(reads).toHaveLength(3);
		for (let i = 1; i < reads.length; i++) {
			const gap = reads[i].receivedAt - reads[i - 1].receivedAt;
			expect(gap).toBeGreaterThanOrEqual(950);
			expect(gap).toBeLessThan(1900);
		}
	});

	test('a task that is already done costs exactly one read and no sleep', async () => {
		simulator().setTask('t-done', { steps: [step.succeed(1)] });

		const started = Date.now();
		const { items } = await runGetTask(simulator(), {
			taskIds: ['t-done'],
			parameters: { waitForCompletion: true, pollInterval: 5, maxWaitTime: 60 },
		});

		expect(items).toHaveLength(1);
		expect(taskReads()).toHaveLength(1);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	test('gives up at Max Wait Time with an error naming the task and its last status', async () => {
		simulator().setTask('t-slow', { steps: [step.submitted(), step.processing()] });

		const started = Date.now();
		const { items, error } = await runGetTask(simulator(), {
			taskIds: ['t-slow'],
			parameters: { waitForCompletion: true, pollInterval: 1, maxWaitTime: 2 },
		});
		const elapsed = Date.now() - started;

		expect(items).toHaveLength(0);
		expect(error?.message).toContain('t-slow');
		expect(error?.message).toContain('"processing"');
		expect(error?.message).toContain('2 s');
		expect(error?.description).toMatch(/Max Wait Time/);
		expect(elapsed).toBeGreaterThanOrEqual(1900);
		expect(elapsed).toBeLessThan(4000);
		expect(taskReads()).toHaveLength(3);
	});

	test('stops polling and reports the failure when the task ends failed', async () => {
		simulator().setTask('t-fails', {
			steps: [step.processing(), step.failed('Image blocked by safety')],
		});

		const { items, error } = await runGetTask(simulator(), {
			taskIds: ['t-fails'],
			parameters: { waitForCompletion: true, pollInterval: 1, maxWaitTime: 30 },
		});

		expect(items).toHaveLength(0);
		expect(error?.message).toBe('Kling task t-fails (item 0) failed: Image blocked by safety');
		expect(taskReads()).toHaveLength(2);
	});
});

describe('Get Task without waiting', () => {
	test('an unfinished task gives one item with its status and no image fields', async () => {
		simulator().setTask('t-running', { steps: [step.processing(), step.succeed(3)] });

		const { items, error } = await runGetTask(simulator(), { taskIds: ['t-running'] });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ task_id: 't-running', task_status: 'processing' });
		expect(items[0].json).not.toHaveProperty('url');
		expect(items[0].json).not.toHaveProperty('index');
		expect(taskReads()).toHaveLength(1);
	});

	test('reads parameters per item: one item waits, the next does not', async () => {
		simulator().setTask('t-a', { steps: [step.processing(), step.succeed(1)] });
		simulator().setTask('t-b', { steps: [step.processing(), step.succeed(1)] });

		const { items } = await runGetTask(simulator(), {
			taskIds: ['t-a', 't-b'],
			parameters: { waitForCompletion: '={{ $json.id === "t-a" }}', pollInterval: 1 },
		});

		expect(items.map((item) => [item.json.task_id, item.json.task_status])).toEqual([
			['t-a', 'succeed'],
			['t-b', 'processing'],
		]);
	});
});

import { runGetTask, useSimulator } from '../harness/fixture';
import type { TaskStep } from '../simulator/scenario';
import { step } from '../simulator/scenario';

const simulator = useSimulator();
const taskReads = () => simulator().requestsTo('/kling/v1/images/omni-image/');

describe('waiting on many items side by side', () => {
	test('costs the slowest task, not the sum of all tasks', async () => {
		const finishTimes = [2000, 500, 1500, 1000, 0];
		finishTimes.forEach((finishAfterMs, i) =>
			simulator().setTask(`t${i}`, { finishAfterMs, result: step.succeed(1) }),
		);

		const started = Date.now();
		const { items } = await runGetTask(simulator(), {
			taskIds: finishTimes.map((_, i) => `t${i}`),
			parameters: { waitForCompletion: true, pollInterval: 1, maxWaitTime: 30 },
		});
		const elapsed = Date.now() - started;

		expect(items.map((item) => item.json.task_id)).toEqual(['t0', 't1', 't2', 't3', 't4']);
		expect(elapsed).toBeLessThan(3800);
	});

	test('keeps at most Concurrency requests in flight', async () => {
		const ids = Array.from({ length: 12 }, (_, i) => `slow-${i}`);
		ids.forEach((id) =>
			simulator().setTask(id, { finishAfterMs: 0, result: step.succeed(1), latencyMs: 150 }),
		);

		const { items } = await runGetTask(simulator(), {
			taskIds: ids,
			parameters: { options: { concurrency: 3 } },
		});

		expect(items).toHaveLength(12);
		expect(simulator().maxInFlight).toBe(3);
	});

	test('loses and duplicates nothing across many items with mixed faults', async () => {
		const faults: TaskStep[] = [
			step.http(429),
			step.http(503),
			{ fault: 'reset' },
			{ fault: 'truncatedJson' },
			step.processing(),
		];
		const ids = Array.from({ length: 40 }, (_, i) => `mix-${i}`);
		ids.forEach((id, i) =>
			simulator().setTask(id, {
				steps: [faults[i % faults.length], step.processing(), step.succeed((i % 3) + 1)],
			}),
		);

		const { items, error } = await runGetTask(simulator(), {
			taskIds: ids,
			parameters: { waitForCompletion: true, pollInterval: 1, options: { concurrency: 8 } },
		});

		expect(error).toBeUndefined();
		const expected = ids.flatMap((id, i) =>
			Array.from({ length: (i % 3) + 1 }, (_, index) => [id, index, i]),
		);
		expect(
			items.map((item) => [
				item.json.task_id,
				item.json.index,
				(item.pairedItem as { item: number }).item,
			]),
		).toEqual(expected);
		expect(taskReads()).toHaveLength(40 * 3);
	});

	test('without Continue on Fail, the first failure stops the other items', async () => {
		simulator().setTask('fails-fast', { steps: [step.failed('Blocked')] });
		simulator().setTask('slow', { steps: [step.processing()] });

		const started = Date.now();
		const { error } = await runGetTask(simulator(), {
			taskIds: ['slow', 'fails-fast'],
			parameters: { waitForCompletion: true, pollInterval: 1, maxWaitTime: 60 },
		});

		expect(error?.message).toBe('Kling task fails-fast (item 1) failed: Blocked');
		expect(Date.now() - started).toBeLessThan(1500);
		const slowReads = taskReads().filter((read) => read.path.endsWith('/slow'));
		expect(slowReads).toHaveLength(1);
	});
});

describe('stopping the execution', () => {
	test('ends the wait at once, sends nothing more and emits no items', async () => {
		simulator().setTask('long-1', { steps: [step.processing()] });
		simulator().setTask('long-2', { steps: [step.processing()] });
		let cancelledAt = 0;

		const run = await runGetTask(simulator(), {
			taskIds: ['long-1', 'long-2'],
			parameters: { waitForCompletion: true, pollInterval: 1, maxWaitTime: 60 },
			onStarted: (cancel) =>
				setTimeout(() => {
					cancelledAt = Date.now();
					cancel();
				}, 1500),
		});
		const readsAtCancel = taskReads().length;
		await new Promise((resolve) => setTimeout(resolve, 1500));

		expect(run.items).toHaveLength(0);
		expect(taskReads().every((read) => read.receivedAt <= cancelledAt)).toBe(true);
		expect(taskReads()).toHaveLength(readsAtCancel);
		expect(readsAtCancel).toBe(4);
	});

	test('aborts a request in flight', async () => {
		simulator().setTask('hanging', { steps: [{ fault: 'hang' }] });
		let cancelledAt = 0;

		const run = await runGetTask(simulator(), {
			taskIds: ['hanging'],
			onStarted: (cancel) =>
				setTimeout(() => {
					cancelledAt = Date.now();
					cancel();
				}, 500),
		});
		await new Promise((resolve) => setTimeout(resolve, 1000));

		expect(run.items).toHaveLength(0);
		expect(taskReads()).toHaveLength(1);
		expect(cancelledAt).toBeGreaterThan(0);
	});
});

import type { KlingTask } from '../../nodes/KlingOmniImage/parsing/KlingTask';
import { emptyTask } from '../../nodes/KlingOmniImage/parsing/KlingTask';
import { waitForTask } from '../../nodes/KlingOmniImage/polling/waitForTask';

function task(status: string): KlingTask {
	return { ...emptyTask('t', 'submitted'), task_status: status };
}

function reader(statuses: string[]) {
	let reads = 0;
	const read = async () => task(statuses[Math.min(reads++, statuses.length - 1)]);
	return { read, reads: () => reads };
}

describe('waitForTask', () => {
	test('returns at once for a finished task', async () => {
		const { read, reads } = reader(['failed']);
		const outcome = await waitForTask(read, {
			pollIntervalMs: 10_000,
			deadline: Date.now() + 60_000,
		});

		expect(outcome).toMatchObject({ outcome: 'finished', task: { task_status: 'failed' } });
		expect(reads()).toBe(1);
	});

	test('reports each poll with the delay before the next', async () => {
		const { read } = reader(['submitted', 'processing', 'succeed']);
		const polls: Array<[string, number, number]> = [];

		await waitForTask(read, {
			pollIntervalMs: 20,
			deadline: Date.now() + 10_000,
			onPoll: (polled, attempt, delay) => polls.push([polled.task_status, attempt, delay]),
		});

		expect(polls.map(([status, attempt]) => [status, attempt])).toEqual([
			['submitted', 1],
			['processing', 2],
			['succeed', 3],
		]);
		expect(polls.map(([, , delay]) => delay <= 20 && delay >= 15)).toEqual([true, true, false]);
		expect(polls[2][2]).toBe(0);
	});

	test('times out with the last task read, shortening the last sleep to the deadline', async () => {
		const { read, reads } = reader(['processing']);
		const started = Date.now();

		const outcome = await waitForTask(read, { pollIntervalMs: 250, deadline: Date.now() + 300 });

		expect(outcome).toMatchObject({ outcome: 'timedOut', task: { task_status: 'processing' } });
		expect(reads()).toBe(3);
		expect(Date.now() - started).toBeLessThan(600);
	});

	test('counts the interval from when each read was sent, not from its answer', async () => {
		const statuses = ['processing', 'processing', 'succeed'];
		let reads = 0;
		const slowRead = async () => {
			await new Promise((resolve) => setTimeout(resolve, 60));
			return task(statuses[reads++]);
		};
		const started = Date.now();

		await waitForTask(slowRead, { pollIntervalMs: 100, deadline: Date.now() + 10_000 });

		// Three reads sent at 0, 100 and 200 ms, each answered 60 ms later.
		expect(Date.now() - started).toBeLessThan(330);
	});

	test('an aborted signal sends no read', async () => {
		const { read, reads } = reader(['processing']);
		const controller = new AbortController();
		controller.abort();

		const outcome = await waitForTask(read, {
			pollIntervalMs: 10,
			deadline: Date.now() + 1000,
			signal: controller.signal,
		});

		expect(outcome.outcome).toBe('cancelled');
		expect(reads()).toBe(0);
	});

	test('an abort during a sleep ends the wait within a slice', async () => {
		const { read, reads } = reader(['processing']);
		const controller = new AbortController();
		const started = Date.now();
		const waiting = waitForTask(read, {
			pollIntervalMs: 10_000,
			deadline: Date.now() + 60_000,
			signal: controller.signal,
		});

		setTimeout(() => controller.abort(), 50);
		const outcome = await waiting;

		expect(outcome.outcome).toBe('cancelled');
		expect(reads()).toBe(1);
		expect(Date.now() - started).toBeLessThan(500);
	});
});

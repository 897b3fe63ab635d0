import { runGetTask, useSimulator } from '../harness/fixture';
import type { TaskStep } from '../simulator/scenario';
import { step } from '../simulator/scenario';

const simulator = useSimulator();
const taskReads = () => simulator().requestsTo('/kling/v1/images/omni-image/');
const gaps = () => {
	const reads = taskReads();
	return reads.slice(1).map((read, i) => read.receivedAt - reads[i].receivedAt);
};

describe('transient faults are retried, then the task is read', () => {
	test.each<[string, TaskStep]>([
		['429 without Retry-After', step.http(429, { code: 1302, message: 'rate limited' })],
		['500', step.http(500, { error: { message: 'upstream', code: 'server_error' } })],
		['502', step.http(502)],
		['503', step.http(503)],
		['504', step.http(504)],
		['524', step.http(524)],
		['a connection reset', { fault: 'reset' }],
		['an HTML error page', { fault: 'htmlPage' }],
		['truncated JSON', { fault: 'truncatedJson' }],
		['an empty body', { fault: 'emptyBody' }],
	])('%s', async (_label, fault) => {
		simulator().setTask('t-flaky', { steps: [fault, step.succeed(2)] });

		const { items, error } = await runGetTask(simulator(), { taskIds: ['t-flaky'] });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.index)).toEqual([0, 1]);
		expect(taskReads()).toHaveLength(2);
		expect(gaps()[0]).toBeGreaterThanOrEqual(240);
	});

	test('honours Retry-After in seconds', async () => {
		simulator().setTask('t-after', {
			steps: [step.http(429, { message: 'slow down' }, { 'retry-after': '2' }), step.succeed(1)],
		});

		const { items } = await runGetTask(simulator(), { taskIds: ['t-after'] });

		expect(items).toHaveLength(1);
		expect(gaps()[0]).toBeGreaterThanOrEqual(1950);
		expect(gaps()[0]).toBeLessThan(3000);
	});

	test('honours Retry-After as an HTTP date', async () => {
		const inOneSecond = new Date(Date.now() + 1500).toUTCString();
		simulator().setTask('t-date', {
			steps: [step.http(503, undefined, { 'retry-after': inOneSecond }), step.succeed(1)],
		});

		const { items } = await runGetTask(simulator(), { taskIds: ['t-date'] });

		expect(items).toHaveLength(1);
		expect(gaps()[0]).toBeGreaterThanOrEqual(400);
		expect(gaps()[0]).toBeLessThan(2600);
	});

	test('a server that never answers is cut off by Request Timeout and retried', async () => {
		simulator().setTask('t-hang', { steps: [{ fault: 'hang' }, step.succeed(1)] });

		const started = Date.now();
		const { items, error } = await runGetTask(simulator(), {
			taskIds: ['t-hang'],
			parameters: { options: { requestTimeout: 1 } },
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(taskReads()).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	test('backs off exponentially between retries', async () => {
		simulator().setTask('t-backoff', {
			steps: [step.http(503), step.http(503), step.http(503), step.succeed(1)],
		});

		await runGetTask(simulator(), { taskIds: ['t-backoff'] });

		const [first, second, third] = gaps();
		expect(first).toBeGreaterThanOrEqual(240);
		expect(second).toBeGreaterThanOrEqual(490);
		expect(third).toBeGreaterThanOrEqual(990);
		expect(third).toBeLessThan(2600);
	});
});

describe('verdicts are not retried', () => {
	test.each<[string, TaskStep, RegExp]>([
		['400 task_not_exist', step.notExist(), /does not know task t-final/],
		['401', step.http(401, { error: { message: 'Invalid token' } }), /rejected the API key/],
		['403', step.http(403, { error: { message: 'blocked' } }), /refused access/],
		['404', step.http(404, { error: { message: 'no route' } }), /answered 404/],
		[
			'429 with no balance (1102)',
			step.http(429, { code: 1102, message: 'arrears' }),
			/no balance left/,
		],
		[
			'500 invalid_request',
			step.http(500, { error: { message: 'bad', code: 'invalid_request' } }),
			/answered 500/,
		],
	])('%s ends the item after one read', async (_label, verdict, message) => {
		simulator().setTask('t-final', { steps: [verdict, step.succeed(1)] });

		const { items, error } = await runGetTask(simulator(), { taskIds: ['t-final'] });

		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(message);
		expect(taskReads()).toHaveLength(1);
	});

	test('a fault that outlasts Max Retries ends with the HTTP status, not a parse error', async () => {
		simulator().setTask('t-html', { steps: [{ fault: 'htmlPage' }] });

		const { error } = await runGetTask(simulator(), {
			taskIds: ['t-html'],
			parameters: { options: { maxRetries: 2 } },
		});

		expect(error?.message).toBe('CometAPI answered 502 for task t-html (item 0)');
		expect(error?.description).toContain('502 Bad Gateway');
		expect(error?.description).toContain('Gave up after 2 retries');
		expect(taskReads()).toHaveLength(3);
	});

	test('a 200 that never carries a task names the status and what came back', async () => {
		simulator().setTask('t-empty', { steps: [{ fault: 'emptyBody' }] });

		const { error } = await runGetTask(simulator(), {
			taskIds: ['t-empty'],
			parameters: { options: { maxRetries: 0 } },
		});

		expect(error?.message).toBe('CometAPI sent an answer without a task for task t-empty (item 0)');
		expect(error?.description).toContain('HTTP 200 with an empty body');
	});

	test('retries count against Max Wait Time', async () => {
		simulator().setTask('t-down', { steps: [step.processing(), step.http(503)] });

		const started = Date.now();
		const { error } = await runGetTask(simulator(), {
			taskIds: ['t-down'],
			parameters: {
				waitForCompletion: true,
				pollInterval: 1,
				maxWaitTime: 3,
				options: { maxRetries: 100 },
			},
		});
		const elapsed = Date.now() - started;

		expect(error?.message).toBe('CometAPI answered 503 for task t-down (item 0)');
		expect(error?.description).toContain('Max Wait Time was reached');
		expect(elapsed).toBeLessThan(4200);
	});
});

test('the wrapper envelope some doc versions show is read like the native one', async () => {
	simulator().setTask('t-wrapped', {
		steps: [
			{ status: 'processing', envelope: 'wrapper' },
			{ status: 'succeed', images: 2, envelope: 'wrapper' },
		],
	});

	const { items } = await runGetTask(simulator(), {
		taskIds: ['t-wrapped'],
		parameters: { waitForCompletion: true, pollInterval: 1 },
	});

	expect(items.map((item) => [item.json.task_id, item.json.index])).toEqual([
		['t-wrapped', 0],
		['t-wrapped', 1],
	]);
});

import { json, runRaw, task, useRawServer } from './rawServer';

const server = useRawServer();
const getTask = (parameters: Record<string, unknown> = {}) => ({
	operation: 'getTask',
	taskId: 't-1',
	...parameters,
});
const succeed = (id = 't-1') =>
	task(id, 'succeed', {
		task_result: { images: [{ index: 0, url: 'https://img.invalid/0.png' }] },
	});

describe('option values of the wrong type or range', () => {
	test('a huge Request Timeout (3,000,000 s) does not make every request time out at once', async () => {
		server().handler = async (_q, r) => {
			await new Promise((resolve) => setTimeout(resolve, 300));
			json(r, 200, succeed());
		};
		const { items, error, ms } = await runRaw(server(), {
			parameters: getTask({ waitForCompletion: false, options: { requestTimeout: 3_000_000 } }),
		});
		expect(error?.message).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(ms).toBeLessThan(5_000);
	});

	test('a huge Request Timeout while waiting (Max Wait 3,000,000 s) reads the task', async () => {
		server().handler = async (_q, r) => {
			await new Promise((resolve) => setTimeout(resolve, 300));
			json(r, 200, succeed());
		};
		const { items, error } = await runRaw(server(), {
			parameters: getTask({
				waitForCompletion: true,
				pollInterval: 1,
				maxWaitTime: 3_000_000,
				options: { requestTimeout: 3_000_000 },
			}),
		});
		expect(error?.message).toBeUndefined();
		expect(items).toHaveLength(1);
	});

	test.each([
		['strings', { pollInterval: '1', maxWaitTime: '5' }],
		['fractional', { pollInterval: 1.5, maxWaitTime: 4.5 }],
		['huge max wait', { pollInterval: 1, maxWaitTime: 1e308 }],
		['Infinity poll', { pollInterval: 'Infinity', maxWaitTime: 3 }],
	])('wait settings as %s work', async (_label, wait) => {
		server().handler = (_q, r, _s, count) =>
			json(r, 200, count < 2 ? task('t-1', 'processing') : succeed());
		const { items, error, ms } = await runRaw(server(), {
			parameters: getTask({ waitForCompletion: true, ...wait }),
		});
		expect(error?.message).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(ms).toBeLessThan(6_000);
	});

	test.each([
		['NaN', { pollInterval: '={{ NaN }}' }],
		['negative', { pollInterval: -5 }],
		['zero max wait', { maxWaitTime: 0 }],
		['text', { maxWaitTime: 'ten' }],
		['half a second', { pollInterval: 0.5 }],
	])('wait settings %s are refused before sending', async (_label, wait) => {
		const { items, error } = await runRaw(server(), {
			parameters: getTask({ waitForCompletion: true, ...wait }),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/at least 1 second \(item 0, task t-1\)/);
		expect(server().seen).toHaveLength(0);
	});

	test('Wait for Completion set by an expression to "false" does not wait', async () => {
		server().handler = (_q, r) => json(r, 200, task('t-1', 'processing'));
		const { items, error, ms } = await runRaw(server(), {
			parameters: getTask({ waitForCompletion: '={{ "false" }}', pollInterval: 1, maxWaitTime: 3 }),
		});
		expect(error?.message).toBeUndefined();
		expect(items[0]?.json.task_status).toBe('processing');
		expect(server().seen).toHaveLength(1);
		expect(ms).toBeLessThan(2_000);
	});

	test.each([
		['negative', -3],
		['text', 'many'],
		['fractional', 1.7],
	])('Max Retries %s falls back to a sane number', async (_label, maxRetries) => {
		server().handler = (_q, r) => json(r, 503, { error: { message: 'busy' } });
		const { error, ms } = await runRaw(server(), {
			parameters: getTask({ waitForCompletion: false, options: { maxRetries } }),
		});
		expect(error?.message).toMatch(/answered 503 for task t-1 \(item 0\)/);
		expect(server().seen.length).toBeLessThanOrEqual(5);
		expect(ms).toBeLessThan(20_000);
	});

	test.each([
		['zero', 0],
		['negative', -1],
		['text', 'lots'],
		['fraction', 0.5],
	])('Concurrency %s still reads every task', async (_label, concurrency) => {
		server().handler = (q, r) =>
			json(r, 200, task(decodeURIComponent(q.url!.split('/').pop()!), 'processing'));
		const { items, error } = await runRaw(server(), {
			parameters: {
				operation: 'getTask',
				taskId: '={{ $json.id }}',
				waitForCompletion: false,
				options: { concurrency },
			},
			inputItems: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
		});
		expect(error?.message).toBeUndefined();
		expect(items.map((i) => i.json.task_id)).toEqual(['a', 'b', 'c']);
	});
});

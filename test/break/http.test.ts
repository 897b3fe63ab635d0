import { json, runRaw, task, useRawServer } from './rawServer';

const server = useRawServer();
const read = (parameters: Record<string, unknown> = {}) => ({
	operation: 'getTask',
	taskId: 't-1',
	waitForCompletion: false,
	...parameters,
});
const ok = () =>
	task('t-1', 'succeed', {
		task_result: { images: [{ index: 0, url: 'https://img.invalid/0.png' }] },
	});
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Answers a task one byte every 300 ms, until stopped or the client hangs up. */
function serveDripping(): { stop: () => void } {
	let stopped = false;
	server().handler = async (_q, r) => {
		r.writeHead(200, { 'content-type': 'application/json' });
		for (const char of JSON.stringify(ok()) + ' '.repeat(200)) {
			if (stopped || r.destroyed) return;
			r.write(char);
			await sleep(300);
		}
		r.end();
	};
	return { stop: () => (stopped = true) };
}

describe('odd HTTP answers to a read', () => {
	test('a 302 to another loopback route is followed and the task read', async () => {
		server().handler = (q, r) => {
			if (q.url!.startsWith('/kling/')) {
				r.writeHead(302, { location: '/moved/t-1' }).end();
				return;
			}
			json(r, 200, ok());
		};
		const { items, error } = await runRaw(server(), { parameters: read() });
		expect(error).toBeUndefined();
		expect(items[0].json.url).toBe('https://img.invalid/0.png');
	});

	test('a 301 without Location fails the item with the status', async () => {
		server().handler = (_q, r) => {
			r.writeHead(301).end();
		};
		const { items } = await runRaw(server(), { parameters: read(), continueOnFail: true });
		expect(items[0].json.error).toBe('CometAPI answered 301 for task t-1 (item 0)');
	});

	test('a redirect loop ends in an error, not a hang', async () => {
		server().handler = (_q, r) => {
			r.writeHead(302, { location: '/loop' }).end();
		};
		const { items, ms } = await runRaw(server(), {
			parameters: read({ options: { maxRetries: 1 } }),
			continueOnFail: true,
		});
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toMatch(/task t-1 \(item 0\)/);
		expect(ms).toBeLessThan(5_000);
	});

	test('a 418 is a verdict: one request, named error', async () => {
		server().handler = (_q, r) => json(r, 418, { message: 'teapot' });
		const { items } = await runRaw(server(), { parameters: read(), continueOnFail: true });
		expect(items[0].json).toMatchObject({
			error: 'CometAPI answered 418 for task t-1 (item 0)',
			description: 'The server said: teapot',
		});
		expect(server().seen).toHaveLength(1);
	});

	test('a 204 is retried then reported as an answer without a task', async () => {
		server().handler = (_q, r) => {
			r.writeHead(204).end();
		};
		const { items } = await runRaw(server(), {
			parameters: read({ options: { maxRetries: 1 } }),
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe(
			'CometAPI sent an answer without a task for task t-1 (item 0)',
		);
		expect(server().seen).toHaveLength(2);
	});

	test('a 200 text/html body holding the task JSON is read', async () => {
		server().handler = (_q, r) => {
			r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			r.end(JSON.stringify(ok()));
		};
		const { items, error } = await runRaw(server(), { parameters: read() });
		expect(error).toBeUndefined();
		expect(items[0].json.task_id).toBe('t-1');
	});

	test('a server that closes mid-body is retried', async () => {
		server().handler = (_q, r, _s, count) => {
			if (count === 1) {
				r.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
				r.write('{"code":0,"data":{"task_id":"t-1",');
				setTimeout(() => r.socket?.destroy(), 50);
				return;
			}
			json(r, 200, ok());
		};
		const { items, error } = await runRaw(server(), { parameters: read() });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(server().seen).toHaveLength(2);
	});

	test('a read that drips one byte every 300 ms is cut off by Request Timeout (1 s)', async () => {
		const drip = serveDripping();
		let cancel: () => void = () => {};
		const guard = setTimeout(() => cancel(), 15_000);
		const { ms, error } = await runRaw(server(), {
			parameters: read({ options: { requestTimeout: 1, maxRetries: 0 } }),
			onStarted: (c) => (cancel = c),
		});
		clearTimeout(guard);
		drip.stop();
		expect(error?.message).toMatch(/task t-1 \(item 0\)/);
		expect(ms).toBeLessThan(4_000);
	});

	test('a dripping read cannot keep a waiting item past Max Wait Time (3 s)', async () => {
		const drip = serveDripping();
		let cancel: () => void = () => {};
		const guard = setTimeout(() => cancel(), 15_000);
		const { ms } = await runRaw(server(), {
			parameters: read({
				waitForCompletion: true,
				pollInterval: 1,
				maxWaitTime: 3,
				options: { requestTimeout: 2 },
			}),
			onStarted: (c) => (cancel = c),
		});
		clearTimeout(guard);
		drip.stop();
		expect(ms).toBeLessThan(6_000);
	});
});

describe('Retry-After values', () => {
	test('a huge Retry-After on a read without waiting does not park the item for a day', async () => {
		server().handler = (_q, r, _s, count) =>
			count === 1
				? json(r, 429, { message: 'slow down' }, { 'retry-after': '86400' })
				: json(r, 200, ok());
		let cancel: () => void = () => {};
		const guard = setTimeout(() => cancel(), 8_000);
		const { ms, items, error, run } = await runRaw(server(), {
			parameters: read(),
			onStarted: (c) => (cancel = c),
		});
		clearTimeout(guard);
		// Either give up with the 429 or wait a capped time; never a day.
		expect(run.status).not.toBe('canceled');
		expect(ms).toBeLessThan(8_000);
		expect(items.length + (error ? 1 : 0)).toBeGreaterThan(0);
	});

	test('a huge Retry-After on a create does not park the item for a day', async () => {
		server().handler = (_q, r, _s, count) =>
			count === 1
				? json(r, 429, { code: 1302, message: 'too many' }, { 'retry-after': '86400' })
				: json(r, 200, task('new-1', 'submitted'));
		let cancel: () => void = () => {};
		const guard = setTimeout(() => cancel(), 8_000);
		const { ms, run } = await runRaw(server(), {
			parameters: { operation: 'createTask', prompt: 'a fox', waitForCompletion: false },
			onStarted: (c) => (cancel = c),
		});
		clearTimeout(guard);
		expect(run.status).not.toBe('canceled');
		expect(ms).toBeLessThan(8_000);
	});

	test('a huge Retry-After while waiting gives up at once with the 429 and the task', async () => {
		server().handler = (_q, r) =>
			json(r, 429, { message: 'slow down' }, { 'retry-after': '86400' });
		const { ms, error } = await runRaw(server(), {
			parameters: read({ waitForCompletion: true, pollInterval: 1, maxWaitTime: 30 }),
		});
		expect(error?.message).toBe('CometAPI limited the request for task t-1 (item 0)');
		expect(error?.description).toMatch(/asked to wait longer than 30 s/);
		expect(ms).toBeLessThan(2_000);
	});

	test.each([['-5'], ['soon'], ['1e3'], [''], ['0'], ['Wed, 21 Oct 2015 07:28:00 GMT']])(
		'Retry-After "%s" still retries within a few seconds',
		async (value) => {
			server().handler = (_q, r, _s, count) =>
				count === 1
					? json(r, 503, { message: 'busy' }, value === '' ? {} : { 'retry-after': value })
					: json(r, 200, ok());
			const { ms, items, error } = await runRaw(server(), { parameters: read() });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(ms).toBeLessThan(3_000);
		},
	);

	test('a 429 storm over 30 items with Concurrency 3 reads every task, never more than 3 at once', async () => {
		let inFlight = 0;
		let peak = 0;
		server().handler = async (q, r) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await sleep(20);
			inFlight--;
			const id = decodeURIComponent(q.url!.split('/').pop()!);
			if (Math.random() < 0.5) return json(r, 429, { message: 'rate' }, { 'retry-after': '0' });
			json(r, 200, task(id, 'processing'));
		};
		const ids = Array.from({ length: 30 }, (_, i) => ({ id: `t${i}` }));
		const { items, error } = await runRaw(server(), {
			parameters: {
				operation: 'getTask',
				taskId: '={{ $json.id }}',
				waitForCompletion: false,
				options: { concurrency: 3, maxRetries: 20 },
			},
			inputItems: ids,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.task_id)).toEqual(ids.map((i) => i.id));
		expect(peak).toBeLessThanOrEqual(3);
	});
});

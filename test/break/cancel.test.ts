import { json, runRaw, task, useRawServer } from './rawServer';

const server = useRawServer();
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Runs, cancels `afterMs` after the start, and reports how long the stop took. */
async function cancelAfter(afterMs: number, run: Omit<Parameters<typeof runRaw>[1], 'onStarted'>) {
	let cancelledAt = 0;
	const result = await runRaw(server(), {
		...run,
		onStarted: (cancel) =>
			void sleep(afterMs).then(() => {
				cancelledAt = Date.now();
				cancel();
			}),
	});
	const afterCancel = server().seen.filter((s) => s.at > cancelledAt + 5).length;
	return { ...result, stopMs: Date.now() - cancelledAt, afterCancel };
}

describe('stopping the execution at awkward moments', () => {
	test('during a long Retry-After pause: stops at once, nothing sent after', async () => {
		server().handler = (_q, r) => json(r, 503, { message: 'busy' }, { 'retry-after': '20' });
		const { stopMs, afterCancel, items } = await cancelAfter(500, {
			parameters: {
				operation: 'getTask',
				taskId: 't-1',
				waitForCompletion: true,
				pollInterval: 1,
				maxWaitTime: 60,
			},
		});
		expect(stopMs).toBeLessThan(1_000);
		expect(afterCancel).toBe(0);
		expect(items).toHaveLength(0);
	});

	test('while items queue for the only request slot', async () => {
		server().handler = async (q, r) => {
			await sleep(400);
			json(r, 200, task(decodeURIComponent(q.url!.split('/').pop()!), 'processing'));
		};
		const { stopMs, afterCancel, items } = await cancelAfter(600, {
			parameters: {
				operation: 'getTask',
				taskId: '={{ $json.id }}',
				waitForCompletion: false,
				options: { concurrency: 1 },
			},
			inputItems: Array.from({ length: 20 }, (_, i) => ({ id: `q${i}` })),
		});
		expect(stopMs).toBeLessThan(1_000);
		expect(afterCancel).toBe(0);
		expect(items).toHaveLength(0);
		expect(server().seen.length).toBeLessThanOrEqual(3);
	});

	test('during a slow image download', async () => {
		server().handler = async (q, r) => {
			if (q.url!.startsWith('/kling/'))
				return json(
					r,
					200,
					task('t-1', 'succeed', {
						task_result: { images: [{ index: 0, url: `${server().url}/img/0.png` }] },
					}),
				);
			r.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' });
			for (let i = 0; i < 100 && !r.destroyed; i++) {
				r.write(Buffer.alloc(1000));
				await sleep(100);
			}
		};
		const { stopMs, items } = await cancelAfter(700, {
			parameters: {
				operation: 'getTask',
				taskId: 't-1',
				waitForCompletion: false,
				downloadImages: true,
			},
		});
		expect(stopMs).toBeLessThan(1_000);
		expect(items).toHaveLength(0);
	});

	test('while a create is in flight: the create is not sent again', async () => {
		server().handler = async (_q, r) => {
			await sleep(2_000);
			if (!r.destroyed) json(r, 200, task('new-1', 'submitted'));
		};
		const { stopMs } = await cancelAfter(300, {
			parameters: {
				operation: 'createTask',
				prompt: 'a fox',
				waitForCompletion: true,
				pollInterval: 1,
			},
		});
		await sleep(2_000);
		expect(stopMs).toBeLessThan(1_000);
		expect(server().seen.filter((s) => s.method === 'POST')).toHaveLength(1);
	});
});

describe('hundreds of items', () => {
	test('300 Get Task items with continue on fail: good, missing, failed and flaky all end paired, once each', async () => {
		const kind = (i: number) => ['ok', 'missing', 'failed', 'flaky', 'bad-id'][i % 5];
		const flakySeen = new Set<string>();
		server().handler = async (q, r) => {
			const id = decodeURIComponent(q.url!.split('/').pop()!);
			const k = id.split('-')[0];
			if (k === 'ok')
				return json(
					r,
					200,
					task(id, 'succeed', {
						task_result: {
							images: [{ url: 'https://img.invalid/a' }, { url: 'https://img.invalid/b' }],
						},
					}),
				);
			if (k === 'missing') return json(r, 400, { code: null, message: 'task_not_exist' });
			if (k === 'failed') return json(r, 200, task(id, 'failed', { task_status_msg: 'nsfw' }));
			if (!flakySeen.has(id)) {
				flakySeen.add(id);
				r.socket?.destroy();
				return;
			}
			json(r, 200, task(id, 'processing'));
		};
		const inputItems = Array.from({ length: 300 }, (_, i) => ({
			id: kind(i) === 'bad-id' ? '  ' : `${kind(i)}-${i}`,
		}));
		const { items, error } = await runRaw(server(), {
			parameters: {
				operation: 'getTask',
				taskId: '={{ $json.id }}',
				waitForCompletion: false,
				options: { concurrency: 25 },
			},
			inputItems,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const expected: number[] = [];
		inputItems.forEach((_, i) => expected.push(...(kind(i) === 'ok' ? [i, i] : [i])));
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(expected);
		items.forEach((item) => {
			const i = (item.pairedItem as { item: number }).item;
			if (kind(i) === 'missing')
				expect(item.json.error).toBe(`CometAPI does not know task missing-${i} (item ${i})`);
			if (kind(i) === 'failed')
				expect(item.json.error).toBe(`Kling task failed-${i} (item ${i}) failed: nsfw`);
			if (kind(i) === 'flaky') expect(item.json.task_status).toBe('processing');
			if (kind(i) === 'bad-id') expect(item.json.error).toBe(`Task ID is empty (item ${i})`);
		});
	});
});

import { json, runRaw, task, useRawServer } from './rawServer';

const server = useRawServer();
const read = (parameters: Record<string, unknown> = {}) => ({
	operation: 'getTask',
	taskId: 't-1',
	waitForCompletion: false,
	options: { maxRetries: 0 },
	...parameters,
});
const img = (index: unknown, url: unknown = 'https://img.invalid/x.png') => ({ index, url });

describe('answers of the wrong shape', () => {
	test.each<[string, unknown]>([
		['a JSON array', [task('t-1', 'succeed')]],
		['data null', { code: 0, message: 'SUCCEED', data: null }],
		['data an array', { code: 0, data: [{ task_id: 't-1', task_status: 'succeed' }] }],
		['a bare string', '"ok"'],
		['task_status missing', { code: 0, data: { task_id: 't-1' } }],
		['task_id missing', { code: 0, data: { task_status: 'succeed' } }],
		['JSON null', 'null'],
		['a number', '42'],
	])('%s fails the item with "an answer without a task"', async (_label, body) => {
		server().handler = (_q, r) => json(r, 200, body);
		const { items, error } = await runRaw(server(), { parameters: read(), continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toBe(
			'CometAPI sent an answer without a task for task t-1 (item 0)',
		);
		expect(items[0].json.task_id).toBe('t-1');
	});

	test('an answer for another task_id is not passed off as the task asked for', async () => {
		server().handler = (_q, r) =>
			json(r, 200, task('t-OTHER', 'succeed', { task_result: { images: [img(0)] } }));
		const { items, error } = await runRaw(server(), { parameters: read(), continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		// Either an error naming both ids, or at least not an image item claiming another task.
		expect(items[0].json.url).toBeUndefined();
		expect(String(items[0].json.error)).toMatch(/t-1/);
	});

	test('a task_status in capitals ("SUCCEED") is read as the same status', async () => {
		server().handler = (_q, r) =>
			json(r, 200, task('t-1', 'SUCCEED', { task_result: { images: [img(0)] } }));
		const { items, error } = await runRaw(server(), {
			parameters: read({ waitForCompletion: true }),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.task_status).toBe('succeed');
	});

	test.each([['canceled'], ['cancelled']])(
		'an unknown task_status "%s" does not keep the item waiting until Max Wait Time',
		async (status) => {
			server().handler = (_q, r) => json(r, 200, task('t-1', status));
			const { items, error, ms } = await runRaw(server(), {
				parameters: read({ waitForCompletion: true, pollInterval: 1, maxWaitTime: 8 }),
				continueOnFail: true,
			});
			expect(error).toBeUndefined();
			expect(String(items[0].json.error)).toContain(status);
			expect(ms).toBeLessThan(4_000);
		},
	);

	test('images given as an object (not a list) still give an item, paired', async () => {
		server().handler = (_q, r) =>
			json(r, 200, task('t-1', 'succeed', { task_result: { images: { 0: img(0) } } }));
		const { items, error } = await runRaw(server(), { parameters: read() });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('an image whose index is the string "3" keeps index 3', async () => {
		server().handler = (_q, r) =>
			json(r, 200, task('t-1', 'succeed', { task_result: { images: [img('3')] } }));
		const { items } = await runRaw(server(), { parameters: read() });
		expect(items[0].json.index).toBe(3);
	});

	test('an image entry the node cannot read is not dropped without a word', async () => {
		server().handler = (_q, r) =>
			json(
				r,
				200,
				task('t-1', 'succeed', {
					task_result: { images: [img(0), img(1, { href: 'https://img.invalid/1.png' }), img(2)] },
				}),
			);
		const { items, error } = await runRaw(server(), { parameters: read(), continueOnFail: true });
		// Three images were generated (and billed); the node outputs two and says nothing.
		const urls = items.filter((i) => i.json.url !== undefined).length;
		const reported = items.some((i) => i.json.error !== undefined) || error !== undefined;
		expect(urls === 3 || reported).toBe(true);
	});

	test('a numeric url and numeric task_status are read as text', async () => {
		server().handler = (_q, r) =>
			json(r, 200, {
				code: 0,
				data: { task_id: 't-1', task_status: 'succeed', task_result: { images: [img(0, 12345)] } },
			});
		const { items } = await runRaw(server(), { parameters: read() });
		expect(items[0].json.url).toBe('12345');
	});

	test('5,000 images become 5,000 items quickly', async () => {
		const images = Array.from({ length: 5000 }, (_, i) => img(i, `https://img.invalid/${i}.png`));
		server().handler = (_q, r) => json(r, 200, task('t-1', 'succeed', { task_result: { images } }));
		const { items, error, ms } = await runRaw(server(), { parameters: read() });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5000);
		expect(items[4999].json.index).toBe(4999);
		expect(ms).toBeLessThan(10_000);
	});

	test('a failed task with a non-string reason still names the task', async () => {
		server().handler = (_q, r) =>
			json(r, 200, task('t-1', 'failed', { task_status_msg: { code: 7 } }));
		const { items } = await runRaw(server(), { parameters: read(), continueOnFail: true });
		expect(items[0].json.error).toBe('Kling task t-1 (item 0) failed');
		expect(items[0].json.task_id).toBe('t-1');
	});

	test('the wrapper envelope with FAILURE and a null inner task is an error, not a wait', async () => {
		server().handler = (_q, r) =>
			json(r, 200, {
				code: 'success',
				data: { status: 'FAILURE', data: null, fail_reason: 'nsfw' },
			});
		const { items, ms } = await runRaw(server(), {
			parameters: read({ waitForCompletion: true, pollInterval: 1, maxWaitTime: 5 }),
			continueOnFail: true,
		});
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toBeDefined();
		expect(ms).toBeLessThan(3_000);
	});
});

import { json, runRaw, task, useRawServer } from './rawServer';

const server = useRawServer();

describe('expressions and agents', () => {
	test('a Task ID expression that throws fails only its item, and the error names the item', async () => {
		server().handler = (q, r) =>
			json(r, 200, task(decodeURIComponent(q.url!.split('/').pop()!), 'processing'));
		const { items, error } = await runRaw(server(), {
			parameters: { operation: 'getTask', taskId: '={{ $json.a.b.c }}', waitForCompletion: false },
			inputItems: [{}, { a: { b: { c: 'ok-1' } } }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[1].json.task_id).toBe('ok-1');
		expect(String(items[0].json.error)).toMatch(/item 0/);
	});

	test('an empty input (0 items) runs nothing and outputs nothing', async () => {
		const { items, error } = await runRaw(server(), {
			parameters: { operation: 'getTask', taskId: 't-1', waitForCompletion: false },
			inputItems: [],
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(server().seen).toHaveLength(0);
	});
});

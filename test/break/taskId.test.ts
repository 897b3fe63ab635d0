import { runGetTask, runNode, useSimulator } from '../harness/fixture';
import { step } from '../simulator/scenario';

const simulator = useSimulator();
const reads = () => simulator().requestsTo('/kling/v1/images/omni-image/');

describe('task ids that are not plain strings', () => {
	test('a numeric task id from an expression is read as its digits', async () => {
		simulator().setTask('865123456789', { steps: [step.succeed(1)] });
		const { items, error } = await runNode(simulator(), {
			parameters: { operation: 'getTask', taskId: '={{ $json.id }}', waitForCompletion: false },
			inputItems: [{ id: 865123456789 }],
		});
		expect(error).toBeUndefined();
		expect(items[0].json.task_id).toBe('865123456789');
	});

	test('an object task id is refused before sending, not sent as "[object Object]"', async () => {
		const { items } = await runNode(simulator(), {
			parameters: { operation: 'getTask', taskId: '={{ $json.id }}', waitForCompletion: false },
			inputItems: [{ id: { nested: 'x' } }],
			continueOnFail: true,
		});
		expect(reads().map((r) => r.path)).toEqual([]);
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/item 0/);
	});

	test('a task id with a lone surrogate gives an error naming item and task', async () => {
		const { items, error } = await runNode(simulator(), {
			parameters: { operation: 'getTask', taskId: '={{ $json.id }}', waitForCompletion: false },
			inputItems: [{ id: 'ab\ud800cd' }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/item 0/);
		expect(String(items[0].json.error)).toMatch(/task/i);
	});

	test.each([
		['slash', 'a/b'],
		['dot dot inside', 'x/../y'],
		['percent', '100%'],
		['encoded dot dot', '%2e%2e%2fv1%2fmodels'],
		['query', 'a?b=1#frag'],
		['unicode', '任务-✓-😀'],
		['triple dot', '...'],
		['backslash', '..\\..'],
	])('a task id with %s stays one path segment', async (_label, id) => {
		simulator().setTask(id, { steps: [step.succeed(1)] });
		const { items, error } = await runGetTask(simulator(), { taskIds: [id] });
		expect(error).toBeUndefined();
		expect(items[0].json.task_id).toBe(id);
		expect(reads()).toHaveLength(1);
		expect(reads()[0].path.startsWith('/kling/v1/images/omni-image/')).toBe(true);
		expect(reads()[0].path.slice('/kling/v1/images/omni-image/'.length)).not.toContain('/');
	});

	test.each([
		['whitespace only', '   \t\n '],
		['undefined field', undefined],
		['null', null],
		['dot dot with spaces', ' .. '],
	])('%s is refused before sending', async (_label, id) => {
		const { items, error } = await runNode(simulator(), {
			parameters: { operation: 'getTask', taskId: '={{ $json.id }}', waitForCompletion: false },
			inputItems: [id === undefined ? {} : { id }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/item 0/);
		expect(reads()).toHaveLength(0);
	});

	test('a 20,000 character task id fails its item with a readable error', async () => {
		const id = 'x'.repeat(20_000);
		simulator().setTask('ok', { steps: [step.succeed(1)] });
		const { items, error } = await runGetTask(simulator(), {
			taskIds: [id, 'ok'],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(String(items[0].json.error)).toMatch(
			/^CometAPI answered 431 for task x{100}… \(item 0\)$/,
		);
		expect(items[1].json.task_id).toBe('ok');
	});
});

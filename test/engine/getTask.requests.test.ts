import { runGetTask, TEST_API_KEY, useSimulator } from '../harness/fixture';
import { step } from '../simulator/scenario';

const simulator = useSimulator();

describe('Get Task requests', () => {
	test('sends exactly "Authorization: Bearer <key>" to the task route', async () => {
		simulator().setTask('t-auth', { steps: [step.succeed(1)] });

		await runGetTask(simulator(), { taskIds: ['t-auth'] });

		const [read] = simulator().requests;
		expect(read.method).toBe('GET');
		expect(read.path).toBe('/kling/v1/images/omni-image/t-auth');
		expect(read.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('a key pasted with spaces and a newline still authenticates', async () => {
		simulator().setTask('t-trim', { steps: [step.succeed(1)] });

		const { items, error } = await runGetTask(simulator(), {
			taskIds: ['t-trim'],
			apiKey: `  ${TEST_API_KEY}\n`,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(simulator().requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('the task id is trimmed and encoded into one path segment', async () => {
		const awkward = 'a/b c?d#e%f';
		simulator().setTask(awkward, { steps: [step.succeed(1)] });

		const { items } = await runGetTask(simulator(), { taskIds: [`  ${awkward} `] });

		expect(items[0].json.task_id).toBe(awkward);
		expect(simulator().requests.map((request) => request.path)).toEqual([
			'/kling/v1/images/omni-image/a%2Fb%20c%3Fd%23e%25f',
		]);
	});

	test.each(['..', '.', '%2e%2E'])('refuses the dot segment %p before any request', async (id) => {
		const { error } = await runGetTask(simulator(), { taskIds: [id] });

		expect(error?.message).toContain('is not a task ID (item 0)');
		expect(simulator().requests).toHaveLength(0);
	});

	test('several items with different ids: one read each, each image paired to its item', async () => {
		simulator().setTask('first', { steps: [step.succeed(2)] });
		simulator().setTask('second', { steps: [step.succeed(1)] });
		simulator().setTask('third', { steps: [step.succeed(3)] });

		const { items } = await runGetTask(simulator(), { taskIds: ['first', 'second', 'third'] });

		expect(items.map((item) => [item.json.task_id, item.json.index, item.pairedItem])).toEqual([
			['first', 0, { item: 0 }],
			['first', 1, { item: 0 }],
			['second', 0, { item: 1 }],
			['third', 0, { item: 2 }],
			['third', 1, { item: 2 }],
			['third', 2, { item: 2 }],
		]);
		expect(simulator().requests.map((request) => request.path)).toEqual([
			'/kling/v1/images/omni-image/first',
			'/kling/v1/images/omni-image/second',
			'/kling/v1/images/omni-image/third',
		]);
	});

	test('the base URL of the credential may end with a slash', async () => {
		simulator().setTask('t-slash', { steps: [step.succeed(1)] });
		const sim = simulator();
		const withSlash = Object.create(sim, { url: { value: `${sim.url}/` } }) as typeof sim;

		const { items } = await runGetTask(withSlash, { taskIds: ['t-slash'] });

		expect(items).toHaveLength(1);
		expect(sim.requests[0].path).toBe('/kling/v1/images/omni-image/t-slash');
	});
});

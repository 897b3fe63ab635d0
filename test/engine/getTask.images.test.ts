import { runGetTask, useSimulator } from '../harness/fixture';
import { step } from '../simulator/scenario';

const simulator = useSimulator();

describe('Get Task output', () => {
	test('emits one item per image, in the order the API lists them', async () => {
		simulator().setTask('t-order', {
			steps: [
				step.succeed([
					{ index: 2, url: 'https://img.example/c.png' },
					{ index: 0, url: 'https://img.example/a.png' },
					{
						index: 1,
						url: 'https://img.example/b.png',
						watermark_url: 'https://img.example/b-wm.png',
					},
				]),
			],
		});

		const { items, error } = await runGetTask(simulator(), { taskIds: ['t-order'] });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.url)).toEqual([
			'https://img.example/c.png',
			'https://img.example/a.png',
			'https://img.example/b.png',
		]);
		expect(items.map((item) => item.json.index)).toEqual([2, 0, 1]);
		expect(items[2].json.watermark_url).toBe('https://img.example/b-wm.png');
		expect(items[0].json).not.toHaveProperty('watermark_url');
	});

	test('carries the task fields under the API names on every image item', async () => {
		simulator().setTask('t-fields', { steps: [step.succeed(2)] }, 'my-own-id-7');

		const { items } = await runGetTask(simulator(), { taskIds: ['t-fields'] });

		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.json).toMatchObject({
				task_id: 't-fields',
				task_status: 'succeed',
				task_status_msg: null,
				created_at: 1782450245512,
				updated_at: 1782450286512,
				final_unit_deduction: '16',
				external_task_id: 'my-own-id-7',
			});
			expect(item.pairedItem).toEqual({ item: 0 });
		}
	});

	test('uses the list position as index when the API leaves index out', async () => {
		simulator().setTask('t-noindex', {
			steps: [
				step.succeed([{ url: 'https://img.example/x.png' }, { url: 'https://img.example/y.png' }]),
			],
		});

		const { items } = await runGetTask(simulator(), { taskIds: ['t-noindex'] });

		expect(items.map((item) => [item.json.index, item.json.url])).toEqual([
			[0, 'https://img.example/x.png'],
			[1, 'https://img.example/y.png'],
		]);
	});

	test('reads series results given as series_images', async () => {
		simulator().setTask('t-series', { steps: [step.succeed(3, { series: true })] });

		const { items } = await runGetTask(simulator(), { taskIds: ['t-series'] });

		expect(items).toHaveLength(3);
		expect(items.map((item) => item.json.index)).toEqual([0, 1, 2]);
	});

	test('decides on task_status, not on the top-level message', async () => {
		const body = {
			code: 0,
			message: 'FAILED',
			data: {
				task_id: 't-msg',
				task_status: 'succeed',
				created_at: 1,
				updated_at: 2,
				task_result: { images: [{ index: 0, url: 'https://img.example/ok.png' }] },
			},
		};
		simulator().setTask('t-msg', { steps: [step.http(200, body)] });

		const { items, error } = await runGetTask(simulator(), { taskIds: ['t-msg'] });

		expect(error).toBeUndefined();
		expect(items[0].json.url).toBe('https://img.example/ok.png');
	});

	test('accepts a long numeric id that the API sends back as a JSON number', async () => {
		const body = `{"code":0,"message":"SUCCEED","data":{"task_id":865123456789012345,"task_status":"succeed","task_result":{"images":[{"index":0,"url":"https://img.example/n.png"}]}}}`;
		simulator().setTask('865123456789012345', {
			steps: [{ http: 200, rawBody: body, headers: { 'content-type': 'application/json' } }],
		});

		const { items, error } = await runGetTask(simulator(), { taskIds: ['865123456789012345'] });

		expect(error).toBeUndefined();
		expect(items[0].json.url).toBe('https://img.example/n.png');
		expect(items[0].json.task_id).toBe('865123456789012345');
	});
});

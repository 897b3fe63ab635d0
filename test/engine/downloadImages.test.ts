import type { INodeParameters } from 'n8n-workflow';

import { runGetTask, TEST_API_KEY, useSimulator } from '../harness/fixture';
import { fakePng } from '../simulator/fakePng';
import { step } from '../simulator/scenario';

const simulator = useSimulator();
const downloads = () => simulator().requestsTo('/files/');
const download = (parameters: INodeParameters = {}): INodeParameters => ({
	downloadImages: true,
	...parameters,
});

describe('Download Images', () => {
	test('puts each image in binary data with the bytes the host served', async () => {
		simulator().setTask('t-bin', { steps: [step.succeed(2)] });

		const { items, error } = await runGetTask(simulator(), {
			taskIds: ['t-bin'],
			parameters: download(),
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		items.forEach((item, index) => {
			const binary = item.binary?.data;
			expect(binary).toMatchObject({
				mimeType: 'image/png',
				fileName: `kling-t-bin-${index}.png`,
				fileExtension: 'png',
			});
			expect(Buffer.from(binary?.data ?? '', 'base64')).toEqual(fakePng(`t-bin#${index}`));
			expect(item.json.url).toBe(`${simulator().url}/files/t-bin/${index}.png`);
		});
	});

	test('never sends the API key or any CometAPI header to the image host', async () => {
		simulator().setTask('t-nokey', { steps: [step.succeed(1)] });

		await runGetTask(simulator(), { taskIds: ['t-nokey'], parameters: download() });

		expect(downloads()).toHaveLength(1);
		const headers = JSON.stringify(downloads()[0].headers);
		expect(downloads()[0].headers.authorization).toBeUndefined();
		expect(headers).not.toContain(TEST_API_KEY);
	});

	test('uses the chosen field name and the watermarked variant', async () => {
		simulator().setTask('t-wm', { steps: [step.succeed(1, { watermark: true })] });

		const { items } = await runGetTask(simulator(), {
			taskIds: ['t-wm'],
			parameters: download({ binaryPropertyName: 'poster', imageVariant: 'watermarked' }),
		});

		expect(downloads().map((request) => request.path)).toEqual(['/files/t-wm/0-wm.png']);
		expect(items[0].binary?.poster?.fileName).toBe('kling-t-wm-0-watermarked.png');
	});

	test('asking for a watermarked image that does not exist names the image and the task', async () => {
		simulator().setTask('t-nowm', { steps: [step.succeed(1)] });

		const { error } = await runGetTask(simulator(), {
			taskIds: ['t-nowm'],
			parameters: download({ imageVariant: 'watermarked' }),
		});

		expect(error?.message).toBe('Image 0 of task t-nowm has no watermark_url (item 0)');
		expect(downloads()).toHaveLength(0);
	});

	test('finds the type from the bytes when the host says application/octet-stream', async () => {
		simulator().setTask('t-jpeg', { steps: [step.succeed(1)] });
		const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
		simulator().setFile('/files/t-jpeg/0.png', {
			bytes: jpeg,
			contentType: 'application/octet-stream',
		});

		const { items } = await runGetTask(simulator(), {
			taskIds: ['t-jpeg'],
			parameters: download(),
		});

		expect(items[0].binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: 'kling-t-jpeg-0.jpg',
		});
	});

	test('an image over Max Image Size fails its item with a clear error', async () => {
		simulator().setTask('t-big', { steps: [step.succeed(1)] });
		simulator().setFile('/files/t-big/0.png', { bytes: Buffer.alloc(2 * 1024 * 1024 + 1, 1) });

		const { error } = await runGetTask(simulator(), {
			taskIds: ['t-big'],
			parameters: download({ maxImageSizeMb: 2 }),
		});

		expect(error?.message).toBe('The image is larger than 2 MB: image 0 of task t-big (item 0)');
		expect(error?.description).toMatch(/Raise Max Image Size/);
	});

	test('an expired image URL says so, and continue on fail keeps the other items', async () => {
		simulator().setTask('t-gone', { steps: [step.succeed(1)] });
		simulator().setTask('t-fine', { steps: [step.succeed(1)] });
		simulator().setFile('/files/t-gone/0.png', { status: 404 });

		const { items } = await runGetTask(simulator(), {
			taskIds: ['t-gone', 't-fine'],
			parameters: download(),
			continueOnFail: true,
		});

		expect(items[0].json.error).toBe(
			'The image host answered 404 for image 0 of task t-gone (item 0)',
		);
		expect(items[1].binary?.data?.fileName).toBe('kling-t-fine-0.png');
	});

	test('a 5xx from the image host is retried like any read', async () => {
		simulator().setTask('t-flaky-host', { steps: [step.succeed(1)] });
		simulator().setFile('/files/t-flaky-host/0.png', { status: 503 });
		setTimeout(() => simulator().setFile('/files/t-flaky-host/0.png', {}), 100);

		const { items, error } = await runGetTask(simulator(), {
			taskIds: ['t-flaky-host'],
			parameters: download(),
		});

		expect(error).toBeUndefined();
		expect(items[0].binary?.data?.mimeType).toBe('image/png');
		expect(downloads().length).toBeGreaterThanOrEqual(2);
	});

	test('an unfinished task has nothing to download', async () => {
		simulator().setTask('t-pending', { steps: [step.processing()] });

		const { items } = await runGetTask(simulator(), {
			taskIds: ['t-pending'],
			parameters: download(),
		});

		expect(items[0].binary).toBeUndefined();
		expect(downloads()).toHaveLength(0);
	});
});

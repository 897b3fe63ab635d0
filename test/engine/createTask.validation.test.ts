import type { INodeParameters } from 'n8n-workflow';

import { runNode, useSimulator } from '../harness/fixture';
import type { TestItem } from '../harness/sourceNode';
import { fakePng } from '../simulator/fakePng';

const simulator = useSimulator();
const createTask = (parameters: INodeParameters = {}): INodeParameters => ({
	operation: 'createTask',
	prompt: 'A lighthouse at night',
	waitForCompletion: false,
	...parameters,
});
const fromBinary = (field = 'data') => ({
	referenceImages: { image: [{ source: 'binary', binaryPropertyName: field }] },
});
const withFile = (bytes: Buffer, mimeType = 'image/png'): TestItem => ({
	$files: { data: { base64: bytes.toString('base64'), fileName: 'ref.png', mimeType } },
});
const jpegHeader = (width: number, height: number) => {
	const frame = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03]);
	frame.writeUInt16BE(height, 5);
	frame.writeUInt16BE(width, 7);
	const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]);
	return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, frame, Buffer.alloc(16)]);
};

describe('Create Task refuses bad parameters before sending anything', () => {
	test.each<[string, INodeParameters, RegExp]>([
		['an empty prompt', { prompt: '   ' }, /^Prompt is empty \(item 0\)$/],
		[
			'a prompt over 2,500 characters',
			{ prompt: 'x'.repeat(2501) },
			/Prompt has 2501 characters; the limit is 2500/,
		],
		['4K on Kling Image O1', { resolution: '4k' }, /4K needs the Kling V3 Omni model/],
		[
			'a series on Kling Image O1',
			{ resultType: 'series' },
			/Series results need the Kling V3 Omni model/,
		],
		['10 images', { n: 10 }, /Number of Images must be a whole number from 1 to 9/],
		[
			'a series of 1',
			{ modelName: 'kling-v3-omni', resultType: 'series', seriesAmount: 1 },
			/Series Amount must be/,
		],
		[
			'an unknown aspect ratio',
			{ aspectRatio: '5:1' },
			/Aspect Ratio "5:1" is not one Kling offers/,
		],
		[
			'an http reference URL',
			{ referenceImages: { image: [{ source: 'url', url: 'http://x.example/a.png' }] } },
			/Reference image 1 \(item 0\) needs an https URL/,
		],
		['a bad element ID', { elementIds: '12, abc' }, /Element ID "abc" is not a whole number/],
		[
			'a bad callback URL',
			{ additionalFields: { callbackUrl: 'ftp://x' } },
			/Callback URL "ftp:\/\/x" is not an http\(s\) URL/,
		],
		[
			'more than 10 references',
			{
				referenceImages: {
					image: Array.from({ length: 6 }, () => ({
						source: 'url',
						url: 'https://x.example/a.png',
					})),
				},
				elementIds: '1,2,3,4,5',
			},
			/6 reference images and 5 elements are more than 10/,
		],
	])('%s', async (_label, parameters, message) => {
		const { error } = await runNode(simulator(), { parameters: createTask(parameters) });

		expect(error?.message).toMatch(message);
		expect(simulator().requests).toHaveLength(0);
	});

	test('one bad item among good ones: nothing is sent for any of them without continue on fail', async () => {
		const { error } = await runNode(simulator(), {
			parameters: createTask({ prompt: '={{ $json.prompt }}' }),
			inputItems: [{ prompt: 'fine' }, { prompt: '' }, { prompt: 'fine too' }],
		});

		expect(error?.message).toBe('Prompt is empty (item 1)');
		expect(simulator().requests).toHaveLength(0);
	});

	test('with continue on fail, the bad item is an error item and the others are created', async () => {
		const { items } = await runNode(simulator(), {
			parameters: createTask({ prompt: '={{ $json.prompt }}' }),
			inputItems: [{ prompt: 'fine' }, { prompt: '' }],
			continueOnFail: true,
		});

		expect(
			items.map((item) => [item.pairedItem, item.json.task_status ?? item.json.error]),
		).toEqual([
			[{ item: 0 }, 'submitted'],
			[{ item: 1 }, 'Prompt is empty (item 1)'],
		]);
	});
});

describe('Reference images from binary data', () => {
	test('are sent as bare base64, in order with URLs', async () => {
		const png = fakePng('reference', 400, 300);

		await runNode(simulator(), {
			parameters: createTask({
				referenceImages: {
					image: [
						{ source: 'url', url: 'https://x.example/first.png' },
						{ source: 'binary', binaryPropertyName: 'data' },
					],
				},
			}),
			inputItems: [withFile(png)],
		});

		const body = JSON.parse(simulator().requests[0].body);
		expect(body.image_list).toEqual([
			{ image: 'https://x.example/first.png' },
			{ image: png.toString('base64') },
		]);
		expect(body.image_list[1].image).not.toMatch(/^data:/);
	});

	test.each<[string, Buffer, RegExp]>([
		['a 16x16 PNG', fakePng('tiny', 16), /is 16x16 px; each side must be at least 300 px/],
		['a 900x300 PNG', fakePng('wide', 900, 300), /aspect ratio must be between 1:2.5 and 2.5:1/],
		['a 200x400 JPEG', jpegHeader(200, 400), /is 200x400 px/],
		['a GIF', Buffer.from('GIF89a-not-allowed'), /is not a JPG or PNG file/],
	])('%s is refused before sending', async (_label, bytes, message) => {
		const { error } = await runNode(simulator(), {
			parameters: createTask(fromBinary()),
			inputItems: [withFile(bytes)],
		});

		expect(error?.message).toMatch(/^Reference image 1 \(item 0\) /);
		expect(error?.message).toMatch(message);
		expect(simulator().requests).toHaveLength(0);
	});

	test('a 400x400 JPEG passes', async () => {
		const { error } = await runNode(simulator(), {
			parameters: createTask(fromBinary()),
			inputItems: [withFile(jpegHeader(400, 400), 'image/jpeg')],
		});

		expect(error).toBeUndefined();
		expect(simulator().requests).toHaveLength(1);
	});

	test('a missing binary field names the field', async () => {
		const { error } = await runNode(simulator(), { parameters: createTask(fromBinary('photo')) });

		expect(error?.message).toBe('Reference image 1 (item 0) has no input binary field "photo"');
	});
});

import type { INodeParameters } from 'n8n-workflow';

import { runNode, useSimulator } from '../harness/fixture';
import type { TestItem } from '../harness/sourceNode';
import { fakePng } from '../simulator/fakePng';
import { step } from '../simulator/scenario';

const simulator = useSimulator();
const creates = () => simulator().requests.filter((request) => request.method === 'POST');
const createTask = (parameters: INodeParameters = {}): INodeParameters => ({
	operation: 'createTask',
	prompt: 'A red fox in the snow',
	waitForCompletion: false,
	...parameters,
});
const withFile = (bytes: Buffer, mimeType = 'image/png'): TestItem => ({
	$files: { data: { base64: bytes.toString('base64'), fileName: 'ref.png', mimeType } },
});
const fromBinary = {
	referenceImages: { image: [{ source: 'binary', binaryPropertyName: 'data' }] },
};

describe('prompt length', () => {
	test('2,500 CJK characters are accepted', async () => {
		const { error } = await runNode(simulator(), {
			parameters: createTask({ prompt: '狐'.repeat(2500) }),
		});
		expect(error).toBeUndefined();
		expect(creates()).toHaveLength(1);
	});

	test('2,501 characters are refused before sending', async () => {
		const { error } = await runNode(simulator(), {
			parameters: createTask({ prompt: 'a'.repeat(2501) }),
		});
		expect(error?.message).toBe('Prompt has 2501 characters; the limit is 2500 (item 0)');
		expect(creates()).toHaveLength(0);
	});

	test('2,000 emoji (2,000 characters, 4,000 UTF-16 units) are within the documented 2,500 characters', async () => {
		const { error } = await runNode(simulator(), {
			parameters: createTask({ prompt: '🦊'.repeat(2000) }),
		});
		expect(error?.message).toBeUndefined();
		expect(creates()).toHaveLength(1);
	});
});

describe('element ids at the int64 limits', () => {
	test('9223372036854775807 (int64 max) is sent with every digit', async () => {
		const { error } = await runNode(simulator(), {
			parameters: createTask({ elementIds: '9223372036854775807' }),
		});
		expect(error).toBeUndefined();
		expect(creates()[0].body).toContain('"element_list":[{"element_id":9223372036854775807}]');
	});

	test('9223372036854775808 (int64 max + 1) is refused before sending', async () => {
		const { error } = await runNode(simulator(), {
			parameters: createTask({ elementIds: '9223372036854775808' }),
		});
		expect(creates()).toHaveLength(0);
		expect(error?.message).toMatch(/Element ID "9223372036854775808".*\(item 0\)/);
	});

	test('9999999999999999999 (19 digits, above int64) is refused before sending', async () => {
		const { error } = await runNode(simulator(), {
			parameters: createTask({ elementIds: '9999999999999999999' }),
		});
		expect(creates()).toHaveLength(0);
		expect(error?.message).toMatch(/\(item 0\)/);
	});

	test.each([['007'], ['-1'], ['1e5'], ['12 34'], ['0x1F'], ['１２３']])(
		'"%s" is refused before sending, naming the item',
		async (id) => {
			const { error } = await runNode(simulator(), { parameters: createTask({ elementIds: id }) });
			expect(creates()).toHaveLength(0);
			expect(error?.message).toMatch(/\(item 0\)$/);
		},
	);

	test('a trailing comma and spaces are ignored; an element id from a number expression is kept', async () => {
		const { error } = await runNode(simulator(), {
			parameters: createTask({ elementIds: ' 42 , ,7,' }),
		});
		expect(error).toBeUndefined();
		expect(creates()[0].body).toContain('"element_list":[{"element_id":42},{"element_id":7}]');
	});
});

describe('reference files that are not images', () => {
	const ihdr = fakePng('ref', 400);
	test.each<[string, Buffer, RegExp]>([
		['a 0-byte file', Buffer.alloc(0), /Reference image 1 \(item 0\) is not a JPG or PNG file/],
		['a PNG cut inside IHDR', ihdr.subarray(0, 20), /has no readable width and height/],
		['a PNG signature only', ihdr.subarray(0, 8), /has no readable width and height/],
		[
			'a JPEG without SOF',
			Buffer.from([
				0xff,
				0xd8,
				0xff,
				0xe0,
				0x00,
				0x10,
				...Buffer.from('JFIF\0'),
				1,
				1,
				0,
				0,
				1,
				0,
				1,
				0,
				0,
				0xff,
				0xd9,
			]),
			/has no readable width and height/,
		],
		[
			'a JPEG whose segment length is 0',
			Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
			/has no readable width and height/,
		],
		['a GIF', Buffer.from('GIF89a' + '\0'.repeat(20)), /is not a JPG or PNG file/],
		[
			'a PNG of 0x0 px',
			(() => {
				const b = Buffer.from(ihdr);
				b.writeUInt32BE(0, 16);
				b.writeUInt32BE(0, 20);
				return b;
			})(),
			/is 0x0 px/,
		],
		[
			'a PNG of 4000x300 (too wide)',
			(() => {
				const b = Buffer.from(ihdr);
				b.writeUInt32BE(4000, 16);
				b.writeUInt32BE(300, 20);
				return b;
			})(),
			/aspect ratio/,
		],
	])('%s fails its item before anything is sent', async (_label, bytes, message) => {
		const { error } = await runNode(simulator(), {
			parameters: createTask(fromBinary),
			inputItems: [withFile(bytes)],
		});
		expect(creates()).toHaveLength(0);
		expect(error?.message).toMatch(message);
	});

	test('a JPEG made only of fill bytes and markers does not hang the check', async () => {
		const bytes = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(100_000, 0xff)]);
		const started = Date.now();
		const { error } = await runNode(simulator(), {
			parameters: createTask(fromBinary),
			inputItems: [withFile(bytes, 'image/jpeg')],
		});
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(error?.message).toMatch(/\(item 0\)/);
	});
});

describe('one item fails while others were already created', () => {
	test('without continue on fail, the ids of tasks already created (and billed) are not lost', async () => {
		// Item 0 is created and billed; item 1's create is refused a moment later.
		simulator().onCreate(
			{ script: { steps: [step.processing()] } },
			{ answer: { ...step.http(400, { code: 1201, message: 'bad prompt' }), delayMs: 300 } },
		);
		const { items, error } = await runNode(simulator(), {
			parameters: createTask({
				waitForCompletion: true,
				pollInterval: 1,
				maxWaitTime: 30,
				options: { concurrency: 1 },
			}),
			inputItems: [{}, {}],
		});
		expect(creates()).toHaveLength(2);
		expect(items).toHaveLength(0);
		// The run fails with item 1's error; sim-task-1 of item 0 was billed, and nothing tells the user.
		const shown = `${error?.message} ${error?.description} ${JSON.stringify(error?.context ?? {})}`;
		expect(shown).toContain('sim-task-1');
	});

	test('a 200 create answer carrying an API error shows the API message', async () => {
		simulator().onCreate({
			answer: { http: 200, body: { code: 1201, message: 'prompt is not allowed', data: null } },
		});
		const { error } = await runNode(simulator(), { parameters: createTask() });
		expect(error?.message).toMatch(/prompt is not allowed/);
	});

	test('Watermark set to "false" by an expression sends no watermark', async () => {
		await runNode(simulator(), { parameters: createTask({ watermark: '={{ "false" }}' }) });
		expect(JSON.parse(creates()[0].body)).not.toHaveProperty('watermark_info');
	});

	test('with continue on fail, 120 items mixing good, invalid and refused creates end as 120 paired items', async () => {
		const behaviours = [];
		for (let i = 0; i < 120; i++) {
			if (i % 3 === 1) continue; // invalid items never reach the server
			behaviours.push(
				i % 3 === 2 ? { answer: step.http(400, { code: 1201, message: `no ${i}` }) } : {},
			);
		}
		simulator().onCreate(...behaviours);
		const inputItems = Array.from({ length: 120 }, (_, i) => ({
			prompt: i % 3 === 1 ? '   ' : `p${i}`,
		}));
		const { items, error } = await runNode(simulator(), {
			parameters: createTask({ prompt: '={{ $json.prompt }}', options: { concurrency: 1 } }),
			inputItems,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(
			inputItems.map((_, i) => i),
		);
		items.forEach((item, i) => {
			if (i % 3 === 0) expect(item.json.task_status).toBe('submitted');
			else if (i % 3 === 1) expect(item.json.error).toBe(`Prompt is empty (item ${i})`);
			else expect(item.json.error).toBe(`CometAPI refused the new task for item ${i}: no ${i}`);
		});
		expect(creates()).toHaveLength(80);
	});
});

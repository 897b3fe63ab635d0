import type { TestItem } from '../harness/sourceNode';
import { BREAK_KEY, everythingShown, json, task, useRawServer } from '../break/rawServer';
import { fakePng } from '../simulator/fakePng';
import { paired, posts, runRaw2, sleep } from './helpers';

const server = useRawServer();
const create = (p: Record<string, unknown> = {}) => ({
	operation: 'createTask',
	prompt: 'a fox',
	waitForCompletion: false,
	...p,
});
const okCreate = () => {
	let n = 0;
	server().handler = (q, r) => {
		if (q.method === 'POST') return json(r, 200, task(`new-${++n}`, 'submitted'));
		json(r, 200, task(decodeURIComponent(q.url!.split('/').pop()!), 'processing'));
	};
};
const body = (i = 0) => JSON.parse(posts(server())[i].body) as Record<string, unknown>;

describe('create parameters that the README says are checked before sending', () => {
	test.each([
		['resolution', { resolution: '={{ "8k" }}' }],
		['model', { modelName: '={{ "kling-v9-omni" }}' }],
		['result type', { resultType: '={{ "Series" }}' }],
		['image variant', { downloadImages: true, imageVariant: '={{ "Watermarked" }}' }],
	])('an unknown %s from an expression is refused before sending', async (_l, p) => {
		okCreate();
		const { error } = await runRaw2(server(), { parameters: create(p) });
		expect(posts(server())).toHaveLength(0);
		expect(error?.message).toMatch(/\(item 0/);
	});

	test('a prompt expression that yields an object is not sent (and billed) as "[object Object]"', async () => {
		okCreate();
		const { error } = await runRaw2(server(), {
			parameters: create({ prompt: '={{ $json.p }}' }),
			inputItems: [{ p: { text: 'a fox' } }],
		});
		const sent = posts(server()).map((s) => JSON.parse(s.body).prompt);
		expect(sent).not.toContain('[object Object]');
		expect(error?.message ?? '').toMatch(/item 0/);
	});

	test('an External Task ID expression that yields an object is not sent as "[object Object]"', async () => {
		okCreate();
		const { error } = await runRaw2(server(), {
			parameters: create({ additionalFields: { externalTaskId: '={{ $json.meta }}' } }),
			inputItems: [{ meta: { id: 'order-1' } }],
		});
		const sent = posts(server()).map((s) => JSON.parse(s.body).external_task_id);
		expect(sent).not.toContain('[object Object]');
		expect(error?.message ?? '').toMatch(/item 0/);
	});

	test('per-item expressions: external_task_id, callback_url, n, watermark, aspect each follow their item', async () => {
		okCreate();
		const inputItems: TestItem[] = [0, 1, 2].map((i) => ({
			ext: `order-${i}`,
			n: i + 1,
			wm: i % 2 === 0,
		}));
		const { items, error } = await runRaw2(server(), {
			parameters: create({
				n: '={{ $json.n }}',
				watermark: '={{ $json.wm }}',
				aspectRatio: '={{ ["1:1","16:9","21:9"][$itemIndex] }}',
				additionalFields: {
					externalTaskId: '={{ $json.ext }}',
					callbackUrl: '={{ "http://127.0.0.1:9/hook/" + $itemIndex }}',
				},
				options: { concurrency: 1 },
			}),
			inputItems,
		});
		expect(error).toBeUndefined();
		expect(paired(items)).toEqual([0, 1, 2]);
		const bodies = posts(server()).map((s) => JSON.parse(s.body));
		expect(
			bodies.map((b) => [b.external_task_id, b.n, !!b.watermark_info, b.aspect_ratio]),
		).toEqual([
			['order-0', 1, true, '1:1'],
			['order-1', 2, false, '16:9'],
			['order-2', 3, true, '21:9'],
		]);
		expect(bodies.map((b) => b.callback_url)).toEqual(
			[0, 1, 2].map((i) => `http://127.0.0.1:9/hook/${i}`),
		);
	});

	test('a numeric External Task ID from an expression is sent as text', async () => {
		okCreate();
		await runRaw2(server(), {
			parameters: create({ additionalFields: { externalTaskId: '={{ 12345 }}' } }),
		});
		expect(body().external_task_id).toBe('12345');
	});

	test.each([['ftp://127.0.0.1/x'], ['127.0.0.1/hook'], ['={{ {a:1} }}']])(
		'callback URL %s is refused before sending',
		async (url) => {
			okCreate();
			const { error } = await runRaw2(server(), {
				parameters: create({ additionalFields: { callbackUrl: url } }),
			});
			expect(posts(server())).toHaveLength(0);
			expect(error?.message).toMatch(/\(item 0\)$/);
		},
	);
});

describe('reference files from input binary fields', () => {
	const png = (seed: string, w = 400, h = 400) => fakePng(seed, w, h);
	const file = (b: Buffer, mimeType = 'image/png') => ({
		base64: b.toString('base64'),
		fileName: 'r.png',
		mimeType,
	});

	test('several binary fields per item are sent in list order; an item missing one fails alone, paired', async () => {
		okCreate();
		const a = png('a');
		const b = png('b', 500, 300);
		const inputItems: TestItem[] = [
			{ $files: { front: file(a), back: file(b) } },
			{ $files: { front: file(a) } },
			{ $files: { front: file(b, 'application/octet-stream'), back: file(a, 'image/jpeg') } },
		];
		const { items, error } = await runRaw2(server(), {
			parameters: create({
				referenceImages: {
					image: [
						{ source: 'binary', binaryPropertyName: 'front' },
						{ source: 'url', url: 'https://cdn.invalid/x.png' },
						{ source: 'binary', binaryPropertyName: ' back ' },
					],
				},
				options: { concurrency: 1 },
			}),
			inputItems,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(paired(items)).toEqual([0, 1, 2]);
		expect(items[1].json.error).toBe('Reference image 3 (item 1) has no input binary field "back"');
		const lists = posts(server()).map((s) => JSON.parse(s.body).image_list);
		expect(lists).toEqual([
			[
				{ image: a.toString('base64') },
				{ image: 'https://cdn.invalid/x.png' },
				{ image: b.toString('base64') },
			],
			[
				{ image: b.toString('base64') },
				{ image: 'https://cdn.invalid/x.png' },
				{ image: a.toString('base64') },
			],
		]);
	});

	test('a binary field named by an expression per item', async () => {
		okCreate();
		const { error } = await runRaw2(server(), {
			parameters: create({
				referenceImages: { image: [{ source: 'binary', binaryPropertyName: '={{ $json.f }}' }] },
			}),
			inputItems: [{ f: 'pic', $files: { pic: file(png('p')) } }],
		});
		expect(error).toBeUndefined();
		expect(body().image_list).toEqual([{ image: png('p').toString('base64') }]);
	});

	test('11 references (10 binary + 1 element) are refused before sending', async () => {
		okCreate();
		const { error } = await runRaw2(server(), {
			parameters: create({
				referenceImages: {
					image: Array.from({ length: 10 }, () => ({
						source: 'binary',
						binaryPropertyName: 'data',
					})),
				},
				elementIds: '42',
			}),
			inputItems: [{ $files: { data: file(png('d')) } }],
		});
		expect(posts(server())).toHaveLength(0);
		expect(error?.message).toMatch(/item 0/);
	});
});

describe('the billed create', () => {
	test('an 18-digit task_id sent as a JSON number keeps every digit', async () => {
		server().handler = (q, r) => {
			if (q.method === 'POST') {
				r.writeHead(200, { 'content-type': 'application/json' });
				r.end(
					'{"code":0,"message":"SUCCEED","data":{"task_id":865123456789012345,"task_status":"submitted"}}',
				);
				return;
			}
			r.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"task_not_exist"}');
		};
		const { items } = await runRaw2(server(), { parameters: create() });
		expect(items[0].json.task_id).toBe('865123456789012345');
	});

	test("when one item's create is refused, creates of other items already on the wire are not silently dropped", async () => {
		// Item 0 is refused at once; items 1-3 reach the server, are created (billed), and answer 400 ms later.
		const created: string[] = [];
		server().handler = async (q, r, seen) => {
			const prompt = JSON.parse(seen.body).prompt as string;
			if (prompt === 'p0') return json(r, 400, { code: 1201, message: 'bad prompt' });
			const id = `billed-${prompt}`;
			created.push(id);
			await sleep(400);
			if (!r.destroyed) json(r, 200, task(id, 'submitted'));
		};
		const { error } = await runRaw2(server(), {
			parameters: create({ prompt: '={{ "p" + $itemIndex }}' }),
			inputItems: [{}, {}, {}, {}],
		});
		await sleep(600);
		expect(created.sort()).toEqual(['billed-p1', 'billed-p2', 'billed-p3']);
		const shown = `${error?.message} ${error?.description}`;
		// Either the ids, or at least a warning that items 1-3 may have created billed tasks.
		const told = created.every((id) => shown.includes(id)) || /item 1.*item 2.*item 3/s.test(shown);
		expect({ told, shown }).toMatchObject({ told: true });
	});

	test('a key echoed by a 200 create answer without a task is scrubbed everywhere', async () => {
		server().handler = (_q, r) =>
			json(r, 200, { code: 1004, message: `bad token ${BREAK_KEY}`, data: null });
		const fail = await runRaw2(server(), { parameters: create() });
		const cof = await runRaw2(server(), { parameters: create(), continueOnFail: true });
		const tool = await runRaw2(server(), { parameters: create(), asTool: true });
		expect(fail.error?.message).toMatch(/the new task for item 0/);
		expect(everythingShown(fail)).not.toContain(BREAK_KEY);
		expect(everythingShown(cof)).not.toContain(BREAK_KEY);
		expect(everythingShown(tool)).not.toContain(BREAK_KEY);
		expect(posts(server())).toHaveLength(3);
	});

	test('a create timeout (Request Timeout 1 s) is not sent again, even with Max Retries 4 and Wait on', async () => {
		server().handler = async (q, r) => {
			if (q.method === 'POST') {
				await sleep(2500);
				if (!r.destroyed) json(r, 200, task('late-1', 'submitted'));
				return;
			}
			json(r, 200, task('late-1', 'succeed'));
		};
		const { error, items } = await runRaw2(server(), {
			parameters: create({
				waitForCompletion: true,
				pollInterval: 1,
				options: { requestTimeout: 1, maxRetries: 4 },
			}),
			continueOnFail: true,
		});
		await sleep(2000);
		expect(error).toBeUndefined();
		expect(posts(server())).toHaveLength(1);
		expect(items[0].json.error).toMatch(/^CometAPI did not confirm the new task for item 0/);
		expect(String(items[0].json.description)).toMatch(/not sent again/);
	});

	test('a 307 redirect of the create does not make two creates on the server', async () => {
		let creates = 0;
		server().handler = (q, r) => {
			if (q.method === 'POST' && q.url!.startsWith('/kling/')) {
				r.writeHead(307, { location: '/moved/create' }).end();
				return;
			}
			if (q.method === 'POST') {
				creates++;
				return json(r, 200, task('moved-1', 'submitted'));
			}
			json(r, 404, {});
		};
		const { items } = await runRaw2(server(), { parameters: create(), continueOnFail: true });
		expect(creates).toBeLessThanOrEqual(1);
		expect(items).toHaveLength(1);
	});
});

import { BREAK_KEY, everythingShown, json, task, useRawServer } from '../break/rawServer';
import { fakePng } from '../simulator/fakePng';
import { paired, posts, runRaw2, sleep } from './helpers';

const server = useRawServer();
const idOf = (url: string) => decodeURIComponent(url.split('/').pop()!);

describe('as an AI agent tool', () => {
	test('create + wait + Download on: one small JSON answer, no image fetched, one POST', async () => {
		let reads = 0;
		server().handler = (q, r) => {
			if (q.method === 'POST') return json(r, 200, task('tool-1', 'submitted'));
			if (q.url!.startsWith('/kling/')) {
				if (++reads === 1) return json(r, 400, { code: null, message: 'task_not_exist' });
				return json(
					r,
					200,
					task('tool-1', 'succeed', {
						task_result: {
							images: [{ url: `${server().url}/img/0.png` }, { url: `${server().url}/img/1.png` }],
						},
					}),
				);
			}
			r.writeHead(200, { 'content-type': 'image/png' }).end(fakePng('x'));
		};
		const { items, error } = await runRaw2(server(), {
			parameters: {
				operation: 'createTask',
				prompt: 'x',
				n: 2,
				pollInterval: 1,
				downloadImages: true,
			},
			asTool: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json).toEqual({
			task_id: 'tool-1',
			task_status: 'succeed',
			image_urls: [`${server().url}/img/0.png`, `${server().url}/img/1.png`],
		});
		expect(server().seen.filter((s) => s.path.startsWith('/img/'))).toHaveLength(0);
		expect(posts(server())).toHaveLength(1);
	});

	test('a create 503 is an answer naming the new task, sent once, without the key', async () => {
		server().handler = (_q, r) => json(r, 503, { message: `overloaded for ${BREAK_KEY}` });
		const result = await runRaw2(server(), {
			parameters: { operation: 'createTask', prompt: 'x', options: { maxRetries: 4 } },
			asTool: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.error).toBe(
			'CometAPI did not confirm the new task for item 0: HTTP 503',
		);
		expect(posts(server())).toHaveLength(1);
		expect(everythingShown(result)).not.toContain(BREAK_KEY);
	});

	test('a create hang past Request Timeout is an answer, not a hung agent; one POST', async () => {
		server().handler = () => {};
		const result = await runRaw2(server(), {
			parameters: { operation: 'createTask', prompt: 'x', options: { requestTimeout: 1 } },
			asTool: true,
		});
		expect(result.ms).toBeLessThan(4_000);
		expect(result.items[0].json.error).toMatch(/^CometAPI did not confirm the new task for item 0/);
		expect(posts(server())).toHaveLength(1);
	});

	test('after a create, reads failing with 503 end in an answer that gives the task id', async () => {
		server().handler = (q, r) => {
			if (q.method === 'POST') return json(r, 200, task('tool-2', 'submitted'));
			json(r, 503, { message: 'busy' });
		};
		const { items, error } = await runRaw2(server(), {
			parameters: {
				operation: 'createTask',
				prompt: 'x',
				pollInterval: 1,
				options: { maxRetries: 1 },
			},
			asTool: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.task_id).toBe('tool-2');
		expect(String(items[0].json.error)).toMatch(/task tool-2 \(item 0\)/);
		expect(posts(server())).toHaveLength(1);
	});

	test('a failed task and an empty prompt are answers, each naming item (and task)', async () => {
		server().handler = (q, r) => {
			if (q.method === 'POST') return json(r, 200, task('tool-3', 'submitted'));
			json(r, 200, task('tool-3', 'failed', { task_status_msg: 'nsfw' }));
		};
		const { items, error } = await runRaw2(server(), {
			parameters: { operation: 'createTask', prompt: '={{ $json.p }}', pollInterval: 1 },
			inputItems: [{ p: 'ok' }, { p: ' ' }],
			asTool: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.error)).toEqual([
			'Kling task tool-3 (item 0) failed: nsfw',
			'Prompt is empty (item 1)',
		]);
	});
});

describe('continue on fail over 150 Create Task items, mixed failures', () => {
	test('every item ends once, paired and in order; no create is sent twice; errors name item and task', async () => {
		// kind by item: ok (2 images, downloaded), refused 400, 503 (unconfirmed), 429 then ok,
		// reset (unconfirmed), failed task, read 401 after create, image 404 after create, invalid prompt.
		const kinds = [
			'ok',
			'refused',
			'e503',
			'rate',
			'reset',
			'failed',
			'read401',
			'img404',
			'invalid',
		];
		const kind = (i: number) => kinds[i % kinds.length];
		const postsBy = new Map<string, number>();
		server().handler = async (q, r, seen) => {
			if (q.method === 'POST') {
				const p = JSON.parse(seen.body).prompt as string;
				const n = (postsBy.get(p) ?? 0) + 1;
				postsBy.set(p, n);
				const k = p.split('-')[0];
				await sleep(Math.random() * 30);
				if (k === 'refused') return json(r, 400, { code: 1201, message: `no ${p}` });
				if (k === 'e503') return json(r, 503, { message: 'busy' });
				if (k === 'rate' && n === 1)
					return json(r, 429, { code: 1302, message: 'rate' }, { 'retry-after': '0' });
				if (k === 'reset') return void r.socket?.destroy();
				return json(r, 200, task(`T${p}`, 'submitted'));
			}
			if (q.url!.startsWith('/kling/')) {
				const id = idOf(q.url!);
				const k = id.slice(1).split('-')[0];
				if (k === 'failed') return json(r, 200, task(id, 'failed', { task_status_msg: 'nsfw' }));
				if (k === 'read401') return json(r, 401, { error: { message: 'bad key' } });
				const images = [0, 1].map((i) => ({ index: i, url: `${server().url}/img/${id}/${i}.png` }));
				return json(r, 200, task(id, 'succeed', { task_result: { images } }));
			}
			if (q.url!.includes('/Timg404-')) return void r.writeHead(404).end();
			r.writeHead(200, { 'content-type': 'image/png' }).end(fakePng(q.url!, 8));
		};
		const inputItems = Array.from({ length: 153 }, (_, i) => ({
			p: kind(i) === 'invalid' ? '' : `${kind(i)}-${i}`,
		}));
		const { items, error } = await runRaw2(server(), {
			parameters: {
				operation: 'createTask',
				prompt: '={{ $json.p }}',
				pollInterval: 1,
				maxWaitTime: 60,
				downloadImages: true,
				options: { concurrency: 20 },
			},
			inputItems,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const expected: number[] = [];
		inputItems.forEach((_, i) =>
			expected.push(...(kind(i) === 'ok' || kind(i) === 'rate' ? [i, i] : [i])),
		);
		expect(paired(items)).toEqual(expected);
		for (const [p, n] of postsBy) expect({ p, n }).toEqual({ p, n: p.startsWith('rate') ? 2 : 1 });
		const problems: string[] = [];
		for (const item of items) {
			const i = (item.pairedItem as { item: number }).item;
			const k = kind(i);
			const e = item.json.error as string | undefined;
			const want: Record<string, RegExp | undefined> = {
				ok: undefined,
				rate: undefined,
				refused: new RegExp(`^CometAPI refused the new task for item ${i}: no refused-${i}$`),
				e503: new RegExp(`^CometAPI did not confirm the new task for item ${i}: HTTP 503$`),
				reset: new RegExp(`^CometAPI did not confirm the new task for item ${i}: `),
				failed: new RegExp(`^Kling task Tfailed-${i} \\(item ${i}\\) failed: nsfw$`),
				read401: new RegExp(`task Tread401-${i} \\(item ${i}\\)$`),
				img404: new RegExp(
					`^The image host answered 404 for image 0 of task Timg404-${i} \\(item ${i}\\)$`,
				),
				invalid: new RegExp(`^Prompt is empty \\(item ${i}\\)$`),
			};
			const w = want[k];
			if (w === undefined ? e !== undefined || !item.binary?.data : !w.test(String(e)))
				problems.push(`${i} ${k}: ${e}`);
			if (['failed', 'read401', 'img404'].includes(k) && item.json.task_id !== `T${k}-${i}`)
				problems.push(`${i} ${k}: task_id ${item.json.task_id}`);
		}
		expect(problems).toEqual([]);
	});
});

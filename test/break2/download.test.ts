import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

import { json, RawServer, task, useRawServer } from '../break/rawServer';
import { fakePng } from '../simulator/fakePng';
import { paired, runRaw2, sleep } from './helpers';

const server = useRawServer();
const png = fakePng('dl', 32);
const imgs = () => server().seen.filter((s) => s.path.startsWith('/img/'));

/** Task reads answer `count` images on this server (or urls); image requests go to `file`. */
function serve(
	file: (r: ServerResponse, path: string, n: number) => void | Promise<void>,
	count = 1,
	urls?: (id: string, i: number) => Record<string, unknown>,
) {
	let n = 0;
	server().handler = async (q, r) => {
		if (q.url!.startsWith('/kling/')) {
			const id = decodeURIComponent(q.url!.split('/').pop()!);
			const images = Array.from({ length: count }, (_, i) =>
				urls ? urls(id, i) : { index: i, url: `${server().url}/img/${id}/${i}.png` },
			);
			return json(r, 200, task(id, 'succeed', { task_result: { images } }));
		}
		await file(r, q.url!, ++n);
	};
}
const get = (p: Record<string, unknown> = {}) => ({
	operation: 'getTask',
	taskId: 't-1',
	waitForCompletion: false,
	downloadImages: true,
	...p,
});
const bytesOf = (item: { binary?: Record<string, { data: string }> }, field = 'data') =>
	Buffer.from(item.binary![field].data, 'base64');

describe('image hosts', () => {
	test('a redirect to another loopback port is followed; no key or CometAPI header reaches either host', async () => {
		const other = await new RawServer().start();
		try {
			other.handler = (_q, r) => {
				r.writeHead(200, { 'content-type': 'image/png' });
				r.end(png);
			};
			serve((r) => {
				r.writeHead(302, { location: `${other.url}/real/0.png` }).end();
			});
			const { items, error } = await runRaw2(server(), { parameters: get() });
			expect(error).toBeUndefined();
			expect(bytesOf(items[0]).equals(png)).toBe(true);
			for (const s of [...imgs(), ...other.seen]) expect(s.headers.authorization).toBeUndefined();
			expect(other.seen).toHaveLength(1);
		} finally {
			await other.stop();
		}
	});

	test('a gzip-encoded image is stored decoded', async () => {
		serve((r) => {
			const gz = gzipSync(png);
			r.writeHead(200, {
				'content-type': 'image/png',
				'content-encoding': 'gzip',
				'content-length': String(gz.length),
			});
			r.end(gz);
		});
		const { items, error } = await runRaw2(server(), { parameters: get() });
		expect(error).toBeUndefined();
		expect(bytesOf(items[0]).equals(png)).toBe(true);
	});

	test('a gzip bomb (small on the wire, 20 MB decoded) stops at Max Image Size 1 MB', async () => {
		serve((r) => {
			const gz = gzipSync(Buffer.concat([png, Buffer.alloc(20 * 1024 * 1024)]));
			r.writeHead(200, {
				'content-type': 'image/png',
				'content-encoding': 'gzip',
				'content-length': String(gz.length),
			});
			r.end(gz);
		});
		const { items } = await runRaw2(server(), {
			parameters: get({ maxImageSizeMb: 1 }),
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe('The image is larger than 1 MB: image 0 of task t-1 (item 0)');
	});

	test('a 200 HTML page (expired link page) is not stored as the image', async () => {
		serve((r) => {
			r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			r.end('<!doctype html><html><body>This link has expired</body></html>');
		});
		const { items } = await runRaw2(server(), { parameters: get(), continueOnFail: true });
		expect(items).toHaveLength(1);
		expect({ binary: items[0].binary?.data?.mimeType, error: items[0].json.error }).toEqual({
			binary: undefined,
			error: expect.stringMatching(/image 0 of task t-1 \(item 0\)/),
		});
	});

	test('a Content-Type that lies (image/jpeg for PNG bytes): what the file says it is', async () => {
		serve((r) => {
			r.writeHead(200, { 'content-type': 'image/jpeg' });
			r.end(png);
		});
		const { items } = await runRaw2(server(), { parameters: get() });
		// Documented: a specific image Content-Type is trusted. Recorded, not asserted as a bug.
		expect(items[0].binary!.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: 'kling-t-1-0.jpg',
		});
	});

	test('a Content-Length beyond any buffer (1e15) with a huge Max Image Size fails the item by name, quickly', async () => {
		serve((r) => {
			r.writeHead(200, { 'content-type': 'image/png', 'content-length': '1000000000000000' });
			r.write(png);
		});
		const { items, ms } = await runRaw2(server(), {
			parameters: get({ maxImageSizeMb: 1e12, options: { maxRetries: 0 } }),
			continueOnFail: true,
		});
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/image 0 of task t-1 \(item 0\)/);
		expect(ms).toBeLessThan(5_000);
	});

	test('the watermarked variant downloads watermark_url; an image without one fails its item by name', async () => {
		serve(
			(r) => {
				r.writeHead(200, { 'content-type': 'image/png' });
				r.end(png);
			},
			2,
			(id, i) => ({
				index: i,
				url: `${server().url}/img/${id}/${i}.png`,
				...(i === 0 ? { watermark_url: `${server().url}/img/${id}/${i}-wm.png` } : {}),
			}),
		);
		const { items } = await runRaw2(server(), {
			parameters: get({ taskId: '={{ $json.id }}', imageVariant: 'watermarked' }),
			inputItems: [{ id: 't-1' }],
			continueOnFail: true,
		});
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toBe('Image 1 of task t-1 has no watermark_url (item 0)');
	});
});

describe('many downloads at once', () => {
	test('30 tasks x 9 images with Concurrency 5: every file right, never more than 5 downloads at once', async () => {
		let open = 0;
		let maxOpen = 0;
		serve(async (r, path) => {
			open++;
			maxOpen = Math.max(maxOpen, open);
			await sleep(20);
			r.writeHead(200, { 'content-type': 'image/png' });
			r.end(fakePng(path, 16));
			open--;
		}, 9);
		const inputItems = Array.from({ length: 30 }, (_, i) => ({ id: `k${i}` }));
		const { items, error } = await runRaw2(server(), {
			parameters: get({ taskId: '={{ $json.id }}', options: { concurrency: 5 } }),
			inputItems,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(270);
		items.forEach((item, n) => {
			const i = Math.floor(n / 9);
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.binary!.data.fileName).toBe(`kling-k${i}-${n % 9}.png`);
			expect(bytesOf(item).equals(fakePng(`/img/k${i}/${n % 9}.png`, 16))).toBe(true);
		});
		expect(maxOpen).toBeLessThanOrEqual(5);
	});

	test('a download that times out does not keep running past its slot (Concurrency 1, Request Timeout 1 s, 3 retries)', async () => {
		let open = 0;
		let maxOpen = 0;
		serve(async (r) => {
			open++;
			maxOpen = Math.max(maxOpen, open);
			r.writeHead(200, { 'content-type': 'image/png' });
			try {
				for (let i = 0; i < 60 && !r.destroyed; i++) {
					r.write(Buffer.from([png[i % png.length]]));
					await sleep(100);
				}
				r.end();
			} finally {
				open--;
			}
		});
		const { items, ms } = await runRaw2(server(), {
			parameters: get({ options: { concurrency: 1, requestTimeout: 1, maxRetries: 3 } }),
			continueOnFail: true,
		});
		// The host notices a closed connection at its next write, within 100 ms.
		await sleep(300);
		const openAfterRun = open;
		expect(String(items[0].json.error)).toMatch(/image 0 of task t-1 \(item 0\)/);
		expect(ms).toBeLessThan(15_000);
		expect({ maxOpen, openAfterRun }).toEqual({ maxOpen: 1, openAfterRun: 0 });
	});

	test('when one image of an item fails, its other downloads do not run on after the node has finished', async () => {
		let slowFinishedAt = 0;
		serve(async (r, path) => {
			if (path.endsWith('/0.png')) {
				r.writeHead(404).end();
				return;
			}
			let closed = false;
			r.on('close', () => (closed = true));
			r.writeHead(200, { 'content-type': 'image/png' });
			for (let i = 0; i < 20 && !closed; i++) {
				r.write(png.subarray(i, i + 1));
				await sleep(100);
			}
			if (closed) return;
			r.end(png.subarray(20));
			slowFinishedAt = Date.now();
		}, 2);
		const { items } = await runRaw2(server(), { parameters: get(), continueOnFail: true });
		const endedAt = Date.now();
		await sleep(2_500);
		expect(items[0].json.error).toBe(
			'The image host answered 404 for image 0 of task t-1 (item 0)',
		);
		// The slow download of image 1 should have been stopped when its item failed.
		expect(slowFinishedAt === 0 || slowFinishedAt <= endedAt).toBe(true);
	});

	test('cancel mid-download closes the image connection and emits nothing', async () => {
		let closedAt = 0;
		serve(async (r) => {
			r.on('close', () => (closedAt = Date.now()));
			r.writeHead(200, { 'content-type': 'image/png', 'content-length': '200000' });
			for (let i = 0; i < 200 && !r.destroyed; i++) {
				r.write(Buffer.alloc(1000));
				await sleep(50);
			}
		}, 3);
		let cancelledAt = 0;
		const { items } = await runRaw2(server(), {
			parameters: get(),
			onStarted: (cancel) =>
				void sleep(800).then(() => {
					cancelledAt = Date.now();
					cancel();
				}),
		});
		await sleep(300);
		expect(items).toHaveLength(0);
		expect(closedAt).toBeGreaterThan(0);
		expect(closedAt - cancelledAt).toBeLessThan(1_000);
	});
});

describe('create + download', () => {
	test('Create Task with Wait and Download: n=4 gives 4 items with their files, one POST', async () => {
		let reads = 0;
		server().handler = async (q, r) => {
			if (q.method === 'POST') return json(r, 200, task('c-1', 'submitted'));
			if (q.url!.startsWith('/kling/')) {
				reads++;
				if (reads < 2) return json(r, 200, task('c-1', 'processing'));
				const images = [0, 1, 2, 3].map((i) => ({
					index: i,
					url: `${server().url}/img/c-1/${i}.png`,
				}));
				return json(r, 200, task('c-1', 'succeed', { task_result: { images } }));
			}
			r.writeHead(200, { 'content-type': 'application/octet-stream' });
			r.end(fakePng(q.url!, 16));
		};
		const { items, error } = await runRaw2(server(), {
			parameters: {
				operation: 'createTask',
				prompt: 'x',
				n: 4,
				pollInterval: 1,
				downloadImages: true,
				binaryPropertyName: 'img',
			},
		});
		expect(error).toBeUndefined();
		expect(paired(items)).toEqual([0, 0, 0, 0]);
		items.forEach((item, i) => {
			expect(item.binary!.img.mimeType).toBe('image/png');
			expect(bytesOf(item, 'img').equals(fakePng(`/img/c-1/${i}.png`, 16))).toBe(true);
		});
		expect(server().seen.filter((s) => s.method === 'POST')).toHaveLength(1);
	});
});

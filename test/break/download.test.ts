import { fakePng } from '../simulator/fakePng';
import { json, runRaw, task, useRawServer } from './rawServer';

const server = useRawServer();
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const png = fakePng('break', 32);

/** Answers the task read with one image on this server, and the image with `file`. */
function serve(
	file: (r: import('node:http').ServerResponse, count: number) => void | Promise<void>,
) {
	let downloads = 0;
	server().handler = async (q, r) => {
		if (q.url!.startsWith('/kling/')) {
			return json(
				r,
				200,
				task('t-1', 'succeed', {
					task_result: { images: [{ index: 0, url: `${server().url}/img/0.png` }] },
				}),
			);
		}
		await file(r, ++downloads);
	};
}
const download = (parameters: Record<string, unknown> = {}) => ({
	operation: 'getTask',
	taskId: 't-1',
	waitForCompletion: false,
	downloadImages: true,
	...parameters,
});

describe('image downloads gone wrong', () => {
	test('a chunked image without Content-Length is read whole', async () => {
		const big = Buffer.concat([png, Buffer.alloc(3 * 1024 * 1024, 7)]);
		serve(async (r) => {
			r.writeHead(200, { 'content-type': 'image/png' });
			for (let i = 0; i < big.length; i += 64 * 1024) {
				r.write(big.subarray(i, i + 64 * 1024));
			}
			r.end();
		});
		const { items, error } = await runRaw(server(), { parameters: download() });
		expect(error).toBeUndefined();
		const bytes = Buffer.from(items[0].binary!.data.data, 'base64');
		expect(bytes.equals(big)).toBe(true);
	});

	test('a chunked image past Max Image Size fails its item, named', async () => {
		serve(async (r) => {
			r.writeHead(200, { 'content-type': 'image/png' });
			for (let i = 0; i < 40; i++) {
				if (r.destroyed) return;
				r.write(Buffer.alloc(64 * 1024, 1));
				await sleep(1);
			}
			r.end();
		});
		const { items } = await runRaw(server(), {
			parameters: download({ maxImageSizeMb: 1 }),
			continueOnFail: true,
		});
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toBe('The image is larger than 1 MB: image 0 of task t-1 (item 0)');
	});

	test('a 200 with zero bytes is not stored as an empty image file', async () => {
		serve((r) => {
			r.writeHead(200, { 'content-type': 'image/png', 'content-length': '0' });
			r.end();
		});
		const { items, error } = await runRaw(server(), {
			parameters: download(),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const size = items[0].binary?.data
			? Buffer.from(items[0].binary.data.data, 'base64').length
			: -1;
		// Right: an error item naming image 0 of task t-1 (or a retry), not a 0-byte .png.
		expect(size).not.toBe(0);
		expect(String(items[0].json.error)).toMatch(/image 0 of task t-1 \(item 0\)/);
	});

	test('a body cut short of its Content-Length is retried and then read whole', async () => {
		serve((r, count) => {
			r.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
			if (count === 1) {
				r.write(png.subarray(0, 10));
				setTimeout(() => r.socket?.destroy(), 20);
				return;
			}
			r.end(png);
		});
		const { items, error } = await runRaw(server(), { parameters: download() });
		expect(error).toBeUndefined();
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(png)).toBe(true);
	});

	test('a body longer than its Content-Length gives exactly Content-Length bytes', async () => {
		serve((r) => {
			r.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
			r.end(Buffer.concat([png, Buffer.from('TRAILING GARBAGE')]));
		});
		const { items, error } = await runRaw(server(), { parameters: download() });
		expect(error).toBeUndefined();
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(png)).toBe(true);
	});

	test('a Content-Length above the limit fails at once, before the body', async () => {
		serve((r) => {
			r.writeHead(200, { 'content-type': 'image/png', 'content-length': String(60 * 1024 * 1024) });
			r.write(png);
		});
		const { items, ms } = await runRaw(server(), { parameters: download(), continueOnFail: true });
		expect(items[0].json.error).toBe(
			'The image is larger than 50 MB: image 0 of task t-1 (item 0)',
		);
		expect(ms).toBeLessThan(3_000);
	});

	test('an octet-stream image gets its type from its bytes; an html label does not fool it', async () => {
		serve((r) => {
			r.writeHead(200, { 'content-type': 'text/html' });
			r.end(png);
		});
		const { items } = await runRaw(server(), { parameters: download() });
		expect(items[0].binary?.data).toMatchObject({
			mimeType: 'image/png',
			fileName: 'kling-t-1-0.png',
		});
	});

	test('a download dripping one byte every 300 ms is cut off by Request Timeout (1 s)', async () => {
		let stop = false;
		serve(async (r) => {
			r.writeHead(200, { 'content-type': 'image/png' });
			for (const byte of png) {
				if (stop || r.destroyed) return;
				r.write(Buffer.from([byte]));
				await sleep(300);
			}
			r.end();
		});
		let cancel: () => void = () => {};
		const guard = setTimeout(() => cancel(), 12_000);
		const { ms, error } = await runRaw(server(), {
			parameters: download({ options: { requestTimeout: 1, maxRetries: 0 } }),
			onStarted: (c) => (cancel = c),
		});
		clearTimeout(guard);
		stop = true;
		expect(error?.message).toMatch(/image 0 of task t-1 \(item 0\)/);
		expect(ms).toBeLessThan(4_000);
	});

	test('a relative image URL fails its item with a message naming the image', async () => {
		server().handler = (_q, r) =>
			json(
				r,
				200,
				task('t-1', 'succeed', { task_result: { images: [{ index: 0, url: '/img/0.png' }] } }),
			);
		const { items } = await runRaw(server(), { parameters: download(), continueOnFail: true });
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toBe('Could not download image 0 of task t-1 (item 0)');
	});

	test('an image host 404 is not retried and names the image', async () => {
		serve((r) => {
			r.writeHead(404).end();
		});
		const { items } = await runRaw(server(), { parameters: download(), continueOnFail: true });
		expect(items[0].json.error).toBe(
			'The image host answered 404 for image 0 of task t-1 (item 0)',
		);
		expect(server().seen.filter((s) => s.path.startsWith('/img/'))).toHaveLength(1);
	});

	test('Download Images set to "false" by an expression downloads nothing', async () => {
		serve((r) => {
			r.writeHead(200, { 'content-type': 'image/png' });
			r.end(png);
		});
		const { items } = await runRaw(server(), {
			parameters: download({ downloadImages: '={{ "false" }}' }),
		});
		expect(server().seen.filter((s) => s.path.startsWith('/img/'))).toHaveLength(0);
		expect(items[0].binary).toBeUndefined();
	});
});

import { BREAK_KEY, everythingShown, json, runRaw, task, useRawServer } from './rawServer';

const server = useRawServer();
const read = (parameters: Record<string, unknown> = {}) => ({
	operation: 'getTask',
	taskId: 't-1',
	waitForCompletion: false,
	options: { maxRetries: 0 },
	...parameters,
});
const ok = () => task('t-1', 'processing');

describe('the API key never shows', () => {
	test.each<[string, number, unknown]>([
		['a 401 that quotes the key', 401, { error: { message: `Invalid token ${BREAK_KEY}` } }],
		[
			'a 403 that quotes the key',
			403,
			{ error: { message: `token ${BREAK_KEY} may not use kling` } },
		],
		[
			'a 500 that echoes the request headers',
			500,
			{ message: `Authorization: Bearer ${BREAK_KEY}` },
		],
		['a 429 that quotes the key', 429, { code: 1102, message: `key ${BREAK_KEY} has no balance` }],
		['a 200 HTML page that echoes the key', 200, `<html>debug: Bearer ${BREAK_KEY}</html>`],
	])(
		'%s: the key is not in the item, message, description or error JSON',
		async (_label, status, body) => {
			server().handler = (_q, r) => {
				if (typeof body !== 'string') return json(r, status, body);
				r.writeHead(status, { 'content-type': 'text/html' });
				r.end(body);
			};
			const cof = await runRaw(server(), { parameters: read(), continueOnFail: true });
			const fail = await runRaw(server(), { parameters: read() });
			const where = [
				JSON.stringify(cof.items).includes(BREAK_KEY) && 'error item',
				String(fail.error?.message).includes(BREAK_KEY) && 'error message',
				String(fail.error?.description).includes(BREAK_KEY) && 'error description',
				everythingShown(fail).includes(BREAK_KEY) && 'error JSON / execution data',
			].filter(Boolean);
			expect(where).toEqual([]);
		},
	);

	test('a network failure does not carry the key (connection refused)', async () => {
		const result = await runRaw(server(), {
			parameters: read(),
			baseUrl: 'http://127.0.0.1:1',
		});
		expect(result.error?.message).toBe('Could not reach CometAPI to read task t-1 (item 0)');
		expect(everythingShown(result)).not.toContain(BREAK_KEY);
	});

	test('a request timeout does not carry the key', async () => {
		server().handler = () => {};
		const result = await runRaw(server(), {
			parameters: read({ options: { maxRetries: 0, requestTimeout: 1 } }),
		});
		expect(result.error?.message).toBe('Could not reach CometAPI to read task t-1 (item 0)');
		expect(everythingShown(result)).not.toContain(BREAK_KEY);
	});
});

describe('odd credentials', () => {
	test('a key with spaces and a newline around it is trimmed', async () => {
		server().handler = (q, r) =>
			q.headers.authorization === `Bearer ${BREAK_KEY}` ? json(r, 200, ok()) : json(r, 401, {});
		const { items, error } = await runRaw(server(), {
			parameters: read(),
			apiKey: `  ${BREAK_KEY}\n`,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.task_status).toBe('processing');
	});

	test('an empty key gets the 401 advice', async () => {
		server().handler = (_q, r) => json(r, 401, { error: { message: 'no token' } });
		const { error } = await runRaw(server(), { parameters: read(), apiKey: '   ' });
		expect(error?.message).toBe('CometAPI rejected the API key while reading task t-1 (item 0)');
	});

	test('a Base URL with a path prefix and a trailing slash keeps the prefix', async () => {
		server().handler = (_q, r) => json(r, 200, ok());
		const { error } = await runRaw(server(), {
			parameters: read(),
			baseUrl: ` ${server().url}/proxy/v2// `,
		});
		expect(error).toBeUndefined();
		expect(server().seen[0].path).toBe('/proxy/v2/kling/v1/images/omni-image/t-1');
	});

	test('a Base URL without a scheme fails with a clear, item-naming error', async () => {
		const base = server().url.replace('http://', '');
		const { error } = await runRaw(server(), { parameters: read(), baseUrl: base });
		expect(server().seen).toHaveLength(0);
		expect(error?.message).toBe('Could not reach CometAPI to read task t-1 (item 0)');
		expect(error?.description).toMatch(/Invalid URL/);
	});
});

import { RequestLimiter } from '../../nodes/KlingOmniImage/polling/requestLimiter';

const tick = async (ms = 5) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('RequestLimiter', () => {
	test('never runs more than its limit at once, and runs everything', async () => {
		const limiter = new RequestLimiter(2);
		let running = 0;
		let peak = 0;
		const job = async (value: number) => {
			running++;
			peak = Math.max(peak, running);
			await tick();
			running--;
			return value;
		};

		const results = await Promise.all(
			[1, 2, 3, 4, 5].map(async (n) => await limiter.run(async () => await job(n))),
		);

		expect(results).toEqual([1, 2, 3, 4, 5]);
		expect(peak).toBe(2);
	});

	test('an already aborted signal sends nothing', async () => {
		const controller = new AbortController();
		controller.abort();
		const limiter = new RequestLimiter(5, controller.signal);
		let sent = 0;

		const result = await limiter.run(async () => ++sent);

		expect(result).toBeUndefined();
		expect(sent).toBe(0);
	});

	test('an abort releases the waiters without running them', async () => {
		const controller = new AbortController();
		const limiter = new RequestLimiter(1, controller.signal);
		const started: number[] = [];
		const first = limiter.run(async () => {
			started.push(1);
			await tick(30);
		});
		const second = limiter.run(async () => started.push(2));

		controller.abort();
		const results = await Promise.all([first, second]);

		expect(started).toEqual([1]);
		expect(results[1]).toBeUndefined();
	});
});

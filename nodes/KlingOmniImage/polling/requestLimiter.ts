/**
 * Bounds the number of requests in flight across all items of one run. Waiting items hold
 * no slot while they sleep, so many tasks can be watched with few connections.
 */
export class RequestLimiter {
	private active = 0;
	private readonly queue: Array<(granted: boolean) => void> = [];

	/** One listener for the whole queue: a listener per waiter would pile up on the signal. */
	constructor(
		private readonly limit: number,
		private readonly signal?: AbortSignal,
	) {
		signal?.addEventListener('abort', () => this.queue.splice(0).forEach((wake) => wake(false)), {
			once: true,
		});
	}

	/** Runs `send` when a slot is free; returns undefined, sending nothing, once aborted. */
	async run<T>(send: () => Promise<T>): Promise<T | undefined> {
		if (!(await this.acquire())) return undefined;
		try {
			return await send();
		} finally {
			this.release();
		}
	}

	private async acquire(): Promise<boolean> {
		if (this.signal?.aborted) return false;
		if (this.active < this.limit) {
			this.active++;
			return true;
		}
		const granted = await new Promise<boolean>((wake) => this.queue.push(wake));
		if (granted && this.signal?.aborted) this.release();
		return granted && !this.signal?.aborted;
	}

	private release(): void {
		const next = this.queue.shift();
		if (next) next(true);
		else this.active--;
	}
}

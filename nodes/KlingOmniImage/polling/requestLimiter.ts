/**
 * Bounds the number of requests in flight across all items of one run. Waiting items hold
 * no slot while they sleep, so many tasks can be watched with few connections.
 */
export class RequestLimiter {
	private active = 0;
	private readonly queue: Array<() => void> = [];

	constructor(private readonly limit: number) {}

	/** Runs `send` when a slot is free; returns undefined, sending nothing, once aborted. */
	async run<T>(send: () => Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
		if (!(await this.acquire(signal))) return undefined;
		try {
			return await send();
		} finally {
			this.release();
		}
	}

	private async acquire(signal?: AbortSignal): Promise<boolean> {
		if (signal?.aborted) return false;
		if (this.active < this.limit) {
			this.active++;
			return true;
		}
		return await new Promise<boolean>((resolve) => {
			const grant = () => {
				signal?.removeEventListener('abort', cancel);
				this.active++;
				resolve(true);
			};
			const cancel = () => {
				const at = this.queue.indexOf(grant);
				if (at >= 0) this.queue.splice(at, 1);
				resolve(false);
			};
			this.queue.push(grant);
			signal?.addEventListener('abort', cancel, { once: true });
		});
	}

	private release(): void {
		this.active--;
		this.queue.shift()?.();
	}
}

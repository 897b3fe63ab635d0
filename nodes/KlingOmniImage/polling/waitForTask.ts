import type { KlingTask } from '../parsing/KlingTask';
import { isFinished } from '../parsing/KlingTask';
import { abortableSleep } from './abortableSleep';

export interface WaitOptions {
	pollIntervalMs: number;
	/** Wall-clock end of the wait, in ms since epoch. */
	deadline: number;
	signal?: AbortSignal;
	onPoll?: (task: KlingTask, attempt: number, nextDelayMs: number) => void;
}

/** How a wait ended; `task` is the last answer read (none when stopped before the first). */
export type WaitOutcome =
	| { outcome: 'finished'; task: KlingTask }
	| { outcome: 'timedOut'; task: KlingTask }
	| { outcome: 'cancelled'; task?: KlingTask };

/**
 * Reads the task until it is `succeed` or `failed`, one read per poll interval. A finished
 * task costs one read and no sleep; the last sleep is cut short so the final read happens at
 * the deadline, not after.
 */
export async function waitForTask(
	readTask: () => Promise<KlingTask>,
	options: WaitOptions,
): Promise<WaitOutcome> {
	const { deadline } = options;
	let task: KlingTask | undefined;

	for (let attempt = 1; ; attempt++) {
		if (options.signal?.aborted) return { outcome: 'cancelled', task };
		const readStartedAt = Date.now();
		task = await readTask();

		// The interval runs from when the read was sent, so slow answers and waits for a
		// request slot do not push every later read back.
		const now = Date.now();
		const left = deadline - now;
		const sinceRead = now - readStartedAt;
		const nextDelayMs =
			isFinished(task) || left <= 0
				? 0
				: Math.min(Math.max(0, options.pollIntervalMs - sinceRead), left);
		options.onPoll?.(task, attempt, nextDelayMs);
		if (isFinished(task)) return { outcome: 'finished', task };
		if (left <= 0) return { outcome: 'timedOut', task };

		await abortableSleep(nextDelayMs, options.signal);
	}
}

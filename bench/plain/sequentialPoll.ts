import type { PlainClient } from './cometApi';
import { readTaskStatus, sleep } from './cometApi';

const DONE = new Set(['succeed', 'failed']);

/**
 * CometAPI's sample code, applied item by item: read the task, stop on succeed or failed,
 * else sleep and read again; then the next task. Gives up on a task after `maxWaitMs`.
 */
export async function pollOneByOne(
	client: PlainClient,
	taskIds: string[],
	pollMs: number,
	maxWaitMs: number,
): Promise<void> {
	for (const taskId of taskIds) {
		const deadline = Date.now() + maxWaitMs;
		while (!DONE.has(await readTaskStatus(client, taskId))) {
			if (Date.now() > deadline) throw new Error(`Task ${taskId} did not finish in time`);
			await sleep(pollMs);
		}
	}
}

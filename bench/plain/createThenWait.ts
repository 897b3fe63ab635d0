import type { PlainClient } from './cometApi';
import { createTask } from './cometApi';
import { pollOneByOne } from './sequentialPoll';

/** One prompt at a time: create the task, poll it until done, then the next prompt. */
export async function createThenWaitOneByOne(
	client: PlainClient,
	prompts: string[],
	pollMs: number,
	maxWaitMs: number,
): Promise<void> {
	for (const prompt of prompts) {
		const taskId = await createTask(client, prompt);
		await pollOneByOne(client, [taskId], pollMs, maxWaitMs);
	}
}

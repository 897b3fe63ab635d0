import { sleep } from 'n8n-workflow';

/** Short enough that a stopped execution ends well within a second. */
const SLICE_MS = 100;

/**
 * Sleeps in short slices so a cancelled execution stops at once. n8n-workflow's `sleep`
 * takes a signal only in recent versions, and community nodes may not use raw timers.
 */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	const end = Date.now() + ms;
	for (;;) {
		if (signal?.aborted) return;
		const left = end - Date.now();
		if (left <= 0) return;
		await sleep(Math.min(SLICE_MS, left));
	}
}

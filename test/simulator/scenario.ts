/**
 * What the simulator answers for one task, request by request. Each read of the task
 * plays the next step; the last step repeats for as long as the task is read.
 */
export type TaskStep = (
	| { status: 'submitted' | 'processing'; progress?: string }
	| { status: 'succeed'; images?: number | SimImage[]; watermark?: boolean; series?: boolean }
	| { status: 'failed'; reason?: string }
	| { notExist: true }
	| { http: number; body?: unknown; rawBody?: string; headers?: Record<string, string> }
	| { fault: 'reset' | 'hang' | 'truncatedJson' | 'htmlPage' | 'emptyBody' }
) & {
	/** Answer this step after a pause, to play a slow server. */
	delayMs?: number;
	/** `wrapper` plays the envelope some CometAPI doc versions show (data.status, data.data). */
	envelope?: 'native' | 'wrapper';
};

export interface SimImage {
	index?: number;
	url?: string;
	watermark_url?: string;
}

/**
 * A task that is `processing` until `finishAfterMs` has passed, then plays `result`. The
 * clock starts at the first read, or when the task was scripted (to compare clients that
 * read tasks at different times).
 */
export interface TimedTask {
	finishAfterMs: number;
	clock?: 'firstRead' | 'scripted';
	result: TaskStep;
	/** Pause before every answer, to play network and server latency. */
	latencyMs?: number;
}

export type TaskScript = { steps: TaskStep[] } | TimedTask;

export function isTimedTask(script: TaskScript): script is TimedTask {
	return 'finishAfterMs' in script;
}

/** Shorthands that keep scenarios in tests readable. */
export const step = {
	submitted: (): TaskStep => ({ status: 'submitted' }),
	processing: (): TaskStep => ({ status: 'processing' }),
	succeed: (images: number | SimImage[] = 1, extra: Partial<TaskStep> = {}): TaskStep =>
		({ status: 'succeed', images, ...extra }) as TaskStep,
	failed: (reason = 'Content safety check failed'): TaskStep => ({ status: 'failed', reason }),
	notExist: (): TaskStep => ({ notExist: true }),
	http: (status: number, body?: unknown, headers?: Record<string, string>): TaskStep => ({
		http: status,
		body,
		headers,
	}),
};

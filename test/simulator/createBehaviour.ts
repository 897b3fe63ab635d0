import type { TaskScript, TaskStep } from './scenario';
import { step } from './scenario';

/** What one POST to the create route does. */
export interface CreateBehaviour {
	/** Answer with this instead of the usual success (a 429, a 500, a reset, a hang...). */
	answer?: TaskStep;
	/** Whether the task exists even though the answer failed (as after a timeout). */
	createAnyway?: boolean;
	/** How the new task plays when read; defaults to submitted, processing, succeed. */
	script?: TaskScript;
	/** The first N reads answer task_not_exist, as right after a real create. */
	invisibleReads?: number;
	/** With a callback_url: post the finished task this long after the create. */
	finishAfterMs?: number;
}

export interface CreateBody {
	prompt?: unknown;
	n?: unknown;
	series_amount?: unknown;
	result_type?: unknown;
	watermark_info?: { enabled?: unknown };
	callback_url?: unknown;
	external_task_id?: unknown;
}

/** The default life of a created task, shaped by what the create asked for. */
export function defaultScript(body: CreateBody): TaskScript {
	const series = body.result_type === 'series';
	const count = Number(series ? (body.series_amount ?? 4) : (body.n ?? 1)) || 1;
	const watermark = body.watermark_info?.enabled === true;
	return {
		steps: [step.submitted(), step.processing(), step.succeed(count, { watermark, series })],
	};
}

export function withInvisibleReads(script: TaskScript, reads: number): TaskScript {
	if (reads <= 0 || !('steps' in script)) return script;
	return { steps: [...Array.from({ length: reads }, () => step.notExist()), ...script.steps] };
}

import type { TaskScript, TaskStep } from './scenario';
import { isTimedTask } from './scenario';
import type { TaskRecord } from './taskAnswer';

export interface TaskState {
	record: TaskRecord;
	script: TaskScript;
	reads: number;
	scriptedAt: number;
	firstReadAt?: number;
	finishedAt?: number;
	firstSeenFinishedAt?: number;
}

/** When a timed task finished, and when a client first read it as finished. */
export interface TaskTimeline {
	finishedAt?: number;
	firstSeenFinishedAt?: number;
	reads: number;
}

const CREATED_AT = 1_782_450_245_512;

/** The simulator's tasks and what each read of them plays. */
export class TaskStore {
	private readonly tasks = new Map<string, TaskState>();

	set(taskId: string, script: TaskScript, externalTaskId?: string): void {
		const record = { taskId, createdAt: CREATED_AT, externalTaskId };
		this.tasks.set(taskId, { record, script, reads: 0, scriptedAt: Date.now() });
	}

	get(taskId: string): TaskState | undefined {
		return this.tasks.get(taskId);
	}

	clear(): void {
		this.tasks.clear();
	}

	timeline(taskId: string): TaskTimeline | undefined {
		const state = this.tasks.get(taskId);
		if (!state) return undefined;
		const { finishedAt, firstSeenFinishedAt, reads } = state;
		return { finishedAt, firstSeenFinishedAt, reads };
	}

	/** The step the next read plays: the script's next one, the last one repeating. */
	nextStep(state: TaskState, now: number): TaskStep {
		state.reads += 1;
		state.firstReadAt ??= now;
		const { script } = state;
		if (!isTimedTask(script)) return script.steps[Math.min(state.reads, script.steps.length) - 1];

		const start = script.clock === 'scripted' ? state.scriptedAt : state.firstReadAt;
		state.finishedAt = start + script.finishAfterMs;
		const finished = now >= state.finishedAt;
		if (finished) state.firstSeenFinishedAt ??= now + (script.latencyMs ?? 0);
		const step = finished ? script.result : ({ status: 'processing' } as TaskStep);
		return script.latencyMs ? { ...step, delayMs: script.latencyMs } : step;
	}
}

/** The one shape the rest of the node sees, whatever envelope CometAPI answered with. */
export type KlingTaskStatus = 'submitted' | 'processing' | 'succeed' | 'failed';

export interface KlingImage {
	index: number;
	url: string;
	watermark_url?: string;
}

export interface KlingTask {
	task_id: string;
	/** Lower-cased; anything outside KNOWN_STATUSES is refused when read. */
	task_status: string;
	task_status_msg: string | null;
	created_at: number | null;
	updated_at: number | null;
	final_unit_deduction: string | null;
	external_task_id: string | null;
	images: KlingImage[];
	/** Image entries in the answer without a usable URL. */
	unreadable_images: number;
}

export const KNOWN_STATUSES: ReadonlySet<string> = new Set([
	'submitted',
	'processing',
	'succeed',
	'failed',
]);

export const FINISHED_STATUSES: ReadonlySet<string> = new Set(['succeed', 'failed']);

export function isFinished(task: KlingTask): boolean {
	return FINISHED_STATUSES.has(task.task_status);
}

/** A task known only by its id, as before its first successful read. */
export function emptyTask(taskId: string, status: KlingTaskStatus): KlingTask {
	return {
		task_id: taskId,
		task_status: status,
		task_status_msg: null,
		created_at: null,
		updated_at: null,
		final_unit_deduction: null,
		external_task_id: null,
		images: [],
		unreadable_images: 0,
	};
}

import type { KlingImage, KlingTask } from './KlingTask';

type JsonRecord = Record<string, unknown>;

function asRecord(value: unknown): JsonRecord | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as JsonRecord)
		: undefined;
}

function asStringOrNull(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return null;
}

function asNumberOrNull(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function imageEntries(result: JsonRecord | undefined): unknown[] {
	const list = result?.images ?? result?.series_images;
	return Array.isArray(list) ? list : [];
}

function parseImages(entries: unknown[]): KlingImage[] {
	return entries.flatMap((entry, position) => {
		const image = asRecord(entry);
		const url = asStringOrNull(image?.url);
		if (!image || !url) return [];

		// The API may leave out `index`; its place in the list is then the index.
		const index = asNumberOrNull(
			typeof image.index === 'string' ? Number(image.index) : image.index,
		);
		const parsed: KlingImage = { index: index ?? position, url };
		const watermarkUrl = asStringOrNull(image.watermark_url);
		if (watermarkUrl) parsed.watermark_url = watermarkUrl;
		return [parsed];
	});
}

const WRAPPER_STATUSES: Record<string, string> = { SUCCESS: 'succeed', FAILURE: 'failed' };

/**
 * Finds the native task object. Some CometAPI doc versions wrap it: `data.status` (SUCCESS,
 * FAILURE, anything else while running) with the provider's answer under `data.data`,
 * either the task itself or a full `{ code, message, data }` answer.
 */
function nativeTaskOf(body: unknown): JsonRecord | undefined {
	const data = asRecord(asRecord(body)?.data);
	if (!data || data.task_status !== undefined) return data;

	const inner = asRecord(data.data);
	const nested = asRecord(inner?.data);
	const task = nested?.task_status !== undefined ? nested : inner;
	if (!task) return undefined;
	if (task.task_status !== undefined) return task;

	const wrapperStatus = asStringOrNull(data.status) ?? '';
	return { ...task, task_status: WRAPPER_STATUSES[wrapperStatus] ?? 'processing' };
}

/**
 * Reads the task object of an answer, native or wrapped. Returns undefined when the answer carries no
 * task, so that the caller can report what the server sent instead.
 */
export function parseTaskResponse(body: unknown): KlingTask | undefined {
	const data = nativeTaskOf(body);
	const taskId = asStringOrNull(data?.task_id);
	const status = asStringOrNull(data?.task_status);
	if (!data || !taskId || !status) return undefined;

	const taskInfo = asRecord(data.task_info);
	const entries = imageEntries(asRecord(data.task_result));
	const images = parseImages(entries);
	return {
		task_id: taskId,
		task_status: status.trim().toLowerCase(),
		task_status_msg: asStringOrNull(data.task_status_msg),
		created_at: asNumberOrNull(data.created_at),
		updated_at: asNumberOrNull(data.updated_at),
		final_unit_deduction: asStringOrNull(data.final_unit_deduction),
		external_task_id: asStringOrNull(taskInfo?.external_task_id),
		images,
		unreadable_images: entries.length - images.length,
	};
}

import type { SimImage, TaskStep } from './scenario';

/** Bytes, type, status or delay to serve for one image path instead of the default PNG. */
export interface FileOverride {
	status?: number;
	contentType?: string;
	bytes?: Buffer;
	delayMs?: number;
}

export interface TaskRecord {
	taskId: string;
	createdAt: number;
	externalTaskId?: string;
}

export interface HttpAnswer {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export function json(
	status: number,
	value: unknown,
	headers: Record<string, string> = {},
): HttpAnswer {
	return {
		status,
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(value),
	};
}

function imageList(task: TaskRecord, baseUrl: string, step: TaskStep): SimImage[] {
	if (!('status' in step) || step.status !== 'succeed') return [];
	const spec = step.images ?? 1;
	const list: SimImage[] =
		typeof spec === 'number' ? Array.from({ length: spec }, () => ({})) : spec;
	const id = encodeURIComponent(task.taskId);

	return list.map((image, position) => {
		const filled: SimImage = {
			index: 'index' in image ? image.index : position,
			url: image.url ?? `${baseUrl}/files/${id}/${position}.png`,
		};
		if (image.index === undefined && 'index' in image) delete filled.index;
		const watermark =
			image.watermark_url ??
			(step.watermark ? `${baseUrl}/files/${id}/${position}-wm.png` : undefined);
		if (watermark) filled.watermark_url = watermark;
		return filled;
	});
}

function nativeTask(task: TaskRecord, baseUrl: string, step: TaskStep & { status: string }) {
	const images = imageList(task, baseUrl, step);
	const finished = step.status === 'succeed' || step.status === 'failed';
	const data: Record<string, unknown> = {
		task_id: task.taskId,
		task_status: step.status,
		task_info: task.externalTaskId ? { external_task_id: task.externalTaskId } : {},
		created_at: task.createdAt,
		updated_at: finished ? task.createdAt + 41_000 : task.createdAt,
	};
	if (step.status === 'failed') data.task_status_msg = 'reason' in step ? step.reason : 'failed';
	if (step.status === 'succeed') {
		const key = 'series' in step && step.series ? 'series_images' : 'images';
		data.task_result = { [key]: images };
		data.final_unit_deduction = String(8 * Math.max(images.length, 1));
	}
	return data;
}

const WRAPPER_STATUS: Record<string, string> = {
	submitted: 'NOT_START',
	processing: 'IN_PROGRESS',
	succeed: 'SUCCESS',
	failed: 'FAILURE',
};

/** The HTTP answer for one read of a task, or undefined for faults the server plays itself. */
export function answerFor(
	task: TaskRecord,
	step: TaskStep,
	baseUrl: string,
): HttpAnswer | undefined {
	if ('fault' in step) {
		switch (step.fault) {
			case 'htmlPage':
				return {
					status: 502,
					headers: { 'content-type': 'text/html' },
					body: '<html><head><title>502 Bad Gateway</title></head><body>Bad gateway</body></html>',
				};
			case 'truncatedJson':
				return {
					status: 200,
					headers: { 'content-type': 'application/json' },
					body: '{"code":0,"data":{"task_id',
				};
			case 'emptyBody':
				return { status: 200, headers: { 'content-type': 'application/json' }, body: '' };
			default:
				return undefined;
		}
	}
	if ('http' in step) {
		if (step.rawBody !== undefined) {
			return {
				status: step.http,
				headers: { 'content-type': 'text/plain', ...step.headers },
				body: step.rawBody,
			};
		}
		return json(
			step.http,
			step.body ?? { error: { message: `simulated ${step.http}` } },
			step.headers,
		);
	}
	if ('notExist' in step) return json(400, { code: null, message: 'task_not_exist' });

	const data = nativeTask(task, baseUrl, step);
	const requestId = `sim-${task.taskId}-${Date.now()}`;
	if (step.envelope === 'wrapper') {
		const wrapped = {
			status: WRAPPER_STATUS[step.status],
			progress: step.status === 'succeed' ? '100%' : '0%',
			data,
		};
		return json(200, { code: 'success', message: '', data: wrapped });
	}
	return json(200, { code: 0, message: 'SUCCEED', request_id: requestId, data });
}

import type { INodeExecutionData } from 'n8n-workflow';

import type { KlingTask } from '../parsing/KlingTask';
import { isFinished } from '../parsing/KlingTask';

/**
 * What an AI agent gets: a few fields it can read and act on, never binary data. An
 * unfinished task tells the model what to do next instead of failing.
 */
export function toolItem(task: KlingTask, itemIndex: number): INodeExecutionData {
	const json: INodeExecutionData['json'] = {
		task_id: task.task_id,
		task_status: task.task_status,
		image_urls: task.images.map((image) => image.url),
	};
	if (task.task_status_msg) json.task_status_msg = task.task_status_msg;
	if (!isFinished(task)) {
		json.message = `Task ${task.task_id} is still ${task.task_status}. Call Get Task with this task_id again in a minute.`;
	}
	return { json, pairedItem: { item: itemIndex } };
}

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { KlingImage, KlingTask } from '../parsing/KlingTask';

/** The task's own fields, under the API's names, on every item it produces. */
function taskFields(task: KlingTask): IDataObject {
	return {
		task_id: task.task_id,
		task_status: task.task_status,
		task_status_msg: task.task_status_msg,
		created_at: task.created_at,
		updated_at: task.updated_at,
		final_unit_deduction: task.final_unit_deduction,
		external_task_id: task.external_task_id,
	};
}

function imageFields(image: KlingImage): IDataObject {
	const fields: IDataObject = { index: image.index, url: image.url };
	if (image.watermark_url !== undefined) fields.watermark_url = image.watermark_url;
	return fields;
}

/**
 * One item per image, in the API's order. A task with no image yet (unfinished, or a
 * success without images) still yields one item, so no input item disappears.
 */
export function taskToItems(task: KlingTask, itemIndex: number): INodeExecutionData[] {
	const pairedItem = { item: itemIndex };
	if (task.images.length === 0) return [{ json: taskFields(task), pairedItem }];

	return task.images.map((image) => ({
		json: { ...taskFields(task), ...imageFields(image) },
		pairedItem,
	}));
}

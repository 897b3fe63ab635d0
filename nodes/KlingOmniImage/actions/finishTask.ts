import type { INodeExecutionData } from 'n8n-workflow';

import type { TaskContext } from '../errors/taskErrors';
import { taskFailedError } from '../errors/taskErrors';
import { taskToItems } from '../output/taskItems';
import { toolItem } from '../output/toolItem';
import type { KlingTask } from '../parsing/KlingTask';
import { downloadTaskImages } from './downloadTaskImages';
import type { DownloadSettings } from './downloadSettings';
import type { ReadOptions } from './fetchTask';
import type { RunScope } from './runScope';

export interface FinishOptions {
	download?: DownloadSettings;
	read: ReadOptions;
}

/** Turns a task that was read into output: an error, a tool answer, or image items. */
export async function finishTask(
	scope: RunScope,
	task: KlingTask,
	context: TaskContext,
	options: FinishOptions,
): Promise<INodeExecutionData[]> {
	if (task.task_status === 'failed') throw taskFailedError(scope.context.getNode(), task, context);
	if (scope.asTool) return [toolItem(task, context.itemIndex)];

	const items = taskToItems(task, context.itemIndex);
	if (!options.download || task.images.length === 0) return items;
	const job = { scope, task: context, settings: options.download, read: options.read };
	return await downloadTaskImages(job, task.images, items);
}

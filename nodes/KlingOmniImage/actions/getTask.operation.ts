import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../errors/asNodeError';
import type { TaskContext } from '../errors/taskErrors';
import { isDotSegment, isEncodable } from '../transport/taskPath';
import { awaitTask } from './awaitTask';
import type { DownloadSettings } from './downloadSettings';
import { readDownloadSettings } from './downloadSettings';
import type { ReadOptions } from './fetchTask';
import { fetchTask } from './fetchTask';
import { finishTask } from './finishTask';
import { readItemReadOptions } from './readOptions';
import type { ItemOperation } from './runItems';
import type { RunScope } from './runScope';
import type { WaitSettings } from './waitSettings';
import { readWaitSettings } from './waitSettings';

export const description: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 865123456789012345',
		description: 'The task_id that Create Task (or the Kling API) returned',
		displayOptions: { show: { operation: ['getTask'] } },
	},
];

export interface GetTaskParameters extends TaskContext {
	wait: WaitSettings;
	read: ReadOptions;
	download?: DownloadSettings;
}

function readTaskId(context: IExecuteFunctions, itemIndex: number): string {
	const rawId = context.getNodeParameter('taskId', itemIndex, '') as unknown;
	const node = context.getNode();
	if (
		rawId !== null &&
		rawId !== undefined &&
		typeof rawId !== 'string' &&
		typeof rawId !== 'number'
	) {
		throw new NodeOperationError(node, `Task ID is not text (item ${itemIndex})`, {
			description:
				'The Task ID expression gave an object or a list. Point it at the task_id field.',
			itemIndex,
		});
	}
	const taskId = String(rawId ?? '').trim();

	if (!taskId) {
		throw new NodeOperationError(node, `Task ID is empty (item ${itemIndex})`, {
			description: 'Set Task ID to the task_id returned when the task was created.',
			itemIndex,
		});
	}
	if (isDotSegment(taskId) || !isEncodable(taskId)) {
		throw new NodeOperationError(node, `"${taskId}" is not a task ID (item ${itemIndex})`, {
			description:
				'A task ID cannot be "." or ".." or hold broken Unicode. Use the task_id from Create Task.',
			itemIndex,
		});
	}
	return taskId;
}

function readParameters(context: IExecuteFunctions, itemIndex: number): GetTaskParameters {
	const taskId = readTaskId(context, itemIndex);
	return {
		taskId,
		itemIndex,
		wait: readWaitSettings(context, itemIndex, `task ${taskId}`),
		read: readItemReadOptions(context, itemIndex),
		download: readDownloadSettings(context, itemIndex),
	};
}

/** Get Task: each item reads one task, once or until it is done; items run side by side. */
export function getTask(scope: RunScope): ItemOperation<GetTaskParameters> {
	return {
		prepare: (itemIndex) => readParameters(scope.context, itemIndex),
		run: async (parameters, itemIndex) => {
			try {
				const task = parameters.wait.waitForCompletion
					? await awaitTask(scope, parameters, parameters.wait, parameters.read)
					: await fetchTask(scope, parameters, parameters.read);
				return await finishTask(scope, task, parameters, parameters);
			} catch (caught) {
				// Error items carry the task id, so a workflow can route failures per task.
				const error = asNodeError(scope.context.getNode(), caught, itemIndex);
				error.context.taskId = parameters.taskId;
				throw error;
			}
		},
	};
}

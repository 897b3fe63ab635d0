import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TaskContext } from '../errors/taskErrors';
import { asNodeError } from '../errors/asNodeError';
import { executionStoppedError, taskFailedError, waitTimeoutError } from '../errors/taskErrors';
import { taskToItems } from '../output/taskItems';
import type { KlingTask } from '../parsing/KlingTask';
import { waitForTask } from '../polling/waitForTask';
import { isDotSegment } from '../transport/taskPath';
import type { ReadOptions } from './fetchTask';
import { fetchTask } from './fetchTask';
import { readItemReadOptions, readOptionsDescription } from './readOptions';
import type { ItemOperation } from './runItems';
import type { RunScope } from './runScope';

const showForGetTask = { show: { operation: ['getTask'] } };
const showWhenWaiting = { show: { operation: ['getTask'], waitForCompletion: [true] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 865123456789012345',
		description: 'The task_id that Create Task (or the Kling API) returned',
		displayOptions: showForGetTask,
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to poll the task until it is succeed or failed. Off: read it once and return its current status.',
		displayOptions: showForGetTask,
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		default: 20,
		typeOptions: { minValue: 1 },
		description: 'How long to wait between two reads of the task. CometAPI recommends 20 to 30.',
		displayOptions: showWhenWaiting,
	},
	{
		displayName: 'Max Wait Time (Seconds)',
		name: 'maxWaitTime',
		type: 'number',
		default: 600,
		typeOptions: { minValue: 1 },
		description: 'How long to wait in all before giving up with an error that names the task',
		displayOptions: showWhenWaiting,
	},
	readOptionsDescription(['getTask']),
];

export interface GetTaskParameters extends TaskContext {
	waitForCompletion: boolean;
	pollIntervalSeconds: number;
	maxWaitSeconds: number;
	read: ReadOptions;
}

function readParameters(context: IExecuteFunctions, itemIndex: number): GetTaskParameters {
	const rawId = context.getNodeParameter('taskId', itemIndex, '') as unknown;
	const taskId = (typeof rawId === 'number' ? String(rawId) : String(rawId ?? '')).trim();
	const node = context.getNode();

	if (!taskId) {
		throw new NodeOperationError(node, `Task ID is empty (item ${itemIndex})`, {
			description: 'Set Task ID to the task_id returned when the task was created.',
			itemIndex,
		});
	}
	if (isDotSegment(taskId)) {
		throw new NodeOperationError(node, `"${taskId}" is not a task ID (item ${itemIndex})`, {
			description: 'A task ID cannot be "." or "..". Use the task_id from Create Task.',
			itemIndex,
		});
	}

	const waitForCompletion = context.getNodeParameter(
		'waitForCompletion',
		itemIndex,
		true,
	) as boolean;
	const pollIntervalSeconds = Number(context.getNodeParameter('pollInterval', itemIndex, 20));
	const maxWaitSeconds = Number(context.getNodeParameter('maxWaitTime', itemIndex, 600));
	if (waitForCompletion && !(pollIntervalSeconds >= 1 && maxWaitSeconds >= 1)) {
		throw new NodeOperationError(
			node,
			`Poll Interval and Max Wait Time must be at least 1 second (item ${itemIndex}, task ${taskId})`,
			{ description: `Got ${pollIntervalSeconds} s and ${maxWaitSeconds} s.`, itemIndex },
		);
	}
	const read = readItemReadOptions(context, itemIndex);
	return { taskId, itemIndex, waitForCompletion, pollIntervalSeconds, maxWaitSeconds, read };
}

async function readUntilDone(scope: RunScope, parameters: GetTaskParameters): Promise<KlingTask> {
	const { context } = scope;
	const node = context.getNode();
	const deadline = Date.now() + parameters.maxWaitSeconds * 1000;
	const read = async () => await fetchTask(scope, parameters, { ...parameters.read, deadline });

	const waited = await waitForTask(read, {
		pollIntervalMs: parameters.pollIntervalSeconds * 1000,
		deadline,
		signal: scope.signal,
		onPoll: (task, attempt, nextDelayMs) =>
			context.logger.debug('Kling Omni Image task polled', {
				taskId: task.task_id,
				status: task.task_status,
				attempt,
				nextDelayMs,
				itemIndex: parameters.itemIndex,
			}),
	});

	switch (waited.outcome) {
		case 'finished':
			return waited.task;
		case 'timedOut':
			throw waitTimeoutError(node, parameters, waited.task.task_status, parameters.maxWaitSeconds);
		case 'cancelled':
			throw executionStoppedError(node, parameters);
	}
}

async function readTaskItems(
	scope: RunScope,
	parameters: GetTaskParameters,
): Promise<INodeExecutionData[]> {
	const task = parameters.waitForCompletion
		? await readUntilDone(scope, parameters)
		: await fetchTask(scope, parameters, parameters.read);

	if (task.task_status === 'failed') {
		throw taskFailedError(scope.context.getNode(), task, parameters);
	}
	return taskToItems(task, parameters.itemIndex);
}

/** Get Task: each item reads one task, once or until it is done; items run side by side. */
export function getTask(scope: RunScope): ItemOperation<GetTaskParameters> {
	return {
		prepare: (itemIndex) => readParameters(scope.context, itemIndex),
		run: async (parameters, itemIndex) => {
			try {
				return await readTaskItems(scope, parameters);
			} catch (caught) {
				// Error items carry the task id, so a workflow can route failures per task.
				const error = asNodeError(scope.context.getNode(), caught, itemIndex);
				error.context.taskId = parameters.taskId;
				throw error;
			}
		},
	};
}

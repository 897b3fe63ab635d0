import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TaskContext } from '../errors/taskErrors';
import { apiStatusError, executionStoppedError, unreadableAnswerError } from '../errors/taskErrors';
import type { KlingTask } from '../parsing/KlingTask';
import { parseTaskResponse } from '../parsing/parseTaskResponse';
import { cometApiRequest } from '../transport/cometApiRequest';
import { taskPath } from '../transport/taskPath';

const REQUEST_TIMEOUT_MS = 30_000;

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** One GET of the task, turned into a task or into an error that names task and item. */
export async function fetchTask(
	context: IExecuteFunctions,
	baseUrl: string,
	task: TaskContext,
): Promise<KlingTask> {
	let response;
	try {
		response = await cometApiRequest(context, baseUrl, {
			method: 'GET',
			path: taskPath(task.taskId),
			timeoutMs: REQUEST_TIMEOUT_MS,
		});
	} catch (error) {
		if (context.getExecutionCancelSignal?.()?.aborted) {
			throw executionStoppedError(context.getNode(), task);
		}
		throw new NodeApiError(
			context.getNode(),
			{ message: errorText(error) },
			{
				message: `Could not reach CometAPI to read task ${task.taskId} (item ${task.itemIndex})`,
				description: `${errorText(error)}. Check the Base URL of the credential and the network.`,
				itemIndex: task.itemIndex,
			},
		);
	}

	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw apiStatusError(context.getNode(), response, task);
	}
	const parsed = parseTaskResponse(response.body);
	if (!parsed) throw unreadableAnswerError(context.getNode(), response, task);
	return parsed;
}

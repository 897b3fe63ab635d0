import { NodeApiError } from 'n8n-workflow';

import { apiMessageOf, errorText } from '../errors/describeApiAnswer';
import { executionStoppedError } from '../errors/taskErrors';
import type { KlingTask } from '../parsing/KlingTask';
import { parseTaskResponse } from '../parsing/parseTaskResponse';
import { createRetryable } from '../transport/sendWithRetry';
import { OMNI_IMAGE_PATH } from '../transport/taskPath';
import type { CreateTaskBody } from './createTaskBody';
import type { ReadOptions } from './fetchTask';
import type { RunScope } from './runScope';
import { sendToCometApi } from './sendToCometApi';

function findItAdvice(body: CreateTaskBody): string {
	const lookup = body.externalTaskId
		? `look for external_task_id "${body.externalTaskId}" in your CometAPI task list`
		: 'look for it in your CometAPI task list (set External Task ID to make this easy)';
	return `The task may have been created and billed, so it was not sent again: ${lookup} before running this item again.`;
}

/**
 * Sends the billable create request at most once. Only a 429 rate or concurrency limit,
 * which proves nothing was created, is sent again; any doubt ends in an error instead.
 */
export async function submitTask(
	scope: RunScope,
	body: CreateTaskBody,
	itemIndex: number,
	read: ReadOptions,
): Promise<KlingTask> {
	const { context } = scope;
	const node = context.getNode();
	const outcome = await sendToCometApi(
		scope,
		{ method: 'POST', path: OMNI_IMAGE_PATH, json: body.json },
		{ ...read, retryable: createRetryable },
	);
	const unconfirmed = (reason: string, statusCode?: number) =>
		new NodeApiError(
			node,
			{ message: reason },
			{
				message: `CometAPI did not confirm the new task for item ${itemIndex}: ${reason}`,
				description: findItAdvice(body),
				httpCode: statusCode === undefined ? undefined : String(statusCode),
				itemIndex,
			},
		);

	if (outcome.kind === 'cancelled') throw executionStoppedError(node, { taskId: '', itemIndex });
	if (outcome.kind === 'networkError') {
		throw unconfirmed(errorText(outcome.error));
	}

	const { response } = outcome;
	const reason = apiMessageOf(response.body);
	if (response.statusCode >= 500)
		throw unconfirmed(`HTTP ${response.statusCode}`, response.statusCode);
	if (response.statusCode >= 300) {
		throw new NodeApiError(
			node,
			{ statusCode: response.statusCode },
			{
				message: `CometAPI refused the new task for item ${itemIndex}: ${reason ?? `HTTP ${response.statusCode}`}`,
				description:
					response.statusCode === 429
						? 'Nothing was created. Wait, lower Concurrency, or check the account balance, then run again.'
						: 'Nothing was created. Check the parameters (and the credential for 401), then run again.',
				httpCode: String(response.statusCode),
				itemIndex,
			},
		);
	}
	const task = parseTaskResponse(response.body);
	if (!task) {
		const said = reason ? `: ${reason}` : '';
		throw unconfirmed(`HTTP ${response.statusCode} without a task_id${said}`, response.statusCode);
	}
	scope.createdTasks.set(itemIndex, task.task_id);
	return task;
}

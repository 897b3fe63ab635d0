import { NodeApiError } from 'n8n-workflow';

import type { TaskContext } from '../errors/taskErrors';
import { apiStatusError, executionStoppedError, unreadableAnswerError } from '../errors/taskErrors';
import type { KlingTask } from '../parsing/KlingTask';
import { parseTaskResponse } from '../parsing/parseTaskResponse';
import { cometApiRequest } from '../transport/cometApiRequest';
import type { RetryPolicy } from '../transport/retryPolicy';
import type { GaveUpReason } from '../transport/sendWithRetry';
import { sendWithRetry } from '../transport/sendWithRetry';
import { taskPath } from '../transport/taskPath';
import type { RunScope } from './runScope';

export interface ReadOptions {
	retry: RetryPolicy;
	requestTimeoutMs: number;
	/** Set while waiting: no attempt or pause may run past it. */
	deadline?: number;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function giveUpNote(retries: number, gaveUp?: GaveUpReason): string {
	if (gaveUp === 'deadline') return ` Gave up after ${retries} retries: Max Wait Time was reached.`;
	if (gaveUp === 'retriesUsed') return ` Gave up after ${retries} retries (Max Retries).`;
	return '';
}

/** One read of the task, retried on transient faults, as a task or a clear error. */
export async function fetchTask(
	scope: RunScope,
	task: TaskContext,
	options: ReadOptions,
): Promise<KlingTask> {
	const { context } = scope;
	const node = context.getNode();
	const outcome = await sendWithRetry({
		send: async (timeoutMs) =>
			await cometApiRequest(context, scope.baseUrl, {
				method: 'GET',
				path: taskPath(task.taskId),
				timeoutMs,
				signal: scope.signal,
			}),
		isUsable: (response) => parseTaskResponse(response.body) !== undefined,
		policy: options.retry,
		requestTimeoutMs: options.requestTimeoutMs,
		limiter: scope.limiter,
		signal: scope.signal,
		deadline: options.deadline,
		onRetry: ({ retry, delayMs, reason }) =>
			context.logger.debug('Kling Omni Image read retried', {
				taskId: task.taskId,
				itemIndex: task.itemIndex,
				retry,
				delayMs,
				reason,
			}),
	});

	if (outcome.kind === 'cancelled') throw executionStoppedError(node, task);
	if (outcome.kind === 'networkError') {
		throw new NodeApiError(
			node,
			{ message: errorText(outcome.error) },
			{
				message: `Could not reach CometAPI to read task ${task.taskId} (item ${task.itemIndex})`,
				description: `${errorText(outcome.error)}.${giveUpNote(outcome.retries, outcome.gaveUp)} Check the Base URL of the credential and the network.`,
				itemIndex: task.itemIndex,
			},
		);
	}

	const { response } = outcome;
	const note = giveUpNote(outcome.retries, outcome.gaveUp);
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw apiStatusError(node, response, task, note);
	}
	const parsed = parseTaskResponse(response.body);
	if (!parsed) throw unreadableAnswerError(node, response, task, note);
	return parsed;
}

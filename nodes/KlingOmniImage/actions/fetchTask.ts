import { NodeApiError } from 'n8n-workflow';

import { apiMessageOf, errorText } from '../errors/describeApiAnswer';
import type { TaskContext } from '../errors/taskErrors';
import {
	apiStatusError,
	executionStoppedError,
	otherTaskError,
	unknownStatusError,
	unreadableAnswerError,
	unreadableImagesError,
} from '../errors/taskErrors';
import type { KlingTask } from '../parsing/KlingTask';
import { emptyTask, KNOWN_STATUSES } from '../parsing/KlingTask';
import { parseTaskResponse } from '../parsing/parseTaskResponse';
import type { ApiResponse } from '../transport/cometApiRequest';
import type { RetryPolicy } from '../transport/retryPolicy';
import type { GaveUpReason } from '../transport/sendWithRetry';
import { readRetryable } from '../transport/sendWithRetry';
import { taskPath } from '../transport/taskPath';
import type { RunScope } from './runScope';
import { sendToCometApi } from './sendToCometApi';

export interface ReadOptions {
	retry: RetryPolicy;
	requestTimeoutMs: number;
	/** Set while waiting: no attempt or pause may run past it. */
	deadline?: number;
	/** Right after a create the task may not be visible yet: task_not_exist means "wait". */
	notVisibleUntil?: number;
}

function giveUpNote(retries: number, gaveUp?: GaveUpReason): string {
	if (gaveUp === 'deadline') return ` Gave up after ${retries} retries: Max Wait Time was reached.`;
	if (gaveUp === 'retriesUsed') return ` Gave up after ${retries} retries (Max Retries).`;
	if (gaveUp === 'retryAfterTooLong') {
		return ' The server asked to wait longer than 30 s before trying again, so the node stopped here.';
	}
	return '';
}

function isNotVisibleYet(response: ApiResponse, options: ReadOptions): boolean {
	return (
		options.notVisibleUntil !== undefined &&
		Date.now() < options.notVisibleUntil &&
		apiMessageOf(response.body) === 'task_not_exist'
	);
}

/**
 * A read that used up its retries on faults that may pass (rate limits, 5xx, resets). While
 * a wait has time left, that is a missed poll, not the end of a billed task. A 2xx without
 * a task is not one: it usually means a wrong Base URL, which waiting will not fix.
 */
function markTransient<T extends NodeApiError>(gaveUp: GaveUpReason | undefined, error: T): T {
	if (gaveUp === 'retriesUsed') error.context.transient = true;
	return error;
}

export function isTransientGiveUp(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.transient === true;
}

/** One read of the task, retried on transient faults, as a task or a clear error. */
export async function fetchTask(
	scope: RunScope,
	task: TaskContext,
	options: ReadOptions,
): Promise<KlingTask> {
	const { context } = scope;
	const node = context.getNode();
	const outcome = await sendToCometApi(
		scope,
		{ method: 'GET', path: taskPath(task.taskId) },
		{
			...options,
			retryable: readRetryable((response) => parseTaskResponse(response.body) !== undefined),
			onRetry: ({ retry, delayMs, reason }) =>
				context.logger.debug('Kling Omni Image read retried', {
					taskId: task.taskId,
					itemIndex: task.itemIndex,
					retry,
					delayMs,
					reason,
				}),
		},
	);

	if (outcome.kind === 'cancelled') throw executionStoppedError(node, task);
	if (outcome.kind === 'networkError') {
		throw markTransient(
			outcome.gaveUp,
			new NodeApiError(
				node,
				{ message: errorText(outcome.error) },
				{
					message: `Could not reach CometAPI to read task ${task.taskId} (item ${task.itemIndex})`,
					description: `${errorText(outcome.error)}.${giveUpNote(outcome.retries, outcome.gaveUp)} Check the Base URL of the credential and the network.`,
					itemIndex: task.itemIndex,
				},
			),
		);
	}

	const { response } = outcome;
	if (isNotVisibleYet(response, options)) return emptyTask(task.taskId, 'submitted');
	const note = giveUpNote(outcome.retries, outcome.gaveUp);
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw markTransient(outcome.gaveUp, apiStatusError(node, response, task, note));
	}
	const parsed = parseTaskResponse(response.body);
	if (!parsed) throw unreadableAnswerError(node, response, task, note);
	if (parsed.task_id !== task.taskId) throw otherTaskError(node, parsed, task);
	if (!KNOWN_STATUSES.has(parsed.task_status)) throw unknownStatusError(node, parsed, task);
	if (parsed.unreadable_images > 0) throw unreadableImagesError(node, parsed, task);
	return parsed;
}

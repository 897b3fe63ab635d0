import type { TaskContext } from '../errors/taskErrors';
import { executionStoppedError, waitTimeoutError } from '../errors/taskErrors';
import { asNodeError } from '../errors/asNodeError';
import type { KlingTask } from '../parsing/KlingTask';
import { emptyTask } from '../parsing/KlingTask';
import { waitForTask } from '../polling/waitForTask';
import type { ReadOptions } from './fetchTask';
import { fetchTask, isTransientGiveUp } from './fetchTask';
import type { RunScope } from './runScope';
import type { WaitSettings } from './waitSettings';

/** Agents give up on tools after a few minutes; an agent is told to ask again instead. */
export const TOOL_MAX_WAIT_SECONDS = 100;

/**
 * Polls one task until it is done, within the item's Max Wait Time. For an agent the wait
 * is shorter and an unfinished task is returned rather than thrown.
 */
export async function awaitTask(
	scope: RunScope,
	task: TaskContext,
	wait: WaitSettings,
	read: ReadOptions,
): Promise<KlingTask> {
	const { context } = scope;
	const node = context.getNode();
	const maxWaitSeconds = scope.asTool
		? Math.min(wait.maxWaitSeconds, TOOL_MAX_WAIT_SECONDS)
		: wait.maxWaitSeconds;
	const deadline = Date.now() + maxWaitSeconds * 1000;

	let last: KlingTask | undefined;
	const poll = async (): Promise<KlingTask> => {
		try {
			last = await fetchTask(scope, task, { ...read, deadline });
			return last;
		} catch (caught) {
			// A passing outage is a missed poll while time is left; the deadline still holds.
			// An agent is better served by a quick answer it can act on.
			if (!scope.asTool && isTransientGiveUp(caught) && Date.now() < deadline) {
				return last ?? emptyTask(task.taskId, 'submitted');
			}
			throw asNodeError(node, caught, task.itemIndex);
		}
	};

	const waited = await waitForTask(poll, {
		pollIntervalMs: wait.pollIntervalSeconds * 1000,
		deadline,
		signal: scope.signal,
		onPoll: (polled, attempt, nextDelayMs) =>
			context.logger.debug('Kling Omni Image task polled', {
				taskId: polled.task_id,
				status: polled.task_status,
				attempt,
				nextDelayMs,
				itemIndex: task.itemIndex,
			}),
	});

	switch (waited.outcome) {
		case 'finished':
			return waited.task;
		case 'timedOut':
			if (scope.asTool) return waited.task;
			throw waitTimeoutError(node, task, waited.task.task_status, maxWaitSeconds);
		case 'cancelled':
			throw executionStoppedError(node, task);
	}
}

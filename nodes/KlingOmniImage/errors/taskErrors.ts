import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { KlingTask } from '../parsing/KlingTask';
import type { ApiResponse } from '../transport/cometApiRequest';
import { apiMessageOf, klingCodeOf, NO_BALANCE_CODES, previewOf } from './describeApiAnswer';

/** Which task of which input item an error is about; every message names both. */
export interface TaskContext {
	taskId: string;
	itemIndex: number;
}

/** Names the task and the item; an absurdly long id is cut so the message stays readable. */
function where({ taskId, itemIndex }: TaskContext): string {
	const id = taskId.length > 100 ? `${taskId.slice(0, 100)}…` : taskId;
	return `task ${id} (item ${itemIndex})`;
}

interface Explanation {
	message: string;
	description: string;
}

function explainStatus(response: ApiResponse, context: TaskContext): Explanation {
	const reason = apiMessageOf(response.body);
	const subject = where(context);

	if (reason === 'task_not_exist') {
		return {
			message: `CometAPI does not know ${subject}`,
			description:
				'The answer was task_not_exist: the ID is wrong, belongs to another CometAPI account, ' +
				'or the record has expired. Check the Task ID and that the credential is the account ' +
				'that created the task.',
		};
	}
	switch (response.statusCode) {
		case 401:
			return {
				message: `CometAPI rejected the API key while reading ${subject}`,
				description:
					'The answer was 401 Unauthorized. Open the CometAPI credential, paste a valid key ' +
					'from your CometAPI dashboard and save it (the credential test checks it).',
			};
		case 403:
			return {
				message: `CometAPI refused access to ${subject}`,
				description: `The answer was 403 Forbidden${reason ? ` (${reason})` : ''}. Check that the account may use Kling models.`,
			};
		case 429:
			if (NO_BALANCE_CODES.has(klingCodeOf(response.body) ?? 0)) {
				return {
					message: `CometAPI refused ${subject}: the account has no balance left`,
					description: `The answer was 429 with Kling code ${klingCodeOf(response.body)}${reason ? ` (${reason})` : ''}. Top up the CometAPI account or resource pack, then run again.`,
				};
			}
			return {
				message: `CometAPI limited the request for ${subject}`,
				description: `The answer was 429${reason ? ` (${reason})` : ''}. Wait a little, lower the number of items run at once, or check the account balance.`,
			};
		default:
			return {
				message: `CometAPI answered ${response.statusCode} for ${subject}`,
				description: reason
					? `The server said: ${reason}`
					: `The server sent ${previewOf(response.body)}. Check the Base URL of the credential.`,
			};
	}
}

/** The API answered with an error status. */
export function apiStatusError(
	node: INode,
	response: ApiResponse,
	context: TaskContext,
	retryNote = '',
) {
	const { message, description } = explainStatus(response, context);
	// Only the status: a raw body may echo secrets and would be stored with the execution.
	const errorResponse: JsonObject = { statusCode: response.statusCode };
	return new NodeApiError(node, errorResponse, {
		message,
		description: description + retryNote,
		httpCode: String(response.statusCode),
		itemIndex: context.itemIndex,
	});
}

/** The API answered 2xx, but not with a task. */
export function unreadableAnswerError(
	node: INode,
	response: ApiResponse,
	context: TaskContext,
	retryNote = '',
) {
	return new NodeApiError(
		node,
		{ statusCode: response.statusCode },
		{
			message: `CometAPI sent an answer without a task for ${where(context)}`,
			description: `HTTP ${response.statusCode} with ${previewOf(response.body)}. Check the Base URL of the credential: it should point at CometAPI, not at a web page.${retryNote}`,
			httpCode: String(response.statusCode),
			itemIndex: context.itemIndex,
		},
	);
}

/** Kling finished the task with `failed`. */
export function taskFailedError(node: INode, task: KlingTask, context: TaskContext) {
	const reason = task.task_status_msg ? `: ${task.task_status_msg}` : '';
	return new NodeApiError(
		node,
		{ task_id: task.task_id, task_status: task.task_status },
		{
			message: `Kling ${where(context)} failed${reason}`,
			description:
				'The task ended with task_status "failed" and produced no image. Adjust the prompt or ' +
				'reference images (content rules are a common cause) and create a new task.',
			itemIndex: context.itemIndex,
		},
	);
}

/** Waiting ran out of time before the task finished. */
export function waitTimeoutError(
	node: INode,
	context: TaskContext,
	lastStatus: string,
	maxWaitSeconds: number,
) {
	return new NodeOperationError(
		node,
		`Kling ${where(context)} was still "${lastStatus}" after ${maxWaitSeconds} s`,
		{
			description:
				'The task may still finish. Raise Max Wait Time, or turn off Wait for Completion and ' +
				`read task ${context.taskId} later with Get Task.`,
			itemIndex: context.itemIndex,
		},
	);
}

/** The user stopped the execution; n8n discards the node's output after this. */
export function executionStoppedError(node: INode, context: TaskContext) {
	const subject = context.taskId ? where(context) : `the new task (item ${context.itemIndex})`;
	return new NodeOperationError(node, `The execution was stopped while working on ${subject}`, {
		itemIndex: context.itemIndex,
	});
}

/** The answer was about another task: never hand its images to this item. */
export function otherTaskError(node: INode, task: KlingTask, context: TaskContext) {
	return new NodeApiError(
		node,
		{ task_id: task.task_id },
		{
			message: `CometAPI answered about task ${task.task_id} when asked for ${where(context)}`,
			description:
				"The node will not pair another task's images with this item. Run again; if it persists, check the Base URL of the credential.",
			itemIndex: context.itemIndex,
		},
	);
}

/** A status Kling does not document: stop rather than wait for it to change. */
export function unknownStatusError(node: INode, task: KlingTask, context: TaskContext) {
	return new NodeApiError(
		node,
		{ task_status: task.task_status },
		{
			message: `Kling ${where(context)} has status "${task.task_status}", which is not submitted, processing, succeed or failed`,
			description:
				'The node stops rather than wait on a status it does not know. Check the task in your CometAPI dashboard.',
			itemIndex: context.itemIndex,
		},
	);
}

/** Images were made (and billed) but the answer does not say where: never drop them quietly. */
export function unreadableImagesError(node: INode, task: KlingTask, context: TaskContext) {
	const total = task.images.length + task.unreadable_images;
	return new NodeApiError(
		node,
		{ task_id: task.task_id },
		{
			message: `Kling ${where(context)} lists ${total} images, but ${task.unreadable_images} of them have no URL`,
			description:
				'Read the task again in a while; if it persists, contact CometAPI support with the task id.',
			itemIndex: context.itemIndex,
		},
	);
}

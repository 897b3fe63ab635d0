import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../errors/asNodeError';
import { awaitTask } from './awaitTask';
import type { CreateTaskBody } from './createTaskBody';
import { buildCreateTaskBody } from './createTaskBody';
import type { DownloadSettings } from './downloadSettings';
import { readDownloadSettings } from './downloadSettings';
import type { ReadOptions } from './fetchTask';
import { finishTask } from './finishTask';
import { readItemReadOptions } from './readOptions';
import type { ItemOperation } from './runItems';
import type { RunScope } from './runScope';
import { submitTask } from './submitTask';
import type { WaitSettings } from './waitSettings';
import { readWaitSettings } from './waitSettings';

/** For this long after a create, task_not_exist means "not visible yet", not "gone". */
const NOT_VISIBLE_GRACE_MS = 15_000;

export interface CreateTaskParameters {
	body: CreateTaskBody;
	wait: WaitSettings;
	read: ReadOptions;
	download?: DownloadSettings;
}

/** Settings that could only fail after a billed task finished are refused up front. */
function checkDownloadCanHappen(
	context: IExecuteFunctions,
	parameters: CreateTaskParameters,
	itemIndex: number,
): void {
	const { download, wait, body } = parameters;
	if (!download) return;
	const fail = (message: string, description: string) => {
		throw new NodeOperationError(context.getNode(), `${message} (item ${itemIndex})`, {
			description,
			itemIndex,
		});
	};
	if (!wait.waitForCompletion) {
		fail(
			'Download Images needs Wait for Completion',
			'Turn on Wait for Completion, or download later with Get Task.',
		);
	}
	if (download.variant === 'watermarked' && !body.watermark) {
		fail(
			'The watermarked variant needs Watermark on',
			'Turn on Watermark, or choose Image Variant "Clean".',
		);
	}
}

/**
 * Create Task: every item's parameters are checked first, then all tasks are created
 * (a bounded number at once) and waited on side by side.
 */
export function createTask(scope: RunScope): ItemOperation<CreateTaskParameters> {
	const { context } = scope;
	return {
		prepare: async (itemIndex) => {
			const parameters = {
				body: await buildCreateTaskBody(context, itemIndex),
				wait: readWaitSettings(context, itemIndex, 'the new task'),
				read: readItemReadOptions(context, itemIndex),
				download: readDownloadSettings(context, itemIndex),
			};
			checkDownloadCanHappen(context, parameters, itemIndex);
			return parameters;
		},
		run: async (parameters, itemIndex) => {
			const created = await submitTask(scope, parameters.body, itemIndex, parameters.read);
			const task = { taskId: created.task_id, itemIndex };
			try {
				if (!parameters.wait.waitForCompletion) {
					return await finishTask(scope, created, task, { read: parameters.read });
				}
				const read = { ...parameters.read, notVisibleUntil: Date.now() + NOT_VISIBLE_GRACE_MS };
				const finished = await awaitTask(scope, task, parameters.wait, read);
				return await finishTask(scope, finished, task, parameters);
			} catch (caught) {
				const error = asNodeError(context.getNode(), caught, itemIndex);
				error.context.taskId = created.task_id;
				throw error;
			}
		},
	};
}

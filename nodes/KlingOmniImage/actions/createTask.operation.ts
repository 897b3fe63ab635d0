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

/**
 * Create Task: every item's parameters are checked first, then all tasks are created
 * (a bounded number at once) and waited on side by side.
 */
export function createTask(scope: RunScope): ItemOperation<CreateTaskParameters> {
	const { context } = scope;
	return {
		prepare: async (itemIndex) => ({
			body: await buildCreateTaskBody(context, itemIndex),
			wait: readWaitSettings(context, itemIndex, 'the new task'),
			read: readItemReadOptions(context, itemIndex),
			download: readDownloadSettings(context, itemIndex),
		}),
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

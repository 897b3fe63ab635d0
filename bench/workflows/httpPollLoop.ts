import type { CredentialRef, WorkflowExport } from '../../test/realN8n';
import {
	connect,
	httpGet,
	ifTaskDone,
	listItems,
	manualTrigger,
	noOp,
	waitSeconds,
	workflow,
} from './nodes';

export const LOOP_NODES = { read: 'Read task', done: 'Done', wait: 'Wait' } as const;

/**
 * The loop users build by hand: HTTP Request reads the task, IF checks task_status, done
 * items go to Done, the others wait P seconds and go back to the HTTP Request. After the
 * first lap an item is the API's answer, so the URL takes the id from data.task_id.
 */
export function httpPollLoopWorkflow(
	id: string,
	baseUrl: string,
	taskIds: string[],
	pollSeconds: number,
	credential: CredentialRef,
): WorkflowExport {
	const taskId = '{{ $json.data ? $json.data.task_id : $json.id }}';
	const url = `=${baseUrl}/kling/v1/images/omni-image/${taskId}`;
	const flow = workflow(id, `Bench: HTTP Request + Wait + IF loop, ${taskIds.length} tasks`, [
		manualTrigger(),
		...listItems(
			'tasks',
			taskIds.map((taskId) => ({ id: taskId })),
		),
		httpGet(LOOP_NODES.read, [600, 0], url, credential),
		ifTaskDone('Finished?', [800, 0]),
		noOp(LOOP_NODES.done, [1000, -100]),
		waitSeconds(LOOP_NODES.wait, [1000, 100], pollSeconds),
	]);
	const { connections } = flow;
	connect(connections, 'Start', ['List']);
	connect(connections, 'List', ['Items']);
	connect(connections, 'Items', [LOOP_NODES.read]);
	connect(connections, LOOP_NODES.read, ['Finished?']);
	connect(connections, 'Finished?', [LOOP_NODES.done], 0);
	connect(connections, 'Finished?', [LOOP_NODES.wait], 1);
	connect(connections, LOOP_NODES.wait, [LOOP_NODES.read]);
	return flow;
}

import type { CredentialRef, WorkflowExport } from '../../test/realN8n';
import { connect, httpGet, klingNode, listItems, manualTrigger, workflow } from './nodes';

export interface ThroughputBranch {
	/** Node name, and the prefix of the task ids this branch reads. */
	name: string;
	kind: 'kling' | 'http';
	waitForCompletion?: boolean;
	concurrency?: number;
}

/**
 * One workflow, one branch per contender, all fed the same items. n8n's v1 order runs the
 * branches one after the other (top to bottom), so each node's executionTime is its own.
 * Each branch reads its own copy of the tasks (`<branch>-<id>`), so requests are counted
 * per branch.
 */
export function throughputWorkflow(
	id: string,
	baseUrl: string,
	taskCount: number,
	branches: ThroughputBranch[],
	credentials: { cometApi: CredentialRef; headerAuth: CredentialRef },
	pollSeconds: number,
): WorkflowExport {
	const entries = Array.from({ length: taskCount }, (_, index) => ({ id: String(index) }));
	const nodes = branches.map((branch, row) => {
		const position: [number, number] = [700, row * 160];
		if (branch.kind === 'http') {
			const url = `=${baseUrl}/kling/v1/images/omni-image/${branch.name}-{{ $json.id }}`;
			return httpGet(branch.name, position, url, credentials.headerAuth);
		}
		const options = branch.concurrency === undefined ? {} : { concurrency: branch.concurrency };
		return klingNode(
			branch.name,
			position,
			{
				operation: 'getTask',
				taskId: `=${branch.name}-{{ $json.id }}`,
				waitForCompletion: branch.waitForCompletion ?? true,
				pollInterval: pollSeconds,
				maxWaitTime: 120,
				options,
			},
			credentials.cometApi,
		);
	});
	const flow = workflow(id, `Bench: ${taskCount} finished tasks`, [
		manualTrigger(),
		...listItems('tasks', entries),
		...nodes,
	]);
	connect(flow.connections, 'Start', ['List']);
	connect(flow.connections, 'List', ['Items']);
	connect(
		flow.connections,
		'Items',
		branches.map((branch) => branch.name),
	);
	return flow;
}

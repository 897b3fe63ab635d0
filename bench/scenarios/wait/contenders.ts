import type { WorkflowExport } from '../../../test/realN8n';
import { EXAMPLE_NODES, exampleWorkflow } from '../../../test/realN8n';
import { SCALE, SCENARIO_SIZES } from '../../config';
import { assertSucceeded, nodeTiming } from '../../n8n/runData';
import { pollOneByOne } from '../../plain/sequentialPoll';
import { httpPollLoopWorkflow, LOOP_NODES } from '../../workflows/httpPollLoop';
import type { BenchContext } from '../context';

/** When a contender's results were out (ms since epoch), and what was checked. */
export interface ContenderEnd {
	endedAt: number;
	check: string;
}

export const taskIdsFor = (count: number) =>
	Array.from({ length: count }, (_, index) => `wait${count}-${index}`);
const oursId = (count: number) => `benchWaitOurs${count}`;
const loopId = (count: number) => `benchWaitLoop${count}`;

/** (a) is the example users import, with the bench's poll interval; (c) the loop by hand. */
export function waitOnTasksWorkflows(context: BenchContext): WorkflowExport[] {
	return SCENARIO_SIZES.waitOn.flatMap((count) => [
		exampleWorkflow({
			id: oursId(count),
			taskIds: taskIdsFor(count),
			credential: context.credentials.cometApi,
			pollInterval: SCALE.pollSeconds,
			maxWaitTime: SCALE.maxWaitSeconds,
		}),
		httpPollLoopWorkflow(
			loopId(count),
			context.simulator.url,
			taskIdsFor(count),
			SCALE.pollSeconds,
			context.credentials.headerAuth,
		),
	]);
}

/** (a) our Get Task in the real n8n; done when the node ends. */
export async function runOurs(context: BenchContext, count: number): Promise<ContenderEnd> {
	const execution = await context.n8n.execute(oursId(count), 120_000);
	assertSucceeded(execution.run, 'Get Task (wait)');
	const node = nodeTiming(execution.run, EXAMPLE_NODES.getTask);
	if (node.items.length !== count) throw new Error(`Get Task output ${node.items.length} items`);
	return { endedAt: node.end, check: `${node.items.length} items out` };
}

/** (b) CometAPI's sample loop, one task after the other, in plain Node. */
export async function runSequential(context: BenchContext, count: number): Promise<ContenderEnd> {
	const pollMs = SCALE.pollSeconds * 1000;
	await pollOneByOne(context.client, taskIdsFor(count), pollMs, SCALE.maxWaitSeconds * 1000);
	return { endedAt: Date.now(), check: `${count} tasks read as done` };
}

/** (c) HTTP Request + IF + Wait in the real n8n; done when the last item reaches Done. */
export async function runLoop(context: BenchContext, count: number): Promise<ContenderEnd> {
	const execution = await context.n8n.execute(loopId(count), 120_000);
	assertSucceeded(execution.run, 'HTTP Request loop');
	const done = nodeTiming(execution.run, LOOP_NODES.done);
	const reads = nodeTiming(execution.run, LOOP_NODES.read);
	if (done.items.length !== count) throw new Error(`Only ${done.items.length} items reached Done`);
	return {
		endedAt: done.end,
		check: `${done.items.length} items reached Done, ${reads.runs} laps`,
	};
}

import type { WorkflowExport } from '../../test/realN8n';
import type { CreateBehaviour } from '../../test/simulator/createBehaviour';
import { SCALE, SCENARIO_SIZES, TASK_PATH } from '../config';
import { assertSucceeded, nodeTiming } from '../n8n/runData';
import { createThenWaitOneByOne } from '../plain/createThenWait';
import { finishTimes, seededRandom } from '../random';
import { max, mean, ratio, seconds } from '../report/stats';
import type { Cell } from '../report/table';
import { formatTable } from '../report/table';
import type { ScenarioResult } from '../report/targets';
import { detection } from '../schedule/detection';
import { finishingTask } from '../schedule/timedTasks';
import { KLING_NODE, klingRunWorkflow } from '../workflows/klingRun';
import type { BenchContext } from './context';

const WORKFLOW_ID = 'benchCreateAndWait';
const COUNT = SCENARIO_SIZES.createPrompts;
const prompts = Array.from({ length: COUNT }, (_, index) => `A lighthouse at dawn, take ${index}`);
const CREATE_PATH = TASK_PATH.slice(0, -1);

export function createAndWaitWorkflows(context: BenchContext): WorkflowExport[] {
	return [
		klingRunWorkflow(
			WORKFLOW_ID,
			`Bench: create and wait on ${COUNT} prompts`,
			prompts.map((prompt) => ({ prompt })),
			{
				operation: 'createTask',
				prompt: '={{ $json.prompt }}',
				waitForCompletion: true,
				pollInterval: SCALE.pollSeconds,
				maxWaitTime: SCALE.maxWaitSeconds,
			},
			context.credentials.cometApi,
		),
	];
}

/**
 * Each create answers after the latency and starts a task that finishes at a random time
 * (clock 'scripted' starts at the create). Both contenders get the same list, in order.
 */
function scriptCreates(context: BenchContext): void {
	const schedule = finishTimes(seededRandom(SCALE.seed + 3), COUNT, SCALE.finishWindowMs);
	context.simulator.reset();
	context.simulator.onCreate(
		...schedule.map(
			(finishAfterMs): CreateBehaviour => ({
				answer: { status: 'submitted', delayMs: SCALE.latencyMs },
				createAnyway: true,
				script: finishingTask(finishAfterMs),
			}),
		),
	);
}

/** POSTs and GETs, and how long after finishing each task was first read as finished. */
function observed(context: BenchContext): Cell[] {
	const requests = context.simulator.requestsTo(CREATE_PATH);
	const creates = requests.filter((request) => request.method === 'POST').length;
	// The simulator names created tasks sim-task-1, -2... in the order the creates arrived.
	const ids = Array.from({ length: creates }, (_, index) => `sim-task-${index + 1}`);
	const { delaysMs } = detection(context.simulator, ids);
	return [
		`${creates} / ${requests.length - creates}`,
		seconds(mean(delaysMs)),
		seconds(max(delaysMs)),
	];
}

export async function createAndWait(context: BenchContext): Promise<ScenarioResult> {
	scriptCreates(context);
	const execution = await context.n8n.execute(WORKFLOW_ID, 300_000);
	assertSucceeded(execution.run, 'Create Task (wait)');
	const node = nodeTiming(execution.run, KLING_NODE);
	const succeeded = node.items.filter((item) => item.json.task_status === 'succeed').length;
	if (succeeded !== COUNT) throw new Error(`Create Task output ${succeeded} finished tasks`);
	const oursObserved = observed(context);

	scriptCreates(context);
	const started = Date.now();
	await createThenWaitOneByOne(
		context.client,
		prompts,
		SCALE.pollSeconds * 1000,
		SCALE.maxWaitSeconds * 1000,
	);
	const oneByOneMs = Date.now() - started;
	const baselineObserved = observed(context);

	const rows = [
		[
			'(a) our Create Task, wait on, n8n',
			seconds(node.busyMs),
			ratio(node.busyMs, oneByOneMs),
			...oursObserved,
			`${succeeded} succeeded`,
		],
		[
			'(b) create then wait, one at a time, Node',
			seconds(oneByOneMs),
			'1.00',
			...baselineObserved,
			`${COUNT} done`,
		],
	];
	const title =
		`3. Create and wait on ${COUNT} prompts (P = ${SCALE.pollSeconds} s, L = ${SCALE.latencyMs} ms ` +
		"per create and read; ours: the node's executionTime, n8n start-up excluded)";
	const header = ['contender', 'wall s', 'vs one at a time', 'POST / GET'];
	header.push('detect mean s', 'detect max s', 'check');
	return {
		table: formatTable(title, header, rows),
		verdicts: [
			{
				target: '3. our create-and-wait <= 1/10 of one at a time',
				met: node.busyMs * 10 <= oneByOneMs,
				detail:
					`ratio ${ratio(node.busyMs, oneByOneMs)} ` +
					`(${seconds(node.busyMs)} s vs ${seconds(oneByOneMs)} s)`,
			},
		],
	};
}

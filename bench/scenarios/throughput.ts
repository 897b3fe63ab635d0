import type { WorkflowExport } from '../../test/realN8n';
import { SCALE, SCENARIO_SIZES, TASK_PATH } from '../config';
import { assertSucceeded, nodeTiming } from '../n8n/runData';
import { ratio, seconds } from '../report/stats';
import { formatTable } from '../report/table';
import type { ScenarioResult, Verdict } from '../report/targets';
import { finishingTask } from '../schedule/timedTasks';
import type { ThroughputBranch } from '../workflows/throughput';
import { throughputWorkflow } from '../workflows/throughput';
import type { BenchContext } from './context';
import { DEFAULT_CONCURRENCY } from '../../nodes/KlingOmniImage/actions/readOptions';

const WORKFLOW_ID = 'benchThroughput';
const TASKS = SCENARIO_SIZES.throughputTasks;

const BRANCHES: ThroughputBranch[] = [
	{ name: 'http-request', kind: 'http' },
	...SCENARIO_SIZES.throughputConcurrency.flatMap((concurrency): ThroughputBranch[] => [
		{
			name: `kling-wait-c${concurrency}`,
			kind: 'kling',
			waitForCompletion: true,
			// The default stays unset, as a user leaves it.
			concurrency: concurrency === DEFAULT_CONCURRENCY ? undefined : concurrency,
		},
		{
			name: `kling-once-c${concurrency}`,
			kind: 'kling',
			waitForCompletion: false,
			concurrency: concurrency === DEFAULT_CONCURRENCY ? undefined : concurrency,
		},
	]),
];

function describe(branch: ThroughputBranch): string {
	if (branch.kind === 'http') return 'HTTP Request (defaults)';
	const wait = branch.waitForCompletion ? 'wait on' : 'wait off';
	const concurrency = branch.concurrency ?? `${DEFAULT_CONCURRENCY} (default)`;
	return `our Get Task, ${wait}, concurrency ${concurrency}`;
}

export function throughputWorkflows(context: BenchContext): WorkflowExport[] {
	return [
		throughputWorkflow(
			WORKFLOW_ID,
			context.simulator.url,
			TASKS,
			BRANCHES,
			context.credentials,
			SCALE.pollSeconds,
		),
	];
}

export async function throughput(context: BenchContext): Promise<ScenarioResult> {
	const { simulator } = context;
	simulator.reset();
	for (const branch of BRANCHES) {
		for (let index = 0; index < TASKS; index++) {
			simulator.setTask(`${branch.name}-${index}`, finishingTask(0));
		}
	}
	const execution = await context.n8n.execute(WORKFLOW_ID, 300_000);
	assertSucceeded(execution.run, 'The throughput workflow');

	const measured = BRANCHES.map((branch) => {
		const node = nodeTiming(execution.run, branch.name);
		const requests = simulator.requestsTo(`${TASK_PATH}${branch.name}-`).length;
		return { branch, node, requests, perSecond: TASKS / (node.busyMs / 1000) };
	});
	const http = measured[0];
	const verdicts: Verdict[] = [];
	const rows = measured.map(({ branch, node, requests, perSecond }) => {
		if (node.items.length !== TASKS) {
			throw new Error(`${branch.name} output ${node.items.length} items, not ${TASKS}`);
		}
		if (branch.kind === 'kling') {
			verdicts.push({
				target: `2. one request per finished task, ${describe(branch)}`,
				met: requests === TASKS,
				detail: `${requests} requests for ${TASKS} tasks`,
			});
		}
		return [
			describe(branch),
			seconds(node.busyMs),
			perSecond.toFixed(0),
			ratio(perSecond, http.perSecond),
			requests,
			(requests / TASKS).toFixed(2),
			node.items.length,
		];
	});
	const title =
		`2. ${TASKS} finished tasks through one node (L = ${SCALE.latencyMs} ms per request; ` +
		"time = the node's executionTime in n8n's run data)";
	const header = [
		'contender',
		'node time s',
		'items/s',
		'vs HTTP',
		'requests',
		'per task',
		'items out',
	];
	return { table: formatTable(title, header, rows), verdicts };
}

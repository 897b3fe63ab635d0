import { SCALE, SCENARIO_SIZES } from '../config';
import { finishTimes, seededRandom } from '../random';
import { max, mean, ratio, seconds } from '../report/stats';
import type { Cell } from '../report/table';
import { formatTable } from '../report/table';
import type { ScenarioResult, Verdict } from '../report/targets';
import type { BenchContext } from './context';
import { runLoop, runOurs, runSequential } from './wait/contenders';
import type { Measured } from './wait/measure';
import { measure } from './wait/measure';

const P_MS = SCALE.pollSeconds * 1000;
const L_MS = SCALE.latencyMs;

function verdictsFor(count: number, ours: Measured, slowestMs: number): Verdict[] {
	const detectBound = P_MS + L_MS;
	const wallBound = slowestMs + P_MS + 2 * L_MS;
	const worst = max(ours.delaysMs);
	return [
		{
			target: `1. N=${count} our detection delay <= P + L`,
			met: worst <= detectBound,
			detail:
				`max ${seconds(worst)} s, mean ${seconds(mean(ours.delaysMs))} s, ` +
				`bound ${seconds(detectBound)} s`,
		},
		{
			target: `1. N=${count} our wall time <= slowest task + P + 2L`,
			met: ours.wallMs <= wallBound,
			detail: `${seconds(ours.wallMs)} s, bound ${seconds(wallBound)} s`,
		},
	];
}

export async function waitOnTasks(context: BenchContext): Promise<ScenarioResult> {
	const rows: Cell[][] = [];
	const verdicts: Verdict[] = [];
	for (const count of SCENARIO_SIZES.waitOn) {
		const schedule = finishTimes(seededRandom(SCALE.seed + count), count, SCALE.finishWindowMs);
		const slowest = Math.max(...schedule);
		const ours = await measure(context, '(a) our node, n8n', schedule, () =>
			runOurs(context, count),
		);
		const sequential = await measure(context, '(b) sequential loop, Node', schedule, () =>
			runSequential(context, count),
		);
		const loop = await measure(context, '(c) HTTP+Wait+IF, n8n', schedule, () =>
			runLoop(context, count),
		);
		for (const row of [ours, sequential, loop]) {
			rows.push([
				count,
				row.contender,
				seconds(slowest),
				seconds(row.wallMs),
				ratio(ours.wallMs, row.wallMs),
				row.requests,
				seconds(mean(row.delaysMs)),
				seconds(max(row.delaysMs)),
				seconds(row.emitMs),
				row.check,
			]);
		}
		verdicts.push(...verdictsFor(count, ours, slowest));
	}
	const header = ['N', 'contender', 'slowest s', 'wall s', 'ours/this', 'requests'];
	header.push('detect mean s', 'detect max s', 'emit s', 'check');
	const title =
		`1. Waiting on N running tasks (P = ${SCALE.pollSeconds} s, L = ${L_MS} ms; wall and ` +
		"delays counted from the contender's first request; emit = results out minus last finish)";
	return { table: formatTable(title, header, rows), verdicts };
}

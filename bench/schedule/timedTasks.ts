import { step } from '../../test/simulator/scenario';
import type { TimedTask } from '../../test/simulator/scenario';
import type { CometApiSimulator } from '../../test/simulator/server';
import { SCALE } from '../config';

/** Still processing an hour from now: what a task plays until its contender starts. */
const NOT_STARTED: TimedTask = {
	finishAfterMs: 3_600_000,
	result: step.processing(),
	latencyMs: SCALE.latencyMs,
	clock: 'scripted',
};

export function finishingTask(finishAfterMs: number): TimedTask {
	return {
		finishAfterMs,
		result: step.succeed(1),
		latencyMs: SCALE.latencyMs,
		clock: 'scripted',
	};
}

export interface Armed {
	/** When the schedule started (ms since epoch): the contender's first request. */
	startedAt: () => number;
	stop: () => void;
}

/**
 * Every contender faces the same schedule, counted from its own first request: n8n needs
 * seconds to start, a plain loop none, and neither start-up should count. The tasks play
 * "processing" until the first request arrives; then all are scripted (clock 'scripted')
 * to finish `finishAfterMs[i]` later.
 */
export function armOnFirstRequest(
	simulator: CometApiSimulator,
	taskIds: string[],
	finishAfterMs: number[],
): Armed {
	for (const taskId of taskIds) simulator.setTask(taskId, NOT_STARTED);
	const seen = simulator.requests.length;
	let startedAt: number | undefined;
	const timer = setInterval(() => {
		if (simulator.requests.length === seen) return;
		clearInterval(timer);
		startedAt = Date.now();
		taskIds.forEach((taskId, index) =>
			simulator.setTask(taskId, finishingTask(finishAfterMs[index])),
		);
	}, 1);
	return {
		startedAt: () => {
			if (startedAt === undefined) throw new Error('The contender sent no request');
			return startedAt;
		},
		stop: () => clearInterval(timer),
	};
}

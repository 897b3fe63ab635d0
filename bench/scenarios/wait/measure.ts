import { TASK_PATH } from '../../config';
import { detection } from '../../schedule/detection';
import { armOnFirstRequest } from '../../schedule/timedTasks';
import type { BenchContext } from '../context';
import type { ContenderEnd } from './contenders';
import { taskIdsFor } from './contenders';

export interface Measured {
	contender: string;
	/** From the contender's first request to its results being out. */
	wallMs: number;
	requests: number;
	/** Per task: first answer "finished" minus the moment it finished. */
	delaysMs: number[];
	/** Results out minus the last task's finish. */
	emitMs: number;
	check: string;
}

/** Plays the schedule for one contender and reads what the simulator saw. */
export async function measure(
	context: BenchContext,
	contender: string,
	schedule: number[],
	run: () => Promise<ContenderEnd>,
): Promise<Measured> {
	const { simulator } = context;
	const taskIds = taskIdsFor(schedule.length);
	simulator.reset();
	const armed = armOnFirstRequest(simulator, taskIds, schedule);
	try {
		const { endedAt, check } = await run();
		const seen = detection(simulator, taskIds);
		return {
			contender,
			wallMs: endedAt - armed.startedAt(),
			requests: simulator.requestsTo(TASK_PATH).length,
			delaysMs: seen.delaysMs,
			emitMs: endedAt - seen.lastFinishedAt,
			check,
		};
	} finally {
		armed.stop();
	}
}

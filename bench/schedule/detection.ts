import type { CometApiSimulator } from '../../test/simulator/server';

export interface Detection {
	/** Per task: first answer saying "finished" minus the moment it finished (ms). */
	delaysMs: number[];
	/** When the last task finished (ms since epoch). */
	lastFinishedAt: number;
}

/** Reads the simulator's timelines; every task must have been seen finished. */
export function detection(simulator: CometApiSimulator, taskIds: string[]): Detection {
	const delaysMs: number[] = [];
	let lastFinishedAt = 0;
	for (const taskId of taskIds) {
		const timeline = simulator.timeline(taskId);
		if (timeline?.finishedAt === undefined || timeline.firstSeenFinishedAt === undefined) {
			throw new Error(`Task ${taskId} was never read as finished`);
		}
		delaysMs.push(timeline.firstSeenFinishedAt - timeline.finishedAt);
		lastFinishedAt = Math.max(lastFinishedAt, timeline.finishedAt);
	}
	return { delaysMs, lastFinishedAt };
}

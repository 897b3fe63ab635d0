import type { N8nItem, N8nRun } from '../../test/realN8n';

/** The fields of one node run that the library's N8nRun type leaves out. */
interface TimedNodeRun {
	startTime?: number;
	executionTime?: number;
	data?: { main?: Array<N8nItem[] | null> };
}

export interface NodeTiming {
	runs: number;
	/** Start of the first run, end of the last (ms since epoch), and the sum of run times. */
	start: number;
	end: number;
	busyMs: number;
	items: N8nItem[];
}

/** When a node ran (over all its runs, as in a loop) and what it put on one output. */
export function nodeTiming(run: N8nRun, nodeName: string, output = 0): NodeTiming {
	const runs = (run.data.resultData.runData[nodeName] ?? []) as TimedNodeRun[];
	if (runs.length === 0) throw new Error(`Node "${nodeName}" did not run`);
	const starts = runs.map((entry) => entry.startTime ?? NaN);
	const ends = runs.map((entry) => (entry.startTime ?? NaN) + (entry.executionTime ?? NaN));
	return {
		runs: runs.length,
		start: Math.min(...starts),
		end: Math.max(...ends),
		busyMs: runs.reduce((sum, entry) => sum + (entry.executionTime ?? 0), 0),
		items: runs.flatMap((entry) => entry.data?.main?.[output] ?? []),
	};
}

/** Throws with n8n's own message when the run failed. */
export function assertSucceeded(run: N8nRun, what: string): void {
	const error = run.data.resultData.error;
	if (error) throw new Error(`${what} failed in n8n: ${error.message}`);
}

/** The parts of n8n's run data (IRun) these tests read. */
export interface N8nItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }>;
}

export interface N8nRunError {
	message: string;
	description?: string | null;
	name?: string;
	node?: { name: string; type: string };
	context?: Record<string, unknown>;
}

interface NodeRun {
	executionStatus?: string;
	error?: N8nRunError;
	data?: { main?: Array<N8nItem[] | null> };
}

export interface N8nRun {
	status: string;
	finished: boolean;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: N8nRunError;
			lastNodeExecuted?: string;
		};
	};
}

function isRun(value: unknown): value is N8nRun {
	const run = value as Partial<N8nRun> | null;
	return typeof run?.data?.resultData?.runData === 'object';
}

/**
 * Finds the run data in what `n8n execute --rawOutput` printed. n8n 2.41 prints log lines
 * before it, and for a failed run prints it through the logger and the error after it.
 * The run data is `JSON.stringify(run, null, 2)`: it opens with a line that is exactly `{`
 * and ends at the next line that is exactly `}` (every inner line is indented).
 */
export function parseExecuteOutput(output: string): N8nRun | undefined {
	const lines = output.split('\n');
	for (let start = lines.indexOf('{'); start >= 0; start = lines.indexOf('{', start + 1)) {
		const end = lines.indexOf('}', start);
		if (end < 0) return undefined;
		try {
			const parsed: unknown = JSON.parse(lines.slice(start, end + 1).join('\n'));
			if (isRun(parsed)) return parsed;
		} catch {
			// A log line that happened to be a lone brace: look further.
		}
	}
	return undefined;
}

/** The items a node put on one of its outputs, in its first (or given) run. */
export function nodeItems(run: N8nRun, nodeName: string, output = 0, runIndex = 0): N8nItem[] {
	const nodeRuns = run.data.resultData.runData[nodeName];
	if (!nodeRuns?.[runIndex]) {
		const ran = Object.keys(run.data.resultData.runData).join(', ');
		throw new Error(`Node "${nodeName}" did not run (nodes that ran: ${ran || 'none'})`);
	}
	return nodeRuns[runIndex].data?.main?.[output] ?? [];
}

/** The index of the input item an output item is paired with. */
export function pairedIndex(item: N8nItem): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return paired?.item;
}

import type { N8nItem } from '../../../test/realN8n';
import { step } from '../../../test/simulator/scenario';
import { SCALE } from '../../config';
import type { EnvExecution, EnvN8n } from '../../n8n/envN8n';
import type { NodeTiming } from '../../n8n/runData';
import { nodeTiming } from '../../n8n/runData';
import { KLING_NODE } from '../../workflows/klingRun';
import type { BenchContext } from '../context';
import type { Mode } from './modes';
import { SIZE, taskIds } from './modes';
import { filesWritten, sameBytes } from './storedFiles';

export interface ModeResult {
	mode: Mode;
	execution: EnvExecution;
	node?: NodeTiming;
	/** Binary items of exactly SIZE bytes, image/png, in the node's output. */
	images: number;
	/** Files of exactly SIZE bytes n8n wrote during the run, and whether one matches. */
	stored: number;
	intact: boolean;
	downloads: number;
	outcome: string;
}

type BinaryItem = N8nItem & { binary?: { data?: { bytes?: number; mimeType?: string } } };

/** Why there is no run data to check; n8n prints its errors on stdout. */
function noRunData(execution: EnvExecution): string {
	if (/Invalid string length/.test(execution.stdoutTail)) {
		return 'ran; n8n execute then failed to print the run data (Invalid string length)';
	}
	const lastLine = execution.stdoutTail.trim().split('\n').pop();
	return `no run data (exit ${execution.exitCode}): ${lastLine}`;
}

function scriptTasks(context: BenchContext, bytes: Buffer): void {
	const { simulator } = context;
	simulator.reset();
	for (const taskId of taskIds) {
		simulator.setTask(taskId, { steps: [{ ...step.succeed(1), delayMs: SCALE.latencyMs }] });
		simulator.setFile(`/files/${taskId}/0.png`, {
			bytes,
			contentType: 'image/png',
			delayMs: SCALE.latencyMs,
		});
	}
}

export async function runMode(
	n8n: EnvN8n,
	context: BenchContext,
	mode: Mode,
	bytes: Buffer,
): Promise<ModeResult> {
	scriptTasks(context, bytes);
	const started = Date.now();
	const execution = await n8n.execute(mode.workflowId, mode.env, 300_000);
	const error = execution.run?.data.resultData.error?.message;
	const node = execution.run && !error ? nodeTiming(execution.run, KLING_NODE) : undefined;
	const images = ((node?.items ?? []) as BinaryItem[]).filter(
		(item) => item.binary?.data?.bytes === SIZE && item.binary.data.mimeType === 'image/png',
	).length;
	const stored = mode.download ? await filesWritten(n8n.userFolder, SIZE, started) : [];
	return {
		mode,
		execution,
		node,
		images,
		stored: stored.length,
		intact: stored.length > 0 && (await sameBytes(stored[0], bytes)),
		downloads: context.simulator.requestsTo('/files/').length,
		outcome: error ?? (execution.run ? 'success' : noRunData(execution)),
	};
}

import { randomBytes } from 'node:crypto';

import type { CredentialExport } from '../../../test/realN8n';
import { SCALE, SCENARIO_SIZES } from '../../config';
import type { EnvN8n } from '../../n8n/envN8n';
import { klingRunWorkflow } from '../../workflows/klingRun';
import type { BenchContext } from '../context';

export const COUNT = SCENARIO_SIZES.memoryImages;
export const SIZE = SCENARIO_SIZES.imageBytes;
export const taskIds = Array.from({ length: COUNT }, (_, index) => `mem-${index}`);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface Mode {
	label: string;
	workflowId: string;
	env: Record<string, string>;
	download: boolean;
}

/**
 * n8n 2.41 already stores binaries on disk when the mode is unset ('filesystem' in regular
 * mode, see n8n-core's binary-data.config.js); 'default' is the in-memory mode of n8n 1.x.
 */
export const MODES: Mode[] = [
	{ label: 'no download (baseline)', workflowId: 'benchReadOnly', env: {}, download: false },
	{ label: 'n8n default (mode unset)', workflowId: 'benchDownload', env: {}, download: true },
	{
		label: 'N8N_DEFAULT_BINARY_DATA_MODE=filesystem',
		workflowId: 'benchDownload',
		env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' },
		download: true,
	},
	{
		label: 'N8N_DEFAULT_BINARY_DATA_MODE=default (in memory)',
		workflowId: 'benchDownload',
		env: { N8N_DEFAULT_BINARY_DATA_MODE: 'default' },
		download: true,
	},
];

function workflowFor(id: string, download: boolean, context: BenchContext) {
	return klingRunWorkflow(
		id,
		`Bench: get ${COUNT} tasks${download ? ' and download their images' : ''}`,
		taskIds.map((taskId) => ({ id: taskId })),
		{
			operation: 'getTask',
			taskId: '={{ $json.id }}',
			waitForCompletion: true,
			pollInterval: SCALE.pollSeconds,
			maxWaitTime: SCALE.maxWaitSeconds,
			downloadImages: download,
			binaryPropertyName: 'data',
		},
		context.credentials.cometApi,
	);
}

/** The same credential as the other scenarios, in the n8n that takes extra env. */
export async function preparePeakMemory(
	n8n: EnvN8n,
	context: BenchContext,
	credential: CredentialExport,
): Promise<void> {
	await n8n.importAll(
		[credential],
		[workflowFor('benchReadOnly', false, context), workflowFor('benchDownload', true, context)],
	);
}

/** SIZE bytes of noise behind a PNG signature: what the simulator serves for every image. */
export function fakeImage(): Buffer {
	const bytes = randomBytes(SIZE);
	bytes.set(PNG_SIGNATURE, 0);
	return bytes;
}

import type { INodeParameters } from 'n8n-workflow';

import type { EngineRun } from '../harness/engine';
import { KLING_TOOL_TYPE, runInEngine } from '../harness/engine';
import type { TestItem } from '../harness/sourceNode';
import type { RawServer } from '../break/rawServer';
import { BREAK_KEY } from '../break/rawServer';

export const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

export async function runRaw2(
	server: RawServer,
	run: {
		parameters: INodeParameters;
		inputItems?: TestItem[];
		continueOnFail?: boolean;
		asTool?: boolean;
		onStarted?: (cancel: () => void) => void;
	},
): Promise<EngineRun & { ms: number }> {
	const started = Date.now();
	const result = await runInEngine({
		parameters: run.parameters,
		inputItems: run.inputItems ?? [{}],
		credential: { apiKey: BREAK_KEY, baseUrl: server.url },
		continueOnFail: run.continueOnFail,
		onStarted: run.onStarted,
		nodeType: run.asTool ? KLING_TOOL_TYPE : undefined,
	});
	return { ...result, ms: Date.now() - started };
}

export const posts = (server: RawServer) => server.seen.filter((s) => s.method === 'POST');
export const paired = (items: { pairedItem?: unknown }[]) =>
	items.map((i) => (i.pairedItem as { item: number }).item);

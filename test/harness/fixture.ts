import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CometApiSimulator } from '../simulator/server';
import { startSimulator } from '../simulator/server';
import type { EngineRun } from './engine';
import { KLING_TOOL_TYPE, runInEngine } from './engine';
import type { TestItem } from './sourceNode';

export const TEST_API_KEY = 'sk-test-0123456789abcdef';

/** One simulator per test file, reset between tests. */
export function useSimulator(): () => CometApiSimulator {
	let simulator: CometApiSimulator | undefined;
	beforeAll(async () => {
		simulator = await startSimulator({ apiKey: TEST_API_KEY });
	});
	afterEach(() => simulator?.reset());
	afterAll(async () => await simulator?.stop());
	return () => {
		if (!simulator) throw new Error('The simulator has not started');
		return simulator;
	};
}

export interface NodeRun {
	parameters: INodeParameters;
	inputItems?: TestItem[];
	continueOnFail?: boolean;
	apiKey?: string;
	asTool?: boolean;
	onStarted?: (cancel: () => void) => void;
}

/** Runs the node in the engine with the given parameters and input items. */
export async function runNode(simulator: CometApiSimulator, run: NodeRun): Promise<EngineRun> {
	return await runInEngine({
		parameters: run.parameters,
		inputItems: run.inputItems ?? [{}],
		credential: { apiKey: run.apiKey ?? TEST_API_KEY, baseUrl: simulator.url },
		continueOnFail: run.continueOnFail,
		onStarted: run.onStarted,
		nodeType: run.asTool ? KLING_TOOL_TYPE : undefined,
	});
}

export interface GetTaskRun {
	taskIds: string[];
	parameters?: INodeParameters;
	continueOnFail?: boolean;
	apiKey?: string;
	onStarted?: (cancel: () => void) => void;
}

/** Runs Get Task in the engine, one input item per task id (read with an expression). */
export async function runGetTask(
	simulator: CometApiSimulator,
	run: GetTaskRun,
): Promise<EngineRun> {
	const inputItems: IDataObject[] = run.taskIds.map((id) => ({ id }));
	return await runInEngine({
		parameters: {
			operation: 'getTask',
			taskId: '={{ $json.id }}',
			waitForCompletion: false,
			...run.parameters,
		},
		inputItems,
		credential: { apiKey: run.apiKey ?? TEST_API_KEY, baseUrl: simulator.url },
		continueOnFail: run.continueOnFail,
		onStarted: run.onStarted,
	});
}

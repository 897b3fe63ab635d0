import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { CometApi } from '../../credentials/CometApi.credentials';
import { KlingOmniImage } from '../../nodes/KlingOmniImage/KlingOmniImage.node';
import { TestCredentialsHelper } from './credentialsHelper';
import type { TestItem } from './sourceNode';
import { TestItemsSource } from './sourceNode';

export const KLING_TYPE = 'n8n-nodes-cometapi-kling.klingOmniImage';
/** n8n 1.x runs a node an agent calls under its type name plus "Tool". */
export const KLING_TOOL_TYPE = `${KLING_TYPE}Tool`;

const NODE_TYPES: Record<string, INodeType> = {
	'test.items': new TestItemsSource(),
	[KLING_TYPE]: new KlingOmniImage(),
	[KLING_TOOL_TYPE]: new KlingOmniImage(),
};

const nodeTypes = {
	getByName: (name: string) => NODE_TYPES[name],
	getByNameAndVersion: (name: string) => NODE_TYPES[name],
	getKnownTypes: () => ({}),
};

export interface EngineRun {
	/** The items our node emitted on its output (empty when it failed). */
	items: INodeExecutionData[];
	/** The error the node ended with, if any. */
	error?: Error & { description?: string; context?: IDataObject };
	run: IRun;
}

export interface EngineRunOptions {
	parameters: INodeParameters;
	inputItems?: TestItem[];
	nodeType?: string;
	credential: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Called once the run has started; return value ignored. Used to cancel. */
	onStarted?: (cancel: () => void) => void;
}

const KLING_NODE = 'Kling Omni Image';

function buildWorkflow(options: EngineRunOptions): Workflow {
	const nodes: INode[] = [
		{
			id: 'source',
			name: 'Source',
			type: 'test.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.inputItems ?? [{}]) },
		},
		{
			id: 'kling',
			name: KLING_NODE,
			type: options.nodeType ?? KLING_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { cometApi: { id: 'cred-1', name: 'CometAPI test' } },
			onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		},
	];
	return new Workflow({
		id: 'wf-test',
		name: 'engine test',
		nodes,
		connections: { Source: { main: [[{ node: KLING_NODE, type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
}

function additionalData(credential: ICredentialDataDecryptedObject, workflow: Workflow) {
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-test', {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const data: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper: new TestCredentialsHelper(
			{ cometApi: new CometApi() },
			{ cometApi: credential },
		),
		hooks,
		executionId: 'exec-test',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		currentNodeExecutionIndex: 0,
		variables: {},
		logAiEvent: () => {},
	};
	return data as IWorkflowExecuteAdditionalData;
}

/** Runs Source -> Kling Omni Image through n8n-core's WorkflowExecute, as n8n does. */
export async function runInEngine(options: EngineRunOptions): Promise<EngineRun> {
	const workflow = buildWorkflow(options);
	const execute = new WorkflowExecute(additionalData(options.credential, workflow), 'manual');
	const running = execute.run({ workflow, startNode: workflow.getNode('Source') ?? undefined });
	options.onStarted?.(() => running.cancel());

	let run: IRun;
	try {
		run = await running;
	} catch (error) {
		if (!running.isCanceled) throw error;
		run = { status: 'canceled' } as IRun;
	}
	const task = run.data?.resultData?.runData?.[KLING_NODE]?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: (task?.error ?? run.data?.resultData?.error) as EngineRun['error'],
		run,
	};
}

import { readFileSync } from 'node:fs';

import type { CredentialRef } from './credentials';
import { COMET_API_CREDENTIAL_TYPE } from './credentials';
import { EXAMPLE_WORKFLOW_FILE } from './repoPaths';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, CredentialRef>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface WorkflowExport {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[field: string]: unknown;
}

/** Node names in examples/get-task-and-wait.workflow.json that runs and tests refer to. */
export const EXAMPLE_NODES = {
	taskIds: 'Task IDs',
	oneItemPerTask: 'One item per task',
	getTask: 'Get Kling task',
} as const;

export function loadExampleWorkflow(): WorkflowExport {
	return JSON.parse(readFileSync(EXAMPLE_WORKFLOW_FILE, 'utf8')) as WorkflowExport;
}

function nodeNamed(workflow: WorkflowExport, name: string): WorkflowNode {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`${EXAMPLE_WORKFLOW_FILE} has no node named "${name}"`);
	return node;
}

/** The credential the example's Get Kling task node points at (import one with this id). */
export function exampleCredential(): CredentialRef {
	const ref = nodeNamed(loadExampleWorkflow(), EXAMPLE_NODES.getTask).credentials?.[
		COMET_API_CREDENTIAL_TYPE
	];
	if (!ref) throw new Error(`${EXAMPLE_WORKFLOW_FILE}: Get Kling task has no credential`);
	return ref;
}

export interface ExampleOverrides {
	/** At most 21 characters: `n8n execute` ignores longer ids. */
	id?: string;
	name?: string;
	taskIds?: string[];
	credential?: CredentialRef;
	pollInterval?: number;
	maxWaitTime?: number;
	onError?: WorkflowNode['onError'];
}

/**
 * The example workflow with the parts a run varies swapped in; the rest (node types,
 * versions, connections, the taskId expression) is the file users import.
 */
export function exampleWorkflow(overrides: ExampleOverrides = {}): WorkflowExport {
	const workflow = loadExampleWorkflow();
	if (overrides.id !== undefined) workflow.id = overrides.id;
	if (overrides.name !== undefined) workflow.name = overrides.name;

	if (overrides.taskIds) {
		const tasks = overrides.taskIds.map((id) => ({ id }));
		nodeNamed(workflow, EXAMPLE_NODES.taskIds).parameters.jsonOutput = JSON.stringify(
			{ tasks },
			null,
			2,
		);
	}

	const getTask = nodeNamed(workflow, EXAMPLE_NODES.getTask);
	if (overrides.pollInterval !== undefined)
		getTask.parameters.pollInterval = overrides.pollInterval;
	if (overrides.maxWaitTime !== undefined) getTask.parameters.maxWaitTime = overrides.maxWaitTime;
	if (overrides.credential) {
		getTask.credentials = { [COMET_API_CREDENTIAL_TYPE]: { ...overrides.credential } };
	}
	if (overrides.onError) getTask.onError = overrides.onError;
	return workflow;
}

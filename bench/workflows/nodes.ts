import { randomUUID } from 'node:crypto';

import type { CredentialRef, WorkflowExport } from '../../test/realN8n';
import type { WorkflowNode } from '../../test/realN8n/exampleWorkflow';

export const KLING_TYPE = 'n8n-nodes-cometapi-kling.klingOmniImage';

type Position = [number, number];

function node(
	name: string,
	type: string,
	typeVersion: number,
	position: Position,
	parameters: Record<string, unknown>,
): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion, position, parameters };
}

export const manualTrigger = (): WorkflowNode =>
	node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {});

/** A Set node holding the list, then Split Out: one item per entry, as users build it. */
export function listItems(field: string, entries: Array<Record<string, unknown>>): WorkflowNode[] {
	return [
		node('List', 'n8n-nodes-base.set', 3.4, [200, 0], {
			mode: 'raw',
			jsonOutput: JSON.stringify({ [field]: entries }),
			options: {},
		}),
		node('Items', 'n8n-nodes-base.splitOut', 1, [400, 0], { fieldToSplitOut: field, options: {} }),
	];
}

export function klingNode(
	name: string,
	position: Position,
	parameters: Record<string, unknown>,
	credential: CredentialRef,
): WorkflowNode {
	return {
		...node(name, KLING_TYPE, 1, position, parameters),
		credentials: { cometApi: { ...credential } },
	};
}

/** HTTP Request with a Header Auth credential, every other option at its default. */
export function httpGet(
	name: string,
	position: Position,
	url: string,
	credential: CredentialRef,
): WorkflowNode {
	return {
		...node(name, 'n8n-nodes-base.httpRequest', 4.2, position, {
			url,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			options: {},
		}),
		credentials: { httpHeaderAuth: { ...credential } },
	};
}

/** IF: true when data.task_status is succeed or failed. */
export function ifTaskDone(name: string, position: Position): WorkflowNode {
	const statusIs = (value: string) => ({
		id: randomUUID(),
		leftValue: '={{ $json.data.task_status }}',
		rightValue: value,
		operator: { type: 'string', operation: 'equals' },
	});
	return node(name, 'n8n-nodes-base.if', 2.2, position, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [statusIs('succeed'), statusIs('failed')],
			combinator: 'or',
		},
		options: {},
	});
}

export const waitSeconds = (name: string, position: Position, amount: number): WorkflowNode =>
	node(name, 'n8n-nodes-base.wait', 1.1, position, {
		resume: 'timeInterval',
		amount,
		unit: 'seconds',
	});

export const noOp = (name: string, position: Position): WorkflowNode =>
	node(name, 'n8n-nodes-base.noOp', 1, position, {});

/** `from` output `output` feeds each of `to`. */
export function connect(
	connections: WorkflowExport['connections'],
	from: string,
	to: string[],
	output = 0,
): void {
	const entry = (connections[from] ??= { main: [] }) as { main: unknown[][] };
	while (entry.main.length <= output) entry.main.push([]);
	entry.main[output].push(...to.map((name) => ({ node: name, type: 'main', index: 0 })));
}

export function workflow(id: string, name: string, nodes: WorkflowNode[]): WorkflowExport {
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections: {} };
}

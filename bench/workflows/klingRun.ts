import type { CredentialRef, WorkflowExport } from '../../test/realN8n';
import { connect, klingNode, listItems, manualTrigger, workflow } from './nodes';

export const KLING_NODE = 'Kling';

/**
 * Start, a list of items, then one Kling Omni Image node with the given parameters: the
 * shape of the create-and-wait and the download workflows.
 */
export function klingRunWorkflow(
	id: string,
	name: string,
	entries: Array<Record<string, unknown>>,
	parameters: Record<string, unknown>,
	credential: CredentialRef,
): WorkflowExport {
	const flow = workflow(id, name, [
		manualTrigger(),
		...listItems('entries', entries),
		klingNode(KLING_NODE, [600, 0], parameters, credential),
	]);
	connect(flow.connections, 'Start', ['List']);
	connect(flow.connections, 'List', ['Items']);
	connect(flow.connections, 'Items', [KLING_NODE]);
	return flow;
}

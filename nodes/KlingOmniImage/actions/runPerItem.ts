import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { NodeError } from '../errors/asNodeError';
import { asNodeError } from '../errors/asNodeError';

type ItemHandler = (itemIndex: number) => Promise<INodeExecutionData[]>;

function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (typeof error.context.taskId === 'string') json.task_id = error.context.taskId;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs the handler for every input item, in order. With "continue on fail" a failing item
 * becomes one error item paired to it and the others go on; otherwise the first error
 * stops the node. A stopped execution never turns into error items.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	handler: ItemHandler,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const itemCount = context.getInputData().length;
	const signal = context.getExecutionCancelSignal?.();

	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			output.push(...(await handler(itemIndex)));
		} catch (caught) {
			const error = asNodeError(context.getNode(), caught, itemIndex);
			if (signal?.aborted || !context.continueOnFail()) throw error;
			output.push(errorItem(error, itemIndex));
		}
	}
	return output;
}

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NodeError } from '../errors/asNodeError';
import { asNodeError } from '../errors/asNodeError';
import type { RunScope } from './runScope';

export interface ItemOperation<Parameters> {
	/** Reads and checks one item's parameters; throws before anything is sent. */
	prepare: (itemIndex: number) => Parameters | Promise<Parameters>;
	/** Does the work for one item; runs side by side with the other items. */
	run: (parameters: Parameters, itemIndex: number) => Promise<INodeExecutionData[]>;
}

function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (typeof error.context.taskId === 'string') json.task_id = error.context.taskId;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs an operation over all input items: every item's parameters are checked first, then
 * all items run side by side and their output is put back in input order. With "continue
 * on fail" a failing item becomes one error item paired to it; otherwise the first error
 * stops the other items and fails the node. A stopped execution emits nothing.
 */
export async function runItems<Parameters>(
	scope: RunScope,
	operation: ItemOperation<Parameters>,
): Promise<INodeExecutionData[]> {
	const { context } = scope;
	const node = context.getNode();
	const itemCount = context.getInputData().length;
	const output: INodeExecutionData[][] = new Array(itemCount);
	const prepared = new Map<number, Parameters>();
	// An agent gets errors as answers it can act on, as with "continue on fail".
	const keepsGoing = () => scope.asTool || context.continueOnFail?.() === true;

	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			prepared.set(itemIndex, await operation.prepare(itemIndex));
		} catch (caught) {
			const error = asNodeError(node, caught, itemIndex);
			if (!keepsGoing()) throw error;
			output[itemIndex] = [errorItem(error, itemIndex)];
		}
	}

	let firstError: NodeError | undefined;
	const runOne = async (parameters: Parameters, itemIndex: number) => {
		try {
			output[itemIndex] = await operation.run(parameters, itemIndex);
		} catch (caught) {
			const error = asNodeError(node, caught, itemIndex);
			if (keepsGoing() && !scope.signal.aborted) {
				output[itemIndex] = [errorItem(error, itemIndex)];
				return;
			}
			firstError ??= error;
			scope.stop();
		}
	};
	await Promise.all(
		[...prepared].map(async ([itemIndex, parameters]) => await runOne(parameters, itemIndex)),
	);

	if (scope.wasCancelled()) {
		throw new NodeOperationError(node, 'The execution was stopped before the tasks were read');
	}
	if (firstError) throw firstError;
	return output.flat();
}

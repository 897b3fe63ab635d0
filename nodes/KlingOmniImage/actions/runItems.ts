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

/** Whatever a server echoed (the key included) is scrubbed before n8n stores or shows it. */
function scrubbed(scope: RunScope, error: NodeError): NodeError {
	const scrub = <T>(value: T): T =>
		value === undefined ? value : (JSON.parse(scope.redact(JSON.stringify(value))) as T);
	error.message = scope.redact(error.message);
	if (error.description) error.description = scope.redact(error.description);
	error.messages = error.messages.map(scope.redact);
	error.errorResponse = scrub(error.errorResponse);
	error.context = scrub(error.context);
	if (error.cause) error.cause.message = scope.redact(error.cause.message);
	return error;
}

/** A failed run still names the tasks it created: they are billed and may yet finish. */
function withCreatedTasks(scope: RunScope, error: NodeError, failedItem?: number): NodeError {
	const others = [...scope.createdTasks].filter(([itemIndex]) => itemIndex !== failedItem);
	if (others.length === 0) return error;
	const list = others.map(([itemIndex, taskId]) => `item ${itemIndex}: ${taskId}`).join(', ');
	const note = `Tasks this run had already created (and that are billed): ${list}. Read them with Get Task rather than creating them again.`;
	error.description = error.description ? `${error.description} ${note}` : note;
	return error;
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
			const error = scrubbed(scope, asNodeError(node, caught, itemIndex));
			if (!keepsGoing()) throw error;
			output[itemIndex] = [errorItem(error, itemIndex)];
		}
	}

	let firstError: NodeError | undefined;
	const runOne = async (parameters: Parameters, itemIndex: number) => {
		try {
			output[itemIndex] = await operation.run(parameters, itemIndex);
		} catch (caught) {
			const error = scrubbed(scope, asNodeError(node, caught, itemIndex));
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
		const stopped = new NodeOperationError(
			node,
			'The execution was stopped before the tasks were read',
		);
		throw withCreatedTasks(scope, stopped);
	}
	if (firstError) throw withCreatedTasks(scope, firstError, firstError.context.itemIndex as number);
	return output.flat();
}

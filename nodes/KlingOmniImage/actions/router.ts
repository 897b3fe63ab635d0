import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createTask } from './createTask.operation';
import { getTask } from './getTask.operation';
import { readConcurrency } from './readOptions';
import { runItems } from './runItems';
import { createRunScope } from './runScope';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const scope = await createRunScope(this, readConcurrency(this));

	try {
		switch (operation) {
			case 'getTask':
				return [await runItems(scope, getTask(scope))];
			case 'createTask':
				return [await runItems(scope, createTask(scope))];
			default:
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported`,
				);
		}
	} finally {
		scope.dispose();
	}
}

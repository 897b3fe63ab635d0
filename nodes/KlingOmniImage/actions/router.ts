import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getTask } from './getTask.operation';
import { readConcurrency } from './readOptions';
import { runItems } from './runItems';
import { createRunScope } from './runScope';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const scope = await createRunScope(this, readConcurrency(this));

	switch (operation) {
		case 'getTask':
			return [await runItems(scope, getTask(scope))];
		default:
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
}

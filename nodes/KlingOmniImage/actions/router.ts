import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getBaseUrl } from '../transport/cometApiRequest';
import { getTask } from './getTask.operation';
import { runPerItem } from './runPerItem';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const baseUrl = await getBaseUrl(this);

	switch (operation) {
		case 'getTask':
			return [
				await runPerItem(this, async (itemIndex) => await getTask.call(this, itemIndex, baseUrl)),
			];
		default:
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
}

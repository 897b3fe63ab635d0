import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as getTask from './actions/getTask.operation';
import { router } from './actions/router';

export class KlingOmniImage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kling Omni Image',
		name: 'klingOmniImage',
		icon: { light: 'file:klingOmniImage.svg', dark: 'file:klingOmniImage.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "getTask" ? "Get Task" : $parameter["operation"] }}',
		description:
			'Read Kling Omni Image tasks through CometAPI and get one item per generated image',
		defaults: { name: 'Kling Omni Image' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cometApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Get Task',
						value: 'getTask',
						action: 'Get a task',
						description: 'Read a task by ID, optionally waiting until it is done',
					},
				],
				default: 'getTask',
			},
			...getTask.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

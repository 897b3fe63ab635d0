import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createTaskDescription } from './actions/createTask.description';
import { downloadDescription } from './actions/downloadSettings';
import * as getTask from './actions/getTask.operation';
import { readOptionsDescription } from './actions/readOptions';
import { router } from './actions/router';
import { waitDescription } from './actions/waitSettings';

export class KlingOmniImage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kling Omni Image',
		name: 'klingOmniImage',
		icon: { light: 'file:klingOmniImage.svg', dark: 'file:klingOmniImage.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "getTask" ? "Get Task" : "Create Task" }}',
		description:
			'Generate images with Kling Omni Image through CometAPI: one item per image, files included',
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
						name: 'Create Task',
						value: 'createTask',
						action: 'Create a task',
						description: 'Generate images from a prompt and optional reference images',
					},
					{
						name: 'Get Task',
						value: 'getTask',
						action: 'Get a task',
						description: 'Read a task by ID, optionally waiting until it is done',
					},
				],
				default: 'getTask',
			},
			...createTaskDescription,
			...getTask.description,
			...waitDescription,
			...downloadDescription,
			readOptionsDescription(['getTask', 'createTask']),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

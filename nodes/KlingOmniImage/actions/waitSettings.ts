import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBoolean } from './readBoolean';

const OPERATIONS = ['getTask', 'createTask'];

export const waitDescription: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until the task finishes (task_status succeed or failed) and output one item per image. Off: output the task as it is now.',
		displayOptions: { show: { operation: OPERATIONS } },
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		default: 20,
		typeOptions: { minValue: 1 },
		description: 'How long to wait between two reads of the task. CometAPI recommends 20 to 30.',
		displayOptions: { show: { operation: OPERATIONS, waitForCompletion: [true] } },
	},
	{
		displayName: 'Max Wait Time (Seconds)',
		name: 'maxWaitTime',
		type: 'number',
		default: 600,
		typeOptions: { minValue: 1 },
		description: 'How long to wait in all before giving up with an error that names the task',
		displayOptions: { show: { operation: OPERATIONS, waitForCompletion: [true] } },
	},
];

export interface WaitSettings {
	waitForCompletion: boolean;
	pollIntervalSeconds: number;
	maxWaitSeconds: number;
}

/** Reads the wait parameters of one item; `subject` names the task in the error. */
export function readWaitSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	subject: string,
): WaitSettings {
	const waitForCompletion = readBoolean(context, 'waitForCompletion', itemIndex, true);
	const pollIntervalSeconds = Number(context.getNodeParameter('pollInterval', itemIndex, 20));
	const maxWaitSeconds = Number(context.getNodeParameter('maxWaitTime', itemIndex, 600));

	if (waitForCompletion && !(pollIntervalSeconds >= 1 && maxWaitSeconds >= 1)) {
		throw new NodeOperationError(
			context.getNode(),
			`Poll Interval and Max Wait Time must be at least 1 second (item ${itemIndex}, ${subject})`,
			{ description: `Got ${pollIntervalSeconds} s and ${maxWaitSeconds} s.`, itemIndex },
		);
	}
	return { waitForCompletion, pollIntervalSeconds, maxWaitSeconds };
}

import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../transport/retryPolicy';
import type { ReadOptions } from './fetchTask';

export const DEFAULT_CONCURRENCY = 100;

/** The Options collection shared by the operations that read tasks. */
export function readOptionsDescription(operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: operations } },
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				default: 100,
				typeOptions: { minValue: 1 },
				noDataExpression: true,
				description:
					'Most requests to CometAPI in flight at once, across all items. Waiting items hold no slot while they sleep.',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				default: 4,
				typeOptions: { minValue: 0 },
				description:
					'How many times one read is retried after a rate limit (429), a server error (5xx) or a network failure',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'requestTimeout',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1, maxValue: 3600 },
				description: 'How long one request may take before it counts as failed and is retried',
			},
		],
	};
}

interface RawOptions {
	concurrency?: number;
	maxRetries?: number;
	requestTimeout?: number;
}

function rawOptions(context: IExecuteFunctions, itemIndex: number): RawOptions {
	return context.getNodeParameter('options', itemIndex, {}) as RawOptions;
}

/** Concurrency bounds the whole run, so it is one value for all items. */
export function readConcurrency(context: IExecuteFunctions): number {
	const value = Number(rawOptions(context, 0).concurrency ?? DEFAULT_CONCURRENCY);
	return Number.isFinite(value) && value >= 1 ? Math.floor(value) : DEFAULT_CONCURRENCY;
}

/** Retries and timeouts may differ per item; out-of-range values fall back to the defaults. */
export function readItemReadOptions(context: IExecuteFunctions, itemIndex: number): ReadOptions {
	const raw = rawOptions(context, itemIndex);
	const maxRetries = Number(raw.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries);
	const timeoutSeconds = Number(raw.requestTimeout ?? 30);
	return {
		retry: {
			...DEFAULT_RETRY_POLICY,
			maxRetries: Number.isFinite(maxRetries) && maxRetries >= 0 ? Math.floor(maxRetries) : 4,
		},
		requestTimeoutMs:
			(Number.isFinite(timeoutSeconds) && timeoutSeconds >= 1
				? Math.min(timeoutSeconds, 3600)
				: 30) * 1000,
	};
}

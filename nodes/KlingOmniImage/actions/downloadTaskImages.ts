import type { INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../errors/asNodeError';
import { errorText } from '../errors/describeApiAnswer';
import type { TaskContext } from '../errors/taskErrors';
import { executionStoppedError } from '../errors/taskErrors';
import { imageFileName, imageMimeType } from '../output/imageFile';
import type { KlingImage } from '../parsing/KlingTask';
import { downloadImage, ImageTooLargeError } from '../transport/downloadImage';
import { readRetryable, sendWithRetry } from '../transport/sendWithRetry';
import type { DownloadSettings } from './downloadSettings';
import type { ReadOptions } from './fetchTask';
import type { RunScope } from './runScope';

/** Lets the client's own timeout speak first, as for CometAPI requests. */
const ATTEMPT_GRACE_MS = 250;

interface ImageJob {
	scope: RunScope;
	task: TaskContext;
	settings: DownloadSettings;
	read: ReadOptions;
}

function imageUrl(job: ImageJob, image: KlingImage): string {
	const watermarked = job.settings.variant === 'watermarked';
	const url = watermarked ? image.watermark_url : image.url;
	if (url) return url;
	throw new NodeOperationError(
		job.scope.context.getNode(),
		`Image ${image.index} of task ${job.task.taskId} has no watermark_url (item ${job.task.itemIndex})`,
		{
			description: 'Choose Image Variant "Clean", or create the task with Watermark on.',
			itemIndex: job.task.itemIndex,
		},
	);
}

async function downloadOne(job: ImageJob, image: KlingImage, stop: AbortSignal) {
	const { scope, task, settings } = job;
	const node = scope.context.getNode();
	const subject = `image ${image.index} of task ${task.taskId} (item ${task.itemIndex})`;
	const outcome = await sendWithRetry({
		send: async (timeoutMs) =>
			await downloadImage(scope.context, imageUrl(job, image), {
				timeoutMs,
				maxBytes: settings.maxBytes,
				// Each attempt is cut off at its time limit, and when the item gives up.
				signal: AbortSignal.any([stop, AbortSignal.timeout(timeoutMs + ATTEMPT_GRACE_MS)]),
			}),
		retryable: readRetryable((response) => (response.body as Buffer).length > 0),
		policy: job.read.retry,
		requestTimeoutMs: job.read.requestTimeoutMs,
		limiter: scope.limiter,
		signal: stop,
	});

	if (outcome.kind === 'cancelled') throw executionStoppedError(node, task);
	if (outcome.kind === 'networkError') {
		const { error } = outcome;
		if (error instanceof ImageTooLargeError) {
			throw new NodeOperationError(node, `${error.message}: ${subject}`, {
				description: 'Raise Max Image Size, or turn off Download Images and use the URL.',
				itemIndex: task.itemIndex,
			});
		}
		if (error instanceof NodeOperationError) throw error;
		const reason = errorText(error);
		throw new NodeApiError(
			node,
			{ message: reason },
			{
				message: `Could not download ${subject}`,
				description: `${reason}. Check that the image host is reachable from n8n.`,
				itemIndex: task.itemIndex,
			},
		);
	}
	const { response } = outcome;
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw new NodeApiError(
			node,
			{ statusCode: response.statusCode },
			{
				message: `The image host answered ${response.statusCode} for ${subject}`,
				description:
					'Generated URLs expire (the provider clears files after about 30 days): read the task again or create a new one.',
				httpCode: String(response.statusCode),
				itemIndex: task.itemIndex,
			},
		);
	}

	const bytes = response.body as Buffer;
	if (bytes.length === 0) {
		throw new NodeApiError(
			node,
			{ statusCode: response.statusCode },
			{
				message: `The image host sent an empty file for ${subject}`,
				description: 'Read the task again later, or create a new one.',
				itemIndex: task.itemIndex,
			},
		);
	}
	const contentType = response.headers['content-type'];
	const declared = Array.isArray(contentType) ? contentType[0] : contentType;
	const mimeType = imageMimeType(declared, bytes);
	if (!mimeType.startsWith('image/')) {
		// An expired link often answers 200 with a web page: never store that as the image.
		throw new NodeApiError(
			node,
			{ statusCode: response.statusCode },
			{
				message: `The image host sent ${declared ?? 'an unknown type'}, not an image, for ${subject}`,
				description: 'The link may have expired: read the task again or create a new one.',
				itemIndex: task.itemIndex,
			},
		);
	}
	const fileName = imageFileName(
		task.taskId,
		image.index,
		mimeType,
		settings.variant === 'watermarked',
	);
	return await scope.context.helpers.prepareBinaryData(bytes, fileName, mimeType);
}

/** Adds each image's file to its item, under the chosen binary field. */
export async function downloadTaskImages(
	job: ImageJob,
	images: KlingImage[],
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	// The first failed image ends the item: its other downloads stop instead of running on.
	const itemStop = new AbortController();
	const stop = AbortSignal.any([job.scope.signal, itemStop.signal]);
	let firstFailure: unknown;

	const results = await Promise.all(
		items.map(async (item, position) => {
			const image = images[position];
			if (!image) return item;
			const binary = await downloadOne(job, image, stop).catch((error: unknown) => {
				if (!itemStop.signal.aborted) firstFailure = error;
				itemStop.abort();
				return undefined;
			});
			if (!binary) return item;
			return { ...item, binary: { ...item.binary, [job.settings.binaryPropertyName]: binary } };
		}),
	);
	if (firstFailure !== undefined)
		throw asNodeError(job.scope.context.getNode(), firstFailure, job.task.itemIndex);
	return results;
}

import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiResponse } from './cometApiRequest';

interface StreamedBody extends AsyncIterable<Buffer> {
	destroy(): void;
}

export class ImageTooLargeError extends Error {
	constructor(readonly limitBytes: number) {
		super(`The image is larger than ${Math.round(limitBytes / 1024 / 1024)} MB`);
	}
}

function contentLength(headers: ApiResponse['headers']): number | undefined {
	const value = Number(headers['content-length']);
	return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads the body into one buffer sized from Content-Length when the server gives it, so
 * the image is not held twice, and stops as soon as it passes the limit.
 */
async function readCapped(body: StreamedBody, expected: number | undefined, limit: number) {
	const buffer = Buffer.allocUnsafe(expected ?? Math.min(limit, 1024 * 1024));
	let target = buffer;
	let length = 0;
	for await (const chunk of body) {
		if (length + chunk.length > limit) {
			body.destroy();
			throw new ImageTooLargeError(limit);
		}
		if (length + chunk.length > target.length) {
			const grown = Buffer.allocUnsafe(
				Math.min(limit, Math.max(target.length * 2, length + chunk.length)),
			);
			target.copy(grown, 0, 0, length);
			target = grown;
		}
		chunk.copy(target, length);
		length += chunk.length;
	}
	return target.subarray(0, length);
}

/**
 * One GET of an image, without credentials: the image host never sees the API key or any
 * CometAPI header. Answers other than 2xx come back with an empty body.
 */
export async function downloadImage(
	context: IExecuteFunctions,
	url: string,
	options: { timeoutMs: number; maxBytes: number; signal?: AbortSignal },
): Promise<ApiResponse> {
	const response = (await context.helpers.httpRequest({
		method: 'GET',
		url,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: options.timeoutMs,
		abortSignal: options.signal,
	})) as { statusCode: number; headers: ApiResponse['headers']; body: StreamedBody };

	const { statusCode, headers, body } = response;
	const expected = contentLength(headers);
	if (statusCode < 200 || statusCode >= 300 || (expected ?? 0) > options.maxBytes) {
		body.destroy();
		if (statusCode >= 200 && statusCode < 300) throw new ImageTooLargeError(options.maxBytes);
		return { statusCode, headers, body: undefined };
	}
	return { statusCode, headers, body: await readCapped(body, expected, options.maxBytes) };
}

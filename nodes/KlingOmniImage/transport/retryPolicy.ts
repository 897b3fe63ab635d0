import { apiMessageOf, klingCodeOf, NO_BALANCE_CODES } from '../errors/describeApiAnswer';
import type { ApiResponse } from './cometApiRequest';

export interface RetryPolicy {
	/** Retries allowed for one read after its first attempt. */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_BAD_RESPONSE',
]);

function cometErrorCode(body: unknown): unknown {
	if (typeof body !== 'object' || body === null) return undefined;
	const error = (body as Record<string, unknown>).error;
	return typeof error === 'object' && error !== null
		? (error as Record<string, unknown>).code
		: undefined;
}

/** Rate and concurrency limits and server hiccups are worth another try; verdicts are not. */
export function isTransientStatus(response: ApiResponse): boolean {
	const { statusCode, body } = response;
	if (statusCode === 429) return !NO_BALANCE_CODES.has(klingCodeOf(body) ?? 0);
	if (statusCode === 500 && cometErrorCode(body) === 'invalid_request') return false;
	if (statusCode === 500 && apiMessageOf(body) === 'task_not_exist') return false;
	return statusCode >= 500 && statusCode <= 599;
}

/** Finds the network error code under n8n's error wrapper (the axios error is its cause). */
export function networkErrorCode(error: unknown): string | undefined {
	for (let current = error, depth = 0; current && depth < 4; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

export function isTransientNetworkError(error: unknown): boolean {
	const code = networkErrorCode(error);
	if (code && TRANSIENT_NETWORK_CODES.has(code)) return true;
	const message = error instanceof Error ? error.message : '';
	return /socket hang up|timeout|network error/i.test(message);
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs(response: ApiResponse, now = Date.now()): number | undefined {
	const header = response.headers['retry-after'];
	const value = Array.isArray(header) ? header[0] : header;
	if (!value) return undefined;
	if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with equal jitter: half fixed, half random, capped. */
export function backoffMs(retry: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

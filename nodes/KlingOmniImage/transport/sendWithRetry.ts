import { abortableSleep } from '../polling/abortableSleep';
import type { RequestLimiter } from '../polling/requestLimiter';
import type { ApiResponse } from './cometApiRequest';
import type { RetryPolicy } from './retryPolicy';
import { withTimeLimit } from './withTimeLimit';
import { backoffMs, isTransientNetworkError, isTransientStatus, retryAfterMs } from './retryPolicy';

/** A request near the deadline still gets this long to answer. */
const MIN_REQUEST_TIMEOUT_MS = 1000;

export type GaveUpReason = 'notRetryable' | 'retriesUsed' | 'deadline' | 'retryAfterTooLong';

export type SendOutcome =
	| { kind: 'response'; response: ApiResponse; retries: number; gaveUp?: GaveUpReason }
	| { kind: 'networkError'; error: unknown; retries: number; gaveUp: GaveUpReason }
	| { kind: 'cancelled' };

export interface RetryInfo {
	retry: number;
	delayMs: number;
	reason: string;
}

export interface SendWithRetryOptions {
	/** Sends one attempt; throws only for network failures. */
	send: (timeoutMs: number) => Promise<ApiResponse>;
	/** Which failed attempts may be sent again: reads and creates differ. */
	retryable: (attempt: Attempt) => boolean;
	policy: RetryPolicy;
	requestTimeoutMs: number;
	limiter: RequestLimiter;
	signal: AbortSignal;
	/** Wall-clock limit (ms since epoch) that includes every attempt and every pause. */
	deadline?: number;
	onRetry?: (info: RetryInfo) => void;
}

export type Attempt = { response: ApiResponse } | { error: unknown };

function describeAttempt(attempt: Attempt): string {
	if ('error' in attempt)
		return attempt.error instanceof Error ? attempt.error.message : 'network error';
	return `HTTP ${attempt.response.statusCode}`;
}

/**
 * Reads are idempotent: any transient fault may be retried, and so may a 2xx whose body
 * fails `isUsable` (cut off by a proxy, say).
 */
export function readRetryable(isUsable: (response: ApiResponse) => boolean) {
	return (attempt: Attempt): boolean => {
		if ('error' in attempt) return isTransientNetworkError(attempt.error);
		const { response } = attempt;
		if (response.statusCode >= 200 && response.statusCode < 300) return !isUsable(response);
		return isTransientStatus(response);
	};
}

/**
 * A create is billed: only an answer that proves nothing was created (a 429 rate or
 * concurrency limit) may be sent again; a timeout, a reset or a 5xx may hide a new task.
 */
export function createRetryable(attempt: Attempt): boolean {
	return (
		'response' in attempt &&
		attempt.response.statusCode === 429 &&
		isTransientStatus(attempt.response)
	);
}

function finalOutcome(attempt: Attempt, retries: number, gaveUp?: GaveUpReason): SendOutcome {
	if ('error' in attempt) {
		return {
			kind: 'networkError',
			error: attempt.error,
			retries,
			gaveUp: gaveUp ?? 'notRetryable',
		};
	}
	return { kind: 'response', response: attempt.response, retries, gaveUp };
}

/**
 * Sends a request, retrying what `retryable` allows (for reads: rate limits, 5xx answers and
 * network failures) with capped, jittered backoff or the server's Retry-After, never past
 * the deadline.
 */
export async function sendWithRetry(options: SendWithRetryOptions): Promise<SendOutcome> {
	const { policy, signal, deadline } = options;

	for (let retry = 0; ; retry++) {
		const left = deadline === undefined ? Infinity : deadline - Date.now();
		const timeoutMs = Math.max(MIN_REQUEST_TIMEOUT_MS, Math.min(options.requestTimeoutMs, left));
		const attempt = await options.limiter.run<Attempt>(
			async () =>
				await withTimeLimit(options.send(timeoutMs), timeoutMs).then(
					(response) => ({ response }),
					(error: unknown) => ({ error }),
				),
		);
		// An answer that arrived is still reported after a stop: it may carry a new task's id.
		if (!attempt || (signal.aborted && !('response' in attempt))) return { kind: 'cancelled' };
		if (signal.aborted) return finalOutcome(attempt, retry);

		if (!options.retryable(attempt)) return finalOutcome(attempt, retry);
		if (retry >= policy.maxRetries) return finalOutcome(attempt, retry, 'retriesUsed');

		const suggested = 'response' in attempt ? retryAfterMs(attempt.response) : undefined;
		if (suggested !== undefined && suggested > policy.maxDelayMs) {
			return finalOutcome(attempt, retry, 'retryAfterTooLong');
		}
		const delayMs = suggested ?? backoffMs(retry + 1, policy);
		if (deadline !== undefined && Date.now() + delayMs > deadline) {
			return finalOutcome(attempt, retry, 'deadline');
		}

		options.onRetry?.({ retry: retry + 1, delayMs, reason: describeAttempt(attempt) });
		await abortableSleep(delayMs, signal);
	}
}

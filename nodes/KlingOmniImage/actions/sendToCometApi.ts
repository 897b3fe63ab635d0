import type { ApiRequest } from '../transport/cometApiRequest';
import { cometApiRequest } from '../transport/cometApiRequest';
import type { Attempt, RetryInfo, SendOutcome } from '../transport/sendWithRetry';
import { sendWithRetry } from '../transport/sendWithRetry';
import type { ReadOptions } from './fetchTask';
import type { RunScope } from './runScope';

/** One CometAPI request of this run: through the run's request slots, retried as allowed. */
export async function sendToCometApi(
	scope: RunScope,
	request: Omit<ApiRequest, 'timeoutMs'>,
	options: ReadOptions & {
		retryable: (attempt: Attempt) => boolean;
		onRetry?: (info: RetryInfo) => void;
	},
): Promise<SendOutcome> {
	return await sendWithRetry({
		send: async (timeoutMs) =>
			await cometApiRequest(scope.context, scope.baseUrl, { ...request, timeoutMs }),
		retryable: options.retryable,
		policy: options.retry,
		requestTimeoutMs: options.requestTimeoutMs,
		limiter: scope.limiter,
		signal: scope.signal,
		deadline: options.deadline,
		onRetry: options.onRetry,
	});
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { RequestLimiter } from '../polling/requestLimiter';
import { getBaseUrl } from '../transport/cometApiRequest';

/** What all items of one run share: the server, the request slots and one stop switch. */
export interface RunScope {
	context: IExecuteFunctions;
	baseUrl: string;
	limiter: RequestLimiter;
	/** Fires when the user stops the execution or when one item's error ends the run. */
	signal: AbortSignal;
	stop: () => void;
	/** True only when the user (not an item error) stopped the execution. */
	wasCancelled: () => boolean;
}

export async function createRunScope(
	context: IExecuteFunctions,
	concurrency: number,
): Promise<RunScope> {
	const execution = context.getExecutionCancelSignal?.();
	const controller = new AbortController();
	if (execution?.aborted) controller.abort();
	execution?.addEventListener('abort', () => controller.abort(), { once: true });

	return {
		context,
		baseUrl: await getBaseUrl(context),
		limiter: new RequestLimiter(concurrency, controller.signal),
		signal: controller.signal,
		stop: () => controller.abort(),
		wasCancelled: () => execution?.aborted === true,
	};
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { RequestLimiter } from '../polling/requestLimiter';
import { getServerSettings } from '../transport/cometApiRequest';

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
	/** An AI agent called the node: small JSON out, errors as answers, short waits. */
	asTool: boolean;
	/** Removes the API key from text a server may have echoed it in. */
	redact: (text: string) => string;
	/** Tasks this run created, by item: reported if the run fails, since they are billed. */
	createdTasks: Map<number, string>;
	/** Detaches from the execution, so nodes run in a loop do not pile up listeners. */
	dispose: () => void;
}

/** n8n 2.x says so directly; n8n 1.x names the tool variant of a node type "…Tool". */
function isToolCall(context: IExecuteFunctions): boolean {
	const viaContext = (context as { isToolExecution?: () => boolean }).isToolExecution?.() === true;
	return viaContext || context.getNode().type.endsWith('Tool');
}

export async function createRunScope(
	context: IExecuteFunctions,
	concurrency: number,
): Promise<RunScope> {
	const execution = context.getExecutionCancelSignal?.();
	const controller = new AbortController();
	if (execution?.aborted) controller.abort();
	const forwardAbort = () => controller.abort();
	execution?.addEventListener('abort', forwardAbort, { once: true });

	const { baseUrl, apiKey } = await getServerSettings(context);
	return {
		context,
		baseUrl,
		limiter: new RequestLimiter(concurrency, controller.signal),
		signal: controller.signal,
		stop: () => controller.abort(),
		wasCancelled: () => execution?.aborted === true,
		asTool: isToolCall(context),
		redact: (text) => (apiKey.length >= 4 ? text.split(apiKey).join('[API key]') : text),
		createdTasks: new Map(),
		dispose: () => execution?.removeEventListener('abort', forwardAbort),
	};
}

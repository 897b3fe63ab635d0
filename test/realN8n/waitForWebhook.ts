import type { N8nProcess } from './n8nProcess';

/**
 * Waits until a running n8n has registered a production webhook, without running the
 * workflow: a CORS preflight (OPTIONS with an Origin) answers 204 for a registered path
 * and 404 before.
 */
export async function waitForWebhook(
	url: string,
	main: N8nProcess,
	timeoutMs: number,
	method: 'GET' | 'POST',
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = 'no answer';
	while (Date.now() < deadline) {
		if (!main.running) throw new Error(`n8n start exited:\n${main.output}`);
		try {
			const response = await fetch(url, {
				method: 'OPTIONS',
				headers: { Origin: new URL(url).origin, 'Access-Control-Request-Method': method },
				signal: AbortSignal.timeout(5_000),
			});
			last = `${response.status} ${await response.text()}`;
			if (response.status === 204) return;
		} catch (error) {
			last = (error as Error).message;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${url} was not registered in ${timeoutMs} ms (last: ${last}):\n${main.output}`);
}

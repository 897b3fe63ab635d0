import type { HttpAnswer } from './taskAnswer';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Posts a task answer to a callback URL, as Kling does on each status change. Refuses any
 * host that is not this machine: the simulator never sends traffic elsewhere.
 */
export async function postCallback(callbackUrl: string, answer: HttpAnswer): Promise<number> {
	const target = new URL(callbackUrl);
	if (!LOOPBACK_HOSTS.has(target.hostname)) {
		throw new Error(`The simulator only calls back loopback URLs, not ${target.hostname}`);
	}
	const task = (JSON.parse(answer.body) as { data: unknown }).data;
	const response = await fetch(target, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(task),
	});
	return response.status;
}

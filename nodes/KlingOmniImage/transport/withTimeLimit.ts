import { abortableSleep } from '../polling/abortableSleep';

/** Lets the HTTP client's own idle timeout speak first when the server is silent. */
const GRACE_MS = 250;

export class AttemptTimedOutError extends Error {
	readonly code = 'ETIMEDOUT';

	constructor(limitMs: number) {
		super(`No complete answer within ${Math.round(limitMs / 1000)} s`);
	}
}

/**
 * Bounds a whole request, body included. The client's timeout only notices a silent
 * socket, so a server that drips a byte at a time could otherwise hold an attempt forever.
 * n8n replaces a request's abort signal with the execution's, so an attempt that runs out
 * is left to finish in the background (a stopped execution still aborts it).
 */
export async function withTimeLimit<T>(work: Promise<T>, limitMs: number): Promise<T> {
	const settled = new AbortController();
	type Outcome = { value: T } | { error: unknown } | { timedOut: true };
	const outcome = await Promise.race<Outcome>([
		work.then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		),
		abortableSleep(limitMs + GRACE_MS, settled.signal).then(() => ({ timedOut: true as const })),
	]);
	settled.abort();

	if ('timedOut' in outcome) {
		work.catch(() => undefined);
		throw new AttemptTimedOutError(limitMs);
	}
	if ('error' in outcome) throw outcome.error;
	return outcome.value;
}

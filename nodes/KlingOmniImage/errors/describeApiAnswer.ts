/** Pulls the human-readable reason out of either CometAPI's or Kling's error envelope. */
export function apiMessageOf(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;

	const record = body as Record<string, unknown>;
	const nested = record.error;
	if (typeof nested === 'object' && nested !== null) {
		const message = (nested as Record<string, unknown>).message;
		if (typeof message === 'string' && message) return message;
	}
	if (typeof record.message === 'string' && record.message) return record.message;
	return undefined;
}

/** Kling codes on a 429 that mean the account cannot pay: waiting will not help. */
export const NO_BALANCE_CODES: ReadonlySet<number> = new Set([1100, 1101, 1102]);

/** Kling's own numeric code, when the answer carries one (for example 1102 for no balance). */
export function klingCodeOf(body: unknown): number | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const code = (body as Record<string, unknown>).code;
	return typeof code === 'number' ? code : undefined;
}

/** A short, safe preview of a body that is not the JSON we expected. */
export function previewOf(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'an empty body';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const compact = text.replace(/\s+/g, ' ').trim();
	return compact.length > 120 ? `"${compact.slice(0, 120)}…"` : `"${compact}"`;
}

/** The message of anything thrown, for error descriptions. */
export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

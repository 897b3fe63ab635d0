/** A task id sent as a bare JSON number longer than a double can hold exactly. */
const LONG_NUMERIC_TASK_ID = /("task_id"\s*:\s*)(\d{16,})(?=\s*[,}])/g;

/**
 * Parses an answer body. Kling task ids are 18-digit numbers: sent as a JSON number they
 * would lose their last digits in JSON.parse, so they are quoted first. A body that is not
 * JSON (an HTML page, a cut-off answer) comes back as the text it was.
 */
export function parseJsonAnswer(text: unknown): unknown {
	if (typeof text !== 'string') return text;
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
	try {
		return JSON.parse(trimmed.replace(LONG_NUMERIC_TASK_ID, '$1"$2"'));
	} catch {
		return text;
	}
}

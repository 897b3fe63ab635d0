export const OMNI_IMAGE_PATH = '/kling/v1/images/omni-image';

/**
 * A task id becomes exactly one path segment. Dot segments are refused by the caller,
 * because URL parsers resolve `.` and `..` (and `%2e`, if a caller passed it encoded) into
 * other routes.
 */
export function taskPath(taskId: string): string {
	return `${OMNI_IMAGE_PATH}/${encodeURIComponent(taskId)}`;
}

/** False for text with lone surrogates, which no URL can carry. */
export function isEncodable(taskId: string): boolean {
	try {
		encodeURIComponent(taskId);
		return true;
	} catch {
		return false;
	}
}

export function isDotSegment(taskId: string): boolean {
	return /^(\.|%2e){1,2}$/i.test(taskId);
}

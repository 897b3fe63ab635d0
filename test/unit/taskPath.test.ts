import { isDotSegment, taskPath } from '../../nodes/KlingOmniImage/transport/taskPath';

describe('taskPath', () => {
	test('puts the id in one encoded segment of the query route', () => {
		expect(taskPath('865/../x?y')).toBe('/kling/v1/images/omni-image/865%2F..%2Fx%3Fy');
	});

	test.each(['.', '..', '%2e', '%2E%2e', '.%2e'])('%p is a dot segment', (id) => {
		expect(isDotSegment(id)).toBe(true);
	});

	test.each(['...', 'a.', '.a', '865123'])('%p is not a dot segment', (id) => {
		expect(isDotSegment(id)).toBe(false);
	});
});

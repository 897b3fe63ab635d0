import { parseTaskResponse } from '../../nodes/KlingOmniImage/parsing/parseTaskResponse';

const native = (data: object) => ({ code: 0, message: 'SUCCEED', data });

describe('parseTaskResponse', () => {
	test('reads a finished native task', () => {
		const task = parseTaskResponse(
			native({
				task_id: 'abc',
				task_status: 'succeed',
				task_status_msg: '',
				task_info: { external_task_id: 'ext-1' },
				created_at: 10,
				updated_at: 20,
				final_unit_deduction: '8',
				task_result: { images: [{ index: 0, url: 'u0', watermark_url: 'w0' }] },
			}),
		);

		expect(task).toEqual({
			task_id: 'abc',
			task_status: 'succeed',
			task_status_msg: '',
			created_at: 10,
			updated_at: 20,
			final_unit_deduction: '8',
			external_task_id: 'ext-1',
			images: [{ index: 0, url: 'u0', watermark_url: 'w0' }],
		});
	});

	test('fills missing optional fields with null and skips images without a URL', () => {
		const task = parseTaskResponse(
			native({
				task_id: 7,
				task_status: 'succeed',
				task_result: { images: [{ index: 0 }, { url: 'u1' }, 'junk'] },
			}),
		);

		expect(task).toMatchObject({
			task_id: '7',
			task_status_msg: null,
			created_at: null,
			final_unit_deduction: null,
			external_task_id: null,
		});
		expect(task?.images).toEqual([{ index: 1, url: 'u1' }]);
	});

	test.each([
		['an empty body', ''],
		['an HTML page', '<html></html>'],
		['an error envelope', { error: { message: 'bad' } }],
		['a task without status', native({ task_id: 'x' })],
		['null', null],
	])('returns undefined for %s', (_label, body) => {
		expect(parseTaskResponse(body)).toBeUndefined();
	});
});

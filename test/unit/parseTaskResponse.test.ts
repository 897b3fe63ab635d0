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
			unreadable_images: 0,
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
		expect(task?.unreadable_images).toBe(2);
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

describe('parseTaskResponse with the wrapper envelope', () => {
	const inner = {
		task_id: 'w1',
		task_status: 'succeed',
		task_result: { series_images: [{ url: 's0' }, { url: 's1' }] },
	};

	test('reads the native task under data.data', () => {
		const task = parseTaskResponse({ code: 'success', data: { status: 'SUCCESS', data: inner } });

		expect(task).toMatchObject({ task_id: 'w1', task_status: 'succeed' });
		expect(task?.images).toEqual([
			{ index: 0, url: 's0' },
			{ index: 1, url: 's1' },
		]);
	});

	test('reads a full native answer under data.data', () => {
		const task = parseTaskResponse({
			code: 'success',
			data: { status: 'IN_PROGRESS', data: { code: 0, message: 'SUCCEED', data: inner } },
		});

		expect(task).toMatchObject({ task_id: 'w1', task_status: 'succeed' });
	});

	test.each([
		['SUCCESS', 'succeed'],
		['FAILURE', 'failed'],
		['IN_PROGRESS', 'processing'],
		['NOT_START', 'processing'],
	])('maps wrapper status %p to %p when the inner task has none', (status, expected) => {
		const task = parseTaskResponse({ data: { status, data: { task_id: 'w2' } } });

		expect(task?.task_status).toBe(expected);
	});
});

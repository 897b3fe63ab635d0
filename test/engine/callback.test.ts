import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runNode, useSimulator } from '../harness/fixture';

const simulator = useSimulator();

async function startReceiver() {
	const received: Array<{ task_id: string; task_status: string }> = [];
	const server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			received.push(JSON.parse(body));
			response.end('ok');
		});
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/resume/exec-1`, received, stop: () => server.close() };
}

test('Kling calls the Callback URL back on each status change of the new task', async () => {
	const receiver = await startReceiver();
	simulator().onCreate({ finishAfterMs: 300 });

	const { items } = await runNode(simulator(), {
		parameters: {
			operation: 'createTask',
			prompt: 'a harbour at dusk',
			waitForCompletion: false,
			additionalFields: { callbackUrl: receiver.url },
		},
	});
	await new Promise((resolve) => setTimeout(resolve, 600));
	receiver.stop();

	expect(JSON.parse(simulator().requests[0].body).callback_url).toBe(receiver.url);
	expect(items[0].json).toMatchObject({ task_id: 'sim-task-1', task_status: 'submitted' });
	expect(receiver.received.map((task) => [task.task_id, task.task_status])).toEqual([
		['sim-task-1', 'processing'],
		['sim-task-1', 'succeed'],
	]);
});

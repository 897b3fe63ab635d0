import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the webhook test workflow's last node posts back: its run, resume URL and items. */
export interface HandedBack {
	executionId: string;
	resumeUrl: string;
	resumedWith: { task_id?: string; task_status?: string };
	items: Array<Record<string, unknown>>;
}

/** A loopback server that keeps what the workflow's last node posts. */
export class Receiver {
	readonly received: HandedBack[] = [];
	url = '';
	private readonly server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			try {
				this.received.push(JSON.parse(Buffer.concat(chunks).toString()) as HandedBack);
				response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			} catch {
				response.writeHead(400).end();
			}
		});
	});

	async start(): Promise<this> {
		this.server.listen(0, '127.0.0.1');
		await once(this.server, 'listening');
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/handed-back`;
		return this;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

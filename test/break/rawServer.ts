import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { INodeParameters } from 'n8n-workflow';

import type { EngineRun } from '../harness/engine';
import { runInEngine } from '../harness/engine';
import type { TestItem } from '../harness/sourceNode';

export const BREAK_KEY = 'sk-break-SECRET-7f3a9c';

export interface Seen {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: string;
	at: number;
}

export type Handler = (
	request: IncomingMessage,
	response: ServerResponse,
	seen: Seen,
	count: number,
) => void | Promise<void>;

/** A loopback server whose every answer is written by the test. */
export class RawServer {
	readonly seen: Seen[] = [];
	handler: Handler = (_q, r) => {
		r.writeHead(500).end();
	};
	url = '';
	private readonly sockets = new Set<Socket>();
	private readonly server = createServer(
		(request, response) => void this.handle(request, response),
	);

	constructor() {
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async start(): Promise<this> {
		this.server.listen(0, '127.0.0.1');
		await once(this.server, 'listening');
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	reset(): void {
		this.seen.length = 0;
		this.handler = (_q, r) => {
			r.writeHead(500).end();
		};
		for (const socket of this.sockets) socket.destroy();
	}

	private async handle(request: IncomingMessage, response: ServerResponse) {
		const chunks: Buffer[] = [];
		try {
			for await (const chunk of request) chunks.push(chunk as Buffer);
		} catch {
			return;
		}
		const seen = {
			method: request.method ?? 'GET',
			path: request.url ?? '/',
			headers: request.headers,
			body: Buffer.concat(chunks).toString(),
			at: Date.now(),
		};
		this.seen.push(seen);
		try {
			await this.handler(request, response, seen, this.seen.length);
		} catch (error) {
			if (!response.headersSent) response.writeHead(599).end(String(error));
		}
	}
}

export function useRawServer(): () => RawServer {
	let server: RawServer | undefined;
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);
	beforeAll(async () => {
		process.on('unhandledRejection', onUnhandled);
		server = await new RawServer().start();
	});
	afterEach(() => server?.reset());
	afterAll(async () => {
		process.off('unhandledRejection', onUnhandled);
		await server?.stop();
		// No probe may leave a promise rejected with nobody listening.
		expect(unhandled.map(String)).toEqual([]);
	});
	return () => server as RawServer;
}

export function json(response: ServerResponse, status: number, value: unknown, headers = {}) {
	response.writeHead(status, { 'content-type': 'application/json', ...headers });
	response.end(typeof value === 'string' ? value : JSON.stringify(value));
}

export function task(taskId: string, status: string, extra: Record<string, unknown> = {}) {
	return { code: 0, message: 'SUCCEED', data: { task_id: taskId, task_status: status, ...extra } };
}

export interface RawRun {
	parameters: INodeParameters;
	inputItems?: TestItem[];
	continueOnFail?: boolean;
	apiKey?: string;
	baseUrl?: string;
	onStarted?: (cancel: () => void) => void;
}

export async function runRaw(server: RawServer, run: RawRun): Promise<EngineRun & { ms: number }> {
	const started = Date.now();
	const result = await runInEngine({
		parameters: run.parameters,
		inputItems: run.inputItems ?? [{}],
		credential: { apiKey: run.apiKey ?? BREAK_KEY, baseUrl: run.baseUrl ?? server.url },
		continueOnFail: run.continueOnFail,
		onStarted: run.onStarted,
	});
	return { ...result, ms: Date.now() - started };
}

/** Everything a user could see of a run, as one string, to look for the key. */
export function everythingShown(result: EngineRun): string {
	const error = result.error as (Error & Record<string, unknown>) | undefined;
	const parts: unknown[] = [result.items];
	if (error) {
		parts.push(error.message, error.description, error.stack, error.context);
		try {
			parts.push(JSON.stringify(error));
		} catch {}
		const plain: Record<string, unknown> = {};
		for (const key of Object.getOwnPropertyNames(error)) plain[key] = error[key];
		parts.push(plain);
	}
	try {
		parts.push(result.run);
	} catch {}
	return parts
		.map((part) => {
			try {
				return typeof part === 'string' ? part : JSON.stringify(part, safeReplacer());
			} catch {
				return String(part);
			}
		})
		.join('\n');
}

function safeReplacer() {
	const seen = new WeakSet();
	return (_key: string, value: unknown) => {
		if (typeof value === 'object' && value !== null) {
			if (seen.has(value)) return '[circular]';
			seen.add(value);
		}
		if (value instanceof Error) {
			const plain: Record<string, unknown> = {};
			for (const key of Object.getOwnPropertyNames(value)) plain[key] = (value as never)[key];
			return plain;
		}
		return value;
	};
}

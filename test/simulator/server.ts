import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { fakePng } from './fakePng';
import type { TaskScript, TaskStep } from './scenario';
import { isTimedTask } from './scenario';
import type { HttpAnswer, TaskRecord } from './taskAnswer';
import { answerFor } from './taskAnswer';

export interface RecordedRequest {
	method: string;
	/** The raw request target, exactly as it arrived (percent-encoding kept). */
	path: string;
	headers: IncomingMessage['headers'];
	body: string;
	receivedAt: number;
}

export interface SimulatorOptions {
	apiKey: string;
	port?: number;
	host?: string;
}

const TASK_ROUTE = /^\/kling\/v1\/images\/omni-image\/([^/?]+)$/;
const FILE_ROUTE = /^\/files\/([^/]+)\/(\d+)(-wm)?\.png$/;

interface TaskState {
	record: TaskRecord;
	script: TaskScript;
	reads: number;
	scriptedAt: number;
	firstReadAt?: number;
	finishedAt?: number;
	firstSeenFinishedAt?: number;
}

/** When a timed task finished, and when a client first read it as finished. */
export interface TaskTimeline {
	finishedAt?: number;
	firstSeenFinishedAt?: number;
	reads: number;
}

/** A CometAPI-compatible server for tests and the demo; loopback only. */
export class CometApiSimulator {
	readonly requests: RecordedRequest[] = [];
	/** Most task reads the server was answering at the same moment. */
	maxInFlight = 0;

	private inFlight = 0;

	private readonly tasks = new Map<string, TaskState>();
	private readonly sockets = new Set<Socket>();
	private readonly server = createServer(
		(request, response) => void this.handle(request, response),
	);
	private address = '';

	constructor(private readonly options: SimulatorOptions) {
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	get url(): string {
		return this.address;
	}

	async start(): Promise<this> {
		this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1');
		await once(this.server, 'listening');
		const { port } = this.server.address() as AddressInfo;
		this.address = `http://${this.options.host ?? '127.0.0.1'}:${port}`;
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Scripts a task; reads of an unscripted id answer task_not_exist. */
	setTask(taskId: string, script: TaskScript, externalTaskId?: string): void {
		const record = { taskId, createdAt: 1_782_450_245_512, externalTaskId };
		this.tasks.set(taskId, { record, script, reads: 0, scriptedAt: Date.now() });
	}

	timeline(taskId: string): TaskTimeline | undefined {
		const state = this.tasks.get(taskId);
		if (!state) return undefined;
		const { finishedAt, firstSeenFinishedAt, reads } = state;
		return { finishedAt, firstSeenFinishedAt, reads };
	}

	/** Requests whose path starts with the given prefix (all requests without one). */
	requestsTo(prefix = ''): RecordedRequest[] {
		return this.requests.filter((request) => request.path.startsWith(prefix));
	}

	reset(): void {
		this.requests.length = 0;
		this.maxInFlight = 0;
		this.tasks.clear();
	}

	private nextStep(state: TaskState, now: number): TaskStep {
		state.reads += 1;
		state.firstReadAt ??= now;
		const { script } = state;
		if (isTimedTask(script)) {
			const start = script.clock === 'scripted' ? state.scriptedAt : state.firstReadAt;
			state.finishedAt = start + script.finishAfterMs;
			const finished = now >= state.finishedAt;
			if (finished) state.firstSeenFinishedAt ??= now + (script.latencyMs ?? 0);
			const step = finished ? script.result : ({ status: 'processing' } as TaskStep);
			return script.latencyMs ? { ...step, delayMs: script.latencyMs } : step;
		}
		return script.steps[Math.min(state.reads, script.steps.length) - 1];
	}

	private authorized(request: IncomingMessage): boolean {
		return request.headers.authorization === `Bearer ${this.options.apiKey}`;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const path = request.url ?? '/';
		const method = request.method ?? 'GET';
		const receivedAt = Date.now();
		this.requests.push({
			method,
			path,
			headers: request.headers,
			body: Buffer.concat(chunks).toString(),
			receivedAt,
		});

		const file = FILE_ROUTE.exec(path);
		if (file && method === 'GET') {
			const bytes = fakePng(`${decodeURIComponent(file[1])}#${file[2]}${file[3] ?? ''}`);
			return this.send(
				response,
				{ status: 200, headers: { 'content-type': 'image/png' }, body: '' },
				bytes,
			);
		}
		if (!this.authorized(request)) {
			return this.send(response, {
				status: 401,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					error: {
						message: 'Invalid token (request id: sim-401)',
						type: 'comet_api_error',
						param: '',
						code: 'invalid_api_key',
					},
				}),
			});
		}
		if (path === '/v1/models' && method === 'GET') {
			const body = JSON.stringify({
				object: 'list',
				data: [{ id: 'kling-image-o1', object: 'model' }],
			});
			return this.send(response, {
				status: 200,
				headers: { 'content-type': 'application/json' },
				body,
			});
		}

		const route = TASK_ROUTE.exec(path);
		if (!route || method !== 'GET') {
			return this.send(response, {
				status: 404,
				headers: { 'content-type': 'text/html' },
				body: '<html><body>404 page not found</body></html>',
			});
		}
		await this.answerTaskRead(decodeURIComponent(route[1]), receivedAt, response);
	}

	private async answerTaskRead(
		taskId: string,
		now: number,
		response: ServerResponse,
	): Promise<void> {
		const state = this.tasks.get(taskId);
		if (!state) {
			const body = JSON.stringify({ code: null, message: 'task_not_exist' });
			return this.send(response, {
				status: 400,
				headers: { 'content-type': 'application/json' },
				body,
			});
		}

		const step = this.nextStep(state, now);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		response.on('close', () => this.inFlight--);
		if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
		if ('fault' in step && step.fault === 'reset') {
			response.socket?.destroy();
			return;
		}
		if ('fault' in step && step.fault === 'hang') return;

		const answer = answerFor(state.record, step, this.address);
		if (answer) this.send(response, answer);
	}

	private send(response: ServerResponse, answer: HttpAnswer, bytes?: Buffer): void {
		if (response.destroyed) return;
		response.writeHead(answer.status, answer.headers);
		response.end(bytes ?? answer.body);
	}
}

export async function startSimulator(options: SimulatorOptions): Promise<CometApiSimulator> {
	return await new CometApiSimulator(options).start();
}

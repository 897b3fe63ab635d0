import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { postCallback } from './callbacks';
import type { CreateBehaviour, CreateBody } from './createBehaviour';
import { defaultScript, withInvisibleReads } from './createBehaviour';
import { fakePng } from './fakePng';
import type { TaskScript, TaskStep } from './scenario';
import type { FileOverride, HttpAnswer, TaskRecord } from './taskAnswer';
import { answerFor, json } from './taskAnswer';
import type { TaskTimeline } from './taskStore';
import { TaskStore } from './taskStore';

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

const CREATE_ROUTE = '/kling/v1/images/omni-image';
const TASK_ROUTE = /^\/kling\/v1\/images\/omni-image\/([^/?]+)$/;
const FILE_ROUTE = /^\/files\/([^/]+)\/(\d+)(-wm)?\.png$/;

/** A CometAPI-compatible server for tests and the demo; loopback only. */
export class CometApiSimulator {
	readonly requests: RecordedRequest[] = [];
	/** Most task reads the server was answering at the same moment. */
	maxInFlight = 0;

	private inFlight = 0;

	private readonly tasks = new TaskStore();
	private readonly files = new Map<string, FileOverride>();
	private createQueue: CreateBehaviour[] = [];
	private createdCount = 0;
	/** Callbacks posted to callback_url, with the status the receiver answered. */
	readonly callbacks: Array<{ url: string; taskStatus: string; answeredWith: number | string }> =
		[];
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
		this.tasks.set(taskId, script, externalTaskId);
	}

	/** The next creates play these behaviours in order; later ones get the default. */
	onCreate(...behaviours: CreateBehaviour[]): void {
		this.createQueue.push(...behaviours);
	}

	/** Serves other bytes, type or status for one image path, such as `/files/t1/0.png`. */
	setFile(path: string, file: FileOverride): void {
		this.files.set(path, file);
	}

	timeline(taskId: string): TaskTimeline | undefined {
		return this.tasks.timeline(taskId);
	}

	/** Requests whose path starts with the given prefix (all requests without one). */
	requestsTo(prefix = ''): RecordedRequest[] {
		return this.requests.filter((request) => request.path.startsWith(prefix));
	}

	reset(): void {
		this.requests.length = 0;
		this.maxInFlight = 0;
		this.tasks.clear();
		this.files.clear();
		this.createQueue = [];
		this.createdCount = 0;
		this.callbacks.length = 0;
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
		if (file && method === 'GET') return await this.answerFile(path, file, response);
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

		if (path === CREATE_ROUTE && method === 'POST') {
			return await this.answerCreate(this.requests[this.requests.length - 1].body, response);
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

		await this.playStep(state.record, this.tasks.nextStep(state, now), response);
	}

	private async playStep(
		record: TaskRecord,
		step: TaskStep,
		response: ServerResponse,
	): Promise<void> {
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		response.on('close', () => this.inFlight--);
		if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
		if ('fault' in step && step.fault === 'reset') {
			response.socket?.destroy();
			return;
		}
		if ('fault' in step && step.fault === 'hang') return;

		const answer = answerFor(record, step, this.address);
		if (answer) this.send(response, answer);
	}

	private async answerFile(path: string, match: RegExpExecArray, response: ServerResponse) {
		const override = this.files.get(path) ?? {};
		if (override.delayMs) await new Promise((resolve) => setTimeout(resolve, override.delayMs));
		const bytes =
			override.bytes ?? fakePng(`${decodeURIComponent(match[1])}#${match[2]}${match[3] ?? ''}`);
		const headers = {
			'content-type': override.contentType ?? 'image/png',
			'content-length': String(bytes.length),
		};
		this.send(response, { status: override.status ?? 200, headers, body: '' }, bytes);
	}

	private async answerCreate(rawBody: string, response: ServerResponse): Promise<void> {
		let body: CreateBody;
		try {
			body = JSON.parse(rawBody) as CreateBody;
		} catch {
			return this.send(response, json(400, { code: 1200, message: 'invalid JSON body' }));
		}
		if (typeof body.prompt !== 'string' || !body.prompt) {
			return this.send(response, json(400, { code: 1201, message: 'prompt is required' }));
		}

		const behaviour = this.createQueue.shift() ?? {};
		const taskId = `sim-task-${++this.createdCount}`;
		const externalTaskId =
			typeof body.external_task_id === 'string' ? body.external_task_id : undefined;
		if (!behaviour.answer || behaviour.createAnyway) {
			const script = withInvisibleReads(
				behaviour.script ?? defaultScript(body),
				behaviour.invisibleReads ?? 0,
			);
			this.setTask(taskId, script, externalTaskId);
			if (typeof body.callback_url === 'string')
				this.scheduleCallbacks(taskId, body.callback_url, behaviour);
		}
		if (behaviour.answer)
			return await this.playStep({ taskId, createdAt: 0 }, behaviour.answer, response);

		const data = {
			task_id: taskId,
			task_status: 'submitted',
			task_info: externalTaskId ? { external_task_id: externalTaskId } : {},
			created_at: 1_782_450_245_512,
			updated_at: 1_782_450_245_512,
		};
		this.send(
			response,
			json(200, { code: 0, message: 'SUCCEED', request_id: `sim-create-${taskId}`, data }),
		);
	}

	/** Kling posts the task on each status change; the simulator plays processing, then done. */
	private scheduleCallbacks(taskId: string, url: string, behaviour: CreateBehaviour): void {
		const state = this.tasks.get(taskId);
		if (!state || !('steps' in state.script)) return;
		const finalStep = state.script.steps[state.script.steps.length - 1];
		const post = (step: TaskStep) => {
			const answer = answerFor(state.record, step, this.address);
			const taskStatus = 'status' in step ? step.status : 'unknown';
			if (!answer) return;
			postCallback(url, answer).then(
				(status) => this.callbacks.push({ url, taskStatus, answeredWith: status }),
				(error: Error) => this.callbacks.push({ url, taskStatus, answeredWith: error.message }),
			);
		};
		setTimeout(() => post({ status: 'processing' }), 50).unref();
		setTimeout(() => post(finalStep), behaviour.finishAfterMs ?? 500).unref();
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

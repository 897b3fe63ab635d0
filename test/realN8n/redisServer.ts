import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { freeLoopbackPort } from './freePort';

export interface RedisServer {
	host: string;
	port: number;
	/** Everything redis-server printed. */
	readonly output: string;
	stop(): Promise<void>;
}

/** Where redis-server is on PATH, or undefined (install it with `apt-get install redis-server`). */
export function findRedisServer(): string | undefined {
	for (const folder of (process.env.PATH ?? '').split(delimiter)) {
		const candidate = join(folder, 'redis-server');
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// Not in this folder.
		}
	}
	return undefined;
}

/**
 * A throwaway Redis (Debian's redis-server) for queue-mode tests: loopback only, on a port
 * nobody uses, no persistence, its working folder deleted on stop.
 */
export async function startRedisServer(timeoutMs = 20_000): Promise<RedisServer> {
	const binary = findRedisServer();
	if (!binary) {
		throw new Error(
			'redis-server is not installed: queue-mode tests need it (apt-get install -y redis-server; .ci/run does this)',
		);
	}
	const folder = await mkdtemp(join(tmpdir(), 'kling-redis-'));
	const port = await freeLoopbackPort();
	const child = spawn(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			folder,
			'--daemonize',
			'no',
			'--loglevel',
			'notice',
		],
		{ cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(timer);
		}
		await rm(folder, { recursive: true, force: true });
	};

	const started = Date.now();
	while (!/Ready to accept connections/.test(output)) {
		if (child.exitCode !== null || Date.now() - started > timeoutMs) {
			await stop();
			throw new Error(`redis-server did not start on 127.0.0.1:${port}:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return {
		host: '127.0.0.1',
		port,
		get output() {
			return output;
		},
		stop,
	};
}

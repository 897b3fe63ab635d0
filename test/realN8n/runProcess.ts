import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';

export interface ProcessOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs: number;
	/** Receives stderr as it arrives, for long installs whose progress should stay visible. */
	onStderr?: (chunk: string) => void;
	/** Stops the process early, e.g. when the test or the demo that started it gives up. */
	signal?: AbortSignal;
}

export interface ProcessResult {
	command: string;
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	timedOut: boolean;
	stdout: string;
	stderr: string;
}

/**
 * Runs a command without blocking the event loop: the simulator lives in this same process
 * and must keep answering while n8n talks to it, so execSync and friends are off limits.
 */
export async function runProcess(
	command: string,
	args: string[],
	options: ProcessOptions,
): Promise<ProcessResult> {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
		options.onStderr?.(chunk);
	});

	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		stopProcess(child);
	}, options.timeoutMs);
	const abort = () => stopProcess(child);
	options.signal?.addEventListener('abort', abort);
	if (options.signal?.aborted) abort();

	try {
		const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
			(resolve, reject) => {
				child.once('error', reject);
				child.once('close', (code, closeSignal) => resolve([code, closeSignal]));
			},
		);
		return { command: [command, ...args].join(' '), exitCode, signal, timedOut, stdout, stderr };
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', abort);
	}
}

/** SIGTERM first so n8n can stop its task runner; SIGKILL if it does not go. */
function stopProcess(child: ChildProcess): void {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	setTimeout(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	}, 5_000).unref();
}

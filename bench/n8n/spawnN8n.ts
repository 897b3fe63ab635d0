import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { open } from 'node:fs/promises';

import { watchPeakRss } from './peakRss';

const running = new Set<ChildProcess>();

/** Stops every n8n this module started that still runs (on Ctrl-C, say). */
export function stopRunningN8n(): void {
	for (const child of running) child.kill('SIGTERM');
}

export interface SpawnedRun {
	exitCode: number | null;
	timedOut: boolean;
	/** Wall time of the whole process, start-up included. */
	wallMs: number;
	/** Peak RSS of the n8n process (VmHWM), bytes. */
	peakRssBytes?: number;
	/** The last 4 KB of stderr, for error messages. */
	stderrTail: string;
}

export interface SpawnOptions {
	command: string;
	args: string[];
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Stdout goes to this file: run data with binaries can outgrow a JavaScript string. */
	stdoutFile: string;
	timeoutMs: number;
}

/**
 * Runs one n8n command with stdout to a file while sampling its peak RSS. SIGTERM at the
 * timeout (n8n then stops its task runner), SIGKILL 5 s later if it is still there.
 */
export async function spawnN8n(options: SpawnOptions): Promise<SpawnedRun> {
	const stdout = await open(options.stdoutFile, 'w');
	const started = Date.now();
	const child = spawn(options.command, options.args, {
		cwd: options.cwd,
		env: options.env,
		stdio: ['ignore', stdout.fd, 'pipe'],
	});
	running.add(child);
	let stderr = '';
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderr = (stderr + chunk).slice(-4096);
	});
	const peak = child.pid === undefined ? undefined : watchPeakRss(child.pid);
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		child.kill('SIGTERM');
		setTimeout(() => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}, 5_000).unref();
	}, options.timeoutMs);
	try {
		const [exitCode] = (await once(child, 'close')) as [number | null];
		return {
			exitCode,
			timedOut,
			wallMs: Date.now() - started,
			peakRssBytes: peak?.stop(),
			stderrTail: stderr,
		};
	} finally {
		clearTimeout(timer);
		running.delete(child);
		peak?.stop();
		await stdout.close();
	}
}

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

import { commandEnvironment } from './environment';
import type { N8nInstallation } from './install';

export interface N8nProcessOptions {
	installation: N8nInstallation;
	userFolder: string;
	encryptionKey: string;
	cwd: string;
	/** Environment over the isolated defaults: ports, queue mode... */
	env?: NodeJS.ProcessEnv;
}

const STOP_GRACE_MS = 15_000;

/**
 * A long-running n8n command (`n8n start`, `n8n worker`), for tests that talk to a server
 * rather than run `n8n execute`. Keeps everything it prints; stop it in afterAll.
 */
export class N8nProcess {
	private text = '';
	private readonly exit: Promise<number | null>;
	private readonly listeners = new Set<() => void>();

	private constructor(
		readonly command: string,
		private readonly child: ChildProcess,
	) {
		const collect = (chunk: string) => {
			this.text += chunk;
			for (const listener of this.listeners) listener();
		};
		child.stdout?.setEncoding('utf8').on('data', collect);
		child.stderr?.setEncoding('utf8').on('data', collect);
		this.exit = new Promise((resolve) => {
			child.once('error', (error) => {
				collect(`\n[spawn error] ${error.message}\n`);
				resolve(null);
			});
			child.once('close', (code) => {
				for (const listener of this.listeners) listener();
				resolve(code);
			});
		});
	}

	static async spawn(args: string[], options: N8nProcessOptions): Promise<N8nProcess> {
		const env = await commandEnvironment(options);
		const child = spawn(options.installation.nodeBinary, [options.installation.n8nEntry, ...args], {
			cwd: options.cwd,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		return new N8nProcess(`n8n ${args.join(' ')}`, child);
	}

	/** Everything the process printed so far, stdout and stderr interleaved. */
	get output(): string {
		return this.text;
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Resolves with the first match of `pattern` in the output; fails if the process exits. */
	async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
		return await new Promise((resolve, reject) => {
			const check = () => {
				const match = this.text.match(pattern);
				if (match) return done(() => resolve(match));
				if (!this.running) {
					done(() =>
						reject(new Error(`${this.command} exited before printing ${pattern}:\n${this.text}`)),
					);
				}
			};
			const timer = setTimeout(
				() =>
					done(() =>
						reject(
							new Error(
								`${this.command} did not print ${pattern} in ${timeoutMs} ms:\n${this.text}`,
							),
						),
					),
				timeoutMs,
			);
			const done = (settle: () => void) => {
				clearTimeout(timer);
				this.listeners.delete(check);
				settle();
			};
			this.listeners.add(check);
			check();
		});
	}

	/** SIGTERM (n8n shuts down gracefully), SIGKILL if it has not gone after a grace period. */
	async stop(): Promise<number | null> {
		if (this.running) {
			this.child.kill('SIGTERM');
			const timer = setTimeout(() => {
				if (this.running) this.child.kill('SIGKILL');
			}, STOP_GRACE_MS);
			try {
				return await this.exit;
			} finally {
				clearTimeout(timer);
			}
		}
		return await this.exit;
	}
}

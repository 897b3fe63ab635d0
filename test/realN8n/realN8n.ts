import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runN8nCommand } from './cli';
import type { CredentialExport } from './credentials';
import type { WorkflowExport } from './exampleWorkflow';
import type { N8nItem, N8nRun, N8nRunError } from './executeOutput';
import { nodeItems, parseExecuteOutput } from './executeOutput';
import type { N8nInstallation } from './install';
import { ensureN8nInstalled } from './install';
import { N8nProcess } from './n8nProcess';
import { packPackage } from './packPackage';
import type { ProcessResult } from './runProcess';
import { installCommunityPackage } from './userFolder';
import { n8nMajor } from './versions';

export interface N8nExecution {
	exitCode: number | null;
	/** Everything the command printed, stdout then stderr. */
	output: string;
	run: N8nRun;
	/** n8n's execution status: success, error, canceled... */
	status: string;
	/** The error that stopped the run, if one did. */
	error?: N8nRunError;
	items(nodeName: string, output?: number): N8nItem[];
}

const IMPORT_TIMEOUT_MS = 120_000;

export interface PrepareOptions {
	/** The n8n version to run (installed on first use); default N8N_VERSION, else 2.x. */
	version?: string;
	/**
	 * Environment every command of this n8n gets, over the isolated defaults: for example
	 * queue mode and Redis, so imports and servers share one configuration.
	 */
	env?: NodeJS.ProcessEnv;
}

/**
 * A real n8n, installed from the npm registry, with this package installed in a fresh user
 * folder as the Community Nodes panel installs it. Prepare one per test file: the first
 * command runs n8n's database migrations (seconds), later commands reuse the folder.
 */
export class RealN8n {
	private readonly outputs: string[] = [];
	private readonly stop = new AbortController();
	private imports = 0;
	private readonly processes: N8nProcess[] = [];

	private constructor(
		readonly installation: N8nInstallation,
		/** Temp folder holding the user folder, the packed tarball and import files. */
		readonly root: string,
		readonly userFolder: string,
		readonly packageFolder: string,
		private readonly encryptionKey: string,
		private readonly env: NodeJS.ProcessEnv,
	) {}

	static async prepare(options: PrepareOptions = {}): Promise<RealN8n> {
		const installation = await ensureN8nInstalled(options.version);
		const root = await mkdtemp(join(tmpdir(), 'kling-real-n8n-'));
		try {
			await mkdir(join(root, 'pack'));
			const packed = await packPackage(join(root, 'pack'));
			const userFolder = join(root, 'user');
			const packageFolder = await installCommunityPackage(userFolder, packed);
			const encryptionKey = randomBytes(24).toString('hex');
			return new RealN8n(
				installation,
				root,
				userFolder,
				packageFolder,
				encryptionKey,
				options.env ?? {},
			);
		} catch (error) {
			await rm(root, { recursive: true, force: true });
			throw error;
		}
	}

	get version(): string {
		return this.installation.version;
	}

	get major(): number {
		return n8nMajor(this.installation.version);
	}

	/** Everything every n8n command printed so far, to check that no secret leaked. */
	get transcript(): string {
		return this.outputs.join('\n');
	}

	async importCredentials(credentials: CredentialExport[]): Promise<void> {
		await this.importFile('import:credentials', credentials);
	}

	async importWorkflows(workflows: WorkflowExport[]): Promise<void> {
		await this.importFile('import:workflow', workflows);
	}

	/** `n8n execute --id --rawOutput` (never `--file`, which 2.x ignores and exits 0). */
	async execute(workflowId: string, timeoutMs = 300_000): Promise<N8nExecution> {
		const result = await this.run(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs);
		const output = combined(result);
		const run = parseExecuteOutput(result.stdout) ?? parseExecuteOutput(output);
		if (!run) {
			// n8n 2.41 says only "No active execution found" when a node type did not load.
			throw new Error(
				`n8n execute printed no run data (exit ${result.exitCode}). If it says "No active ` +
					`execution found", a node type of the workflow did not load:\n${output}`,
			);
		}
		return {
			exitCode: result.exitCode,
			output,
			run,
			status: run.status,
			error: run.data.resultData.error,
			items: (nodeName, outputIndex = 0) => nodeItems(run, nodeName, outputIndex),
		};
	}

	/**
	 * Makes an imported workflow active, so `n8n start` (or a worker) registers its trigger
	 * when it starts. n8n 2.x publishes a version; 1.x sets the active flag.
	 */
	async activateWorkflow(workflowId: string): Promise<void> {
		const args =
			this.major >= 2
				? ['publish:workflow', `--id=${workflowId}`]
				: ['update:workflow', `--id=${workflowId}`, '--active=true'];
		const result = await this.run(args, IMPORT_TIMEOUT_MS);
		if (result.exitCode !== 0) {
			throw new Error(`n8n ${args[0]} failed (exit ${result.exitCode}):\n${combined(result)}`);
		}
	}

	/**
	 * Starts a long-running n8n command on this user folder (`start`, `worker`), with `env`
	 * over this n8n's environment. dispose() stops it if the caller did not.
	 */
	async spawn(args: string[], env: NodeJS.ProcessEnv = {}): Promise<N8nProcess> {
		const started = await N8nProcess.spawn(args, {
			installation: this.installation,
			userFolder: this.userFolder,
			encryptionKey: this.encryptionKey,
			cwd: this.root,
			env: { ...this.env, ...env },
		});
		this.processes.push(started);
		return started;
	}

	/** Stops every n8n it started and deletes the temp folder (with the imported keys). */
	async dispose(): Promise<void> {
		this.stop.abort();
		await Promise.all(this.processes.map(async (started) => await started.stop()));
		for (const started of this.processes) this.outputs.push(started.output);
		await rm(this.root, { recursive: true, force: true, maxRetries: 3 });
	}

	private async importFile(command: string, entries: unknown[]): Promise<void> {
		// The files hold plain API keys: write them next to the user folder, delete at once.
		const file = join(this.root, `import-${++this.imports}.json`);
		await writeFile(file, JSON.stringify(entries), { encoding: 'utf8', mode: 0o600 });
		try {
			const result = await this.run([command, `--input=${file}`], IMPORT_TIMEOUT_MS);
			if (result.exitCode !== 0) {
				throw new Error(`n8n ${command} failed (exit ${result.exitCode}):\n${combined(result)}`);
			}
		} finally {
			await rm(file, { force: true });
		}
	}

	private async run(args: string[], timeoutMs: number): Promise<ProcessResult> {
		const result = await runN8nCommand(args, {
			installation: this.installation,
			userFolder: this.userFolder,
			encryptionKey: this.encryptionKey,
			cwd: this.root,
			timeoutMs,
			signal: this.stop.signal,
			env: this.env,
		});
		this.outputs.push(combined(result));
		if (result.timedOut) throw new Error(`n8n ${args[0]} did not finish in ${timeoutMs} ms`);
		return result;
	}
}

function combined(result: ProcessResult): string {
	return result.stderr ? `${result.stdout}\n${result.stderr}` : result.stdout;
}

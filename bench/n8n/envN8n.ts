import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { CredentialExport, N8nRun, WorkflowExport } from '../../test/realN8n';
import { n8nEnvironment } from '../../test/realN8n/environment';
import { parseExecuteOutput } from '../../test/realN8n/executeOutput';
import { freeLoopbackPort } from '../../test/realN8n/freePort';
import type { N8nInstallation } from '../../test/realN8n/install';
import { ensureN8nInstalled } from '../../test/realN8n/install';
import { packPackage } from '../../test/realN8n/packPackage';
import { installCommunityPackage } from '../../test/realN8n/userFolder';
import type { SpawnedRun } from './spawnN8n';
import { spawnN8n } from './spawnN8n';

/** Run data larger than this is not read back (it would not fit in one string). */
const MAX_PARSED_OUTPUT_BYTES = 256 * 1024 * 1024;

export interface EnvExecution extends SpawnedRun {
	run?: N8nRun;
	stdoutBytes: number;
	/** The last 4 KB n8n printed on stdout (its log lines and errors go there too). */
	stdoutTail: string;
}

async function tail(file: string, bytes: number): Promise<string> {
	const handle = await open(file, 'r');
	try {
		const { size } = await handle.stat();
		const buffer = Buffer.alloc(Math.min(size, bytes));
		await handle.read(buffer, 0, buffer.length, size - buffer.length);
		return buffer.toString('utf8');
	} finally {
		await handle.close();
	}
}

/**
 * A real n8n like test/realN8n's RealN8n, with two things that library does not offer yet:
 * extra environment variables per command (N8N_DEFAULT_BINARY_DATA_MODE) and the peak RSS
 * of the n8n process. Built from the library's own pieces; remove once RealN8n has both.
 */
export class EnvN8n {
	private imports = 0;

	private constructor(
		readonly installation: N8nInstallation,
		readonly root: string,
		readonly userFolder: string,
		private readonly encryptionKey: string,
	) {}

	static async prepare(): Promise<EnvN8n> {
		const installation = await ensureN8nInstalled();
		const root = await mkdtemp(join(tmpdir(), 'kling-bench-n8n-'));
		await mkdir(join(root, 'pack'));
		const userFolder = join(root, 'user');
		await installCommunityPackage(userFolder, await packPackage(join(root, 'pack')));
		return new EnvN8n(installation, root, userFolder, randomBytes(24).toString('hex'));
	}

	async importAll(credentials: CredentialExport[], workflows: WorkflowExport[]): Promise<void> {
		await this.importFile('import:credentials', credentials);
		await this.importFile('import:workflow', workflows);
	}

	async execute(
		workflowId: string,
		extraEnv: Record<string, string>,
		timeoutMs: number,
	): Promise<EnvExecution> {
		const stdoutFile = join(this.root, `execute-${workflowId}.out`);
		const result = await this.command(['execute', `--id=${workflowId}`, '--rawOutput'], {
			extraEnv,
			timeoutMs,
			stdoutFile,
		});
		const { size } = await stat(stdoutFile);
		const run =
			size <= MAX_PARSED_OUTPUT_BYTES
				? parseExecuteOutput(await readFile(stdoutFile, 'utf8'))
				: undefined;
		const stdoutTail = await tail(stdoutFile, 4096);
		await rm(stdoutFile, { force: true });
		return { ...result, run, stdoutBytes: size, stdoutTail };
	}

	async dispose(): Promise<void> {
		await rm(this.root, { recursive: true, force: true, maxRetries: 3 });
	}

	private async importFile(command: string, entries: unknown[]): Promise<void> {
		const file = join(this.root, `import-${++this.imports}.json`);
		await writeFile(file, JSON.stringify(entries), { encoding: 'utf8', mode: 0o600 });
		try {
			const result = await this.command([command, `--input=${file}`], {
				extraEnv: {},
				timeoutMs: 120_000,
				stdoutFile: `${file}.out`,
			});
			if (result.exitCode !== 0) {
				throw new Error(`n8n ${command} failed (exit ${result.exitCode}): ${result.stderrTail}`);
			}
		} finally {
			await rm(file, { force: true });
			await rm(`${file}.out`, { force: true });
		}
	}

	private async command(
		args: string[],
		options: { extraEnv: Record<string, string>; timeoutMs: number; stdoutFile: string },
	): Promise<SpawnedRun> {
		const env = n8nEnvironment({
			installation: this.installation,
			userFolder: this.userFolder,
			encryptionKey: this.encryptionKey,
			brokerPort: await freeLoopbackPort(),
		});
		return await spawnN8n({
			command: this.installation.nodeBinary,
			args: [this.installation.n8nEntry, ...args],
			cwd: this.root,
			env: { ...env, ...options.extraEnv },
			stdoutFile: options.stdoutFile,
			timeoutMs: options.timeoutMs,
		});
	}
}

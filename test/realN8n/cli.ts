import { commandEnvironment } from './environment';
import type { N8nInstallation } from './install';
import type { ProcessResult } from './runProcess';
import { runProcess } from './runProcess';

export interface N8nCommandOptions {
	installation: N8nInstallation;
	userFolder: string;
	encryptionKey: string;
	cwd: string;
	timeoutMs: number;
	signal?: AbortSignal;
	/** Environment over the isolated defaults (see n8nEnvironment). */
	env?: NodeJS.ProcessEnv;
}

/** Runs one `n8n <args>` command on Node 24, in the isolated environment. */
export async function runN8nCommand(
	args: string[],
	options: N8nCommandOptions,
): Promise<ProcessResult> {
	const env = await commandEnvironment(options);
	return await runProcess(
		options.installation.nodeBinary,
		[options.installation.n8nEntry, ...args],
		{
			cwd: options.cwd,
			env,
			timeoutMs: options.timeoutMs,
			signal: options.signal,
		},
	);
}

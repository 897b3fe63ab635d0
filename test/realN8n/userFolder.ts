import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { PackedPackage } from './packPackage';
import { runProcess } from './runProcess';

interface PackageJson {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	[field: string]: unknown;
}

/**
 * Installs the packed package into an n8n user folder the way the Community Nodes panel of
 * n8n 2.41 does (CommunityPackagesService.downloadPackage): untar into
 * `.n8n/nodes/node_modules/<name>`, drop dev, peer and optional dependencies from its
 * package.json, and record it in the `.n8n/nodes/package.json` ledger. n8n then finds it
 * because its folder name matches `n8n-nodes-*`, and names its node types `<name>.<node>`.
 */
export async function installCommunityPackage(
	userFolder: string,
	packed: PackedPackage,
): Promise<string> {
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	const packageFolder = join(nodesFolder, 'node_modules', packed.name);
	await mkdir(packageFolder, { recursive: true });

	const untar = await runProcess(
		'tar',
		['-xzf', packed.tarball, '-C', packageFolder, '--strip-components=1'],
		{ timeoutMs: 60_000 },
	);
	if (untar.exitCode !== 0) throw new Error(`Could not unpack ${packed.tarball}:\n${untar.stderr}`);

	const manifestPath = join(packageFolder, 'package.json');
	const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as PackageJson;
	const installed: PackageJson = { ...manifest };
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) {
		delete installed[field];
	}
	// The panel would `npm install` runtime dependencies from the registry; a verified
	// community package has none, and these tests never reach a registry.
	if (Object.keys(installed.dependencies ?? {}).length > 0) {
		throw new Error(`${packed.name} declares runtime dependencies; community nodes must not`);
	}
	await writeFile(manifestPath, JSON.stringify(installed, null, 2), 'utf8');

	const ledger = {
		name: 'installed-nodes',
		private: true,
		dependencies: { [packed.name]: packed.version },
	};
	await writeFile(join(nodesFolder, 'package.json'), JSON.stringify(ledger, null, 2), 'utf8');
	return packageFolder;
}

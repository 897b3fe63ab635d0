import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { REPO_ROOT } from './repoPaths';
import { runProcess } from './runProcess';

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
}

async function newestMtime(folder: string): Promise<number> {
	let newest = 0;
	for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const { mtimeMs } = await stat(join(entry.parentPath, entry.name));
		newest = Math.max(newest, mtimeMs);
	}
	return newest;
}

/**
 * n8n runs what `npm pack` ships, that is dist/. A dist older than the sources would test
 * yesterday's code while looking green, so it is refused rather than rebuilt behind the
 * caller's back (the demo and `npm test` build first).
 */
export async function assertBuilt(): Promise<void> {
	const dist = join(REPO_ROOT, 'dist');
	const built = await newestMtime(dist).catch(() => 0);
	const sources = Math.max(
		await newestMtime(join(REPO_ROOT, 'nodes')),
		await newestMtime(join(REPO_ROOT, 'credentials')),
	);
	if (built === 0) throw new Error('dist/ is missing: run `npm run build` first');
	if (sources > built) {
		throw new Error('dist/ is older than nodes/ or credentials/: run `npm run build` first');
	}
}

/** `npm pack` of the repository, exactly the tarball a user would install from npm. */
export async function packPackage(destination: string): Promise<PackedPackage> {
	await assertBuilt();
	const result = await runProcess(
		'npm',
		// Offline and without the update check: packing a local folder needs no registry.
		[
			'pack',
			'--json',
			'--ignore-scripts',
			'--offline',
			'--no-update-notifier',
			'--pack-destination',
			destination,
		],
		{ cwd: REPO_ROOT, env: process.env, timeoutMs: 120_000 },
	);
	if (result.exitCode !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
	const [packed] = JSON.parse(result.stdout) as Array<{
		name: string;
		version: string;
		filename: string;
	}>;
	return {
		name: packed.name,
		version: packed.version,
		tarball: join(destination, packed.filename),
	};
}

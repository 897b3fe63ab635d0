import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { packPackage } from '../realN8n/packPackage';
import type { PackedPackage } from '../realN8n/packPackage';
import { REPO_ROOT } from '../realN8n/repoPaths';
import { runProcess } from '../realN8n/runProcess';

export interface UnpackedPackage extends PackedPackage {
	/** Paths inside the tarball, without npm's leading `package/`, sorted. */
	entries: string[];
	/** The tarball unpacked, as npm would install it. */
	folder: string;
	dispose(): Promise<void>;
}

/**
 * `npm pack` of the built repository, listed and unpacked. The folder lives under the
 * repository's `.tmp/` (git-ignored), so code loaded from it resolves n8n-workflow from the
 * repository's node_modules as it would from n8n's.
 */
export async function packAndUnpack(): Promise<UnpackedPackage> {
	await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
	const root = await mkdtemp(join(REPO_ROOT, '.tmp', 'package-test-'));
	try {
		const packed = await packPackage(root);
		const list = await runProcess('tar', ['-tzf', packed.tarball], { timeoutMs: 60_000 });
		if (list.exitCode !== 0) throw new Error(`tar -t failed:\n${list.stderr}`);
		const entries = list.stdout
			.split('\n')
			.filter((line) => line && !line.endsWith('/'))
			.map((line) => line.replace(/^package\//, ''))
			.sort();

		const folder = join(root, 'unpacked');
		await mkdir(folder);
		const untar = await runProcess(
			'tar',
			['-xzf', packed.tarball, '-C', folder, '--strip-components=1'],
			{ timeoutMs: 60_000 },
		);
		if (untar.exitCode !== 0) throw new Error(`tar -x failed:\n${untar.stderr}`);
		return {
			...packed,
			entries,
			folder,
			dispose: async () => await rm(root, { recursive: true, force: true }),
		};
	} catch (error) {
		await rm(root, { recursive: true, force: true });
		throw error;
	}
}

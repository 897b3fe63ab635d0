import { REPO_ROOT } from '../../test/realN8n/repoPaths';
import { runProcess } from '../../test/realN8n/runProcess';

/** The commit the measured package was built from, and whether its sources differ from it. */
export async function codeVersion(): Promise<string> {
	const git = async (args: string[]) =>
		(await runProcess('git', args, { cwd: REPO_ROOT, timeoutMs: 10_000 })).stdout.trim();
	const commit = await git(['rev-parse', '--short', 'HEAD']).catch(() => '');
	if (!commit) return 'unknown (not a git checkout)';
	const changed = await git(['status', '--porcelain', '--', 'nodes', 'credentials']);
	return changed ? `${commit} with uncommitted changes in nodes/ or credentials/` : commit;
}

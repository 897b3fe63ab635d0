import type { N8nInstallation } from '../../test/realN8n/install';
import { runProcess } from '../../test/realN8n/runProcess';

/** The Node.js version n8n runs on (not the bench's own). */
export async function n8nNodeVersion(installation: N8nInstallation): Promise<string> {
	const result = await runProcess(installation.nodeBinary, ['--version'], { timeoutMs: 10_000 });
	return result.stdout.trim() || 'unknown';
}

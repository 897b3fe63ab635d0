import { join, resolve } from 'node:path';

/** The package's own folder: everything below is found from here, whatever the cwd. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

export const INSTALL_SCRIPT = join(REPO_ROOT, 'scripts', 'install-n8n.sh');

/** The example users import into n8n; the demo and the end-to-end tests run this same file. */
export const EXAMPLE_WORKFLOW_FILE = join(REPO_ROOT, 'examples', 'get-task-and-wait.workflow.json');

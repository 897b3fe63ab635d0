import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { WorkflowExport, WorkflowNode } from '../realN8n';
import { cometApiCredential, e2eN8nVersions, RealN8n } from '../realN8n';
import { fakePng } from '../simulator/fakePng';
import type { CometApiSimulator } from '../simulator/server';
import { startSimulator } from '../simulator/server';

// The "generate every morning, store in S3, announce on Slack" example, run in real n8n
// versions in both binary data modes. S3 and Slack need accounts, so they are disabled (a
// disabled node hands its input on) and an Extract From File node after them reads the
// files: the bytes a later node reads must be the bytes the image host served.

const API_KEY = `sk-e2e-${randomBytes(16).toString('hex')}`;
const CREDENTIAL = { id: 'e2eStorageCometKey', name: 'CometAPI (simulator)' };
const EXAMPLE_FILE = join(
	__dirname,
	'..',
	'..',
	'examples',
	'generate-to-s3-and-slack.workflow.json',
);
const NODES = {
	trigger: 'Every morning',
	generate: 'Generate images',
	upload: 'Upload to S3',
	announce: 'Announce on Slack',
	readFile: 'Read the stored file',
} as const;
const BINARY_MODES = ['default', 'filesystem'] as const;

function nodeNamed(workflow: WorkflowExport, name: string): WorkflowNode {
	const found = workflow.nodes.find((node) => node.name === name);
	if (!found) throw new Error(`${EXAMPLE_FILE} has no node named "${name}"`);
	return found;
}

/** The example with only what a test must swap; its Kling node is the file users import. */
function storageWorkflow(id: string): WorkflowExport {
	const workflow = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as WorkflowExport;
	workflow.id = id;
	Object.assign(nodeNamed(workflow, NODES.trigger), {
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		parameters: {},
	});
	const generate = nodeNamed(workflow, NODES.generate);
	generate.credentials = { cometApi: { ...CREDENTIAL } };
	Object.assign(generate.parameters, { pollInterval: 1, maxWaitTime: 60 });
	for (const name of [NODES.upload, NODES.announce]) {
		Object.assign(nodeNamed(workflow, name), { disabled: true });
	}

	workflow.nodes.push({
		id: 'e2e-read-file',
		name: NODES.readFile,
		type: 'n8n-nodes-base.extractFromFile',
		typeVersion: 1,
		position: [1320, 0],
		parameters: {
			operation: 'binaryToPropery',
			binaryPropertyName: 'data',
			destinationKey: 'base64',
			options: {},
		},
	});
	(workflow.connections as Record<string, unknown>)[NODES.announce] = {
		main: [[{ node: NODES.readFile, type: 'main', index: 0 }]],
	};
	return workflow;
}

let simulator: CometApiSimulator;

beforeAll(async () => {
	simulator = await startSimulator({ apiKey: API_KEY });
});

afterAll(async () => await simulator?.stop());

describe.each(e2eN8nVersions())('Generate to storage in a real n8n %s', (version) => {
	describe.each(BINARY_MODES)('with binary data mode "%s"', (mode) => {
		let n8n: RealN8n;
		const workflowId = `e2eStore${mode === 'default' ? 'Memory' : 'Disk'}`;

		beforeAll(async () => {
			n8n = await RealN8n.prepare({ version, env: { N8N_DEFAULT_BINARY_DATA_MODE: mode } });
			await n8n.importCredentials([
				cometApiCredential(CREDENTIAL, { apiKey: API_KEY, baseUrl: simulator.url }),
			]);
			await n8n.importWorkflows([storageWorkflow(workflowId)]);
		}, 40 * 60_000);

		afterAll(async () => await n8n?.dispose());

		test('creates every prompt once and hands the exact image bytes to later nodes', async () => {
			simulator.reset();

			const execution = await n8n.execute(workflowId);

			expect(execution.error).toBeUndefined();
			const creates = simulator.requests.filter((request) => request.method === 'POST');
			expect(creates.map((create) => JSON.parse(create.body).prompt).sort()).toEqual([
				'A cup of coffee on a sunny windowsill, watercolor',
				"A fox reading a newspaper in a cafe, children's book style",
			]);

			const images = execution.items(NODES.generate);
			expect(images).toHaveLength(4);
			const files = execution.items(NODES.readFile);
			expect(files).toHaveLength(4);
			images.forEach((image, position) => {
				const { task_id: taskId, index } = image.json as { task_id: string; index: number };
				const served = fakePng(`${taskId}#${index}`);
				expect(files[position].json.base64).toBe(served.toString('base64'));
			});
			expect(simulator.requestsTo('/files/')).toHaveLength(4);
			expect(n8n.transcript).not.toContain(API_KEY);
		}, 120_000);
	});
});

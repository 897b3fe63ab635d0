import type { CredentialExport, RealN8n } from '../test/realN8n';
import { cometApiCredential } from '../test/realN8n';
import type { CometApiSimulator } from '../test/simulator/server';
import type { EnvN8n } from './n8n/envN8n';
import type { BenchContext } from './scenarios/context';
import { createAndWaitWorkflows } from './scenarios/createAndWait';
import { preparePeakMemory } from './scenarios/memory/modes';
import { throughputWorkflows } from './scenarios/throughput';
import { waitOnTasksWorkflows } from './scenarios/wait/contenders';

const CREDENTIALS = {
	cometApi: { id: 'benchCometApiCred1', name: 'CometAPI (simulator)' },
	headerAuth: { id: 'benchHeaderAuthCred', name: 'Header Auth (simulator)' },
};

/**
 * Imports the credentials (ours, and the Header Auth a hand-built HTTP Request uses) and
 * every workflow once, so that each measured run costs one `n8n execute` and nothing more.
 */
export async function prepareBench(
	simulator: CometApiSimulator,
	apiKey: string,
	n8n: RealN8n,
	envN8n: EnvN8n,
): Promise<BenchContext> {
	const context: BenchContext = {
		simulator,
		n8n,
		client: { baseUrl: simulator.url, apiKey },
		credentials: CREDENTIALS,
	};
	const cometApi = cometApiCredential(CREDENTIALS.cometApi, { apiKey, baseUrl: simulator.url });
	const headerAuth: CredentialExport = {
		...CREDENTIALS.headerAuth,
		type: 'httpHeaderAuth',
		data: { name: 'Authorization', value: `Bearer ${apiKey}` },
	};
	await n8n.importCredentials([cometApi, headerAuth]);
	await n8n.importWorkflows([
		...waitOnTasksWorkflows(context),
		...throughputWorkflows(context),
		...createAndWaitWorkflows(context),
	]);
	await preparePeakMemory(envN8n, context, cometApi);
	return context;
}

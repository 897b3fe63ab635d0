import type { CredentialRef, RealN8n } from '../../test/realN8n';
import type { CometApiSimulator } from '../../test/simulator/server';
import type { PlainClient } from '../plain/cometApi';

/** What every scenario shares: one simulator, one prepared n8n, the credentials in it. */
export interface BenchContext {
	simulator: CometApiSimulator;
	n8n: RealN8n;
	client: PlainClient;
	credentials: { cometApi: CredentialRef; headerAuth: CredentialRef };
}

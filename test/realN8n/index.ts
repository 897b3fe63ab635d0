// A real n8n for end-to-end tests and the demo: dev-only, never part of the published package.
export { cometApiCredential, COMET_API_CREDENTIAL_TYPE } from './credentials';
export type { CredentialExport, CredentialRef } from './credentials';
export {
	EXAMPLE_NODES,
	exampleCredential,
	exampleWorkflow,
	loadExampleWorkflow,
} from './exampleWorkflow';
export type { ExampleOverrides, WorkflowExport, WorkflowNode } from './exampleWorkflow';
export { pairedIndex } from './executeOutput';
export type { N8nItem, N8nRun, N8nRunError } from './executeOutput';
export { N8nProcess } from './n8nProcess';
export { RealN8n } from './realN8n';
export type { N8nExecution, PrepareOptions } from './realN8n';
export { freeLoopbackPort } from './freePort';
export { defaultN8nVersion, e2eN8nVersions, n8nMajor, TESTED_N8N_VERSIONS } from './versions';
export { EXAMPLE_WORKFLOW_FILE } from './repoPaths';

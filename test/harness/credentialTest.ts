import type { ICredentialDataDecryptedObject, INode, IHttpRequestOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CometApi } from '../../credentials/CometApi.credentials';
import { TestCredentialsHelper } from './credentialsHelper';

const credentialType = new CometApi();

/**
 * Plays the credential's declared test request as n8n does when a credential is saved:
 * expressions resolved with `$credentials`, authentication applied, then one request.
 * Returns the HTTP status the server gave.
 */
export async function runCredentialTest(data: ICredentialDataDecryptedObject): Promise<number> {
	const node: INode = {
		id: 'credential-test',
		name: 'Credential test',
		type: 'test.items',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => ({ description: { properties: [] } }) as never,
			getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
			getKnownTypes: () => ({}),
		},
	});
	const resolve = (value: string | undefined) =>
		workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: data },
			undefined,
			'',
		);

	const { request } = credentialType.test;
	const helper = new TestCredentialsHelper({ cometApi: credentialType }, { cometApi: data });
	const options = await helper.authenticate(
		data,
		'cometApi',
		{ url: request.url ?? '', method: request.method } as IHttpRequestOptions,
		workflow,
		node,
	);
	const response = await fetch(`${String(resolve(request.baseURL))}${options.url}`, {
		method: options.method,
		headers: options.headers as Record<string, string>,
	});
	return response.status;
}

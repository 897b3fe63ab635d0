import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class CometApi implements ICredentialType {
	name = 'cometApi';

	displayName = 'CometAPI API';

	icon: Icon = { light: 'file:cometApi.svg', dark: 'file:cometApi.dark.svg' };

	documentationUrl = 'https://github.com/cometapi/n8n-nodes-cometapi-kling#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your CometAPI key, from the API Keys page of your CometAPI dashboard',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.cometapi.com',
			description: 'Change only to reach CometAPI through a proxy or a compatible server',
		},
	];

	// Keys are often pasted with a trailing newline or space; trimming here keeps the header valid.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{ String($credentials.apiKey).trim() }}',
			},
		},
	};

	// Listing models is read-only and free, and answers 401 for a key CometAPI does not know.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).trim().replace(/\\/+$/, "") }}',
			url: '/v1/models',
			method: 'GET',
		},
	};
}

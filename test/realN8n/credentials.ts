/** How a node refers to a credential, and how `n8n import:credentials` takes one. */
export interface CredentialRef {
	id: string;
	name: string;
}

export interface CredentialExport extends CredentialRef {
	type: string;
	/** Plain fields: n8n encrypts them with N8N_ENCRYPTION_KEY on import. */
	data: Record<string, string>;
}

export const COMET_API_CREDENTIAL_TYPE = 'cometApi';

export function cometApiCredential(
	ref: CredentialRef,
	fields: { apiKey: string; baseUrl: string },
): CredentialExport {
	return { ...ref, type: COMET_API_CREDENTIAL_TYPE, data: { ...fields } };
}

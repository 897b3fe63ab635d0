import type { IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { parseJsonAnswer } from '../parsing/parseJsonAnswer';

export const COMET_API_CREDENTIAL = 'cometApi';

export interface ApiResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	/** A body already serialized as JSON, sent as it is. */
	json?: string;
	timeoutMs: number;
}

function normalizeBaseUrl(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	return (text || 'https://api.cometapi.com').replace(/\/+$/, '');
}

export interface ServerSettings {
	baseUrl: string;
	/** Only to scrub it from anything a server echoes back; never sent from here. */
	apiKey: string;
}

/** Reads the credential once per run: every request of the run goes to the same server. */
export async function getServerSettings(context: IExecuteFunctions): Promise<ServerSettings> {
	const credentials = await context.getCredentials(COMET_API_CREDENTIAL);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	return { baseUrl: normalizeBaseUrl(credentials.baseUrl), apiKey };
}

/**
 * The only place that speaks to CometAPI. Every HTTP status comes back as a response so
 * that callers can tell a missing task from a bad key; only network failures throw. The
 * body is read as text and parsed here, so that long numeric task ids keep every digit.
 * n8n gives these requests the execution's abort signal itself: stopping a run aborts them.
 */
export async function cometApiRequest(
	context: IExecuteFunctions,
	baseUrl: string,
	request: ApiRequest,
): Promise<ApiResponse> {
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (request.json !== undefined) headers['Content-Type'] = 'application/json';

	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		COMET_API_CREDENTIAL,
		{
			method: request.method,
			url: `${baseUrl}${request.path}`,
			body: request.json,
			headers,
			encoding: 'text',
			json: false,
			timeout: request.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
	)) as { statusCode: number; headers?: ApiResponse['headers']; body: unknown };

	return {
		statusCode: response.statusCode,
		headers: response.headers ?? {},
		body: parseJsonAnswer(response.body),
	};
}
